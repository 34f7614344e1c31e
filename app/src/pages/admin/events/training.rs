//! A training's registrations `/admin/events/{id}/places`: who has a place and who waits, in
//! the order they came; staff add commune staff (who have no account), cancel a place (the
//! first waiting person moves up), and mark attendance once the training has begun.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::event_admin::get_training_roster;
use crate::components::field::{use_notice, FieldMessage, FormRefused, Saved, TextField};
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::event_admin::TrainingRoster;
use crate::model::events::status::PlaceStatus;

use super::EventTabs;
use crate::model::ids::EventId;
use crate::paths::event_admin;

#[component]
pub fn TrainingRosterPage() -> impl IntoView {
    let lang = use_lang();
    let id = use_params_map()
        .with_untracked(|params| params.get("id").and_then(|id| id.parse::<EventId>().ok()));
    let page = use_query_map().with_untracked(|query| query.get("page"));
    let saved = use_notice().is_some();
    view! {
        <Title text=t(lang, "Người đăng ký tập huấn", "Training registrations") />
        <PrivateNav current="/admin/events" />
        {saved.then(|| view! { <Saved text=t(lang, "Đã lưu.", "Saved.") /> })}
        <Suspense>
            {OnePass::after(async move {
                let roster = match id {
                    Some(id) => get_training_roster(id, page).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                guarded(roster, lang, |roster| view! { <Roster roster lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn Roster(roster: TrainingRoster, lang: Lang) -> impl IntoView {
    let id = roster.event.id;
    let capacity = roster.event.capacity;
    let summary = match (lang, capacity) {
        (Lang::Vi, Some(capacity)) => format!(
            "{}/{capacity} chỗ đã có người · {} người chờ",
            roster.registered, roster.waiting
        ),
        (Lang::En, Some(capacity)) => format!(
            "{}/{capacity} places taken · {} waiting",
            roster.registered, roster.waiting
        ),
        (Lang::Vi, None) => format!("{} người đăng ký (không giới hạn chỗ)", roster.registered),
        (Lang::En, None) => format!("{} registered (no limit)", roster.registered),
    };
    let registrations = roster.registrations;
    let (number, per_page, total) = (
        registrations.number,
        registrations.per_page,
        registrations.total,
    );
    let rows = registrations
        .items
        .into_iter()
        .map(|registration| {
            let position = registration.waiting_position;
            let contact = [registration.phone.clone(), registration.email.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · ");
            let attended_id = format!("attended-{}", registration.id);
            view! {
                <tr>
                    <td>{registration.name.clone()}<br /><span class="muted">{registration.organisation.clone()}</span></td>
                    <td data-label=t(lang, "Liên hệ", "Contact")>{contact}</td>
                    <td data-label=t(lang, "Trạng thái", "Status")>
                        {registration.status.label(lang)}
                        {position.map(|n| format!(" · {} {n}", t(lang, "thứ", "no.")))}
                    </td>
                    <td data-label=t(lang, "Có mặt", "Present")>
                        {(registration.status == PlaceStatus::Registered).then(|| view! {
                            <input type="hidden" name=format!("listed-{}", registration.id) value="on" form="diem-danh" />
                            <input type="checkbox" id=attended_id.clone() name=attended_id.clone() form="diem-danh"
                                checked=registration.attended == Some(true) />
                            <label for=attended_id class="visually-hidden">{t(lang, "Có mặt: ", "Present: ")}{registration.name.clone()}</label>
                        })}
                    </td>
                    <td class="row-actions">
                        {(registration.status != PlaceStatus::Cancelled).then(|| view! {
                            <form method="post" action=event_admin::cancel_place(id, registration.id)>
                                <button type="submit" class="link-button danger">{t(lang, "Huỷ chỗ", "Cancel")}</button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <EventTabs head=roster.event.clone() current="/places" />
        <p>{summary}" · "<a href=event_admin::places_csv(id) download>{t(lang, "Tải danh sách (CSV)", "Download (CSV)")}</a></p>
        <FormRefused />
        <FieldMessage name="event" />
        <table class="data-table">
            <thead><tr>
                <th scope="col">{t(lang, "Người tham dự", "Attendee")}</th>
                <th scope="col">{t(lang, "Liên hệ", "Contact")}</th>
                <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                <th scope="col">{t(lang, "Có mặt", "Present")}</th>
                <th scope="col">{t(lang, "Thao tác", "Actions")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <Pagination number per_page total href=move |page| page.of(&event_admin::places(id)) lang />
        <form method="post" action=event_admin::attendance(id) id="diem-danh" class="stack-form">
            <p class="muted">{t(lang, "Đánh dấu những người có mặt trên trang này rồi lưu (sau khi khoá học bắt đầu).", "Tick who came on this page, then save (once the training has begun).")}</p>
            <button type="submit" class="button secondary">{t(lang, "Lưu điểm danh", "Save attendance")}</button>
        </form>
        <form method="post" action=event_admin::book_place(id) class="stack-form">
            <h2>{t(lang, "Thêm người tham dự", "Add an attendee")}</h2>
            <p class="muted">{t(lang, "Khi đã kín chỗ, người mới vào danh sách chờ.", "When the places are taken, newcomers wait.")}</p>
            <div class="field-row">
                <TextField name="attendee_name" label=t(lang, "Họ và tên", "Full name") value="" required=true max=100 autocomplete="off" />
                <TextField name="organisation" label=t(lang, "Đơn vị (UBND xã, HTX...)", "Organisation (commune, cooperative...)") value="" required=true max=200 />
            </div>
            <div class="field-row">
                <TextField name="phone" kind="tel" label=t(lang, "Điện thoại", "Phone") value="" max=20 />
                <TextField name="email" kind="email" label="Email" value="" max=254 />
            </div>
            <button type="submit" class="button">{t(lang, "Đăng ký", "Register")}</button>
        </form>
    }
}
