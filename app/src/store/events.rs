//! Events as the public sees them: the list (upcoming first, then the archive), one event
//! with its floor plan and exhibitors, an exhibitor's online booth, and calendar entries.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::day::Day;
use crate::model::detail::Found;
use crate::model::event_admin::ShownProduct;
use crate::model::events::status::{ApplicationStatus, PlaceStatus};
use crate::model::events::status::{Audience, EventStatus};
use crate::model::events::{CalendarEntry, EventCard, EventDetail, Exhibitor, OnlineBooth};
use crate::model::ids::{ApplicationId, EventId};
use crate::model::page::{Page, PageNumber};
use crate::model::product::ProductStatus;
use crate::model::stars::Stars;
use crate::store::cards::{
    card_columns, producer_summary_columns, CardRow, ProducerSummaryRow, CARD_JOINS, DISTRICT_JOIN,
    VALID_STARS,
};
use crate::store::clock::TODAY;

pub const PER_PAGE: u32 = 20;

/// The columns of an event card, from `events e`.
fn event_card_columns() -> String {
    format!(
        "e.slug, e.kind, e.name, e.summary, e.location, e.starts_on, e.ends_on,
         e.ends_on >= {TODAY} AS upcoming, e.status,
         (SELECT count(*) FROM exhibitor_applications x WHERE x.event_id = e.id AND x.status = '{}') AS exhibitors",
        ApplicationStatus::Approved
    )
}

/// Upcoming and running events first, soonest first; then past ones, latest first.
pub async fn list(pool: &SqlitePool, page: PageNumber) -> Result<Page<EventCard>, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM events WHERE status <> ?1")
        .bind(EventStatus::Draft)
        .fetch_one(pool)
        .await?;
    let columns = event_card_columns();
    let items = sqlx::query_as(&format!(
        "SELECT {columns} FROM events e WHERE e.status <> ?3
         ORDER BY upcoming DESC, CASE WHEN e.ends_on >= {TODAY} THEN e.starts_on END, e.starts_on DESC, e.id
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
    let columns = event_card_columns();
    Ok(sqlx::query_as(&format!(
        "SELECT {columns} FROM events e
         WHERE e.status IN (?2, ?3) AND e.ends_on >= {TODAY} ORDER BY e.starts_on, e.id LIMIT ?1"
    ))
    .bind(limit)
    .bind(EventStatus::Published)
    .bind(EventStatus::Closed)
    .fetch_all(pool)
    .await?)
}

/// The public events a news post names, in the order staff gave them.
pub async fn named_by_post(pool: &SqlitePool, post_id: i64) -> Result<Vec<EventCard>, AppError> {
    let columns = event_card_columns();
    Ok(sqlx::query_as(&format!(
        "SELECT {columns} FROM news_events ne JOIN events e ON e.id = ne.event_id
         WHERE ne.post_id = ?1 AND e.status <> ?2 ORDER BY ne.position"
    ))
    .bind(post_id)
    .bind(EventStatus::Draft)
    .fetch_all(pool)
    .await?)
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: EventId,
    #[sqlx(flatten)]
    card: EventCard,
    cancel_reason: Option<String>,
    description: String,
    organiser: String,
    venue: String,
    applications_close_on: Option<Day>,
    planned_booths: Option<i64>,
    online_booths: i64,
    plan_width: i64,
    plan_height: i64,
    cover: Option<String>,
    capacity: Option<i64>,
    audience: Option<Audience>,
    registered: i64,
}

/// The approved exhibitors of an event with what they show, grouped from one pass.
async fn exhibitors(pool: &SqlitePool, event_id: EventId) -> Result<Vec<Exhibitor>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Shown {
        producer_slug: String,
        producer_name: String,
        booth_code: Option<String>,
        product_id: Option<i64>,
        product_slug: Option<String>,
        product_name: Option<String>,
        stars: Option<Stars>,
    }
    let shown: Vec<Shown> = sqlx::query_as(&format!(
        "SELECT pr.slug AS producer_slug, pr.name AS producer_name, b.code AS booth_code,
                p.id AS product_id, p.slug AS product_slug, p.name AS product_name, {VALID_STARS} AS stars
         FROM exhibitor_applications a
         JOIN producers pr ON pr.id = a.producer_id
         LEFT JOIN booths b ON b.id = a.booth_id
         LEFT JOIN application_products ap ON ap.application_id = a.id
         LEFT JOIN products p ON p.id = ap.product_id AND p.status = ?2
         LEFT JOIN certificates c ON c.id = p.current_certificate_id
         WHERE a.event_id = ?1 AND a.status = ?3 AND pr.active = 1
         ORDER BY b.code IS NULL, b.code, pr.name, p.name"
    ))
    .bind(event_id)
    .bind(ProductStatus::Published)
    .bind(ApplicationStatus::Approved)
    .fetch_all(pool)
    .await?;
    let mut exhibitors: Vec<Exhibitor> = Vec::new();
    for row in shown {
        if exhibitors
            .last()
            .is_none_or(|last| last.producer_slug != row.producer_slug)
        {
            exhibitors.push(Exhibitor {
                producer_slug: row.producer_slug.clone(),
                producer_name: row.producer_name,
                booth_code: row.booth_code,
                products: Vec::new(),
            });
        }
        if let (Some(id), Some(slug), Some(name), Some(exhibitor)) = (
            row.product_id,
            row.product_slug,
            row.product_name,
            exhibitors.last_mut(),
        ) {
            exhibitor.products.push(ShownProduct {
                id,
                slug,
                name,
                stars: row.stars,
            });
        }
    }
    Ok(exhibitors)
}

