//! Plain routes anyone may call: the monitors' health check and the language switch, and the
//! page a visitor sees when a request fails on a bug.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use app::i18n::{Lang, LANG_COOKIE};

use crate::security::is_local_path;
use crate::state::AppState;

/// For monitors: 200 when the database answers, 503 when it does not.
pub async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match app::store::answers(&state.pool).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Keeps the visitor's choice of language in a cookie, then goes back to the page they were on.
pub async fn switch_language(
    Path(code): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = params
        .get("back")
        .map(String::as_str)
        .filter(|path| is_local_path(path))
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

/// What a visitor sees if a bug stops a request: an apology and a way on, nothing internal.
pub fn friendly_error(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown");
    tracing::error!(panic = detail, "a request panicked");
    let page = "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
        <title>Đã có lỗi xảy ra</title></head>\
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
