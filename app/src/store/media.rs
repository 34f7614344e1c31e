//! Uploaded images: the files are written under the data directory by the server, named by
//! their SHA-256; this keeps one row per distinct file.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::ids::UserId;
use crate::model::listing::ListingImage;
use crate::store::Writer;

pub struct StoredFile<'a> {
    pub sha256: &'a str,
    pub mime: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: usize,
}

/// A photo whose two files (for the page and for cards) are written, to be registered in the
/// transaction of the change that uses it: refused with the change, it is never registered.
pub struct NewPhoto<'a> {
    pub page: StoredFile<'a>,
    pub card: StoredFile<'a>,
    pub alt: String,
}

/// Registers the photo's files (a file uploaded before keeps its row) and returns it as an
/// image of a listing.
pub async fn register(
    connection: &mut SqliteConnection,
    uploaded_by: UserId,
    photo: &NewPhoto<'_>,
) -> Result<ListingImage, AppError> {
    let mut ids = [0; 2];
    for (id, file) in ids.iter_mut().zip([&photo.page, &photo.card]) {
        *id = sqlx::query_scalar(
            "INSERT INTO media (sha256, mime, width, height, bytes, uploaded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING id",
        )
        .bind(file.sha256)
        .bind(file.mime)
        .bind(file.width)
        .bind(file.height)
        .bind(i64::try_from(file.bytes).unwrap_or(i64::MAX))
        .bind(uploaded_by)
        .fetch_one(&mut *connection)
        .await?;
    }
    let [media_id, card_media_id] = ids;
    Ok(ListingImage {
        media_id,
        card_media_id,
        alt: photo.alt.clone(),
    })
}

/// The id of a cover photo (an event's, a news post's) registered in the change's transaction;
/// none when the form came without one, so the stored cover stays.
pub async fn cover_id(
    connection: &mut SqliteConnection,
    uploaded_by: UserId,
    cover: Option<&NewPhoto<'_>>,
) -> Result<Option<i64>, AppError> {
    Ok(match cover {
        Some(photo) => Some(register(connection, uploaded_by, photo).await?.media_id),
        None => None,
    })
}

/// Forgets the files nobody refers to any more and returns them, for their files to be
/// deleted: no row of any table refers to them (every foreign key to `media` in the schema
/// is followed, so a table added later protects its photos without a change here), they are
/// not in a product's latest proposal while it waits or was refused (the producer may
/// resubmit it), and they were uploaded more than `older_than_hours` ago (a form being filled
/// in may still be about to use them).
pub async fn forget_unused(
    writer: &Writer,
    older_than_hours: u32,
) -> Result<Vec<(String, String)>, AppError> {
    let mut tx = writer.begin().await?;
    let referring: Vec<(String, String)> = sqlx::query_as(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'media' ORDER BY m.name, f.\"from\"",
    )
    .fetch_all(&mut *tx)
    .await?;
    // Names from the schema itself, quoted as identifiers.
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let used: String = referring
        .iter()
        .map(|(table, column)| {
            format!(
                " AND id NOT IN (SELECT {column} FROM {table} WHERE {column} IS NOT NULL)",
                column = quote(column),
                table = quote(table)
            )
        })
        .collect();
    let forgotten = sqlx::query_as(&format!(
        "DELETE FROM media WHERE created_at < datetime('now', ?1){used}
           AND id NOT IN (
               SELECT json_extract(photo.value, '$.media_id') FROM product_revisions r, json_each(r.proposed, '$.images') photo
               WHERE r.status IN ('pending', 'rejected') AND r.id = (SELECT latest.id FROM product_revisions latest WHERE latest.product_id = r.product_id ORDER BY latest.submitted_at DESC, latest.id DESC LIMIT 1)
               UNION
               SELECT json_extract(photo.value, '$.card_media_id') FROM product_revisions r, json_each(r.proposed, '$.images') photo
               WHERE r.status IN ('pending', 'rejected') AND r.id = (SELECT latest.id FROM product_revisions latest WHERE latest.product_id = r.product_id ORDER BY latest.submitted_at DESC, latest.id DESC LIMIT 1))
         RETURNING sha256, mime"
    ))
    .bind(format!("-{older_than_hours} hours"))
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(forgotten)
}

/// Of the given content hashes, those no row knows: files left behind by an upload whose
/// change was refused or never finished.
pub async fn unknown(pool: &SqlitePool, hashes: &[String]) -> Result<Vec<String>, AppError> {
    let listed = serde_json::to_string(hashes).map_err(|_| AppError::Internal)?;
    Ok(sqlx::query_scalar(
        "SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT sha256 FROM media)",
    )
    .bind(listed)
    .fetch_all(pool)
    .await?)
}
