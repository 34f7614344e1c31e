//! The staff's events `/admin/events`: the list with its filters and the month calendar; each
//! event's pages are in the modules below, one per task (the record, the floor plan, the
//! applications, a training's registrations, the booth signs).

pub mod applications;
pub mod plan;
pub mod record;
pub mod signs;
pub mod training;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::event_admin::{event_list, event_month};
use crate::components::event_card::date_span;
use crate::components::guard::guarded;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::private_nav::PrivateNav;
use crate::i18n::{t, use_lang, Lang};
use crate::model::day::Day;
use crate::model::event_admin::{EventFilter, EventHead, EventLine};
use crate::model::events::status::{EventKind, EventStatus};

/// The links between one event's staff pages, above each of them.
#[component]
pub fn EventTabs(head: EventHead, current: &'static str) -> impl IntoView {
    let lang = use_lang();
    let base = format!("/admin/events/{}", head.id);
    let training = head.kind == EventKind::Training;
    let mut tabs = vec![("", t(lang, "Thông tin", "Details"))];
    if training {
        tabs.push(("/places", t(lang, "Người đăng ký", "Registrations")));
    } else {
        tabs.push(("/booths", t(lang, "Sơ đồ gian hàng", "Floor plan")));
        tabs.push(("/applications", t(lang, "Đơn đăng ký", "Applications")));
        tabs.push(("/signs", t(lang, "Biển gian hàng", "Booth signs")));
    }
    let links = tabs
        .into_iter()
        .map(|(tail, label)| {
            view! { <a href=format!("{base}{tail}") aria-current=(tail == current).then_some("page")>{label}</a> }
        })
        .collect_view();
    view! {
        <p class="breadcrumbs"><a href="/admin/events">{t(lang, "Sự kiện", "Events")}</a></p>
        <h1>{head.name.clone()}</h1>
        <p class="muted">
            {head.kind.label(lang)}" · "{date_span(head.starts_on, head.ends_on)}" · "
            <span class=format!("status status-{}", head.status)>{head.status.label(lang)}</span>
            {(head.status != EventStatus::Draft).then(|| view! {
                " · "<a href=format!("/fairs/{}", head.slug)>{t(lang, "Trang công khai", "Public page")}</a>
            })}
        </p>
        <nav class="tabs" aria-label=t(lang, "Các trang của sự kiện", "The event's pages")>{links}</nav>
    }
}

/// `/admin/events`: the list (`?year=&kind=&status=&page=`), or the month calendar
/// (`?view=calendar&month=2026-12`).
#[component]
pub fn EventList() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map().get_untracked();
    let calendar = query.get("view").as_deref() == Some("calendar");
    view! {
        <Title text=t(lang, "Sự kiện", "Events") />
        <PrivateNav current="/admin/events" />
        <div class="page-head">
            <h1>{t(lang, "Hội chợ, triển lãm và tập huấn", "Fairs, exhibitions and training")}</h1>
            <p>
                <a href="/admin/events/new" class="button">{t(lang, "Tạo sự kiện", "New event")}</a>" "
                {if calendar {
                    view! { <a href="/admin/events" class="button secondary">{t(lang, "Xem danh sách", "Show the list")}</a> }
                } else {
                    view! { <a href="/admin/events?view=calendar" class="button secondary">{t(lang, "Xem lịch tháng", "Show the month")}</a> }
                }}
            </p>
        </div>
        {if calendar {
            view! { <MonthView month=query.get("month") /> }.into_any()
        } else {
            view! { <ListView year=query.get("year") kind=query.get("kind") status=query.get("status") page=query.get("page") /> }.into_any()
        }}
    }
}

