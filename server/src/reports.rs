//! The progress report's files: one table as CSV (`/admin/reports/2021/summary.csv`, saved as
//! `bao-cao-ocop-2021-…-tong-hop.csv`), the
//! whole report as an XLSX workbook of one sheet per table (`/admin/reports/2021.xlsx`), for
//! the day and comparison the page's address carries (`?day=…&compare=…`). Staff only.

use std::collections::HashMap;

use axum::extract::{Path, Query, Request, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;

use app::auth::Staff;
use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::report::{ProgressReport, ReportQuery, ReportTable};

use crate::exports::{csv, csv_download, xlsx_download, xlsx_sheets, Cell, Sheet};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/reports/national.xlsx", get(national))
        .route("/admin/reports/{file}", get(workbook))
        .route("/admin/reports/{year}/{file}", get(table_csv))
}

async fn report(
    state: &AppState,
    year: &str,
    query: &HashMap<String, String>,
) -> Result<ProgressReport, AppError> {
    let mut asked = ReportQuery::from_address(|key| query.get(key).cloned());
    asked.year = Some(year.to_owned());
    app::store::report::asked(&state.pool, &asked).await
}

fn rows(
    report: &ProgressReport,
    table: ReportTable,
    lang: Lang,
) -> (Vec<&'static str>, Vec<Vec<Cell>>) {
    let (headers, rows) = report.table(table, lang);
    let rows = rows
        .into_iter()
        .map(|row| row.into_iter().map(Cell::from).collect())
        .collect();
    (headers, rows)
}

async fn workbook(
    _: Staff,
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    let lang = Lang::of_headers(request.headers());
    let file = async {
        let year = file.strip_suffix(".xlsx").ok_or(AppError::NotFound)?;
        let report = report(&state, year, &query).await?;
        let sheets = ReportTable::ALL.into_iter().map(|table| {
            let (headers, rows) = rows(&report, table, lang);
            Sheet {
                name: table.title(lang),
                headers,
                rows,
            }
        });
        Ok::<_, AppError>((report.file_stem(), xlsx_sheets(sheets)?))
    }
    .await;
    match file {
        Ok((stem, bytes)) => xlsx_download(&format!("{stem}.xlsx"), bytes),
        Err(error) => error_page(lang, &error),
    }
}

async fn table_csv(
    _: Staff,
    State(state): State<AppState>,
    Path((year, file)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> Response {
    let lang = Lang::of_headers(request.headers());
    let name = file.strip_suffix(".csv").unwrap_or_default();
    if let Some(table) = ReportTable::from_file_name(name) {
        return moved(request.uri(), &year, table);
    }
    let file = async {
        let table = ReportTable::from_slug(name).ok_or(AppError::NotFound)?;
        let report = report(&state, &year, &query).await?;
        let (headers, rows) = rows(&report, table, lang);
        Ok::<_, AppError>((
            format!("{}-{}", report.file_stem(), table.file_name()),
            csv(&headers, rows)?,
        ))
    }
    .await;
    match file {
        Ok((stem, bytes)) => csv_download(&format!("{stem}.csv"), bytes),
        Err(error) => error_page(lang, &error),
    }
}

/// A table's address from before December 2026, named in Vietnamese like its file, sent on for
/// good to its address of today, the day and comparison kept.
fn moved(old: &Uri, year: &str, table: ReportTable) -> Response {
    let query = old
        .query()
        .map(|query| format!("?{query}"))
        .unwrap_or_default();
    Redirect::permanent(&format!(
        "/admin/reports/{year}/{}.csv{query}",
        table.slug()
    ))
    .into_response()
}

/// The certified products for the national OCOP system, one row a product
/// (`app::model::national`), named after the day it was made.
async fn national(_: Staff, State(state): State<AppState>, request: Request) -> Response {
    use app::model::national::NATIONAL_COLUMNS;
    use app::model::producer::EntityType;

    let lang = Lang::of_headers(request.headers());
    let file = async {
        let (_, today) = app::store::content::version_and_today(&state.pool).await?;
        let rows = app::store::certificates::national(&state.pool).await?;
        let shown =
            |day: Option<app::model::day::Day>| day.map(|day| day.shown()).unwrap_or_default();
        let rows = (1i64..).zip(rows).map(|(number, row)| {
            vec![
                Cell::Number(number),
                row.product.into(),
                row.group_name.into(),
                row.set_name.into(),
                Cell::Number(i64::from(row.stars.get())),
                Cell::Decimal(row.score),
                row.certificate_no.into(),
                row.decision_no.unwrap_or_default().into(),
                shown(row.decision_date).into(),
                row.issued_on.shown().into(),
                row.expires_on.shown().into(),
                row.producer.into(),
                EntityType::label_of(&row.entity_type, app::i18n::Lang::Vi).into(),
                row.tax_code.unwrap_or_default().into(),
                row.commune.into(),
                row.province.into(),
            ]
        });
        let headers: Vec<&str> = NATIONAL_COLUMNS.iter().map(|(header, _)| *header).collect();
        let bytes = crate::exports::xlsx("Sản phẩm OCOP", &headers, rows)?;
        Ok::<_, AppError>((format!("san-pham-ocop-{}.xlsx", today.iso()), bytes))
    }
    .await;
    match file {
        Ok((name, bytes)) => xlsx_download(&name, bytes),
        Err(error) => error_page(lang, &error),
    }
}
