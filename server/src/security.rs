//! Defences every response and every state-changing request gets: security headers (one
//! Content-Security-Policy for all, without a nonce: see `app::shell`), and the Origin check
//! that stops other sites from posting forms in a visitor's name.

use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// The headers every response gets, the same for all of them.
#[derive(Clone)]
pub struct Headers {
    /// The Content-Security-Policy: the inline scripts of the pages named by their hashes.
    policy: HeaderValue,
    https: bool,
}

impl Headers {
    pub fn of(state: &AppState) -> Self {
        let islands = app::islands_script(&state.leptos);
        let mut inline = vec![islands.as_str()];
        inline.extend(app::LEPTOS_INLINE_SCRIPTS);
        Self {
            policy: HeaderValue::from_str(&app::site::content_security_policy(&inline))
                .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            https: state.site.https(),
        }
    }
}

pub async fn headers(State(set): State<Headers>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, set.policy.clone());
    let mut set_if_missing = |name: HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set_if_missing(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_if_missing(header::X_FRAME_OPTIONS, "DENY");
    set_if_missing(header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set_if_missing(
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if set.https {
        set_if_missing(
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// The scheme, host and port of an address, as browsers write an Origin.
fn origin_of(url: &str) -> Option<&str> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    Some(&url[..end])
}

/// Whether a request that changes something comes from a page of this site: its Origin (or,
/// from older browsers, its Referer) is the site's public address or the host it asked for.
pub fn same_site(headers: &axum::http::HeaderMap, public_url: &str) -> bool {
    let claimed = headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .filter(|origin| *origin != "null")
        .map(str::to_owned)
        .or_else(|| {
            headers
                .get(header::REFERER)
                .and_then(|value| value.to_str().ok())
                .and_then(origin_of)
                .map(str::to_owned)
        });
    let Some(claimed) = claimed else {
        return false;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    origin_of(public_url) == Some(claimed.as_str())
        || host.is_some_and(|host| {
            claimed
                .strip_prefix("https://")
                .or_else(|| claimed.strip_prefix("http://"))
                == Some(host)
        })
}

pub async fn origin_check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || same_site(request.headers(), &state.site.public_url.0) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Yêu cầu bị từ chối: không đến từ trang của cổng OCOP.\nRequest refused: it did not come from a page of this site.",
    )
        .into_response()
}

/// Only paths on this site: never `//elsewhere` or a full address, so the link cannot be
/// used to send visitors to another site.
pub(crate) fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    fn with(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn only_this_sites_pages_may_post() {
        let site = "https://ocop.example.vn";
        assert!(same_site(
            &with(&[("origin", "https://ocop.example.vn")]),
            site
        ));
        assert!(same_site(
            &with(&[("referer", "https://ocop.example.vn/portal/products/3")]),
            site
        ));
        assert!(same_site(
            &with(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            site
        ));
        assert!(!same_site(
            &with(&[("origin", "https://evil.example")]),
            site
        ));
        assert!(!same_site(
            &with(&[("origin", "https://ocop.example.vn.evil.example")]),
            site
        ));
        assert!(!same_site(&with(&[("origin", "null")]), site));
        assert!(!same_site(&HeaderMap::new(), site));
    }

    #[test]
    fn only_local_paths_are_followed_back() {
        assert!(is_local_path("/products?q=t%E1%BB%8Fi"));
        assert!(is_local_path("/"));
        for outside in [
            "//evil.example",
            "https://evil.example",
            "evil",
            "/\\evil.example",
            "/a\nb",
        ] {
            assert!(!is_local_path(outside), "{outside}");
        }
    }
}
