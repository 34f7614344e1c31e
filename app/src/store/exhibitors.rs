//! Staff's side of the applications for booths: the queue of an event and its decisions
//! (approve with a booth, waiting list, reject, move, vacate), and the list of exhibitors for
//! export. A booth goes to one producer and a producer holds one booth: the decision is a
//! conditional update in an immediate transaction, and unique indexes stand behind it, so of
//! two staff assigning the same booth at once exactly one wins.

use std::collections::HashMap;

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, Record};
use crate::model::account::Staff;
use crate::model::event_admin::{ApplicationLine, ApplicationQueue, ExhibitorRow, ShownProduct};
use crate::model::events::status::ApplicationStatus;
use crate::model::events::status::BoothStatus;
use crate::model::ids::{ApplicationId, BoothId, EventId, ProducerId};
use crate::model::moment::Moment;
use crate::model::page::{Page, PageNumber};
use crate::store::audit::Audit;
use crate::store::clock::sql_today;
use crate::store::notices::{self, Tell};
use crate::store::Writer;

pub const PER_PAGE: u32 = 30;

#[derive(sqlx::FromRow)]
struct LineRow {
    id: ApplicationId,
    producer_id: ProducerId,
    producer_name: String,
    producer_slug: String,
    entity_type: String,
    unit: String,
    phone: Option<String>,
    booth_type_id: i64,
    booth_type_name: String,
    message: String,
    status: ApplicationStatus,
    booth_id: Option<BoothId>,
    booth_code: Option<String>,
    reason: Option<String>,
    created_at: Moment,
}

const LINES: &str = "SELECT a.id, a.producer_id, pr.name AS producer_name, pr.slug AS producer_slug, pr.entity_type,
        trim(coalesce(u.name, '') || CASE WHEN d.name IS NULL THEN '' ELSE ', ' || d.name END) AS unit,
        pr.phone, a.booth_type_id, t.name AS booth_type_name, a.message, a.status, a.booth_id, b.code AS booth_code,
        a.reason, a.created_at
     FROM exhibitor_applications a
     JOIN producers pr ON pr.id = a.producer_id
     JOIN booth_types t ON t.id = a.booth_type_id
     LEFT JOIN booths b ON b.id = a.booth_id
     LEFT JOIN admin_units u ON u.id = pr.admin_unit_id
     LEFT JOIN admin_units d ON d.id = u.parent_id";

/// The products each application shows, in one query for all of them.
async fn products_of(
    connection: &mut SqliteConnection,
    applications: &[ApplicationId],
) -> Result<HashMap<ApplicationId, Vec<ShownProduct>>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        application_id: ApplicationId,
        #[sqlx(flatten)]
        product: ShownProduct,
    }
    let ids = serde_json::to_string(applications).map_err(|_| AppError::Internal)?;
    let rows: Vec<Row> = sqlx::query_as(
        concat!("SELECT ap.application_id, p.id, p.slug, p.name,
                (SELECT c.stars FROM certificates c WHERE c.id = p.current_certificate_id AND c.expires_on >= ", sql_today!(), ") AS stars
         FROM application_products ap JOIN products p ON p.id = ap.product_id
         WHERE ap.application_id IN (SELECT value FROM json_each(?1)) ORDER BY p.name"),
    )
    .bind(ids)
    .fetch_all(connection)
    .await?;
    let mut by_application: HashMap<ApplicationId, Vec<ShownProduct>> = HashMap::new();
    for row in rows {
        by_application
            .entry(row.application_id)
            .or_default()
            .push(row.product);
    }
    Ok(by_application)
}

async fn lines(
    connection: &mut SqliteConnection,
    rows: Vec<LineRow>,
) -> Result<Vec<ApplicationLine>, AppError> {
    let ids: Vec<ApplicationId> = rows.iter().map(|row| row.id).collect();
    let mut products = products_of(connection, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| ApplicationLine {
            products: products.remove(&row.id).unwrap_or_default(),
            id: row.id,
            producer_id: row.producer_id,
            producer_name: row.producer_name,
            producer_slug: row.producer_slug,
            entity_type: row.entity_type,
            unit: row.unit,
            phone: row.phone,
            booth_type_id: row.booth_type_id,
            booth_type_name: row.booth_type_name,
            message: row.message,
            status: row.status,
            booth_id: row.booth_id,
            booth_code: row.booth_code,
            reason: row.reason,
            created_at: row.created_at,
        })
        .collect())
}