#[component]
fn ListView(
    year: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    page: Option<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Suspense>
            {OnePass::after(async move {
                guarded(event_list(year, kind, status, page).await, lang, |(filter, events)| {
                    let base = match filter.query() {
                        query if query.is_empty() => "/admin/events".to_owned(),
                        query => format!("/admin/events?{query}"),
                    };
                    view! {
                        <FilterForm filter />
                        {if events.items.is_empty() {
                            view! { <p class="empty">{t(lang, "Không có sự kiện nào khớp bộ lọc.", "No event matches the filters.")}</p> }.into_any()
                        } else {
                            view! {
                                <table class="data-table">
                                    <thead><tr>
                                        <th scope="col">{t(lang, "Sự kiện", "Event")}</th>
                                        <th scope="col">{t(lang, "Thời gian", "When")}</th>
                                        <th scope="col">{t(lang, "Hạn đăng ký", "Deadline")}</th>
                                        <th scope="col">{t(lang, "Trạng thái", "Status")}</th>
                                        <th scope="col">{t(lang, "Tham gia", "Taking part")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {events.items.into_iter().map(|event| view! { <EventRow event lang /> }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        <Pagination number=events.number per_page=events.per_page total=events.total
                            href=move |page| page.of(&base) lang />
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[component]
fn FilterForm(filter: EventFilter) -> impl IntoView {
    let lang = use_lang();
    view! {
        <form method="get" action="/admin/events" class="filters">
            <div class="field">
                <label for="f-year">{t(lang, "Năm", "Year")}</label>
                <input id="f-year" name="year" type="number" min="2000" max="2100" inputmode="numeric"
                    value=filter.year.map(|y| y.to_string()).unwrap_or_default() />
            </div>
            <div class="field">
                <label for="f-kind">{t(lang, "Loại", "Kind")}</label>
                <select id="f-kind" name="kind">
                    <option value="">{t(lang, "Tất cả", "All")}</option>
                    {EventKind::ALL.iter().copied().map(|kind| view! {
                        <option value=kind.to_string() selected=filter.kind == Some(kind)>{kind.label(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-status">{t(lang, "Trạng thái", "Status")}</label>
                <select id="f-status" name="status">
                    <option value="">{t(lang, "Tất cả", "All")}</option>
                    {EventStatus::ALL.iter().copied().map(|status| view! {
                        <option value=status.to_string() selected=filter.status == Some(status)>{status.label(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">{t(lang, "Lọc", "Filter")}</button>
        </form>
    }
}

#[component]
fn EventRow(event: EventLine, lang: Lang) -> impl IntoView {
    let taking_part = if event.kind == EventKind::Training {
        match event.capacity {
            Some(capacity) => format!(
                "{}/{capacity} {}",
                event.registered,
                t(lang, "chỗ", "places")
            ),
            None => format!("{} {}", event.registered, t(lang, "người", "people")),
        }
    } else {
        match lang {
            Lang::Vi => format!(
                "{} chờ duyệt · {} đã xếp gian · {} gian",
                event.waiting, event.approved, event.booths
            ),
            Lang::En => format!(
                "{} waiting · {} approved · {} booths",
                event.waiting, event.approved, event.booths
            ),
        }
    };
    view! {
        <tr>
            <td>
                <a href=format!("/admin/events/{}", event.id)>{event.name}</a>
                <br /><span class="muted">{event.kind.label(lang)}</span>
            </td>
            <td data-label=t(lang, "Thời gian", "When")>{date_span(event.starts_on, event.ends_on)}</td>
            <td data-label=t(lang, "Hạn đăng ký", "Deadline")>{event.applications_close_on.map(Day::shown).unwrap_or_default()}</td>
            <td data-label=t(lang, "Trạng thái", "Status")><span class=format!("status status-{}", event.status)>{event.status.label(lang)}</span></td>
            <td data-label=t(lang, "Tham gia", "Taking part")>{taking_part}</td>
        </tr>
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("T2", "Mon"),
    ("T3", "Tue"),
    ("T4", "Wed"),
    ("T5", "Thu"),
    ("T6", "Fri"),
    ("T7", "Sat"),
    ("CN", "Sun"),
];

/// The days of a month laid out in weeks from Monday; `None` pads the first and last week.
fn weeks(first: Day) -> Vec<[Option<Day>; 7]> {
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    let mut slot = usize::from(first.weekday_from_monday());
    let mut day = Some(first);
    while let Some(today) = day.filter(|d| d.month() == first.month()) {
        week[slot] = Some(today);
        slot += 1;
        if slot == 7 {
            weeks.push(week);
            week = [None; 7];
            slot = 0;
        }
        day = today.next();
    }
    if slot > 0 {
        weeks.push(week);
    }
    weeks
}

#[component]
fn MonthView(month: Option<String>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <Suspense>
            {OnePass::after(async move {
                guarded(event_month(month).await, lang, |(first, events)| {
                    let link = |day: Option<Day>| day.map(|d| format!("/admin/events?view=calendar&month={}", &d.iso()[..7]));
                    let title = match lang {
                        Lang::Vi => format!("Tháng {}/{}", first.month(), first.year()),
                        Lang::En => format!("{}-{:02}", first.year(), first.month()),
                    };
                    let rows = weeks(first).into_iter().map(|week| {
                        let cells = week.into_iter().map(|day| match day {
                            None => view! { <td class="outside"></td> }.into_any(),
                            Some(day) => {
                                let on_day: Vec<EventLine> = events.iter()
                                    .filter(|e| e.starts_on <= day && day <= e.ends_on)
                                    .cloned()
                                    .collect();
                                view! {
                                    <td>
                                        <span class="day-number">{day.day()}</span>
                                        <ul>
                                            {on_day.into_iter().map(|event| view! {
                                                <li class=format!("status-{}", event.status)>
                                                    <a href=format!("/admin/events/{}", event.id)>{event.name}</a>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </td>
                                }.into_any()
                            }
                        }).collect_view();
                        view! { <tr>{cells}</tr> }
                    }).collect_view();
                    view! {
                        <nav class="month-nav" aria-label=t(lang, "Chọn tháng", "Choose the month")>
                            {link(first.previous_month()).map(|href| view! { <a href=href rel="prev">{t(lang, "← Tháng trước", "← Previous month")}</a> })}
                            <h2>{title}</h2>
                            {link(first.next_month()).map(|href| view! { <a href=href rel="next">{t(lang, "Tháng sau →", "Next month →")}</a> })}
                        </nav>
                        <table class="month">
                            <thead><tr>
                                {WEEKDAYS.into_iter().map(|(vi, en)| view! { <th scope="col">{t(lang, vi, en)}</th> }).collect_view()}
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any()
                })
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::weeks;
    use crate::model::day::Day;

    #[test]
    fn a_month_is_laid_out_in_weeks_from_monday() {
        // 1 December 2026 is a Tuesday; the month has 31 days and ends on a Thursday.
        let december = weeks(Day::parse("2026-12-01").unwrap());
        assert_eq!(december.len(), 5);
        assert_eq!(december[0][0], None);
        assert_eq!(december[0][1], Day::parse("2026-12-01"));
        assert_eq!(december[4][3], Day::parse("2026-12-31"));
        assert_eq!(december[4][4], None);
        let days = december.iter().flatten().flatten().count();
        assert_eq!(days, 31);
    }
}
