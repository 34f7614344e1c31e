//! An event's booth types and its floor plan, as staff lay them out. Booths never overlap and
//! never leave the hall: every change is checked against the whole plan in its transaction.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::{AppError, FieldError, Record};
use crate::model::account::Staff;
use crate::model::event_admin::{
    BoothPlace, BoothRow, BoothType, BoothTypeForm, FloorPlan, PlanBooth,
};
use crate::model::events::status::BoothStatus;
use crate::model::form::refuse_if_any;
use crate::model::ids::{BoothId, EventId};
use crate::store::audit::Audit;
use crate::store::event_records::head;
use crate::store::Writer;

pub async fn types(
    connection: &mut SqliteConnection,
    event_id: EventId,
) -> Result<Vec<BoothType>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, name, size_m2, price, included, online FROM booth_types WHERE event_id = ?1 ORDER BY online, price DESC, name",
    )
    .bind(event_id)
    .fetch_all(connection)
    .await?)
}

/// The booths of an event with their producers, as staff plan them.
pub async fn booths(
    connection: &mut SqliteConnection,
    event_id: EventId,
) -> Result<Vec<PlanBooth>, AppError> {
    booths_with(connection, event_id, "").await
}

/// The booths of an event as the public plan shows them: a booth held by a producer the office
/// has deactivated stays taken, but without the producer's name or a link to its page.
pub async fn public_booths(
    connection: &mut SqliteConnection,
    event_id: EventId,
) -> Result<Vec<PlanBooth>, AppError> {
    booths_with(connection, event_id, "AND pr.active = 1").await
}

async fn booths_with(
    connection: &mut SqliteConnection,
    event_id: EventId,
    producers: &str,
) -> Result<Vec<PlanBooth>, AppError> {
    Ok(sqlx::query_as(&format!(
        "SELECT b.id, b.code, b.hall, b.booth_type_id, t.name AS type_name, b.x, b.y, b.width, b.height, b.status,
                pr.name AS producer_name, pr.slug AS producer_slug
         FROM booths b JOIN booth_types t ON t.id = b.booth_type_id
         LEFT JOIN producers pr ON pr.id = b.producer_id {producers}
         WHERE b.event_id = ?1 ORDER BY b.code"
    ))
    .bind(event_id)
    .fetch_all(connection)
    .await?)
}

/// An event's plan: its size, booth types and booths.
pub async fn plan(pool: &SqlitePool, event_id: EventId) -> Result<FloorPlan, AppError> {
    let mut connection = pool.acquire().await?;
    Ok(FloorPlan {
        event: head(&mut connection, event_id).await?,
        types: types(&mut connection, event_id).await?,
        booths: booths(&mut connection, event_id).await?,
    })
}

fn place_of(booth: &PlanBooth) -> BoothPlace {
    BoothPlace {
        code: booth.code.clone(),
        hall: booth.hall.clone(),
        booth_type_id: booth.booth_type_id,
        x: booth.x,
        y: booth.y,
        width: booth.width,
        height: booth.height,
    }
}

