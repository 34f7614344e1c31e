//! The public catalogue: Vietnamese search, facets, pages, product pages and old addresses.

use crate::common::{spawn_app, TestApp};
use axum::http::StatusCode;

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

/// The names SQLite lists for the products on show matching `fts`, in `order` of the
/// catalogue rows `k`, with `filter` on them: what a search page must show.
async fn matches_in_sql(app: &TestApp, fts: &str, filter: &str, order: &str) -> Vec<String> {
    sqlx::query_scalar(&format!(
        "SELECT p.name FROM product_search JOIN catalogue k ON k.product_id = product_search.rowid
         JOIN products p ON p.id = k.product_id
         WHERE product_search MATCH ?1 {filter} ORDER BY {order}"
    ))
    .bind(fts)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_search_counts_and_orders_its_matches_as_the_catalogue_does_after_every_change() {
    let app = spawn_app().await;
    let check = async |when: &str| {
        for (sort, order) in [
            ("stars", "k.stars DESC, k.name_key, k.product_id"),
            ("newest", "k.published_at DESC, k.product_id DESC"),
            ("name", "k.name_key, k.product_id"),
        ] {
            for (filter, sql) in [
                ("", ""),
                ("&kind=cooperative", "AND k.entity_type = 'cooperative'"),
                ("&star=4", "AND k.stars = 4"),
            ] {
                let expected = matches_in_sql(&app, "\"quang\"*", sql, order).await;
                let first = catalogue(&app, &format!("?q=quang&sort={sort}{filter}")).await;
                let second = catalogue(&app, &format!("?q=quang&sort={sort}{filter}&page=2")).await;
                let context = format!("{when}: sort={sort}{filter}");
                assert_eq!(found(&first), expected.len() as u64, "{context}");
                assert_eq!(
                    names(&first),
                    expected[..expected.len().min(24)],
                    "{context}"
                );
                assert_eq!(
                    names(&second),
                    expected[expected.len().min(24)..expected.len().min(48)],
                    "{context}"
                );
            }
        }
        // Browsing counts from the same rows.
        for (filter, sql) in [
            ("", "1 = 1"),
            ("?kind=cooperative", "entity_type = 'cooperative'"),
            ("?star=4", "stars = 4"),
        ] {
            let on_show = app
                .scalar(&format!("SELECT count(*) FROM catalogue WHERE {sql}"))
                .await;
            assert_eq!(
                found(&catalogue(&app, filter).await),
                on_show as u64,
                "{when}: {filter}"
            );
        }
        // By relevance, the matches in a name come first, each part in the order of stars.
        let in_names = matches_in_sql(
            &app,
            "{name} : (\"quang\"*)",
            "",
            "k.stars DESC, k.name_key, k.product_id",
        )
        .await;
        let relevant = names(&catalogue(&app, "?q=quang").await);
        assert_eq!(
            relevant[..in_names.len().min(24)],
            in_names[..in_names.len().min(24)],
            "{when}"
        );
    };
    let all = matches_in_sql(&app, "\"quang\"*", "", "k.product_id").await;
    assert!(all.len() > 24, "two pages of matches: {}", all.len());
    check("as demonstrated").await;

    // A producer leaves, certificates are corrected to fewer stars: the next search reads the rows again.
    let mut tx = app.direct.begin().await.unwrap();
    sqlx::query(
        "UPDATE producers SET active = 0 WHERE id = (SELECT producer_id FROM catalogue k
         JOIN product_search ON product_search.rowid = k.product_id
         WHERE product_search MATCH '\"quang\"*' AND k.entity_type = 'cooperative' LIMIT 1)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE certificates SET stars = 3 WHERE id IN (SELECT current_certificate_id
         FROM products p JOIN catalogue k ON k.product_id = p.id WHERE k.stars = 4 LIMIT 3)",
    )
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_ne!(
        matches_in_sql(&app, "\"quang\"*", "", "k.product_id").await,
        all
    );
    check("after the changes").await;
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
    let son_loc = app
        .scalar(
            "SELECT count(*) FROM products p JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id
             WHERE p.status = 'published' AND pr.active = 1 AND u.slug = 'son-loc'",
        )
        .await;
    assert_ne!(son_loc, 0, "the demo has products in Sơn Lộc");
    assert_eq!(
        found(&catalogue(&app, "?locality=son-loc").await),
        son_loc as u64
    );
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

#[tokio::test]
async fn the_producers_list_counts_only_its_pages_products_from_the_catalogues_index() {
    let app = spawn_app().await;
    let query = app::model::producers::ProducerQuery::parse(|_| None).expect("no filter");
    let list = app::store::producers::list(&app.pool, &query)
        .await
        .expect("a list");
    assert!(!list.producers.items.is_empty());
    for producer in &list.producers.items {
        let published = app
            .scalar(&format!(
                "SELECT count(*) FROM products p JOIN producers pr ON pr.id = p.producer_id
                 WHERE pr.slug = '{}' AND p.status = 'published'",
                producer.slug
            ))
            .await;
        assert_eq!(producer.products, published as u64, "{}", producer.slug);
        let certified = app
            .scalar(&format!(
                "SELECT count(*) FROM products p JOIN producers pr ON pr.id = p.producer_id
                 JOIN certificates c ON c.id = p.current_certificate_id
                 WHERE pr.slug = '{}' AND p.status = 'published'
                   AND c.expires_on >= date('now', '+7 hours')",
                producer.slug
            ))
            .await;
        assert_eq!(producer.certified, certified as u64, "{}", producer.slug);
        assert!(producer.certified <= producer.products, "{}", producer.slug);
    }
    assert!(list
        .producers
        .items
        .iter()
        .any(|producer| producer.certified > 0));

    let plan: Vec<(i64, i64, i64, String)> =
        app::store::producers::page_sql("EXPLAIN QUERY PLAN ", &query, None)
            .build_query_as()
            .fetch_all(&app.pool)
            .await
            .expect("a plan");
    let steps: Vec<String> = plan.into_iter().map(|(_, _, _, detail)| detail).collect();
    assert!(
        steps.iter().any(|step| step
            .starts_with("SEARCH k USING COVERING INDEX catalogue_producer (producer_id=?)")),
        "{steps:?}"
    );
    assert!(
        !steps
            .iter()
            .any(|step| step.contains(" p ") || step.ends_with(" p")),
        "{steps:?}"
    );
}

/// The words of `words` for which the names' own index (migration 0016) and the names in the
/// whole index (`{name} : ...`) give different products.
async fn names_index_drift(app: &TestApp, words: &[&str]) -> Vec<String> {
    let mut drifted = Vec::new();
    for word in words {
        let ids = |sql: &'static str, fts: String| async move {
            sqlx::query_scalar::<_, i64>(sql)
                .bind(fts)
                .fetch_all(&app.direct)
                .await
                .unwrap()
        };
        let own = ids(
            "SELECT rowid FROM name_search WHERE name_search MATCH ? ORDER BY rowid",
            format!("\"{word}\"*"),
        )
        .await;
        let whole = ids(
            "SELECT rowid FROM product_search WHERE product_search MATCH ? ORDER BY rowid",
            format!("{{name}} : (\"{word}\"*)"),
        )
        .await;
        if own != whole {
            drifted.push(format!("{word}: {own:?} against {whole:?}"));
        }
    }
    drifted
}

