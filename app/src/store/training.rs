//! Places at training events: producers register themselves, staff register commune staff.
//! Past capacity a registration waits; when a place frees, the first to wait moves up and is
//! told. Each registration and cancellation is one immediate transaction, so registrations
//! sent at once never fill more places than there are.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, Closed, NotYet};
use crate::model::account::{Actor, Producer, Staff};
use crate::model::event_admin::{Attendee, EventHead, Registration, TrainingRoster};
use crate::model::events::status::PlaceStatus;
use crate::model::events::status::{Audience, EventKind, EventStatus};
use crate::model::ids::{EventId, ProducerId};
use crate::model::page::{Page, PageNumber};
use crate::model::participation::MyPlace;
use crate::store::audit::Audit;
use crate::store::clock::sql_today;
use crate::store::event_records::head;
use crate::store::notices::{self, Tell};
use crate::store::Writer;

/// Places taken.
pub async fn registered(
    connection: &mut SqliteConnection,
    event_id: EventId,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM training_registrations WHERE event_id = ?1 AND status = ?2",
    )
    .bind(event_id)
    .bind(PlaceStatus::Registered)
    .fetch_one(connection)
    .await?)
}

/// Places on a page of the roster.
pub const ROSTER_PAGE: u32 = 200;

/// The roster's order: places held and waiting in the order they came, the cancelled last; each
/// waiting place with its position in the queue, counted over the whole list before it is
/// cut into pages.
const ROSTER: &str = "SELECT id, producer_id, name, organisation, phone, email, status, attended, created_at,
            CASE WHEN status = 'waiting' THEN row_number() OVER (PARTITION BY status ORDER BY created_at, id) END
                AS waiting_position
     FROM training_registrations WHERE event_id = ?1 ORDER BY status = 'cancelled', created_at, id";

/// A page of a training's registrations, with the counts of the whole list.
pub async fn roster(
    pool: &SqlitePool,
    event_id: EventId,
    page: PageNumber,
) -> Result<TrainingRoster, AppError> {
    let mut connection = pool.acquire().await?;
    let event = training_head(&mut connection, event_id).await?;
    let (registered, waiting, total): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE status = ?2), count(*) FILTER (WHERE status = ?3), count(*)
         FROM training_registrations WHERE event_id = ?1",
    )
    .bind(event_id)
    .bind(PlaceStatus::Registered)
    .bind(PlaceStatus::Waiting)
    .fetch_one(&mut *connection)
    .await?;
    let registrations = sqlx::query_as(&format!("{ROSTER} LIMIT ?2 OFFSET ?3"))
        .bind(event_id)
        .bind(ROSTER_PAGE)
        .bind(page.offset(ROSTER_PAGE))
        .fetch_all(&mut *connection)
        .await?;
    Ok(TrainingRoster {
        registered,
        waiting,
        registrations: Page::new(registrations, page, ROSTER_PAGE, total),
        event,
    })
}

/// Every registration of a training, in the roster's order (for its download).
pub async fn everyone(
    pool: &SqlitePool,
    event_id: EventId,
) -> Result<(EventHead, Vec<Registration>), AppError> {
    let mut connection = pool.acquire().await?;
    let event = training_head(&mut connection, event_id).await?;
    let registrations = sqlx::query_as(ROSTER)
        .bind(event_id)
        .fetch_all(&mut *connection)
        .await?;
    Ok((event, registrations))
}

async fn training_head(
    connection: &mut SqliteConnection,
    event_id: EventId,
) -> Result<EventHead, AppError> {
    let event = head(connection, event_id).await?;
    if event.kind != EventKind::Training {
        return Err(AppError::NotFound);
    }
    Ok(event)
}

/// The producer's place at the training, with its position while it waits.
pub async fn my_place(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    event_id: EventId,
) -> Result<Option<MyPlace>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: i64,
        status: PlaceStatus,
        name: String,
        waiting_position: Option<i64>,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT r.id, r.status, r.name,
                CASE WHEN r.status = ?3 THEN (SELECT count(*) FROM training_registrations w
                     WHERE w.event_id = r.event_id AND w.status = ?3 AND (w.created_at, w.id) <= (r.created_at, r.id)) END
                    AS waiting_position
         FROM training_registrations r WHERE r.event_id = ?1 AND r.producer_id = ?2 AND r.status <> ?4",
    )
    .bind(event_id)
    .bind(producer_id)
    .bind(PlaceStatus::Waiting)
    .bind(PlaceStatus::Cancelled)
    .fetch_optional(connection)
    .await?;
    Ok(row.map(|row| MyPlace {
        id: row.id,
        status: row.status,
        name: row.name,
        waiting_position: row.waiting_position,
    }))
}

