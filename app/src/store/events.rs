//! Published events: the list (upcoming first) and one event with its floor plan and exhibitors.

use std::collections::BTreeMap;

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::events::{Booth, EventCard, EventDetail, Exhibitor};
use crate::model::page::{Page, PageNumber};
use crate::model::status::{ApplicationStatus, EventStatus, ProductStatus};

pub const PER_PAGE: u32 = 20;

const TODAY: &str = "date('now', '+7 hours')";

/// Upcoming and running events first, soonest first; then past ones, latest first.
pub async fn list(pool: &SqlitePool, page: PageNumber) -> Result<Page<EventCard>, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE status <> ?1")
        .bind(EventStatus::Draft)
        .fetch_one(pool)
        .await?;
    let items = sqlx::query_as(&format!(
        "SELECT slug, kind, name, summary, location, starts_on, ends_on, ends_on >= {TODAY} AS upcoming
         FROM events WHERE status <> ?3
         ORDER BY upcoming DESC, CASE WHEN ends_on >= {TODAY} THEN starts_on END, starts_on DESC, id
         LIMIT ?1 OFFSET ?2"
    ))
    .bind(i64::from(PER_PAGE))
    .bind(page.offset(PER_PAGE))
    .bind(EventStatus::Draft)
    .fetch_all(pool)
    .await?;
    Ok(Page {
        items,
        number: page.get(),
        per_page: PER_PAGE,
        total: u64::try_from(total).unwrap_or(0),
    })
}

/// The next few upcoming events, for the home page.
pub async fn upcoming(pool: &SqlitePool, limit: i64) -> Result<Vec<EventCard>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT slug, kind, name, summary, location, starts_on, ends_on, 1 AS upcoming
         FROM events WHERE status IN (?2, ?3) AND ends_on >= {TODAY} ORDER BY starts_on, id LIMIT ?1"
    ))
    .bind(limit)
    .bind(EventStatus::Published)
    .bind(EventStatus::Closed)
    .fetch_all(pool)
    .await?)
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: i64,
    #[sqlx(flatten)]
    card: EventCard,
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
         FROM events WHERE slug = ?1 AND status <> ?2"
    ))
    .bind(slug)
    .bind(EventStatus::Draft)
    .fetch_optional(pool)
    .await?;
    let Some(event) = row else {
        return super::redirects::moved(pool, super::redirects::Entity::Event, slug).await;
    };
    let id = event.id;
    let booths: Vec<Booth> = sqlx::query_as(
        "SELECT b.code, b.hall, t.name AS booth_type, b.status, b.x, b.y, b.width, b.height, pr.name AS producer_name
         FROM booths b JOIN booth_types t ON t.id = b.booth_type_id LEFT JOIN producers pr ON pr.id = b.producer_id
         WHERE b.event_id = ?1 ORDER BY b.code",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    // One pass over approved applications and their products, grouped here.
    #[derive(sqlx::FromRow)]
    struct Shown {
        producer_slug: String,
        producer_name: String,
        booth_code: Option<String>,
        product_slug: Option<String>,
        product_name: Option<String>,
    }
    let shown: Vec<Shown> = sqlx::query_as(
        "SELECT pr.slug AS producer_slug, pr.name AS producer_name, b.code AS booth_code,
                p.slug AS product_slug, p.name AS product_name
         FROM exhibitor_applications a
         JOIN producers pr ON pr.id = a.producer_id
         LEFT JOIN booths b ON b.id = a.booth_id
         LEFT JOIN application_products ap ON ap.application_id = a.id
         LEFT JOIN products p ON p.id = ap.product_id AND p.status = ?2
         WHERE a.event_id = ?1 AND a.status = ?3
         ORDER BY b.code, pr.name, p.name",
    )
    .bind(id)
    .bind(ProductStatus::Published)
    .bind(ApplicationStatus::Approved)
    .fetch_all(pool)
    .await?;
    let mut exhibitors: BTreeMap<String, Exhibitor> = BTreeMap::new();
    let mut order = Vec::new();
    for row in shown {
        let entry = exhibitors
            .entry(row.producer_slug.clone())
            .or_insert_with(|| {
                order.push(row.producer_slug.clone());
                Exhibitor {
                    producer_slug: row.producer_slug,
                    producer_name: row.producer_name,
                    booth_code: row.booth_code,
                    products: Vec::new(),
                }
            });
        if let (Some(slug), Some(name)) = (row.product_slug, row.product_name) {
            entry.products.push((slug, name));
        }
    }
    Ok(Found::Here(EventDetail {
        card: event.card,
        description: event.description,
        organiser: event.organiser,
        venue: event.venue,
        applications_close_on: event.applications_close_on,
        planned_booths: event.planned_booths,
        online_booths: event.online_booths,
        booths,
        exhibitors: order
            .into_iter()
            .filter_map(|slug| exhibitors.remove(&slug))
            .collect(),
    }))
}
