//! The spreadsheets admins import: the administrative units (with the file of every unit) and
//! the office's producers, products and certificates (with the template). Each is a file chosen
//! and kept for its dry run, then the import of a file the dry run showed.

use std::time::Duration;

use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

use app::auth::Admin;
use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::ids::ImportId;
use app::model::import::Column;
use app::model::notice::Notice;
use app::model::product_import::ImportState;
use app::model::units::COLUMNS;
use app::paths::{self, admin::pattern};
use app::store::imports::{self, ImportKind};

use crate::exports::{csv_download, Cell};
use crate::forms::{self, answer, read_form};
use crate::state::AppState;

/// The imports, the file of every unit and the template (behind the admins' guard, see
/// `routes`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(pattern::units_file, get(every_unit))
        .route(pattern::unit_import, post(import_units))
        .route(pattern::unit_columns, post(unit_columns))
        .route(pattern::import_template, get(template))
        .route(pattern::product_import, post(import_products))
        .route(pattern::product_columns, post(product_columns))
}

/// The chosen files (behind the admins' guard and the uploads' turn).
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route(pattern::units, post(choose_units))
        .route(pattern::import, post(choose_products))
}

/// Every unit in the import's own columns, headed in the visitor's language: the template of
/// a file to import, and a file that, read back, changes nothing.
async fn every_unit(_: Admin, State(state): State<AppState>, request: Request) -> Response {
    let lang = Lang::of_headers(request.headers());
    let file = async {
        let units = app::store::units::export(&state.pool).await?;
        let headers: Vec<&str> = COLUMNS.iter().map(|column| column.header(lang)).collect();
        crate::exports::csv(
            &headers,
            units
                .iter()
                .map(|unit| unit.cells(lang).into_iter().map(Cell::from).collect()),
        )
    }
    .await;
    match file {
        Ok(bytes) => csv_download("don-vi-hanh-chinh.csv", bytes),
        Err(error) => error_page(lang, &error),
    }
}

/// An empty workbook headed with the import's columns in the visitor's language.
async fn template(_: Admin, request: Request) -> Response {
    let lang = Lang::of_headers(request.headers());
    let headers: Vec<&str> = app::model::product_import::COLUMNS
        .iter()
        .map(|column| column.header(lang))
        .collect();
    match crate::exports::xlsx("OCOP", &headers, std::iter::empty()) {
        Ok(bytes) => crate::exports::xlsx_download("mau-nhap-san-pham-ocop.xlsx", bytes),
        Err(error) => error_page(lang, &error),
    }
}

/// Keeps the chosen file and shows its dry run at `dry_run`; nothing else is stored yet.
async fn choose(
    state: AppState,
    admin: Admin,
    kind: ImportKind,
    dry_run: fn(ImportId) -> String,
    request: Request,
) -> Response {
    let mut submission = read_form!(request);
    let outcome = async {
        let upload = submission.upload.take().ok_or_else(|| {
            AppError::invalid(
                "file",
                "Hãy chọn một tệp Excel (.xlsx) hoặc CSV.",
                "Please choose an Excel (.xlsx) or CSV file.",
            )
        })?;
        if upload.cut_off {
            return Err(AppError::invalid(
                "file",
                "Tệp lớn hơn 8 MB. Hãy chia tệp ra.",
                "The file is larger than 8 MB. Split it.",
            ));
        }
        let id =
            imports::keep(&state.writer, admin, kind, &upload.file_name, &upload.bytes).await?;
        Ok(dry_run(id))
    }
    .await;
    answer(&state, submission, outcome).await
}

async fn choose_units(admin: Admin, State(state): State<AppState>, request: Request) -> Response {
    choose(
        state,
        admin,
        ImportKind::Units,
        paths::admin::unit_import,
        request,
    )
    .await
}

async fn choose_products(
    admin: Admin,
    State(state): State<AppState>,
    request: Request,
) -> Response {
    let dry_run = paths::admin::product_import;
    choose(state, admin, ImportKind::Products, dry_run, request).await
}

/// Imports a file its dry run showed, checked again as the data is now: all of it or nothing.
async fn import_units(
    admin: Admin,
    State(state): State<AppState>,
    Path(id): Path<ImportId>,
    request: Request,
) -> Response {
    let page = paths::admin::unit_import(id);
    forms::form(&state, request, Some(&page), async |_| {
        app::store::units::import(&state.writer, admin, id).await?;
        Ok(Notice::Imported.on(&page))
    })
    .await
}

/// How long the answer waits for an import to end: one that ends by then is answered as the
/// other forms are (its notice, or its refusal next to the field); a longer one goes on, and
/// its page shows how far it is.
const AWAITED: Duration = Duration::from_secs(2);

/// Starts the import of a file of producers, products and certificates its dry run showed.
async fn import_products(
    admin: Admin,
    State(state): State<AppState>,
    Path(id): Path<ImportId>,
    request: Request,
) -> Response {
    let page = paths::admin::product_import(id);
    forms::form(&state, request, Some(&page), async |_| {
        let writer = state.writer.clone();
        let mut run = state.imports.start(id, |progress| async move {
            app::store::product_import::import(&writer, admin, id, progress).await
        });
        let ended = match tokio::time::timeout(AWAITED, run.wait_for(|now| !now.running())).await {
            Ok(Ok(now)) => Some(now.clone()),
            _ => None,
        };
        match ended {
            Some(ImportState::Failed(error)) => Err(error),
            Some(_) => Ok(Notice::Imported.on(&page)),
            // Still running (or its task gone, which its page says): its page follows it.
            _ => Ok(page.clone()),
        }
    })
    .await
}

/// Keeps which of the file's columns holds which of the import's, and shows the dry run again.
async fn match_columns(
    state: AppState,
    kind: ImportKind,
    id: ImportId,
    columns: &[Column],
    page: String,
    request: Request,
) -> Response {
    forms::form(&state, request, Some(&page), async |fields| {
        imports::choose_columns(&state.writer, kind, id, columns, |name| {
            fields.get(name).cloned()
        })
        .await?;
        Ok(page.clone())
    })
    .await
}

async fn unit_columns(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<ImportId>,
    request: Request,
) -> Response {
    let page = paths::admin::unit_import(id);
    match_columns(state, ImportKind::Units, id, &COLUMNS, page, request).await
}

async fn product_columns(
    _: Admin,
    State(state): State<AppState>,
    Path(id): Path<ImportId>,
    request: Request,
) -> Response {
    let page = paths::admin::product_import(id);
    let columns = &app::model::product_import::COLUMNS;
    match_columns(state, ImportKind::Products, id, columns, page, request).await
}