/// A training that takes registrations: published (or, for staff, closed to producers but
/// not yet held).
async fn training(
    connection: &mut SqliteConnection,
    event_id: EventId,
    actor: Actor,
) -> Result<crate::model::event_admin::EventHead, AppError> {
    let event = head(&mut *connection, event_id).await?;
    if event.kind != EventKind::Training || event.status == EventStatus::Draft {
        return Err(AppError::NotFound);
    }
    let open: bool = sqlx::query_scalar(concat!(
        "SELECT ",
        sql_today!(),
        " <= coalesce(applications_close_on, starts_on) FROM events WHERE id = ?1"
    ))
    .bind(event_id)
    .fetch_one(&mut *connection)
    .await?;
    let taking = match event.status {
        EventStatus::Published => open || actor.is_staff(),
        EventStatus::Closed => actor.is_staff(),
        _ => false,
    };
    if !taking {
        return Err(Closed::TrainingPlaces.into());
    }
    Ok(event)
}

/// Adds a place, given or waiting as capacity allows, with the actor's audit entry: a
/// producer's place is its own, one staff add belongs to no producer (commune staff).
async fn add(
    connection: &mut SqliteConnection,
    actor: Actor,
    event_id: EventId,
    capacity: Option<i64>,
    attendee: &Attendee,
) -> Result<(PlaceStatus, Option<Audit>), AppError> {
    let status = match capacity {
        Some(capacity) if registered(&mut *connection, event_id).await? >= capacity => {
            PlaceStatus::Waiting
        }
        _ => PlaceStatus::Registered,
    };
    let empty = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO training_registrations (event_id, producer_id, name, organisation, phone, email, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(event_id)
    .bind(actor.own_producer())
    .bind(&attendee.name)
    .bind(&attendee.organisation)
    .bind(empty(&attendee.phone))
    .bind(empty(&attendee.email))
    .bind(status)
    .fetch_one(connection)
    .await?;
    let audit = Audit::of(
        actor.user_id(),
        "register",
        "training_registration",
        id,
        format!("{} ({status})", attendee.name),
    );
    Ok((status, Some(audit)))
}

/// A place at the training for someone: a producer books for someone of its own (one place a
/// producer, and never at a training for commune staff); staff book for anyone, commune staff
/// included, who have no account.
pub async fn book_place(
    writer: &Writer,
    actor: Actor,
    event_id: EventId,
    attendee: &Attendee,
) -> Result<PlaceStatus, AppError> {
    writer
        .change(async |tx| {
            let event = training(tx, event_id, actor).await?;
            if let Some(producer) = actor.own_producer() {
                if event.audience == Some(Audience::CommuneStaff) {
                    return Err(AppError::invalid(
                        "event",
                        "Khoá tập huấn này dành cho cán bộ cấp xã: văn phòng OCOP đăng ký cho họ.",
                        "This training is for commune staff: the OCOP office registers them.",
                    ));
                }
                if my_place(tx, producer, event_id).await?.is_some() {
                    return Err(AppError::invalid(
                        "event",
                        "Bạn đã đăng ký khoá tập huấn này.",
                        "You are already registered for this training.",
                    ));
                }
            }
            add(tx, actor, event_id, event.capacity, attendee).await
        })
        .await
}

/// Cancels a place; a place that held a seat goes to the first who waits, who is told. Once the
/// training has ended or its attendance is marked, the roster is a record of who came: no
/// place is cancelled, and so no one moves up.
async fn free_place(
    connection: &mut SqliteConnection,
    event_id: EventId,
    place_id: i64,
    mail: bool,
) -> Result<String, AppError> {
    let (ended, marked): (bool, bool) = sqlx::query_as(
        concat!("SELECT ends_on < ", sql_today!(), ",
                EXISTS (SELECT 1 FROM training_registrations WHERE event_id = ?1 AND attended IS NOT NULL)
         FROM events WHERE id = ?1"),
    )
    .bind(event_id)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    if ended || marked {
        return Err(Closed::PlaceCancellation.into());
    }
    let (name, status): (String, PlaceStatus) = sqlx::query_as(
        "SELECT name, status FROM training_registrations WHERE id = ?1 AND event_id = ?2 AND status <> ?3",
    )
    .bind(place_id)
    .bind(event_id)
    .bind(PlaceStatus::Cancelled)
    .fetch_optional(&mut *connection)
    .await?
    .ok_or(AppError::NotFound)?;
    sqlx::query(
        "UPDATE training_registrations SET status = ?1, updated_at = datetime('now') WHERE id = ?2",
    )
    .bind(PlaceStatus::Cancelled)
    .bind(place_id)
    .execute(&mut *connection)
    .await?;
    if status == PlaceStatus::Registered {
        let promoted: Option<(i64, Option<ProducerId>, String)> = sqlx::query_as(
            "UPDATE training_registrations SET status = ?1, updated_at = datetime('now')
             WHERE id = (SELECT id FROM training_registrations WHERE event_id = ?2 AND status = ?3 ORDER BY created_at, id LIMIT 1)
             RETURNING id, producer_id, (SELECT name FROM events WHERE id = ?2)",
        )
        .bind(PlaceStatus::Registered)
        .bind(event_id)
        .bind(PlaceStatus::Waiting)
        .fetch_optional(&mut *connection)
        .await?;
        if let Some((_, Some(producer_id), event)) = promoted {
            notices::tell(
                &mut *connection,
                Tell {
                    producer_id,
                    event_id: Some(event_id),
                    vi: format!("Đã có chỗ cho bạn ở khoá tập huấn “{event}”: đăng ký của bạn đã được xác nhận."),
                    en: format!("A place has freed at the training “{event}”: your registration is confirmed."),
                },
                mail,
            )
            .await?;
        }
    }
    Ok(name)
}

/// The producer cancels its place.
pub async fn cancel_own_place(
    writer: &Writer,
    producer: Producer,
    event_id: EventId,
    mail: bool,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let place = my_place(tx, producer.producer_id(), event_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let name = free_place(tx, event_id, place.id, mail).await?;
            Ok((
                (),
                Some(Audit::of(
                    producer.user_id(),
                    "cancel",
                    "training_registration",
                    place.id,
                    name,
                )),
            ))
        })
        .await
}

/// Staff cancel someone's place.
pub async fn cancel_place(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    place_id: i64,
    mail: bool,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let name = free_place(tx, event_id, place_id, mail).await?;
            Ok((
                (),
                Some(Audit::of(
                    staff.user_id(),
                    "cancel",
                    "training_registration",
                    place_id,
                    name,
                )),
            ))
        })
        .await
}

