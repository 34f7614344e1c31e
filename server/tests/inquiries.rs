//! Contacting a producer: stored in the same request, every bad field refused with its own
//! message and nothing kept, robots and floods turned away, mail queued and retried.

use crate::common::{spawn_app, DemoUser, TestApp};
use axum::http::StatusCode;

const GOOD: [(&str, &str); 6] = [
    ("target", "product"),
    ("slug", "nuoc-mam-chay-son-loc"),
    ("name", "Nguyễn Thị Lan"),
    ("phone", "0912 345 678"),
    ("email", "lan@example.vn"),
    ("message", "Cho tôi hỏi giá sỉ 100 chai nước mắm chay?"),
];

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    GOOD.iter()
        .map(|(key, value)| {
            (
                *key,
                changes
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(*value, |(_, v)| *v),
            )
        })
        .collect()
}

async fn send(app: &TestApp, form: &[(&str, &str)], from: &str) -> (StatusCode, String) {
    let response = app
        .post("/api/inquiry")
        .form(form)
        .headers(&[("accept", "application/json"), ("x-forwarded-for", from)])
        .response()
        .await;
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn stored(app: &TestApp) -> (i64, i64) {
    (app.count("inquiries").await, app.count("outbox").await)
}

#[tokio::test]
async fn a_good_inquiry_is_stored_and_mail_is_queued_in_the_same_request() {
    let app = spawn_app().await;
    let before = stored(&app).await;
    let (status, body) = send(&app, &GOOD, "203.0.113.1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(stored(&app).await, (before.0 + 1, before.1 + 1));
    let (name, product, status): (String, Option<String>, String) = sqlx::query_as(
        "SELECT i.name, p.slug, i.status FROM inquiries i LEFT JOIN products p ON p.id = i.product_id ORDER BY i.id DESC LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        (name.as_str(), product.as_deref(), status.as_str()),
        ("Nguyễn Thị Lan", Some("nuoc-mam-chay-son-loc"), "new")
    );
    let (to, subject, mail): (String, String, String) =
        sqlx::query_as("SELECT to_addr, subject, body FROM outbox ORDER BY id DESC LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    insta::assert_snapshot!("the mail to the producer", format!("{subject}\n\n{mail}"));
    let producer_email: String =
        sqlx::query_scalar("SELECT email FROM producers WHERE slug = 'htx-nong-nghiep-son-loc'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(to, producer_email);

    let (status, _) = send(
        &app,
        &with(&[("target", "producer"), ("slug", "co-so-toi-den-quang-minh")]),
        "203.0.113.1",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn every_bad_field_gets_its_own_message_and_nothing_is_stored() {
    let app = spawn_app().await;
    let before = stored(&app).await;
    let long_name = "a".repeat(101);
    let long_message = "ô".repeat(2001);
    // The form, the field it gets wrong, and the message next to that field.
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            with(&[("name", "  ")]),
            "name",
            "Vui lòng cho biết tên của bạn.",
        ),
        (
            with(&[])
                .into_iter()
                .map(|(k, v)| {
                    if k == "name" {
                        (k, long_name.as_str())
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            "name",
            "Tên dài quá 100 ký tự.",
        ),
        (
            with(&[("phone", ""), ("email", "")]),
            "phone",
            "Vui lòng để lại số điện thoại hoặc email",
        ),
        (
            with(&[("phone", "12ab")]),
            "phone",
            "Số điện thoại không hợp lệ",
        ),
        (
            with(&[("email", "lan@@example")]),
            "email",
            "Địa chỉ email không hợp lệ.",
        ),
        (
            with(&[("message", "")]),
            "message",
            "Vui lòng nhập nội dung cần hỏi.",
        ),
        (
            with(&[])
                .into_iter()
                .map(|(k, v)| {
                    if k == "message" {
                        (k, long_message.as_str())
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            "message",
            "Nội dung dài quá 2.000 ký tự.",
        ),
    ];
    for (form, field, message) in cases {
        let (status, body) = send(&app, &form, "203.0.113.2").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {body}");
        let error: app::error::AppError = serde_json::from_str(&body).unwrap();
        let said = error
            .field_message(field, app::i18n::Lang::Vi)
            .unwrap_or_default();
        assert!(said.starts_with(message), "{field}: {said}");
    }
    assert_eq!(stored(&app).await, before);
}

#[tokio::test]
async fn unknown_targets_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let before = stored(&app).await;
    let (status, _) = send(&app, &with(&[("slug", "khong-co")]), "203.0.113.3").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = send(&app, &with(&[("target", "news")]), "203.0.113.3").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A draft product is not public: nobody can write about it.
    let draft: String =
        sqlx::query_scalar("SELECT slug FROM products WHERE status = 'draft' LIMIT 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (status, _) = send(
        &app,
        &with(&[])
            .into_iter()
            .map(|(k, v)| {
                if k == "slug" {
                    (k, draft.as_str())
                } else {
                    (k, v)
                }
            })
            .collect::<Vec<_>>(),
        "203.0.113.3",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&app).await, before);
}

#[tokio::test]
async fn a_filled_honeypot_looks_accepted_but_nothing_is_stored() {
    let app = spawn_app().await;
    let before = stored(&app).await;
    let mut form = GOOD.to_vec();
    form.push(("website", "http://spam.example"));
    let (status, _) = send(&app, &form, "203.0.113.4").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stored(&app).await, before);
}

#[tokio::test]
async fn one_address_is_limited_per_hour_with_a_clear_message() {
    let app = spawn_app().await;
    for _ in 0..app::store::inquiries::PER_ADDRESS_PER_HOUR {
        assert_eq!(send(&app, &GOOD, "198.51.100.7").await.0, StatusCode::OK);
    }
    let before = stored(&app).await;
    let (status, body) = send(&app, &GOOD, "198.51.100.7").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let error: app::error::AppError = serde_json::from_str(&body).unwrap();
    assert!(error.message(app::i18n::Lang::Vi).contains("quá nhiều"));
    assert_eq!(stored(&app).await, before);
    // Someone else is not held back.
    assert_eq!(send(&app, &GOOD, "198.51.100.8").await.0, StatusCode::OK);
}

/// The fields a page's form sends without JavaScript (no target or slug: the address says),
/// with `changes` made, the honeypot among them.
fn typed(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut fields: Vec<_> = with(changes)
        .into_iter()
        .filter(|(key, _)| !["target", "slug"].contains(key))
        .collect();
    fields.extend(
        changes
            .iter()
            .filter(|(key, _)| !GOOD.iter().any(|(k, _)| k == key)),
    );
    fields
}

#[tokio::test]
async fn a_form_posted_without_javascript_is_shown_again_with_what_was_typed_or_goes_back_sent() {
    let app = spawn_app().await;
    let before = stored(&app).await;
    let action = "/products/nuoc-mam-chay-son-loc/inquiry";
    let from = [("x-forwarded-for", "203.0.113.9")];

    let bad = app
        .post(action)
        .form(&typed(&[("phone", ""), ("email", "x@"), ("message", "")]))
        .headers(&from)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Địa chỉ email không hợp lệ."));
    assert!(bad.body.contains("Vui lòng nhập nội dung cần hỏi."));
    assert!(
        bad.body.contains(r#"value="Nguyễn Thị Lan""#) && bad.body.contains(r#"value="x@""#),
        "what was typed is kept in the fields"
    );
    assert_eq!(stored(&app).await, before, "nothing is stored");

    let ok = app.post(action).form(&typed(&[])).headers(&from).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(
        ok.header("location"),
        "/products/nuoc-mam-chay-son-loc?sent#contact"
    );
    assert_eq!(stored(&app).await, (before.0 + 1, before.1 + 1));
    assert!(app
        .get("/products/nuoc-mam-chay-son-loc?sent")
        .await
        .body
        .contains("Đã gửi câu hỏi."));

    let robot = app
        .post("/producers/co-so-toi-den-quang-minh/inquiry")
        .form(&typed(&[("website", "http://spam.example")]))
        .headers(&from)
        .await;
    assert_eq!(robot.status, StatusCode::SEE_OTHER, "a robot is not told");
    assert_eq!(stored(&app).await, (before.0 + 1, before.1 + 1));

    let unknown = app
        .post("/products/khong-co/inquiry")
        .form(&typed(&[]))
        .headers(&from)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&app).await, (before.0 + 1, before.1 + 1));
}

#[tokio::test]
async fn a_flood_without_javascript_is_told_next_to_the_message_which_is_kept() {
    let app = spawn_app().await;
    let action = "/producers/co-so-toi-den-quang-minh/inquiry";
    let from = [("x-forwarded-for", "198.51.100.9")];
    for _ in 0..5 {
        let sent = app.post(action).form(&typed(&[])).headers(&from).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
    }
    let before = stored(&app).await;
    let refused = app.post(action).form(&typed(&[])).headers(&from).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("quá nhiều"), "{}", refused.body);
    assert!(refused
        .body
        .contains("Cho tôi hỏi giá sỉ 100 chai nước mắm chay?"));
    assert_eq!(stored(&app).await, before);
}

#[tokio::test]
async fn the_inbox_filters_by_status_and_the_page_marks_read_with_a_post_not_a_get() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let producer_id = app
        .scalar("SELECT producer_id FROM users WHERE email = 'sonloc@ocop.example.vn'")
        .await;
    for name in ["Chị Hoa", "Anh Nam"] {
        sqlx::query("INSERT INTO inquiries (producer_id, name, email, message) VALUES (?1, ?2, 'khach@example.vn', 'Cho hỏi giá sỉ?')")
            .bind(producer_id)
            .bind(name)
            .execute(&app.direct)
            .await
            .unwrap();
    }
    let new = app
        .scalar(&format!(
            "SELECT count(*) FROM inquiries WHERE producer_id = {producer_id} AND status = 'new'"
        ))
        .await;
    let header = producer.get("/portal").await;
    assert!(
        header
            .body
            .contains(&format!("<span class=\"count\">{new}")),
        "the count is in the navigation"
    );
    let inbox = producer.get("/portal/inquiries?status=new").await;
    let shown = inbox.body.replace("<!>", "");
    assert!(shown.contains("Chị Hoa") && shown.contains(&format!("Mới ({new})")));
    let id = app
        .scalar("SELECT id FROM inquiries WHERE name = 'Chị Hoa'")
        .await;
    let opened = producer.get(&format!("/portal/inquiries/{id}")).await;
    assert!(opened.body.contains("mailto:khach@example.vn"));
    let status_sql = format!("SELECT status FROM inquiries WHERE id = {id}");
    let status = || app.text(&status_sql);
    assert_eq!(
        status().await,
        "new",
        "a GET (a prefetch, a reload) changes nothing"
    );
    let id_text = id.to_string();
    let id_form = [("id", id_text.as_str())];
    let mark = || producer.post("/api/portal/inquiry/read").form(&id_form);
    assert_eq!(mark().await.status, 200);
    assert_eq!(status().await, "read");
    let answered = producer
        .post(&format!("/portal/inquiries/{id}"))
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
    let bad = producer
        .post(&format!("/portal/inquiries/{id}"))
        .form(&[("status", "deleted")])
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        producer
            .get("/portal/inquiries?status=deleted")
            .await
            .status,
        422
    );
}

#[tokio::test]
async fn an_inquiry_sent_early_in_the_morning_in_vietnam_is_dated_that_morning_not_the_day_before()
{
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let producer_id = app
        .scalar("SELECT producer_id FROM users WHERE email = 'sonloc@ocop.example.vn'")
        .await;
    // 23:30 UTC on 4 December is 06:30 on 5 December in Vietnam.
    sqlx::query(
        "INSERT INTO inquiries (producer_id, name, email, message, created_at)
         VALUES (?1, 'Chị Mai', 'mai@example.vn', 'Cho hỏi giá?', '2026-12-04 23:30:00')",
    )
    .bind(producer_id)
    .execute(&app.direct)
    .await
    .expect("an inquiry");
    let id = app
        .scalar("SELECT id FROM inquiries WHERE name = 'Chị Mai'")
        .await;
    let opened = producer.get(&format!("/portal/inquiries/{id}")).await;
    let shown = opened.body.replace("<!>", "");
    assert!(shown.contains("05/12/2026"), "dated in Vietnam");
    assert!(!shown.contains("04/12/2026"), "not in UTC");
}
