//! A registration's dossier: the checklist the rules ask for (by the registration's kind), the
//! files producers (or staff for them) attach, and the staff's ticks and requests for a
//! correction. Files are rows of `documents`; their bytes lie under the data directory, named
//! by hash, and are read only through the checks here.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::account::Actor;
use crate::model::account::Staff;
use crate::model::cycle::pages::ChecklistItem;
use crate::model::cycle::status::{ItemStatus, RegistrationKind, RegistrationStatus};
use crate::model::ids::{ProducerId, RegistrationId};
use crate::store::audit::Audit;
use crate::store::registration_life::move_to;
use crate::store::Writer;

/// A file checked by the server (type from its content, size), already stored by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    pub sha256: String,
    pub mime: &'static str,
    pub bytes: i64,
    pub file_name: String,
}

/// The checklist of a registration: every requirement of its kind, with what happened to it.
pub async fn items(
    connection: &mut SqliteConnection,
    registration_id: RegistrationId,
    kind: RegistrationKind,
) -> Result<Vec<ChecklistItem>, AppError> {
    Ok(sqlx::query_as(
        "SELECT q.code, q.name_vi, q.name_en, q.required, q.upload, i.status, coalesce(i.note, '') AS note,
                d.file_name, i.updated_at
         FROM dossier_requirements q
         LEFT JOIN dossier_items i ON i.registration_id = ?1 AND i.requirement = q.code
         LEFT JOIN documents d ON d.id = i.document_id
         WHERE q.applies_to IN ('both', ?2) ORDER BY q.position",
    )
    .bind(registration_id)
    .bind(kind)
    .fetch_all(connection)
    .await?)
}

#[derive(sqlx::FromRow)]
struct Target {
    status: RegistrationStatus,
    kind: RegistrationKind,
    producer_id: ProducerId,
}

/// The registration an item belongs to: any for staff, a producer's own for a producer.
async fn target(
    connection: &mut SqliteConnection,
    registration_id: RegistrationId,
    actor: Actor,
) -> Result<Target, AppError> {
    sqlx::query_as(
        "SELECT r.status, r.kind, p.producer_id FROM registrations r JOIN products p ON p.id = r.product_id
         WHERE r.id = ?1 AND (?2 IS NULL OR p.producer_id = ?2)",
    )
    .bind(registration_id)
    .bind(actor.own_producer())
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

/// The requirement `code`, if the registration's kind asks for it.
async fn requirement(
    connection: &mut SqliteConnection,
    code: &str,
    kind: RegistrationKind,
) -> Result<(String, bool), AppError> {
    sqlx::query_as("SELECT name_vi, upload FROM dossier_requirements WHERE code = ?1 AND applies_to IN ('both', ?2)")
        .bind(code)
        .bind(kind)
        .fetch_optional(connection)
        .await?
        .ok_or(AppError::NotFound)
}

fn closed() -> AppError {
    AppError::invalid(
        "file",
        "Hồ sơ đã được xác nhận đầy đủ hoặc đã qua bước hồ sơ: không thay đổi được nữa.",
        "The dossier is complete or past its stage: it can no longer change.",
    )
}

/// Whether a file may be attached to the item now: checked before the file is stored, so that
/// a refused one leaves nothing on disk ([`attach`] checks again in its transaction).
pub async fn may_attach(
    pool: &SqlitePool,
    actor: Actor,
    registration_id: RegistrationId,
    code: &str,
) -> Result<(), AppError> {
    let mut connection = pool.acquire().await?;
    attachable(&mut connection, actor, registration_id, code)
        .await
        .map(drop)
}

async fn attachable(
    connection: &mut SqliteConnection,
    actor: Actor,
    registration_id: RegistrationId,
    code: &str,
) -> Result<String, AppError> {
    let target = target(connection, registration_id, actor).await?;
    let (name, upload) = requirement(connection, code, target.kind).await?;
    if !upload {
        return Err(AppError::invalid(
            "file",
            "Mục này nộp trực tiếp, không tải tệp lên.",
            "This item is brought in person, not uploaded.",
        ));
    }
    if target.status != RegistrationStatus::Registered {
        return Err(closed());
    }
    Ok(name)
}

/// A stored file no row refers to any more: its bytes may go from the disk.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Unused {
    pub sha256: String,
    pub mime: String,
}

/// Attaches a file to an item; the item waits for staff to check it. The file it replaces, if
/// any, goes from `documents`; returned when no other row holds the same bytes, so that the
/// caller deletes them from the disk once this is committed.
pub async fn attach(
    writer: &Writer,
    actor: Actor,
    registration_id: RegistrationId,
    code: &str,
    document: &NewDocument,
) -> Result<Option<Unused>, AppError> {
    let by = actor.user_id();
    writer
        .change(async |tx| {
            let name = attachable(tx, actor, registration_id, code).await?;
            let replaced: Option<i64> = sqlx::query_scalar(
                "SELECT document_id FROM dossier_items WHERE registration_id = ?1 AND requirement = ?2",
            )
            .bind(registration_id)
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?
            .flatten();
            let document_id: i64 = sqlx::query_scalar(
                "INSERT INTO documents (sha256, mime, bytes, file_name, uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            )
            .bind(&document.sha256)
            .bind(document.mime)
            .bind(document.bytes)
            .bind(&document.file_name)
            .bind(by)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO dossier_items (registration_id, requirement, status, document_id, note, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, '', ?5, datetime('now'))
                 ON CONFLICT (registration_id, requirement) DO UPDATE SET status = excluded.status,
                     document_id = excluded.document_id, note = '', updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .bind(registration_id)
            .bind(code)
            .bind(ItemStatus::Submitted)
            .bind(document_id)
            .bind(by)
            .execute(&mut *tx)
            .await?;
            let unused = match replaced {
                Some(old) => forget(tx, old).await?,
                None => None,
            };
            let summary = format!("{name}: {}", document.file_name);
            Ok((unused, Some(Audit::of(by, "attach", "registration", registration_id, summary))))
        })
        .await
}

/// Deletes the row of a replaced file once no item refers to it; its bytes, when no other row
/// holds them.
async fn forget(
    connection: &mut SqliteConnection,
    document_id: i64,
) -> Result<Option<Unused>, AppError> {
    let gone: Option<Unused> = sqlx::query_as(
        "DELETE FROM documents WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM dossier_items WHERE document_id = ?1)
         RETURNING sha256, mime",
    )
    .bind(document_id)
    .fetch_optional(&mut *connection)
    .await?;
    let Some(gone) = gone else {
        return Ok(None);
    };
    let shared: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?1)")
            .bind(&gone.sha256)
            .fetch_one(&mut *connection)
            .await?;
    Ok((!shared).then_some(gone))
}

