//! The allowances of uploads: what each account sent in the last hour and what each
//! registration has been sent in all, refused and replaced files included (`upload_attempts`).
//! A file is counted once the request that carries it has passed every other check, and before
//! the server looks inside it: a photo that will fail to decode has cost a core all the same.
//! The check and the count are one immediate transaction, so uploads sent at once cannot all
//! take the last place.

use sqlx::SqliteConnection;

use crate::error::{AppError, FieldError};
use crate::format::grouped;
use crate::i18n::Lang;
use crate::model::ids::{RegistrationId, UserId};
use crate::store::Writer;

/// Photos one account may send in an hour.
pub const PHOTOS_PER_HOUR: i64 = 60;
/// Dossier files one account may send in an hour, and their bytes: a dossier is a few scanned
/// forms, each at most 8 MB.
pub const DOCUMENTS_PER_HOUR: i64 = 30;
pub const DOCUMENT_BYTES_PER_HOUR: i64 = 100 * 1024 * 1024;
/// Dossier files one registration may be sent in all (each requirement replaced a few times),
/// and their bytes.
pub const DOCUMENTS_PER_REGISTRATION: i64 = 60;
pub const DOCUMENT_BYTES_PER_REGISTRATION: i64 = 200 * 1024 * 1024;

/// What is being sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowance {
    Photo,
    /// A file for a registration's dossier.
    Document {
        registration_id: RegistrationId,
    },
}

/// Takes a place in the allowances for a file of `bytes`: counted, or refused (429, its
/// message for `field`) with nothing counted when an allowance is used up.
pub async fn take(
    writer: &Writer,
    user_id: UserId,
    allowance: Allowance,
    bytes: usize,
    field: &str,
) -> Result<(), AppError> {
    let bytes = i64::try_from(bytes).map_err(|_| AppError::Internal)?;
    writer
        .change(async |tx| {
            if let Some(problem) = used_up(tx, user_id, allowance, bytes, field).await? {
                return Err(AppError::OverQuota(problem));
            }
            let (kind, registration_id) = match allowance {
                Allowance::Photo => ("photo", None),
                Allowance::Document { registration_id } => ("document", Some(registration_id)),
            };
            sqlx::query(
                "INSERT INTO upload_attempts (user_id, kind, registration_id, bytes) VALUES (?1, ?2, ?3, ?4)",
            )
            .bind(user_id)
            .bind(kind)
            .bind(registration_id)
            .bind(bytes)
            .execute(&mut *tx)
            .await?;
            // A ledger of its own, like the sign-in failures: no audit entry.
            Ok(((), None))
        })
        .await
}

/// The allowance one more file of `bytes` would pass, if any.
async fn used_up(
    connection: &mut SqliteConnection,
    user_id: UserId,
    allowance: Allowance,
    bytes: i64,
    field: &str,
) -> Result<Option<FieldError>, AppError> {
    let kind = match allowance {
        Allowance::Photo => "photo",
        Allowance::Document { .. } => "document",
    };
    let (sent, sent_bytes): (i64, i64) = sqlx::query_as(
        "SELECT count(*), coalesce(sum(bytes), 0) FROM upload_attempts
         WHERE user_id = ?1 AND kind = ?2 AND at > datetime('now', '-1 hour')",
    )
    .bind(user_id)
    .bind(kind)
    .fetch_one(&mut *connection)
    .await?;
    let problem = match allowance {
        Allowance::Photo if sent >= PHOTOS_PER_HOUR => Some(FieldError::new(
            field,
            &format!("Bạn đã gửi {PHOTOS_PER_HOUR} ảnh trong một giờ qua. Vui lòng thử lại sau."),
            &format!(
                "You have sent {PHOTOS_PER_HOUR} photos in the last hour. Please try again later."
            ),
        )),
        Allowance::Photo => None,
        Allowance::Document { registration_id } => {
            let (held, held_bytes): (i64, i64) = sqlx::query_as(
                "SELECT count(*), coalesce(sum(bytes), 0) FROM upload_attempts WHERE registration_id = ?1",
            )
            .bind(registration_id)
            .fetch_one(&mut *connection)
            .await?;
            if sent >= DOCUMENTS_PER_HOUR || sent_bytes + bytes > DOCUMENT_BYTES_PER_HOUR {
                Some(FieldError::new(
                    field,
                    &format!(
                        "Bạn đã gửi {sent} tệp ({}) trong một giờ qua, tối đa {DOCUMENTS_PER_HOUR} tệp và {}. Vui lòng thử lại sau.",
                        megabytes(sent_bytes, Lang::Vi),
                        megabytes(DOCUMENT_BYTES_PER_HOUR, Lang::Vi)
                    ),
                    &format!(
                        "You have sent {sent} files ({}) in the last hour, of {DOCUMENTS_PER_HOUR} files and {} at most. Please try again later.",
                        megabytes(sent_bytes, Lang::En),
                        megabytes(DOCUMENT_BYTES_PER_HOUR, Lang::En)
                    ),
                ))
            } else if held >= DOCUMENTS_PER_REGISTRATION
                || held_bytes + bytes > DOCUMENT_BYTES_PER_REGISTRATION
            {
                Some(FieldError::new(
                    field,
                    &format!(
                        "Hồ sơ này đã nhận {held} tệp ({}), tối đa {DOCUMENTS_PER_REGISTRATION} tệp và {}: hãy liên hệ văn phòng OCOP.",
                        megabytes(held_bytes, Lang::Vi),
                        megabytes(DOCUMENT_BYTES_PER_REGISTRATION, Lang::Vi)
                    ),
                    &format!(
                        "This dossier has been sent {held} files ({}), of {DOCUMENTS_PER_REGISTRATION} files and {} at most: please contact the OCOP office.",
                        megabytes(held_bytes, Lang::En),
                        megabytes(DOCUMENT_BYTES_PER_REGISTRATION, Lang::En)
                    ),
                ))
            } else {
                None
            }
        }
    };
    Ok(problem)
}

/// Bytes as whole megabytes, as the language writes them (`1.250 MB`, `1,250 MB`).
fn megabytes(bytes: i64, lang: Lang) -> String {
    const MB: i64 = 1024 * 1024;
    format!("{} MB", grouped((bytes + MB - 1) / MB, lang))
}

/// Forgets what photos were sent more than a day ago; returns how many rows went. A dossier's
/// files stay counted for its registration's life.
pub async fn forget_old(writer: &Writer) -> Result<u64, AppError> {
    writer
        .change(async |tx| {
            let gone = sqlx::query(
                "DELETE FROM upload_attempts WHERE kind = 'photo' AND at < datetime('now', '-1 day')",
            )
            .execute(&mut *tx)
            .await?
            .rows_affected();
            Ok((gone, None))
        })
        .await
}
