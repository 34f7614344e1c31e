//! The producer portal end to end over HTTP: listings with photos through review to the
//! public page, bad input refused field by field with nothing stored, the profile, the inbox.

mod common;

use common::{spawn_app, DemoUser, TestApp};

const PRODUCER_A: &str = "sonloc@ocop.example.vn";
const STAFF: &str = "canbo@ocop.example.vn";
const PHOTO: &[u8] = include_bytes!("../../end2end/fixtures/photo.jpg");

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(&app.pool)
        .await
        .expect(sql)
}

async fn text(app: &TestApp, sql: &str) -> String {
    sqlx::query_scalar(sql)
        .fetch_one(&app.pool)
        .await
        .expect(sql)
}

/// The message shown next to a field of a refused form.
fn field_message(body: &str, field: &str) -> String {
    body.split(&format!("id=\"f-{field}-error\""))
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .map(|p| {
            p.trim_start_matches(" class=\"field-error\">")
                .replace("<!>", "")
        })
        .unwrap_or_default()
}

async fn a_published_product(app: &TestApp) -> (i64, String, String) {
    let (id, slug, name): (i64, String, String) = sqlx::query_as(
        "SELECT p.id, p.slug, p.name FROM products p JOIN users u ON u.producer_id = p.producer_id
         WHERE u.email = 'sonloc@ocop.example.vn' AND p.status = 'published' ORDER BY p.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (id, slug, name)
}

#[tokio::test]
async fn a_change_with_a_photo_goes_public_only_when_staff_approve() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let staff = app.new_session(DemoUser::Staff).await;
    let (id, slug, old_name) = a_published_product(&app).await;
    let set_id = scalar(
        &app,
        &format!("SELECT set_id FROM products WHERE id = {id}"),
    )
    .await
    .to_string();
    let new_name = format!("{old_name} hảo hạng");
    let reply = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .multipart(
            &[
                ("name", &new_name),
                ("set_id", &set_id),
                ("price_min", "95.000"),
                ("new_photo_alt", "Chai nước mắm trên bàn gỗ"),
            ],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(reply.status, 303);
    // Two re-encoded sizes, stored by content hash, nothing of the original kept.
    assert_eq!(scalar(&app, "SELECT count(*) FROM media").await, 2);
    let files: Vec<_> = std::fs::read_dir(app.media_dir())
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 2);
    // The public still sees the approved version.
    let public = app.get(&format!("/products/{slug}")).await;
    assert!(public.body.contains(&old_name) && !public.body.contains(&new_name));
    // The producer sees it waiting.
    let own = app.get("/portal/products").cookie(&producer).await;
    assert!(own.body.contains("Chờ duyệt"));

    let revision = scalar(
        &app,
        "SELECT id FROM product_revisions WHERE status = 'pending' ORDER BY id DESC LIMIT 1",
    )
    .await;
    let review = app
        .get(&format!("/admin/reviews/{revision}"))
        .cookie(&staff)
        .await;
    assert_eq!(review.status, 200);
    assert!(
        review.body.contains(&new_name) && review.body.contains(&old_name),
        "both versions side by side"
    );
    assert!(review.body.contains("Chai nước mắm trên bàn gỗ"));
    let approve = app
        .post(&format!("/admin/reviews/{revision}/approve"))
        .cookie(&staff)
        .await;
    assert_eq!(approve.status, 303);

    let public = app.get(&format!("/products/{slug}")).await;
    assert!(public.body.contains(&new_name), "the change is public");
    assert!(
        public.body.contains("Chai nước mắm trên bàn gỗ"),
        "with its photo and alt text"
    );
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT price_min FROM products WHERE id = {id}")
        )
        .await,
        95_000
    );
    let audited = scalar(&app, "SELECT count(*) FROM audit_log WHERE entity = 'product_revision' AND action IN ('submit', 'approve')").await;
    assert_eq!(audited, 2);
}