/// Rows of the catalogue table that its source view does not give, and the other way round;
/// and counts that differ from counting the table.
async fn catalogue_drift(app: &TestApp) -> (i64, i64, i64) {
    (
        app.scalar("SELECT count(*) FROM (SELECT * FROM catalogue EXCEPT SELECT * FROM catalogue_source)")
            .await,
        app.scalar("SELECT count(*) FROM (SELECT * FROM catalogue_source EXCEPT SELECT * FROM catalogue)")
            .await,
        app.scalar(
            "WITH counted AS (SELECT set_id, coalesce(stars, 0), unit_id, entity_type, count(*) FROM catalogue
                              GROUP BY set_id, coalesce(stars, 0), unit_id, entity_type),
                  kept AS (SELECT set_id, stars, unit_id, entity_type, products FROM catalogue_counts)
             SELECT (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM counted))
                  + (SELECT count(*) FROM (SELECT * FROM counted EXCEPT SELECT * FROM kept))",
        )
        .await,
    )
}

#[tokio::test]
async fn the_catalogue_table_follows_every_change_to_what_it_is_made_of() {
    let app = spawn_app().await;
    assert!(app.count("catalogue").await > 100);
    assert_eq!(catalogue_drift(&app).await, (0, 0, 0), "after the demo");
    for change in [
        // A product hidden, renamed, moved to another set; a draft published.
        "UPDATE products SET status = 'hidden' WHERE slug = 'dua-go-quang-thuy'",
        "UPDATE products SET name = 'Đậu xanh mới' WHERE slug = 'nuoc-mam-chay-son-loc'",
        "UPDATE products SET set_id = (SELECT max(id) FROM product_sets) WHERE id = (SELECT min(id) FROM products WHERE status = 'published')",
        "UPDATE products SET status = 'published', published_at = datetime('now') WHERE id = (SELECT min(id) FROM products WHERE status = 'draft')",
        // A certificate corrected, another revoked (the product falls back to none or an older one).
        "UPDATE certificates SET stars = 5 WHERE id = (SELECT min(current_certificate_id) FROM products)",
        "UPDATE certificates SET revoked_on = date('now'), revoke_reason = 'Thử' WHERE id = (SELECT max(current_certificate_id) FROM products)",
        "UPDATE certificates SET expires_on = date('now', '-3 days') WHERE id = (SELECT max(current_certificate_id) FROM products)",
        // A producer closed, another of another type and place.
        "UPDATE producers SET active = 0 WHERE id = (SELECT min(producer_id) FROM products WHERE status = 'published')",
        "UPDATE producers SET entity_type = 'household', admin_unit_id = (SELECT max(id) FROM admin_units WHERE level = 'commune') WHERE id = (SELECT max(producer_id) FROM products WHERE status = 'published')",
        // A unit given a successor; a set moved to another group.
        "UPDATE admin_units SET successor_id = NULL, valid_to = NULL WHERE id = (SELECT admin_unit_id FROM producers WHERE id = (SELECT max(producer_id) FROM products WHERE status = 'published' AND producer_id IN (SELECT id FROM producers WHERE active = 1 AND admin_unit_id IN (SELECT id FROM admin_units WHERE successor_id IS NOT NULL))))",
        "UPDATE product_sets SET group_id = (SELECT max(id) FROM product_groups) WHERE id = (SELECT min(set_id) FROM products)",
        // A product added already published, then deleted.
        "INSERT INTO products (slug, producer_id, set_id, name, status, published_at)
         SELECT 'thu-xoa', producer_id, set_id, 'Thử xóa', 'published', datetime('now') FROM products LIMIT 1",
        "DELETE FROM products WHERE slug = 'thu-xoa'",
    ] {
        let changed = sqlx::query(change)
            .execute(&app.direct)
            .await
            .unwrap_or_else(|error| panic!("{change}: {error}"));
        assert!(changed.rows_affected() > 0, "nothing changed: {change}");
        assert_eq!(catalogue_drift(&app).await, (0, 0, 0), "after: {change}");
        let words = ["dau", "moi", "nuoc", "mam", "chay", "thu", "xoa", "dua"];
        assert_eq!(names_index_drift(&app, &words).await, Vec::<String>::new(), "after: {change}");
    }
}

