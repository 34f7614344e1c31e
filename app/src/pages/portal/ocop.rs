//! A producer's OCOP `/portal/ocop`: registering its products for the open cycle (new or
//! existing), its certificates and their expiry (registering again from there), and every
//! registration of every year; one registration `/portal/ocop/{id}`: the dossier checklist
//! with its uploads and the corrections asked for, its status, its scores once decided, and
//! its certificate.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::cycles::{portal_ocop, portal_registration};
use crate::components::checklist::{Checklist, Side};
use crate::components::field::{
    use_notice, CodeSelect, FormRefused, Saved, SelectField, TextArea, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::cycle::pages::OwnOcop;
use crate::model::cycle::status::{RegistrationKind, RegistrationStatus};
use crate::model::ids::RegistrationId;
use crate::model::notice::Notice;
use crate::pages::admin::cycles::registrations::{
    CommuneReviews, History, RegistrationHead, Results,
};
use crate::paths::portal_ocop;

#[component]
pub fn PortalOcop() -> impl IntoView {
    let lang = use_lang();
    let again = use_query_map()
        .with_untracked(|query| query.get("again").and_then(|id| id.parse::<i64>().ok()));
    view! {
        <Title text=t(lang, "OCOP của tôi", "My OCOP") />
        <PrivateNav current="/portal/ocop" />
        <h1>{t(lang, "Đánh giá, phân hạng OCOP", "OCOP evaluation")}</h1>
        <Suspense>
            {OnePass::after(async move {
                guarded(portal_ocop().await, lang, move |ocop| view! { <OcopView ocop again lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn OcopView(ocop: OwnOcop, again: Option<i64>, lang: Lang) -> impl IntoView {
    let kinds: Vec<(String, String)> = RegistrationKind::ALL
        .iter()
        .map(|k| (k.to_string(), k.label(lang).to_owned()))
        .collect();
    let preselected_kind = if again.is_some() {
        RegistrationKind::Existing.to_string()
    } else {
        String::new()
    };
    view! {
        <section aria-labelledby="dang-ky">
            <h2 id="register">{t(lang, "Đăng ký sản phẩm", "Register a product")}</h2>
            {match ocop.open_cycle.clone() {
                None => view! { <p class="empty">{t(lang, "Hiện không có chu trình nào nhận đăng ký.", "No cycle takes registrations now.")}</p> }.into_any(),
                Some(cycle) => view! {
                    <p>{cycle.name.clone()}{cycle.registration_until.map(|d| format!(" · {} {}", t(lang, "nhận đăng ký đến hết ngày", "registration until"), d.shown()))}</p>
                    <FormRefused />
                    <form method="post" action=portal_ocop::register() class="stack-form">
                        <CodeSelect name="kind" label=t(lang, "Loại", "Kind") options=kinds.clone() selected=preselected_kind.clone() required=true empty=t(lang, "— Chọn —", "— Choose —") />
                        <p class="hint">{t(lang, "Sản phẩm mới: chưa từng được đánh giá, phân hạng OCOP (phiếu mẫu 01). Sản phẩm đã có: đã được công nhận, nay đánh giá lại hoặc nâng hạng (phiếu mẫu 02).", "New: never rated under OCOP before (form 01). Existing: recognised before, now rated again or for a higher star (form 02).")}</p>
                        <SelectField name="product_id" label=t(lang, "Sản phẩm của cơ sở", "One of your products") choices=ocop.products.clone() selected=again.unwrap_or_default() />
                        <p class="hint">{t(lang, "Sản phẩm chưa có trên cổng: để trống ô trên, điền tên và chọn bộ sản phẩm.", "A product not on the portal yet: leave the above empty, name it and choose its set.")}</p>
                        <div class="field-row">
                            <TextField name="new_name" label=t(lang, "Tên sản phẩm mới", "New product's name") value="" max=200 />
                            <SelectField name="set_id" label=t(lang, "Bộ sản phẩm", "Product set") choices=ocop.sets.clone() selected=0 />
                        </div>
                        <button type="submit" class="button">{t(lang, "Đăng ký", "Register")}</button>
                    </form>
                }.into_any(),
            }}
        </section>
        <section aria-labelledby="chung-nhan">
            <h2 id="chung-nhan">{t(lang, "Giấy chứng nhận", "Certificates")}</h2>
            {if ocop.certificates.is_empty() {
                view! { <p class="empty">{t(lang, "Chưa có sản phẩm được chứng nhận.", "No certified product yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {ocop.certificates.iter().map(|c| view! {
                            <li>{c.product_name.clone()}" · "{format!("{} ★", c.stars)}" · "
                                {if c.expired { t(lang, "đã hết hạn ngày ", "expired on ") } else { t(lang, "hiệu lực đến ", "valid until ") }}
                                {c.expires_on.shown()}
                                {(!c.re_registered && ocop.open_cycle.is_some()).then(|| view! {
                                    " · "<a href=format!("/portal/ocop?again={}#register", c.product_id)>{t(lang, "Đăng ký đánh giá lại", "Register for re-evaluation")}</a>
                                })}
                                {c.re_registered.then(|| t(lang, " · đã đăng ký lại", " · registered again"))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="ho-so">
            <h2 id="ho-so">{t(lang, "Hồ sơ đã đăng ký", "Registrations")}</h2>
            {if ocop.registrations.is_empty() {
                view! { <p class="empty">{t(lang, "Chưa đăng ký sản phẩm nào.", "No registration yet.")}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t(lang, "Năm", "Year")}</th>
                            <th scope="col">{t(lang, "Sản phẩm", "Product")}</th>
                            <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                        </tr></thead>
                        <tbody>
                            {ocop.registrations.into_iter().map(|r| view! {
                                <tr>
                                    <td>{r.year.to_string()}</td>
                                    <td data-label=t(lang, "Sản phẩm", "Product")><a href=portal_ocop::registration(r.id)>{r.product_name}</a>" · "{r.kind.label(lang)}</td>
                                    <td data-label=t(lang, "Trạng thái", "Status")>{r.status.label(lang)}
                                        {(r.to_do > 0 && r.status == RegistrationStatus::Registered).then(|| match lang {
                                            Lang::Vi => format!(" · còn {} mục cần nộp hoặc sửa", r.to_do),
                                            Lang::En => format!(" · {} items to send or correct", r.to_do),
                                        })}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn PortalRegistration() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|params| {
        params
            .get("id")
            .and_then(|id| id.parse::<RegistrationId>().ok())
    });
    let chosen = use_query_map().with_untracked(|query| query.get("item"));
    let notice = match use_notice() {
        Some(Notice::Sent) => Some(t(
            lang,
            "Đã nộp tệp, chờ Văn phòng OCOP kiểm tra.",
            "Sent; the OCOP office will check it.",
        )),
        Some(Notice::Created) => Some(t(
            lang,
            "Đã đăng ký. Hãy nộp các mục hồ sơ bên dưới.",
            "Registered. Send the dossier's items below.",
        )),
        Some(_) => Some(t(lang, "Đã lưu.", "Saved.")),
        None => None,
    };
    view! {
        <Title text=t(lang, "Hồ sơ OCOP", "OCOP registration") />
        <PrivateNav current="/portal/ocop" />
        {notice.map(|text| view! { <Saved text /> })}
        <Suspense>
            {OnePass::after(async move {
                let chosen = chosen.clone();
                let found = match id {
                    Some(id) => portal_registration(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |record| {
                    let id = record.id;
                    let status = record.status;
                    view! {
                        <p class="breadcrumbs"><a href="/portal/ocop">{t(lang, "OCOP của tôi", "My OCOP")}</a></p>
                        <h1>{record.product_name.clone()}</h1>
                        <RegistrationHead record=record.clone() lang />
                        <FormRefused />
                        <section aria-labelledby="ho-so">
                            <h2 id="ho-so">{t(lang, "Hồ sơ", "Dossier")}</h2>
                            <Checklist registration=id items=record.items.clone() side=Side::Producer open=status == RegistrationStatus::Registered chosen />
                        </section>
                        <CommuneReviews reviews=record.reviews.clone() lang />
                        <Results evaluations=record.evaluations.clone() lang />
                        {record.certificate.clone().map(|c| view! {
                            <section>
                                <h2>{t(lang, "Giấy chứng nhận", "Certificate")}</h2>
                                <p>{c.certificate_no}" · "{format!("{} ★", c.stars)}" · "{c.outcome.label(lang)}" · "
                                    {t(lang, "hiệu lực đến ", "valid until ")}{c.expires_on.shown()}
                                    {c.revoked_on.map(|_| t(lang, " · đã thu hồi", " · revoked"))}</p>
                            </section>
                        })}
                        {status.open().then(|| view! {
                            <details>
                                <summary>{t(lang, "Rút hồ sơ", "Withdraw")}</summary>
                                <form method="post" action=portal_ocop::withdraw(id) class="stack-form">
                                    <TextArea name="reason" label=t(lang, "Lý do", "Reason") value="" required=true max=500 rows=2 />
                                    <button type="submit" class="button danger">{t(lang, "Rút hồ sơ", "Withdraw")}</button>
                                </form>
                            </details>
                        })}
                        <History lines=record.history.clone() lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