/// An event's applications, optionally of one status, first come first; with the plan.
pub async fn queue(
    pool: &SqlitePool,
    event_id: EventId,
    status: Option<ApplicationStatus>,
    page: PageNumber,
) -> Result<ApplicationQueue, AppError> {
    let plan = crate::store::booths::plan(pool, event_id).await?;
    let mut connection = pool.acquire().await?;
    let counts: Vec<(ApplicationStatus, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM exhibitor_applications WHERE event_id = ?1 GROUP BY status",
    )
    .bind(event_id)
    .fetch_all(&mut *connection)
    .await?;
    let total = counts
        .iter()
        .filter(|(counted, _)| status.is_none_or(|wanted| wanted == *counted))
        .map(|(_, count)| count)
        .sum();
    let rows: Vec<LineRow> = sqlx::query_as(&format!(
        "{LINES} WHERE a.event_id = ?1 AND (?2 IS NULL OR a.status = ?2)
         ORDER BY a.created_at, a.id LIMIT ?3 OFFSET ?4"
    ))
    .bind(event_id)
    .bind(status)
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(&mut *connection)
    .await?;
    let items = lines(&mut connection, rows).await?;
    Ok(ApplicationQueue {
        event: plan.event.clone(),
        status,
        counts,
        applications: Page::new(items, page, PER_PAGE, total),
        plan,
    })
}

/// One application of the event, as staff decide it.
pub async fn application(
    pool: &SqlitePool,
    event_id: EventId,
    id: ApplicationId,
) -> Result<ApplicationLine, AppError> {
    let mut connection = pool.acquire().await?;
    let row: LineRow = sqlx::query_as(&format!("{LINES} WHERE a.event_id = ?1 AND a.id = ?2"))
        .bind(event_id)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
        .ok_or(AppError::NotFound)?;
    lines(&mut connection, vec![row])
        .await?
        .pop()
        .ok_or(AppError::Internal)
}

/// What a decision is about.
struct Decided {
    producer_id: ProducerId,
    status: ApplicationStatus,
    booth_id: Option<BoothId>,
    event_name: String,
}

async fn decided(
    connection: &mut SqliteConnection,
    event_id: EventId,
    id: ApplicationId,
) -> Result<Decided, AppError> {
    let (producer_id, status, booth_id, event_name): (ProducerId, ApplicationStatus, Option<BoothId>, String) = sqlx::query_as(
        "SELECT a.producer_id, a.status, a.booth_id, e.name FROM exhibitor_applications a JOIN events e ON e.id = a.event_id
         WHERE a.id = ?1 AND a.event_id = ?2",
    )
    .bind(id)
    .bind(event_id)
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Decided {
        producer_id,
        status,
        booth_id,
        event_name,
    })
}

/// An application that cannot go from `from` to `to` (another staff member may have just
/// decided it): a conflict, not a field to correct.
fn refused(from: ApplicationStatus, to: ApplicationStatus) -> AppError {
    AppError::transition(Record::Application, from, to, ApplicationStatus::label)
}

