//! Open data for anyone: the certified products as CSV (UTF-8, a header row) and JSON, with
//! the fields `/data` documents (`app::model::open_data`), and the certificates that no longer
//! hold (revoked or past their end, `app::model::verification::ENDED_FIELDS`).

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use app::error::AppError;
use app::model::open_data::{ProductsFile, PRODUCT_FIELDS};
use app::model::verification::{EndedCertificate, EndedKind, ENDED_FIELDS};

use crate::downloads::Download;
use crate::exports::{csv, Cell};
use crate::state::AppState;

async fn file(state: &AppState) -> Result<ProductsFile, AppError> {
    app::store::open_data::products_file(&state.pool, &state.site.public_url.0).await
}

/// Every certificate that no longer holds (at most 100,000, newest end first).
async fn ended(state: &AppState) -> Result<Vec<EndedCertificate>, AppError> {
    app::store::verification::latest_ended(&state.pool, EndedKind::Both, 100_000).await
}

/// An open data file as CSV, offered as a download under `attachment`.
fn csv_file(name: &'static str, attachment: &'static str) -> Download<'static> {
    Download {
        name,
        extension: "csv",
        content_type: "text/csv; charset=utf-8",
        attachment: Some(attachment),
    }
}

/// An open data file as JSON, shown in the browser.
fn json_file(name: &'static str) -> Download<'static> {
    Download {
        name,
        extension: "json",
        content_type: "application/json; charset=utf-8",
        attachment: None,
    }
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable").into_response()
}

/// Made once for each version of the content (`downloads`).
pub async fn products_csv(State(state): State<AppState>, request: Request) -> Response {
    let download = csv_file("products", "ocop-products.csv");
    state
        .downloads
        .send(&state.pool, request, download, async || {
            let file = file(&state).await?;
            let headers: Vec<&str> = PRODUCT_FIELDS.iter().map(|field| field.name).collect();
            let rows = file
                .products
                .iter()
                .map(|product| product.values().into_iter().map(Cell::from).collect());
            csv(&headers, rows)
        })
        .await
}

pub async fn products_json(State(state): State<AppState>, request: Request) -> Response {
    let download = json_file("products");
    state
        .downloads
        .send(&state.pool, request, download, async || {
            serde_json::to_vec_pretty(&file(&state).await?).map_err(|_| AppError::Internal)
        })
        .await
}

pub async fn ended_csv(State(state): State<AppState>, request: Request) -> Response {
    let download = csv_file("ended-certificates", "ocop-ended-certificates.csv");
    state
        .downloads
        .send(&state.pool, request, download, async || {
            let ended = ended(&state).await?;
            let rows = ended
                .iter()
                .map(|one| one.values().into_iter().map(Cell::from).collect());
            csv(&ENDED_FIELDS, rows)
        })
        .await
}

pub async fn ended_json(State(state): State<AppState>, request: Request) -> Response {
    let download = json_file("ended-certificates");
    state
        .downloads
        .send(&state.pool, request, download, async || {
            let ended = ended(&state).await?;
            serde_json::to_vec_pretty(&ended).map_err(|_| AppError::Internal)
        })
        .await
}

/// A JSON document, readable in a browser and by any program.
pub fn json(value: &impl serde::Serialize) -> Response {
    match serde_json::to_vec_pretty(value) {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(_) => unavailable(),
    }
}