#[tokio::test]
async fn a_rejection_carries_a_reason_the_producer_sees() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let staff = app.new_session(DemoUser::Staff).await;
    let (id, slug, old_name) = a_published_product(&app).await;
    let set_id = scalar(
        &app,
        &format!("SELECT set_id FROM products WHERE id = {id}"),
    )
    .await
    .to_string();
    app.post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .form(&[("name", "Tên quảng cáo quá đà"), ("set_id", &set_id)])
        .await;
    let revision = scalar(&app, "SELECT max(id) FROM product_revisions").await;
    let before = app.snapshot().await;
    let empty = app
        .post(&format!("/admin/reviews/{revision}"))
        .cookie(&staff)
        .form(&[("reason", "  ")])
        .await;
    assert_eq!(empty.status, 422);
    assert_eq!(
        field_message(&empty.body, "reason"),
        "Vui lòng điền mục này."
    );
    assert_eq!(app.snapshot().await, before);
    let reject = app
        .post(&format!("/admin/reviews/{revision}"))
        .cookie(&staff)
        .form(&[("reason", "Tên sản phẩm phải đúng tên trên giấy chứng nhận.")])
        .await;
    assert_eq!(reject.status, 303);
    let own = app.get("/portal/products").cookie(&producer).await;
    assert!(own
        .body
        .contains("Tên sản phẩm phải đúng tên trên giấy chứng nhận."));
    let edit = app
        .get(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .await;
    assert!(
        edit.body.contains("Tên quảng cáo quá đà"),
        "the refused proposal is there to fix"
    );
    assert!(app
        .get(&format!("/products/{slug}"))
        .await
        .body
        .contains(&old_name));
    let again = app
        .post(&format!("/admin/reviews/{revision}/approve"))
        .cookie(&staff)
        .await;
    assert_eq!(again.status, 422, "a decided proposal stays decided");
}

#[tokio::test]
async fn a_new_listing_is_invisible_until_approved_and_a_draft_can_be_deleted() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let staff = app.new_session(DemoUser::Staff).await;
    let created = app
        .post("/portal/products/new")
        .cookie(&producer)
        .form(&[("name", "Kẹo gừng Sơn Lộc"), ("set_id", "1")])
        .await;
    assert_eq!(created.status, 303);
    let (id, slug): (i64, String) =
        sqlx::query_as("SELECT id, slug FROM products WHERE name = 'Kẹo gừng Sơn Lộc'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(slug, "keo-gung-son-loc");
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 404);
    let revision = scalar(
        &app,
        &format!("SELECT id FROM product_revisions WHERE product_id = {id}"),
    )
    .await;
    assert_eq!(
        app.post(&format!("/admin/reviews/{revision}/approve"))
            .cookie(&staff)
            .await
            .status,
        303
    );
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 200);
    // Once approved it is no draft: it can be hidden, not deleted.
    assert_eq!(
        app.post(&format!("/portal/products/{id}/delete"))
            .cookie(&producer)
            .await
            .status,
        422
    );
    assert_eq!(
        app.post(&format!("/portal/products/{id}/hide"))
            .cookie(&producer)
            .await
            .status,
        303
    );
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 404);
    assert_eq!(
        app.post(&format!("/portal/products/{id}/show"))
            .cookie(&producer)
            .await
            .status,
        303
    );
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 200);

    app.post("/portal/products/new")
        .cookie(&producer)
        .form(&[("name", "Bản nháp thử"), ("set_id", "1")])
        .await;
    let draft = scalar(&app, "SELECT id FROM products WHERE name = 'Bản nháp thử'").await;
    assert_eq!(
        app.post(&format!("/portal/products/{draft}/delete"))
            .cookie(&producer)
            .await
            .status,
        303
    );
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT count(*) FROM products WHERE id = {draft}")
        )
        .await,
        0
    );
}

