//! A cache of whole responses for anonymous visitors: the public pages are the same for
//! everyone who reads them in the same language, so most requests need no rendering.
//! Entries are dropped when the content changes (`content_version`, bumped by triggers on
//! every write) and after a minute at most (certificates expire with the calendar). The cache
//! holds at most [`BUDGET`] bytes, the oldest entries going first.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use http_body_util::BodyExt;
use sqlx::SqlitePool;

use app::i18n::Lang;
use app::model::account::Viewer;

const MAX_AGE: Duration = Duration::from_secs(60);
/// All entries together, bodies and headers.
pub const BUDGET: usize = 16 * 1024 * 1024;
/// A larger page is served as it streams and not kept.
const MAX_BODY: usize = 2 * 1024 * 1024;

#[derive(Clone)]
struct Entry {
    stored: Instant,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Entry {
    fn size(&self) -> usize {
        self.body.len()
            + self
                .headers
                .iter()
                .map(|(name, value)| name.as_str().len() + value.len())
                .sum::<usize>()
    }

    fn response(self) -> Response {
        let mut response = Response::new(Body::from(self.body));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

/// How a response is sent, as the compression layer will choose it: the key's part for
/// Accept-Encoding, so that every spelling of the header shares one of four entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Encoding {
    Zstd,
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best of zstd, brotli and gzip the client takes: the highest q-value, and on a tie
    /// the order of the compression layer (routes.rs), zstd before brotli before gzip.
    fn accepted(headers: &HeaderMap) -> Self {
        let (mut zstd, mut br, mut gzip, mut any) = (None, None, None, None);
        for item in headers
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
        {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|param| param.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            match name.as_str() {
                "zstd" => zstd = Some(q),
                "br" => br = Some(q),
                "gzip" | "x-gzip" => gzip = Some(q),
                "*" => any = Some(q),
                _ => {}
            }
        }
        // Strictly greater: on a tie the first in this order stays.
        let mut best = (Self::Identity, 0.0);
        for (encoding, q) in [(Self::Zstd, zstd), (Self::Brotli, br), (Self::Gzip, gzip)] {
            let q = q.or(any).unwrap_or(0.0);
            if q > best.1 {
                best = (encoding, q);
            }
        }
        best.0
    }

    /// The header the compression layer below is given instead of the client's own.
    fn header(self) -> Option<HeaderValue> {
        match self {
            Self::Zstd => Some(HeaderValue::from_static("zstd")),
            Self::Brotli => Some(HeaderValue::from_static("br")),
            Self::Gzip => Some(HeaderValue::from_static("gzip")),
            Self::Identity => None,
        }
    }
}

type Key = (String, Lang, Encoding);

#[derive(Default)]
struct Entries {
    version: i64,
    map: HashMap<Key, Entry>,
    /// The bytes of all entries in `map`.
    bytes: usize,
    /// One gate per page being rendered: when many visitors miss the same page at once, one
    /// renders it and the others wait and take the copy, instead of all rendering it.
    rendering: HashMap<Key, Arc<tokio::sync::Mutex<()>>>,
}

impl Entries {
    fn clear(&mut self) {
        self.map.clear();
        self.bytes = 0;
    }

    fn insert(&mut self, key: Key, entry: Entry, budget: usize) {
        let size = entry.size();
        if size > budget {
            return;
        }
        if let Some(old) = self.map.remove(&key) {
            self.bytes -= old.size();
        }
        if self.bytes + size > budget {
            self.map.retain(|_, entry| entry.stored.elapsed() < MAX_AGE);
            self.bytes = self.map.values().map(Entry::size).sum();
        }
        if self.bytes + size > budget {
            let mut by_age: Vec<(Instant, Key)> = self
                .map
                .iter()
                .map(|(key, entry)| (entry.stored, key.clone()))
                .collect();
            by_age.sort_by_key(|(stored, _)| *stored);
            for (_, oldest) in by_age {
                if self.bytes + size <= budget {
                    break;
                }
                if let Some(gone) = self.map.remove(&oldest) {
                    self.bytes -= gone.size();
                }
            }
        }
        self.bytes += size;
        self.map.insert(key, entry);
    }
}

#[derive(Clone)]
pub struct PageCache {
    pool: SqlitePool,
    budget: usize,
    entries: Arc<Mutex<Entries>>,
}

impl PageCache {
    pub fn new(pool: SqlitePool) -> Self {
        Self::with_budget(pool, BUDGET)
    }

    pub fn with_budget(pool: SqlitePool, budget: usize) -> Self {
        Self {
            pool,
            budget,
            entries: Arc::default(),
        }
    }
}

/// Takes a page out of the pages being rendered when its render ends, however it ends: a
/// visitor who disconnects mid-render drops the render, and with it this guard.
struct Rendering<'a> {
    entries: &'a Mutex<Entries>,
    key: &'a Key,
}

impl Drop for Rendering<'_> {
    fn drop(&mut self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.rendering.remove(self.key);
        }
    }
}

