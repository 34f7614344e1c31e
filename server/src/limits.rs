//! Bounded request bodies. Every route reads at most [`FORM_BYTES`]; the forms that carry a
//! photo at most [`UPLOAD_FORM_BYTES`]. A body over its route's limit is refused with 413 and
//! a message in the visitor's language, and nothing is stored: no handler acts before it has
//! read its whole body.
//!
//! This is tower-http's `RequestBodyLimitLayer` with one difference: that layer answers a
//! declared length with a bare 413 and leaves a streamed (chunked) body to fail inside each
//! handler's reader, which here would be a 400 "unreadable form" or a server function's
//! decoding error. Both cases end in the same answer here. The stream itself is cut by
//! `http_body_util::Limited`, so a client sending 400 MB costs the server 64 KiB.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use app::error::{error_page, AppError};
use app::i18n::Lang;

/// Enough for any form without a file: the longest, a listing, is a few KB.
pub const FORM_BYTES: usize = 64 * 1024;
/// A photo form: the largest photo kept, and as much again, so that a photo straight from a
/// phone's camera that is too large is refused next to its field, with the rest of the form
/// kept, rather than with this page.
pub const UPLOAD_FORM_BYTES: usize = 2 * crate::images::MAX_UPLOAD_BYTES;

#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

pub async fn layer(
    State(BodyLimit(limit)): State<BodyLimit>,
    request: Request,
    next: Next,
) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(&request);
    }
    let tripped = Arc::new(AtomicBool::new(false));
    let (parts, body) = request.into_parts();
    let seen = tripped.clone();
    let body = Body::from_stream(Limited::new(body, limit).into_data_stream().inspect_err(
        move |error| {
            if error.is::<LengthLimitError>() {
                seen.store(true, Ordering::Relaxed);
            }
        },
    ));
    let request = Request::from_parts(parts, body);
    let head = too_large_answer(&request);
    let response = next.run(request).await;
    if tripped.load(Ordering::Relaxed) {
        tracing::warn!(limit, "refused a request body over its limit");
        return head();
    }
    response
}

fn too_large(request: &Request) -> Response {
    too_large_answer(request)()
}

/// The 413 for this request: for a server function the error it decodes, for a page a short
/// page in the visitor's language. Prepared from the request's head before the body is read.
fn too_large_answer(request: &Request) -> impl FnOnce() -> Response {
    let lang = Lang::of_headers(request.headers());
    let wants_json = request.uri().path().starts_with("/api/")
        && !request
            .headers()
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
    move || {
        let error = AppError::TooLarge;
        if wants_json {
            let body = serde_json::to_string(&error).unwrap_or_default();
            (
                StatusCode::PAYLOAD_TOO_LARGE,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        } else {
            error_page(lang, &error)
        }
    }
}

/// Pages rendered at once: two per core. Past that a page waits for its turn, in order of
/// arrival, before it starts, rather than every request starting at once and all of them
/// sharing the cores, the four reader connections and memory. Only the Leptos pages take
/// turns, and the server functions read with GET (the catalogue an island loads more of): the
/// layer is on their routes alone. Pages from the page cache (outside), built files, photos,
/// downloads, feeds, `/health` and form posts never wait behind them. A page
/// that has not had its turn within [`Renders::wait`] is answered 503 with `Retry-After`, so a
/// flood of renders makes a queue that drains, not one that grows without end.
///
/// Measured at 10,000 products, release build with jemalloc, two runs each: after 200
/// connections rendering `/products` the peak memory was 58 and 61 MB, against 84 and 88 MB
/// without the turns, for as many pages a second under 32 connections (`/products` 1,167 and
/// 1,191 against 1,197 and 1,267; a search 369 and 371 against 335 and 337). One turn per core
/// serves fewer (`/products` 920 a second with mimalloc, against 1,200 at two): a render waits
/// on the reader threads, and another render uses the core meanwhile.
#[derive(Clone)]
pub struct Renders {
    turns: Arc<tokio::sync::Semaphore>,
    /// The longest a page waits for its turn.
    wait: Duration,
}

/// How long a page may wait for a turn: a render takes a few milliseconds, so this is a queue
/// of thousands, far past what a visitor would wait for anyway.
pub const RENDER_WAIT: Duration = Duration::from_secs(5);

impl Renders {
    pub fn per_core() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        Self::new(2 * cores, RENDER_WAIT)
    }

    pub fn new(turns: usize, wait: Duration) -> Self {
        Self {
            turns: Arc::new(tokio::sync::Semaphore::new(turns)),
            wait,
        }
    }

    /// Every turn, held until the guard is dropped: for tests of what waits and what does not.
    pub async fn hold_all(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        let all = u32::try_from(self.turns.available_permits()).ok()?;
        self.turns.clone().acquire_many_owned(all).await.ok()
    }
}

pub async fn renders(State(renders): State<Renders>, request: Request, next: Next) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    match tokio::time::timeout(renders.wait, renders.turns.acquire()).await {
        Ok(Ok(_turn)) => next.run(request).await,
        // Waited too long (or, never, the semaphore closed).
        _ => {
            tracing::warn!(path = %request.uri().path(), "no turn to render within the bound: answered 503");
            error_page(Lang::of_headers(request.headers()), &AppError::Busy)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    use super::*;

    fn app(turns: &Renders) -> Router {
        Router::new()
            .route("/", get(|| async { "page" }).post(|| async { "sent" }))
            .layer(axum::middleware::from_fn_with_state(turns.clone(), renders))
    }

    fn request(method: Method) -> Request {
        Request::builder()
            .method(method)
            .uri("/")
            .body(Body::empty())
            .unwrap()
    }

    #[tokio::test]
    async fn a_page_waits_for_a_turn_to_render_and_a_form_post_does_not() {
        let turns = Renders::new(1, Duration::from_secs(60));
        let taken = turns.hold_all().await.unwrap();

        let waiting = tokio::spawn(app(&turns).oneshot(request(Method::GET)));
        let posted = app(&turns).oneshot(request(Method::POST)).await.unwrap();
        assert_eq!(posted.status(), StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(
            !waiting.is_finished(),
            "the page waits while every turn is taken"
        );

        drop(taken);
        let page = tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("the page renders once a turn is free")
            .unwrap()
            .unwrap();
        assert_eq!(page.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_page_without_a_turn_within_the_bound_is_answered_busy() {
        let turns = Renders::new(2, Duration::from_millis(100));
        let _taken = turns.hold_all().await.unwrap();
        let started = std::time::Instant::now();
        let page = app(&turns).oneshot(request(Method::GET)).await.unwrap();
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(page.headers()[header::RETRY_AFTER], "2");
        assert!(started.elapsed() < Duration::from_secs(2));
    }
}
