//! Fairs and events `/fairs` (upcoming first, then the archive), one event `/fairs/{slug}` with
//! its floor plan and searchable exhibitors, and an exhibitor's online booth
//! `/fairs/{slug}/{producer}` for those who cannot come.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::events::{get_event, get_online_booth, list_events};
use crate::components::event_card::{date_span, EventCardView};
use crate::components::floor_plan::{plan_shapes, FloorPlan};
use crate::components::found::found_view;
use crate::components::one_pass::OnePass;
use crate::components::pagination::Pagination;
use crate::components::producer_contact::ProducerContact;
use crate::components::product_card::ProductCardView;
use crate::i18n::{t, use_lang, Lang};
use crate::model::catalogue::encode;
use crate::model::day::Day;
use crate::model::events::status::{EventKind, EventStatus};
use crate::model::events::{EventDetail, Exhibitor, OnlineBooth};

#[component]
pub fn FairsPage() -> impl IntoView {
    let lang = use_lang();
    let page = use_query_map().with_untracked(|params| params.get("page"));
    view! {
        <Title text=t(lang, "Hội chợ, triển lãm và sự kiện", "Fairs, exhibitions and events") />
        <Meta name="description" content=t(lang,
            "Hội chợ, triển lãm, lễ hội và tập huấn có sản phẩm OCOP của tỉnh tham gia.",
            "Fairs, exhibitions, festivals and trainings where the province's OCOP products take part.") />
        <div class="page-head">
            <h1>{t(lang, "Hội chợ và sự kiện", "Fairs and events")}</h1>
            <p><a href="/fairs.ics" class="button secondary">{t(lang, "Thêm tất cả vào lịch (.ics)", "Add all to your calendar (.ics)")}</a></p>
        </div>
        <p class="muted">{t(lang,
            "Sự kiện sắp diễn ra ở trước; các sự kiện đã qua được lưu lại cùng danh sách đơn vị đã trưng bày.",
            "Upcoming events come first; past ones stay here with who exhibited.")}</p>
        <Suspense>
            {OnePass::after(async move {
                match list_events(page).await {
                    Ok(events) => view! {
                        <h2 class="visually-hidden">{t(lang, "Danh sách sự kiện", "The events")}</h2>
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
    let typed = use_query_map().with_untracked(|params| params.get("q").unwrap_or_default());
    view! {
        <Suspense>
            {OnePass::after(async move {
                let typed = typed.clone();
                found_view(get_event(slug).await, lang, move |event| view! { <EventView event typed lang /> }.into_any())
            })}
        </Suspense>
    }
}

/// A link that opens the venue in a map, for directions.
fn directions(venue: &str, location: &str) -> String {
    format!(
        "https://www.google.com/maps/search/?api=1&query={}",
        encode(&format!("{venue}, {location}"))
    )
}

#[component]
fn EventView(event: EventDetail, typed: String, lang: Lang) -> impl IntoView {
    let card = event.card.clone();
    let slug = card.slug.clone();
    let facts = [
        (
            t(lang, "Thời gian", "When"),
            Some(date_span(card.starts_on, card.ends_on)),
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
            event.applications_close_on.map(Day::shown),
        ),
        (
            t(lang, "Số gian hàng dự kiến", "Planned booths"),
            event.planned_booths.map(|n| n.to_string()),
        ),
        (
            t(lang, "Gian hàng trực tuyến", "Online booths"),
            (event.online_booths > 0).then(|| event.online_booths.to_string()),
        ),
        (
            t(lang, "Dành cho", "For"),
            event
                .audience
                .map(|audience| audience.label(lang).to_owned()),
        ),
        (
            t(lang, "Số chỗ", "Places"),
            event.capacity.map(|capacity| match event.places_left {
                Some(0) => format!(
                    "{capacity} · {}",
                    t(
                        lang,
                        "đã kín chỗ, đăng ký vào danh sách chờ",
                        "full, new registrations wait"
                    )
                ),
                Some(left) => format!("{capacity} · {} {left}", t(lang, "còn", "left:")),
                None => capacity.to_string(),
            }),
        ),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|value| view! { <dt>{label}</dt><dd>{value}</dd> }))
    .collect_view();
    let status_note = match card.status {
        EventStatus::Cancelled => Some(view! {
            <div class="event-status cancelled" role="status">
                <strong>{t(lang, "Sự kiện đã bị huỷ.", "This event is cancelled.")}</strong>
                {event.cancel_reason.clone().map(|reason| view! { " "{reason} })}
            </div>
        }.into_any()),
        EventStatus::Closed if card.upcoming => Some(view! {
            <div class="event-status" role="status">{t(lang, "Đã hết hạn đăng ký gian hàng.", "Booth applications are closed.")}</div>
        }.into_any()),
        _ => None,
    };
    // A held booth leads to its exhibitor's online booth.
    let shapes = plan_shapes(&event.booths, None, |booth| {
        booth
            .producer_slug
            .as_ref()
            .map(|producer| format!("/fairs/{slug}/{producer}"))
    });
    let shown = if typed.trim().is_empty() {
        event.exhibitors.clone()
    } else {
        event.exhibitors_matching(&typed)
    };
    let total = event.exhibitors.len();
    let hall = event.plan;
    let is_training = card.kind == EventKind::Training;
    view! {
        <Title text=card.name.clone() />
        <Meta name="description" content=card.summary.clone() />
        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
            <a href="/fairs">{t(lang, "Hội chợ và sự kiện", "Fairs and events")}</a>
        </nav>
        <article class="product-page event-page">
            <section>
                <p class="event-kind">{card.kind.label(lang)}
                    {(!card.upcoming && card.status != EventStatus::Cancelled).then(|| view! { <span class="past">{t(lang, " · Đã diễn ra", " · Past")}</span> })}
                </p>
                <h1>{card.name.clone()}</h1>
                {status_note}
                {event.cover.clone().map(|src| view! { <img class="event-cover" src=src alt="" width="960" height="400" /> })}
                <p class="lead">{card.summary.clone()}</p>
                <dl class="facts">{facts}</dl>
                <p class="event-links">
                    <a href=format!("/fairs/{slug}/calendar.ics") class="button secondary">{t(lang, "Thêm vào lịch", "Add to calendar")}</a>
                    " "
                    <a href=directions(&event.venue, &card.location) class="button secondary" rel="noopener" target="_blank">
                        {t(lang, "Chỉ đường", "Directions")}
                    </a>
                </p>
                <div class="prose" inner_html=event.description_html.clone()></div>
            </section>
            {(!shapes.is_empty()).then(|| view! {
                <section>
                    <h2>{t(lang, "Sơ đồ gian hàng", "Floor plan")}</h2>
                    <p class="muted">{t(lang, "Chọn một gian để xem đơn vị và sản phẩm trưng bày.", "Choose a booth to see its exhibitor and products.")}</p>
                    <FloorPlan shapes lang hall=hall />
                </section>
            })}
            {(!is_training || total > 0).then(|| view! {
                <section id="exhibitors">
                    <h2>{t(lang, "Đơn vị trưng bày", "Exhibitors")}" ("{total}")"</h2>
                    {(total > 0).then(|| view! {
                        <form method="get" action=format!("/fairs/{slug}#exhibitors") class="inline-search" role="search">
                            <label for="q-exhibitor">{t(lang, "Tìm đơn vị, gian hoặc sản phẩm", "Find an exhibitor, booth or product")}</label>
                            <input id="q-exhibitor" name="q" type="search" value=typed.clone() maxlength="100" />
                            <button type="submit" class="button secondary">{t(lang, "Tìm", "Search")}</button>
                        </form>
                    })}
                    <ExhibitorList exhibitors=shown slug=slug.clone() typed=typed.clone() total lang />
                </section>
            })}
        </article>
    }
}

#[component]
fn ExhibitorList(
    exhibitors: Vec<Exhibitor>,
    slug: String,
    typed: String,
    total: usize,
    lang: Lang,
) -> impl IntoView {
    if total == 0 {
        return view! { <p class="empty">{t(lang, "Chưa có danh sách đơn vị trưng bày.", "No exhibitor list yet.")}</p> }.into_any();
    }
    if exhibitors.is_empty() {
        return view! {
            <p class="empty" role="status">{match lang {
                Lang::Vi => format!("Không có đơn vị nào khớp “{typed}”."),
                Lang::En => format!("No exhibitor matches “{typed}”."),
            }}</p>
        }
        .into_any();
    }
    view! {
        <ul class="exhibitors">
            {exhibitors.into_iter().map(|exhibitor| {
                let booth = format!("/fairs/{slug}/{}", exhibitor.producer_slug);
                view! {
                    <li>
                        {exhibitor.booth_code.map(|code| view! { <span class="booth-code">{code}</span> })}
                        <a href=format!("/producers/{}", exhibitor.producer_slug)>{exhibitor.producer_name}</a>
                        " · "<a href=booth>{t(lang, "Gian hàng trực tuyến", "Online booth")}</a>
                        {(!exhibitor.products.is_empty()).then(|| view! {
                            <ul class="shown-products">
                                {exhibitor.products.into_iter().map(|product| view! {
                                    <li><a href=format!("/products/{}", product.slug)>{product.name}</a></li>
                                }).collect_view()}
                            </ul>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// `/fairs/{slug}/{producer}`: what one exhibitor shows at the event.
#[component]
pub fn OnlineBoothPage() -> impl IntoView {
    let lang = use_lang();
    let (event, producer) = use_params_map().with_untracked(|params| {
        (
            params.get("slug").unwrap_or_default(),
            params.get("producer").unwrap_or_default(),
        )
    });
    view! {
        <Suspense>
            {OnePass::after(async move {
                match get_online_booth(event, producer).await {
                    Ok(booth) => view! { <OnlineBoothView booth lang /> }.into_any(),
                    Err(crate::error::AppError::NotFound) => view! { <crate::pages::not_found::NotFound /> }.into_any(),
                    Err(error) => view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OnlineBoothView(booth: OnlineBooth, lang: Lang) -> impl IntoView {
    let title = format!("{} · {}", booth.producer.name, booth.event.name);
    view! {
        <Title text=title />
        <nav class="breadcrumbs" aria-label=t(lang, "Vị trí", "Breadcrumbs")>
            <a href="/fairs">{t(lang, "Hội chợ và sự kiện", "Fairs and events")}</a>" › "
            <a href=format!("/fairs/{}", booth.event.slug)>{booth.event.name.clone()}</a>
        </nav>
        <div class="page-head">
            <h1>{t(lang, "Gian hàng trực tuyến: ", "Online booth: ")}{booth.producer.name.clone()}</h1>
            <p class="event-when">
                {booth.booth_code.clone().map(|code| format!("{} {code} · ", t(lang, "Gian", "Booth")))}
                {date_span(booth.event.starts_on, booth.event.ends_on)}" · "{booth.event.location.clone()}
            </p>
        </div>
        <article class="product-page">
            <section>
                <h2>{t(lang, "Sản phẩm trưng bày tại sự kiện", "Products shown at the event")}</h2>
                {if booth.products.is_empty() {
                    view! { <p class="empty">{t(lang, "Đơn vị chưa chọn sản phẩm trưng bày.", "The exhibitor has not chosen its products yet.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="product-grid">
                            {booth.products.into_iter().map(|card| view! { <ProductCardView card lang /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            <section>
                <ProducerContact producer=booth.producer lang link_name=true />
            </section>
        </article>
    }
}
