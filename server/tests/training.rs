//! Training events: places up to capacity and then a waiting list in the order people came,
//! even when they register at the same moment; the first waiting person moves up (and is told)
//! when a place frees; a training for commune staff takes no producer; attendance once the
//! training has begun, after which no place is cancelled; the roster in pages, its counts and
//! its CSV covering everyone.

use std::sync::Arc;

use crate::common::{spawn_app, DemoUser, TestApp};

async fn statuses(app: &TestApp, event: i64) -> Vec<(String, String)> {
    sqlx::query_as(
        "SELECT name, status FROM training_registrations WHERE event_id = ?1 ORDER BY created_at, id",
    )
    .bind(event)
    .fetch_all(&app.pool)
    .await
    .expect("registrations")
}

fn attendee(name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("attendee_name", name.to_owned()),
        ("organisation", "UBND xã Quảng Phú".to_owned()),
        ("phone", "0912 345 678".to_owned()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn registrations_sent_at_once_never_pass_capacity_and_the_rest_wait_in_order() {
    let app = Arc::new(spawn_app().await);
    let event = app.open_training("Tập huấn đông người", 3).await;
    let mut tasks = Vec::new();
    for n in 0..12 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let form = attendee(&format!("Cán bộ số {n:02}"));
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let staff = app.as_user(DemoUser::Staff).await;
            staff
                .post(&format!("/admin/events/{event}/places"))
                .form(&form)
                .await
                .status
                .as_u16()
        }));
    }
    // Two producers register themselves at the same moment too.
    for user in [DemoUser::ProducerA, DemoUser::ProducerB] {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let form = attendee(&format!("Chủ thể {user:?}"));
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let producer = app.as_user(user).await;
            producer
                .post(&format!("/portal/events/{event}/register"))
                .form(&form)
                .await
                .status
                .as_u16()
        }));
    }
    for task in tasks {
        assert_eq!(
            task.await.expect("task"),
            303,
            "every registration is taken, placed or waiting"
        );
    }
    let all = statuses(&app, event).await;
    assert_eq!(all.len(), 14);
    // The first three who came have the places; everyone after waits, in order.
    assert!(
        all[..3].iter().all(|(_, status)| status == "registered"),
        "{all:?}"
    );
    assert!(
        all[3..].iter().all(|(_, status)| status == "waiting"),
        "{all:?}"
    );
    // The roster numbers the waiting list.
    let roster = app
        .as_user(DemoUser::Staff)
        .await
        .get(&format!("/admin/events/{event}/places"))
        .await;
    assert!(roster.body.contains("3/3 chỗ đã có người · 11 người chờ"));
}

#[tokio::test]
async fn when_a_place_frees_the_first_one_waiting_moves_up_and_is_told() {
    let app = spawn_app().await;
    let event = app.open_training("Tập huấn ít chỗ", 1).await;
    let a = app.as_user(DemoUser::ProducerA).await;
    let b = app.as_user(DemoUser::ProducerB).await;
    for (caller, name) in [(&a, "Nguyễn Văn An"), (&b, "Trần Thị Bình")] {
        let form = attendee(name);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = caller
            .post(&format!("/portal/events/{event}/register"))
            .form(&form)
            .await;
        assert_eq!(reply.status, 303);
    }
    let page = b.get(&format!("/portal/events/{event}")).await;
    assert!(page.body.contains("Bạn đứng thứ 1 trong danh sách chờ"));
    // Registering twice is refused, with nothing changed.
    let before = app.snapshot().await;
    let form = attendee("Trần Thị Bình");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let again = b
        .post(&format!("/portal/events/{event}/register"))
        .form(&form)
        .await;
    assert_eq!(again.status, 422);
    assert!(again.field_message("event").contains("đã đăng ký"));
    assert_eq!(app.snapshot().await, before);

    let outbox = app.count("outbox").await;
    assert_eq!(
        a.post(&format!("/portal/events/{event}/cancel"))
            .await
            .status,
        303
    );
    assert_eq!(
        statuses(&app, event).await,
        [
            ("Nguyễn Văn An".to_owned(), "cancelled".to_owned()),
            ("Trần Thị Bình".to_owned(), "registered".to_owned())
        ]
    );
    let producer_b = app.producer_id(DemoUser::ProducerB).await;
    let told = app
        .text(&format!("SELECT text_vi FROM producer_notices WHERE producer_id = {producer_b} ORDER BY id DESC LIMIT 1"))
        .await;
    assert!(told.contains("Tập huấn ít chỗ"), "{told}");
    assert_eq!(app.count("outbox").await, outbox + 1);
    assert!(b.get("/portal").await.body.contains("Tập huấn ít chỗ"));
}

