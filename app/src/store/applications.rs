//! A producer's own side of events: the events it may take part in, one event with its plan
//! and its own application or training place, applying (or changing an application) and
//! withdrawing before the deadline. Every function takes the producer's id and finds only its
//! applications.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, Closed, Record};
use crate::model::account::Producer;
use crate::model::event_admin::ShownProduct;
use crate::model::events::status::BoothStatus;
use crate::model::events::status::{ApplicationStatus, PlaceStatus};
use crate::model::events::status::{EventKind, EventStatus};
use crate::model::ids::{ApplicationId, BoothId, EventId, ProducerId};
use crate::model::participation::{ApplyForm, MyApplication, PortalEvent, PortalEventDetail};
use crate::model::product::ProductStatus;
use crate::store::audit::Audit;
use crate::store::booths::{booths, types};
use crate::store::clock::{sql_today, TODAY};
use crate::store::event_records::head;
use crate::store::Writer;

/// Whether an event takes a producer's application (or registration) today: published, its
/// deadline (or, without one, its first day) not passed in Vietnam's time, and not a training
/// for commune staff only.
const OPEN: &str = concat!(
    "(e.status = 'published' AND ",
    sql_today!(),
    " <= coalesce(e.applications_close_on, e.starts_on)
    AND coalesce(e.audience, '') <> 'commune_staff')"
);

/// Which events a producer's list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Those open to it and those it takes part in.
    All,
    /// Only those it applied or registered for (its dashboard).
    TakingPart,
}

/// Events that have not ended, soonest first.
pub async fn events(
    pool: &SqlitePool,
    producer_id: ProducerId,
    which: Which,
) -> Result<Vec<PortalEvent>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT e.id, e.slug, e.kind, e.name, e.starts_on, e.ends_on, e.applications_close_on, e.venue,
                {OPEN} AS open, a.status AS application, b.code AS booth_code, r.status AS registration
         FROM events e
         LEFT JOIN exhibitor_applications a ON a.event_id = e.id AND a.producer_id = ?1
         LEFT JOIN booths b ON b.id = a.booth_id
         LEFT JOIN training_registrations r ON r.event_id = e.id AND r.producer_id = ?1 AND r.status <> ?2
         WHERE e.status IN (?3, ?4) AND e.ends_on >= {TODAY}
           AND ((?5 AND coalesce(e.audience, '') <> 'commune_staff') OR a.id IS NOT NULL OR r.id IS NOT NULL)
         ORDER BY e.starts_on, e.id LIMIT 100"
    ))
    .bind(producer_id)
    .bind(PlaceStatus::Cancelled)
    .bind(EventStatus::Published)
    .bind(EventStatus::Closed)
    .bind(which == Which::All)
    .fetch_all(pool)
    .await?)
}

async fn is_open(connection: &mut SqliteConnection, event_id: EventId) -> Result<bool, AppError> {
    Ok(
        sqlx::query_scalar(&format!("SELECT {OPEN} FROM events e WHERE e.id = ?1"))
            .bind(event_id)
            .fetch_optional(connection)
            .await?
            .unwrap_or(false),
    )
}

async fn my_application(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
    event_id: EventId,
) -> Result<Option<MyApplication>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: ApplicationId,
        status: ApplicationStatus,
        booth_type_id: i64,
        booth_id: Option<BoothId>,
        booth_code: Option<String>,
        reason: Option<String>,
        message: String,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT a.id, a.status, a.booth_type_id, a.booth_id, b.code AS booth_code, a.reason, a.message
         FROM exhibitor_applications a LEFT JOIN booths b ON b.id = a.booth_id
         WHERE a.event_id = ?1 AND a.producer_id = ?2",
    )
    .bind(event_id)
    .bind(producer_id)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let product_ids = sqlx::query_scalar(
        "SELECT product_id FROM application_products WHERE application_id = ?1 ORDER BY product_id",
    )
    .bind(row.id)
    .fetch_all(connection)
    .await?;
    Ok(Some(MyApplication {
        id: row.id,
        status: row.status,
        booth_type_id: row.booth_type_id,
        booth_id: row.booth_id,
        booth_code: row.booth_code,
        reason: row.reason,
        message: row.message,
        product_ids,
    }))
}