/// Whether `new` booths may join the plan, `replacing` one booth already there: each of a
/// type of this event, inside the hall, on no other booth, with a code of its own.
async fn check_places(
    connection: &mut SqliteConnection,
    event_id: EventId,
    new: &[BoothPlace],
    replacing: Option<BoothId>,
) -> Result<(), AppError> {
    let event = head(&mut *connection, event_id).await?;
    let type_ids: Vec<i64> = types(&mut *connection, event_id)
        .await?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let others: Vec<PlanBooth> = booths(&mut *connection, event_id)
        .await?
        .into_iter()
        .filter(|booth| Some(booth.id) != replacing)
        .collect();
    let mut problems = Vec::new();
    let mut placed: Vec<(String, BoothPlace)> = others
        .iter()
        .map(|booth| (booth.code.clone(), place_of(booth)))
        .collect();
    for booth in new {
        if !type_ids.contains(&booth.booth_type_id) {
            problems.push(FieldError::new(
                "booth_type_id",
                "Vui lòng chọn loại gian hàng của sự kiện này.",
                "Please choose a booth type of this event.",
            ));
        }
        if !booth.fits(event.plan_width, event.plan_height) {
            problems.push(FieldError::new(
                "x",
                &format!(
                    "Gian {} vượt ra ngoài sơ đồ ({} × {} ô).",
                    booth.code, event.plan_width, event.plan_height
                ),
                &format!(
                    "Booth {} leaves the hall ({} × {} cells).",
                    booth.code, event.plan_width, event.plan_height
                ),
            ));
        }
        if let Some((code, _)) = placed.iter().find(|(_, other)| other.overlaps(booth)) {
            problems.push(FieldError::new(
                "x",
                &format!("Gian {} chồng lên gian {code}.", booth.code),
                &format!("Booth {} overlaps booth {code}.", booth.code),
            ));
        }
        if placed
            .iter()
            .any(|(code, _)| code.eq_ignore_ascii_case(&booth.code))
        {
            problems.push(FieldError::new(
                "code",
                &format!("Mã gian {} đã có trong sơ đồ.", booth.code),
                &format!("The plan already has a booth {}.", booth.code),
            ));
        }
        placed.push((booth.code.clone(), booth.clone()));
    }
    // One message per field is enough to act on.
    let mut seen = Vec::new();
    problems.retain(|problem| {
        let first = !seen.contains(&problem.field);
        seen.push(problem.field.clone());
        first
    });
    refuse_if_any(problems)
}

async fn insert(
    connection: &mut SqliteConnection,
    event_id: EventId,
    booth: &BoothPlace,
) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO booths (event_id, booth_type_id, code, hall, x, y, width, height) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         RETURNING id",
    )
    .bind(event_id)
    .bind(booth.booth_type_id)
    .bind(&booth.code)
    .bind(&booth.hall)
    .bind(booth.x)
    .bind(booth.y)
    .bind(booth.width)
    .bind(booth.height)
    .fetch_one(connection)
    .await?)
}

/// Adds a row of booths in one action: all of them, or none when any does not fit.
pub async fn add_row(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    row: &BoothRow,
) -> Result<(), AppError> {
    let booths = row.booths();
    writer
        .change(async |tx| {
            // A row's codes come from its prefix: that is the field to correct.
            check_places(tx, event_id, &booths, None)
                .await
                .map_err(|error| match error {
                    AppError::Invalid(mut problems) => {
                        for problem in &mut problems {
                            if problem.field == "code" {
                                problem.field = "prefix".into();
                            }
                        }
                        AppError::Invalid(problems)
                    }
                    other => other,
                })?;
            for booth in &booths {
                insert(tx, event_id, booth).await?;
            }
            let codes = booths
                .iter()
                .map(|b| b.code.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Ok((
                (),
                Some(
                    Audit::of(staff.user_id(), "add_booths", "event", event_id, codes)
                        .after(&booths),
                ),
            ))
        })
        .await
}

/// A booth of the event, or NotFound.
async fn booth(
    connection: &mut SqliteConnection,
    event_id: EventId,
    booth_id: BoothId,
) -> Result<PlanBooth, AppError> {
    booths(connection, event_id)
        .await?
        .into_iter()
        .find(|booth| booth.id == booth_id)
        .ok_or(AppError::NotFound)
}

/// Moves, resizes, renames or retypes a booth.
pub async fn update(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    booth_id: BoothId,
    place: &BoothPlace,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let before = place_of(&booth(tx, event_id, booth_id).await?);
            check_places(tx, event_id, std::slice::from_ref(place), Some(booth_id)).await?;
            sqlx::query(
                "UPDATE booths SET booth_type_id = ?1, code = ?2, hall = ?3, x = ?4, y = ?5, width = ?6, height = ?7
                 WHERE id = ?8 AND event_id = ?9",
            )
            .bind(place.booth_type_id)
            .bind(&place.code)
            .bind(&place.hall)
            .bind(place.x)
            .bind(place.y)
            .bind(place.width)
            .bind(place.height)
            .bind(booth_id)
            .bind(event_id)
            .execute(&mut *tx)
            .await?;
            let audit = Audit::of(staff.user_id(), "update_booth", "booth", booth_id, place.code.clone())
                .before(&before)
                .after(place);
            Ok(((), Some(audit)))
        })
        .await
}

