//! The clock of the OCOP office: the day it is in Vietnam (UTC+7, no daylight saving), as the
//! database sees it, so a date written by a write and the day it is compared with agree.
//!
//! Every query that needs the day writes it through the macros below, so the offset is written
//! once for SQL; a stored UTC time is shown in Vietnam's time by `model::moment`, whose offset
//! a test below proves equal. The views of migrations 0008 and 0013 keep their own copy: a
//! migration is history, written once and never edited.

use sqlx::{SqliteConnection, SqlitePool};

use crate::error::AppError;
use crate::model::day::Day;

/// Vietnam's offset from UTC, as a modifier of SQLite's date functions.
macro_rules! utc_offset {
    () => {
        "'+7 hours'"
    };
}
pub(crate) use utc_offset;

/// Today in Vietnam, as an SQL expression (`2026-12-17`); date modifiers take it as their
/// time value: `date(today, '+90 days')`.
macro_rules! sql_today {
    () => {
        concat!("date('now', ", $crate::store::clock::utc_offset!(), ")")
    };
}
pub(crate) use sql_today;

/// Today in Vietnam, for queries put together with `format!`.
pub const TODAY: &str = sql_today!();

/// Today in Vietnam.
pub async fn today(connection: &mut SqliteConnection) -> Result<Day, AppError> {
    let today: String = sqlx::query_scalar(concat!("SELECT ", sql_today!()))
        .fetch_one(connection)
        .await?;
    Day::parse(&today).ok_or(AppError::Internal)
}

/// The first day of this month in Vietnam.
pub async fn first_of_this_month(pool: &SqlitePool) -> Result<Day, AppError> {
    let first: String =
        sqlx::query_scalar(concat!("SELECT date(", sql_today!(), ", 'start of month')"))
            .fetch_one(pool)
            .await?;
    Day::parse(&first).ok_or(AppError::Internal)
}

#[cfg(test)]
mod tests {
    use sqlx::Connection;

    use crate::model::moment::{LocalTime, Moment};

    #[tokio::test]
    async fn the_database_and_the_moments_agree_on_vietnams_offset() {
        let mut connection = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .expect("a database in memory");
        let (local, utc_today, today): (String, String, String) = sqlx::query_as(concat!(
            "SELECT ",
            "datetime('2026-12-31 18:30:00', ",
            utc_offset!(),
            ")",
            ", date('now'), ",
            sql_today!()
        ))
        .fetch_one(&mut connection)
        .await
        .expect("the expressions are SQL");
        assert_eq!(local, "2027-01-01 01:30:00");
        let moment = Moment::parse("2026-12-31 18:30:00").expect("a time");
        assert_eq!(Some(moment.local()), LocalTime::parse(&local));
        let today = super::Day::parse(&today).expect("today is a day");
        let utc_today = super::Day::parse(&utc_today).expect("a day");
        assert!(today >= utc_today, "Vietnam is ahead of UTC, never behind");
        super::today(&mut connection)
            .await
            .expect("today() reads a day");
    }
}