#[tokio::test]
async fn each_bad_listing_field_is_refused_with_its_own_message_and_nothing_stored() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let (id, _, _) = a_published_product(&app).await;
    let long = "x".repeat(5001);
    let cases: [(&str, &str, &str); 6] = [
        ("name", "", "Vui lòng điền mục này."),
        ("description", long.as_str(), "Dài tối đa 5000 ký tự."),
        (
            "price_min",
            "một trăm nghìn",
            "Giá là số đồng, ví dụ 125.000.",
        ),
        ("price_max", "-5", "Giá là số đồng, ví dụ 125.000."),
        ("set_id", "999999", "Vui lòng chọn bộ sản phẩm."),
        (
            "price_unit",
            "một chai thuỷ tinh loại đặc biệt có nắp vặn bằng gỗ",
            "Dài tối đa 50 ký tự.",
        ),
    ];
    let before = app.snapshot().await;
    for (field, value, message) in cases {
        let mut form = vec![("name", "Nước mắm"), ("set_id", "1")];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let reply = app
            .post(&format!("/portal/products/{id}"))
            .cookie(&producer)
            .form(&form)
            .await;
        assert_eq!(reply.status, 422, "{field}");
        assert_eq!(field_message(&reply.body, field), message, "{field}");
        assert!(
            reply.body.contains("Chưa lưu được"),
            "{field}: the form says it was not saved"
        );
        assert_eq!(app.snapshot().await, before, "{field}: nothing stored");
    }
    // What was typed is kept.
    let reply = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .form(&[("name", "Tên đã gõ"), ("set_id", "1"), ("price_min", "abc")])
        .await;
    assert!(reply.body.contains("value=\"Tên đã gõ\""));
}

/// A PNG that claims to be 60000 × 60000 pixels: decoding it would take gigabytes.
fn bomb() -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend(60_000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    png
}

#[tokio::test]
async fn fake_oversized_and_bomb_images_are_refused_cleanly() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let (id, _, _) = a_published_product(&app).await;
    let before = app.snapshot().await;
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "khong-phai-anh.jpg",
            b"Day la mot tep van ban, khong phai anh.".to_vec(),
            "không phải ảnh",
        ),
        ("qua-lon.jpg", vec![0xFF; 8 * 1024 * 1024 + 1], "8 MB"),
        ("rat-lon.jpg", vec![0xFF; 12 * 1024 * 1024], "8 MB"),
        ("bom.png", bomb(), "quá nhiều điểm ảnh"),
    ];
    for (file_name, bytes, message) in cases {
        let reply = app
            .post(&format!("/portal/products/{id}"))
            .cookie(&producer)
            .multipart(
                &[
                    ("name", "Nước mắm"),
                    ("set_id", "1"),
                    ("new_photo_alt", "ảnh"),
                ],
                Some(("new_photo", file_name, bytes)),
            )
            .await;
        assert_eq!(reply.status, 422, "{file_name}");
        let shown = field_message(&reply.body, "new_photo");
        assert!(shown.contains(message), "{file_name}: {shown}");
        assert_eq!(app.snapshot().await, before, "{file_name}: nothing stored");
    }
    assert!(
        !app.media_dir().exists() || std::fs::read_dir(app.media_dir()).unwrap().next().is_none(),
        "no file written"
    );
    // A photo needs its alt text.
    let reply = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .multipart(
            &[("name", "Nước mắm"), ("set_id", "1")],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(
        field_message(&reply.body, "new_photo_alt"),
        "Vui lòng điền mục này."
    );
}

