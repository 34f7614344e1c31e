//! The news desk (`/admin/news`, `server/src/news.rs`) and what the public reads of it: drafts
//! and scheduled posts are never public (news list, post page, home page, feed, sitemap); a
//! scheduled post is public from its time on; the preview stores nothing; links to products
//! and events are checked and shown; posts sent at once are all kept, none answered 500.

use crate::common;

use crate::common::{spawn_app, DemoUser, TestApp};

/// A post as staff write it, with `fields` over a plain draft.
async fn write(app: &TestApp, fields: &[(&str, &str)]) -> common::Reply {
    let mut form: Vec<(&str, &str)> = vec![("title", "Tin thử nghiệm"), ("body", "Nội dung.")];
    for (name, value) in fields {
        form.retain(|(field, _)| field != name);
        form.push((name, value));
    }
    let staff = app.as_user(DemoUser::Staff).await;
    staff.post("/admin/news/new").multipart(&form, None).await
}

/// The id of the post a staff form was accepted for.
fn id_of(reply: &common::Reply) -> i64 {
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply
        .header("location")
        .strip_prefix("/admin/news/")
        .and_then(|rest| rest.split('?').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("a post id in {}", reply.header("location")))
}

/// Where the post can be read, as far as the public goes.
async fn public_places(app: &TestApp, slug: &str) -> [bool; 5] {
    let link = format!("/news/{slug}");
    [
        app.get(&link).await.status == 200,
        app.get("/news").await.body.contains(&link),
        app.get("/").await.body.contains(&link),
        app.get("/feed.xml").await.body.contains(&link),
        app.get("/sitemaps/1.xml").await.body.contains(&link)
            || app.get("/sitemap.xml").await.body.contains(&link),
    ]
}

/// A minute from now in Vietnam time, as the `datetime-local` field sends it.
async fn vietnam_time(app: &TestApp, from_now: &str) -> String {
    app.text(&format!(
        "SELECT strftime('%Y-%m-%dT%H:%M', 'now', '+7 hours', '{from_now}')"
    ))
    .await
}

#[tokio::test]
async fn a_draft_is_never_public_and_publishing_puts_it_everywhere_at_once() {
    let app = spawn_app().await;
    let id = id_of(&write(&app, &[("title", "Khai mạc phiên chợ OCOP cuối tuần")]).await);
    let slug = app
        .text(&format!("SELECT slug FROM news_posts WHERE id = {id}"))
        .await;
    assert_eq!(slug, "khai-mac-phien-cho-ocop-cuoi-tuan");
    assert_eq!(public_places(&app, &slug).await, [false; 5]);
    let staff = app.as_user(DemoUser::Staff).await;
    let desk = staff.get("/admin/news?trang-thai=draft").await;
    assert!(desk.body.contains("Khai mạc phiên chợ OCOP cuối tuần"));
    assert!(desk.body.contains("Bản nháp"));

    let published = staff
        .post(&format!("/admin/news/{id}"))
        .form(&[
            ("title", "Khai mạc phiên chợ OCOP cuối tuần"),
            ("body", "Nội dung."),
            ("publish", "now"),
        ])
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    assert_eq!(public_places(&app, &slug).await, [true; 5]);
    let entry = app
        .scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'news' AND entity_id = {id}"
        ))
        .await;
    assert_eq!(
        entry, 2,
        "creating and publishing are both in the audit log"
    );
}

#[tokio::test]
async fn a_scheduled_post_is_public_only_from_its_time() {
    let app = spawn_app().await;
    let at = vietnam_time(&app, "+2 hours").await;
    let id = id_of(
        &write(
            &app,
            &[
                ("title", "Lịch tập huấn tháng sau"),
                ("publish", "at"),
                ("publish_at", &at),
            ],
        )
        .await,
    );
    let slug = app
        .text(&format!("SELECT slug FROM news_posts WHERE id = {id}"))
        .await;
    // Stored in UTC, seven hours behind what staff typed.
    let stored = app
        .text(&format!(
            "SELECT strftime('%Y-%m-%dT%H:%M', published_at, '+7 hours') FROM news_posts WHERE id = {id}"
        ))
        .await;
    assert_eq!(stored, at);
    assert_eq!(public_places(&app, &slug).await, [false; 5]);
    let staff = app.as_user(DemoUser::Staff).await;
    let record = staff.get(&format!("/admin/news/{id}")).await;
    assert!(record.body.contains("Hẹn giờ công bố"));
    assert!(record.body.contains(&format!("value=\"{at}\"")));

    // Its time comes (the clock is not ours to move: the time is moved to a minute ago).
    sqlx::query("UPDATE news_posts SET published_at = datetime('now', '-1 minute') WHERE id = ?1")
        .bind(id)
        .execute(&app.direct)
        .await
        .unwrap();
    assert_eq!(public_places(&app, &slug).await, [true; 5]);
}