/// Takes a free booth of the event for the producer, or says why not: the conditional update
/// is what decides between two staff at once.
async fn take_booth(
    connection: &mut SqliteConnection,
    event_id: EventId,
    booth_id: BoothId,
    producer_id: ProducerId,
) -> Result<String, AppError> {
    let held: Option<String> = sqlx::query_scalar(
        "SELECT code FROM booths WHERE event_id = ?1 AND producer_id = ?2 AND id <> ?3",
    )
    .bind(event_id)
    .bind(producer_id)
    .bind(booth_id)
    .fetch_optional(&mut *connection)
    .await?;
    if let Some(code) = held {
        return Err(AppError::invalid(
            "booth_id",
            &format!(
                "Chủ thể này đã có gian {code} ở sự kiện: hãy chuyển gian thay vì duyệt thêm."
            ),
            &format!("This exhibitor already holds booth {code}: move it instead."),
        ));
    }
    let code: Option<String> = sqlx::query_scalar(
        "UPDATE booths SET status = ?1, producer_id = ?2 WHERE id = ?3 AND event_id = ?4 AND status = ?5 RETURNING code",
    )
    .bind(BoothStatus::Assigned)
    .bind(producer_id)
    .bind(booth_id)
    .bind(event_id)
    .bind(BoothStatus::Available)
    .fetch_optional(&mut *connection)
    .await?;
    code.ok_or_else(|| {
        AppError::invalid(
            "booth_id",
            "Gian này không còn trống: có thể vừa được xếp cho chủ thể khác. Vui lòng chọn gian khác.",
            "This booth is no longer free: it may have just gone to another exhibitor. Please choose another.",
        )
    })
}

async fn free_booth(
    connection: &mut SqliteConnection,
    booth_id: Option<BoothId>,
) -> Result<(), AppError> {
    if let Some(booth_id) = booth_id {
        sqlx::query("UPDATE booths SET status = ?1, producer_id = NULL WHERE id = ?2")
            .bind(BoothStatus::Available)
            .bind(booth_id)
            .execute(connection)
            .await?;
    }
    Ok(())
}

/// A staff decision on an application.
pub enum Decision<'a> {
    /// Approve an open application with this booth.
    Approve(BoothId),
    /// Move an approved application to this booth.
    Move(BoothId),
    Waitlist,
    Reject(&'a str),
    /// Take the booth back; the application waits for another.
    Vacate,
}

/// Decides an application: the move must be one its status allows (an approval of an
/// application another staff member approved a moment ago is refused), and the producer is
/// told in its portal, and by mail when `mail`.
pub async fn decide(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    id: ApplicationId,
    decision: Decision<'_>,
    mail: bool,
) -> Result<(), AppError> {
    if let Decision::Reject(reason) = decision {
        let mut problems = Vec::new();
        crate::model::form::check_text(&mut problems, "reason", reason, true, 500);
        crate::model::form::refuse_if_any(problems)?;
    }
    writer
        .change(async |tx| {
            let app = decided(tx, event_id, id).await?;
            let next = match decision {
                Decision::Approve(_) | Decision::Move(_) => ApplicationStatus::Approved,
                Decision::Waitlist | Decision::Vacate => ApplicationStatus::Waitlisted,
                Decision::Reject(_) => ApplicationStatus::Rejected,
            };
            let allowed = match decision {
                // Two staff approving the same application at once: the second finds it
                // approved, and a move must be asked for as one.
                Decision::Approve(_) => app.status.open(),
                Decision::Move(_) | Decision::Vacate => app.status == ApplicationStatus::Approved,
                Decision::Waitlist => app.status == ApplicationStatus::Submitted,
                _ => app.status.may_become(next),
            };
            if !allowed {
                return Err(refused(app.status, next));
            }
            if let Decision::Move(booth) = decision {
                if app.booth_id == Some(booth) {
                    return Err(AppError::invalid(
                        "booth_id",
                        "Chủ thể đã ở gian này.",
                        "The exhibitor is already at this booth.",
                    ));
                }
            }
            let (booth_id, reason) = match decision {
                Decision::Approve(booth) | Decision::Move(booth) => {
                    if app.booth_id != Some(booth) {
                        free_booth(tx, app.booth_id).await?;
                    }
                    (Some(booth), None)
                }
                Decision::Reject(reason) => {
                    free_booth(tx, app.booth_id).await?;
                    (None, Some(reason))
                }
                Decision::Waitlist | Decision::Vacate => {
                    free_booth(tx, app.booth_id).await?;
                    (None, None)
                }
            };
            let code = match booth_id {
                Some(booth) => Some(take_booth(tx, event_id, booth, app.producer_id).await?),
                None => None,
            };
            let changed = sqlx::query(
                "UPDATE exhibitor_applications SET status = ?1, booth_id = ?2, reason = ?3, decided_by = ?4,
                     decided_at = datetime('now'), updated_at = datetime('now')
                 WHERE id = ?5 AND status = ?6",
            )
            .bind(next)
            .bind(booth_id)
            .bind(reason)
            .bind(staff.user_id())
            .bind(id)
            .bind(app.status)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                return Err(refused(app.status, next));
            }
            let event = &app.event_name;
            let (vi, en, action) = match &decision {
                Decision::Move(_) => (
                    format!("Gian hàng của bạn tại “{event}” đã được chuyển sang gian {}.", code.clone().unwrap_or_default()),
                    format!("Your booth at “{event}” has moved to {}.", code.clone().unwrap_or_default()),
                    "move",
                ),
                Decision::Approve(_) => (
                    format!("Đơn đăng ký gian hàng tại “{event}” đã được duyệt: gian {}.", code.clone().unwrap_or_default()),
                    format!("Your application for “{event}” is approved: booth {}.", code.clone().unwrap_or_default()),
                    "approve",
                ),
                Decision::Waitlist => (
                    format!("Đơn đăng ký gian hàng tại “{event}” được đưa vào danh sách chờ."),
                    format!("Your application for “{event}” is on the waiting list."),
                    "waitlist",
                ),
                Decision::Vacate => (
                    format!("Gian hàng của bạn tại “{event}” đã được thu hồi; đơn chuyển vào danh sách chờ."),
                    format!("Your booth at “{event}” was taken back; the application is on the waiting list."),
                    "vacate",
                ),
                Decision::Reject(reason) => (
                    format!("Đơn đăng ký gian hàng tại “{event}” không được chấp nhận. Lý do: {reason}"),
                    format!("Your application for “{event}” was not accepted. Reason: {reason}"),
                    "reject",
                ),
            };
            notices::tell(
                tx,
                Tell {
                    producer_id: app.producer_id,
                    event_id: Some(event_id),
                    vi,
                    en: en.clone(),
                },
                mail,
            )
            .await?;
            let audit = Audit::of(staff.user_id(), action, "exhibitor_application", id, en);
            Ok(((), Some(audit)))
        })
        .await
}

