//! Pages, server functions and plain routes, through the real router.

use std::future::IntoFuture;

use crate::common::{spawn_app, spawn_app_with_renders, DemoUser};
use axum::http::StatusCode;

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
    // A first page of the five-star products, as many as there are up to a page.
    let five_stars = app
        .scalar("SELECT count(*) FROM catalogue WHERE stars = 5")
        .await;
    assert_ne!(five_stars, 0, "the demo has five-star products");
    assert_eq!(
        cards as i64,
        five_stars.min(i64::from(app::store::catalogue::PER_PAGE))
    );
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
    assert!(page
        .items
        .iter()
        .all(|card| card.stars.map(u8::from) == Some(4)));
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
    let session = app.session_of(DemoUser::ProducerA).await;
    for (accepted, sent) in [
        ("gzip, deflate, br, zstd", Some("zstd")),
        ("zstd", Some("zstd")),
        ("br, zstd;q=0.5", Some("br")),
        ("gzip, deflate, br", Some("br")),
        ("br", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        // Rendered each time (for a signed-in account) and read from the cache.
        for cookie in [session.as_str(), ""] {
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

#[tokio::test]
async fn with_every_turn_to_render_taken_files_and_health_answer_at_once_and_a_page_is_busy() {
    let wait = std::time::Duration::from_millis(300);
    let app = spawn_app_with_renders(2, wait).await;
    // A cached copy of the home page, served without a turn.
    assert_eq!(app.get("/").await.status, StatusCode::OK);
    let _held = app.state.renders.hold_all().await.expect("every turn");
    let at_once = std::time::Duration::from_millis(200);
    for path in ["/health", "/pkg/ocop-market.css", "/media/none.jpg", "/"] {
        let reply = tokio::time::timeout(at_once, app.get(path).into_future())
            .await
            .unwrap_or_else(|_| panic!("{path} waited for a turn to render"));
        assert!(reply.status != StatusCode::SERVICE_UNAVAILABLE, "{path}");
    }
    let started = std::time::Instant::now();
    let page = app.get("/products?page=2").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.header("retry-after"), "2");
    assert!(page.body.contains("Hệ thống đang bận"), "{}", page.body);
    assert!(started.elapsed() < wait * 4, "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_cookie_of_no_session_is_served_the_shared_page() {
    let app = spawn_app().await;
    let product = app.published_product(DemoUser::ProducerA).await;
    let path = format!("/products/{}", product.slug);
    let first = app.get(&path).await;
    assert_eq!(first.status, StatusCode::OK);
    // The copy is kept: a change made behind the cache's back (the version kept as it was)
    // does not show, for a visitor with junk cookies or an ended session alike.
    let version = app.scalar("SELECT version FROM content_version").await;
    sqlx::query("UPDATE products SET description = 'Mô tả đổi ngầm' WHERE id = ?1")
        .bind(product.id)
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query("UPDATE content_version SET version = ?1")
        .bind(version)
        .execute(&app.direct)
        .await
        .unwrap();
    for cookie in ["bench=no-page-cache", "ocop_session=not-a-session; lang=vi"] {
        let reply = app.get(&path).cookie(cookie).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.body, first.body, "{cookie}");
        assert_eq!(
            reply.header("vary"),
            "accept-encoding, accept-language, cookie"
        );
    }
    // A signed-in account's page is its own, rendered now.
    let signed_in = app.as_user(DemoUser::ProducerB).await.get(&path).await;
    assert!(signed_in.body.contains("Mô tả đổi ngầm"));
}

#[tokio::test]
async fn the_open_data_and_the_sitemap_are_made_once_for_each_version_of_the_content() {
    let app = spawn_app().await;
    let csv = app.get("/data/products.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(csv
        .header("content-disposition")
        .contains("ocop-products.csv"));
    let json = app.get("/data/products.json").await;
    let sitemap = app.get("/sitemap.xml").await;
    assert!(sitemap.body.contains("<urlset"));
    let version = app.scalar("SELECT version FROM content_version").await;
    let kept = std::fs::read_dir(app.media_dir().with_file_name("cache"))
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(&format!(".{version}.")))
        .count();
    assert_eq!(kept, 9, "three files, each with its gzip and zstd copies");
    // Asked again while the content is the same version, each is sent as it was made.
    let name: String = app
        .text("SELECT name FROM products WHERE status = 'published' ORDER BY id LIMIT 1")
        .await;
    sqlx::query("UPDATE products SET name = 'Tên đổi ngầm' WHERE name = ?1")
        .bind(&name)
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query("UPDATE content_version SET version = ?1")
        .bind(version)
        .execute(&app.direct)
        .await
        .unwrap();
    for (path, before) in [
        ("/data/products.csv", &csv.body),
        ("/data/products.json", &json.body),
        ("/sitemap.xml", &sitemap.body),
    ] {
        assert_eq!(&app.get(path).await.body, before, "{path}");
    }
    // Compressed, as the copy made for it.
    let gzip = app
        .get("/data/products.csv")
        .header("accept-encoding", "gzip")
        .await;
    assert_eq!(gzip.header("content-encoding"), "gzip");
    // A new version of the content is a new file, and the old one goes.
    sqlx::query("UPDATE content_version SET version = version + 1")
        .execute(&app.direct)
        .await
        .unwrap();
    assert!(app
        .get("/data/products.csv")
        .await
        .body
        .contains("Tên đổi ngầm"));
    let files: Vec<String> = std::fs::read_dir(app.media_dir().with_file_name("cache"))
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with("products.") && name.contains(".csv"))
        .collect();
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(files
        .iter()
        .all(|name| name.contains(&format!(".{}.", version + 1))));
}
