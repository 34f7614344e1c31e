//! Recognition and certificates: a decision recognises a batch at once, each product with its
//! certificate valid 36 months from the decision (to the end of a shorter month), new,
//! re-certified, upgraded or downgraded beside the one before; the public star follows at
//! once; producers are told of expiry once, 30 days before; revoked and expired certificates
//! stay in the product's history.

use crate::common;

use crate::common::{spawn_app, DemoUser, TestApp};

/// A registration of `product` scored `stars` by the province in a cycle of `year`, awaiting
/// its decision.
async fn scored(app: &TestApp, year: i64, product: i64, stars: i64, total: i64) -> i64 {
    sqlx::query("INSERT OR IGNORE INTO ocop_cycles (year, name, scheme_id, stage, opens_on) VALUES (?1, 'Chu trình ' || ?1, 3, 'recognition', ?1 || '-03-01')")
        .bind(year)
        .execute(&app.direct)
        .await
        .expect("cycle");
    let registration: i64 = sqlx::query_scalar(
        "INSERT INTO registrations (cycle_id, product_id, kind, registered_on, status, level)
         VALUES ((SELECT id FROM ocop_cycles WHERE year = ?1), ?2, 'existing', ?1 || '-03-02', 'evaluated', 'province') RETURNING id",
    )
    .bind(year)
    .bind(product)
    .fetch_one(&app.direct)
    .await
    .expect("registration");
    let (a, b) = (total * 40 / 100, total * 25 / 100);
    sqlx::query(
        "INSERT INTO evaluations (product_id, registration_id, cycle_id, scheme_id, council_level, score_a, score_b, score_c, total, stars, evaluated_on)
         VALUES (?1, ?2, (SELECT id FROM ocop_cycles WHERE year = ?3), 3, 'province', ?4, ?5, ?6, ?7, ?8, ?3 || '-10-01')",
    )
    .bind(product)
    .bind(registration)
    .bind(year)
    .bind(a)
    .bind(b)
    .bind(total - a - b)
    .bind(total)
    .bind(stars)
    .execute(&app.direct)
    .await
    .expect("evaluation");
    registration
}

async fn decide(
    app: &TestApp,
    year: i64,
    number: &str,
    date: &str,
    registrations: &[i64],
) -> common::Reply {
    let names: Vec<String> = registrations
        .iter()
        .map(|id| format!("registration-{id}"))
        .collect();
    let mut form: Vec<(&str, &str)> = vec![("decision_no", number), ("decision_date", date)];
    form.extend(names.iter().map(|name| (name.as_str(), "on")));
    app.as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/cycles/{year}/decision"))
        .form(&form)
        .await
}

