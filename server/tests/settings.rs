//! The office's settings (`/admin/settings`, `server/src/admin.rs`): what an admin sets is what
//! every page, feed and print says, from the next request, the page cache included; nothing in
//! the code names a province, so a database set up for another one never shows Quảng Bình;
//! refused settings change nothing; two admins saving at once are both kept, in turn.

use crate::common::{spawn_app, spawn_empty_app, DemoUser, TestApp};

const QUANG_TRI: [(&str, &str); 12] = [
    ("province_vi", "Quảng Trị"),
    ("province_en", "Quang Tri"),
    (
        "name_vi",
        "Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị",
    ),
    ("name_en", "Quang Tri Provincial OCOP Coordination Office"),
    ("short_name_vi", "OCOP Quảng Trị"),
    ("short_name_en", "OCOP Quang Tri"),
    ("address", "Số 1 Hùng Vương, Đông Hà"),
    ("phone", "0233 3 852 111"),
    ("email", "ocop@quangtri.example.vn"),
    ("hours_vi", "Thứ Hai đến Thứ Sáu"),
    ("hours_en", "Monday to Friday"),
    ("default_lang", "vi"),
];

/// The settings form with `changed` over Quảng Trị's.
fn settings<'a>(changed: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    QUANG_TRI
        .iter()
        .map(|(field, value)| {
            let value = changed
                .iter()
                .find(|(name, _)| name == field)
                .map_or(*value, |(_, value)| *value);
            (*field, value)
        })
        .collect()
}

async fn save(app: &TestApp, form: &[(&str, &str)]) -> crate::common::Reply {
    let admin = app.as_user(DemoUser::Admin).await;
    admin.post("/admin/settings").form(form).await
}