/// Only a visitor without a session sees the shared page: as the session layer (outside this
/// one) resolved it, whatever cookies the request carries. Pages differ by language, which
/// the key holds.
fn anonymous(request: &Request) -> bool {
    request.extensions().get::<Viewer>().is_none()
        && !request.headers().contains_key(header::AUTHORIZATION)
}

/// A page for visitors without a session is the same for everyone who sends the same cookies
/// and languages: a shared cache in front (a CDN) must keep one copy for each.
fn vary(response: &mut Response) {
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|kind| kind.starts_with("text/html"));
    if html {
        // One header: the compression layer's `accept-encoding`, and these.
        let before: Vec<String> = response
            .headers()
            .get_all(header::VARY)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .map(str::to_owned)
            .collect();
        let all = before
            .into_iter()
            .chain(["accept-language, cookie".to_owned()])
            .collect::<Vec<_>>()
            .join(", ");
        if let Ok(value) = HeaderValue::from_str(&all) {
            response.headers_mut().insert(header::VARY, value);
        }
    }
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

/// The whole body if it is at most `limit` bytes; otherwise a body that gives what was read
/// so far and then the rest, so the visitor still gets every byte.
async fn collect_at_most(body: Body, limit: usize) -> Result<Bytes, Body> {
    let mut body = body;
    let mut read: Vec<Bytes> = Vec::new();
    let mut size = 0;
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            // The render failed midway: nothing to keep, and nothing more to send.
            return Err(Body::from_stream(futures_util::stream::iter(
                read.into_iter().map(Ok::<_, std::io::Error>),
            )));
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        size += data.len();
        read.push(data);
        if size > limit {
            let head = futures_util::stream::iter(read.into_iter().map(Ok));
            return Err(Body::from_stream(head.chain(body.into_data_stream())));
        }
    }
    Ok(read.concat().into())
}