#[tokio::test]
async fn a_decision_recognises_its_batch_with_certificates_for_36_months_and_the_public_star_follows(
) {
    let app = spawn_app().await;
    let son_loc = app.published_product(DemoUser::ProducerA).await;
    let previous: i64 = app
        .scalar(&format!("SELECT coalesce((SELECT c.stars FROM certificates c JOIN products p ON p.current_certificate_id = c.id WHERE p.id = {}), 0)", son_loc.id))
        .await;
    let unrated: i64 = app.scalar("SELECT min(id) FROM products WHERE status = 'published' AND current_certificate_id IS NULL").await;
    let upgraded = scored(&app, 2029, son_loc.id, 5, 9150).await;
    let new = scored(&app, 2029, unrated, 3, 6000).await;
    // Decided on 29 February: valid until the end of February three years on.
    let reply = decide(&app, 2029, "88/QĐ-UBND", "2028-02-29", &[upgraded, new]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let issued: Vec<(String, i64, String, String, String)> = sqlx::query_as(
        "SELECT certificate_no, stars, outcome, issued_on, expires_on FROM certificates WHERE product_id IN (?1, ?2) AND issued_on = '2028-02-29' ORDER BY stars DESC",
    )
    .bind(son_loc.id)
    .bind(unrated)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(issued.len(), 2);
    assert_eq!(issued[0].4, "2031-02-28");
    assert_eq!(
        issued[0].2,
        if previous == 5 {
            "recertified"
        } else {
            "upgraded"
        }
    );
    assert_eq!((issued[1].1, issued[1].2.as_str()), (3, "new"));
    assert!(issued[0].0.starts_with("QT-2028-"));
    for registration in [upgraded, new] {
        assert_eq!(
            app.text(&format!(
                "SELECT status FROM registrations WHERE id = {registration}"
            ))
            .await,
            "recognised"
        );
    }
    // The product page shows the new star and certificate at once.
    let page = app.get(&format!("/products/{}", son_loc.slug)).await;
    assert!(page.body.contains(&issued[0].0));
    assert!(page.body.contains("91,50/100"));
    // The producer is told.
    let told = app
        .text("SELECT text_vi FROM producer_notices ORDER BY id DESC LIMIT 1")
        .await;
    assert!(told.contains("88/QĐ-UBND"), "{told}");
    // Deciding the same again is refused: they no longer await a decision.
    let before = app.snapshot().await;
    let again = decide(&app, 2029, "89/QĐ-UBND", "2028-03-01", &[upgraded]).await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("không còn chờ quyết định công nhận"));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn certificates_are_numbered_after_the_years_highest_even_past_a_gap() {
    let app = spawn_app().await;
    let products: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM products WHERE status = 'published' ORDER BY id LIMIT 3",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let first = scored(&app, 2030, products[0], 4, 7500).await;
    let second = scored(&app, 2030, products[1], 4, 7600).await;
    let reply = decide(&app, 2030, "10/QĐ-UBND", "2030-11-02", &[first, second]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    // The year's second number was changed by hand: 0001 and 0003 are issued, 0002 is not.
    sqlx::query("UPDATE certificates SET certificate_no = 'QT-2030-0003' WHERE certificate_no = 'QT-2030-0002'")
        .execute(&app.direct)
        .await
        .unwrap();
    let third = scored(&app, 2030, products[2], 3, 6000).await;
    // The batch names the product twice, as a hand-made form can: it is decided once.
    let (plain, padded) = (
        format!("registration-{third}"),
        format!("registration-0{third}"),
    );
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post("/admin/cycles/2030/decision")
        .form(&[
            ("decision_no", "11/QĐ-UBND"),
            ("decision_date", "2030-11-20"),
            (&plain, "on"),
            (&padded, "on"),
        ])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let numbers: Vec<String> = sqlx::query_scalar(
        "SELECT certificate_no FROM certificates WHERE certificate_no LIKE 'QT-2030-%' ORDER BY certificate_no",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(numbers, ["QT-2030-0001", "QT-2030-0003", "QT-2030-0004"]);
}

#[tokio::test]
async fn a_lower_star_than_before_is_recorded_as_downgraded() {
    let app = spawn_app().await;
    let five: i64 = app
        .scalar("SELECT p.id FROM products p JOIN certificates c ON c.id = p.current_certificate_id WHERE c.stars = 5 LIMIT 1")
        .await;
    let registration = scored(&app, 2029, five, 4, 8000).await;
    assert_eq!(
        decide(&app, 2029, "90/QĐ-UBND", "2028-12-01", &[registration])
            .await
            .status,
        303
    );
    let outcome = app
        .text(&format!("SELECT c.outcome FROM certificates c JOIN products p ON p.current_certificate_id = c.id WHERE p.id = {five}"))
        .await;
    assert_eq!(outcome, "downgraded");
}

#[tokio::test]
async fn producers_are_told_once_thirty_days_before_expiry_and_may_register_again() {
    let app = spawn_app().await;
    let product = app.published_product(DemoUser::ProducerA).await;
    // Its certificate ends in 20 days; every other one has had its notice already, so this
    // one alone is due.
    let ends = app.day(20).await;
    sqlx::query("UPDATE certificates SET expiry_notified_at = datetime('now')")
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query("UPDATE certificates SET expires_on = ?1, expiry_notified_at = NULL WHERE id = (SELECT current_certificate_id FROM products WHERE id = ?2)")
        .bind(&ends)
        .bind(product.id)
        .execute(&app.direct)
        .await
        .unwrap();
    let producer = app.producer_id(DemoUser::ProducerA).await;
    let notices = format!("SELECT count(*) FROM producer_notices WHERE producer_id = {producer} AND text_vi LIKE '%hết hạn ngày%'");
    let outbox = app.count("outbox").await;
    let told = app::store::certificates::notify_expiring(&app.writer, true)
        .await
        .unwrap();
    assert_eq!(told, 1);
    assert_eq!(app.scalar(&notices).await, 1);
    assert_eq!(
        app.count("outbox").await,
        outbox + 1,
        "one mail to its account"
    );
    // The hourly run again: nobody is told twice.
    assert_eq!(
        app::store::certificates::notify_expiring(&app.writer, true)
            .await
            .unwrap(),
        0
    );
    assert_eq!(app.scalar(&notices).await, 1);
    // Staff see it among those expiring, told.
    let list = app
        .as_user(DemoUser::Staff)
        .await
        .get("/admin/certificates")
        .await;
    assert!(list.body.contains(&product.name));
    // From its portal the producer registers it again in the open cycle.
    sqlx::query("INSERT INTO ocop_cycles (year, name, scheme_id, stage, opens_on) VALUES (2027, 'Chu trình 2027', 3, 'registration', '2027-01-04')")
        .execute(&app.direct)
        .await
        .unwrap();
    let caller = app.as_user(DemoUser::ProducerA).await;
    let page = caller.get("/portal/ocop").await;
    assert!(page.body.contains(&format!("again={}", product.id)));
    let reply = caller
        .post("/portal/ocop/register")
        .form(&[
            ("kind", "existing"),
            ("product_id", &product.id.to_string()),
        ])
        .await;
    assert_eq!(reply.status, 303);
    assert!(app
        .as_user(DemoUser::Staff)
        .await
        .get("/admin/certificates")
        .await
        .body
        .contains("đã đăng ký lại"));
}

#[tokio::test]
async fn a_revoked_certificate_stays_in_the_history_and_the_star_falls_back() {
    let app = spawn_app().await;
    let product = app.published_product(DemoUser::ProducerA).await;
    let certificate: i64 = app
        .scalar(&format!(
            "SELECT current_certificate_id FROM products WHERE id = {}",
            product.id
        ))
        .await;
    let number = app
        .text(&format!(
            "SELECT certificate_no FROM certificates WHERE id = {certificate}"
        ))
        .await;
    let staff = app.as_user(DemoUser::Staff).await;
    let before = app.snapshot().await;
    let refused = staff
        .post(&format!("/admin/certificates/{certificate}/revoke"))
        .form(&[("reason", "")])
        .await;
    assert_eq!(refused.status, 422);
    assert!(!refused.field_message("reason").is_empty());
    assert_eq!(app.snapshot().await, before);
    let reason = "Cơ sở ngừng sản xuất sản phẩm.";
    assert_eq!(
        staff
            .post(&format!("/admin/certificates/{certificate}/revoke"))
            .form(&[("reason", reason)])
            .await
            .status,
        303
    );
    let current: Option<i64> =
        sqlx::query_scalar("SELECT current_certificate_id FROM products WHERE id = ?1")
            .bind(product.id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_ne!(current, Some(certificate));
    let page = app.get(&format!("/products/{}", product.slug)).await;
    assert!(page.body.contains("Lịch sử chứng nhận"));
    assert!(page.body.contains(&number));
    assert!(page.body.contains(reason));
    // A certificate cannot be revoked twice.
    assert_eq!(
        staff
            .post(&format!("/admin/certificates/{certificate}/revoke"))
            .form(&[("reason", reason)])
            .await
            .status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn staff_sending_the_same_decision_at_once_issue_each_certificate_once() {
    let app = std::sync::Arc::new(spawn_app().await);
    let unrated: i64 = app.scalar("SELECT min(id) FROM products WHERE status = 'published' AND current_certificate_id IS NULL").await;
    let registration = scored(&app, 2029, unrated, 4, 7500).await;
    let mut tasks = Vec::new();
    for _ in 0..6 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            decide(&app, 2029, "90/QĐ-UBND", "2029-12-20", &[registration])
                .await
                .status
                .as_u16()
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("task"));
    }
    // The first decides; the others find nothing left to recognise and say so, never a 500.
    assert_eq!(
        answers.iter().filter(|s| **s == 303).count(),
        1,
        "{answers:?}"
    );
    assert!(
        answers.iter().all(|s| *s == 303 || *s == 409),
        "{answers:?}"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM certificates WHERE product_id = {unrated}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE action = 'recognise' AND entity_id = {registration}"
        ))
        .await,
        1
    );
}
