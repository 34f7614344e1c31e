//! The spreadsheets admins bring in, kept between the dry run and the import (see the
//! `imports` migration): the import takes the very bytes its dry run checked.

use sqlx::SqliteConnection;

use crate::error::AppError;
use crate::model::account::Admin;
use crate::model::ids::ImportId;
use crate::model::import::{self, Column, DryRun};
use crate::model::moment::Moment;
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

    /// The file read as a sheet with the index of each of `columns` in it, or None with the
    /// reason on the dry run (unreadable, a column missing).
    pub fn sheet(
        &self,
        columns: &[Column],
        dry: &mut DryRun,
    ) -> Option<(Vec<Option<usize>>, Sheet)> {
        let read = crate::sheet::read(&self.bytes)
            .and_then(|sheet| Ok((import::match_headers(columns, &sheet.headers)?, sheet)));
        match read {
            Ok((at, sheet)) => {
                dry.rows = sheet.rows.len() as u32;
                Some((at, sheet))
            }
            Err(problem) => {
                dry.file_problem = Some(problem);
                None
            }
        }
    }
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
        "SELECT id, file_name, bytes, created_at, imported_at FROM imports
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