#[tokio::test]
async fn stars_ended_since_a_row_was_written_are_taken_off_by_the_housekeeping() {
    let app = spawn_app().await;
    let product: i64 = app
        .scalar("SELECT min(product_id) FROM catalogue WHERE stars = 4")
        .await;
    sqlx::query(
        "UPDATE certificates SET expires_on = date('now', '+7 hours', '-1 day')
         WHERE id = (SELECT current_certificate_id FROM products WHERE id = ?1)",
    )
    .bind(product)
    .execute(&app.direct)
    .await
    .expect("ended yesterday");
    // As the row stood when it was written, the day before the certificate ended.
    sqlx::query("UPDATE catalogue SET stars = 4 WHERE product_id = ?1")
        .bind(product)
        .execute(&app.direct)
        .await
        .expect("as written then");
    assert_ne!(catalogue_drift(&app).await.0, 0);
    let ended = app::store::catalogue::expire_stars(&app.pool, &app.writer)
        .await
        .expect("housekeeping");
    assert_eq!(ended, 1);
    assert_eq!(catalogue_drift(&app).await, (0, 0, 0));
    // Nothing more to do: the writer is not even taken.
    assert_eq!(
        app::store::catalogue::expire_stars(&app.pool, &app.writer)
            .await
            .expect("housekeeping"),
        0
    );
}