/// The approved exhibitors of an event, by booth code.
pub async fn exhibitors(
    pool: &SqlitePool,
    event_id: EventId,
) -> Result<Vec<ExhibitorRow>, AppError> {
    Ok(sqlx::query_as(
        concat!("SELECT b.code AS booth_code, t.name AS booth_type, pr.name AS producer_name, pr.slug AS producer_slug,
                pr.entity_type,
                trim(coalesce(u.name, '') || CASE WHEN d.name IS NULL THEN '' ELSE ', ' || d.name END) AS unit,
                pr.phone,
                coalesce((SELECT group_concat(p.name, '; ') FROM application_products ap JOIN products p ON p.id = ap.product_id
                          WHERE ap.application_id = a.id), '') AS products,
                (SELECT max(c.stars) FROM application_products ap JOIN products p ON p.id = ap.product_id
                 JOIN certificates c ON c.id = p.current_certificate_id
                 WHERE ap.application_id = a.id AND c.expires_on >= ", sql_today!(), ") AS stars,
                coalesce((SELECT group_concat(p.name || ' (' || c.stars || '★)', '; ') FROM application_products ap
                          JOIN products p ON p.id = ap.product_id JOIN certificates c ON c.id = p.current_certificate_id
                          WHERE ap.application_id = a.id AND c.expires_on >= ", sql_today!(), "), '') AS star_products
         FROM exhibitor_applications a
         JOIN producers pr ON pr.id = a.producer_id
         JOIN booth_types t ON t.id = a.booth_type_id
         LEFT JOIN booths b ON b.id = a.booth_id
         LEFT JOIN admin_units u ON u.id = pr.admin_unit_id
         LEFT JOIN admin_units d ON d.id = u.parent_id
         WHERE a.event_id = ?1 AND a.status = ?2
         ORDER BY b.code IS NULL, b.code, pr.name"),
    )
    .bind(event_id)
    .bind(ApplicationStatus::Approved)
    .fetch_all(pool)
    .await?)
}
