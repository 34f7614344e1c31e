//! Mail waiting to be sent, retried with growing pauses until it goes or gives up.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::store::Writer;

/// After this many failed attempts a mail is marked failed and left for staff to see.
pub const MAX_ATTEMPTS: i64 = 8;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Mail {
    pub id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
}

/// Pending mail whose time has come, oldest first.
pub async fn due(pool: &SqlitePool, limit: i64) -> Result<Vec<Mail>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, to_addr, subject, body, attempts FROM outbox
         WHERE status = 'pending' AND next_attempt_at <= datetime('now')
         ORDER BY next_attempt_at, id LIMIT ?1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

pub async fn mark_sent(writer: &Writer, id: i64) -> Result<(), AppError> {
    let mut tx = writer.begin().await?;
    sqlx::query("UPDATE outbox SET status = 'sent', sent_at = datetime('now'), attempts = attempts + 1 WHERE id = ?1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Records a failed attempt: the next one waits 2, 4, 8… minutes (at most six hours).
pub async fn mark_attempt_failed(writer: &Writer, id: i64, error: &str) -> Result<(), AppError> {
    let mut tx = writer.begin().await?;
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2,
                status = CASE WHEN attempts + 1 >= ?3 THEN 'failed' ELSE 'pending' END,
                next_attempt_at = datetime('now', '+' || min(360, 1 << (attempts + 1)) || ' minutes')
         WHERE id = ?1",
    )
    .bind(id)
    .bind(error.chars().take(500).collect::<String>())
    .bind(MAX_ATTEMPTS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}
