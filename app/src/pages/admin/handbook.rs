//! The product handbook `/admin/handbook?from=2018&to=2020`: cover, introduction, contents,
//! the products recognised in the period by group and unit (photo, stars, description,
//! producer, contact, a QR code to the product's page), and an index by producer. Made to be
//! printed on A4 (or saved as PDF from the print dialogue): a group starts a page, a product
//! is never cut in two.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::get_handbook;
use crate::components::guard::guarded;
use crate::components::illustration::Illustration;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::components::product_card::StarBadge;
use crate::components::qr::QrCode;
use crate::i18n::{t, use_lang, Lang};
use crate::model::handbook::{Handbook, HandbookEntry};
use crate::model::office::Office;
use crate::site::{use_public_url, PublicUrl};

#[component]
pub fn HandbookPage() -> impl IntoView {
    let lang = use_lang();
    let (from, to) = use_query_map().with_untracked(|q| (q.get("from"), q.get("to")));
    let public_url = use_public_url();
    view! {
        <Title text=t(lang, "Sổ tay sản phẩm OCOP", "OCOP product handbook") />
        <div class="no-print"><PrivateNav current="/admin/reports" /></div>
        <Suspense>
            {OnePass::after(async move {
                let public_url = public_url.clone();
                guarded(get_handbook(from, to).await, lang, move |handbook| {
                    view! {
                        <PeriodForm handbook=handbook.clone() lang />
                        <HandbookView handbook public_url=public_url.clone() lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn PeriodForm(handbook: Handbook, lang: Lang) -> impl IntoView {
    view! {
        <div class="no-print">
            <p class="breadcrumbs"><a href="/admin/reports">{t(lang, "Báo cáo", "Reports")}</a></p>
            <h1>{t(lang, "Sổ tay sản phẩm OCOP", "OCOP product handbook")}</h1>
            <form method="get" action="/admin/handbook" class="filters">
                <div class="field">
                    <label for="f-tu">{t(lang, "Công nhận từ năm", "Recognised from")}</label>
                    <input id="f-tu" name="from" type="number" min="2000" max="2100" inputmode="numeric" value=handbook.period.from.to_string() />
                </div>
                <div class="field">
                    <label for="f-den">{t(lang, "đến năm", "to")}</label>
                    <input id="f-den" name="to" type="number" min="2000" max="2100" inputmode="numeric" value=handbook.period.to.to_string() />
                </div>
                <button type="submit" class="button secondary">{t(lang, "Lập sổ tay", "Make the handbook")}</button>
            </form>
            <p class="muted">{t(lang,
                "In bằng lệnh In của trình duyệt (Ctrl + P), khổ A4; chọn “Lưu dưới dạng PDF” để có tệp PDF. Mỗi nhóm sản phẩm bắt đầu một trang mới, không sản phẩm nào bị cắt đôi.",
                "Print with the browser's Print (Ctrl + P) on A4; choose “Save as PDF” for a PDF file. Each product group starts a new page; no product is cut in two.")}</p>
        </div>
    }
}

#[component]
fn HandbookView(handbook: Handbook, public_url: PublicUrl, lang: Lang) -> impl IntoView {
    let period = handbook.period.label();
    let count = handbook.entry_count();
    let [three, four, five] = handbook.by_stars();
    let producers = handbook.index.len();
    let introduction = match lang {
        Lang::Vi => format!(
            "Sổ tay giới thiệu {count} sản phẩm OCOP của tỉnh được công nhận trong giai đoạn {period}, gồm {five} sản phẩm 5 sao, {four} sản phẩm 4 sao và {three} sản phẩm 3 sao, của {producers} chủ thể. Sản phẩm được xếp theo nhóm sản phẩm, trong mỗi nhóm theo địa phương; mỗi sản phẩm có số thứ tự, hạng sao, mô tả, chủ thể sản xuất, thông tin liên hệ và mã QR dẫn đến trang của sản phẩm trên cổng thông tin, nơi luôn có thông tin mới nhất. Chỉ mục theo chủ thể ở cuối sổ tay."
        ),
        Lang::En => format!(
            "This handbook presents the province's {count} OCOP products recognised in {period}: {five} with 5 stars, {four} with 4 stars and {three} with 3 stars, from {producers} producers. Products are ordered by product group and, within each group, by locality; each has its number, stars, description, producer, contact and a QR code to its page on the portal, which always has the latest. An index by producer closes the handbook."
        ),
    };
    let contents = handbook
        .groups
        .iter()
        .enumerate()
        .map(|(i, group)| {
            let numbers: Vec<u32> = group.entries().map(|e| e.number).collect();
            let span = match (numbers.first(), numbers.last()) {
                (Some(first), Some(last)) if first != last => format!("{first}–{last}"),
                (Some(first), _) => first.to_string(),
                _ => String::new(),
            };
            let name = match lang {
                Lang::Vi => group.name_vi.clone(),
                Lang::En => group.name_en.clone(),
            };
            view! {
                <li><a href=format!("#group-{}", i + 1)>{name}</a><span class="leader"></span><span>{t(lang, "số ", "nos. ")}{span}</span></li>
            }
        })
        .collect_view();
    let groups = handbook
        .groups
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let name = match lang {
                Lang::Vi => group.name_vi,
                Lang::En => group.name_en,
            };
            let units = group
                .units
                .into_iter()
                .map(|unit| {
                    let entries = unit
                        .entries
                        .into_iter()
                        .map(|entry| view! { <Entry entry public_url=public_url.clone() lang /> })
                        .collect_view();
                    view! {
                        <h3 class="handbook-unit">{unit.name}</h3>
                        <div class="handbook-entries">{entries}</div>
                    }
                })
                .collect_view();
            view! {
                <section class="handbook-group" id=format!("group-{}", i + 1) aria-labelledby=format!("group-{}-title", i + 1)>
                    <h2 id=format!("group-{}-title", i + 1)>{name}</h2>
                    {units}
                </section>
            }
        })
        .collect_view();
    let index = handbook
        .index
        .into_iter()
        .map(|line| {
            let numbers = line
                .numbers
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            view! { <li><span>{line.name}</span><span class="leader"></span><span>{numbers}</span></li> }
        })
        .collect_view();
    view! {
        <article class="handbook">
            <section class="handbook-cover">
                <p class="handbook-office">{Office::current().name.get(lang).to_owned()}</p>
                <h2 class="handbook-title">{t(lang, "Sổ tay sản phẩm OCOP", "OCOP product handbook")}</h2>
                <p class="handbook-period">{t(lang, "Giai đoạn ", "")}{period.clone()}</p>
                <p class="handbook-count">{match lang {
                    Lang::Vi => format!("{count} sản phẩm · {producers} chủ thể"),
                    Lang::En => format!("{count} products · {producers} producers"),
                }}</p>
            </section>
            <section class="handbook-intro" aria-labelledby="loi-gioi-thieu">
                <h2 id="loi-gioi-thieu">{t(lang, "Lời giới thiệu", "Introduction")}</h2>
                <p>{introduction}</p>
                <h2 id="contents">{t(lang, "Mục lục", "Contents")}</h2>
                <ol class="handbook-contents">{contents}</ol>
            </section>
            {if count == 0 {
                view! { <p class="empty">{t(lang, "Không có sản phẩm nào được công nhận trong giai đoạn này.", "No product was recognised in this period.")}</p> }.into_any()
            } else {
                groups.into_any()
            }}
            <section class="handbook-index" aria-labelledby="chi-muc">
                <h2 id="chi-muc">{t(lang, "Chỉ mục theo chủ thể", "Index by producer")}</h2>
                <ul>{index}</ul>
            </section>
        </article>
    }
}

#[component]
fn Entry(entry: HandbookEntry, public_url: PublicUrl, lang: Lang) -> impl IntoView {
    let url = public_url.join(&format!("/products/{}", entry.slug));
    let qr_label = format!(
        "{} {}",
        t(lang, "Mã QR đến trang của", "QR code to the page of"),
        entry.name
    );
    let entry_has_no_photo = entry.image.is_none().then_some("true");
    let photo = match entry.image {
        Some(image) => {
            view! { <img src=image.src alt=image.alt loading="lazy" decoding="async" /> }.into_any()
        }
        None => view! { <Illustration set_slug=entry.set_slug.clone() name=entry.name.clone() /> }
            .into_any(),
    };
    view! {
        <article class="handbook-entry" id=format!("so-{}", entry.number)>
            <div class="handbook-photo card-photo" aria-hidden=entry_has_no_photo>{photo}</div>
            <div class="handbook-text">
                <h4><span class="handbook-number">{entry.number}". "</span>{entry.name.clone()}</h4>
                <StarBadge stars=entry.stars lang />
                <p class="muted">{match lang {
                    Lang::Vi => format!("Giấy chứng nhận {} ngày {}", entry.certificate_no, entry.issued_on.shown()),
                    Lang::En => format!("Certificate {} of {}", entry.certificate_no, entry.issued_on.shown()),
                }}</p>
                <p>{entry.summary}</p>
                <p><strong>{entry.producer_name}</strong></p>
                <p class="handbook-contact">
                    {(!entry.address.is_empty()).then(|| entry.address.clone())}
                    {entry.phone.map(|phone| view! { <br />{t(lang, "Điện thoại: ", "Phone: ")}{phone} })}
                </p>
            </div>
            <div class="handbook-qr">
                <QrCode url=url.clone() label=qr_label />
                <p class="handbook-url">{url}</p>
            </div>
        </article>
    }
}