#[tokio::test]
async fn a_time_already_past_is_refused_with_its_message_and_nothing_is_stored() {
    let app = spawn_app().await;
    app.as_user(DemoUser::Staff).await;
    let before = app.snapshot().await;
    let past = vietnam_time(&app, "-1 hours").await;
    for (publish_at, message) in [
        (past.as_str(), "Thời điểm này đã qua"),
        ("2026-02-30T08:00", "Ngày không hợp lệ"),
        ("", "Vui lòng chọn ngày giờ công bố."),
    ] {
        let reply = write(&app, &[("publish", "at"), ("publish_at", publish_at)]).await;
        assert_eq!(reply.status, 422, "{publish_at:?}");
        assert!(
            reply.field_message("publish_at").contains(message),
            "{publish_at:?}: {}",
            reply.field_message("publish_at")
        );
        // What was typed stays in the form.
        assert!(reply.body.contains("Tin thử nghiệm"));
    }
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn the_preview_shows_the_body_as_readers_will_see_it_and_stores_nothing() {
    let app = spawn_app().await;
    app.as_user(DemoUser::Staff).await;
    let before = app.snapshot().await;
    let reply = write(
        &app,
        &[
            ("intent", "preview"),
            (
                "body",
                "## Kết quả\n\n**52 sản phẩm** đủ điều kiện.\n\n<script>alert(1)</script>",
            ),
        ],
    )
    .await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("Xem trước (chưa lưu)"));
    assert!(reply.body.contains("<h2>Kết quả</h2>"));
    assert!(reply.body.contains("<strong>52 sản phẩm</strong>"));
    assert!(!reply.body.contains("<script>alert(1)"));
    // The form keeps what was typed, to go on writing, as text.
    assert!(reply.body.contains("**52 sản phẩm** đủ điều kiện."));
    assert!(reply
        .body
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;</textarea>"));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_post_shows_its_topics_products_events_and_cover() {
    let app = spawn_app().await;
    let photo = include_bytes!("../../end2end/fixtures/photo.jpg").to_vec();
    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff
        .post("/admin/news/new")
        .multipart(
            &[
                ("title", "Nước mắm Bảo Ninh tại hội chợ Đồng Hới"),
                ("body", "Gian hàng của làng biển."),
                ("tag_trade_promotion", "on"),
                (
                    "products",
                    "https://ocop.example.vn/products/nuoc-mam-ca-com-bao-ninh\ncha-muc-bao-ninh",
                ),
                ("events", "/fairs/hoi-cho-ocop-dong-hoi-2026"),
                ("publish", "now"),
            ],
            Some(("cover", "bia.jpg", photo)),
        )
        .await;
    let id = id_of(&reply);
    let slug = app
        .text(&format!("SELECT slug FROM news_posts WHERE id = {id}"))
        .await;
    let page = app.get(&format!("/news/{slug}")).await;
    assert_eq!(page.status, 200);
    let body = page.body.replace("<!>", "");
    assert!(body.contains("href=\"/news?topic=trade_promotion\""));
    assert!(body.contains("Sản phẩm trong bài"));
    let first = body.find("/products/nuoc-mam-ca-com-bao-ninh").unwrap();
    let second = body.find("/products/cha-muc-bao-ninh").unwrap();
    assert!(first < second, "products in the order staff gave them");
    assert!(body.contains("href=\"/fairs/hoi-cho-ocop-dong-hoi-2026\""));
    assert!(body.contains("alt=\"Nước mắm Bảo Ninh tại hội chợ Đồng Hới\" width=\"1200\" height=\"675\" class=\"news-cover\""));
    assert!(body.contains("<img src=\"/media/"));
    // The topic's list has it; another topic's does not.
    assert!(app
        .get("/news?topic=trade_promotion")
        .await
        .body
        .contains(&slug));
    assert!(!app.get("/news?topic=training").await.body.contains(&slug));
    // A link of before December 2026 names the topic `chu-de`, and still finds it.
    assert!(!app.get("/news?chu-de=training").await.body.contains(&slug));
    assert!(app
        .get("/news?chu-de=trade_promotion")
        .await
        .body
        .contains(&slug));
    // Saved again, the form holds the links as addresses.
    let record = staff.get(&format!("/admin/news/{id}")).await;
    assert!(record
        .body
        .contains("/products/nuoc-mam-ca-com-bao-ninh\n/products/cha-muc-bao-ninh"));
}

#[tokio::test]
async fn a_link_to_nothing_public_is_refused_by_name_and_nothing_is_stored() {
    let app = spawn_app().await;
    let draft_event = app.create_event(&[("name", "Hội chợ chưa công bố")]).await;
    let draft_slug = app
        .text(&format!("SELECT slug FROM events WHERE id = {draft_event}"))
        .await;
    app.as_user(DemoUser::Staff).await;
    let before = app.snapshot().await;
    let reply = write(&app, &[("products", "/products/khong-co-san-pham-nay")]).await;
    assert_eq!(reply.status, 422);
    assert!(reply
        .field_message("products")
        .contains("Không có sản phẩm đang hiển thị với địa chỉ “khong-co-san-pham-nay”."));
    let reply = write(&app, &[("events", &format!("/fairs/{draft_slug}"))]).await;
    assert_eq!(reply.status, 422);
    assert!(reply.field_message("events").contains(&draft_slug));
    let reply = write(&app, &[("products", "Nước mắm ngon")]).await;
    assert_eq!(reply.status, 422);
    assert!(reply
        .field_message("products")
        .contains("không phải địa chỉ"));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn editing_a_public_post_keeps_its_address_and_its_date() {
    let app = spawn_app().await;
    let slug = "tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop";
    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff
        .post("/admin/news/1")
        .form(&[
            ("title", "Tình hình triển khai Chương trình OCOP (cập nhật)"),
            ("body", "Nội dung cập nhật."),
            ("publish", "now"),
        ])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let (stored_slug, published_at) = (
        app.text("SELECT slug FROM news_posts WHERE id = 1").await,
        app.text("SELECT published_at FROM news_posts WHERE id = 1")
            .await,
    );
    assert_eq!(stored_slug, slug);
    assert_eq!(published_at, "2021-08-05 02:00:00");
    assert!(app
        .get(&format!("/news/{slug}"))
        .await
        .body
        .contains("(cập nhật)"));
}

#[tokio::test]
async fn a_drafts_address_follows_its_title_and_the_old_one_leads_to_it_once_public() {
    let app = spawn_app().await;
    let id = id_of(&write(&app, &[("title", "Tên tạm")]).await);
    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff
        .post(&format!("/admin/news/{id}"))
        .form(&[("title", "Tên chính thức"), ("publish", "now")])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        app.text(&format!("SELECT slug FROM news_posts WHERE id = {id}"))
            .await,
        "ten-chinh-thuc"
    );
    let old = app.get("/news/ten-tam").await;
    assert_eq!(old.status, 301);
    assert_eq!(old.header("location"), "/news/ten-chinh-thuc");
}

#[tokio::test]
async fn posts_sent_at_once_are_all_kept_each_with_its_own_address() {
    let app = spawn_app().await;
    let before = app.count("news_posts").await;
    let replies = futures_util::future::join_all(
        (0..8).map(|_| write(&app, &[("title", "Thông báo"), ("publish", "now")])),
    )
    .await;
    for reply in &replies {
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    assert_eq!(app.count("news_posts").await, before + 8);
    assert_eq!(
        app.scalar("SELECT count(DISTINCT slug) FROM news_posts WHERE title = 'Thông báo'")
            .await,
        8
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM audit_log WHERE entity = 'news' AND action = 'create'")
            .await,
        8
    );
}

#[tokio::test]
async fn the_demos_draft_stays_out_of_every_public_place() {
    let app = spawn_app().await;
    let draft = app
        .text("SELECT slug FROM news_posts WHERE status = 'draft' LIMIT 1")
        .await;
    assert_eq!(public_places(&app, &draft).await, [false; 5]);
    let staff = app.as_user(DemoUser::Staff).await;
    assert!(staff
        .get("/admin/news")
        .await
        .body
        .contains("Kết quả đánh giá, phân hạng sản phẩm OCOP năm 2026"));
}
