use leptos::prelude::*;

use crate::i18n::{t, Lang};
use crate::model::day::Day;
use crate::model::events::status::EventStatus;
use crate::model::events::EventCard;

/// "28/05/2022" for a one-day event, "28/05/2022 – 31/05/2022" otherwise.
pub fn date_span(starts_on: Day, ends_on: Day) -> String {
    if starts_on == ends_on {
        starts_on.shown()
    } else {
        format!("{} – {}", starts_on.shown(), ends_on.shown())
    }
}

#[component]
pub fn EventCardView(event: EventCard, lang: Lang) -> impl IntoView {
    view! {
        <li class="event-card">
            <p class="event-kind">
                {event.kind.label(lang)}
                {if event.status == EventStatus::Cancelled {
                    Some(view! { <span class="cancelled">{t(lang, " · Đã huỷ", " · Cancelled")}</span> })
                } else if !event.upcoming {
                    Some(view! { <span class="past">{t(lang, " · Đã diễn ra", " · Past")}</span> })
                } else {
                    None
                }}
            </p>
            <h3><a href=format!("/fairs/{}", event.slug)>{event.name}</a></h3>
            <p class="event-when">{date_span(event.starts_on, event.ends_on)}" · "{event.location}</p>
            <p>{event.summary}</p>
            {(event.exhibitors > 0).then(|| view! {
                <p class="muted">{match lang {
                    Lang::Vi => format!("{} đơn vị trưng bày", event.exhibitors),
                    Lang::En => format!("{} exhibitors", event.exhibitors),
                }}</p>
            })}
        </li>
    }
}
