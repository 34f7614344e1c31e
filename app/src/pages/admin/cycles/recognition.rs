//! Recognition `/admin/cycles/{year}/decision`: the products the councils scored within their
//! powers, awaiting the decision; a decision (number, date) recognises the chosen ones at once,
//! each with its certificate.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::cycles::awaiting_decisions;
use crate::components::field::{use_notice, FieldMessage, FormRefused, Saved, TextField};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::format::score;
use crate::i18n::{t, use_lang};
use crate::model::cycle::status::CertificateOutcome;
use crate::paths::ocop_admin;

use super::{year_param, CycleTabs};

#[component]
pub fn RecognitionPage() -> impl IntoView {
    let lang = use_lang();
    let year = year_param();
    let decided = use_notice().is_some();
    view! {
        <Title text=t(lang, "Công nhận sản phẩm OCOP", "Recognising OCOP products") />
        <PrivateNav current="/admin/cycles" />
        {decided.then(|| view! { <Saved text=t(lang, "Đã ban hành quyết định và cấp giấy chứng nhận.", "The decision is recorded and the certificates issued.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let found = match year {
                    Some(year) => awaiting_decisions(year).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, |(cycle, awaiting)| {
                    let year = cycle.year;
                    view! {
                        <CycleTabs cycle current="/decision" />
                        {if awaiting.is_empty() {
                            view! { <p class="empty">{t(lang, "Không có sản phẩm nào chờ quyết định công nhận.", "No product awaits a recognition decision.")}</p> }.into_any()
                        } else {
                            view! {
                                <FormRefused />
                                <form method="post" action=ocop_admin::decide(year) class="stack-form wide">
                                    <fieldset>
                                        <legend>{t(lang, "Sản phẩm được công nhận theo quyết định", "Products this decision recognises")}</legend>
                                        <FieldMessage name="registrations" />
                                        <table class="data-table">
                                            <thead><tr>
                                                <th scope="col">{t(lang, "Chọn", "Choose")}</th>
                                                <th scope="col">{t(lang, "Sản phẩm", "Product")}</th>
                                                <th scope="col">{t(lang, "Hội đồng", "Council")}</th>
                                                <th scope="col" class="number">{t(lang, "Điểm", "Score")}</th>
                                                <th scope="col">{t(lang, "Hạng", "Stars")}</th>
                                                <th scope="col">{t(lang, "So với trước", "Beside before")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {awaiting.into_iter().map(|line| {
                                                    let name = format!("registration-{}", line.registration_id);
                                                    let outcome = CertificateOutcome::of(line.previous_stars, line.stars);
                                                    view! {
                                                        <tr>
                                                            <td><input type="checkbox" id=name.clone() name=name.clone() checked=true /></td>
                                                            <td><label for=name>{line.product_name}</label><br /><span class="muted">{line.producer_name}</span></td>
                                                            <td data-label=t(lang, "Hội đồng", "Council")>{line.council_level.label(lang)}</td>
                                                            <td class="number" data-label=t(lang, "Điểm", "Score")>{score(line.total, lang)}</td>
                                                            <td data-label=t(lang, "Hạng", "Stars")>{format!("{} ★", line.stars)}</td>
                                                            <td data-label=t(lang, "So với trước", "Beside before")>{outcome.label(lang)}</td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </fieldset>
                                    <div class="field-row">
                                        <TextField name="decision_no" label=t(lang, "Số quyết định", "Decision number") value="" required=true max=100 />
                                        <TextField name="decision_date" kind="date" label=t(lang, "Ngày quyết định", "Decision date") value="" required=true />
                                    </div>
                                    <p class="hint">{t(lang, "Giấy chứng nhận có hiệu lực 36 tháng kể từ ngày quyết định.", "Certificates are valid 36 months from the decision's date.")}</p>
                                    <button type="submit" class="button">{t(lang, "Công nhận và cấp giấy chứng nhận", "Recognise and issue the certificates")}</button>
                                </form>
                            }.into_any()
                        }}
                    }.into_any()
                })
            })}
        </Suspense>
    }
}
