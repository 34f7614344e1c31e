//! Applications for booths: the queue of an event `/admin/events/{id}/applications` with its filters,
//! and one application `/admin/events/{id}/applications/{application}` to decide: approve with a booth
//! (chosen in a list, or by clicking a free booth on the plan, `?booth=ID`), put on the
//! waiting list, reject with a reason, move to another booth, vacate.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::event_admin::{get_application, get_application_queue};
use crate::components::field::{use_notice, FieldMessage, FormRefused, Saved, TextArea};
use crate::components::floor_plan::{plan_shapes, FloorPlan};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::event_admin::{
    ApplicationLine, ApplicationQueue, FloorPlan as Plan, ShownProduct,
};
use crate::model::events::status::ApplicationStatus;
use crate::model::events::status::BoothStatus;
use crate::model::producer::EntityType;

use super::EventTabs;
use crate::model::ids::{ApplicationId, BoothId, EventId};
use crate::paths::event_admin;

/// "Nước mắm Nhật Lệ (4★), Mực khô"
fn products_line(products: &[ShownProduct]) -> String {
    products
        .iter()
        .map(|p| match p.stars {
            Some(stars) => format!("{} ({stars}★)", p.name),
            None => p.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn ApplicationQueuePage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<EventId>().ok()));
    let (status, page) =
        use_query_map().with_untracked(|query| (query.get("status"), query.get("page")));
    view! {
        <Title text=t(lang, "Đơn đăng ký gian hàng", "Booth applications") />
        <PrivateNav current="/admin/events" />
        <Suspense>
            {OnePass::after(async move {
                let queue = match id {
                    Some(id) => get_application_queue(id, status, page).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(queue, lang, |queue| view! { <Queue queue lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Queue(queue: ApplicationQueue, lang: Lang) -> impl IntoView {
    let id = queue.event.id;
    let base = event_admin::applications(id);
    let total: i64 = queue.counts.iter().map(|(_, n)| n).sum();
    let filters = std::iter::once((None, total))
        .chain(queue.counts.iter().map(|(status, n)| (Some(*status), *n)))
        .map(|(status, count)| {
            let href = match status {
                Some(status) => format!("{base}?status={status}"),
                None => base.clone(),
            };
            let label = status.map_or(t(lang, "Tất cả", "All"), |s| s.label(lang));
            view! { <a href=href aria-current=(status == queue.status).then_some("page")>{label}" ("{count}")"</a> }
        })
        .collect_view();
    let page_base = match queue.status {
        Some(status) => format!("{base}?status={status}"),
        None => base.clone(),
    };
    let hall = (queue.plan.event.plan_width, queue.plan.event.plan_height);
    let shapes = plan_shapes(&queue.plan.booths, None, |_| None);
    let applications = queue.applications;
    view! {
        <EventTabs head=queue.event.clone() current="/applications" />
        <p>
            <a href=event_admin::exhibitors_csv(id) download>{t(lang, "Tải danh sách đơn vị (CSV)", "Download exhibitors (CSV)")}</a>" · "
            <a href=event_admin::exhibitors_xlsx(id) download>{t(lang, "Tải danh sách đơn vị (Excel)", "Download exhibitors (Excel)")}</a>
        </p>
        <nav class="tabs filters" aria-label=t(lang, "Lọc theo trạng thái", "Filter by status")>{filters}</nav>
        {if applications.items.is_empty() {
            view! { <p class="empty">{t(lang, "Không có đơn nào.", "No application.")}</p> }.into_any()
        } else {
            view! {
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t(lang, "Chủ thể", "Producer")}</th>
                        <th scope="col">{t(lang, "Sản phẩm", "Products")}</th>
                        <th scope="col">{t(lang, "Loại gian", "Booth type")}</th>
                        <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                        <th scope="col">{t(lang, "Ngày gửi", "Sent")}</th>
                    </tr></thead>
                    <tbody>
                        {applications.items.into_iter().map(|line| view! {
                            <tr>
                                <td>
                                    <a href=event_admin::application(id, line.id)>{line.producer_name.clone()}</a>
                                    <br /><span class="muted">{EntityType::label_of(&line.entity_type, lang)}" · "{line.unit.clone()}</span>
                                </td>
                                <td data-label=t(lang, "Sản phẩm", "Products")>{products_line(&line.products)}</td>
                                <td data-label=t(lang, "Loại gian", "Booth type")>{line.booth_type_name.clone()}</td>
                                <td data-label=t(lang, "Trạng thái", "Status")>
                                    <span class=format!("status status-{}", line.status)>{line.status.label(lang)}</span>
                                    {line.booth_code.clone().map(|code| view! { " · "{t(lang, "gian ", "booth ")}<strong>{code}</strong> })}
                                </td>
                                <td data-label=t(lang, "Ngày gửi", "Sent")>{line.created_at.day().shown()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <Pagination number=applications.number per_page=applications.per_page total=applications.total
            href=move |page| page.of(&page_base) lang />
        {(!shapes.is_empty()).then(|| view! {
            <section>
                <h2>{t(lang, "Sơ đồ gian hàng", "Floor plan")}</h2>
                <FloorPlan shapes lang hall=hall />
            </section>
        })}
    }
}

#[component]
pub fn ApplicationPage() -> impl IntoView {
    let lang = use_lang();
    let (id, application) = use_params_map().with_untracked(|params| {
        (
            params.get("id").and_then(|id| id.parse::<EventId>().ok()),
            params
                .get("application")
                .and_then(|id| id.parse::<ApplicationId>().ok()),
        )
    });
    let chosen = use_query_map()
        .with_untracked(|query| query.get("booth").and_then(|id| id.parse::<BoothId>().ok()));
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Đơn đăng ký gian hàng", "Booth application") />
        <PrivateNav current="/admin/events" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let found = match (id, application) {
                    (Some(id), Some(application)) => get_application(id, application).await,
                    _ => Err(crate::error::AppError::NotFound),
                };
                guarded(found, lang, move |(line, plan)| view! { <Decision line plan chosen lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Decision(
    line: ApplicationLine,
    plan: Plan,
    chosen: Option<BoothId>,
    lang: Lang,
) -> impl IntoView {
    let id = plan.event.id;
    let here = event_admin::application(id, line.id);
    let action = |decision: &str| event_admin::decide(id, line.id, decision);
    let status = line.status;
    // The booth that may be chosen: free ones on the plan; the wanted type first in the list.
    let mut free: Vec<_> = plan
        .booths
        .iter()
        .filter(|booth| booth.status == BoothStatus::Available)
        .cloned()
        .collect();
    free.sort_by_key(|booth| {
        (
            booth.booth_type_id != line.booth_type_id,
            booth.code.clone(),
        )
    });
    let may_place = matches!(
        status,
        ApplicationStatus::Submitted | ApplicationStatus::Waitlisted | ApplicationStatus::Approved
    );
    let marked = chosen.or(line.booth_id);
    let hall = (plan.event.plan_width, plan.event.plan_height);
    let shapes = plan_shapes(&plan.booths, marked, |booth| {
        (may_place && booth.status == BoothStatus::Available)
            .then(|| format!("{here}?booth={}#decide", booth.id))
    });
    let placing = if status == ApplicationStatus::Approved {
        "move"
    } else {
        "approve"
    };
    view! {
        <EventTabs head=plan.event.clone() current="/applications" />
        <p class="breadcrumbs"><a href=event_admin::applications(id)>{t(lang, "← Danh sách đơn", "← All applications")}</a></p>
        <section class="application" aria-labelledby="don">
            <h2 id="don">{line.producer_name.clone()}</h2>
            <dl class="facts">
                <dt>{t(lang, "Trạng thái", "Status")}</dt>
                <dd><span class=format!("status status-{status}")>{status.label(lang)}</span>
                    {line.booth_code.clone().map(|code| view! { " · "{t(lang, "gian ", "booth ")}<strong>{code}</strong> })}</dd>
                {line.reason.clone().map(|reason| view! { <dt>{t(lang, "Lý do", "Reason")}</dt><dd>{reason}</dd> })}
                <dt>{t(lang, "Loại hình", "Entity type")}</dt><dd>{EntityType::label_of(&line.entity_type, lang)}</dd>
                <dt>{t(lang, "Địa phương", "Locality")}</dt><dd>{line.unit.clone()}</dd>
                <dt>{t(lang, "Điện thoại", "Phone")}</dt><dd>{line.phone.clone().unwrap_or_default()}</dd>
                <dt>{t(lang, "Loại gian muốn thuê", "Booth type wanted")}</dt><dd>{line.booth_type_name.clone()}</dd>
                <dt>{t(lang, "Sản phẩm trưng bày", "Products to show")}</dt>
                <dd><ul class="shown-products">
                    {line.products.iter().map(|p| view! {
                        <li><a href=format!("/products/{}", p.slug)>{p.name.clone()}</a>
                            {p.stars.map(|stars| format!(" · {stars}★"))}</li>
                    }).collect_view()}
                </ul></dd>
                <dt>{t(lang, "Lời nhắn", "Message")}</dt><dd>{line.message.clone()}</dd>
                <dt>{t(lang, "Ngày gửi", "Sent")}</dt><dd>{line.created_at.day().shown()}</dd>
            </dl>
            <p><a href=format!("/admin/producers/{}", line.producer_id)>{t(lang, "Hồ sơ chủ thể", "Producer record")}</a></p>
        </section>
        <FormRefused />
        {may_place.then(|| view! {
            <section id="decide" aria-labelledby="decide-title">
                <h2 id="decide-title">{if placing == "move" { t(lang, "Chuyển sang gian khác", "Move to another booth") } else { t(lang, "Duyệt và xếp gian", "Approve with a booth") }}</h2>
                <p class="muted">{t(lang, "Chọn một gian trống trên sơ đồ hoặc trong danh sách.", "Choose a free booth on the plan or in the list.")}</p>
                <FloorPlan shapes lang hall=hall />
                {if free.is_empty() {
                    view! { <p class="empty">{t(lang, "Không còn gian trống.", "No free booth left.")}</p> }.into_any()
                } else {
                    view! {
                        <form method="post" action=action(placing) class="stack-form">
                            <div class="field">
                                <label for="f-booth_id">{t(lang, "Gian", "Booth")}" *"</label>
                                <select id="f-booth_id" name="booth_id" required=true aria-describedby="f-booth_id-error">
                                    {free.iter().map(|booth| view! {
                                        <option value=booth.id.to_string() selected=chosen == Some(booth.id)>
                                            {format!("{} · {} · {}", booth.code, booth.type_name, booth.hall)}
                                        </option>
                                    }).collect_view()}
                                </select>
                                <FieldMessage name="booth_id" />
                            </div>
                            <button type="submit" class="button">{if placing == "move" { t(lang, "Chuyển gian", "Move") } else { t(lang, "Duyệt với gian này", "Approve with this booth") }}</button>
                        </form>
                    }.into_any()
                }}
            </section>
        })}
        <section aria-labelledby="khac" class="row-actions">
            <h2 id="khac" class="visually-hidden">{t(lang, "Quyết định khác", "Other decisions")}</h2>
            <FieldMessage name="status" />
            {(status == ApplicationStatus::Submitted).then(|| view! {
                <form method="post" action=action("waitlist")><button type="submit" class="button secondary">{t(lang, "Đưa vào danh sách chờ", "Put on the waiting list")}</button></form>
            })}
            {(status == ApplicationStatus::Approved).then(|| view! {
                <form method="post" action=action("vacate")><button type="submit" class="button secondary">{t(lang, "Trả gian (về danh sách chờ)", "Vacate (back to the waiting list)")}</button></form>
            })}
        </section>
        {status.may_become(ApplicationStatus::Rejected).then(|| view! {
            <form method="post" action=action("reject") class="stack-form">
                <h2>{t(lang, "Từ chối", "Reject")}</h2>
                <TextArea name="reason" label=t(lang, "Lý do (gửi cho chủ thể)", "Reason (sent to the producer)") value="" required=true max=500 rows=2 />
                <button type="submit" class="button danger">{t(lang, "Từ chối đơn", "Reject the application")}</button>
            </form>
        })}
    }
}
