//! Events as staff keep them: the list with its filters, the month's calendar, one event's
//! record, creating and editing it, and moving it through its life.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, NotYet};
use crate::model::account::Staff;
use crate::model::day::Day;
use crate::model::event_admin::{
    refused_move, EventFilter, EventForm, EventHead, EventLine, EventRecord,
};
use crate::model::events::status::EventStatus;
use crate::model::events::status::{ApplicationStatus, PlaceStatus};
use crate::model::ids::EventId;
use crate::model::page::{Page, PageNumber};
use crate::model::product::media_path;
use crate::store::audit::Audit;
use crate::store::clock::sql_today;
use crate::store::media::{self, NewPhoto};
use crate::store::producer_records::{check_commune, commune_choices};
use crate::store::redirects::{free_slug, Entity};
use crate::store::Writer;

pub const PER_PAGE: u32 = 30;

/// The columns of an [`EventLine`], with its counts from one pass over each table.
const LINE: &str = "SELECT e.id, e.slug, e.kind, e.name, e.starts_on, e.ends_on, e.applications_close_on, e.status,
        (SELECT count(*) FROM exhibitor_applications a WHERE a.event_id = e.id AND a.status = ?1) AS waiting,
        (SELECT count(*) FROM exhibitor_applications a WHERE a.event_id = e.id AND a.status = ?2) AS approved,
        (SELECT count(*) FROM booths b WHERE b.event_id = e.id) AS booths,
        (SELECT count(*) FROM training_registrations r WHERE r.event_id = e.id AND r.status = ?3) AS registered,
        e.capacity
     FROM events e";

/// Events for staff, newest first, by year, kind and status.
pub async fn list(
    pool: &SqlitePool,
    filter: &EventFilter,
    page: PageNumber,
) -> Result<Page<EventLine>, AppError> {
    let (from, to) = match filter.year {
        Some(year) => (format!("{year:04}-01-01"), format!("{year:04}-12-31")),
        None => ("0000-01-01".to_owned(), "9999-12-31".to_owned()),
    };
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM events e WHERE e.starts_on BETWEEN ?1 AND ?2
           AND (?3 IS NULL OR e.kind = ?3) AND (?4 IS NULL OR e.status = ?4)",
    )
    .bind(&from)
    .bind(&to)
    .bind(filter.kind)
    .bind(filter.status)
    .fetch_one(pool)
    .await?;
    let items = sqlx::query_as(&format!(
        "{LINE} WHERE e.starts_on BETWEEN ?4 AND ?5 AND (?6 IS NULL OR e.kind = ?6) AND (?7 IS NULL OR e.status = ?7)
         ORDER BY e.starts_on DESC, e.id DESC LIMIT ?8 OFFSET ?9"
    ))
    .bind(ApplicationStatus::Submitted)
    .bind(ApplicationStatus::Approved)
    .bind(PlaceStatus::Registered)
    .bind(&from)
    .bind(&to)
    .bind(filter.kind)
    .bind(filter.status)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page::new(items, page, PER_PAGE, total))
}

/// The events that take place, wholly or partly, in the month of `first` (its first day).
pub async fn month(pool: &SqlitePool, first: Day) -> Result<Vec<EventLine>, AppError> {
    let last = first
        .next_month()
        .map_or_else(|| "9999-12-31".to_owned(), |next| next.iso());
    Ok(sqlx::query_as(&format!(
        "{LINE} WHERE e.starts_on < ?5 AND e.ends_on >= ?4 ORDER BY e.starts_on, e.id LIMIT 200"
    ))
    .bind(ApplicationStatus::Submitted)
    .bind(ApplicationStatus::Approved)
    .bind(PlaceStatus::Registered)
    .bind(first.iso())
    .bind(last)
    .fetch_all(pool)
    .await?)
}

