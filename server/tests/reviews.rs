//! Staff's review of listings (`store::reviews`): a proposal reaches the public only when
//! staff approve it, and a rejection carries a reason its producer reads.

use crate::common::{spawn_app, DemoUser, Product};

const PHOTO: &[u8] = include_bytes!("../../end2end/fixtures/photo.jpg");

#[tokio::test]
async fn a_change_with_a_photo_goes_public_only_when_staff_approve() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let Product {
        id,
        slug,
        name: old_name,
        set_id,
    } = app.published_product(DemoUser::ProducerA).await;
    let new_name = format!("{old_name} hảo hạng");
    let reply = producer
        .post(&format!("/portal/products/{id}"))
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
    assert_eq!(app.scalar("SELECT count(*) FROM media").await, 2);
    let files: Vec<_> = std::fs::read_dir(app.media_dir())
        .unwrap()
        .filter_map(Result::ok)
        .collect();
    assert_eq!(files.len(), 2);
    // The public still sees the approved version.
    let public = app.get(&format!("/products/{slug}")).await;
    assert!(public.body.contains(&old_name) && !public.body.contains(&new_name));
    // The producer sees it waiting.
    let own = producer.get("/portal/products").await;
    assert!(own.body.contains("Chờ duyệt"));

    let revision = app
        .scalar(
            "SELECT id FROM product_revisions WHERE status = 'pending' ORDER BY id DESC LIMIT 1",
        )
        .await;
    let review = staff.get(&format!("/admin/reviews/{revision}")).await;
    assert_eq!(review.status, 200);
    assert!(
        review.body.contains(&new_name) && review.body.contains(&old_name),
        "both versions side by side"
    );
    assert!(review.body.contains("Chai nước mắm trên bàn gỗ"));
    let approve = staff
        .post(&format!("/admin/reviews/{revision}/approve"))
        .await;
    assert_eq!(approve.status, 303);

    let public = app.get(&format!("/products/{slug}")).await;
    assert!(public.body.contains(&new_name), "the change is public");
    assert!(
        public.body.contains("Chai nước mắm trên bàn gỗ"),
        "with its photo and alt text"
    );
    assert_eq!(
        app.scalar(&format!("SELECT price_min FROM products WHERE id = {id}"))
            .await,
        95_000
    );
    let audited = app.scalar("SELECT count(*) FROM audit_log WHERE entity = 'product_revision' AND action IN ('submit', 'approve')").await;
    assert_eq!(audited, 2);
    // What the audit log keeps of the approval: who, what, and the listing before and after.
    let (actor, summary, before, after): (String, String, String, String) = sqlx::query_as(
        "SELECT u.email, a.summary, a.before, a.after FROM audit_log a JOIN users u ON u.id = a.user_id
         WHERE a.action = 'approve' ORDER BY a.id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let pretty = |json: &str| {
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(json).unwrap())
            .unwrap()
    };
    insta::assert_snapshot!(
        "the audit entry of an approval",
        format!(
            "{actor}: {summary}\nbefore: {}\nafter: {}",
            pretty(&before),
            pretty(&after)
        )
    );
}

#[tokio::test]
async fn a_rejection_carries_a_reason_the_producer_sees() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let Product {
        id,
        slug,
        name: old_name,
        set_id,
    } = app.published_product(DemoUser::ProducerA).await;
    producer
        .post(&format!("/portal/products/{id}"))
        .form(&[("name", "Tên quảng cáo quá đà"), ("set_id", &set_id)])
        .await;
    let revision = app.scalar("SELECT max(id) FROM product_revisions").await;
    let before = app.snapshot().await;
    let empty = staff
        .post(&format!("/admin/reviews/{revision}"))
        .form(&[("reason", "  ")])
        .await;
    assert_eq!(empty.status, 422);
    assert_eq!(empty.field_message("reason"), "Vui lòng điền mục này.");
    assert_eq!(app.snapshot().await, before);
    let reject = staff
        .post(&format!("/admin/reviews/{revision}"))
        .form(&[("reason", "Tên sản phẩm phải đúng tên trên giấy chứng nhận.")])
        .await;
    assert_eq!(reject.status, 303);
    let own = producer.get("/portal/products").await;
    assert!(own
        .body
        .contains("Tên sản phẩm phải đúng tên trên giấy chứng nhận."));
    let edit = producer.get(&format!("/portal/products/{id}")).await;
    assert!(
        edit.body.contains("Tên quảng cáo quá đà"),
        "the refused proposal is there to fix"
    );
    assert!(app
        .get(&format!("/products/{slug}"))
        .await
        .body
        .contains(&old_name));
    let again = staff
        .post(&format!("/admin/reviews/{revision}/approve"))
        .await;
    assert_eq!(again.status, 409, "a decided proposal stays decided");
    assert!(again
        .body
        .contains("Đề xuất đang “đã từ chối” nên không thay đổi được nữa."));
}

