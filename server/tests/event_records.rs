//! Staff's events (`/admin/events`, `server/src/events.rs`): the event's form with its own
//! message next to each bad field, its life from draft to finished or cancelled, the list's
//! filters and the month calendar.

use crate::common::{spawn_app, spawn_copy, DemoUser};
use app::model::events::status::EventStatus;

/// Fields of a form that differ from a good one.
type Changes<'a> = &'a [(&'a str, &'a str)];

#[tokio::test]
async fn bad_fields_of_an_event_are_refused_each_next_to_its_field_and_nothing_is_stored() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let before = app.snapshot().await;
    let (start, before_start, after_start) =
        (app.day(30).await, app.day(29).await, app.day(31).await);
    let cases: [(Changes, &str, &str); 6] = [
        (
            &[("ends_on", before_start.as_str())],
            "ends_on",
            "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
        ),
        (
            &[("applications_close_on", after_start.as_str())],
            "applications_close_on",
            "Hạn đăng ký phải trước hoặc đúng ngày bắt đầu.",
        ),
        (
            &[("starts_on", "2027-02-30")],
            "starts_on",
            "Ngày không hợp lệ",
        ),
        (&[("name", "")], "name", "Vui lòng"),
        (&[("kind", "party")], "kind", "Vui lòng chọn loại sự kiện."),
        (&[("kind", "training"), ("capacity", "0")], "capacity", "1"),
    ];
    for (changes, field, message) in cases {
        let mut form: Vec<(&str, &str)> = vec![
            ("kind", "fair"),
            ("name", "Hội chợ Xuân"),
            ("starts_on", start.as_str()),
            ("ends_on", start.as_str()),
        ];
        for (name, value) in changes {
            form.retain(|(field, _)| field != name);
            form.push((name, value));
        }
        let reply = staff.post("/admin/events/new").multipart(&form, None).await;
        assert_eq!(reply.status, 422, "{changes:?}");
        assert!(
            reply.field_message(field).contains(message),
            "{changes:?}: {:?}",
            reply.field_message(field)
        );
        // What was typed stays in the form.
        assert!(reply.body.contains("Hội chợ Xuân") || field == "name");
    }
    // A training also says who it is for.
    let reply = staff
        .post("/admin/events/new")
        .multipart(
            &[
                ("kind", "training"),
                ("name", "Tập huấn"),
                ("starts_on", &start),
                ("ends_on", &start),
            ],
            None,
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply.field_message("audience").contains("đối tượng"));
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_new_event_is_a_draft_that_the_public_sees_only_once_published() {
    let app = spawn_app().await;
    let id = app
        .create_event(&[("name", "Hội chợ nông sản mùa thu")])
        .await;
    assert_eq!(
        app.text(&format!("SELECT status FROM events WHERE id = {id}"))
            .await,
        "draft"
    );
    let slug = app
        .text(&format!("SELECT slug FROM events WHERE id = {id}"))
        .await;
    assert_eq!(slug, "hoi-cho-nong-san-mua-thu");
    assert_eq!(app.get(&format!("/fairs/{slug}")).await.status, 404);
    assert!(!app
        .get("/fairs")
        .await
        .body
        .contains("Hội chợ nông sản mùa thu"));
    assert_eq!(
        app.get(&format!("/fairs/{slug}/calendar.ics")).await.status,
        404
    );
    // The audit log has it, with who did it.
    assert_eq!(
        app.scalar(&format!("SELECT count(*) FROM audit_log WHERE entity = 'event' AND entity_id = {id} AND action = 'create'")).await,
        1
    );

    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff
        .post(&format!("/admin/events/{id}/status"))
        .form(&[("status", "published")])
        .await;
    assert_eq!(reply.status, 303);
    let page = app.get(&format!("/fairs/{slug}")).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Hội chợ nông sản mùa thu"));
    assert!(app
        .get("/fairs")
        .await
        .body
        .contains("Hội chợ nông sản mùa thu"));
}

