//! Uploaded images: the files are written under the data directory by the server, named by
//! their SHA-256; this keeps one row per distinct file.

use sqlx::SqlitePool;

use crate::error::AppError;

pub struct StoredFile<'a> {
    pub sha256: &'a str,
    pub mime: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
}

/// The media ids of the files, in order; a file uploaded before keeps its row.
pub async fn register(
    pool: &SqlitePool,
    uploaded_by: i64,
    files: &[StoredFile<'_>],
) -> Result<Vec<i64>, AppError> {
    let mut tx = pool.begin().await?;
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
