//! The moves of a registration's life, shared by the steps that make them (registering and
//! withdrawing, the dossier, the councils, the certificates): one conditional update each,
//! refused unless the life allows it.

use sqlx::SqliteConnection;

use crate::error::{AppError, Record};
use crate::model::cycle::status::{CouncilLevel, RegistrationStatus};
use crate::model::ids::RegistrationId;

/// Moves a registration from the status it was read in to `to`: the conditional update makes
/// a change someone else made a moment ago a refusal rather than a silent overwrite, and the
/// database's trigger refuses any move its life does not allow.
pub(crate) async fn move_to(
    connection: &mut SqliteConnection,
    id: RegistrationId,
    from: RegistrationStatus,
    to: RegistrationStatus,
    reason: Option<&str>,
    level: Option<CouncilLevel>,
) -> Result<(), AppError> {
    if !from.may_become(to) {
        return Err(refused(from, to));
    }
    let changed = sqlx::query(
        "UPDATE registrations SET status = ?1, reason = coalesce(?2, reason), level = ?3, updated_at = datetime('now')
         WHERE id = ?4 AND status = ?5",
    )
    .bind(to)
    .bind(reason)
    .bind(level)
    .bind(id)
    .bind(from)
    .execute(connection)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(refused(from, to));
    }
    Ok(())
}

pub(crate) fn refused(from: RegistrationStatus, to: RegistrationStatus) -> AppError {
    AppError::transition(Record::Registration, from, to, RegistrationStatus::label)
}
