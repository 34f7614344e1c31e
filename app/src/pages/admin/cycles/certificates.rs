//! Certificates `/admin/certificates`: those ending within 90 days (and those ended in the last
//! 90), whether their producer was told and registered again; a certificate is revoked with a
//! reason (its form opened by `?revoke=ID`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::cycles::expiring_certificates;
use crate::components::field::{use_notice, FormRefused, Saved, TextArea};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::paths::ocop_admin;

#[component]
pub fn CertificatesPage() -> impl IntoView {
    let lang = use_lang();
    let chosen = use_query_map()
        .with_untracked(|query| query.get("revoke").and_then(|id| id.parse::<i64>().ok()));
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Giấy chứng nhận sắp hết hạn", "Certificates about to expire") />
        <PrivateNav current="/admin/cycles" />
        <p class="breadcrumbs"><a href="/admin/cycles">{t(lang, "Chu trình OCOP", "OCOP cycles")}</a></p>
        <h1>{t(lang, "Giấy chứng nhận hết hạn trong 90 ngày", "Certificates expiring within 90 days")}</h1>
        <p class="muted">{t(lang,
            "Chủ thể được báo một lần, 30 ngày trước khi hết hạn, trong cổng và qua email.",
            "Producers are told once, 30 days before, in their portal and by email.")}</p>
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <FormRefused />
        <Suspense>
            {OnePass::after(async move {
                guarded(expiring_certificates(chosen).await, lang, move |lines| {
                    if lines.is_empty() {
                        return view! { <p class="empty">{t(lang, "Không có.", "None.")}</p> }.into_any();
                    }
                    view! {
                        <table class="data-table">
                            <thead><tr>
                                <th scope="col">{t(lang, "Sản phẩm", "Product")}</th>
                                <th scope="col">{t(lang, "Giấy chứng nhận", "Certificate")}</th>
                                <th scope="col">{t(lang, "Hết hạn", "Expires")}</th>
                                <th scope="col">{t(lang, "Đã báo", "Told")}</th>
                                <th scope="col">{t(lang, "Thao tác", "Actions")}</th>
                            </tr></thead>
                            <tbody>
                                {lines.into_iter().map(|line| {
                                    let open = chosen == Some(line.id);
                                    view! {
                                        <tr id=format!("certificate-{}", line.id)>
                                            <td><a href=format!("/products/{}", line.product_slug)>{line.product_name}</a><br /><span class="muted">{line.producer_name}</span></td>
                                            <td data-label=t(lang, "Giấy chứng nhận", "Certificate")>{line.certificate_no}" · "{format!("{} ★", line.stars)}</td>
                                            <td data-label=t(lang, "Hết hạn", "Expires")>{line.expires_on.shown()}</td>
                                            <td data-label=t(lang, "Đã báo", "Told")>
                                                {if line.notified { t(lang, "Đã báo", "Told") } else { t(lang, "Chưa", "Not yet") }}
                                                {line.re_registered.then(|| t(lang, " · đã đăng ký lại", " · registered again"))}
                                            </td>
                                            <td>
                                                {if open {
                                                    view! {
                                                        <form method="post" action=ocop_admin::revoke(line.id) class="stack-form">
                                                            <TextArea name="reason" label=t(lang, "Lý do thu hồi", "Reason for revoking") value="" required=true max=500 rows=2 />
                                                            <button type="submit" class="button danger">{t(lang, "Thu hồi", "Revoke")}</button>
                                                        </form>
                                                    }.into_any()
                                                } else {
                                                    view! { <a href=format!("/admin/certificates?revoke={}#certificate-{}", line.id, line.id)>{t(lang, "Thu hồi…", "Revoke…")}</a> }.into_any()
                                                }}
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