/// What an event is, for the head of its staff pages.
pub async fn head(connection: &mut SqliteConnection, id: EventId) -> Result<EventHead, AppError> {
    sqlx::query_as(
        "SELECT id, slug, kind, name, status, starts_on, ends_on, applications_close_on, plan_width, plan_height,
                capacity, audience
         FROM events WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: EventId,
    slug: String,
    status: EventStatus,
    cancel_reason: Option<String>,
    cover: Option<String>,
    kind: crate::model::events::status::EventKind,
    name: String,
    summary: String,
    description: String,
    organiser: String,
    venue: String,
    location: String,
    admin_unit_id: Option<i64>,
    starts_on: Day,
    ends_on: Day,
    applications_close_on: Option<Day>,
    planned_booths: Option<i64>,
    online_booths: i64,
    plan_width: i64,
    plan_height: i64,
    capacity: Option<i64>,
    audience: Option<crate::model::events::status::Audience>,
}

impl RecordRow {
    fn form(&self) -> EventForm {
        EventForm {
            kind: self.kind,
            name: self.name.clone(),
            summary: self.summary.clone(),
            description: self.description.clone(),
            organiser: self.organiser.clone(),
            venue: self.venue.clone(),
            location: self.location.clone(),
            admin_unit_id: self.admin_unit_id,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            applications_close_on: self.applications_close_on,
            planned_booths: self.planned_booths,
            online_booths: self.online_booths,
            plan_width: self.plan_width,
            plan_height: self.plan_height,
            capacity: self.capacity,
            audience: self.audience,
        }
    }
}

async fn record_row(connection: &mut SqliteConnection, id: EventId) -> Result<RecordRow, AppError> {
    sqlx::query_as(
        "SELECT e.id, e.slug, e.status, e.cancel_reason, m.sha256 || ' ' || m.mime AS cover, e.kind, e.name, e.summary,
                e.description, e.organiser, e.venue, e.location, e.admin_unit_id, e.starts_on, e.ends_on,
                e.applications_close_on, e.planned_booths, e.online_booths, e.plan_width, e.plan_height,
                e.capacity, e.audience
         FROM events e LEFT JOIN media m ON m.id = e.cover_media_id WHERE e.id = ?1",
    )
    .bind(id)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

/// One event with its whole form, for staff to edit.
pub async fn record(pool: &SqlitePool, id: EventId) -> Result<EventRecord, AppError> {
    let row = record_row(&mut *pool.acquire().await?, id).await?;
    let communes = commune_choices(pool, row.admin_unit_id).await?;
    Ok(EventRecord {
        id: row.id,
        slug: row.slug.clone(),
        status: row.status,
        cancel_reason: row.cancel_reason.clone(),
        cover: row.cover.as_deref().and_then(|packed| {
            packed
                .split_once(' ')
                .map(|(sha, mime)| media_path(sha, mime))
        }),
        form: row.form(),
        communes,
    })
}

/// What an event's form must pass beyond its own fields: a commune in use (or the one it is
/// recorded in), and a plan still large enough for the booths already on it.
pub async fn check(
    connection: &mut SqliteConnection,
    id: Option<EventId>,
    form: &EventForm,
) -> Result<(), AppError> {
    let recorded = match id {
        Some(id) => record_row(&mut *connection, id).await?.admin_unit_id,
        None => None,
    };
    if let Some(unit) = form.admin_unit_id {
        check_commune(&mut *connection, unit, recorded).await?;
    }
    if let Some(id) = id {
        let (right, bottom): (i64, i64) = sqlx::query_as(
            "SELECT coalesce(max(x + width), 0), coalesce(max(y + height), 0) FROM booths WHERE event_id = ?1",
        )
        .bind(id)
        .fetch_one(&mut *connection)
        .await?;
        let mut problems = Vec::new();
        if form.plan_width < right {
            problems.push(crate::error::FieldError::new(
                "plan_width",
                &format!("Sơ đồ đã có gian hàng đến ô thứ {right}: chiều rộng ít nhất {right}."),
                &format!("Booths reach column {right}: the width must be at least {right}."),
            ));
        }
        if form.plan_height < bottom {
            problems.push(crate::error::FieldError::new(
                "plan_height",
                &format!("Sơ đồ đã có gian hàng đến ô thứ {bottom}: chiều dài ít nhất {bottom}."),
                &format!("Booths reach row {bottom}: the height must be at least {bottom}."),
            ));
        }
        crate::model::form::refuse_if_any(problems)?;
    }
    Ok(())
}

async fn write(
    connection: &mut SqliteConnection,
    id: EventId,
    form: &EventForm,
    cover_media_id: Option<i64>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE events SET kind = ?1, name = ?2, summary = ?3, description = ?4, organiser = ?5, venue = ?6,
             location = ?7, admin_unit_id = ?8, starts_on = ?9, ends_on = ?10, applications_close_on = ?11,
             planned_booths = ?12, online_booths = ?13, plan_width = ?14, plan_height = ?15, capacity = ?16,
             audience = ?17, cover_media_id = coalesce(?18, cover_media_id), updated_at = datetime('now')
         WHERE id = ?19",
    )
    .bind(form.kind)
    .bind(&form.name)
    .bind(&form.summary)
    .bind(&form.description)
    .bind(&form.organiser)
    .bind(&form.venue)
    .bind(&form.location)
    .bind(form.admin_unit_id)
    .bind(form.starts_on)
    .bind(form.ends_on)
    .bind(form.applications_close_on)
    .bind(form.planned_booths)
    .bind(form.online_booths)
    .bind(form.plan_width)
    .bind(form.plan_height)
    .bind(form.capacity)
    .bind(form.audience)
    .bind(cover_media_id)
    .bind(id)
    .execute(connection)
    .await?;
    Ok(())
}

/// A new event, as a draft only staff see.
pub async fn create(
    writer: &Writer,
    staff: Staff,
    form: &EventForm,
    cover: Option<&NewPhoto<'_>>,
) -> Result<EventId, AppError> {
    writer
        .change(async |tx| {
            check(tx, None, form).await?;
            let slug = free_slug(tx, Entity::Event, &form.name).await?;
            let id: EventId = sqlx::query_scalar(
                "INSERT INTO events (slug, kind, name, starts_on, ends_on) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            )
            .bind(&slug)
            .bind(form.kind)
            .bind(&form.name)
            .bind(form.starts_on)
            .bind(form.ends_on)
            .fetch_one(&mut *tx)
            .await?;
            let cover = media::cover_id(tx, staff.user_id(), cover).await?;
            write(tx, id, form, cover).await?;
            let audit = Audit::of(staff.user_id(), "create", "event", id, form.name.clone()).after(form);
            Ok((id, Some(audit)))
        })
        .await
}

/// Staff edit every field of an event (its status moves separately).
pub async fn update(
    writer: &Writer,
    staff: Staff,
    id: EventId,
    form: &EventForm,
    cover: Option<&NewPhoto<'_>>,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            check(tx, Some(id), form).await?;
            let before = record_row(tx, id).await?.form();
            let cover = media::cover_id(tx, staff.user_id(), cover).await?;
            write(tx, id, form, cover).await?;
            let audit = Audit::of(staff.user_id(), "update", "event", id, form.name.clone())
                .before(&before)
                .after(form);
            Ok(((), Some(audit)))
        })
        .await
}

/// Moves an event along its life; a move its present status does not allow is refused and
/// changes nothing.
pub async fn set_status(
    writer: &Writer,
    staff: Staff,
    id: EventId,
    status: EventStatus,
    cancel_reason: Option<&str>,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let from: EventStatus = sqlx::query_scalar("SELECT status FROM events WHERE id = ?1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(AppError::NotFound)?;
            if !from.may_become(status) {
                return Err(refused_move(from, status));
            }
            if status == EventStatus::Finished {
                let begun: bool = sqlx::query_scalar(
                    concat!("SELECT starts_on <= ", sql_today!(), " FROM events WHERE id = ?1"),
                )
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
                if !begun {
                    return Err(NotYet::EventFinished.into());
                }
            }
            sqlx::query(
                "UPDATE events SET status = ?1, cancel_reason = ?2, updated_at = datetime('now') WHERE id = ?3 AND status = ?4",
            )
            .bind(status)
            .bind(cancel_reason)
            .bind(id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
            let summary = match cancel_reason {
                Some(reason) => format!("{from} → {status}: {reason}"),
                None => format!("{from} → {status}"),
            };
            Ok(((), Some(Audit::of(staff.user_id(), "set_status", "event", id, summary))))
        })
        .await
}
