//! A product's sheets of OCOP stamps (`/portal/products/{id}/stamps`): the producer chooses a
//! size and a number of A4 sheets, sees them, and prints them with the browser's Print. Each
//! stamp gives the star, the certificate's number and the QR code of its proof; the QR code
//! is drawn once and each stamp refers to it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::portal::stamp_sheet;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::components::qr::{symbol_side, QrCopy, QrSymbol};
use crate::i18n::{t, use_lang, Lang};
use crate::model::ids::ProductId;
use crate::model::stamps::{sheets, Stamp, StampSize, GAP_MM, MAX_SHEETS};
use crate::model::verification::scan_path;
use crate::paths::portal;
use crate::site::use_public_url;

const SYMBOL: &str = "stamp-qr";

#[component]
pub fn PortalStamps() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<ProductId>().ok()));
    let query = use_query_map().get_untracked();
    let size = StampSize::parse(query.get("size").as_deref());
    let count = sheets(query.get("sheets").as_deref());
    let public_url = use_public_url();
    view! {
        <Title text=t(lang, "In tem OCOP", "Print OCOP stamps") />
        <div class="no-print"><PrivateNav current="/portal/products" /></div>
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => stamp_sheet(id).await.map(|sheet| (id, sheet)),
                    None => Err(crate::error::AppError::NotFound),
                };
                let public_url = public_url.clone();
                guarded(found, lang, move |(id, sheet)| {
                    let head = view! {
                        <div class="no-print">
                            <p><a href=portal::listing(id)>{format!("← {}", sheet.product_name)}</a></p>
                            <h1>{t(lang, "In tem OCOP", "Print OCOP stamps")}</h1>
                        </div>
                    };
                    let Some(stamp) = sheet.stamp else {
                        return view! {
                            {head}
                            <p class="empty">{t(lang,
                                "Sản phẩm này không có giấy chứng nhận OCOP còn hiệu lực, nên không in tem được. Tem chỉ in cho hạng sao đang có hiệu lực.",
                                "This product holds no valid OCOP certificate, so no stamps can be printed. Stamps are printed only for a star valid today.")}</p>
                        }.into_any();
                    };
                    let url = public_url.join(&scan_path(stamp.gtin.as_ref(), Some(&stamp.certificate_no), &stamp.slug));
                    view! {
                        {head}
                        <StampForm id size count lang />
                        <QrSymbol id=SYMBOL url=url.clone() />
                        <Sheets stamp url size count lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// The size and number of sheets, sent as the page's query (a form without script).
#[component]
fn StampForm(id: ProductId, size: StampSize, count: u32, lang: Lang) -> impl IntoView {
    let option = move |choice: StampSize| {
        let width = choice.width_mm();
        let label = match lang {
            Lang::Vi => format!(
                "{width} × {} mm ({} tem một tờ)",
                choice.height_mm(),
                choice.per_sheet()
            ),
            Lang::En => format!(
                "{width} × {} mm ({} stamps a sheet)",
                choice.height_mm(),
                choice.per_sheet()
            ),
        };
        view! { <option value=width.to_string() selected=choice == size>{label}</option> }
    };
    view! {
        <form method="get" action=portal::stamps(id) class="filter-form no-print">
            <div class="field">
                <label for="f-size">{t(lang, "Cỡ tem", "Stamp size")}</label>
                <select id="f-size" name="size">{StampSize::ALL.map(option).collect_view()}</select>
            </div>
            <div class="field">
                <label for="f-sheets">{t(lang, "Số tờ A4", "A4 sheets")}</label>
                <input id="f-sheets" name="sheets" type="number" min="1" max=MAX_SHEETS.to_string() value=count.to_string() />
            </div>
            <button type="submit" class="button secondary">{t(lang, "Xem tem", "Show the stamps")}</button>
        </form>
        <p class="muted no-print">{t(lang,
            "In bằng lệnh In của trình duyệt (Ctrl+P), khổ A4, tỉ lệ 100% (không “vừa trang”). Mỗi tờ là một trang; không tem nào bị cắt qua hai trang.",
            "Print with the browser's Print (Ctrl+P), A4, at 100% scale (not “fit to page”). Each sheet is one page; no stamp is cut across two.")}</p>
    }
}

#[component]
fn Sheets(stamp: Stamp, url: String, size: StampSize, count: u32, lang: Lang) -> impl IntoView {
    let (across, _) = size.grid();
    let side = symbol_side(&url);
    let stars = "★".repeat(usize::from(stamp.stars.get()));
    let stars_said = match lang {
        Lang::Vi => format!("{} sao", stamp.stars),
        Lang::En => format!("{} stars", stamp.stars),
    };
    let label = match lang {
        Lang::Vi => format!("Mã QR kiểm tra giấy chứng nhận {}", stamp.certificate_no),
        Lang::En => format!("QR code checking certificate {}", stamp.certificate_no),
    };
    let style = format!(
        "grid-template-columns: repeat({across}, {w}mm); grid-auto-rows: {h}mm; gap: {GAP_MM}mm; --stamp-width: {w}mm",
        w = size.width_mm(),
        h = size.height_mm(),
    );
    let one = move || {
        view! {
            <div class="stamp">
                <p class="stamp-head"><span class="stamp-brand">"OCOP"</span>" "<span class="stamp-stars" aria-hidden="true">{stars.clone()}</span></p>
                <QrCopy id=SYMBOL side label=label.clone() />
                <p class="stamp-said">{stars_said.clone()}</p>
                <p class="stamp-number">{stamp.certificate_no.clone()}</p>
            </div>
        }
    };
    (1..=count)
        .map(|number| {
            let name = match lang {
                Lang::Vi => format!("Tờ tem {number}/{count}"),
                Lang::En => format!("Sheet {number} of {count}"),
            };
            view! {
                <section class="stamp-sheet" style=style.clone() aria-label=name>
                    {(0..size.per_sheet()).map(|_| one()).collect_view()}
                </section>
            }
        })
        .collect_view()
}