#[tokio::test]
async fn a_gtin_is_checked_when_proposed_and_becomes_the_products_digital_link_only_when_approved()
{
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let Product {
        id, slug, set_id, ..
    } = app.published_product(DemoUser::ProducerA).await;
    let before = app.snapshot().await;
    for (gtin, says) in [
        (
            "8936046820032",
            "Chữ số kiểm tra (chữ số cuối) sai: với các chữ số trước nó, phải là 1.",
        ),
        (
            "893604682",
            "Mã GTIN có 8, 12, 13 hoặc 14 chữ số; mã này có 9.",
        ),
        // Tỏi đen nhiều tép Quảng Minh's, another producer's product.
        ("8936123400101", "Mã GTIN này đã là của một sản phẩm khác."),
    ] {
        let refused = producer
            .post(&format!("/portal/products/{id}"))
            .form(&[("name", "Nước mắm"), ("set_id", &set_id), ("gtin", gtin)])
            .await;
        assert_eq!(refused.status, 422, "{gtin}");
        assert!(
            refused.field_message("gtin").starts_with(says),
            "{gtin}: {}",
            refused.field_message("gtin")
        );
    }
    assert_eq!(app.snapshot().await, before, "nothing stored");

    let sent = producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            (
                "name",
                &app.text(&format!("SELECT name FROM products WHERE id = {id}"))
                    .await,
            ),
            ("set_id", &set_id),
            ("gtin", "893 6046 82006 2"),
        ])
        .await;
    assert_eq!(sent.status, 303);
    // Not public before review: the code still leads to the certificate's page.
    assert_eq!(app.get("/01/08936046820062").await.status, 404);
    let page = app.get(&format!("/products/{slug}")).await;
    assert!(page.qr_codes()[0].contains("/verify/"));
    let revision = app.scalar("SELECT max(id) FROM product_revisions").await;
    let review = staff.get(&format!("/admin/reviews/{revision}")).await;
    assert!(review.body.contains("Mã GTIN (mã vạch)") && review.body.contains("8936046820062"));
    let approved = staff
        .post(&format!("/admin/reviews/{revision}/approve"))
        .await;
    assert_eq!(approved.status, 303);
    assert_eq!(
        app.text(&format!("SELECT gtin FROM products WHERE id = {id}"))
            .await,
        "08936046820062"
    );
    let page = app.get(&format!("/products/{slug}")).await;
    assert_eq!(
        page.qr_codes(),
        ["https://ocop.example.vn/01/08936046820062"]
    );
    assert_eq!(app.get("/01/08936046820062").await.status, 200);
}

#[tokio::test]
async fn a_gtin_taken_while_its_proposal_waited_is_refused_at_approval() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let Product {
        id, name, set_id, ..
    } = app.published_product(DemoUser::ProducerA).await;
    producer
        .post(&format!("/portal/products/{id}"))
        .form(&[
            ("name", &name),
            ("set_id", &set_id),
            ("gtin", "8936046820062"),
        ])
        .await;
    let revision = app.scalar("SELECT max(id) FROM product_revisions").await;
    // Meanwhile another product got the same GTIN approved.
    sqlx::query("UPDATE products SET gtin = '08936046820062' WHERE id = 32")
        .execute(&app.direct)
        .await
        .expect("taken");
    let before = app.snapshot().await;
    let refused = staff
        .post(&format!("/admin/reviews/{revision}/approve"))
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains("Mã GTIN này đã là của một sản phẩm khác."),
        "{}",
        refused.body
    );
    assert_eq!(app.snapshot().await, before);
}