#[tokio::test]
async fn the_profile_is_the_producers_but_legal_facts_are_not() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let unit = scalar(&app, "SELECT admin_unit_id FROM producers p JOIN users u ON u.producer_id = p.id WHERE u.email = 'sonloc@ocop.example.vn'").await.to_string();
    let before = app.snapshot().await;
    for (field, value, message) in [
        ("name", "", "Vui lòng điền mục này."),
        (
            "phone",
            "gọi tôi nhé",
            "Số điện thoại gồm 8–15 chữ số, ví dụ 0232 3822 123.",
        ),
        (
            "email",
            "khong-phai-email",
            "Email chưa đúng dạng, ví dụ ten@vidu.vn.",
        ),
        (
            "website",
            "javascript:alert(1)",
            "Trang web bắt đầu bằng https:// hoặc http://.",
        ),
        (
            "latitude",
            "95",
            "Toạ độ là một số thập phân từ -90 đến 90, ví dụ 17,4833.",
        ),
        ("admin_unit_id", "1", "Vui lòng chọn xã, phường."),
    ] {
        let mut form = vec![("name", "HTX Sơn Lộc"), ("admin_unit_id", unit.as_str())];
        form.retain(|(k, _)| *k != field);
        form.push((field, value));
        let reply = app
            .post("/portal/profile")
            .cookie(&producer)
            .form(&form)
            .await;
        assert_eq!(reply.status, 422, "{field}");
        assert_eq!(field_message(&reply.body, field), message, "{field}");
        assert_eq!(app.snapshot().await, before, "{field}");
    }
    let saved = app
        .post("/portal/profile")
        .cookie(&producer)
        .form(&[
            ("name", "HTX Nông nghiệp Sơn Lộc"),
            ("admin_unit_id", &unit),
            ("phone", "0232 3822 123"),
            ("entity_type", "enterprise"),
            ("tax_code", "9999999999"),
        ])
        .await;
    assert_eq!(saved.status, 303);
    let (phone, entity_type): (String, String) = sqlx::query_as("SELECT phone, entity_type FROM producers p JOIN users u ON u.producer_id = p.id WHERE u.email = 'sonloc@ocop.example.vn'").fetch_one(&app.pool).await.unwrap();
    assert_eq!(phone, "0232 3822 123");
    assert_eq!(
        entity_type, "cooperative",
        "the entity type is staff's to change"
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT count(*) FROM audit_log WHERE entity = 'producer' AND action = 'update'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_inbox_filters_by_status_and_the_page_marks_read_with_a_post_not_a_get() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let producer_id = scalar(
        &app,
        "SELECT producer_id FROM users WHERE email = 'sonloc@ocop.example.vn'",
    )
    .await;
    for name in ["Chị Hoa", "Anh Nam"] {
        sqlx::query("INSERT INTO inquiries (producer_id, name, email, message) VALUES (?1, ?2, 'khach@example.vn', 'Cho hỏi giá sỉ?')")
            .bind(producer_id)
            .bind(name)
            .execute(&app.direct)
            .await
            .unwrap();
    }
    let new = scalar(
        &app,
        &format!(
            "SELECT count(*) FROM inquiries WHERE producer_id = {producer_id} AND status = 'new'"
        ),
    )
    .await;
    let header = app.get("/portal").cookie(&producer).await;
    assert!(
        header
            .body
            .contains(&format!("<span class=\"count\">{new}")),
        "the count is in the navigation"
    );
    let inbox = app
        .get("/portal/inquiries?status=new")
        .cookie(&producer)
        .await;
    let shown = inbox.body.replace("<!>", "");
    assert!(shown.contains("Chị Hoa") && shown.contains(&format!("Mới ({new})")));
    let id = scalar(&app, "SELECT id FROM inquiries WHERE name = 'Chị Hoa'").await;
    let opened = app
        .get(&format!("/portal/inquiries/{id}"))
        .cookie(&producer)
        .await;
    assert!(opened.body.contains("mailto:khach@example.vn"));
    let status_sql = format!("SELECT status FROM inquiries WHERE id = {id}");
    let status = || text(&app, &status_sql);
    assert_eq!(
        status().await,
        "new",
        "a GET (a prefetch, a reload) changes nothing"
    );
    let id_text = id.to_string();
    let id_form = [("id", id_text.as_str())];
    let mark = || {
        app.post("/api/portal/inquiry/read")
            .cookie(&producer)
            .form(&id_form)
    };
    assert_eq!(mark().await.status, 200);
    assert_eq!(status().await, "read");
    let answered = app
        .post(&format!("/portal/inquiries/{id}"))
        .cookie(&producer)
        .form(&[("status", "answered")])
        .await;
    assert_eq!(answered.status, 303);
    assert_eq!(status().await, "answered");
    assert_eq!(mark().await.status, 200);
    assert_eq!(
        status().await,
        "answered",
        "marking read never undoes an answer"
    );
    let bad = app
        .post(&format!("/portal/inquiries/{id}"))
        .cookie(&producer)
        .form(&[("status", "deleted")])
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        app.get("/portal/inquiries?status=deleted")
            .cookie(&producer)
            .await
            .status,
        422
    );
}

