//! Database access (server only): one module per aggregate.

pub mod accounts;
pub mod audit;
mod cards;
pub mod catalogue;
pub mod demo;
pub mod events;
pub mod inquiries;
pub mod listings;
pub mod media;
pub mod news;
pub mod outbox;
pub mod portal;
pub mod producer_records;
pub mod producers;
pub mod product_detail;
pub mod products;
pub mod redirects;
pub mod report;
pub mod sessions;
pub mod sitemap;
pub mod stats;
pub mod synthetic;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::AppError;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens (creating if needed) the database file and brings its schema up to date.
/// WAL lets readers go on while one writer writes; the busy timeout makes a second writer
/// wait for the first instead of failing at once.
pub async fn open(path: &Path) -> Result<SqlitePool, AppError> {
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