pub async fn by_slug(pool: &SqlitePool, slug: &str) -> Result<Found<EventDetail>, AppError> {
    let columns = event_card_columns();
    let row: Option<DetailRow> = sqlx::query_as(&format!(
        "SELECT e.id, {columns}, e.cancel_reason, e.description, e.organiser, e.venue, e.applications_close_on,
                e.planned_booths, e.online_booths, e.plan_width, e.plan_height,
                m.sha256 || ' ' || m.mime AS cover, e.capacity, e.audience,
                (SELECT count(*) FROM training_registrations r WHERE r.event_id = e.id AND r.status = ?3) AS registered
         FROM events e LEFT JOIN media m ON m.id = e.cover_media_id WHERE e.slug = ?1 AND e.status <> ?2"
    ))
    .bind(slug)
    .bind(EventStatus::Draft)
    .bind(PlaceStatus::Registered)
    .fetch_optional(pool)
    .await?;
    let Some(event) = row else {
        return super::redirects::moved(pool, super::redirects::Entity::Event, slug).await;
    };
    let booths = crate::store::booths::public_booths(&mut *pool.acquire().await?, event.id).await?;
    Ok(Found::Here(EventDetail {
        exhibitors: exhibitors(pool, event.id).await?,
        card: event.card,
        cancel_reason: event.cancel_reason,
        description_html: crate::markdown::to_safe_html(&event.description),
        organiser: event.organiser,
        venue: event.venue,
        applications_close_on: event.applications_close_on,
        planned_booths: event.planned_booths,
        online_booths: event.online_booths,
        plan: (event.plan_width, event.plan_height),
        cover: event.cover.as_deref().and_then(|packed| {
            packed
                .split_once(' ')
                .map(|(sha, mime)| crate::model::product::media_path(sha, mime))
        }),
        places_left: event
            .capacity
            .map(|capacity| (capacity - event.registered).max(0)),
        capacity: event.capacity,
        audience: event.audience,
        booths,
    }))
}

/// An exhibitor's online booth at an event: the products it shows there, as cards.
pub async fn online_booth(
    pool: &SqlitePool,
    event_slug: &str,
    producer_slug: &str,
) -> Result<OnlineBooth, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        application_id: ApplicationId,
        booth_code: Option<String>,
        #[sqlx(flatten)]
        card: EventCard,
        #[sqlx(flatten)]
        producer: ProducerSummaryRow,
    }
    let columns = event_card_columns();
    let producer_columns = producer_summary_columns();
    let row: Row = sqlx::query_as(&format!(
        "SELECT a.id AS application_id, b.code AS booth_code,
                {columns}, {producer_columns}
         FROM exhibitor_applications a
         JOIN events e ON e.id = a.event_id
         JOIN producers pr ON pr.id = a.producer_id
         JOIN admin_units u ON u.id = pr.admin_unit_id {DISTRICT_JOIN}
         LEFT JOIN booths b ON b.id = a.booth_id
         WHERE e.slug = ?1 AND pr.slug = ?2 AND e.status <> ?3 AND a.status = ?4 AND pr.active = 1"
    ))
    .bind(event_slug)
    .bind(producer_slug)
    .bind(EventStatus::Draft)
    .bind(ApplicationStatus::Approved)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let products: Vec<CardRow> = sqlx::query_as(&format!(
        "SELECT {} FROM application_products ap JOIN products p ON p.id = ap.product_id {CARD_JOINS}
         WHERE ap.application_id = ?1 AND p.status = ?2 ORDER BY p.name LIMIT 50",
        card_columns()
    ))
    .bind(row.application_id)
    .bind(ProductStatus::Published)
    .fetch_all(pool)
    .await?;
    Ok(OnlineBooth {
        event: row.card,
        booth_code: row.booth_code,
        producer: row.producer.into(),
        products: products.into_iter().map(Into::into).collect(),
    })
}

/// Events as calendar entries: one, or all public ones that have not ended.
pub async fn calendar(
    pool: &SqlitePool,
    slug: Option<&str>,
) -> Result<Vec<CalendarEntry>, AppError> {
    let entries: Vec<CalendarEntry> = sqlx::query_as(&format!(
        "SELECT slug, name, summary, venue, location, starts_on, ends_on, status, updated_at FROM events
         WHERE status <> ?1 AND (CASE WHEN ?2 IS NULL THEN status IN (?3, ?4) AND ends_on >= {TODAY} ELSE slug = ?2 END)
         ORDER BY starts_on, id LIMIT 500"
    ))
    .bind(EventStatus::Draft)
    .bind(slug)
    .bind(EventStatus::Published)
    .bind(EventStatus::Closed)
    .fetch_all(pool)
    .await?;
    if slug.is_some() && entries.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(entries)
}
