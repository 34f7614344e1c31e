//! A cycle's registrations `/admin/cycles/{year}/registrations` (filters by status, kind, unit, group,
//! producer; a product registered on a producer's behalf) and one registration
//! `/admin/registrations/{id}`: its dossier checklist, its life's next step (confirm the
//! dossier, appraise, withdraw), its council results, certificate and history.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::cycles::{get_registration, get_registrations};
use crate::components::checklist::{Checklist, Side};
use crate::components::field::{
    use_notice, CodeSelect, FieldMessage, FormRefused, Saved, SelectField, TextArea, TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::format::score;
use crate::i18n::{t, use_lang, Lang};
use crate::model::cycle::pages::{
    CommuneReview, EvaluationLine, HistoryLine, RegistrationList, RegistrationRecord,
};
use crate::model::cycle::status::{RegistrationKind, RegistrationStatus};
use crate::model::form::Choice;

use super::{year_param, CycleTabs};
use crate::model::ids::RegistrationId;
use crate::paths::ocop_admin;

#[component]
pub fn RegistrationListPage() -> impl IntoView {
    let lang = use_lang();
    let year = year_param();
    let query =
        use_query_map().with_untracked(|query| crate::model::cycle::forms::RegistrationQuery {
            status: query.get("status"),
            kind: query.get("kind"),
            unit: query.get("unit"),
            group: query.get("group"),
            producer: query.get("producer"),
            page: query.get("page"),
            for_producer: query.get("for"),
        });
    view! {
        <Title text=t(lang, "Hồ sơ đăng ký OCOP", "OCOP registrations") />
        <PrivateNav current="/admin/cycles" />
        <Suspense>
            {OnePass::after(async move {
                let found = match year {
                    Some(year) => get_registrations(year, query.clone()).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, |list| view! { <ListView list lang /> }.into_any())
            })}
        </Suspense>
    }
}

fn options(choices: &[Choice], lang: Lang) -> Vec<(String, String)> {
    choices
        .iter()
        .map(|c| (c.id.to_string(), c.label(lang).to_owned()))
        .collect()
}

#[component]
fn ListView(list: RegistrationList, lang: Lang) -> impl IntoView {
    let year = list.cycle.year;
    let base = ocop_admin::registrations(year);
    let query = list.filter.query();
    let page_base = if query.is_empty() {
        base.clone()
    } else {
        format!("{base}?{query}")
    };
    let filter = list.filter.clone();
    let statuses = RegistrationStatus::ALL
        .iter()
        .map(|s| (s.to_string(), s.label(lang).to_owned()))
        .collect();
    let kinds = RegistrationKind::ALL
        .iter()
        .map(|k| (k.to_string(), k.label(lang).to_owned()))
        .collect();
    let registrations = list.registrations;
    view! {
        <CycleTabs cycle=list.cycle.clone() current="/registrations" />
        <form method="get" action=base.clone() class="filters">
            <CodeSelect name="status" label=t(lang, "Trạng thái", "Status") options=statuses selected=filter.status.map(|s| s.to_string()).unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
            <CodeSelect name="kind" label=t(lang, "Loại", "Kind") options=kinds selected=filter.kind.map(|k| k.to_string()).unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
            <CodeSelect name="unit" label=t(lang, "Địa bàn", "Locality") options=options(&list.units, lang) selected=filter.unit.map(|u| u.to_string()).unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
            <CodeSelect name="group" label=t(lang, "Nhóm", "Group") options=options(&list.groups, lang) selected=filter.group.map(|g| g.to_string()).unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
            <CodeSelect name="producer" label=t(lang, "Chủ thể", "Producer") options=options(&list.producers, lang) selected=filter.producer.map(|p| p.0.to_string()).unwrap_or_default() empty=t(lang, "Tất cả", "All") filter=true />
            <button type="submit" class="button secondary">{t(lang, "Lọc", "Filter")}</button>
        </form>
        <p class="muted">{match lang {
            Lang::Vi => format!("{} hồ sơ", registrations.total),
            Lang::En => format!("{} registrations", registrations.total),
        }}</p>
        {if registrations.items.is_empty() {
            view! { <p class="empty">{t(lang, "Không có hồ sơ nào khớp bộ lọc.", "No registration matches the filters.")}</p> }.into_any()
        } else {
            view! {
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t(lang, "Sản phẩm", "Product")}</th>
                        <th scope="col">{t(lang, "Loại", "Kind")}</th>
                        <th scope="col">{t(lang, "Địa bàn", "Locality")}</th>
                        <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                        <th scope="col">{t(lang, "Ngày đăng ký", "Registered")}</th>
                    </tr></thead>
                    <tbody>
                        {registrations.items.clone().into_iter().map(|line| view! {
                            <tr>
                                <td><a href=ocop_admin::registration(line.id)>{line.product_name}</a>
                                    <br /><span class="muted">{line.producer_name}" · "{line.group_name}</span></td>
                                <td data-label=t(lang, "Loại", "Kind")>{line.kind.label(lang)}</td>
                                <td data-label=t(lang, "Địa bàn", "Locality")>{line.unit}</td>
                                <td data-label=t(lang, "Trạng thái", "Status")>
                                    <span class=format!("status status-{}", line.status)>{line.status.label(lang)}</span>
                                    {line.level.map(|level| format!(" · {}", level.label(lang)))}
                                    {(line.missing > 0 && line.status == RegistrationStatus::Registered).then(|| match lang {
                                        Lang::Vi => format!(" · thiếu {} mục", line.missing),
                                        Lang::En => format!(" · {} items missing", line.missing),
                                    })}
                                </td>
                                <td data-label=t(lang, "Ngày đăng ký", "Registered")>{line.registered_on.shown()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <Pagination number=registrations.number per_page=registrations.per_page total=registrations.total
            href=move |page| page.of(&page_base) lang />
        <RegisterFor list_base=base.clone() action=ocop_admin::register(year) producers=list.producers.clone() chosen=list.for_producer.clone() sets=list.sets.clone() />
    }
}

/// Registering a product for a producer, without script: first the producer (a GET form), then
/// one of its products, or a new one, posted to `action`. The office's list and a commune's
/// desk both offer it.
#[component]
pub fn RegisterFor(
    list_base: String,
    action: String,
    producers: Vec<Choice>,
    chosen: Option<(crate::model::ids::ProducerId, Vec<Choice>)>,
    sets: Vec<Choice>,
) -> impl IntoView {
    let lang = use_lang();
    let kinds: Vec<(String, String)> = RegistrationKind::ALL
        .iter()
        .map(|k| (k.to_string(), k.label(lang).to_owned()))
        .collect();
    let open = chosen.is_some();
    view! {
        <details id="register-for" open=open>
            <summary>{t(lang, "Đăng ký sản phẩm thay chủ thể", "Register a product for a producer")}</summary>
            <form method="get" action=format!("{list_base}#register-for") class="filters">
                <CodeSelect name="for" label=t(lang, "Chủ thể", "Producer") options=options(&producers, lang)
                    selected=chosen.as_ref().map(|(p, _)| p.0.to_string()).unwrap_or_default() required=true empty=t(lang, "— Chọn —", "— Choose —") filter=true />
                <button type="submit" class="button secondary">{t(lang, "Chọn", "Choose")}</button>
            </form>
            {chosen.map(|(producer, products)| view! {
                <FormRefused />
                <form method="post" action=action.clone() class="stack-form">
                    <input type="hidden" name="producer_id" value=producer.0.to_string() />
                    <CodeSelect name="kind" label=t(lang, "Loại", "Kind") options=kinds.clone() selected="" required=true empty=t(lang, "— Chọn —", "— Choose —") />
                    <SelectField name="product_id" label=t(lang, "Sản phẩm đã có của chủ thể", "One of the producer's products") choices=products selected=0 />
                    <p class="hint">{t(lang, "Hoặc một sản phẩm mới (để trống ô trên):", "Or a new product (leave the above empty):")}</p>
                    <div class="field-row">
                        <TextField name="new_name" label=t(lang, "Tên sản phẩm mới", "New product's name") value="" max=200 />
                        <SelectField name="set_id" label=t(lang, "Bộ sản phẩm", "Product set") choices=sets selected=0 />
                    </div>
                    <button type="submit" class="button">{t(lang, "Đăng ký", "Register")}</button>
                </form>
            })}
        </details>
    }
}

#[component]
pub fn RegistrationPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map().with_untracked(|params| {
        params
            .get("id")
            .and_then(|id| id.parse::<RegistrationId>().ok())
    });
    let chosen = use_query_map().with_untracked(|query| query.get("item"));
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Hồ sơ đăng ký OCOP", "OCOP registration") />
        <PrivateNav current="/admin/cycles" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let chosen = chosen.clone();
                let found = match id {
                    Some(id) => get_registration(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |record| view! { <RecordView record chosen lang /> }.into_any())
            })}
        </Suspense>
    }
}

/// A registration's head: what it is and where it stands. Shared with the producer's page.
#[component]
pub fn RegistrationHead(record: RegistrationRecord, lang: Lang) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>{t(lang, "Chu trình", "Cycle")}</dt><dd>{record.cycle.name.clone()}</dd>
            <dt>{t(lang, "Loại", "Kind")}</dt><dd>{record.kind.label(lang)}</dd>
            <dt>{t(lang, "Ngày đăng ký", "Registered on")}</dt><dd>{record.registered_on.shown()}</dd>
            <dt>{t(lang, "Trạng thái", "Status")}</dt>
            <dd><span class=format!("status status-{}", record.status)>{record.status.label(lang)}</span>
                {record.level.filter(|_| record.status == RegistrationStatus::Eligible).map(|level| match lang {
                    Lang::Vi => format!(" · chờ hội đồng {}", level.label(lang).to_lowercase()),
                    Lang::En => format!(" · waiting for the {} council", level.label(lang).to_lowercase()),
                })}</dd>
            {record.reason.clone().map(|reason| view! { <dt>{t(lang, "Lý do", "Reason")}</dt><dd>{reason}</dd> })}
        </dl>
    }
}

/// Council results, part by part, with the star and the decision.
#[component]
pub fn Results(evaluations: Vec<EvaluationLine>, lang: Lang) -> impl IntoView {
    (!evaluations.is_empty()).then(|| view! {
        <section>
            <h2>{t(lang, "Kết quả đánh giá", "Evaluation results")}</h2>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(lang, "Hội đồng", "Council")}</th>
                    <th scope="col" class="number">"A"</th>
                    <th scope="col" class="number">"B"</th>
                    <th scope="col" class="number">"C"</th>
                    <th scope="col" class="number">{t(lang, "Tổng", "Total")}</th>
                    <th scope="col">{t(lang, "Hạng", "Stars")}</th>
                    <th scope="col">{t(lang, "Quyết định", "Decision")}</th>
                </tr></thead>
                <tbody>
                    {evaluations.into_iter().map(|e| view! {
                        <tr>
                            <td>{e.council_level.label(lang)}" · "{e.evaluated_on.shown()}</td>
                            <td class="number" data-label="A">{score(e.score_a, lang)}</td>
                            <td class="number" data-label="B">{score(e.score_b, lang)}</td>
                            <td class="number" data-label="C">{score(e.score_c, lang)}</td>
                            <td class="number" data-label=t(lang, "Tổng", "Total")><strong>{score(e.total, lang)}</strong></td>
                            <td data-label=t(lang, "Hạng", "Stars")>{format!("{} ★", e.stars)}</td>
                            <td data-label=t(lang, "Quyết định", "Decision")>{e.decision_no.clone().map(|no| format!("{no} · {}", e.decision_date.map(|d| d.shown()).unwrap_or_default()))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    })
}

#[component]
fn RecordView(record: RegistrationRecord, chosen: Option<String>, lang: Lang) -> impl IntoView {
    let id = record.id;
    let status = record.status;
    let complete = record.dossier_complete();
    view! {
        <p class="breadcrumbs">
            <a href="/admin/cycles">{t(lang, "Chu trình OCOP", "OCOP cycles")}</a>" › "
            <a href=ocop_admin::registrations(record.cycle.year)>{record.cycle.name.clone()}</a>
        </p>
        <h1>{record.product_name.clone()}</h1>
        <p class="muted">
            <a href=format!("/admin/producers/{}", record.producer_id)>{record.producer_name.clone()}</a>
            {(!record.product_slug.is_empty()).then(|| view! { " · "<a href=format!("/products/{}", record.product_slug)>{t(lang, "Trang sản phẩm", "Product page")}</a> })}
        </p>
        <RegistrationHead record=record.clone() lang />
        <FormRefused />
        <FieldMessage name="status" />
        <section aria-labelledby="ho-so">
            <h2 id="ho-so">{t(lang, "Hồ sơ", "Dossier")}</h2>
            <Checklist registration=id items=record.items.clone() side=Side::Staff open=status == RegistrationStatus::Registered chosen />
            {(status == RegistrationStatus::Registered).then(|| view! {
                <form method="post" action=ocop_admin::complete(id)>
                    <button type="submit" class="button" disabled=!complete>{t(lang, "Xác nhận hồ sơ đầy đủ", "Confirm the dossier complete")}</button>
                    {(!complete).then(|| view! { <span class="muted">{t(lang, " Còn mục bắt buộc chưa nhận.", " Required items are still to come.")}</span> })}
                </form>
            })}
        </section>
        <CommuneReviews reviews=record.reviews.clone() lang />
        {(status == RegistrationStatus::DossierComplete && record.commune_proposes).then(|| view! {
            <p class="notice">{t(lang, "Theo Quyết định 1489/QĐ-TTg, hồ sơ chờ UBND xã xem xét nguồn gốc, lao động địa phương, nguồn gốc ý tưởng và đề xuất lên tỉnh trước khi thẩm định.", "Under Decision 1489/QĐ-TTg, the dossier waits for the commune to review its local origin, local labour and the origin of its idea and propose it before the appraisal.")}</p>
        })}
        {(status == RegistrationStatus::Proposed || status == RegistrationStatus::DossierComplete && !record.commune_proposes).then(|| view! {
            <section aria-labelledby="tham-dinh">
                <h2 id="tham-dinh">{t(lang, "Thẩm định của địa phương", "The locality's appraisal")}</h2>
                <form method="post" action=ocop_admin::appraise(id) class="stack-form">
                    <fieldset>
                        <legend>{t(lang, "Kết quả", "Result")}" *"</legend>
                        <label class="check"><input type="radio" name="eligible" value="yes" />" "{t(lang, "Đủ điều kiện tham gia đánh giá", "Eligible for evaluation")}</label>
                        <label class="check"><input type="radio" name="eligible" value="no" />" "{t(lang, "Không đủ điều kiện (ghi lý do)", "Not eligible (give the reason)")}</label>
                        <FieldMessage name="eligible" />
                    </fieldset>
                    <TextField name="appraised_on" kind="date" label=t(lang, "Ngày thẩm định", "Appraised on") value="" required=true />
                    <TextArea name="appraisal_reason" label=t(lang, "Lý do (khi không đủ điều kiện)", "Reason (when not eligible)") value="" max=1000 rows=2 />
                    <button type="submit" class="button">{t(lang, "Lưu kết quả thẩm định", "Save the appraisal")}</button>
                </form>
            </section>
        })}
        {(status == RegistrationStatus::Eligible).then(|| view! {
            <p><a href=ocop_admin::councils(record.cycle.year)>{t(lang, "Chấm điểm tại hội đồng", "Score it at a council")}</a></p>
        })}
        {(status == RegistrationStatus::Evaluated).then(|| view! {
            <p><a href=ocop_admin::recognition(record.cycle.year)>{t(lang, "Chờ quyết định công nhận", "Awaiting the recognition decision")}</a></p>
        })}
        <Results evaluations=record.evaluations.clone() lang />
        {record.certificate.clone().map(|c| view! {
            <section>
                <h2>{t(lang, "Giấy chứng nhận", "Certificate")}</h2>
                <p>{c.certificate_no}" · "{format!("{} ★", c.stars)}" · "{c.outcome.label(lang)}" · "
                    {t(lang, "hiệu lực đến ", "valid until ")}{c.expires_on.shown()}
                    {c.revoked_on.map(|_| t(lang, " · đã thu hồi", " · revoked"))}</p>
                {c.revoked_on.is_none().then(|| view! {
                    <p><a href=format!("/admin/certificates?revoke={}#certificate-{}", c.id, c.id)>{t(lang, "Thu hồi giấy chứng nhận…", "Revoke the certificate…")}</a></p>
                })}
            </section>
        })}
        {status.open().then(|| view! {
            <details>
                <summary>{t(lang, "Rút hồ sơ", "Withdraw the registration")}</summary>
                <form method="post" action=ocop_admin::withdraw(id) class="stack-form">
                    <TextArea name="reason" label=t(lang, "Lý do", "Reason") value="" required=true max=500 rows=2 />
                    <button type="submit" class="button danger">{t(lang, "Rút hồ sơ", "Withdraw")}</button>
                </form>
            </details>
        })}
        <History lines=record.history lang />
    }
}

/// What the commune found and decided on the dossier (1489/2025), each review in turn.
#[component]
pub fn CommuneReviews(reviews: Vec<CommuneReview>, lang: Lang) -> impl IntoView {
    let yes_no = move |yes: bool| {
        if yes {
            t(lang, "có", "yes")
        } else {
            t(lang, "không", "no")
        }
    };
    (!reviews.is_empty()).then(|| view! {
        <section aria-labelledby="xa-xem-xet">
            <h2 id="xa-xem-xet">{t(lang, "Xem xét của UBND xã", "The commune's review")}</h2>
            <ol class="history">
                {reviews.into_iter().map(|review| view! {
                    <li>
                        <strong>{review.outcome.label(lang)}</strong>
                        <span class="muted">" · "{review.reviewed_on.shown()}" · "{review.unit.clone()}
                            {(!review.who.is_empty()).then(|| format!(" · {}", review.who))}</span>
                        <br />{t(lang, "Nguồn gốc địa phương: ", "Local origin: ")}{yes_no(review.local_origin)}
                        " · "{t(lang, "Lao động địa phương: ", "Local labour: ")}{yes_no(review.local_labour)}
                        " · "{t(lang, "Ý tưởng: ", "Idea: ")}{review.idea_origin.label(lang)}
                        {(!review.note.is_empty()).then(|| view! { <p class="reason">{review.note.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    })
}

/// A registration's history, as its reader may know it (the producer's holds only the steps
/// it is told of, and names no one in the office).
#[component]
pub fn History(lines: Vec<HistoryLine>, lang: Lang) -> impl IntoView {
    view! {
        <section>
            <h2>{t(lang, "Lịch sử", "History")}</h2>
            <ol class="history">
                {lines.into_iter().map(|line| {
                    let who = (!line.who.is_empty()).then(|| format!(" · {}", line.who));
                    view! {
                        <li><span class="muted">{line.at.shown()}{who}</span>" · "{line.what(lang)}
                            {(!line.summary.is_empty()).then(|| format!(" · {}", line.summary))}</li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