#[tokio::test]
async fn photos_nobody_uses_any_more_are_deleted_after_a_day() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let (id, _, _) = a_published_product(&app).await;
    let set_id = scalar(
        &app,
        &format!("SELECT set_id FROM products WHERE id = {id}"),
    )
    .await
    .to_string();
    let with_photo = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .multipart(
            &[
                ("name", "Nước mắm"),
                ("set_id", &set_id),
                ("new_photo_alt", "Chai"),
            ],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(with_photo.status, 303);
    sqlx::query("UPDATE media SET created_at = datetime('now', '-2 days')")
        .execute(&app.direct)
        .await
        .unwrap();
    let removed = server::uploads::remove_unused(&app.state).await.unwrap();
    assert_eq!(removed, 0, "the waiting proposal still uses the photo");
    // The producer takes the photo out again: nothing uses it any more.
    let without = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .form(&[
            ("name", "Nước mắm"),
            ("set_id", &set_id),
            ("photo-0-alt", "Chai"),
            ("photo-0-remove", "on"),
        ])
        .await;
    assert_eq!(without.status, 303);
    assert_eq!(server::uploads::remove_unused(&app.state).await.unwrap(), 2);
    assert_eq!(app.count("media").await, 0);
    assert_eq!(
        std::fs::read_dir(app.media_dir()).unwrap().count(),
        0,
        "the files are gone"
    );
}

#[tokio::test]
async fn deleting_a_draft_asks_first() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let other = app.new_session(DemoUser::ProducerB).await;
    app.post("/portal/products/new")
        .cookie(&producer)
        .form(&[("name", "Bản nháp thử"), ("set_id", "1")])
        .await;
    let draft = scalar(&app, "SELECT id FROM products WHERE name = 'Bản nháp thử'").await;
    let page = app
        .get(&format!("/portal/products/{draft}/delete"))
        .cookie(&producer)
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Xoá hẳn") && page.body.contains("Bản nháp thử"));
    assert_eq!(
        app.get(&format!("/portal/products/{draft}/delete"))
            .cookie(&other)
            .await
            .status,
        404
    );
    assert_eq!(
        scalar(
            &app,
            &format!("SELECT count(*) FROM products WHERE id = {draft}")
        )
        .await,
        1,
        "asking deletes nothing"
    );
}

