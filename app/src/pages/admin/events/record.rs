//! An event's record for staff: `/admin/events/new` and `/admin/events/{id}`, the whole form
//! (with the cover photo) and the moves of its life.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::event_admin::{event_communes, get_event_record};
use crate::components::field::{
    use_notice, CodeSelect, FieldMessage, FileField, FormRefused, Saved, SelectField, TextArea,
    TextField,
};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang};
use crate::model::event_admin::{EventForm, EventHead, EventRecord};
use crate::model::events::status::{Audience, EventKind, EventStatus};
use crate::model::form::Choice;

use super::EventTabs;
use crate::model::ids::EventId;
use crate::paths::event_admin;

/// `/admin/events/new` or `/admin/events/{id}`.
#[component]
pub fn EventPageForStaff() -> impl IntoView {
    // `/admin/events/new` has no id, and its own route (its form posts there).
    let id = use_params_map().with_untracked(|params| params.get("id"));
    match id.map(|id| id.parse::<EventId>()) {
        None => view! { <NewEvent /> }.into_any(),
        Some(Ok(id)) => view! { <EventRecordPage id /> }.into_any(),
        Some(Err(_)) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
    }
}

#[component]
fn NewEvent() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=t(lang, "Tạo sự kiện", "New event") />
        <PrivateNav current="/admin/events" />
        <p class="breadcrumbs"><a href="/admin/events">{t(lang, "Sự kiện", "Events")}</a></p>
        <h1>{t(lang, "Tạo sự kiện", "New event")}</h1>
        <p class="muted">{t(lang,
            "Sự kiện mới là bản nháp: chỉ cán bộ thấy cho đến khi công bố.",
            "A new event is a draft: only staff see it until it is published.")}</p>
        <Suspense>
            {OnePass::after(async move {
                guarded(event_communes().await, lang, |communes| view! {
                    <EventFormView action=event_admin::create() form=None communes />
                }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn EventRecordPage(id: EventId) -> impl IntoView {
    let lang = use_lang();
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Sự kiện", "Event") />
        <PrivateNav current="/admin/events" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                guarded(get_event_record(id).await, lang, |record: EventRecord| {
                    let head = EventHead {
                        id: record.id,
                        slug: record.slug.clone(),
                        kind: record.form.kind,
                        name: record.form.name.clone(),
                        status: record.status,
                        starts_on: record.form.starts_on,
                        ends_on: record.form.ends_on,
                        applications_close_on: record.form.applications_close_on,
                        plan_width: record.form.plan_width,
                        plan_height: record.form.plan_height,
                        capacity: record.form.capacity,
                        audience: record.form.audience,
                    };
                    view! {
                        <EventTabs head current="" />
                        <StatusForms id=record.id status=record.status reason=record.cancel_reason.clone() />
                        <h2>{t(lang, "Thông tin sự kiện", "The event")}</h2>
                        {record.cover.clone().map(|src| view! {
                            <p><img class="event-cover small" src=src alt=t(lang, "Ảnh bìa hiện tại", "The present cover") width="320" height="133" /></p>
                        })}
                        <EventFormView action=event_admin::event(record.id) form=Some(record.form) communes=record.communes />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

/// The moves the event may make from where it stands: one button each; cancelling asks why,
/// and the reason is shown on the public page.
#[component]
fn StatusForms(id: EventId, status: EventStatus, reason: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let action = event_admin::status(id);
    let moves = EventStatus::ALL
        .iter()
        .copied()
        .filter(|next| *next != EventStatus::Cancelled && status.may_become(*next))
        .map(|next| {
            let label = match next {
                EventStatus::Published if status == EventStatus::Draft => {
                    t(lang, "Công bố", "Publish")
                }
                EventStatus::Published => t(lang, "Mở lại nhận đăng ký", "Open applications again"),
                EventStatus::Closed => t(lang, "Đóng nhận đăng ký", "Close applications"),
                EventStatus::Finished => t(lang, "Đánh dấu đã diễn ra", "Mark as finished"),
                _ => next.label(lang),
            };
            view! {
                <form method="post" action=action.clone()>
                    <input type="hidden" name="status" value=next.to_string() />
                    <button type="submit" class="button secondary">{label}</button>
                </form>
            }
        })
        .collect_view();
    let may_cancel = status.may_become(EventStatus::Cancelled);
    view! {
        <section class="status-box" aria-labelledby="event-status">
            <h2 id="event-status">{t(lang, "Trạng thái: ", "Status: ")}{status.label(lang)}</h2>
            {reason.map(|reason| view! { <p>{t(lang, "Lý do huỷ: ", "Reason for cancelling: ")}{reason}</p> })}
            <FieldMessage name="status" />
            <div class="row-actions">{moves}</div>
            {may_cancel.then(|| view! {
                <details>
                    <summary>{t(lang, "Huỷ sự kiện", "Cancel the event")}</summary>
                    <form method="post" action=action.clone() class="stack-form">
                        <input type="hidden" name="status" value=EventStatus::Cancelled.to_string() />
                        <TextArea name="cancel_reason" label=t(lang, "Lý do huỷ (hiện trên trang công khai)", "Reason (shown on the public page)") value="" required=true max=500 rows=2 />
                        <button type="submit" class="button danger">{t(lang, "Huỷ sự kiện", "Cancel the event")}</button>
                    </form>
                </details>
            })}
        </section>
    }
}

#[component]
fn EventFormView(action: String, form: Option<EventForm>, communes: Vec<Choice>) -> impl IntoView {
    let lang = use_lang();
    let day = |day: Option<crate::model::day::Day>| day.map(|d| d.iso()).unwrap_or_default();
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let kinds = EventKind::ALL
        .iter()
        .copied()
        .map(|k| (k.to_string(), k.label(lang).to_owned()))
        .collect();
    let audiences = Audience::ALL
        .iter()
        .copied()
        .map(|a| (a.to_string(), a.label(lang).to_owned()))
        .collect();
    let form_kind = form
        .as_ref()
        .map(|f| f.kind.to_string())
        .unwrap_or_default();
    let f = form.clone();
    view! {
        <FormRefused />
        <form method="post" action=action enctype="multipart/form-data" class="stack-form">
            <fieldset>
                <legend>{t(lang, "Sự kiện", "The event")}</legend>
                <CodeSelect name="kind" label=t(lang, "Loại sự kiện", "Kind") options=kinds selected=form_kind required=true empty=t(lang, "— Chọn —", "— Choose —") />
                <TextField name="name" label=t(lang, "Tên sự kiện", "Name") value=f.as_ref().map(|f| f.name.clone()).unwrap_or_default() required=true max=200 />
                <TextArea name="summary" label=t(lang, "Tóm tắt", "Summary") value=f.as_ref().map(|f| f.summary.clone()).unwrap_or_default() max=500 rows=2 />
                <TextArea name="description" label=t(lang, "Mô tả (Markdown: **đậm**, danh sách, liên kết)", "Description (Markdown: **bold**, lists, links)") value=f.as_ref().map(|f| f.description.clone()).unwrap_or_default() max=20000 rows=8 />
                <TextField name="organiser" label=t(lang, "Đơn vị tổ chức", "Organiser") value=f.as_ref().map(|f| f.organiser.clone()).unwrap_or_default() max=300 />
            </fieldset>
            <fieldset>
                <legend>{t(lang, "Địa điểm và thời gian", "Place and dates")}</legend>
                <TextField name="venue" label=t(lang, "Địa điểm", "Venue") value=f.as_ref().map(|f| f.venue.clone()).unwrap_or_default() max=200
                    hint=t(lang, "Ví dụ: Quảng trường Hồ Chí Minh", "e.g. Ho Chi Minh Square") />
                <TextField name="location" label=t(lang, "Địa chỉ", "Address") value=f.as_ref().map(|f| f.location.clone()).unwrap_or_default() max=300 />
                <SelectField name="admin_unit_id" label=t(lang, "Xã, phường (đơn vị hành chính hiện nay)", "Commune or ward (today's unit)") choices=communes selected=f.as_ref().and_then(|f| f.admin_unit_id).unwrap_or_default() />
                <div class="field-row">
                    <TextField name="starts_on" kind="date" label=t(lang, "Ngày bắt đầu", "Starts") value=day(f.as_ref().map(|f| f.starts_on)) required=true />
                    <TextField name="ends_on" kind="date" label=t(lang, "Ngày kết thúc", "Ends") value=day(f.as_ref().map(|f| f.ends_on)) required=true />
                    <TextField name="applications_close_on" kind="date" label=t(lang, "Hạn đăng ký", "Applications close") value=day(f.as_ref().and_then(|f| f.applications_close_on)) />
                </div>
            </fieldset>
            <fieldset>
                <legend>{t(lang, "Gian hàng", "Booths")}</legend>
                <div class="field-row">
                    <TextField name="planned_booths" kind="number" label=t(lang, "Số gian dự kiến", "Planned booths") value=number(f.as_ref().and_then(|f| f.planned_booths)) max=5 />
                    <TextField name="online_booths" kind="number" label=t(lang, "Số gian trực tuyến", "Online booths") value=number(f.as_ref().map(|f| f.online_booths)) max=4 />
                </div>
                <div class="field-row">
                    <TextField name="plan_width" kind="number" label=t(lang, "Chiều ngang sơ đồ (ô)", "Plan width (cells)") value=number(Some(f.as_ref().map_or(30, |f| f.plan_width))) max=3 />
                    <TextField name="plan_height" kind="number" label=t(lang, "Chiều dọc sơ đồ (ô)", "Plan height (cells)") value=number(Some(f.as_ref().map_or(20, |f| f.plan_height))) max=3 />
                </div>
            </fieldset>
            <fieldset>
                <legend>{t(lang, "Tập huấn (chỉ cho loại Tập huấn)", "Training (for the Training kind only)")}</legend>
                <div class="field-row">
                    <TextField name="capacity" kind="number" label=t(lang, "Số chỗ", "Places") value=number(f.as_ref().and_then(|f| f.capacity)) max=5 />
                    <CodeSelect name="audience" label=t(lang, "Đối tượng", "For") options=audiences selected=f.as_ref().and_then(|f| f.audience).map(|a| a.to_string()).unwrap_or_default() empty=t(lang, "— Chọn —", "— Choose —") />
                </div>
            </fieldset>
            <FileField name="cover" label=t(lang, "Ảnh bìa (JPEG, PNG hoặc WebP, tối đa 8 MB)", "Cover photo (JPEG, PNG or WebP, up to 8 MB)") />
            <button type="submit" class="button">{if form.is_some() { t(lang, "Lưu", "Save") } else { t(lang, "Tạo sự kiện", "Create the event") }}</button>
        </form>
    }
}
