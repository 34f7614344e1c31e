//! The clock of the OCOP office: the day it is in Vietnam (UTC+7, no daylight saving), as the
//! database sees it, so a date written by a write and the day it is compared with agree.

use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::model::day::Day;

/// Today in Vietnam.
pub async fn today(connection: &mut SqliteConnection) -> Result<Day, AppError> {
    let today: String = sqlx::query_scalar("SELECT date('now', '+7 hours')")
        .fetch_one(connection)
        .await?;
    Day::parse(&today).ok_or(AppError::Internal)
}