#[tokio::test]
async fn staff_cancel_a_place_and_the_waiting_list_moves_up() {
    let app = spawn_app().await;
    let event = app.open_training("Tập huấn cán bộ xã", 2).await;
    let staff = app.as_user(DemoUser::Staff).await;
    for name in ["Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"] {
        let form = attendee(name);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            staff
                .post(&format!("/admin/events/{event}/places"))
                .form(&form)
                .await
                .status,
            303
        );
    }
    let first = app
        .scalar(&format!(
            "SELECT min(id) FROM training_registrations WHERE event_id = {event}"
        ))
        .await;
    let reply = staff
        .post(&format!("/admin/events/{event}/places/{first}/cancel"))
        .await;
    assert_eq!(reply.status, 303);
    let now: Vec<String> = statuses(&app, event)
        .await
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    assert_eq!(now, ["cancelled", "registered", "registered"]);
    // Bad contact details are refused next to their fields.
    let before = app.snapshot().await;
    let reply = staff
        .post(&format!("/admin/events/{event}/places"))
        .form(&[
            ("attendee_name", "Lê Văn Bốn"),
            ("organisation", "UBND xã"),
            ("phone", "12"),
            ("email", "khong-phai-email"),
        ])
        .await;
    assert_eq!(reply.status, 422);
    assert!(!reply.field_message("phone").is_empty());
    assert!(!reply.field_message("email").is_empty());
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn attendance_is_marked_once_the_training_has_begun_and_downloads_with_the_list() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    // The demo training next month has six places taken.
    let upcoming = app
        .scalar("SELECT id FROM events WHERE slug = 'tap-huan-ho-so-ocop-2027'")
        .await;
    let some = app.scalar(&format!("SELECT min(id) FROM training_registrations WHERE event_id = {upcoming} AND status = 'registered'")).await;
    let before = app.snapshot().await;
    let early = staff
        .post(&format!("/admin/events/{upcoming}/attendance"))
        .form(&[(&format!("attended-{some}"), "on")])
        .await;
    assert_eq!(early.status, 409);
    assert!(early.alert().contains("đã bắt đầu"), "{}", early.body);
    assert_eq!(app.snapshot().await, before);

    // A training that begins today.
    let today = app.day(0).await;
    let event = app
        .create_event(&[
            ("kind", "training"),
            ("name", "Tập huấn hôm nay"),
            ("capacity", "10"),
            ("audience", "commune_staff"),
            ("starts_on", &today),
            ("ends_on", &today),
            ("applications_close_on", &today),
        ])
        .await;
    assert_eq!(
        staff
            .post(&format!("/admin/events/{event}/status"))
            .form(&[("status", "published")])
            .await
            .status,
        303
    );
    for name in ["Hồ Thị Có", "Hồ Văn Vắng"] {
        let form = attendee(name);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            staff
                .post(&format!("/admin/events/{event}/places"))
                .form(&form)
                .await
                .status,
            303
        );
    }
    let came = app
        .scalar(&format!(
            "SELECT id FROM training_registrations WHERE name = 'Hồ Thị Có' AND event_id = {event}"
        ))
        .await;
    let absent = app
        .scalar(&format!(
            "SELECT id FROM training_registrations WHERE name = 'Hồ Văn Vắng' AND event_id = {event}"
        ))
        .await;
    let reply = staff
        .post(&format!("/admin/events/{event}/attendance"))
        .form(&[
            (&format!("listed-{came}"), "on"),
            (&format!("listed-{absent}"), "on"),
            (&format!("attended-{came}"), "on"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    let csv = staff
        .get(&format!("/admin/events/{event}/places.csv"))
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.body.contains(
            "\"Hồ Thị Có\",\"UBND xã Quảng Phú\",\"0912 345 678\",\"\",\"Đã đăng ký\",\"Có mặt\""
        ),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains(
            "\"Hồ Văn Vắng\",\"UBND xã Quảng Phú\",\"0912 345 678\",\"\",\"Đã đăng ký\",\"Vắng\""
        ),
        "{}",
        csv.body
    );
    // A fair has no registrations to download.
    assert_eq!(staff.get("/admin/events/6/places.csv").await.status, 404);
}

#[tokio::test]
async fn the_public_page_of_a_training_says_how_many_places_are_left() {
    let app = spawn_app().await;
    let page = app.get("/fairs/tap-huan-ho-so-ocop-2027").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("đã kín chỗ"));
    let event = app.open_training("Tập huấn còn chỗ", 5).await;
    let slug = app
        .text(&format!("SELECT slug FROM events WHERE id = {event}"))
        .await;
    let page = app.get(&format!("/fairs/{slug}")).await;
    assert!(page.body.contains("5 · còn 5"));
}