/// The producer's published products, with their stars while certified.
async fn own_products(
    connection: &mut SqliteConnection,
    producer_id: ProducerId,
) -> Result<Vec<ShownProduct>, AppError> {
    Ok(sqlx::query_as(
        concat!("SELECT p.id, p.slug, p.name,
                (SELECT c.stars FROM certificates c WHERE c.id = p.current_certificate_id AND c.expires_on >= ", sql_today!(), ") AS stars
         FROM products p WHERE p.producer_id = ?1 AND p.status = ?2 ORDER BY p.name LIMIT 200"),
    )
    .bind(producer_id)
    .bind(ProductStatus::Published)
    .fetch_all(connection)
    .await?)
}

/// One event as the producer opens it. Drafts do not exist for it.
pub async fn event(
    pool: &SqlitePool,
    producer_id: ProducerId,
    event_id: EventId,
) -> Result<PortalEventDetail, AppError> {
    let mut connection = pool.acquire().await?;
    let event = head(&mut connection, event_id).await?;
    if event.status == EventStatus::Draft {
        return Err(AppError::NotFound);
    }
    let (venue, location): (String, String) =
        sqlx::query_as("SELECT venue, location FROM events WHERE id = ?1")
            .bind(event_id)
            .fetch_one(&mut *connection)
            .await?;
    let open = is_open(&mut connection, event_id).await?;
    let application = my_application(&mut connection, producer_id, event_id).await?;
    let place = crate::store::training::my_place(&mut connection, producer_id, event_id).await?;
    let places_left = match event.capacity {
        Some(capacity) => {
            Some(capacity - crate::store::training::registered(&mut connection, event_id).await?)
        }
        None => None,
    };
    Ok(PortalEventDetail {
        open,
        venue,
        location,
        types: types(&mut connection, event_id).await?,
        booths: booths(&mut connection, event_id).await?,
        products: own_products(&mut connection, producer_id).await?,
        application,
        place,
        places_left: places_left.map(|left| left.max(0)),
        event,
    })
}

/// Said of the event as a whole (the page shows no form once it is closed).
fn closed() -> AppError {
    Closed::Applications.into()
}

/// Applies for a booth, or changes the producer's application while it is open; both before
/// the deadline. Only booth types of the event and the producer's own published products.
pub async fn apply(
    writer: &Writer,
    producer: Producer,
    event_id: EventId,
    form: &ApplyForm,
) -> Result<ApplicationId, AppError> {
    writer
        .change(async |tx| {
            let event = head(tx, event_id).await?;
            if event.status == EventStatus::Draft || event.kind == EventKind::Training {
                return Err(AppError::NotFound);
            }
            if !is_open(tx, event_id).await? {
                return Err(closed());
            }
            if !types(tx, event_id).await?.iter().any(|t| t.id == form.booth_type_id) {
                return Err(AppError::invalid(
                    "booth_type_id",
                    "Vui lòng chọn loại gian hàng của sự kiện này.",
                    "Please choose a booth type of this event.",
                ));
            }
            let own: Vec<i64> = own_products(tx, producer.producer_id()).await?.into_iter().map(|p| p.id).collect();
            if form.product_ids.iter().any(|id| !own.contains(id)) {
                return Err(AppError::invalid(
                    "products",
                    "Chỉ chọn được sản phẩm đang hiển thị của bạn.",
                    "Only your own published products can be chosen.",
                ));
            }
            let existing = my_application(tx, producer.producer_id(), event_id).await?;
            let id = match &existing {
                None => sqlx::query_scalar(
                    "INSERT INTO exhibitor_applications (event_id, producer_id, booth_type_id, message) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                )
                .bind(event_id)
                .bind(producer.producer_id())
                .bind(form.booth_type_id)
                .bind(&form.message)
                .fetch_one(&mut *tx)
                .await?,
                Some(application) if application.status.open() || application.status == ApplicationStatus::Withdrawn => {
                    let status = if application.status == ApplicationStatus::Withdrawn {
                        ApplicationStatus::Submitted
                    } else {
                        application.status
                    };
                    sqlx::query(
                        "UPDATE exhibitor_applications SET booth_type_id = ?1, message = ?2, status = ?3, updated_at = datetime('now')
                         WHERE id = ?4",
                    )
                    .bind(form.booth_type_id)
                    .bind(&form.message)
                    .bind(status)
                    .bind(application.id)
                    .execute(&mut *tx)
                    .await?;
                    sqlx::query("DELETE FROM application_products WHERE application_id = ?1")
                        .bind(application.id)
                        .execute(&mut *tx)
                        .await?;
                    application.id
                }
                Some(application) => {
                    return Err(AppError::settled(
                        Record::Application,
                        application.status,
                        ApplicationStatus::label,
                    ))
                }
            };
            for product in &form.product_ids {
                sqlx::query("INSERT INTO application_products (application_id, product_id) VALUES (?1, ?2)")
                    .bind(id)
                    .bind(product)
                    .execute(&mut *tx)
                    .await?;
            }
            let action = if existing.is_some() { "change_application" } else { "apply" };
            let audit = Audit::of(producer.user_id(), action, "exhibitor_application", id, event.name).after(form);
            Ok((id, Some(audit)))
        })
        .await
}

/// Withdraws the producer's application before the deadline; a booth it held is freed.
pub async fn withdraw(
    writer: &Writer,
    producer: Producer,
    event_id: EventId,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let application = my_application(tx, producer.producer_id(), event_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if !is_open(tx, event_id).await? {
                return Err(closed());
            }
            if !application.status.may_become(ApplicationStatus::Withdrawn) {
                return Err(AppError::transition(
                    Record::Application,
                    application.status,
                    ApplicationStatus::Withdrawn,
                    ApplicationStatus::label,
                ));
            }
            if let Some(booth) = application.booth_id {
                sqlx::query("UPDATE booths SET status = ?1, producer_id = NULL WHERE id = ?2")
                    .bind(BoothStatus::Available)
                    .bind(booth)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query(
                "UPDATE exhibitor_applications SET status = ?1, booth_id = NULL, updated_at = datetime('now') WHERE id = ?2",
            )
            .bind(ApplicationStatus::Withdrawn)
            .bind(application.id)
            .execute(&mut *tx)
            .await?;
            let audit = Audit::of(producer.user_id(), "withdraw", "exhibitor_application", application.id, "");
            Ok(((), Some(audit)))
        })
        .await
}