/// Blocks a free booth (a pillar, a stage) or frees a blocked one.
pub async fn set_blocked(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    booth_id: BoothId,
    blocked: bool,
) -> Result<(), AppError> {
    let (from, to) = if blocked {
        (BoothStatus::Available, BoothStatus::Blocked)
    } else {
        (BoothStatus::Blocked, BoothStatus::Available)
    };
    writer
        .change(async |tx| {
            let booth = booth(tx, event_id, booth_id).await?;
            let changed =
                sqlx::query("UPDATE booths SET status = ?1 WHERE id = ?2 AND status = ?3")
                    .bind(to)
                    .bind(booth_id)
                    .bind(from)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            if changed == 0 {
                return Err(AppError::transition(
                    Record::Booth(booth.code),
                    booth.status,
                    to,
                    BoothStatus::label,
                ));
            }
            let action = if blocked { "block_booth" } else { "free_booth" };
            Ok((
                (),
                Some(Audit::of(
                    staff.user_id(),
                    action,
                    "booth",
                    booth_id,
                    booth.code,
                )),
            ))
        })
        .await
}

/// Deletes a booth nobody holds.
pub async fn delete(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    booth_id: BoothId,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let booth = booth(tx, event_id, booth_id).await?;
            let deleted = sqlx::query("DELETE FROM booths WHERE id = ?1 AND producer_id IS NULL")
                .bind(booth_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if deleted == 0 {
                return Err(AppError::settled(
                    Record::Booth(booth.code),
                    booth.status,
                    BoothStatus::label,
                ));
            }
            let audit = Audit::of(
                staff.user_id(),
                "delete_booth",
                "booth",
                booth_id,
                booth.code.clone(),
            )
            .before(&place_of(&booth));
            Ok(((), Some(audit)))
        })
        .await
}

/// Adds a booth type to the event; its name is unique within the event.
pub async fn add_type(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    form: &BoothTypeForm,
) -> Result<i64, AppError> {
    writer
        .change(async |tx| {
            head(tx, event_id).await?;
            let taken: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM booth_types WHERE event_id = ?1 AND name = ?2)",
            )
            .bind(event_id)
            .bind(&form.name)
            .fetch_one(&mut *tx)
            .await?;
            if taken {
                return Err(AppError::invalid(
                    "type_name",
                    "Sự kiện đã có loại gian hàng này.",
                    "The event already has this booth type.",
                ));
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO booth_types (event_id, name, size_m2, price, included, online) VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            )
            .bind(event_id)
            .bind(&form.name)
            .bind(form.size_m2)
            .bind(form.price)
            .bind(&form.included)
            .bind(form.online)
            .fetch_one(&mut *tx)
            .await?;
            Ok((id, Some(Audit::of(staff.user_id(), "add_booth_type", "event", event_id, form.name.clone()).after(form))))
        })
        .await
}

/// Changes a booth type's name, size, price or what it includes.
pub async fn update_type(
    writer: &Writer,
    staff: Staff,
    event_id: EventId,
    type_id: i64,
    form: &BoothTypeForm,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let changed = sqlx::query(
                "UPDATE booth_types SET name = ?1, size_m2 = ?2, price = ?3, included = ?4, online = ?5
                 WHERE id = ?6 AND event_id = ?7
                   AND NOT EXISTS (SELECT 1 FROM booth_types o WHERE o.event_id = ?7 AND o.name = ?1 AND o.id <> ?6)",
            )
            .bind(&form.name)
            .bind(form.size_m2)
            .bind(form.price)
            .bind(&form.included)
            .bind(form.online)
            .bind(type_id)
            .bind(event_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM booth_types WHERE id = ?1 AND event_id = ?2)")
                    .bind(type_id)
                    .bind(event_id)
                    .fetch_one(&mut *tx)
                    .await?;
                return Err(if exists {
                    AppError::invalid("type_name", "Sự kiện đã có loại gian hàng này.", "The event already has this booth type.")
                } else {
                    AppError::NotFound
                });
            }
            Ok(((), Some(Audit::of(staff.user_id(), "update_booth_type", "booth_type", type_id, form.name.clone()).after(form))))
        })
        .await
}