#[tokio::test]
async fn an_event_moves_only_along_its_life_and_a_refused_move_changes_nothing() {
    let origin = spawn_app().await;
    // Begun today, so that it may be marked finished.
    let today = origin.day(0).await;
    let id = origin
        .create_event(&[
            ("starts_on", &today),
            ("ends_on", &today),
            ("applications_close_on", &today),
        ])
        .await;
    for from in EventStatus::ALL {
        for to in EventStatus::ALL {
            let app = spawn_copy(&origin).await;
            let reason = (*from == EventStatus::Cancelled).then_some("Hoãn.");
            sqlx::query("UPDATE events SET status = ?1, cancel_reason = ?2 WHERE id = ?3")
                .bind(from)
                .bind(reason)
                .bind(id)
                .execute(&app.direct)
                .await
                .expect("set the status");
            let before = app.snapshot().await;
            let reply = app
                .as_user(DemoUser::Staff)
                .await
                .post(&format!("/admin/events/{id}/status"))
                .form(&[
                    ("status", &to.to_string()),
                    ("cancel_reason", "Mưa bão kéo dài."),
                ])
                .await;
            let now = app
                .text(&format!("SELECT status FROM events WHERE id = {id}"))
                .await;
            if from.may_become(*to) {
                assert_eq!(reply.status, 303, "{from} → {to}");
                assert_eq!(now, to.to_string(), "{from} → {to}");
            } else {
                assert_eq!(reply.status, 422, "{from} → {to}");
                assert!(
                    reply.field_message("status").contains("Không thể chuyển"),
                    "{from} → {to}"
                );
                assert_eq!(app.snapshot().await, before, "{from} → {to}");
            }
        }
    }
}

#[tokio::test]
async fn an_event_that_has_not_begun_cannot_be_marked_finished() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ tháng sau", 2).await;
    let before = app.snapshot().await;
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/events/{}/status", fair.id))
        .form(&[("status", "finished")])
        .await;
    assert_eq!(reply.status, 409);
    assert!(reply.alert().contains("chưa bắt đầu"), "{}", reply.body);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn cancelling_an_event_needs_a_reason_and_the_public_page_shows_it() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ bên bờ biển", 2).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let path = format!("/admin/events/{}/status", fair.id);
    let before = app.snapshot().await;
    let reply = staff
        .post(&path)
        .form(&[("status", "cancelled"), ("cancel_reason", "  ")])
        .await;
    assert_eq!(reply.status, 422);
    assert!(!reply.field_message("cancel_reason").is_empty());
    assert_eq!(app.snapshot().await, before);

    let reason = "Hoãn do bão số 9, sẽ tổ chức lại vào mùa xuân.";
    let reply = staff
        .post(&path)
        .form(&[("status", "cancelled"), ("cancel_reason", reason)])
        .await;
    assert_eq!(reply.status, 303);
    let page = app.get(&format!("/fairs/{}", fair.slug)).await;
    assert!(page.body.contains("Sự kiện đã bị huỷ."));
    assert!(page.body.contains(reason));
    // A cancelled event stays in the calendar file, saying so, so that calendars update.
    let ics = app.get(&format!("/fairs/{}/calendar.ics", fair.slug)).await;
    assert!(ics.body.contains("STATUS:CANCELLED"));
}

