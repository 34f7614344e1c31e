//! Published events: the list (upcoming first) and one event with its floor plan and exhibitors.

use std::collections::BTreeMap;

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::events::{Booth, EventCard, EventDetail, Exhibitor};
use crate::model::page::{Page, PageNumber};

pub const PER_PAGE: u32 = 20;

const TODAY: &str = "date('now', '+7 hours')";

type CardRow = (String, String, String, String, String, String, String, bool);

fn card((slug, kind, name, summary, location, starts_on, ends_on, upcoming): CardRow) -> EventCard {
    EventCard {
        slug,
        kind,
        name,
        summary,
        location,
        starts_on,
        ends_on,
        upcoming,
    }
}

/// Upcoming and running events first, soonest first; then past ones, latest first.
pub async fn list(pool: &SqlitePool, page: PageNumber) -> Result<Page<EventCard>, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE status = 'published'")
        .fetch_one(pool)
        .await?;
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT slug, kind, name, summary, location, starts_on, ends_on, ends_on >= {TODAY} AS upcoming
         FROM events WHERE status = 'published'
         ORDER BY upcoming DESC, CASE WHEN ends_on >= {TODAY} THEN starts_on END, starts_on DESC, id
         LIMIT ?1 OFFSET ?2"
    ))
    .bind(i64::from(PER_PAGE))
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page {
        items: rows.into_iter().map(card).collect(),
        number: page.get(),
        per_page: PER_PAGE,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// The next few upcoming events, for the home page.
pub async fn upcoming(pool: &SqlitePool, limit: i64) -> Result<Vec<EventCard>, AppError> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT slug, kind, name, summary, location, starts_on, ends_on, 1
         FROM events WHERE status = 'published' AND ends_on >= {TODAY} ORDER BY starts_on, id LIMIT ?1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(card).collect())
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    slug: String,
    kind: String,
    name: String,
    summary: String,
    location: String,
    starts_on: String,
    ends_on: String,
    upcoming: bool,
    description: String,
    organiser: String,
    venue: String,
    applications_close_on: Option<String>,
    planned_booths: Option<i64>,
    online_booths: bool,
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Found<EventDetail>, AppError> {
    let row: Option<DetailRow> = sqlx::query_as(&format!(
        "SELECT id, slug, kind, name, summary, location, starts_on, ends_on, ends_on >= {TODAY} AS upcoming,
                description, organiser, venue, applications_close_on, planned_booths, online_booths
         FROM events WHERE slug = ?1 AND status = 'published'"
    ))
    .bind(slug)
    .fetch_optional(pool)
    .await?;
    let Some(event) = row else {
        return super::redirects::moved(pool, super::redirects::Entity::Event, slug).await;
    };
    let id = event.id;
    let booths: Vec<(
        String,
        String,
        String,
        String,
        i64,
        i64,
        i64,
        i64,
        Option<String>,
    )> = sqlx::query_as(
        "SELECT b.code, b.hall, b.booth_type, b.status, b.x, b.y, b.width, b.height, pr.name
         FROM booths b LEFT JOIN producers pr ON pr.id = b.producer_id
         WHERE b.event_id = ?1 ORDER BY b.code",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    // One pass over approved applications and their products, grouped here.
    let shown: Vec<(
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
    )> = sqlx::query_as(
        "SELECT pr.slug, pr.name, b.code, p.slug, p.name
         FROM exhibitor_applications a
         JOIN producers pr ON pr.id = a.producer_id
         LEFT JOIN booths b ON b.id = a.booth_id
         LEFT JOIN application_products ap ON ap.application_id = a.id
         LEFT JOIN products p ON p.id = ap.product_id AND p.status = 'published'
         WHERE a.event_id = ?1 AND a.status = 'approved'
         ORDER BY b.code, pr.name, p.name",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let mut exhibitors: BTreeMap<String, Exhibitor> = BTreeMap::new();
    let mut order = Vec::new();
    for (producer_slug, producer_name, booth_code, product_slug, product_name) in shown {
        let entry = exhibitors.entry(producer_slug.clone()).or_insert_with(|| {
            order.push(producer_slug.clone());
            Exhibitor {
                producer_slug,
                producer_name,
                booth_code,
                products: Vec::new(),
            }
        });
        if let (Some(slug), Some(name)) = (product_slug, product_name) {
            entry.products.push((slug, name));
        }
    }
    Ok(Found::Here(EventDetail {
        card: EventCard {
            slug: event.slug,
            kind: event.kind,
            name: event.name,
            summary: event.summary,
            location: event.location,
            starts_on: event.starts_on,
            ends_on: event.ends_on,
            upcoming: event.upcoming,
        },
        description: event.description,
        organiser: event.organiser,
        venue: event.venue,
        applications_close_on: event.applications_close_on,
        planned_booths: event.planned_booths,
        online_booths: event.online_booths,
        booths: booths
            .into_iter()
            .map(
                |(code, hall, booth_type, status, x, y, width, height, producer_name)| Booth {
                    code,
                    hall,
                    booth_type,
                    status,
                    x,
                    y,
                    width,
                    height,
                    producer_name,
                },
            )
            .collect(),
        exhibitors: order
            .into_iter()
            .filter_map(|slug| exhibitors.remove(&slug))
            .collect(),
    }))
}
