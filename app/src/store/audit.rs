//! The audit log: who changed what, when, with a summary of before and after. Written in the
//! same transaction as the change, so there is no change without its entry.

use serde::Serialize;
use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::model::page::{Page, PageNumber};
use crate::model::portal::LogLine;

pub struct Entry<'a> {
    pub actor: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub summary: String,
}

impl<'a> Entry<'a> {
    /// What `actor` did to one entity.
    pub fn of(
        actor: i64,
        action: &'a str,
        entity: &'a str,
        entity_id: i64,
        summary: impl Into<String>,
    ) -> Self {
        Self {
            actor: Some(actor),
            action,
            entity,
            entity_id: Some(entity_id),
            summary: summary.into(),
        }
    }
}

pub async fn record<B: Serialize, A: Serialize>(
    connection: &mut SqliteConnection,
    entry: Entry<'_>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<(), AppError> {
    let before = before.and_then(|value| serde_json::to_string(value).ok());
    let after = after.and_then(|value| serde_json::to_string(value).ok());
    sqlx::query(
        "INSERT INTO audit_log (user_id, action, entity, entity_id, summary, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.entity)
    .bind(entry.entity_id)
    .bind(entry.summary)
    .bind(before)
    .bind(after)
    .execute(connection)
    .await?;
    Ok(())
}

/// An entry without before/after detail (sign-ins, session ends).
pub async fn note(connection: &mut SqliteConnection, entry: Entry<'_>) -> Result<(), AppError> {
    record::<(), ()>(connection, entry, None, None).await
}

pub const PER_PAGE: u32 = 50;

pub async fn list(pool: &sqlx::SqlitePool, page: PageNumber) -> Result<Page<LogLine>, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log")
        .fetch_one(pool)
        .await?;
    let items = sqlx::query_as(
        "SELECT a.at, u.email AS actor, a.action, a.entity, a.entity_id, a.summary, a.before, a.after
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         ORDER BY a.at DESC, a.id DESC LIMIT ?1 OFFSET ?2",
    )
    .bind(PER_PAGE)
    .bind(page.offset(PER_PAGE))
    .fetch_all(pool)
    .await?;
    Ok(Page::new(items, page, PER_PAGE, total))
}