/// After the training has begun, staff mark who came on a page of the roster: of the places
/// `listed` there, `present` attended and the others did not. Places on other pages keep what
/// they had.
pub async fn mark_attendance(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    listed: &[i64],
    present: &[i64],
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            head(tx, event_id).await?;
            let begun: bool = sqlx::query_scalar(concat!("SELECT starts_on <= ", sql_today!(), " FROM events WHERE id = ?1"))
                .bind(event_id)
                .fetch_one(&mut *tx)
                .await?;
            if !begun {
                return Err(NotYet::Attendance.into());
            }
            let json = |ids: &[i64]| serde_json::to_string(ids).map_err(|_| AppError::Internal);
            let marked = sqlx::query(
                "UPDATE training_registrations SET attended = id IN (SELECT value FROM json_each(?1)), updated_at = datetime('now')
                 WHERE event_id = ?2 AND status = ?3 AND id IN (SELECT value FROM json_each(?4))",
            )
            .bind(json(present)?)
            .bind(event_id)
            .bind(PlaceStatus::Registered)
            .bind(json(listed)?)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let came = present.iter().filter(|id| listed.contains(id)).count();
            let summary = format!("{came} present of {marked}");
            Ok(((), Some(Audit::of(staff.user_id(), "mark_attendance", "event", event_id, summary))))
        })
        .await
}