#[tokio::test]
async fn staff_edit_every_field_of_an_event() {
    let app = spawn_app().await;
    let id = app.create_event(&[]).await;
    let (starts, ends, closes) = (app.day(40).await, app.day(42).await, app.day(35).await);
    let commune = app
        .scalar("SELECT min(id) FROM admin_units WHERE level = 'commune' AND valid_to IS NULL")
        .await
        .to_string();
    let form = [
        ("kind", "exhibition"),
        ("name", "Triển lãm sản phẩm OCOP miền biển"),
        ("summary", "Trưng bày sản phẩm thủy sản OCOP."),
        ("description", "## Chương trình\n\n- Khai mạc **8 giờ**"),
        ("organiser", "Sở Nông nghiệp và Môi trường"),
        ("venue", "Cung văn hóa"),
        ("location", "Đồng Hới, Quảng Trị"),
        ("admin_unit_id", commune.as_str()),
        ("starts_on", starts.as_str()),
        ("ends_on", ends.as_str()),
        ("applications_close_on", closes.as_str()),
        ("planned_booths", "40"),
        ("online_booths", "5"),
        ("plan_width", "25"),
        ("plan_height", "12"),
    ];
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post(&format!("/admin/events/{id}"))
        .multipart(&form, None)
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let stored = app
        .text(&format!(
            "SELECT kind || '|' || name || '|' || summary || '|' || organiser || '|' || venue || '|' || location || '|' ||
                    admin_unit_id || '|' || starts_on || '|' || ends_on || '|' || applications_close_on || '|' ||
                    planned_booths || '|' || online_booths || '|' || plan_width || '|' || plan_height
             FROM events WHERE id = {id}"
        ))
        .await;
    assert_eq!(
        stored,
        format!(
            "exhibition|Triển lãm sản phẩm OCOP miền biển|Trưng bày sản phẩm thủy sản OCOP.|Sở Nông nghiệp và Môi trường|Cung văn hóa|Đồng Hới, Quảng Trị|{commune}|{starts}|{ends}|{closes}|40|5|25|12"
        )
    );
    // The form shows what is stored, dates as the date inputs take them.
    let page = app
        .as_user(DemoUser::Staff)
        .await
        .get(&format!("/admin/events/{id}"))
        .await;
    assert!(page.body.contains(&format!("value=\"{starts}\"")));
    assert!(page.body.contains("Triển lãm sản phẩm OCOP miền biển"));
}

#[tokio::test]
async fn staff_filter_the_events_by_kind_status_and_year_and_see_them_in_a_month() {
    let app = spawn_app().await;
    let staff = app.as_user(DemoUser::Staff).await;
    let training = staff.get("/admin/events?kind=training").await;
    assert_eq!(training.status, 200);
    assert!(training.body.contains("Tập huấn xây dựng hồ sơ"));
    assert!(!training.body.contains("Hội chợ Xuân Đinh Mùi"));
    let finished_2022 = staff.get("/admin/events?status=finished&year=2022").await;
    assert!(finished_2022.body.contains("Festival trái cây"));
    assert!(!finished_2022.body.contains("Tập huấn kỹ năng bán hàng"));
    let nonsense = staff.get("/admin/events?year=abc").await;
    assert!(nonsense.body.contains("Năm không hợp lệ."));

    let month = staff.get("/admin/events?view=calendar&month=2022-05").await;
    assert_eq!(month.status, 200);
    assert!(month.body.contains("Tháng 5/2022"));
    assert!(month.body.contains("Festival trái cây"));
    assert!(month.body.contains("month=2022-04") && month.body.contains("month=2022-06"));
}

const PHOTO: &[u8] = include_bytes!("../../end2end/fixtures/photo.jpg");

#[tokio::test]
async fn a_cover_photo_is_checked_from_its_content_kept_with_the_event_and_shown_publicly() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ có ảnh bìa", 1).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let (start, end, closes) = (app.day(30).await, app.day(32).await, app.day(20).await);
    let form = [
        ("kind", "fair"),
        ("name", "Hội chợ có ảnh bìa"),
        ("starts_on", start.as_str()),
        ("ends_on", end.as_str()),
        ("applications_close_on", closes.as_str()),
    ];
    // Not an image, whatever its name says: refused next to the field, nothing kept.
    let before = app.snapshot().await;
    let fake = staff
        .post(&format!("/admin/events/{}", fair.id))
        .multipart(
            &form,
            Some(("cover", "bia.jpg", b"not a photo at all".to_vec())),
        )
        .await;
    assert_eq!(fake.status, 422);
    assert!(!fake.field_message("cover").is_empty());
    assert_eq!(app.snapshot().await, before);

    let reply = staff
        .post(&format!("/admin/events/{}", fair.id))
        .multipart(&form, Some(("cover", "bia.jpg", PHOTO.to_vec())))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let cover = app
        .scalar(&format!(
            "SELECT count(*) FROM events e JOIN media m ON m.id = e.cover_media_id WHERE e.id = {}",
            fair.id
        ))
        .await;
    assert_eq!(cover, 1);
    let page = app.get(&format!("/fairs/{}", fair.slug)).await;
    assert!(page.body.contains("class=\"event-cover\""));
    assert!(page.body.contains("src=\"/media/"));
}
