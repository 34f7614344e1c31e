//! Who is asking: resolves the session cookie to the signed-in account for every request,
//! and keeps pages shown to an account out of shared caches.

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use app::model::account::Viewer;
use app::store::sessions;

use crate::state::AppState;

pub const SESSION_COOKIE: &str = "ocop_session";

/// The secret of the request's live session, for signing out and changing passwords.
#[derive(Clone)]
pub struct SessionSecret(pub String);

pub fn cookie_value(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| app::site::cookie(header, name).map(str::to_owned))
}

/// The Set-Cookie value that starts a session: HttpOnly so scripts cannot read it, SameSite=Lax
/// so other sites cannot post with it, Secure over HTTPS. It lives as long as the session may.
pub fn start_cookie(secret: &str, state: &AppState) -> HeaderValue {
    let secure = if state.site.https() { "; Secure" } else { "" };
    let max_age = u64::from(state.sessions.lifetime_hours) * 3600;
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={secret}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn end_cookie(state: &AppState) -> HeaderValue {
    let secure = if state.site.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    // Built files and photos are the same for everyone: no session lookup for them.
    let path = request.uri().path();
    if path.starts_with("/pkg/") || path.starts_with("/media/") {
        return next.run(request).await;
    }
    let secret = cookie_value(request.headers(), SESSION_COOKIE);
    let mut signed_in = false;
    // An unknown, ended or unreadable session (the error is logged) is no session at all.
    if let Some(secret) = secret {
        if let Ok(Some((viewer, stale))) =
            sessions::viewer(&state.pool, &secret, state.sessions).await
        {
            if stale {
                // Renewed at most once a minute: a write per request would serialise readers.
                let _ = sessions::touch(&state.writer, &secret).await;
            }
            request.extensions_mut().insert::<Viewer>(viewer);
            request.extensions_mut().insert(SessionSecret(secret));
            signed_in = true;
        }
    }
    let mut response = next.run(request).await;
    if signed_in {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}