#[tokio::test]
async fn names_without_words_still_get_an_address_of_their_own() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let staff = app.new_session(DemoUser::Staff).await;
    for _ in 0..2 {
        let reply = app
            .post("/portal/products/new")
            .cookie(&producer)
            .form(&[("name", "★★★"), ("set_id", "1")])
            .await;
        assert_eq!(reply.status, 303);
    }
    let slugs: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM products WHERE name = '★★★' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(slugs, ["san-pham", "san-pham-2"]);
    let commune = scalar(
        &app,
        "SELECT min(id) FROM admin_units WHERE level = 'commune' AND valid_to IS NULL",
    )
    .await
    .to_string();
    let reply = app
        .post("/admin/producers/new")
        .cookie(&staff)
        .form(&[
            ("name", "!!!"),
            ("admin_unit_id", &commune),
            ("entity_type", "household"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        text(&app, "SELECT slug FROM producers WHERE name = '!!!'").await,
        "nha-san-xuat"
    );
}

#[tokio::test]
async fn a_photo_is_kept_only_when_the_rest_of_its_form_passes() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let (id, _, _) = a_published_product(&app).await;
    let before = app.snapshot().await;
    let listing = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .multipart(
            &[
                ("name", "Nước mắm"),
                ("set_id", "999999"),
                ("new_photo_alt", "Chai"),
            ],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(listing.status, 422);
    assert_eq!(
        field_message(&listing.body, "set_id"),
        "Vui lòng chọn bộ sản phẩm."
    );
    let profile = app
        .post("/portal/profile")
        .cookie(&producer)
        .multipart(
            &[("name", "HTX Sơn Lộc"), ("admin_unit_id", "1")],
            Some(("logo", "logo.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(profile.status, 422);
    assert_eq!(
        field_message(&profile.body, "admin_unit_id"),
        "Vui lòng chọn xã, phường."
    );
    assert_eq!(app.snapshot().await, before, "no photo row");
    assert!(
        !app.media_dir().exists() || std::fs::read_dir(app.media_dir()).unwrap().next().is_none(),
        "no photo file"
    );
}

#[tokio::test]
async fn an_account_uploads_at_most_sixty_new_photos_an_hour() {
    let app = spawn_app().await;
    let producer = app.new_session(DemoUser::ProducerA).await;
    let (id, _, _) = a_published_product(&app).await;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO media (sha256, mime, width, height, bytes, uploaded_by)
         SELECT printf('%064d', i), 'image/jpeg', 10, 10, 100, (SELECT id FROM users WHERE email = ?2) FROM n",
    )
    .bind(app::store::media::PHOTOS_PER_HOUR)
    .bind(PRODUCER_A)
    .execute(&app.direct)
    .await
    .unwrap();
    let before = app.snapshot().await;
    let reply = app
        .post(&format!("/portal/products/{id}"))
        .cookie(&producer)
        .multipart(
            &[
                ("name", "Nước mắm"),
                ("set_id", "1"),
                ("new_photo_alt", "Chai"),
            ],
            Some(("new_photo", "chai.jpg", PHOTO.to_vec())),
        )
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(
        field_message(&reply.body, "new_photo"),
        "Bạn đã tải lên 60 ảnh trong một giờ qua. Vui lòng thử lại sau."
    );
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_producers_upload_under_way_holds_up_only_that_producer() {
    let app = std::sync::Arc::new(spawn_app().await);
    let producer_a = app.new_session(DemoUser::ProducerA).await;
    let producer_b = app.new_session(DemoUser::ProducerB).await;
    let user_a = scalar(
        &app,
        "SELECT id FROM users WHERE email = 'sonloc@ocop.example.vn'",
    )
    .await;
    let under_way = app
        .state
        .uploads
        .account_turn(app::model::ids::UserId(user_a))
        .await
        .expect("a turn");
    let photo_form = |app: std::sync::Arc<TestApp>, cookie: String| async move {
        app.post("/portal/products/new")
            .cookie(&cookie)
            .multipart(
                &[
                    ("name", "Sản phẩm mới"),
                    ("set_id", "1"),
                    ("new_photo_alt", "Ảnh"),
                ],
                Some(("new_photo", "anh.jpg", PHOTO.to_vec())),
            )
            .await
            .status
    };
    let a_again = tokio::spawn(photo_form(app.clone(), producer_a));
    assert_eq!(photo_form(app.clone(), producer_b).await, 303, "B goes on");
    assert!(
        !a_again.is_finished(),
        "A's second upload waits for the first"
    );
    drop(under_way);
    assert_eq!(a_again.await.unwrap(), 303, "then goes through");
}

#[tokio::test]
async fn housekeeping_keeps_news_covers_and_deletes_files_no_row_knows() {
    let app = spawn_app().await;
    sqlx::query(
        "INSERT INTO media (sha256, mime, width, height, bytes, created_at) VALUES
             (printf('%064d', 1), 'image/jpeg', 10, 10, 100, datetime('now', '-2 days')),
             (printf('%064d', 2), 'image/jpeg', 10, 10, 100, datetime('now', '-2 days'))",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO news_posts (slug, title, cover_media_id) VALUES ('bia-moi', 'Bìa mới', (SELECT id FROM media WHERE sha256 = printf('%064d', 1)))",
    )
    .execute(&app.direct)
    .await
    .unwrap();
    // A file an unfinished upload left behind, a day and more ago, and one written just now.
    std::fs::create_dir_all(app.media_dir()).unwrap();
    let stale = app.media_dir().join(format!("{:064}.jpg", 3));
    let fresh = app.media_dir().join(format!("{:064}.jpg", 4));
    for path in [&stale, &fresh] {
        std::fs::write(path, b"jpeg").unwrap();
    }
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400))
        .unwrap();
    server::uploads::remove_unused(&app.state)
        .await
        .expect("housekeeping goes through");
    let left: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM media ORDER BY sha256")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        left,
        [format!("{:064}", 1)],
        "the cover stays, the unused photo goes"
    );
    assert!(!stale.exists(), "a stale file no row knows is deleted");
    assert!(fresh.exists(), "a new one may be about to be registered");
}
