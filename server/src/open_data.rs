//! Open data for anyone: the certified products as CSV (UTF-8, a header row) and JSON, with
//! the fields `/data` documents (`app::model::open_data`).

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use app::model::open_data::{ProductsFile, PRODUCT_FIELDS};

use crate::exports::{csv, csv_download, Cell};
use crate::state::AppState;

async fn file(state: &AppState) -> Option<ProductsFile> {
    app::store::open_data::products_file(&state.pool, &state.site.public_url.0)
        .await
        .ok()
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable").into_response()
}

pub async fn products_csv(State(state): State<AppState>) -> Response {
    let Some(file) = file(&state).await else {
        return unavailable();
    };
    let headers: Vec<&str> = PRODUCT_FIELDS.iter().map(|field| field.name).collect();
    let rows = file
        .products
        .iter()
        .map(|product| product.values().into_iter().map(Cell::from).collect());
    match csv(&headers, rows) {
        Ok(bytes) => csv_download("ocop-products.csv", bytes),
        Err(_) => unavailable(),
    }
}

pub async fn products_json(State(state): State<AppState>) -> Response {
    let Some(file) = file(&state).await else {
        return unavailable();
    };
    json(&file)
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
