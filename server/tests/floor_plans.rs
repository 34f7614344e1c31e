//! The floor-plan editor (`/admin/events/{id}/booths`): booth types, a row of booths in one
//! action, one booth moved, resized, renamed, blocked or deleted; never two booths on one cell,
//! never a booth outside the hall.

use crate::common::{spawn_app, DemoUser, TestApp};

async fn booth_row(app: &TestApp, event: i64) -> Vec<(String, i64, i64, String)> {
    sqlx::query_as("SELECT code, x, y, status FROM booths WHERE event_id = ?1 ORDER BY code")
        .bind(event)
        .fetch_all(&app.pool)
        .await
        .expect("booths")
}

#[tokio::test]
async fn a_row_of_booths_is_added_in_one_action_side_by_side() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ có một dãy gian", 4).await;
    assert_eq!(
        booth_row(&app, fair.id).await,
        [
            ("A01".to_owned(), 0, 0, "available".to_owned()),
            ("A02".to_owned(), 3, 0, "available".to_owned()),
            ("A03".to_owned(), 6, 0, "available".to_owned()),
            ("A04".to_owned(), 9, 0, "available".to_owned()),
        ]
    );
    // One audit entry for the row, naming its booths.
    let summary = app
        .text(&format!(
            "SELECT summary FROM audit_log WHERE action = 'add_booths' AND entity_id = {}",
            fair.id
        ))
        .await;
    assert!(
        summary.contains("A01") && summary.contains("A04"),
        "{summary}"
    );
    // The editor draws each booth as a link that chooses it, and lists it in words.
    let page = app
        .as_user(DemoUser::Staff)
        .await
        .get(&format!("/admin/events/{}/booths", fair.id))
        .await;
    assert_eq!(page.status, 200);
    for booth in &fair.booths {
        assert!(page.body.contains(&format!("?booth={booth}#booth")));
    }
    assert!(page.body.contains("A04 · Còn trống"));
}

#[tokio::test]
async fn booths_that_would_overlap_or_leave_the_hall_are_refused_and_nothing_changes() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ chật chội", 3).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let type_id = fair.booth_type.to_string();
    let before = app.snapshot().await;
    let row = |prefix: &'static str, x: &'static str, count: &'static str| {
        vec![
            ("prefix", prefix),
            ("first", "1"),
            ("count", count),
            ("hall", "Nhà B"),
            ("x", x),
            ("y", "1"),
            ("width", "3"),
            ("height", "3"),
        ]
    };
    let cases = [
        // B01 at x 6..9, y 1..4 meets A03 (x 6..9, y 0..3).
        (row("B", "6", "2"), "x", "Gian B01 chồng lên gian A03."),
        // The hall is 30 cells wide: B02 would end at 33.
        (
            row("B", "27", "2"),
            "x",
            "Gian B02 vượt ra ngoài sơ đồ (30 × 20 ô).",
        ),
        // Codes are the plan's names: one of each.
        (
            vec![
                ("prefix", "A"),
                ("first", "3"),
                ("count", "1"),
                ("x", "20"),
                ("y", "10"),
                ("width", "2"),
                ("height", "2"),
            ],
            "prefix",
            "Mã gian A03 đã có trong sơ đồ.",
        ),
    ];
    for (mut form, field, message) in cases {
        form.push(("booth_type_id", &type_id));
        let reply = staff
            .post(&format!("/admin/events/{}/booths", fair.id))
            .form(&form)
            .await;
        assert_eq!(reply.status, 422, "{form:?}");
        assert!(
            reply.field_message(field).contains(message),
            "{form:?}: {}",
            reply.field_message(field)
        );
    }
    // One booth moved onto another, or out of the hall.
    let a01 = fair.booths[0];
    for (x, y, message) in [
        ("3", "0", "chồng lên gian A02"),
        ("29", "19", "vượt ra ngoài sơ đồ"),
    ] {
        let reply = staff
            .post(&format!("/admin/events/{}/booths/{a01}", fair.id))
            .form(&[
                ("code", "A01"),
                ("hall", "Nhà A"),
                ("booth_type_id", &type_id),
                ("x", x),
                ("y", y),
                ("width", "3"),
                ("height", "3"),
            ])
            .await;
        assert_eq!(reply.status, 422);
        assert!(
            reply.field_message("x").contains(message),
            "{}",
            reply.field_message("x")
        );
        // Shown again with that booth chosen, the typed place kept in its form.
        assert!(reply.body.contains("id=\"booth\""));
        assert!(reply.body.contains(&format!("value=\"{x}\"")));
    }
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn staff_move_resize_rename_block_free_and_delete_a_booth() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ sắp xếp lại", 3).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let base = format!("/admin/events/{}/booths/{}", fair.id, fair.booths[2]);
    let type_id = fair.booth_type.to_string();
    let reply = staff
        .post(&base)
        .form(&[
            ("code", "GOC1"),
            ("hall", "Sảnh chính"),
            ("booth_type_id", &type_id),
            ("x", "10"),
            ("y", "8"),
            ("width", "4"),
            ("height", "2"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        reply.header("location"),
        format!(
            "/admin/events/{}/booths?booth={}&saved",
            fair.id, fair.booths[2]
        )
    );
    let moved = app
        .text(&format!("SELECT code || ' ' || hall || ' ' || x || ',' || y || ' ' || width || 'x' || height FROM booths WHERE id = {}", fair.booths[2]))
        .await;
    assert_eq!(moved, "GOC1 Sảnh chính 10,8 4x2");

    assert_eq!(staff.post(&format!("{base}/block")).await.status, 303);
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM booths WHERE id = {}",
            fair.booths[2]
        ))
        .await,
        "blocked"
    );
    // A blocked booth cannot be given to anyone.
    let application = app.apply(DemoUser::ProducerA, &fair, 1).await;
    let before = app.snapshot().await;
    let booth = fair.booths[2].to_string();
    let reply = staff
        .post(&format!(
            "/admin/events/{}/applications/{application}/approve",
            fair.id
        ))
        .form(&[("booth_id", &booth)])
        .await;
    assert_eq!(reply.status, 422);
    assert_eq!(app.snapshot().await, before);

    assert_eq!(staff.post(&format!("{base}/free")).await.status, 303);
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM booths WHERE id = {}",
            fair.booths[2]
        ))
        .await,
        "available"
    );
    assert_eq!(staff.post(&format!("{base}/delete")).await.status, 303);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM booths WHERE event_id = {}",
            fair.id
        ))
        .await,
        2
    );
}

