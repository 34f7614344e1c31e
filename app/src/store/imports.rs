//! The spreadsheets admins bring in, kept between the dry run and the import (see the
//! `imports` migration): the import takes the very bytes its dry run checked. The import of
//! producers, products and certificates runs on its own, past the request that starts it
//! ([`Running`]), since a file of twenty thousand rows takes seconds.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};

use sqlx::SqliteConnection;
use tokio::sync::watch;

use crate::error::AppError;
use crate::model::account::Admin;
use crate::model::ids::ImportId;
use crate::model::import::{self, Column, DryRun};
use crate::model::moment::Moment;
use crate::model::product_import::{ImportState, Imported};
use crate::sheet::Sheet;
use crate::store::Writer;

/// What an import brings in; the table's `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Units,
    /// Producers, products and certificates.
    Products,
}

impl ImportKind {
    fn as_db(self) -> &'static str {
        match self {
            Self::Units => "units",
            Self::Products => "products",
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct Stashed {
    pub id: ImportId,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub created_at: Moment,
    pub imported_at: Option<Moment>,
    /// The matching of the columns an admin chose, as JSON (`choose_columns`).
    pub columns: Option<String>,
}

impl Stashed {
    /// Its dry run, before its rows are read.
    pub fn dry_run(&self, columns: &[Column]) -> DryRun {
        DryRun::of(
            self.id,
            self.file_name.clone(),
            self.created_at,
            self.imported_at,
            columns,
        )
    }

    /// The file read as a sheet with the index of each of `columns` in it (as the admin chose
    /// them, or by their headers), or None with the reason on the dry run (unreadable, a column
    /// missing).
    pub fn sheet(
        &self,
        columns: &[Column],
        dry: &mut DryRun,
    ) -> Option<(Vec<Option<usize>>, Sheet)> {
        let sheet = match crate::sheet::read(&self.bytes) {
            Ok(sheet) => sheet,
            Err(problem) => {
                dry.file_problem = Some(problem);
                return None;
            }
        };
        let chosen = self
            .columns
            .as_deref()
            .and_then(|chosen| serde_json::from_str::<Vec<Option<usize>>>(chosen).ok())
            .filter(|at| at.len() == columns.len());
        let at = chosen.unwrap_or_else(|| import::match_headers(columns, &sheet.headers));
        dry.headers = sheet.headers.clone();
        dry.matched = at.clone();
        dry.rows = sheet.rows.len() as u32;
        if let Some(problem) = import::missing(columns, &at) {
            dry.file_problem = Some(problem);
            return None;
        }
        Some((at, sheet))
    }
}

/// Keeps the matching of a kept file's columns an admin chose (`chosen_columns`): its dry run
/// and import read the file by it from then on. Refused, with nothing kept, when it names a
/// column the file does not have.
pub async fn choose_columns(
    writer: &Writer,
    kind: ImportKind,
    id: ImportId,
    columns: &[Column],
    field: impl Fn(&str) -> Option<String>,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let stash = get(tx, kind, id).await?;
            let headers = crate::sheet::read(&stash.bytes)
                .map_err(|problem| AppError::invalid("file", &problem.vi, &problem.en))?
                .headers
                .len();
            let chosen = import::chosen_columns(columns, headers, field).ok_or_else(|| {
                AppError::invalid(
                    "columns",
                    "Hãy chọn một cột của tệp, hoặc để trống.",
                    "Choose one of the file's columns, or none.",
                )
            })?;
            let chosen = serde_json::to_string(&chosen).map_err(|_| AppError::Internal)?;
            sqlx::query("UPDATE imports SET columns = ?2 WHERE id = ?1")
                .bind(id)
                .bind(chosen)
                .execute(&mut *tx)
                .await?;
            Ok(((), None))
        })
        .await
}

/// Keeps a file an admin chose, for its dry run. Keeping it changes no record, so it has no
/// audit entry; the import has its own.
pub async fn keep(
    writer: &Writer,
    admin: Admin,
    kind: ImportKind,
    file_name: &str,
    bytes: &[u8],
) -> Result<ImportId, AppError> {
    writer
        .change(async |tx| {
            let id = sqlx::query_scalar(
                "INSERT INTO imports (kind, file_name, bytes, user_id) VALUES (?1, ?2, ?3, ?4)
                 RETURNING id",
            )
            .bind(kind.as_db())
            .bind(file_name.chars().take(200).collect::<String>())
            .bind(bytes)
            .bind(admin.user_id())
            .fetch_one(&mut *tx)
            .await?;
            Ok((id, None))
        })
        .await
}

/// A kept file of this kind; 404 when there is none (or it was forgotten).
pub(crate) async fn get(
    connection: &mut SqliteConnection,
    kind: ImportKind,
    id: ImportId,
) -> Result<Stashed, AppError> {
    sqlx::query_as(
        "SELECT id, file_name, bytes, created_at, imported_at, columns FROM imports
         WHERE id = ?1 AND kind = ?2",
    )
    .bind(id)
    .bind(kind.as_db())
    .fetch_optional(connection)
    .await?
    .ok_or(AppError::NotFound)
}

pub(crate) async fn mark_imported(
    connection: &mut SqliteConnection,
    id: ImportId,
) -> Result<(), AppError> {
    sqlx::query("UPDATE imports SET imported_at = datetime('now') WHERE id = ?1")
        .bind(id)
        .execute(connection)
        .await?;
    Ok(())
}

/// Forgets the files kept more than a week ago, imported or not: the audit log keeps what
/// an import changed.
pub async fn forget_old(writer: &Writer) -> Result<u64, AppError> {
    writer
        .change(async |tx| {
            let gone =
                sqlx::query("DELETE FROM imports WHERE created_at < datetime('now', '-7 days')")
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            Ok((gone, None))
        })
        .await
}

/// The imports running on their own, by kept file, and how the last of them ended, while this
/// server runs. A run that the server stops before its end has stored nothing: it is one
/// transaction.
#[derive(Clone, Default)]
pub struct Running(Arc<Mutex<HashMap<ImportId, watch::Receiver<ImportState>>>>);

/// What an import says of itself as it goes.
#[derive(Clone)]
pub struct Progress(Arc<watch::Sender<ImportState>>);

impl Progress {
    pub(crate) fn now(&self, state: ImportState) {
        self.0.send_replace(state);
    }
}

impl Running {
    /// Starts `work`, the import of a kept file, on its own, unless one of the file runs
    /// already (a second press of its button follows the first, it starts nothing). The
    /// receiver follows it to its end. The ended runs of other files are forgotten then: their
    /// pages show their dry runs, which say what the data now holds.
    pub fn start<F>(
        &self,
        id: ImportId,
        work: impl FnOnce(Progress) -> F,
    ) -> watch::Receiver<ImportState>
    where
        F: Future<Output = Result<Imported, AppError>> + Send + 'static,
    {
        let mut runs = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(run) = runs.get(&id).filter(|run| run.borrow().running()) {
            return run.clone();
        }
        runs.retain(|_, run| run.borrow().running());
        let (sender, receiver) = watch::channel(ImportState::Waiting);
        let progress = Progress(Arc::new(sender));
        let work = work(progress.clone());
        tokio::spawn(async move {
            progress.now(match work.await {
                Ok(done) => ImportState::Imported(done),
                Err(error) => ImportState::Failed(error),
            });
        });
        runs.insert(id, receiver.clone());
        receiver
    }

    /// Where the import of a kept file stands, if this server ran one since it started.
    pub fn state(&self, id: ImportId) -> Option<ImportState> {
        let runs = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        runs.get(&id).map(|run| run.borrow().clone())
    }
}