/// A training of staff's that began yesterday and ends in `ends_in` days, for `audience`.
async fn begun_training(app: &TestApp, name: &str, ends_in: i64, audience: &str) -> i64 {
    let (yesterday, ends) = (app.day(-1).await, app.day(ends_in).await);
    sqlx::query_scalar(
        "INSERT INTO events (slug, kind, name, status, starts_on, ends_on, capacity, audience, venue, location)
         VALUES (lower(replace(?1, ' ', '-')), 'training', ?1, 'published', ?2, ?3, 2, ?4, 'Hội trường', 'Đồng Hới')
         RETURNING id",
    )
    .bind(name)
    .bind(yesterday)
    .bind(ends)
    .bind(audience)
    .fetch_one(&app.direct)
    .await
    .expect("a training")
}

#[tokio::test]
async fn a_training_for_commune_staff_takes_no_producer_and_the_portal_does_not_offer_it() {
    let app = spawn_app().await;
    let event = app
        .create_event(&[
            ("kind", "training"),
            ("name", "Tập huấn cán bộ xã"),
            ("capacity", "20"),
            ("audience", "commune_staff"),
        ])
        .await;
    let staff = app.as_user(DemoUser::Staff).await;
    let published = staff
        .post(&format!("/admin/events/{event}/status"))
        .form(&[("status", "published")])
        .await;
    assert_eq!(published.status, 303);
    let producer = app.as_user(DemoUser::ProducerA).await;
    assert!(!producer
        .get("/portal/events")
        .await
        .body
        .contains("Tập huấn cán bộ xã"));
    let page = producer.get(&format!("/portal/events/{event}")).await;
    assert!(page.body.contains("dành cho cán bộ cấp xã"));
    assert!(!page
        .body
        .contains(&format!("/portal/events/{event}/register")));
    let before = app.snapshot().await;
    let form = attendee("Nguyễn An");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = producer
        .post(&format!("/portal/events/{event}/register"))
        .form(&form)
        .await;
    assert_eq!(reply.status, 422);
    assert!(
        reply.field_message("event").contains("cán bộ cấp xã"),
        "{}",
        reply.body
    );
    assert_eq!(app.snapshot().await, before);
    // Staff register commune staff for it.
    let reply = staff
        .post(&format!("/admin/events/{event}/places"))
        .form(&form)
        .await;
    assert_eq!(reply.status, 303);
}

