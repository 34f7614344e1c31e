//! The public catalogue: Vietnamese search, facets, pages, product pages and old addresses.

mod common;

use axum::http::StatusCode;
use common::{spawn_app, TestApp};

/// The product names of a catalogue or product page, in order.
fn names(html: &str) -> Vec<String> {
    html.split("<h3><a href=\"/products/")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("\">")
                .and_then(|(_, after)| after.split_once('<'))
                .map(|(name, _)| name.to_owned())
        })
        .collect()
}

fn found(html: &str) -> u64 {
    let marker = "results-count\">Tìm thấy ";
    let start = html.find(marker).expect("result count") + marker.len();
    html[start..]
        .split(' ')
        .next()
        .unwrap()
        .replace('.', "")
        .parse()
        .unwrap()
}

async fn catalogue(app: &TestApp, query: &str) -> String {
    let reply = app.get(&format!("/products{query}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{query}");
    reply.body
}

#[tokio::test]
async fn search_folds_vietnamese_marks_and_case() {
    let app = spawn_app().await;
    for query in [
        "?q=nuoc+mam",
        "?q=N%C6%B0%E1%BB%9Bc+m%E1%BA%AFm",
        "?q=NUOC+MAM",
    ] {
        let body = catalogue(&app, query).await;
        let first = names(&body);
        assert!(
            first
                .first()
                .is_some_and(|name| name.starts_with("Nước mắm")),
            "{query}: {first:?}"
        );
    }
    for query in ["?q=dua+go", "?q=DUA+GO", "?q=%C4%91%C5%A9a+g%E1%BB%97"] {
        let body = catalogue(&app, query).await;
        assert_eq!(
            names(&body).first().map(String::as_str),
            Some("Đũa gỗ Quảng Thủy"),
            "{query}"
        );
    }
    // A prefix finds the word being typed.
    let body = catalogue(&app, "?q=toi+de").await;
    assert!(names(&body).iter().any(|name| name.starts_with("Tỏi đen")));
}

#[tokio::test]
async fn name_matches_rank_above_description_and_producer_matches() {
    let app = spawn_app().await;
    let body = catalogue(&app, "?q=nam").await;
    let list = names(&body);
    let first_without = list
        .iter()
        .position(|name| !mark_free(name).contains("nam"))
        .unwrap_or(list.len());
    assert!(list[..first_without]
        .iter()
        .all(|name| mark_free(name).contains("nam")));
    assert!(
        list[first_without..]
            .iter()
            .all(|name| !mark_free(name).contains("nam")),
        "{list:?}"
    );
}

fn mark_free(name: &str) -> String {
    app::text::fold(name)
}

#[tokio::test]
async fn facet_counts_match_the_lists_they_lead_to() {
    let app = spawn_app().await;
    let all = catalogue(&app, "").await;
    let total = found(&all);
    let published: i64 =
        sqlx::query_scalar("SELECT count(*) FROM products WHERE status = 'published'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(total, published as u64);
    // Each group's count is what choosing that group shows, and the groups add up.
    let groups: Vec<(String,)> = sqlx::query_as("SELECT slug FROM product_groups")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    let mut sum = 0;
    for (slug,) in groups {
        let link = format!("href=\"/products?group={slug}\"");
        let Some(at) = all.find(&link) else { continue };
        let count: u64 = all[at..]
            .split("class=\"count\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(
            found(&catalogue(&app, &format!("?group={slug}")).await),
            count,
            "{slug}"
        );
        sum += count;
    }
    assert_eq!(sum, total);
    // Filters combine.
    let narrowed = found(
        &catalogue(
            &app,
            "?group=thuc-pham&star=4&locality=bo-trach&kind=cooperative",
        )
        .await,
    );
    assert!(narrowed > 0 && narrowed < total);
}

#[tokio::test]
async fn pages_are_bounded() {
    let app = spawn_app().await;
    let beyond = catalogue(&app, "?page=500").await;
    assert!(names(&beyond).is_empty());
    assert!(beyond.contains("Không có sản phẩm nào khớp"));
    for query in [
        "?page=0",
        "?page=-1",
        "?page=abc",
        "?star=2",
        "?sort=price",
        "?kind=company",
    ] {
        let reply = app.get(&format!("/products{query}")).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
    }
    let first = names(&catalogue(&app, "").await);
    let second = names(&catalogue(&app, "?page=2").await);
    assert_eq!(first.len(), 24);
    assert!(first.iter().all(|name| !second.contains(name)));
}

#[tokio::test]
async fn the_search_index_follows_every_change_in_the_same_transaction() {
    let app = spawn_app().await;
    let mut tx = app.direct.begin().await.unwrap();
    sqlx::query("UPDATE products SET name = 'Mắm ruốc Nhật Lệ' WHERE slug = 'dua-go-quang-thuy'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        names(&catalogue(&app, "?q=mam+ruoc+nhat").await),
        ["Mắm ruốc Nhật Lệ"]
    );
    assert!(!names(&catalogue(&app, "?q=dua+go").await).contains(&"Đũa gỗ Quảng Thủy".to_owned()));
    // A rolled-back change leaves the index as it was.
    let mut tx = app.direct.begin().await.unwrap();
    sqlx::query("UPDATE products SET name = 'Tên tạm' WHERE slug = 'dua-go-quang-thuy'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert!(names(&catalogue(&app, "?q=ten+tam").await).is_empty());
}

#[tokio::test]
async fn a_product_page_shows_its_certificate_producer_and_qr_code() {
    let app = spawn_app().await;
    let reply = app.get("/products/nuoc-mam-chay-son-loc").await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.body;
    assert!(body.contains("<h1>Nước mắm chay Sơn Lộc</h1>"));
    assert!(body.contains("92,33/100"));
    assert!(body.contains("Hội đồng cấp trung ương"));
    assert!(body.contains("\"@type\":\"Product\""));
    assert!(body.contains("property=\"og:title\""));
    assert!(body.contains("<svg"), "QR code");
    assert!(body.contains("https://ocop.example.vn/products/nuoc-mam-chay-son-loc"));
    assert!(body.contains("href=\"/producers/htx-nong-nghiep-son-loc\""));
}

#[tokio::test]
async fn an_expired_certificate_is_shown_as_expired() {
    let app = spawn_app().await;
    let slug: String = sqlx::query_scalar(
        "SELECT p.slug FROM products p JOIN certificates c ON c.id = p.current_certificate_id
         WHERE p.status = 'published' AND c.expires_on < date('now') LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let body = app.get(&format!("/products/{slug}")).await.body;
    assert!(body.contains("Chứng nhận đã hết hiệu lực ngày"), "{slug}");
    assert!(!body.contains("\"award\""));
}

#[tokio::test]
async fn unknown_products_are_404_and_renamed_ones_redirect() {
    let app = spawn_app().await;
    assert_eq!(
        app.get("/products/khong-co-san-pham-nay").await.status,
        StatusCode::NOT_FOUND
    );
    sqlx::query(
        "INSERT INTO slug_redirects (entity, old_slug, target_id)
         SELECT 'product', 'nuoc-mam-chay', id FROM products WHERE slug = 'nuoc-mam-chay-son-loc'",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    let reply = app.get("/products/nuoc-mam-chay").response().await;
    assert_eq!(reply.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        reply.headers()["location"],
        "/products/nuoc-mam-chay-son-loc"
    );
}

#[tokio::test]
async fn the_language_follows_the_cookie_and_the_browser() {
    let app = spawn_app().await;
    let english = app
        .get("/products")
        .header("accept-language", "en-US,en;q=0.9")
        .await
        .body;
    assert!(english.contains("<html lang=\"en\""), "{}", &english[..200]);
    assert!(english.contains("products found"));
    let chosen = app.get("/products").header("cookie", "lang=vi").await.body;
    assert!(chosen.contains("<html lang=\"vi\""));
    let switch = app
        .get("/lang/en?back=/products%3Fq%3Dtoi")
        .response()
        .await;
    assert_eq!(switch.status(), StatusCode::SEE_OTHER);
    assert_eq!(switch.headers()["location"], "/products?q=toi");
    assert!(switch.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("lang=en;"));
    let outside = app.get("/lang/en?back=//evil.example").response().await;
    assert_eq!(outside.headers()["location"], "/");
}

#[tokio::test]
async fn uploaded_photos_show_on_cards_and_pages_and_are_served_for_ever() {
    let app = spawn_app().await;
    // A 1×1 PNG stored the way uploads are: named by the SHA-256 of its bytes.
    let png: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0,
        0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44,
        0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0x00, 0x01, 0xff,
        0x89, 0x99, 0x3d, 0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
    let sha = "a".repeat(64);
    let media = app.media_dir();
    std::fs::create_dir_all(&media).unwrap();
    std::fs::write(media.join(format!("{sha}.png")), png).unwrap();
    sqlx::query("INSERT INTO media (id, sha256, mime, width, height, bytes) VALUES (900, ?1, 'image/png', 1, 1, ?2)")
        .bind(&sha)
        .bind(png.len() as i64)
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO product_images (product_id, media_id, alt_text, position)
         SELECT id, 900, 'Chai nước mắm chay 500 ml', 0 FROM products WHERE slug = 'nuoc-mam-chay-son-loc'",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    let src = format!("/media/{sha}.png");
    let page = app.get("/products/nuoc-mam-chay-son-loc").await.body;
    assert!(
        page.contains(&format!("src=\"{src}\""))
            && page.contains("alt=\"Chai nước mắm chay 500 ml\"")
    );
    assert!(page.contains(&format!("\"image\":\"https://ocop.example.vn{src}\"")));
    assert!(app
        .get("/products?q=nuoc+mam+chay")
        .await
        .body
        .contains(&format!("src=\"{src}\"")));
    let served = app.get(&src).response().await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(
        served.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        app.get("/media/..%2Focop.db").response().await.status(),
        StatusCode::NOT_FOUND
    );
}

/// Published products of active producers whose unit is, or became part of, today's `slug`.
async fn in_todays_unit(app: &TestApp, slug: &str) -> u64 {
    app.scalar(&format!(
        "SELECT count(*) FROM products p JOIN producers pr ON pr.id = p.producer_id
         JOIN admin_units u ON u.id = pr.admin_unit_id
         JOIN admin_units t ON t.id = coalesce(u.successor_id, u.id)
         WHERE p.status = 'published' AND pr.active = 1 AND t.slug = '{slug}'"
    ))
    .await as u64
}

#[tokio::test]
async fn the_locality_filter_offers_todays_communes_and_still_reads_the_old_addresses() {
    let app = spawn_app().await;
    let all = catalogue(&app, "").await;
    // Today's communes and wards are offered, the former districts no more.
    assert!(all.contains("href=\"/products?locality=quang-tri-dong-hoi\""));
    assert!(all.contains("href=\"/products?locality=quang-tri-dong-trach\""));
    assert!(!all.contains("href=\"/products?locality=bo-trach\""));
    // Today's Đông Trạch holds the products of the former Sơn Lộc and Hải Phú.
    let dong_trach = catalogue(&app, "?locality=quang-tri-dong-trach").await;
    assert_eq!(
        found(&dong_trach),
        in_todays_unit(&app, "quang-tri-dong-trach").await
    );
    assert!(names(&dong_trach)
        .iter()
        .any(|name| name.contains("Sơn Lộc")));
    // Chosen, it lists the former communes it was made of, to narrow further.
    assert!(dong_trach.contains("Gồm xã, phường cũ (trước 01/07/2025)"));
    assert!(dong_trach.contains("href=\"/products?locality=son-loc\""));
    // An address from before the reform keeps working: a former district, a former commune.
    let district = found(&catalogue(&app, "?locality=bo-trach").await);
    let bo_trach: i64 = app
        .scalar(
            "SELECT count(*) FROM products p JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id JOIN admin_units d ON d.id = u.parent_id
             WHERE p.status = 'published' AND pr.active = 1 AND d.slug = 'bo-trach'",
        )
        .await;
    assert_eq!(district, bo_trach as u64);
    assert!(found(&catalogue(&app, "?locality=son-loc").await) > 0);
}

#[tokio::test]
async fn the_producers_filter_offers_todays_communes() {
    let app = spawn_app().await;
    let all = app.get("/producers").await.body;
    assert!(all.contains("<option value=\"quang-tri-dong-trach\">Đông Trạch</option>"));
    assert!(!all.contains("<option value=\"bo-trach\">"));
    let dong_trach = app
        .get("/producers?locality=quang-tri-dong-trach")
        .await
        .body;
    assert!(dong_trach.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert!(!dong_trach.contains("Cơ sở Tỏi đen Quảng Minh"));
}
