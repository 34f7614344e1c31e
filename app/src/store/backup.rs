//! Copies of the database: taken while the server runs, and checked before one is restored.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::Connection;

use crate::error::AppError;
use crate::store::MIGRATOR;

async fn connect(path: &Path, read_only: bool) -> Result<SqliteConnection, AppError> {
    Ok(SqliteConnection::connect_with(
        &SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .read_only(read_only)
            .busy_timeout(std::time::Duration::from_secs(30)),
    )
    .await?)
}

/// Writes a consistent copy of the database at `from` to the new file `to`, while the server
/// goes on reading and writing: `VACUUM INTO` reads one snapshot (WAL lets writers go on) and
/// writes a compact file with nothing of the write-ahead log left outside it.
pub async fn copy(from: &Path, to: &Path) -> Result<(), AppError> {
    let mut connection = connect(from, true).await?;
    sqlx::query("VACUUM INTO ?1")
        .bind(to.to_string_lossy().into_owned())
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(())
}

/// What is wrong with a database file that was to be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unusable {
    #[error("it cannot be opened as a SQLite database")]
    Unreadable,
    #[error("its integrity check failed: {0}")]
    Damaged(String),
    #[error("it has no migrations: it is not a database of this site")]
    NotOurs,
    #[error("it holds migration {0}, which this version of the server does not know (restore it with the version that wrote it)")]
    Newer(i64),
    #[error("its migration {0} differs from this server's")]
    Different(i64),
}

/// Checks a database file before it replaces the live one: SQLite's integrity check, and its
/// migrations all known to this server (older ones are brought up to date at start-up).
/// Returns the number of migrations it holds.
pub async fn check(path: &Path) -> Result<usize, Unusable> {
    let mut connection = connect(path, true)
        .await
        .map_err(|_| Unusable::Unreadable)?;
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut connection)
        .await
        .map_err(|_| Unusable::Unreadable)?;
    if problems != ["ok"] {
        return Err(Unusable::Damaged(problems.join("; ")));
    }
    let applied: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version",
    )
    .fetch_all(&mut connection)
    .await
    .map_err(|_| Unusable::NotOurs)?;
    if applied.is_empty() {
        return Err(Unusable::NotOurs);
    }
    for (version, checksum) in &applied {
        match MIGRATOR.iter().find(|known| known.version == *version) {
            None => return Err(Unusable::Newer(*version)),
            Some(known) if known.checksum.as_ref() != checksum.as_slice() => {
                return Err(Unusable::Different(*version))
            }
            Some(_) => {}
        }
    }
    let _ = connection.close().await;
    Ok(applied.len())
}

/// Folds the write-ahead log into the database file, so that the file alone is the whole
/// database (before it is moved aside by a restore).
pub async fn checkpoint(path: &Path) -> Result<(), AppError> {
    let mut connection = connect(path, false).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(())
}
