//! Councils: a cycle's councils and a new one `/admin/cycles/{year}/councils`; one council
//! `/admin/councils/{id}`: the products waiting at its level, each member's sheet (parts A, B, C
//! with the scheme's maxima and what each covers), the average so far and its star, and the
//! council's result when the sheets are in.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::cycles::{get_council, get_pipeline};
use crate::components::field::{
    use_notice, CodeSelect, FieldMessage, FormRefused, Saved, TextArea, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::format::score;
use crate::i18n::{t, use_lang, Lang};
use crate::model::cycle::pages::{CouncilPage, Scoring};

use super::{year_param, CycleTabs};
use crate::model::ids::{CouncilId, RegistrationId};
use crate::paths::ocop_admin;

#[component]
pub fn CouncilsPage() -> impl IntoView {
    let lang = use_lang();
    let year = year_param();
    view! {
        <Title text=t(lang, "Hội đồng đánh giá", "Evaluation councils") />
        <PrivateNav current="/admin/cycles" />
        <Suspense>
            {OnePass::after(async move {
                let found = match year {
                    Some(year) => get_pipeline(year).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, |pipeline| {
                    let year = pipeline.cycle.year;
                    let levels = pipeline.powers.0.iter().map(|(l, _)| (l.to_string(), l.label(lang).to_owned())).collect();
                    view! {
                        <CycleTabs cycle=pipeline.cycle.clone() current="/councils" />
                        {if pipeline.councils.is_empty() {
                            view! { <p class="empty">{t(lang, "Chưa thành lập hội đồng.", "No council formed yet.")}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data-table">
                                    <thead><tr>
                                        <th scope="col">{t(lang, "Hội đồng", "Council")}</th>
                                        <th scope="col">{t(lang, "Cấp", "Level")}</th>
                                        <th scope="col" class="number">{t(lang, "Thành viên", "Members")}</th>
                                        <th scope="col" class="number">{t(lang, "Sản phẩm chờ chấm", "Products waiting")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {pipeline.councils.iter().map(|c| view! {
                                            <tr>
                                                <td><a href=ocop_admin::council(c.id)>{c.name.clone()}</a><br /><span class="muted">{c.formed_on.shown()}</span></td>
                                                <td data-label=t(lang, "Cấp", "Level")>{c.level.label(lang)}</td>
                                                <td class="number" data-label=t(lang, "Thành viên", "Members")>{c.members}</td>
                                                <td class="number" data-label=t(lang, "Sản phẩm chờ chấm", "Products waiting")>{c.waiting}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <h2>{t(lang, "Thành lập hội đồng", "Form a council")}</h2>
                        <p class="muted">{match lang {
                            Lang::Vi => format!("Theo {}, các cấp sau đánh giá, phân hạng:", pipeline.cycle.scheme_code),
                            Lang::En => format!("Under {}, these levels evaluate products:", pipeline.cycle.scheme_code),
                        }}</p>
                        <ul class="muted">
                            {pipeline.powers.0.iter().map(|(level, up_to)| view! {
                                <li>{level.label(lang)}": "{match (up_to, lang) {
                                    (Some(up_to), Lang::Vi) => format!("công nhận sản phẩm đến {up_to} sao, cao hơn chuyển lên cấp trên"),
                                    (Some(up_to), Lang::En) => format!("recognises products of up to {up_to} stars, higher ones go up a level"),
                                    (None, Lang::Vi) => "chấm điểm, đề nghị công nhận".to_owned(),
                                    (None, Lang::En) => "scores and proposes for recognition".to_owned(),
                                }}</li>
                            }).collect_view()}
                        </ul>
                        <FormRefused />
                        <form method="post" action=ocop_admin::form_council(year) class="stack-form">
                            <div class="field-row">
                                <CodeSelect name="level" label=t(lang, "Cấp", "Level") options=levels selected="" required=true empty=t(lang, "— Chọn —", "— Choose —") />
                                <TextField name="formed_on" kind="date" label=t(lang, "Ngày thành lập", "Formed on") value="" required=true />
                            </div>
                            <TextField name="name" label=t(lang, "Tên hội đồng", "Name") value="" required=true max=200 />
                            <TextArea name="members" label=t(lang, "Thành viên, mỗi người một dòng: Họ tên, chức danh", "Members, one per line: name, role") value="" required=true max=4000 rows=6 />
                            <button type="submit" class="button">{t(lang, "Thành lập", "Form the council")}</button>
                        </form>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
pub fn CouncilScoring() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<CouncilId>().ok()));
    let chosen = use_query_map().with_untracked(|query| {
        query
            .get("product")
            .and_then(|id| id.parse::<RegistrationId>().ok())
    });
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Chấm điểm", "Scoring") />
        <PrivateNav current="/admin/cycles" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let found = match id {
                    Some(id) => get_council(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |page| view! { <CouncilView page chosen lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn CouncilView(page: CouncilPage, chosen: Option<RegistrationId>, lang: Lang) -> impl IntoView {
    let id = page.council.id;
    let scheme = page.scheme.clone();
    let members = page.members.clone();
    view! {
        <CycleTabs cycle=page.cycle.clone() current="/councils" />
        <h2>{page.council.name.clone()}</h2>
        <p class="muted">{page.council.level.label(lang)}" · "{scheme.code.clone()}" · "
            {t(lang, "điểm tối đa A/B/C: ", "maxima A/B/C: ")}
            {format!("{}/{}/{}", score(scheme.max_a, lang), score(scheme.max_b, lang), score(scheme.max_c, lang))}</p>
        {(!page.may_act).then(|| view! {
            <p class="error" role="alert">{t(lang, "Theo quy định của chu trình này, cấp hội đồng này không đánh giá sản phẩm.", "Under this cycle's rules, this level does not evaluate products.")}</p>
        })}
        <details>
            <summary>{t(lang, "Thành viên và nội dung các phần", "Members and what each part covers")}</summary>
            <ol>{members.iter().map(|m| view! { <li>{m.name.clone()}{(!m.role.is_empty()).then(|| format!(" – {}", m.role))}</li> }).collect_view()}</ol>
            <dl class="facts">
                {page.parts.iter().map(|(part, vi, en)| {
                    let covers = match lang { Lang::Vi => vi.clone(), Lang::En => en.clone() };
                    view! { <dt>{t(lang, "Phần ", "Part ")}{part.clone()}</dt><dd>{covers}</dd> }
                }).collect_view()}
            </dl>
        </details>
        <FormRefused />
        <FieldMessage name="status" />
        {if page.products.is_empty() {
            view! { <p class="empty">{t(lang, "Không có sản phẩm nào chờ hội đồng này.", "No product is waiting for this council.")}</p> }.into_any()
        } else {
            view! {
                <ul class="scoring-list">
                    {page.products.into_iter().map(|product| {
                        let open = chosen == Some(product.registration_id);
                        view! { <ProductScoring council=id product members=members.clone() open lang /> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn ProductScoring(
    council: CouncilId,
    product: Scoring,
    members: Vec<crate::model::cycle::pages::Member>,
    open: bool,
    lang: Lang,
) -> impl IntoView {
    let registration = product.registration_id;
    let member_name = |id: i64| {
        members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let member_options: Vec<(String, String)> = members
        .iter()
        .map(|m| (m.id.to_string(), m.name.clone()))
        .collect();
    let sheets = product
        .sheets
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{member_name(s.member_id)}</th>
                    <td class="number">{score(s.score_a, lang)}</td>
                    <td class="number">{score(s.score_b, lang)}</td>
                    <td class="number">{score(s.score_c, lang)}</td>
                    <td class="number">{score(s.score_a + s.score_b + s.score_c, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let average = product.average.map(|a| {
        view! {
            <tr class="average">
                <th scope="row">{t(lang, "Trung bình", "Average")}</th>
                <td class="number">{score(a.a, lang)}</td>
                <td class="number">{score(a.b, lang)}</td>
                <td class="number">{score(a.c, lang)}</td>
                <td class="number"><strong>{score(a.total(), lang)}</strong>
                    {product.stars.map(|s| format!(" · {s} ★"))}</td>
            </tr>
        }
    });
    view! {
        <li id=format!("product-{registration}") class="scoring">
            <h3>{product.product_name.clone()}</h3>
            <p class="muted">{product.producer_name.clone()}" · "
                <a href=ocop_admin::registration(registration)>{t(lang, "Hồ sơ", "Dossier")}</a></p>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(lang, "Thành viên", "Member")}</th>
                    <th scope="col" class="number">"A"</th>
                    <th scope="col" class="number">"B"</th>
                    <th scope="col" class="number">"C"</th>
                    <th scope="col" class="number">{t(lang, "Tổng", "Total")}</th>
                </tr></thead>
                <tbody>{sheets}{average}</tbody>
            </table>
            {if open {
                view! {
                    <form method="post" action=ocop_admin::sheet(council, registration) class="stack-form">
                        <CodeSelect name="member_id" label=t(lang, "Thành viên", "Member") options=member_options selected="" required=true empty=t(lang, "— Chọn —", "— Choose —") />
                        <div class="field-row">
                            <TextField name="score_a" label=t(lang, "Phần A", "Part A") value="" required=true max=6 />
                            <TextField name="score_b" label=t(lang, "Phần B", "Part B") value="" required=true max=6 />
                            <TextField name="score_c" label=t(lang, "Phần C", "Part C") value="" required=true max=6 />
                        </div>
                        <button type="submit" class="button secondary">{t(lang, "Lưu phiếu chấm", "Save the sheet")}</button>
                    </form>
                }.into_any()
            } else {
                view! { <p><a href=format!("/admin/councils/{council}?product={registration}#product-{registration}")>{t(lang, "Nhập phiếu chấm", "Enter a sheet")}</a></p> }.into_any()
            }}
            {(product.sheets.len() >= crate::model::cycle::rules::MIN_SHEETS).then(|| view! {
                <form method="post" action=ocop_admin::close(council, registration)>
                    <button type="submit" class="button">{t(lang, "Chốt kết quả của hội đồng", "Close the council's result")}</button>
                </form>
            })}
        </li>
    }
}
