//! The HTTP surface: Leptos pages and server functions, static files, and plain routes.

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sqlx::SqlitePool;

use app::{shell, App};

#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub pool: SqlitePool,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let provide_pool = {
        let pool = state.pool.clone();
        move || provide_context(pool.clone())
    };
    Router::new()
        .route("/health", get(health))
        .leptos_routes_with_context(&state, routes, provide_pool.clone(), {
            let leptos = state.leptos.clone();
            move || shell(leptos.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_pool, shell))
        .with_state(state)
}

/// For monitors: 200 when the database answers, 503 when it does not.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
