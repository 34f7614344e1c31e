//! Uploaded images: the files are written under the data directory by the server, named by
//! their SHA-256; this keeps one row per distinct file.

use crate::error::AppError;
use crate::store::Writer;

pub struct StoredFile<'a> {
    pub sha256: &'a str,
    pub mime: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
}

/// The media ids of the files, in order; a file uploaded before keeps its row.
pub async fn register(
    writer: &Writer,
    uploaded_by: i64,
    files: &[StoredFile<'_>],
) -> Result<Vec<i64>, AppError> {
    let mut tx = writer.begin().await?;
    let mut ids = Vec::with_capacity(files.len());
    for file in files {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO media (sha256, mime, width, height, bytes, uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING id",
        )
        .bind(file.sha256)
        .bind(file.mime)
        .bind(file.width)
        .bind(file.height)
        .bind(i64::try_from(file.bytes).unwrap_or(i64::MAX))
        .bind(uploaded_by)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Forgets the files nobody refers to any more and returns them, for their files to be
/// deleted: not a product's photo, not a producer's logo, not in a product's latest proposal
/// while it waits or was refused (the producer may resubmit it), and uploaded more than
/// `older_than_hours` ago (a form being filled in may still be about to use it).
pub async fn forget_unused(
    writer: &Writer,
    older_than_hours: u32,
) -> Result<Vec<(String, String)>, AppError> {
    let mut tx = writer.begin().await?;
    let forgotten = sqlx::query_as(
        "DELETE FROM media WHERE created_at < datetime('now', ?1)
           AND id NOT IN (SELECT media_id FROM product_images)
           AND id NOT IN (SELECT card_media_id FROM product_images WHERE card_media_id IS NOT NULL)
           AND id NOT IN (SELECT logo_media_id FROM producers WHERE logo_media_id IS NOT NULL)
           AND id NOT IN (
               SELECT json_extract(photo.value, '$.media_id') FROM product_revisions r, json_each(r.proposed, '$.images') photo
               WHERE r.status IN ('pending', 'rejected') AND r.id = (SELECT latest.id FROM product_revisions latest WHERE latest.product_id = r.product_id ORDER BY latest.submitted_at DESC, latest.id DESC LIMIT 1)
               UNION
               SELECT json_extract(photo.value, '$.card_media_id') FROM product_revisions r, json_each(r.proposed, '$.images') photo
               WHERE r.status IN ('pending', 'rejected') AND r.id = (SELECT latest.id FROM product_revisions latest WHERE latest.product_id = r.product_id ORDER BY latest.submitted_at DESC, latest.id DESC LIMIT 1))
         RETURNING sha256, mime",
    )
    .bind(format!("-{older_than_hours} hours"))
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(forgotten)
}
