//! Database access (server only): one module per aggregate.

pub mod accounts;
pub mod applications;
pub mod audit;
pub mod backup;
pub mod booths;
mod cards;
pub mod catalogue;
pub mod certificates;
pub mod clock;
pub mod communes;
pub mod content;
pub mod councils;
pub mod cycles;
pub mod demo;
pub mod dossiers;
pub mod event_records;
pub mod events;
pub mod exhibitors;
pub mod handbook;
mod id_list;
pub mod imports;
pub mod inquiries;
pub mod listings;
pub mod media;
pub mod news;
pub mod notices;
pub mod office;
pub mod open_data;
pub mod outbox;
pub mod portal;
pub mod producer_records;
pub mod producers;
pub mod product_detail;
pub mod product_import;
pub mod products;
pub mod quotas;
pub mod redirects;
mod registration_life;
pub mod registrations;
pub mod report;
pub mod reviews;
pub mod sessions;
pub mod sitemap;
pub mod stamps;
pub mod stats;
pub mod synthetic;
pub mod training;
pub mod units;
pub mod verification;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

use crate::error::AppError;
use crate::store::audit::Audit;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The database as the server holds it: a pool of connections that may only read, and the
/// one connection that writes.
///
/// # One way to write
///
/// SQLite takes one writer at a time. With every connection allowed to write, a transaction
/// that reads and then writes (`BEGIN` is deferred) finds another writer's commit since its
/// read and fails at once with "database is locked" (codes 5 and 517): the busy timeout does
/// not apply to such an upgrade. Under 64 clients sending the contact form, one in four got a
/// 500. So every write goes through [`Writer::begin`]: the single writer connection, taken in
/// turn from its pool (a fair async queue, no busy-polling), and `BEGIN IMMEDIATE`, which takes
/// the write lock before the first read, so a transaction never has to upgrade. The lock is
/// only contested by another process (the `server` commands, a backup), and then the busy
/// timeout makes the write wait. The readers are `query_only`: a write that bypasses the
/// writer fails in the tests instead of racing in production.
///
/// The writer commits with `synchronous = FULL` unless told otherwise ([`Durability`]): in
/// WAL mode `NORMAL` survives a killed process but may lose the last acknowledged commits on
/// power loss, and every write here is someone's message or decision. Writes are few (a
/// contact form, a saved listing); the cost, one fsync a commit, is measured by the mixed
/// run of `make bench`, which runs both.
#[derive(Clone)]
pub struct Db {
    pub read: SqlitePool,
    pub write: Writer,
    /// The catalogue's rows as search ranks them, shared by every request.
    pub catalogue: catalogue::Memory,
    /// The imports running on their own, shared by every request.
    pub imports: imports::Running,
}

/// The one connection that writes. Cloning shares it.
#[derive(Clone)]
pub struct Writer(SqlitePool);

/// A write transaction: committed with `commit()`, rolled back when dropped.
pub type WriteTx = Transaction<'static, Sqlite>;

impl Writer {
    /// Waits for the writer, then starts an immediate transaction on it. Waiting longer than
    /// [`WRITE_WAIT`] is answered as a busy server (503), never as an error.
    pub async fn begin(&self) -> Result<WriteTx, AppError> {
        Ok(self.0.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// A change someone makes, in one transaction with its audit entry: `change` does the
    /// reads and writes and says what to record (nothing, when it turned out to change
    /// nothing); any error rolls it all back.
    pub async fn change<T>(
        &self,
        change: impl AsyncFnOnce(&mut SqliteConnection) -> Result<(T, Option<Audit>), AppError>,
    ) -> Result<T, AppError> {
        let mut tx = self.begin().await?;
        let (value, audit) = change(&mut tx).await?;
        if let Some(audit) = audit {
            audit.write(&mut tx).await?;
        }
        tx.commit().await?;
        Ok(value)
    }
}

/// How long a write waits for its turn before the server answers that it is busy.
pub const WRITE_WAIT: Duration = Duration::from_secs(10);
/// How long SQLite waits for a lock another process holds.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Reads are CPU work on two cores: more connections than a few only add page caches, sort
/// buffers and threads that take turns. Measured at 100,000 products under 32 connections,
/// release build: with 4 readers a rendered product page 604-651 req/s (8 readers: 491-563),
/// `/products?star=4` 354-419 (321-344).
const READERS: u32 = 4;
/// SQLite's page cache per connection, in KiB (a negative `cache_size`): 2 MiB, SQLite's own
/// default, written down so that the memory it may take is known: 5 connections, 10 MiB.
/// Memory-mapped I/O stays off (`mmap_size` 0): mapped pages of the file would count in the
/// server's resident memory, and the kernel's page cache already keeps the file.
const CACHE_KIB: i64 = 2048;

/// How a commit reaches the disk (`OCOP_SYNCHRONOUS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// Every commit is on disk before it is acknowledged, power loss included.
    #[default]
    Full,
    /// A commit survives the process dying at once, but the last ones may be lost with the
    /// power, unless the storage keeps its cache through a power cut.
    Normal,
}

impl Durability {
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "full" => Some(Self::Full),
            "normal" => Some(Self::Normal),
            _ => None,
        }
    }
}

fn options(path: &Path) -> Result<SqliteConnectOptions, AppError> {
    Ok(SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        .pragma("cache_size", format!("-{CACHE_KIB}"))
        .pragma("mmap_size", "0"))
}

/// Whether the database answers a query (the monitors' health check).
pub async fn answers(pool: &SqlitePool) -> Result<(), AppError> {
    sqlx::query("SELECT 1").execute(pool).await?;
    Ok(())
}

/// Opens (creating if needed) the database file and brings its schema up to date.
pub async fn open(path: &Path) -> Result<Db, AppError> {
    open_with(path, Durability::Full).await
}

pub async fn open_with(path: &Path, durability: Durability) -> Result<Db, AppError> {
    // The writer first: it creates the file, switches it to WAL (kept in the file) and
    // migrates before any reader opens it.
    let write = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(WRITE_WAIT)
        // sqlx pings an idle connection before lending it, by default, for a server at the
        // other end of a network that may have hung up. A SQLite connection is a file opened
        // in this process: each ping was only a round trip to the connection's thread before
        // every query (4 of the 25 context switches of a rendered catalogue page).
        .test_before_acquire(false)
        .after_connect(|connection, _| Box::pin(id_list::register(connection)))
        .connect_with(
            options(path)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(match durability {
                    Durability::Full => SqliteSynchronous::Full,
                    Durability::Normal => SqliteSynchronous::Normal,
                }),
        )
        .await?;
    MIGRATOR.run(&write).await?;
    let read = SqlitePoolOptions::new()
        .max_connections(READERS)
        // As the writer's: no ping before each query.
        .test_before_acquire(false)
        .after_connect(|connection, _| Box::pin(id_list::register(connection)))
        .connect_with(options(path)?.pragma("query_only", "ON"))
        .await?;
    Ok(Db {
        read,
        write: Writer(write),
        catalogue: catalogue::Memory::default(),
        imports: imports::Running::default(),
    })
}
