//! Commune officers under Decision 1489/QĐ-TTg: an officer sees and works on its communes'
//! producers and registrations alone (the merge's former units included), registers products
//! for them, and reviews a complete dossier: proposed to the province, or sent back with a
//! reason its producer is told. Admins give an officer its communes; the province waits for
//! the proposal before it appraises, under the rules that ask for it.

use crate::common::{commune_review, spawn_app, DemoUser, TestApp};

async fn status(app: &TestApp, registration: i64) -> String {
    app.text(&format!(
        "SELECT status FROM registrations WHERE id = {registration}"
    ))
    .await
}

/// A 2026 registration of the demo in `status` whose producer is filed under `unit` (by name).
async fn in_2026(app: &TestApp, status: &str, unit: &str) -> i64 {
    app.scalar(&format!(
        "SELECT min(r.id) FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id
         JOIN products p ON p.id = r.product_id JOIN producers pr ON pr.id = p.producer_id
         JOIN admin_units u ON u.id = pr.admin_unit_id
         WHERE c.year = 2026 AND r.status = '{status}' AND u.name = '{unit}'"
    ))
    .await
}

#[tokio::test]
async fn an_officer_sees_only_its_communes_producers_and_registrations_across_the_merge() {
    let app = spawn_app().await;
    let officer = app.as_user(DemoUser::Officer).await;
    let desk = officer.get("/commune").await;
    assert_eq!(desk.status, 200);
    assert!(desk.body.contains("Đông Trạch"), "its commune is named");
    // Sơn Lộc is filed under its commune before the merge, which became part of Đông Trạch.
    assert!(desk.body.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert!(!desk.body.contains("Cơ sở Tỏi đen Quảng Minh"));
    let own = in_2026(&app, "registered", "Sơn Lộc").await;
    assert!(desk.body.contains(&format!("/commune/registrations/{own}")));
    let elsewhere = in_2026(&app, "dossier_complete", "Vạn Ninh").await;
    assert!(!desk
        .body
        .contains(&format!("/commune/registrations/{elsewhere}")));
    // Another commune's registration and its files do not exist for the officer.
    assert_eq!(
        officer
            .get(&format!("/commune/registrations/{own}"))
            .await
            .status,
        200
    );
    let other = officer
        .get(&format!("/commune/registrations/{elsewhere}"))
        .await;
    assert_eq!(other.status, 404);
    assert_eq!(
        officer
            .get(&format!(
                "/commune/registrations/{elsewhere}/items/form_01/file"
            ))
            .await
            .status,
        404
    );
    let b = app.producer_id(DemoUser::ProducerB).await;
    assert_eq!(officer.get(&format!("/commune?for={b}")).await.status, 404);
    // The staff pages are not the officer's.
    assert_eq!(officer.get("/admin/cycles").await.status, 403);
    assert_eq!(
        app.as_user(DemoUser::Staff)
            .await
            .get("/commune")
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn the_commune_proposes_a_complete_dossier_or_sends_it_back_with_a_reason() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let officer = app.as_user(DemoUser::Officer).await;
    let review = format!("/commune/registrations/{registration}/review");
    // Not complete yet: the commune reviews what the province confirmed complete.
    let before = app.snapshot().await;
    let early = officer
        .post(&review)
        .form(&commune_review("proposed", ""))
        .await;
    assert_eq!(early.status, 409, "{}", early.body);
    assert_eq!(app.snapshot().await, before);
    app.complete_dossier(registration).await;
    // The header counts what waits for the officer.
    let desk = officer.get("/commune").await;
    assert!(desk.body.contains("class=\"count\">1<"), "{}", desk.body);
    assert!(desk.body.contains("hồ sơ chờ xã xem xét"));
    let before = app.snapshot().await;
    // Every finding is asked for, each with its message next to it.
    let blank = officer.post(&review).form(&[("outcome", "proposed")]).await;
    assert_eq!(blank.status, 422);
    for field in ["local_origin", "local_labour", "idea_origin"] {
        assert!(!blank.field_message(field).is_empty(), "{field}");
    }
    // A product not made with local labour is not proposed; sending back needs its reason.
    let not_local = officer
        .post(&review)
        .form(&[
            ("local_origin", "yes"),
            ("local_labour", "no"),
            ("idea_origin", "adapted"),
            ("outcome", "proposed"),
        ])
        .await;
    assert_eq!(not_local.status, 422);
    assert!(not_local
        .field_message("local_labour")
        .contains("lao động địa phương"));
    let no_reason = officer
        .post(&review)
        .form(&commune_review("returned", ""))
        .await;
    assert_eq!(no_reason.status, 422);
    assert!(!no_reason.field_message("note").is_empty());
    assert_eq!(app.snapshot().await, before);
    // Sent back: the producer is told why, and may correct its dossier again.
    let reason = "Thiếu xác nhận vùng nguyên liệu của xã.";
    let sent_back = officer
        .post(&review)
        .form(&commune_review("returned", reason))
        .await;
    assert_eq!(sent_back.status, 303, "{}", sent_back.body);
    assert_eq!(status(&app, registration).await, "registered");
    let told = app
        .text("SELECT text_vi FROM producer_notices ORDER BY id DESC LIMIT 1")
        .await;
    assert!(told.contains(reason), "{told}");
    let producer_page = app
        .as_user(DemoUser::ProducerA)
        .await
        .get(&format!("/portal/ocop/{registration}"))
        .await;
    assert!(producer_page.body.contains(reason));
    assert!(producer_page.body.contains("Xã trả lại hồ sơ"));
    // Complete again, then proposed: the province sees what the commune found.
    app.complete_dossier(registration).await;
    let proposed = officer
        .post(&review)
        .form(&commune_review("proposed", ""))
        .await;
    assert_eq!(proposed.status, 303);
    assert_eq!(status(&app, registration).await, "proposed");
    assert_eq!(
        app.text(&format!(
            "SELECT group_concat(outcome || ' ' || local_origin || local_labour || ' ' || idea_origin, '; ')
             FROM commune_reviews WHERE registration_id = {registration}"
        ))
        .await,
        "returned 11 local; proposed 11 local"
    );
    let staff_page = app
        .as_user(DemoUser::Staff)
        .await
        .get(&format!("/admin/registrations/{registration}"))
        .await;
    assert!(staff_page.body.contains("Xem xét của UBND xã"));
    assert!(staff_page.body.contains("Cán bộ UBND xã Đông Trạch"));
    assert!(
        staff_page.body.contains("Lưu kết quả thẩm định"),
        "the appraisal is open"
    );
    // Once proposed it is the province's: a second review is refused and changes nothing.
    let before = app.snapshot().await;
    let again = officer
        .post(&review)
        .form(&commune_review("returned", "Đổi ý."))
        .await;
    assert_eq!(again.status, 409);
    assert_eq!(app.snapshot().await, before);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE entity = 'registration' AND entity_id = {registration}
               AND action IN ('propose', 'send_back')"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn two_reviews_of_one_dossier_at_once_are_one_review() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    app.complete_dossier(registration).await;
    let officer = app.as_user(DemoUser::Officer).await;
    let review = format!("/commune/registrations/{registration}/review");
    let form = commune_review("proposed", "");
    let (first, second) = tokio::join!(
        officer.post(&review).form(&form),
        officer.post(&review).form(&form)
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409]);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM commune_reviews WHERE registration_id = {registration}"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn an_officer_registers_products_only_for_its_communes_producers() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let officer = app.as_user(DemoUser::Officer).await;
    let a = app.producer_id(DemoUser::ProducerA).await;
    let product = app.published_product(DemoUser::ProducerA).await;
    let desk = officer.get(&format!("/commune?for={a}")).await;
    assert!(desk.body.contains(&product.name), "A's products to choose");
    let reply = officer
        .post("/commune/register")
        .form(&[
            ("producer_id", &a.to_string()),
            ("kind", "existing"),
            ("product_id", &product.id.to_string()),
        ])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(reply
        .header("location")
        .starts_with("/commune/registrations/"));
    assert_eq!(
        app.text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")
            .await,
        "register"
    );
    // Another commune's producer is not found, and nothing is made for it.
    let b = app.producer_id(DemoUser::ProducerB).await;
    let before = app.snapshot().await;
    let refused = officer
        .post("/commune/register")
        .form(&[
            ("producer_id", &b.to_string()),
            ("kind", "new"),
            ("new_name", "Tỏi đen một nhánh"),
            ("set_id", "1"),
        ])
        .await;
    assert_eq!(refused.status, 404);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn admins_give_an_officer_its_communes_and_the_scope_follows_at_once() {
    let app = spawn_app().await;
    let officer = app.user_id(DemoUser::Officer).await;
    let nam_gianh = app
        .scalar("SELECT id FROM admin_units WHERE name = 'Nam Gianh' AND valid_to IS NULL")
        .await;
    let path = format!("/admin/staff/{officer}/communes");
    let admin = app.as_user(DemoUser::Admin).await;
    let staff = app.as_user(DemoUser::Staff).await;
    // None chosen, or a former commune: refused with its message, nothing changed.
    let before = app.snapshot().await;
    let none = admin.post(&path).form(&[]).await;
    assert_eq!(none.status, 422);
    assert!(!none.field_message("communes").is_empty());
    let former = app
        .scalar("SELECT id FROM admin_units WHERE name = 'Quảng Minh'")
        .await;
    let old = admin
        .post(&path)
        .form(&[(&format!("commune-{former}"), "on")])
        .await;
    assert_eq!(old.status, 422);
    assert_eq!(
        staff
            .post(&path)
            .form(&[(&format!("commune-{nam_gianh}"), "on")])
            .await
            .status,
        403
    );
    assert_eq!(app.snapshot().await, before);
    // Moved to Nam Gianh: the black garlic of Quảng Minh is now its, Sơn Lộc no longer.
    let moved = admin
        .post(&path)
        .form(&[(&format!("commune-{nam_gianh}"), "on")])
        .await;
    assert_eq!(moved.status, 303);
    let desk = app.as_user(DemoUser::Officer).await.get("/commune").await;
    assert!(desk.body.contains("Cơ sở Tỏi đen Quảng Minh"));
    assert!(!desk.body.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    // A new officer's account needs its communes too.
    let before = app.snapshot().await;
    let without = admin
        .post("/admin/staff")
        .form(&[
            ("account_email", "xa@example.vn"),
            ("account_name", "Cán bộ xã"),
            ("role", "commune"),
        ])
        .await;
    assert_eq!(without.status, 422);
    assert_eq!(app.snapshot().await, before);
    let page = admin.get("/admin/staff").await;
    assert!(page.body.contains("Địa bàn của cán bộ xã"));
    assert!(page.body.contains("Nam Gianh"));
}

#[tokio::test]
async fn two_admins_changing_an_officers_communes_at_once_leave_one_of_the_two_whole() {
    let app = spawn_app().await;
    let officer = app.user_id(DemoUser::Officer).await;
    let commune = |name: &'static str| {
        let app = &app;
        async move {
            app.scalar(&format!(
                "SELECT id FROM admin_units WHERE name = '{name}' AND valid_to IS NULL"
            ))
            .await
        }
    };
    let (nam_gianh, dong_hoi) = (commune("Nam Gianh").await, commune("Đồng Hới").await);
    let path = format!("/admin/staff/{officer}/communes");
    let admin = app.as_user(DemoUser::Admin).await;
    let (one, two) = (
        format!("commune-{nam_gianh}"),
        format!("commune-{dong_hoi}"),
    );
    let (a, b) = tokio::join!(
        admin.post(&path).form(&[(one.as_str(), "on")]),
        admin.post(&path).form(&[(two.as_str(), "on")])
    );
    assert_eq!((a.status.as_u16(), b.status.as_u16()), (303, 303));
    // One write after the other, each in one transaction: the last one's communes, alone.
    let now = app
        .text(&format!(
            "SELECT group_concat(unit_id) FROM officer_communes WHERE user_id = {officer}"
        ))
        .await;
    assert!(
        now == nam_gianh.to_string() || now == dong_hoi.to_string(),
        "{now}"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM audit_log WHERE entity_id = {officer} AND action = 'communes'"
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn under_the_rules_before_1489_the_province_appraises_without_the_commune() {
    let app = spawn_app().await;
    sqlx::query(
        "INSERT INTO ocop_cycles (year, name, scheme_id, stage, opens_on) VALUES (2027, 'Chu trình 2027', 2, 'registration', '2026-01-05')",
    )
    .execute(&app.direct)
    .await
    .expect("a cycle under 148");
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    app.complete_dossier(registration).await;
    let officer = app.as_user(DemoUser::Officer).await;
    let before = app.snapshot().await;
    let review = officer
        .post(&format!("/commune/registrations/{registration}/review"))
        .form(&commune_review("proposed", ""))
        .await;
    assert_eq!(review.status, 422);
    assert!(review.field_message("status").contains("1489"));
    assert_eq!(app.snapshot().await, before);
    let today = app.day(0).await;
    let appraised = app
        .as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/registrations/{registration}/appraise"))
        .form(&[("eligible", "yes"), ("appraised_on", &today)])
        .await;
    assert_eq!(appraised.status, 303);
    assert_eq!(status(&app, registration).await, "eligible");
}