/// Of the given content hashes, those no file of a dossier has: left behind by an upload whose
/// change was refused or never finished.
pub async fn unknown(pool: &SqlitePool, hashes: &[String]) -> Result<Vec<String>, AppError> {
    let listed = serde_json::to_string(hashes).map_err(|_| AppError::Internal)?;
    Ok(sqlx::query_scalar(
        "SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT sha256 FROM documents)",
    )
    .bind(listed)
    .fetch_all(pool)
    .await?)
}

/// Staff mark an item received (an uploaded file checked, or samples brought in).
pub async fn receive(
    writer: &Writer,
    staff: Staff,
    registration_id: RegistrationId,
    code: &str,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let target = target(tx, registration_id, staff.into()).await?;
            let (name, _) = requirement(tx, code, target.kind).await?;
            if target.status != RegistrationStatus::Registered {
                return Err(closed());
            }
            sqlx::query(
                "INSERT INTO dossier_items (registration_id, requirement, status, note, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, '', ?4, datetime('now'))
                 ON CONFLICT (registration_id, requirement) DO UPDATE SET status = excluded.status, note = '',
                     updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .bind(registration_id)
            .bind(code)
            .bind(ItemStatus::Received)
            .bind(staff.user_id())
            .execute(&mut *tx)
            .await?;
            Ok(((), Some(Audit::of(staff.user_id(), "receive", "registration", registration_id, name))))
        })
        .await
}

/// Staff ask for a correction of an item, with a note; a dossier confirmed complete is
/// reopened.
pub async fn ask_correction(
    writer: &Writer,
    staff: Staff,
    registration_id: RegistrationId,
    code: &str,
    note: &str,
    mail: bool,
) -> Result<(), AppError> {
    let mut problems = Vec::new();
    crate::model::form::check_text(&mut problems, "note", note, true, 1000);
    crate::model::form::refuse_if_any(problems)?;
    writer
        .change(async |tx| {
            let target = target(tx, registration_id, staff.into()).await?;
            let (name, _) = requirement(tx, code, target.kind).await?;
            match target.status {
                RegistrationStatus::Registered => {}
                RegistrationStatus::DossierComplete => {
                    move_to(tx, registration_id, target.status, RegistrationStatus::Registered, None, None).await?;
                }
                _ => return Err(closed()),
            }
            sqlx::query(
                "INSERT INTO dossier_items (registration_id, requirement, status, note, updated_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, datetime('now'))
                 ON CONFLICT (registration_id, requirement) DO UPDATE SET status = excluded.status, note = excluded.note,
                     updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            )
            .bind(registration_id)
            .bind(code)
            .bind(ItemStatus::Correction)
            .bind(note)
            .bind(staff.user_id())
            .execute(&mut *tx)
            .await?;
            let product: String = sqlx::query_scalar(
                "SELECT p.name FROM registrations r JOIN products p ON p.id = r.product_id WHERE r.id = ?1",
            )
            .bind(registration_id)
            .fetch_one(&mut *tx)
            .await?;
            crate::store::notices::tell(
                tx,
                crate::store::notices::Tell {
                    producer_id: target.producer_id,
                    event_id: None,
                    vi: format!("Hồ sơ OCOP của “{product}” cần bổ sung, sửa mục “{name}”: {note}"),
                    en: format!("The OCOP dossier of “{product}” needs a correction of “{name}”: {note}"),
                },
                mail,
            )
            .await?;
            let summary = format!("{name}: {note}");
            Ok(((), Some(Audit::of(staff.user_id(), "ask_correction", "registration", registration_id, summary))))
        })
        .await
}

/// The file of an item, for staff, its commune's officer or its producer: (hash, type, name).
pub async fn document(
    pool: &SqlitePool,
    actor: Actor,
    registration_id: RegistrationId,
    code: &str,
) -> Result<(String, String, String), AppError> {
    sqlx::query_as(concat!(
        "SELECT d.sha256, d.mime, d.file_name FROM dossier_items i JOIN documents d ON d.id = i.document_id
         JOIN registrations r ON r.id = i.registration_id JOIN products p ON p.id = r.product_id
         JOIN producers pr ON pr.id = p.producer_id
         WHERE i.registration_id = ?1 AND i.requirement = ?2 AND (?3 IS NULL OR p.producer_id = ?3) AND ",
        crate::store::communes::in_communes!(4)
    ))
    .bind(registration_id)
    .bind(code)
    .bind(actor.own_producer())
    .bind(actor.officer())
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)
}
