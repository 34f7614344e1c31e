//! Producers, fairs, news, statistics and the documents for machines.

use crate::common::spawn_app;
use axum::http::StatusCode;

#[tokio::test]
async fn producers_filter_by_type_locality_and_name() {
    let app = spawn_app().await;
    let all = app.get("/producers").await;
    assert_eq!(all.status, StatusCode::OK);
    let households = app
        .get("/producers?kind=household&locality=ba-don")
        .await
        .body;
    assert!(households.contains("Cơ sở Tỏi đen Quảng Minh"));
    assert!(!households.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    let searched = app.get("/producers?q=son+loc").await.body;
    assert!(searched.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert_eq!(
        app.get("/producers?kind=bank").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[tokio::test]
async fn a_producer_page_lists_its_published_products_and_ways_to_reach_it() {
    let app = spawn_app().await;
    let reply = app.get("/producers/htx-nong-nghiep-son-loc").await;
    assert_eq!(reply.status, StatusCode::OK);
    let published: Vec<(String,)> = sqlx::query_as(
        "SELECT p.name FROM products p JOIN producers pr ON pr.id = p.producer_id
         WHERE pr.slug = 'htx-nong-nghiep-son-loc' AND p.status = 'published'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    for (name,) in &published {
        assert!(reply.body.contains(name.as_str()), "{name}");
    }
    let draft: String = sqlx::query_scalar(
        "SELECT p.name FROM products p JOIN producers pr ON pr.id = p.producer_id
         WHERE pr.slug = 'htx-nong-nghiep-son-loc' AND p.status = 'draft' LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!reply.body.contains(draft.as_str()), "drafts stay private");
    assert!(reply.body.contains("href=\"tel:"));
    assert!(reply.body.contains("https://zalo.me/"));
    assert!(reply.body.contains("google.com/maps/dir/"));
    assert_eq!(
        app.get("/producers/khong-co").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn fairs_list_upcoming_first_and_show_floor_plan_and_exhibitors() {
    let app = spawn_app().await;
    let list = app.get("/fairs").await.body;
    let upcoming = list
        .find("Hội chợ sản phẩm OCOP và đặc sản vùng miền năm 2026")
        .unwrap();
    let past = list
        .find("Festival trái cây và sản phẩm OCOP Việt Nam năm 2022")
        .unwrap();
    assert!(upcoming < past);
    let fair = app
        .get("/fairs/festival-trai-cay-va-san-pham-ocop-viet-nam-2022")
        .await;
    assert_eq!(fair.status, StatusCode::OK);
    assert!(fair.body.contains("28/05/2022 – 31/05/2022"));
    assert!(fair.body.contains("class=\"booth booth-"));
    let (producer, booth): (String, String) = sqlx::query_as(
        "SELECT pr.name, b.code FROM exhibitor_applications a JOIN producers pr ON pr.id = a.producer_id
         JOIN booths b ON b.id = a.booth_id JOIN events e ON e.id = a.event_id
         WHERE e.slug = 'festival-trai-cay-va-san-pham-ocop-viet-nam-2022' AND a.status = 'approved' LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(fair.body.contains(producer.as_str()) && fair.body.contains(booth.as_str()));
    assert_eq!(
        app.get("/fairs/khong-co").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn news_is_rendered_from_markdown_and_fed_as_atom() {
    let app = spawn_app().await;
    let post = app
        .get("/news/tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop")
        .await;
    assert_eq!(post.status, StatusCode::OK);
    assert!(post.body.contains("<h2>"));
    assert!(post.body.contains("99"));
    let draft: String =
        sqlx::query_scalar("SELECT slug FROM news_posts WHERE status = 'draft' LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        app.get(&format!("/news/{draft}")).await.status,
        StatusCode::NOT_FOUND
    );
    // A staff member's careless HTML is shown as text, never run.
    sqlx::query("UPDATE news_posts SET body_md = '<script>alert(1)</script>' || char(10) || char(10) || '[x](javascript:alert(2))' WHERE slug = 'tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop'")
        .execute(&app.direct)
        .await
        .unwrap();
    let unsafe_post = app
        .get("/news/tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop")
        .await
        .body;
    assert!(!unsafe_post.contains("<script>alert(1)"));
    assert!(!unsafe_post.contains("href=\"javascript:"));

    let feed = app.get("/feed.xml").response().await;
    assert_eq!(
        feed.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let body = String::from_utf8(
        axum::body::to_bytes(feed.into_body(), 1 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(body.starts_with("<?xml"));
    // Read back as Atom by the same crate a feed reader in Rust would use.
    let feed: atom_syndication::Feed = body.parse().unwrap();
    let posts = feed
        .entries()
        .iter()
        .filter(|e| e.id().contains("/news/"))
        .count();
    assert_eq!(posts, 6, "the published posts");
    // And the demo's two revocations, each at its certificate's page.
    let revocations = feed
        .entries()
        .iter()
        .filter(|e| e.id().contains("/verify/"))
        .count();
    assert_eq!(revocations, 2);
    assert!(!body.contains(&draft));
    let report = feed
        .entries()
        .iter()
        .find(|e| {
            e.id()
                == "https://ocop.example.vn/news/tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop"
        })
        .unwrap();
    assert_eq!(report.links()[0].href(), report.id());
    assert_eq!(report.content().unwrap().content_type(), Some("html"));
    // The body as on the page: the script put in above stays out of the feed too.
    let content = report.content().unwrap().value().unwrap();
    assert!(content.contains("alert(1)") && !content.contains("<script"));
    assert!(report.published().is_some());
    // Its topics go with each entry.
    assert!(feed.entries().iter().any(|e| e
        .categories()
        .iter()
        .any(|c| c.term() == "trade_promotion" && c.label() == Some("Xúc tiến thương mại"))));
    assert_eq!(
        *feed.updated(),
        feed.entries().iter().map(|e| *e.updated()).max().unwrap()
    );
}

#[tokio::test]
async fn statistics_add_up_and_download_as_csv() {
    let app = spawn_app().await;
    let page = app.get("/stats").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("class=\"bar-chart\""));
    for table in app::model::stats::StatTable::ALL {
        let csv = app
            .get(&format!("/stats/{}.csv", table.slug()))
            .response()
            .await;
        assert_eq!(csv.status(), StatusCode::OK);
        assert!(csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv"));
    }
    let by_star = app.get("/stats/theo-hang-sao.csv").await.body;
    let total: i64 = csv::Reader::from_reader(by_star.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .filter_map(|record| record.ok()?.iter().next_back()?.parse::<i64>().ok())
        .sum();
    let valid: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM products p JOIN certificates c ON c.id = p.current_certificate_id
         WHERE p.status = 'published' AND c.expires_on >= date('now', '+7 hours')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(total, valid);
    assert_eq!(
        app.get("/stats/khong-co.csv").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn crawlers_get_a_sitemap_and_robots_rules() {
    let app = spawn_app().await;
    let sitemap = app.get("/sitemap.xml").await.body;
    assert!(sitemap.contains("<loc>https://ocop.example.vn/products/nuoc-mam-chay-son-loc</loc>"));
    assert!(
        sitemap.contains("<loc>https://ocop.example.vn/producers/co-so-toi-den-quang-minh</loc>")
    );
    let draft: String =
        sqlx::query_scalar("SELECT slug FROM products WHERE status = 'draft' LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(!sitemap.contains(&format!("/products/{draft}<")));
    let robots = app.get("/robots.txt").await.body;
    assert!(robots.contains("Sitemap: https://ocop.example.vn/sitemap.xml"));
    assert!(robots.contains("Disallow: /admin/"));
}

#[tokio::test]
async fn a_place_renamed_by_the_2025_reform_shows_its_old_and_new_names() {
    let app = spawn_app().await;
    // A producer in Bảo Ninh, merged into today's Đồng Hới ward of Quảng Trị.
    let merged = app
        .text(
            "SELECT p.slug FROM products p JOIN producers pr ON pr.id = p.producer_id
             JOIN admin_units u ON u.id = pr.admin_unit_id
             WHERE p.status = 'published' AND u.name = 'Bảo Ninh' ORDER BY p.id LIMIT 1",
        )
        .await;
    let page = app.get(&format!("/products/{merged}")).await.body;
    assert!(page.contains("Bảo Ninh, Đồng Hới"), "the old name");
    assert!(
        page.contains("(nay là Đồng Hới, Quảng Trị)"),
        "the new name"
    );
    // A producer recorded in one of today's units has only that name.
    sqlx::query(
        "UPDATE producers SET admin_unit_id = (SELECT id FROM admin_units WHERE slug = 'quang-tri-dong-thuan')
         WHERE id = (SELECT producer_id FROM products WHERE slug = ?1)",
    )
    .bind(&merged)
    .execute(&app.direct)
    .await
    .unwrap();
    let page = app.get(&format!("/products/{merged}")).await.body;
    assert!(page.contains("Đồng Thuận"));
    assert!(!page.contains("nay là"));
}

/// The public pages, one of each kind, as the demo has them.
const PUBLIC_PAGES: [&str; 12] = [
    "/",
    "/products",
    "/products/nuoc-mam-ca-com-bao-ninh",
    "/producers",
    "/producers/htx-nong-nghiep-son-loc",
    "/fairs",
    "/fairs/hoi-cho-ocop-dong-hoi-2026",
    "/news",
    "/news/tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop",
    "/stats",
    "/data",
    "/login",
];

/// The levels of the page's headings, in order.
fn heading_levels(html: &str) -> Vec<u8> {
    html.match_indices("<h")
        .filter_map(|(at, _)| {
            let level = html.as_bytes().get(at + 2)?;
            let after = html.as_bytes().get(at + 3)?;
            ((b'1'..=b'6').contains(level) && (*after == b'>' || *after == b' '))
                .then_some(level - b'0')
        })
        .collect()
}

#[tokio::test]
async fn every_public_page_has_one_title_one_h1_a_description_and_no_skipped_heading() {
    let app = spawn_app().await;
    for path in PUBLIC_PAGES {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let head = page.body.split("</head>").next().unwrap_or_default();
        assert_eq!(head.matches("<title>").count(), 1, "{path}: one <title>");
        assert!(
            !head.contains("<title></title>"),
            "{path}: the title says something"
        );
        assert_eq!(
            head.matches("<meta name=\"description\"").count(),
            1,
            "{path}: one description"
        );
        let levels = heading_levels(&page.body);
        assert_eq!(
            levels.iter().filter(|l| **l == 1).count(),
            1,
            "{path}: one h1"
        );
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: h{} follows h{}: {levels:?}",
                pair[1],
                pair[0]
            );
        }
    }
}

/// The home page rendered for many visitors at once (signed-in ones, past the page cache):
/// every render finishes. With a `<Suspense>` per section, renders running side by side on
/// the server's two threads now and then stopped for good, every task asleep.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_rendered_for_many_visitors_at_once_always_finishes() {
    let app = std::sync::Arc::new(spawn_app().await);
    for round in 0..10 {
        let renders: Vec<_> = (0..8)
            .map(|_| {
                let app = app.clone();
                tokio::spawn(async move { app.get("/").cookie("visitor=rendered").await.status })
            })
            .collect();
        for render in renders {
            let status = tokio::time::timeout(std::time::Duration::from_secs(20), render)
                .await
                .unwrap_or_else(|_| panic!("a render of round {round} never finished"))
                .expect("the render's task");
            assert_eq!(status, StatusCode::OK);
        }
    }
}
