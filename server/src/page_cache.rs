//! A cache of whole responses for anonymous visitors: the public pages are the same for
//! everyone who reads them in the same language, so most requests need no rendering.
//! Entries are dropped when the content changes (`content_version`, bumped by triggers on
//! every write) and after a minute at most (certificates expire with the calendar).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use sqlx::SqlitePool;

use app::i18n::{Lang, LANG_COOKIE};

const MAX_AGE: Duration = Duration::from_secs(60);
const MAX_ENTRIES: usize = 2_000;
const MAX_BODY: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct Entry {
    stored: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

type Key = (String, Lang, String);

#[derive(Default)]
struct Entries {
    version: i64,
    map: HashMap<Key, Entry>,
    /// One gate per page being rendered: when many visitors miss the same page at once, one
    /// renders it and the others wait and take the copy, instead of all rendering it.
    rendering: HashMap<Key, Arc<tokio::sync::Mutex<()>>>,
}

impl Entry {
    fn response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

#[derive(Clone)]
pub struct PageCache {
    pool: SqlitePool,
    entries: Arc<Mutex<Entries>>,
}

impl PageCache {
    pub fn new(pool: SqlitePool) -> Self {
        Self {
            pool,
            entries: Arc::default(),
        }
    }
}

/// Only a visitor without a session (no cookie but the language one) sees the shared page.
fn anonymous(headers: &HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().all(|value| {
        value.to_str().is_ok_and(|cookies| {
            cookies
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .all(|c| c.starts_with(&format!("{LANG_COOKIE}=")))
        })
    }) && !headers.contains_key(header::AUTHORIZATION)
}

fn cacheable_response(response: &Response) -> bool {
    let html_or_xml = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html") || kind.contains("xml"));
    // Pages for one person only (set-password, account pages) say so.
    let private = response
        .headers()
        .get(header::CACHE_CONTROL)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("no-store") || value.contains("private"));
    response.status() == StatusCode::OK
        && html_or_xml
        && !private
        && !response.headers().contains_key(header::SET_COOKIE)
}

pub async fn layer(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if request.method() != Method::GET
        || path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || !anonymous(request.headers())
    {
        return next.run(request).await;
    }
    let key = {
        let header_text = |name| request.headers().get(name).and_then(|v| v.to_str().ok());
        let lang = Lang::negotiate(
            header_text(header::COOKIE),
            header_text(header::ACCEPT_LANGUAGE),
        );
        (
            request.uri().to_string(),
            lang,
            header_text(header::ACCEPT_ENCODING)
                .unwrap_or("")
                .to_owned(),
        )
    };

    // A failed read of the version only means no caching for this request.
    let Ok(version) =
        sqlx::query_scalar::<_, i64>("SELECT version FROM content_version WHERE id = 1")
            .fetch_one(&cache.pool)
            .await
    else {
        return next.run(request).await;
    };
    let lookup = || match cache.entries.lock() {
        Ok(mut entries) => {
            if entries.version != version {
                entries.version = version;
                entries.map.clear();
            }
            let hit = entries
                .map
                .get(&key)
                .filter(|entry| entry.stored.elapsed() < MAX_AGE)
                .cloned();
            let gate = hit
                .is_none()
                .then(|| entries.rendering.entry(key.clone()).or_default().clone());
            (hit, gate)
        }
        // A panic elsewhere while holding the lock: serve without the cache.
        Err(_) => (None, None),
    };
    let (hit, gate) = lookup();
    if let Some(entry) = hit {
        return entry.response();
    }
    let Some(gate) = gate else {
        return next.run(request).await;
    };
    let _turn = gate.lock().await;
    // Whoever held the gate before may have just stored the page.
    if let (Some(entry), _) = lookup() {
        return entry.response();
    }

    let response = next.run(request).await;
    if let Ok(mut entries) = cache.entries.lock() {
        entries.rendering.remove(&key);
    }
    if !cacheable_response(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(mut entries) = cache.entries.lock() {
        if entries.version == version {
            if entries.map.len() >= MAX_ENTRIES {
                entries
                    .map
                    .retain(|_, entry| entry.stored.elapsed() < MAX_AGE);
                if entries.map.len() >= MAX_ENTRIES {
                    entries.map.clear();
                }
            }
            entries.map.insert(
                key,
                Entry {
                    stored: Instant::now(),
                    status: parts.status,
                    headers: parts.headers.clone(),
                    body: bytes.clone(),
                },
            );
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visitors_without_a_session_share_pages() {
        let mut headers = HeaderMap::new();
        assert!(anonymous(&headers));
        headers.insert(header::COOKIE, "lang=en".parse().unwrap());
        assert!(anonymous(&headers));
        headers.insert(header::COOKIE, "lang=en; id=abc".parse().unwrap());
        assert!(!anonymous(&headers));
    }
}