#[tokio::test]
async fn no_place_is_cancelled_once_attendance_is_marked_or_the_training_has_ended() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let ongoing = begun_training(&app, "Tap huan dang dien ra", 1, "both").await;
    for name in ["Người một", "Người hai", "Người chờ"] {
        let form = attendee(name);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let reply = staff
            .post(&format!("/admin/events/{ongoing}/places"))
            .form(&form)
            .await;
        assert_eq!(reply.status, 303);
    }
    let first = app
        .scalar(&format!("SELECT id FROM training_registrations WHERE event_id = {ongoing} AND name = 'Người một'"))
        .await;
    let reply = staff
        .post(&format!("/admin/events/{ongoing}/attendance"))
        .form(&[
            (&format!("listed-{first}"), "on"),
            (&format!("attended-{first}"), "on"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    let before = app.snapshot().await;
    let refused = staff
        .post(&format!("/admin/events/{ongoing}/places/{first}/cancel"))
        .await;
    assert_eq!(refused.status, 409);
    assert!(
        refused.alert().contains("không huỷ chỗ được nữa"),
        "{}",
        refused.body
    );
    assert_eq!(app.snapshot().await, before, "no one moved up");

    // A training that ended yesterday: its producer's place stays too.
    let ended = begun_training(&app, "Tap huan da xong", -1, "both").await;
    sqlx::query(
        "INSERT INTO training_registrations (event_id, producer_id, name, organisation, status)
         VALUES (?1, ?2, 'Nguyễn An', 'HTX Sơn Lộc', 'registered')",
    )
    .bind(ended)
    .bind(app.producer_id(DemoUser::ProducerA).await)
    .execute(&app.direct)
    .await
    .unwrap();
    let producer = app.as_user(DemoUser::ProducerA).await;
    let before = app.snapshot().await;
    let refused = producer
        .post(&format!("/portal/events/{ended}/cancel"))
        .await;
    assert_eq!(refused.status, 409);
    assert!(refused.alert().contains("đã kết thúc"), "{}", refused.body);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn the_roster_pages_through_every_place_and_its_counts_and_download_cover_everyone() {
    let app = spawn_app().await;
    let event = begun_training(&app, "Tap huan lon", 1, "commune_staff").await;
    sqlx::query("UPDATE events SET capacity = 10000 WHERE id = ?1")
        .bind(event)
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)
         INSERT INTO training_registrations (event_id, name, organisation, status, created_at)
         SELECT ?1, 'Cán bộ ' || printf('%04d', i), 'UBND xã', CASE WHEN i <= 2400 THEN 'registered' ELSE 'waiting' END,
                datetime('now', '-1 day', '+' || i || ' seconds')
         FROM n",
    )
    .bind(event)
    .execute(&app.direct)
    .await
    .unwrap();
    // One name a spreadsheet would run as a formula.
    sqlx::query("UPDATE training_registrations SET name = 'Nguyễn;=1+1' WHERE event_id = ?1 AND name = 'Cán bộ 0001'")
        .bind(event)
        .execute(&app.direct)
        .await
        .unwrap();
    let staff = app.as_user(DemoUser::Staff).await;
    let first = staff.get(&format!("/admin/events/{event}/places")).await;
    assert_eq!(first.status, 200);
    let text = first.body.replace("<!>", "");
    assert!(
        text.contains("2400/10000 chỗ đã có người · 100 người chờ"),
        "counts of everyone"
    );
    assert_eq!(first.body.matches("name=\"listed-").count(), 200);
    assert!(first
        .body
        .contains(&format!("/admin/events/{event}/places?page=2")));
    let last = staff
        .get(&format!("/admin/events/{event}/places?page=13"))
        .await;
    let text = last.body.replace("<!>", "");
    assert!(text.contains("Cán bộ 2500"));
    assert!(
        text.contains("Danh sách chờ · thứ 100"),
        "the queue counted over every page"
    );
    // Attendance marked on page 2 leaves page 1 as it was.
    let page_one: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM training_registrations WHERE event_id = ?1 ORDER BY created_at, id LIMIT 200",
    )
    .bind(event)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let marked = staff
        .post(&format!("/admin/events/{event}/attendance"))
        .form(&[
            (&format!("listed-{}", page_one[0]), "on"),
            (&format!("attended-{}", page_one[0]), "on"),
        ])
        .await;
    assert_eq!(marked.status, 303);
    let page_two: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM training_registrations WHERE event_id = ?1 ORDER BY created_at, id LIMIT 200 OFFSET 200",
    )
    .bind(event)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    let fields: Vec<(String, &str)> = page_two
        .iter()
        .map(|id| (format!("listed-{id}"), "on"))
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let marked = staff
        .post(&format!("/admin/events/{event}/attendance"))
        .form(&fields)
        .await;
    assert_eq!(marked.status, 303);
    assert_eq!(
        app.text(&format!("SELECT coalesce(CAST(attended AS TEXT), 'null') FROM training_registrations WHERE id = {}", page_one[0]))
            .await,
        "1"
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM training_registrations WHERE event_id = {event} AND attended = 0"
        ))
        .await,
        200
    );
    let csv = staff
        .get(&format!("/admin/events/{event}/places.csv"))
        .await;
    let rows = csv::Reader::from_reader(csv.body.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .count();
    assert_eq!(rows, 2500);
    assert!(
        csv.body.contains("\"Nguyễn;'=1+1\""),
        "a formula neutralised after the ;"
    );
}