#[tokio::test]
async fn what_an_admin_sets_is_what_every_page_feed_and_print_says_from_the_next_request() {
    let app = spawn_app().await;
    // The demo's office, and a copy of the home page kept by the page cache.
    let before = app.get("/").await;
    assert!(before
        .body
        .contains("<title>Sản phẩm OCOP Quảng Bình · OCOP Quảng Bình</title>"));
    assert_eq!(app.get("/").await.body, before.body);

    let saved = save(&app, &settings(&[])).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(saved.header("location"), "/admin/settings?saved");

    let home = app.get("/").await;
    assert!(home
        .body
        .contains("<title>Sản phẩm OCOP Quảng Trị · OCOP Quảng Trị</title>"));
    assert!(home.body.contains("<h1>Sản phẩm OCOP Quảng Trị</h1>"));
    assert!(home.body.contains("<strong>OCOP Quảng Trị</strong>"));
    assert!(home
        .body
        .contains("Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị"));
    assert!(home.body.contains("href=\"tel:02333852111\""));
    assert!(home
        .body
        .contains("href=\"mailto:ocop@quangtri.example.vn\""));
    let english = app.get("/products").header("cookie", "lang=en").await;
    assert!(
        english.body.contains("· OCOP Quang Tri</title>"),
        "{}",
        english.body
    );
    assert!(english
        .body
        .contains("Quang Tri Provincial OCOP Coordination Office"));
    assert!(app
        .get("/feed.xml")
        .await
        .body
        .contains("<title>Tin tức OCOP Quảng Trị</title>"));
    assert!(app
        .get("/fairs.ics")
        .await
        .body
        .contains("NAME:Sự kiện OCOP Quảng Trị"));
    let staff = app.as_user(DemoUser::Staff).await;
    for print in [
        "/admin/reports?year=2021",
        "/admin/handbook?from=2018&to=2020",
    ] {
        let page = staff.get(print).await;
        assert_eq!(page.status, 200, "{print}");
        assert!(
            page.body
                .contains("Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị"),
            "{print}"
        );
    }
    // The office signs the mail it sends to producers.
    let product = app.published_product(DemoUser::ProducerA).await;
    let certificate = app
        .scalar(&format!(
            "SELECT current_certificate_id FROM products WHERE id = {}",
            product.id
        ))
        .await;
    let revoked = staff
        .post(&format!("/admin/certificates/{certificate}/revoke"))
        .form(&[("reason", "Cơ sở ngừng sản xuất.")])
        .await;
    assert_eq!(revoked.status, 303);
    let (subject, body): (String, String) =
        sqlx::query_as("SELECT subject, body FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .expect("the producer's mail");
    assert_eq!(
        subject,
        "Thông báo từ Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị \
         · Notice from Quang Tri Provincial OCOP Coordination Office"
    );
    assert!(body.contains("\n\nVăn phòng Điều phối Chương trình OCOP tỉnh Quảng Trị\n"));
    // The form shows what is set now.
    let form = app
        .as_user(DemoUser::Admin)
        .await
        .get("/admin/settings")
        .await;
    assert!(form.body.contains("value=\"OCOP Quảng Trị\""));

    // One audit entry, with what the settings were and became.
    let (before, after): (String, String) = sqlx::query_as(
        "SELECT before, after FROM audit_log WHERE entity = 'office' AND action = 'update'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("one audit entry");
    assert!(before.contains("Quảng Bình") && after.contains("Quảng Trị"));
    // Saving the same again records nothing.
    assert_eq!(save(&app, &settings(&[])).await.status, 303);
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'office'")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(entries, 1);
}

#[tokio::test]
async fn no_page_of_a_database_set_up_for_another_province_names_quang_binh() {
    let app = spawn_empty_app().await;
    sqlx::query(
        "UPDATE office SET province_vi = 'Quảng Trị', name_vi = 'Văn phòng OCOP tỉnh Quảng Trị',
                short_name_vi = 'OCOP Quảng Trị' WHERE id = 1",
    )
    .execute(&app.direct)
    .await
    .expect("the settings");
    // Every page that always exists, and what else a visitor or a crawler reads.
    for path in app::store::sitemap::FIXED_PATHS.into_iter().chain([
        "/login",
        "/no-such-page",
        "/feed.xml",
        "/fairs.ics",
        "/sitemap.xml",
        "/data/products.json",
        "/data/products.csv",
        "/stats/theo-nhom.csv",
    ]) {
        for lang in ["vi", "en"] {
            let reply = app
                .get(path)
                .header("cookie", &format!("lang={lang}"))
                .await;
            assert!(!reply.status.is_server_error(), "{path}: {}", reply.status);
            assert!(
                !reply.body.contains("Quảng Bình"),
                "{path} ({lang}) names Quảng Bình"
            );
            assert!(!reply.body.contains("Quang Binh"), "{path} ({lang})");
        }
    }
    assert!(app.get("/").await.body.contains("Sản phẩm OCOP Quảng Trị"));
}

#[tokio::test]
async fn refused_settings_are_shown_again_with_their_messages_and_change_nothing() {
    let app = spawn_app().await;
    // Signed in first: a sign-in is written down too.
    app.as_user(DemoUser::Admin).await;
    let before = app.snapshot().await;
    let refused = save(
        &app,
        &settings(&[
            ("province_vi", ""),
            ("email", "ocop@"),
            ("phone", "gọi cho chúng tôi"),
        ]),
    )
    .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.field_message("province_vi"),
        "Vui lòng điền mục này."
    );
    assert!(refused
        .field_message("email")
        .starts_with("Địa chỉ email chưa đúng"));
    assert!(refused
        .field_message("phone")
        .starts_with("Số điện thoại chỉ gồm"));
    // What was typed is kept.
    assert!(refused.body.contains("value=\"gọi cho chúng tôi\""));
    let too_long = "x".repeat(61);
    let refused = save(&app, &settings(&[("province_en", &too_long)])).await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.field_message("province_en"), "Dài tối đa 60 ký tự.");
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn two_admins_saving_the_settings_at_once_are_both_kept_in_turn() {
    let app = spawn_app().await;
    let first = settings(&[("short_name_vi", "OCOP Quảng Trị A")]);
    let second = settings(&[("short_name_vi", "OCOP Quảng Trị B")]);
    let (a, b) = tokio::join!(save(&app, &first), save(&app, &second));
    assert_eq!(
        (a.status.as_u16(), b.status.as_u16()),
        (303, 303),
        "{} {}",
        a.body,
        b.body
    );
    let entries: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity = 'office'")
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(entries, 2);
    let shown = app.get("/").await.body;
    assert!(shown.contains("OCOP Quảng Trị A") != shown.contains("OCOP Quảng Trị B"));
}

#[tokio::test]
async fn a_logo_is_checked_from_its_content_shown_in_the_header_and_kept_until_replaced() {
    let app = spawn_app().await;
    let admin = app.as_user(DemoUser::Admin).await;
    let before = app.snapshot().await;
    let not_a_photo = admin
        .post("/admin/settings")
        .multipart(
            &settings(&[]),
            Some(("logo", "logo.jpg", b"%PDF-1.4 not a photo".to_vec())),
        )
        .await;
    assert_eq!(not_a_photo.status, 422);
    assert!(!not_a_photo.field_message("logo").is_empty());
    assert_eq!(app.snapshot().await, before);

    let photo = include_bytes!("../../end2end/fixtures/photo.jpg").to_vec();
    let saved = admin
        .post("/admin/settings")
        .multipart(&settings(&[]), Some(("logo", "logo.jpg", photo)))
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let logo = app
        .text("SELECT m.sha256 FROM office o JOIN media m ON m.id = o.logo_media_id WHERE o.id = 1")
        .await;
    let home = app.get("/").await;
    let header = &home.body[home.body.find("class=\"brand\"").unwrap_or(0)..];
    let header: String = header.chars().take(500).collect();
    assert!(header.contains(&format!("src=\"/media/{logo}")), "{header}");
    assert_eq!(app.get(&format!("/media/{logo}.jpg")).await.status, 200);
    // Saved again without a file, the logo stays.
    assert_eq!(
        save(&app, &settings(&[("phone", "0233 3 852 222")]))
            .await
            .status,
        303
    );
    assert!(app.get("/").await.body.contains(&format!("/media/{logo}")));
}

#[tokio::test]
async fn a_visitor_who_asks_for_neither_language_reads_the_offices_default() {
    let app = spawn_app().await;
    let lang_of = |body: &str| {
        body.split("<html lang=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned()
    };
    // Vietnamese until the office says otherwise.
    let french = [("accept-language", "fr-FR,fr;q=0.9")];
    assert_eq!(lang_of(&app.get("/").headers(&french).await.body), "vi");
    // An unknown language is refused with its message next to the field, nothing stored.
    app.session_of(DemoUser::Admin).await;
    let before = app.snapshot().await;
    let refused = save(&app, &settings(&[("default_lang", "fr")])).await;
    assert_eq!(refused.status, 422);
    assert!(!refused.field_message("default_lang").is_empty());
    assert_eq!(app.snapshot().await, before);
    assert_eq!(
        save(&app, &settings(&[("default_lang", "en")]))
            .await
            .status,
        303
    );
    // English for those who name neither language (the page cache keys them so too), while a
    // browser asking for Vietnamese, and a visitor's own choice, still win.
    assert_eq!(lang_of(&app.get("/").headers(&french).await.body), "en");
    assert_eq!(lang_of(&app.get("/products").await.body), "en");
    let vietnamese = [("accept-language", "vi-VN,vi;q=0.9")];
    assert_eq!(lang_of(&app.get("/").headers(&vietnamese).await.body), "vi");
    let chosen = [("cookie", "lang=vi"), ("accept-language", "fr")];
    assert_eq!(lang_of(&app.get("/").headers(&chosen).await.body), "vi");
    let page = app
        .as_user(DemoUser::Admin)
        .await
        .get("/admin/settings")
        .await;
    assert!(
        page.body.contains("<option value=\"en\" selected"),
        "the setting shows as saved"
    );
}
