//! The audit log: who changed what, when, with a summary of before and after. Written in the
//! same transaction as the change, so there is no change without its entry.

use serde::Serialize;
use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::model::audit::{AuditFilter, AuditLog};
use crate::model::form::Choice;
use crate::model::ids::UserId;
use crate::model::page::{Page, PageNumber};

/// One entry of the audit log: who did what to which entity, with before and after as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audit {
    actor: Option<UserId>,
    action: &'static str,
    entity: &'static str,
    entity_id: Option<i64>,
    summary: String,
    before: Option<String>,
    after: Option<String>,
}

impl Audit {
    /// What `actor` (none for the command line) did to one entity.
    pub fn of(
        actor: impl Into<Option<UserId>>,
        action: &'static str,
        entity: &'static str,
        entity_id: impl Into<i64>,
        summary: impl Into<String>,
    ) -> Self {
        Self {
            actor: actor.into(),
            action,
            entity,
            entity_id: Some(entity_id.into()),
            summary: summary.into(),
            before: None,
            after: None,
        }
    }

    /// The entity as it was.
    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = serde_json::to_string(value).ok();
        self
    }

    /// The entity as it is now.
    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = serde_json::to_string(value).ok();
        self
    }

    /// Writes the entry, in the transaction of the change it records.
    pub async fn write(self, connection: &mut SqliteConnection) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO audit_log (user_id, action, entity, entity_id, summary, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(self.actor)
        .bind(self.action)
        .bind(self.entity)
        .bind(self.entity_id)
        .bind(self.summary)
        .bind(self.before)
        .bind(self.after)
        .execute(connection)
        .await?;
        Ok(())
    }
}

/// Writes many entries, in the transaction of the changes they record, a hundred to a
/// statement: an import of 20,000 rows records some 30,000, and one statement each was most of
/// its time.
pub async fn write_all(
    connection: &mut SqliteConnection,
    entries: Vec<Audit>,
) -> Result<(), AppError> {
    for chunk in entries.chunks(100) {
        let mut insert = sqlx::QueryBuilder::new(
            "INSERT INTO audit_log (user_id, action, entity, entity_id, summary, before, after) ",
        );
        insert.push_values(chunk, |mut row, entry| {
            row.push_bind(entry.actor)
                .push_bind(entry.action)
                .push_bind(entry.entity)
                .push_bind(entry.entity_id)
                .push_bind(entry.summary.clone())
                .push_bind(entry.before.clone())
                .push_bind(entry.after.clone());
        });
        insert.build().execute(&mut *connection).await?;
    }
    Ok(())
}

pub const PER_PAGE: u32 = 50;

/// `SELECT {columns} FROM audit_log a {joins}` within the filters. Only the filters given
/// become conditions, so that SQLite can use the index of each (by person, by kind of record,
/// by time): `(?1 IS NULL OR a.user_id = ?1)` would read the whole log.
pub fn filtered<'a>(
    columns: &str,
    joins: &str,
    filter: &'a AuditFilter,
) -> sqlx::QueryBuilder<'a, sqlx::Sqlite> {
    let mut query = sqlx::QueryBuilder::new(format!(
        "SELECT {columns} FROM audit_log a {joins} WHERE 1 = 1"
    ));
    if let Some(who) = filter.who {
        query.push(" AND a.user_id = ").push_bind(who);
    }
    if let Some(entity) = &filter.entity {
        query.push(" AND a.entity = ").push_bind(entity.as_str());
    }
    // Entries are stamped in UTC; the days staff choose are Vietnam's (UTC+7, no summer time).
    if let Some(from) = filter.from {
        query
            .push(" AND a.at >= datetime(")
            .push_bind(from.iso())
            .push(", '-7 hours')");
    }
    if let Some(to) = filter.to {
        query
            .push(" AND a.at < datetime(")
            .push_bind(to.iso())
            .push(", '+1 day', '-7 hours')");
    }
    query
}

/// A page of the log, newest first, within the filters; and what the filters offer.
pub async fn list(
    pool: &sqlx::SqlitePool,
    filter: AuditFilter,
    page: PageNumber,
) -> Result<AuditLog, AppError> {
    let total: i64 = filtered("count(*)", "", &filter)
        .build_query_scalar()
        .fetch_one(pool)
        .await?;
    let mut query = filtered(
        "a.at, u.email AS actor, a.action, a.entity, a.entity_id, a.summary, a.before, a.after",
        "LEFT JOIN users u ON u.id = a.user_id",
        &filter,
    );
    query
        .push(" ORDER BY a.at DESC, a.id DESC LIMIT ")
        .push_bind(PER_PAGE)
        .push(" OFFSET ")
        .push_bind(page.offset(PER_PAGE));
    let items = query.build_query_as().fetch_all(pool).await?;
    let people: Vec<(i64, String)> = sqlx::query_as(
        "SELECT u.id, u.email FROM users u
         WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.user_id = u.id) ORDER BY u.email",
    )
    .fetch_all(pool)
    .await?;
    let people = people.into_iter().map(Choice::named).collect();
    let entities = sqlx::query_scalar("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
        .fetch_all(pool)
        .await?;
    Ok(AuditLog {
        lines: Page::new(items, page, PER_PAGE, total),
        filter,
        people,
        entities,
    })
}
