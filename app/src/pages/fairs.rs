//! Fairs and events `/fairs` and one event `/fairs/{slug}` with its floor plan and exhibitors.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::events::{get_event, list_events};
use crate::components::event_card::{date_span, EventCardView};
use crate::components::found::found_view;
use crate::components::pagination::Pagination;
use crate::format::date;
use crate::i18n::{t, use_lang, Lang};
use crate::model::events::{Booth, EventDetail};
use crate::model::status::BoothStatus;

#[component]
pub fn FairsPage() -> impl IntoView {
    let lang = use_lang();
    let page = use_query_map().with_untracked(|params| params.get("page"));
    view! {
        <Title text=t(lang, "Hội chợ, triển lãm và sự kiện", "Fairs, exhibitions and events") />
        <Meta name="description" content=t(lang,
            "Hội chợ, triển lãm, lễ hội và tập huấn có sản phẩm OCOP của tỉnh tham gia.",
            "Fairs, exhibitions, festivals and trainings where the province's OCOP products take part.") />
        <div class="page-head"><h1>{t(lang, "Hội chợ và sự kiện", "Fairs and events")}</h1></div>
        <Suspense>
            {Suspend::new(async move {
                match list_events(page).await {
                    Ok(events) => view! {
                        <ul class="event-list">
                            {events.items.into_iter().map(|event| view! { <EventCardView event lang /> }).collect_view()}
                        </ul>
                        <Pagination number=events.number per_page=events.per_page total=events.total
                            href=|page| page.of("/fairs") lang />
                    }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn FairPage() -> impl IntoView {
    let lang = use_lang();
    let slug = use_params_map().with_untracked(|params| params.get("slug").unwrap_or_default());
    view! {
        <Suspense>
            {Suspend::new(async move {
                found_view(get_event(slug).await, lang, |event| view! { <EventView event lang /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn EventView(event: EventDetail, lang: Lang) -> impl IntoView {
    let card = event.card.clone();
    let facts = [
        (
            t(lang, "Thời gian", "When"),
            Some(date_span(&card.starts_on, &card.ends_on)),
        ),
        (
            t(lang, "Địa điểm", "Where"),
            Some(format!("{}, {}", event.venue, card.location)),
        ),
        (
            t(lang, "Đơn vị tổ chức", "Organiser"),
            Some(event.organiser.clone()).filter(|o| !o.is_empty()),
        ),
        (
            t(lang, "Hạn đăng ký gian hàng", "Booth applications close"),
            event.applications_close_on.as_deref().map(date),
        ),
        (
            t(lang, "Số gian hàng dự kiến", "Planned booths"),
            event.planned_booths.map(|n| n.to_string()),
        ),
        (
            t(lang, "Gian hàng trực tuyến", "Online booths"),
            event.online_booths.then(|| t(lang, "Có", "Yes").to_owned()),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> }))
    .collect_view();
    let booths = event.booths.clone();
    let exhibitors = event.exhibitors.clone();
    view! {
        <Title text=card.name.clone() />
        <Meta name="description" content=card.summary.clone() />
        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
            <a href="/fairs">{t(lang, "Hội chợ và sự kiện", "Fairs and events")}</a>
        </nav>
        <article class="product-page">
            <section>
                <p class="event-kind">{card.kind.label(lang)}
                    {(!card.upcoming).then(|| view! { <span class="past">{t(lang, " · Đã diễn ra", " · Past")}</span> })}
                </p>
                <h1>{card.name.clone()}</h1>
                <dl class="facts">{facts}</dl>
                <p class="event-description">{event.description.clone()}</p>
            </section>
            {(!booths.is_empty()).then(|| view! {
                <section>
                    <h2>{t(lang, "Sơ đồ gian hàng", "Floor plan")}</h2>
                    <FloorPlan booths=booths.clone() lang />
                    <ul class="legend">
                        {BoothStatus::ALL.iter().map(|status| view! {
                            <li><span class=format!("swatch booth-{status}") aria-hidden="true"></span>{status.label(lang)}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <section>
                <h2>{t(lang, "Đơn vị trưng bày", "Exhibitors")}</h2>
                {if exhibitors.is_empty() {
                    view! { <p class="empty">{t(lang, "Chưa có danh sách đơn vị trưng bày.", "No exhibitor list yet.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="exhibitors">
                            {exhibitors.into_iter().map(|exhibitor| view! {
                                <li>
                                    {exhibitor.booth_code.map(|code| view! { <span class="booth-code">{code}</span> })}
                                    <a href=format!("/producers/{}", exhibitor.producer_slug)>{exhibitor.producer_name}</a>
                                    {(!exhibitor.products.is_empty()).then(|| view! {
                                        <ul class="shown-products">
                                            {exhibitor.products.into_iter().map(|(slug, name)| view! {
                                                <li><a href=format!("/products/{slug}")>{name}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        </article>
    }
}

/// Size of a grid cell of the floor plan, in SVG units.
const CELL: i64 = 40;

/// The booths drawn to scale, coloured by status, with their codes; each booth's title says
/// who has it. A table below repeats it for screen readers.
#[component]
fn FloorPlan(booths: Vec<Booth>, lang: Lang) -> impl IntoView {
    let width = booths.iter().map(|b| b.x + b.width).max().unwrap_or(1) * CELL;
    let height = booths.iter().map(|b| b.y + b.height).max().unwrap_or(1) * CELL;
    let shapes = booths
        .iter()
        .map(|booth| {
            let title = format!(
                "{} · {}{}",
                booth.code,
                booth.status.label(lang),
                booth.producer_name.as_deref().map(|name| format!(" · {name}")).unwrap_or_default()
            );
            let (x, y, w, h) = (booth.x * CELL, booth.y * CELL, booth.width * CELL, booth.height * CELL);
            view! {
                <g class=format!("booth booth-{}", booth.status)>
                    <title>{title}</title>
                    <rect x=x + 2 y=y + 2 width=w - 4 height=h - 4 rx="4" />
                    <text x=x + w / 2 y=y + h / 2 text-anchor="middle" dominant-baseline="middle">{booth.code.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let rows = booths
        .into_iter()
        .map(|booth| {
            view! {
                <tr>
                    <td>{booth.code}</td>
                    <td>{booth.status.label(lang)}</td>
                    <td>{booth.producer_name.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="floor-plan">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label=t(lang, "Sơ đồ gian hàng", "Floor plan")>
                {shapes}
            </svg>
        </div>
        <details>
            <summary>{t(lang, "Danh sách gian hàng", "Booth list")}</summary>
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{t(lang, "Gian", "Booth")}</th>
                    <th scope="col">{t(lang, "Tình trạng", "Status")}</th>
                    <th scope="col">{t(lang, "Đơn vị", "Exhibitor")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