#[tokio::test]
async fn a_booth_held_by_an_exhibitor_can_be_neither_deleted_nor_blocked() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ có gian đã xếp", 2).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 1).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let booth = fair.booths[0].to_string();
    let reply = staff
        .post(&format!(
            "/admin/events/{}/applications/{application}/approve",
            fair.id
        ))
        .form(&[("booth_id", &booth)])
        .await;
    assert_eq!(reply.status, 303);
    let before = app.snapshot().await;
    for action in ["delete", "block"] {
        let reply = staff
            .post(&format!(
                "/admin/events/{}/booths/{booth}/{action}",
                fair.id
            ))
            .await;
        assert_eq!(reply.status, 409, "{action}");
        assert!(
            reply.alert().contains("Gian A01"),
            "{action}: {}",
            reply.body
        );
    }
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn booth_types_are_added_and_edited_with_their_price_in_dong() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ nhiều loại gian", 1).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff
        .post(&format!("/admin/events/{}/booth-types", fair.id))
        .form(&[
            ("type_name", "Gian góc"),
            ("size_m2", "12"),
            ("price", "4500000"),
            ("included", "Bàn, 2 ghế, ổ điện"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    let page = staff
        .get(&format!("/admin/events/{}/booths", fair.id))
        .await;
    assert!(page.body.contains("Gian góc"));
    assert!(page.body.contains("4.500.000\u{a0}₫"));
    // A refused edit is shown again in that type's own form.
    let before = app.snapshot().await;
    let reply = staff
        .post(&format!(
            "/admin/events/{}/booth-types/{}",
            fair.id, fair.booth_type
        ))
        .form(&[
            ("type_name", "Gian tiêu chuẩn"),
            ("size_m2", "9"),
            ("price", "-5"),
        ])
        .await;
    assert_eq!(reply.status, 422);
    assert!(!reply.field_message("price").is_empty());
    assert!(reply
        .body
        .contains(&format!("/booth-types/{}", fair.booth_type)));
    assert_eq!(app.snapshot().await, before);
    // Another event's type is not this event's to edit.
    let other = app
        .scalar(&format!(
            "SELECT min(id) FROM booth_types WHERE event_id <> {}",
            fair.id
        ))
        .await;
    let reply = staff
        .post(&format!("/admin/events/{}/booth-types/{other}", fair.id))
        .form(&[("type_name", "Đổi tên"), ("size_m2", "9"), ("price", "0")])
        .await;
    assert_eq!(reply.status, 404);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn the_plan_prints_on_its_own_page() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ để in sơ đồ", 3).await;
    let page = app
        .as_user(DemoUser::Staff)
        .await
        .get(&format!("/admin/events/{}/booths/print", fair.id))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("plan-sheet"));
    assert!(page.body.contains("Hội chợ để in sơ đồ"));
    assert!(page.body.contains(">A03<"));
}

#[tokio::test]
async fn a_bookmark_of_a_pages_former_vietnamese_address_is_sent_on_to_its_page_for_good() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ có địa chỉ cũ", 2).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let old = staff
        .get(&format!("/admin/events/{}/so-do/in", fair.id))
        .await;
    assert_eq!(old.status, 308);
    assert_eq!(
        old.header("location"),
        format!("/admin/events/{}/booths/print", fair.id)
    );
    let queue = staff
        .get(&format!("/admin/events/{}/don?status=submitted", fair.id))
        .await;
    assert_eq!(
        queue.header("location"),
        format!("/admin/events/{}/applications?status=submitted", fair.id)
    );
    // The old address is the staff's still: a stranger is asked to sign in, not told where.
    let stranger = app.get(&format!("/admin/events/{}/so-do", fair.id)).await;
    assert!(stranger.header("location").starts_with("/login"));
}
