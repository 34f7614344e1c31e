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

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use app::error::AppError;

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
    let lang = crate::forms::lang_of_headers(request.headers());
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
            crate::forms::error_page(lang, &error)
        }
    }
}