/// Whether a plan reads a whole table row by row (a `SCAN` of a table, not of an index, a
/// materialized subquery, the search index, or the ids of a page).
fn full_scan(plan: &str) -> Option<&str> {
    plan.split("; ").find(|step| {
        step.starts_with("SCAN ")
            && !step.contains(" USING ")
            && !step.contains("VIRTUAL TABLE")
            && !["SCAN page", "SCAN CONSTANT ROW"].contains(step)
    })
}

#[tokio::test]
async fn every_catalogue_query_reads_through_an_index() {
    let app = spawn_app().await;
    let mut checked = 0;
    for q in ["", "nuoc mam"] {
        for sort in ["relevance", "stars", "newest", "name"] {
            for (filter, value) in [
                ("", ""),
                ("group", "thuc-pham"),
                ("set", "tuong-nuoc-mam-gia-vi-long"),
                ("star", "4"),
                ("locality", "quang-tri-dong-hoi"),
                ("kind", "cooperative"),
                ("page", "3"),
            ] {
                let query = app::model::catalogue::CatalogueQuery::parse(|key| match key {
                    "q" => Some(q),
                    "sort" => Some(sort),
                    key if key == filter => Some(value),
                    _ => None,
                })
                .expect("a valid query");
                let plans = app::store::catalogue::query_plans(&app.pool, &query)
                    .await
                    .expect("plans");
                for plan in &plans {
                    assert_eq!(full_scan(plan), None, "q={q} sort={sort} {filter}: {plan}");
                }
                let (facets, page) = (&plans[0], &plans[plans.len() - 1]);
                if q.is_empty() {
                    // The facts read no catalogue row (the counts are in memory),
                    assert!(
                        !facets
                            .split("; ")
                            .any(|step| step.starts_with("SCAN catalogue ")
                                || step.starts_with("SEARCH catalogue ")),
                        "{facets}"
                    );
                    // and the page's ids are read in the order of an index, whatever the
                    // filter. (The 24 cards are put back in order after their joins: that
                    // sort is cheap.)
                    let ids = page.split("; SCAN page").next().unwrap_or_default();
                    assert!(!ids.contains("TEMP B-TREE"), "{sort} {filter}: {page}");
                } else {
                    // A search asks SQLite for the matching ids only (counted and ranked in
                    // memory): in names from the names' own index, anywhere from the whole
                    // one; then for the cards of the page by their ids.
                    assert_eq!(plans.len(), 3);
                    for (matches, index) in plans[..2].iter().zip(["name_search", "product_search"])
                    {
                        assert!(
                            matches.contains(&format!("{index} VIRTUAL TABLE")),
                            "{matches}"
                        );
                        assert!(!matches.contains("catalogue k"), "{matches}");
                    }
                    assert!(page.starts_with("SCAN j VIRTUAL TABLE"), "{page}");
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 56);
}
