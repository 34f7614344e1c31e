//! A producer's own listings (`store::listings`): new ones invisible until approved, drafts
//! deleted only after asking, every bad field refused with its own message and nothing
//! stored, and an address of their own for every name.

use crate::common::{spawn_app, DemoUser, Product};

#[tokio::test]
async fn a_new_listing_is_invisible_until_approved_and_a_draft_can_be_deleted() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let created = producer
        .post("/portal/products/new")
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
    let revision = app
        .scalar(&format!(
            "SELECT id FROM product_revisions WHERE product_id = {id}"
        ))
        .await;
    assert_eq!(
        staff
            .post(&format!("/admin/reviews/{revision}/approve"))
            .await
            .status,
        303
    );
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 200);
    // Once approved it is no draft: it can be hidden, not deleted.
    assert_eq!(
        producer
            .post(&format!("/portal/products/{id}/delete"))
            .await
            .status,
        409
    );
    assert_eq!(
        producer
            .post(&format!("/portal/products/{id}/hide"))
            .await
            .status,
        303
    );
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 404);
    assert_eq!(
        producer
            .post(&format!("/portal/products/{id}/show"))
            .await
            .status,
        303
    );
    assert_eq!(app.get(&format!("/products/{slug}")).await.status, 200);

    producer
        .post("/portal/products/new")
        .form(&[("name", "Bản nháp thử"), ("set_id", "1")])
        .await;
    let draft = app
        .scalar("SELECT id FROM products WHERE name = 'Bản nháp thử'")
        .await;
    assert_eq!(
        producer
            .post(&format!("/portal/products/{draft}/delete"))
            .await
            .status,
        303
    );
    assert_eq!(
        app.scalar(&format!("SELECT count(*) FROM products WHERE id = {draft}"))
            .await,
        0
    );
}

#[tokio::test]
async fn each_bad_listing_field_is_refused_with_its_own_message_and_nothing_stored() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let Product { id, .. } = app.published_product(DemoUser::ProducerA).await;
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
        let reply = producer
            .post(&format!("/portal/products/{id}"))
            .form(&form)
            .await;
        assert_eq!(reply.status, 422, "{field}");
        assert_eq!(reply.field_message(field), message, "{field}");
        assert!(
            reply.body.contains("Chưa lưu được"),
            "{field}: the form says it was not saved"
        );
        assert_eq!(app.snapshot().await, before, "{field}: nothing stored");
    }
    // What was typed is kept.
    let reply = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[("name", "Tên đã gõ"), ("set_id", "1"), ("price_min", "abc")])
        .await;
    assert!(reply.body.contains("value=\"Tên đã gõ\""));
}

#[tokio::test]
async fn deleting_a_draft_asks_first() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let other = app.as_user(DemoUser::ProducerB).await;
    producer
        .post("/portal/products/new")
        .form(&[("name", "Bản nháp thử"), ("set_id", "1")])
        .await;
    let draft = app
        .scalar("SELECT id FROM products WHERE name = 'Bản nháp thử'")
        .await;
    let page = producer
        .get(&format!("/portal/products/{draft}/delete"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Xoá hẳn") && page.body.contains("Bản nháp thử"));
    assert_eq!(
        other
            .get(&format!("/portal/products/{draft}/delete"))
            .await
            .status,
        404
    );
    assert_eq!(
        app.scalar(&format!("SELECT count(*) FROM products WHERE id = {draft}"))
            .await,
        1,
        "asking deletes nothing"
    );
}

#[tokio::test]
async fn names_without_words_still_get_an_address_of_their_own() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    for _ in 0..2 {
        let reply = producer
            .post("/portal/products/new")
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
    let commune = app
        .scalar("SELECT min(id) FROM admin_units WHERE level = 'commune' AND valid_to IS NULL")
        .await
        .to_string();
    let reply = staff
        .post("/admin/producers/new")
        .form(&[
            ("name", "!!!"),
            ("admin_unit_id", &commune),
            ("entity_type", "household"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        app.text("SELECT slug FROM producers WHERE name = '!!!'")
            .await,
        "nha-san-xuat"
    );
}
