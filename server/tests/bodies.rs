//! Request bodies are bounded: a body over its route's limit is refused with 413 and a message
//! in the visitor's language, quickly, having read no more than the limit, and nothing is kept.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::{spawn_app, DemoUser, TestApp, SITE};
use axum::body::{Body, Bytes};
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

const TEN_MB: usize = 10 * 1024 * 1024;
const CHUNK: usize = 16 * 1024;

/// A body of `size` bytes that is made only as the server reads it, counting what it read.
fn streamed(size: usize, read: Arc<AtomicUsize>) -> Body {
    let chunks = (0..size.div_ceil(CHUNK)).map(move |_| {
        read.fetch_add(CHUNK, Ordering::Relaxed);
        Ok::<_, std::io::Error>(Bytes::from(vec![b'a'; CHUNK]))
    });
    Body::from_stream(futures_util::stream::iter(chunks))
}

struct Refusal {
    status: StatusCode,
    body: String,
    read: usize,
    took: Duration,
}

/// Posts `size` bytes to `path` as a form, streamed (chunked) or with its length declared.
async fn post_large(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    accept: &str,
    size: usize,
    declared: bool,
) -> Refusal {
    let read = Arc::new(AtomicUsize::new(0));
    let mut request = Request::post(path)
        .header(header::ORIGIN, SITE)
        .header(header::ACCEPT, accept)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("accept-language", "vi");
    if declared {
        request = request.header(header::CONTENT_LENGTH, size);
    }
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let started = Instant::now();
    let response = app
        .router
        .clone()
        .oneshot(request.body(streamed(size, read.clone())).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    Refusal {
        status,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        read: read.load(Ordering::Relaxed),
        took: started.elapsed(),
    }
}

#[tokio::test]
async fn ten_megabytes_to_any_form_are_refused_quickly_having_read_only_the_limit() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let inquiry: i64 = sqlx::query_scalar("SELECT min(id) FROM inquiries")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let before = app.snapshot().await;
    let limit = server::limits::FORM_BYTES;
    for (path, cookie, accept) in [
        ("/api/inquiry", None, "application/json"),
        ("/products/nuoc-mam-chay-son-loc/inquiry", None, "text/html"),
        ("/login", None, "text/html"),
        (
            &format!("/portal/inquiries/{inquiry}") as &str,
            Some(producer.as_str()),
            "text/html",
        ),
    ] {
        for declared in [false, true] {
            let refused = post_large(&app, path, cookie, accept, TEN_MB, declared).await;
            let what = format!("{path} ({accept}, length declared: {declared})");
            assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE, "{what}");
            assert!(
                refused.read <= limit + CHUNK,
                "{what}: read {} bytes",
                refused.read
            );
            if declared {
                assert_eq!(refused.read, 0, "{what}: a declared length is enough");
            }
            assert!(
                refused.took < Duration::from_secs(2),
                "{what}: {:?}",
                refused.took
            );
            assert!(
                refused.body.contains("Nội dung gửi lên quá lớn")
                    || refused.body.contains("TooLarge"),
                "{what}: {}",
                refused.body
            );
        }
    }
    assert_eq!(app.snapshot().await, before, "nothing was kept");
}

#[tokio::test]
async fn photo_forms_take_a_photo_but_not_much_more() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let before = app.snapshot().await;
    let limit = server::limits::UPLOAD_FORM_BYTES;
    for declared in [false, true] {
        let refused = post_large(
            &app,
            "/portal/products/new",
            Some(&producer),
            "text/html",
            2 * TEN_MB,
            declared,
        )
        .await;
        assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(refused.read <= limit + CHUNK, "read {} bytes", refused.read);
    }
    assert_eq!(app.snapshot().await, before);
    // A form of ordinary size still goes through on the photo routes.
    let saved = app
        .post("/portal/products/new")
        .cookie(&producer)
        .form(&[("name", "Mắm ruốc Sơn Lộc"), ("set_id", "1")])
        .await;
    assert_eq!(saved.status, 303);
}
