//! The version of what the public pages show: the triggers of migration 0005 (and later
//! ones) bump it on every change of a table those pages read, so whatever is kept for a
//! version (the page cache, the open-data files) is never stale.

use sqlx::SqlitePool;

use crate::error::AppError;
use crate::model::day::Day;

pub async fn version(pool: &SqlitePool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM content_version WHERE id = 1")
            .fetch_one(pool)
            .await?,
    )
}

/// The version and the day in Vietnam, read together: a file made from the whole catalogue
/// changes with either (a certificate ends with the calendar, not with a write).
pub async fn version_and_today(pool: &SqlitePool) -> Result<(i64, Day), AppError> {
    let (version, today): (i64, String) = sqlx::query_as(concat!(
        "SELECT version, ",
        crate::store::clock::sql_today!(),
        " FROM content_version WHERE id = 1"
    ))
    .fetch_one(pool)
    .await?;
    Ok((version, Day::parse(&today).ok_or(AppError::Internal)?))
}
