//! The HTTP surface: Leptos pages and server functions, static files, and plain routes.

use std::collections::HashMap;

use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::limits::{self, BodyLimit};
use crate::page_cache::PageCache;
use crate::state::AppState;

use app::i18n::{Lang, LANG_COOKIE};
use app::{shell, App};

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let provide_context_of_request = {
        let state = state.clone();
        move || provide_request_context(&state)
    };
    let uploads = crate::portal::upload_routes(&state).layer(axum::middleware::from_fn_with_state(
        BodyLimit(limits::UPLOAD_FORM_BYTES),
        limits::layer,
    ));
    Router::new()
        .route("/health", get(health))
        .route("/lang/{code}", get(switch_language))
        .route("/feed.xml", get(crate::feeds::atom))
        .route("/sitemap.xml", get(crate::feeds::sitemap))
        .route("/sitemaps/{part}", get(crate::feeds::sitemap_part))
        .route("/robots.txt", get(crate::feeds::robots))
        .route("/stats/{file}", get(crate::feeds::stats_csv))
        .route("/login", post(crate::account::sign_in))
        .route("/logout", post(crate::account::sign_out))
        .route("/account", post(crate::account::change_password))
        .route(
            "/account/sign-out-everywhere",
            post(crate::account::sign_out_everywhere),
        )
        .route(
            "/set-password/{secret}",
            post(crate::account::set_password_with_link),
        )
        .merge(crate::portal::routes())
        .merge(crate::admin::routes())
        .leptos_routes_with_context(&state, routes, provide_context_of_request.clone(), {
            let leptos = state.leptos.clone();
            move || shell(leptos.clone())
        })
        .nest_service("/pkg", immutable_files(&state))
        .nest_service("/media", media_files(&state))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_context_of_request, shell))
        // Everything above, server functions included, reads at most FORM_BYTES.
        .layer(axum::middleware::from_fn_with_state(
            BodyLimit(limits::FORM_BYTES),
            limits::layer,
        ))
        .merge(uploads)
        .with_state(state.clone())
        // The limits above govern; the extractors' own default (2 MB) would cut photos.
        .layer(DefaultBodyLimit::disable())
        .layer(CatchPanicLayer::custom(friendly_error))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::session::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::origin_check,
        ))
        // Compression inside the cache: the cache keeps what was sent, compressed.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            PageCache::new(state.pool.clone()),
            crate::page_cache::layer,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::security::headers,
        ))
}

/// What pages and server functions find in their context: the database and the site.
pub fn provide_request_context(state: &AppState) {
    provide_context(app::store::Db {
        read: state.pool.clone(),
        write: state.writer.clone(),
    });
    provide_context(state.site.clone());
}

/// The built files under /pkg are content-addressed (see scripts/build-site.sh): cached
/// forever, and sent precompressed when the browser takes brotli or gzip.
fn immutable_files(state: &AppState) -> Router {
    let dir = std::path::Path::new(state.leptos.site_root.as_ref())
        .join(state.leptos.site_pkg_dir.as_ref());
    Router::new().fallback_service(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .service(ServeDir::new(dir).precompressed_br().precompressed_gzip()),
    )
}

/// What a visitor sees if a bug stops a request: an apology and a way on, nothing internal.
fn friendly_error(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = detail, "a request panicked");
    let page = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>Đã có lỗi xảy ra · OCOP Quảng Bình</title></head>\
        <body style=\"font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5\">\
        <h1>Đã có lỗi xảy ra</h1><p>Xin lỗi, trang này tạm thời không hiển thị được. Vui lòng thử lại sau ít phút.</p>\
        <p lang=\"en\">Sorry, something went wrong on our side. Please try again in a few minutes.</p>\
        <p><a href=\"/\">Về trang chủ · Home</a></p></body></html>";
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// Uploaded images, content-addressed too: cached forever.
fn media_files(state: &AppState) -> Router {
    Router::new().fallback_service(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .service(ServeDir::new(&state.media_dir)),
    )
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

/// Keeps the visitor's choice of language in a cookie, then goes back to the page they were on.
async fn switch_language(
    Path(code): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = params
        .get("back")
        .map(String::as_str)
        .filter(|path| crate::security::is_local_path(path))
        .unwrap_or("/");
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, back.to_owned()),
            (
                header::SET_COOKIE,
                format!(
                    "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    lang.code()
                ),
            ),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod error_page_tests {
    use super::friendly_error;

    #[tokio::test]
    async fn a_panic_becomes_a_friendly_page_that_reveals_nothing() {
        let response = friendly_error(Box::new(
            "index out of bounds in store/catalogue.rs".to_owned(),
        ));
        assert_eq!(response.status(), 500);
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("Đã có lỗi xảy ra"));
        assert!(!text.contains("catalogue.rs"));
    }
}
