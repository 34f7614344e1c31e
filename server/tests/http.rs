//! Pages, server functions and plain routes, through the real router.

mod common;

use axum::http::StatusCode;
use common::spawn_app;

#[tokio::test]
async fn health_answers_ok() {
    let app = spawn_app().await;
    let reply = app.get("/health").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "ok");
}

#[tokio::test]
async fn the_home_page_is_rendered_in_full_on_the_server() {
    let app = spawn_app().await;
    let reply = app.get("/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("<html lang=\"vi\""));
    assert!(reply.body.contains("Sản phẩm OCOP còn hiệu lực chứng nhận"));
    assert_eq!(reply.body.matches("class=\"product-card\"").count(), 12);
    assert!(reply.body.contains("\u{a0}₫"), "prices in VND");
    // The island that the browser hydrates is in the page, not yet hydrated.
    assert!(reply.body.contains("data-hydrated=\"false\""));
    // Its loader names the WASM, to fetch when the island comes near the screen; nothing
    // preloads it.
    assert!(reply.body.contains(".wasm\");"));
    assert!(!reply.body.contains("rel=\"preload\""));
}

#[tokio::test]
async fn the_home_page_filters_by_star_from_the_address() {
    let app = spawn_app().await;
    let reply = app.get("/?star=5").await;
    assert_eq!(reply.status, StatusCode::OK);
    let cards = reply.body.matches("class=\"product-card\"").count();
    assert!(cards > 0);
    assert_eq!(reply.body.matches("star-badge star-5").count(), cards);
}

#[tokio::test]
async fn a_bad_filter_gets_a_clear_message_not_a_crash() {
    let app = spawn_app().await;
    for uri in ["/?star=9", "/?star=abc", "/?page=0", "/?page=99999999999"] {
        let reply = app.get(uri).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
        assert!(
            reply.body.contains("Hạng sao phải là 3, 4 hoặc 5.")
                || reply.body.contains("Số trang không hợp lệ."),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn unknown_pages_answer_404() {
    let app = spawn_app().await;
    let reply = app.get("/khong-co-trang-nay").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.body.contains("Không tìm thấy trang"));
}

#[tokio::test]
async fn the_certified_products_function_pages_and_filters() {
    let app = spawn_app().await;
    let reply = app
        .post("/api/certified-products")
        .json()
        .form(&[("star", "4"), ("page", "1")])
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let page: app::model::page::Page<app::model::product::ProductCard> =
        serde_json::from_str(&reply.body).unwrap();
    assert!(!page.items.is_empty());
    assert!(page.items.iter().all(|card| card.stars == Some(4)));
    assert!(page.items.len() <= 12);

    let all = app
        .post("/api/certified-products")
        .json()
        .form(&[("page", "1")])
        .await;
    let first: app::model::page::Page<app::model::product::ProductCard> =
        serde_json::from_str(&all.body).unwrap();
    let second_reply = app
        .post("/api/certified-products")
        .json()
        .form(&[("page", "2")])
        .await;
    let second: app::model::page::Page<app::model::product::ProductCard> =
        serde_json::from_str(&second_reply.body).unwrap();
    assert_eq!(first.total, second.total);
    assert!(
        first.items.iter().all(|card| !second.items.contains(card)),
        "pages do not overlap"
    );
}

#[tokio::test]
async fn the_certified_products_function_refuses_bad_input() {
    let app = spawn_app().await;
    for (form, field) in [
        (&[("star", "2"), ("page", "1")][..], "star"),
        (&[("star", "6"), ("page", "1")], "star"),
        (&[("page", "0")], "page"),
    ] {
        let reply = app.post("/api/certified-products").json().form(form).await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}: {}",
            reply.body
        );
        let error: app::error::AppError = serde_json::from_str(&reply.body).unwrap();
        assert!(
            matches!(error, app::error::AppError::Invalid(ref errors) if errors[0].field == field),
            "{form:?}"
        );
    }
    let garbled = app
        .post("/api/certified-products")
        .json()
        .form(&[("star", "bốn"), ("page", "x")])
        .await;
    assert!(garbled.status.is_client_error(), "{}", garbled.status);
}

#[tokio::test]
async fn cached_pages_follow_every_write() {
    let app = spawn_app().await;
    let before = app.get("/products/dua-go-quang-thuy").await.body;
    assert!(before.contains("<h1>Đũa gỗ Quảng Thủy</h1>"));
    assert_eq!(
        app.get("/products/dua-go-quang-thuy").await.body,
        before,
        "served again from the cache"
    );
    sqlx::query(
        "UPDATE products SET name = 'Đũa gỗ nghiến Quảng Thủy' WHERE slug = 'dua-go-quang-thuy'",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    let after = app.get("/products/dua-go-quang-thuy").await.body;
    assert!(after.contains("<h1>Đũa gỗ nghiến Quảng Thủy</h1>"));
}

#[tokio::test]
async fn pages_are_sent_with_zstd_or_brotli_to_browsers_and_gzip_to_the_clients_without_them() {
    let app = spawn_app().await;
    for (accepted, sent) in [
        ("gzip, deflate, br, zstd", Some("zstd")),
        ("zstd", Some("zstd")),
        ("br, zstd;q=0.5", Some("br")),
        ("gzip, deflate, br", Some("br")),
        ("br", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        // Rendered each time (a cookie bypasses the page cache) and read from the cache.
        for cookie in ["bench=no-page-cache", ""] {
            let reply = app
                .get("/products")
                .header("accept-encoding", accepted)
                .cookie_if((!cookie.is_empty()).then_some(cookie))
                .response()
                .await;
            assert_eq!(reply.status(), StatusCode::OK);
            let encoding = reply.headers().get("content-encoding");
            assert_eq!(
                encoding.and_then(|value| value.to_str().ok()),
                sent,
                "{accepted} {cookie}"
            );
            assert_eq!(
                reply.headers().get_all("vary").iter().count(),
                1,
                "{accepted}"
            );
            if sent == Some("zstd") {
                let body = axum::body::to_bytes(reply.into_body(), 1 << 20)
                    .await
                    .unwrap();
                let page = String::from_utf8(zstd::decode_all(&body[..]).unwrap()).unwrap();
                assert!(
                    page.contains("<h1>Sản phẩm OCOP</h1>"),
                    "{accepted} {cookie}"
                );
            }
        }
    }
}