pub async fn layer(State(cache): State<PageCache>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if request.method() != Method::GET
        || path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/media/")
        || !anonymous(&request)
    {
        return next.run(request).await;
    }
    let encoding = Encoding::accepted(request.headers());
    // The layers below see the encoding the key says, whatever the client wrote.
    request.headers_mut().remove(header::ACCEPT_ENCODING);
    if let Some(value) = encoding.header() {
        request.headers_mut().insert(header::ACCEPT_ENCODING, value);
    }
    let key: Key = {
        (
            request.uri().to_string(),
            Lang::of_headers(request.headers()),
            encoding,
        )
    };

    // A failed read of the version only means no caching for this request.
    let Ok(version) = app::store::content::version(&cache.pool).await else {
        let mut response = next.run(request).await;
        vary(&mut response);
        return response;
    };
    let lookup = || match cache.entries.lock() {
        Ok(mut entries) => {
            if entries.version != version {
                entries.version = version;
                entries.clear();
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
        let mut response = next.run(request).await;
        vary(&mut response);
        return response;
    };
    let _turn = gate.lock().await;
    // Whoever held the gate before may have just stored the page.
    if let (Some(entry), _) = lookup() {
        return entry.response();
    }

    let rendering = Rendering {
        entries: &cache.entries,
        key: &key,
    };
    let mut response = next.run(request).await;
    drop(rendering);
    vary(&mut response);
    if !cacheable_response(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = match collect_at_most(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(whole) => return Response::from_parts(parts, whole),
    };
    if let Ok(mut entries) = cache.entries.lock() {
        if entries.version == version {
            let entry = Entry {
                stored: Instant::now(),
                status: parts.status,
                headers: parts.headers.clone(),
                body: bytes.clone(),
            };
            entries.insert(key, entry, cache.budget);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    #[test]
    fn only_visitors_without_a_session_share_pages_whatever_their_cookies() {
        let request = |cookie: &str| {
            Request::get("/")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap()
        };
        assert!(anonymous(&request("lang=en")));
        assert!(anonymous(&request(
            "lang=en; id=abc; ocop_session=not-a-session"
        )));
        let mut signed_in = request("ocop_session=abc");
        signed_in.extensions_mut().insert(Viewer {
            user_id: app::model::ids::UserId(1),
            display_name: "Cán bộ".into(),
            role: app::model::account::Role::Staff,
            producer_id: None,
            waiting: 0,
        });
        assert!(!anonymous(&signed_in));
    }

    #[test]
    fn every_spelling_of_accept_encoding_is_one_of_four() {
        let of = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, value.parse().unwrap());
            Encoding::accepted(&headers)
        };
        assert_eq!(of("gzip, deflate, br, zstd"), Encoding::Zstd);
        assert_eq!(of("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(of("zstd;q=0.5, br"), Encoding::Brotli);
        assert_eq!(of("br;q=1.0, gzip;q=0.8, *;q=0.1"), Encoding::Brotli);
        assert_eq!(of("GZIP"), Encoding::Gzip);
        assert_eq!(of("gzip;q=1, br;q=0.5"), Encoding::Gzip);
        assert_eq!(of("deflate"), Encoding::Identity);
        assert_eq!(of("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(of("*"), Encoding::Zstd);
        assert_eq!(of("*, zstd;q=0"), Encoding::Brotli);
        assert_eq!(of("nonsense;;;q=x, , ,"), Encoding::Identity);
        assert_eq!(Encoding::accepted(&HeaderMap::new()), Encoding::Identity);
    }

    async fn cache_over(router: Router, budget: usize) -> (Router, PageCache, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let db = app::store::open(&dir.path().join("ocop.db")).await.unwrap();
        let cache = PageCache::with_budget(db.read, budget);
        let router = router.layer(axum::middleware::from_fn_with_state(cache.clone(), layer));
        (router, cache, dir)
    }

    fn html(size: usize) -> Response {
        let mut response = Response::new(Body::from(vec![b'x'; size]));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        response
    }

    async fn body_of(router: &Router, path: &str) -> Bytes {
        let response = router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_render_the_visitor_left_leaves_nothing_behind() {
        let slow = Router::new().route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                html(10)
            }),
        );
        let (router, cache, _dir) = cache_over(slow, BUDGET).await;
        let request = Request::get("/slow").body(Body::empty()).unwrap();
        let gone = tokio::time::timeout(Duration::from_millis(100), router.oneshot(request)).await;
        assert!(gone.is_err(), "the visitor left before the page was ready");
        assert!(cache.entries.lock().unwrap().rendering.is_empty());
    }

    #[tokio::test]
    async fn many_pages_stay_within_the_byte_budget() {
        let pages = Router::new().route("/page/{n}", get(|| async { html(100_000) }));
        let budget = 1_000_000;
        let (router, cache, _dir) = cache_over(pages, budget).await;
        for n in 0..50 {
            assert_eq!(body_of(&router, &format!("/page/{n}")).await.len(), 100_000);
            let entries = cache.entries.lock().unwrap();
            assert!(entries.bytes <= budget, "after {n}: {}", entries.bytes);
            assert_eq!(
                entries.bytes,
                entries.map.values().map(Entry::size).sum::<usize>()
            );
        }
        let entries = cache.entries.lock().unwrap();
        assert!(entries.map.len() >= 8, "the budget is used, not emptied");
        assert!(
            entries.map.keys().any(|(path, _, _)| path == "/page/49"),
            "the newest pages stay"
        );
    }

    #[tokio::test]
    async fn a_page_too_large_to_keep_is_served_whole() {
        let large = Router::new().route("/large", get(|| async { html(MAX_BODY * 2 + 7) }));
        let (router, cache, _dir) = cache_over(large, BUDGET).await;
        assert_eq!(body_of(&router, "/large").await.len(), MAX_BODY * 2 + 7);
        assert!(cache.entries.lock().unwrap().map.is_empty());
    }

    #[tokio::test]
    async fn spellings_of_one_encoding_share_one_entry() {
        let page = Router::new().route("/p", get(|| async { html(10) }));
        let (router, cache, _dir) = cache_over(page, BUDGET).await;
        for spelling in [
            "gzip, br",
            "br, gzip",
            "br;q=1.0, gzip;q=0.5",
            "deflate, br",
        ] {
            let request = Request::get("/p")
                .header(header::ACCEPT_ENCODING, spelling)
                .body(Body::empty())
                .unwrap();
            router.clone().oneshot(request).await.unwrap();
        }
        assert_eq!(cache.entries.lock().unwrap().map.len(), 1);
    }
}
