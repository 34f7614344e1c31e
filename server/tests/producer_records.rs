//! Producers' records (`store::producer_records`): the producer edits its profile, staff
//! keep the legal facts.

use crate::common::{spawn_app, DemoUser};

#[tokio::test]
async fn the_profile_is_the_producers_but_legal_facts_are_not() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let unit = app.scalar("SELECT admin_unit_id FROM producers p JOIN users u ON u.producer_id = p.id WHERE u.email = 'sonloc@ocop.example.vn'").await.to_string();
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
        let reply = producer.post("/portal/profile").form(&form).await;
        assert_eq!(reply.status, 422, "{field}");
        assert_eq!(reply.field_message(field), message, "{field}");
        assert_eq!(app.snapshot().await, before, "{field}");
    }
    let saved = producer
        .post("/portal/profile")
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
        app.scalar(
            "SELECT count(*) FROM audit_log WHERE entity = 'producer' AND action = 'update'"
        )
        .await,
        1
    );
}
