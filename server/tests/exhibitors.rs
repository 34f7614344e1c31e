//! Applications for booths, from the producer's form (`/portal/events/{id}`) to the staff's
//! decisions (`/admin/events/{id}/applications`): only one's own published products, before the
//! deadline; every illegal move refused with nothing changed; one booth per producer and one
//! producer per booth however many staff decide at once; the producer told of each decision;
//! the exhibitor list as CSV, XLSX and booth signs.

use std::io::Cursor;
use std::sync::Arc;

use crate::common::{spawn_app, spawn_app_with_mail, spawn_copy, DemoUser, Fair, TestApp};
use app::model::events::status::ApplicationStatus;
use calamine::{open_workbook_from_rs, Reader, Xlsx};

/// Applications of `count` other producers (without accounts) for the fair, straight into
/// the database, as if each had applied: the crowd a popular fair draws.
async fn crowd(app: &TestApp, fair: &Fair, count: i64) -> Vec<i64> {
    sqlx::query(
        "INSERT INTO exhibitor_applications (event_id, producer_id, booth_type_id, message)
         SELECT ?1, p.id, ?2, 'Xin một gian.' FROM producers p
         WHERE p.active = 1 AND NOT EXISTS (SELECT 1 FROM users u WHERE u.producer_id = p.id)
         ORDER BY p.id LIMIT ?3",
    )
    .bind(fair.id)
    .bind(fair.booth_type)
    .bind(count)
    .execute(&app.direct)
    .await
    .expect("applications");
    sqlx::query_scalar("SELECT id FROM exhibitor_applications WHERE event_id = ?1 ORDER BY id")
        .bind(fair.id)
        .fetch_all(&app.pool)
        .await
        .expect("ids")
}

/// A form's fields.
type Fields<'a> = Vec<(&'a str, &'a str)>;

fn decide_path(fair: &Fair, application: i64, decision: &str) -> String {
    format!(
        "/admin/events/{}/applications/{application}/{decision}",
        fair.id
    )
}

#[tokio::test]
async fn a_producer_applies_with_two_of_its_products_and_staff_find_it_in_the_queue() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ đặc sản mùa đông", 4).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 2).await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM application_products WHERE application_id = {application}"
        ))
        .await,
        2
    );
    let queue = app
        .as_user(DemoUser::Staff)
        .await
        .get(&format!(
            "/admin/events/{}/applications?status=submitted",
            fair.id
        ))
        .await;
    assert_eq!(queue.status, 200);
    assert!(queue.body.contains("Hợp tác xã Nông nghiệp Sơn Lộc"));
    assert!(queue.body.contains(&format!("/applications/{application}")));
    // The producer's page says where it stands, and keeps its choices in the form.
    let mine = app
        .as_user(DemoUser::ProducerA)
        .await
        .get(&format!("/portal/events/{}", fair.id))
        .await;
    assert!(mine.body.contains("Đơn của bạn: "));
    assert!(mine.body.contains("Xin một gian gần lối vào."));
    // Changing it before the deadline keeps one application.
    app.apply(DemoUser::ProducerA, &fair, 1).await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM exhibitor_applications WHERE event_id = {}",
            fair.id
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM application_products WHERE application_id = {application}"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn one_product_named_twice_in_a_hand_made_form_is_shown_once() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ mùa xuân", 2).await;
    let product = app.published_product(DemoUser::ProducerA).await.id;
    let type_id = fair.booth_type.to_string();
    let (plain, padded) = (format!("product-{product}"), format!("product-0{product}"));
    let reply = app
        .as_user(DemoUser::ProducerA)
        .await
        .post(&format!("/portal/events/{}/apply", fair.id))
        .form(&[("booth_type_id", &type_id), (&plain, "on"), (&padded, "on")])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM application_products ap JOIN exhibitor_applications a ON a.id = ap.application_id
             WHERE a.event_id = {} AND ap.product_id = {product}",
            fair.id
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn a_producer_cannot_show_another_producers_products_nor_apply_after_the_deadline() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ hàng Việt", 2).await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let theirs = app.published_product(DemoUser::ProducerB).await.id;
    let type_id = fair.booth_type.to_string();
    let before = app.snapshot().await;
    let product = format!("product-{theirs}");
    let reply = producer
        .post(&format!("/portal/events/{}/apply", fair.id))
        .form(&[("booth_type_id", &type_id), (&product, "on")])
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply
        .field_message("products")
        .contains("sản phẩm đang hiển thị của bạn"));
    // Nothing chosen at all.
    let reply = producer
        .post(&format!("/portal/events/{}/apply", fair.id))
        .form(&[("booth_type_id", &type_id)])
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply
        .field_message("products")
        .contains("ít nhất một sản phẩm"));
    assert_eq!(app.snapshot().await, before);

    // The deadline passed yesterday.
    let yesterday = app.day(-1).await;
    sqlx::query("UPDATE events SET applications_close_on = ?1 WHERE id = ?2")
        .bind(&yesterday)
        .bind(fair.id)
        .execute(&app.direct)
        .await
        .expect("deadline");
    let before = app.snapshot().await;
    let own = format!(
        "product-{}",
        app.published_product(DemoUser::ProducerA).await.id
    );
    let reply = producer
        .post(&format!("/portal/events/{}/apply", fair.id))
        .form(&[("booth_type_id", &type_id), (&own, "on")])
        .await;
    assert_eq!(reply.status, 409);
    assert!(
        reply.alert().contains("hết hạn nhận đăng ký"),
        "{}",
        reply.body
    );
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn a_producer_sees_and_withdraws_only_its_own_application() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ riêng tư", 2).await;
    app.apply(DemoUser::ProducerA, &fair, 1).await;
    let b = app.as_user(DemoUser::ProducerB).await;
    let page = b.get(&format!("/portal/events/{}", fair.id)).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Xin một gian gần lối vào."));
    let json = b
        .post("/api/portal/event")
        .form(&[("id", &fair.id.to_string())])
        .json()
        .await;
    assert!(
        !json.body.contains("Xin một gian gần lối vào."),
        "{}",
        json.body
    );
    // B has nothing to withdraw; A's application stays.
    let before = app.snapshot().await;
    assert_eq!(
        b.post(&format!("/portal/events/{}/withdraw", fair.id))
            .await
            .status,
        404
    );
    assert_eq!(app.snapshot().await, before);
    let a = app.as_user(DemoUser::ProducerA).await;
    assert_eq!(
        a.post(&format!("/portal/events/{}/withdraw", fair.id))
            .await
            .status,
        303
    );
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM exhibitor_applications WHERE event_id = {}",
            fair.id
        ))
        .await,
        "withdrawn"
    );
}

/// Brings the application to `status` through the site, as staff and the producer would.
async fn bring_to(app: &TestApp, fair: &Fair, application: i64, status: ApplicationStatus) {
    let staff = app.as_user(DemoUser::Staff).await;
    let booth = fair.booths[0].to_string();
    let steps: &[(&str, &[(&str, &str)])] = match status {
        ApplicationStatus::Submitted => &[],
        ApplicationStatus::Waitlisted => &[("waitlist", &[])],
        ApplicationStatus::Approved => &[("approve", &[("booth_id", &booth)])],
        ApplicationStatus::Rejected => {
            &[("reject", &[("reason", "Sản phẩm chưa được chứng nhận.")])]
        }
        ApplicationStatus::Withdrawn => {
            let reply = app
                .as_user(DemoUser::ProducerA)
                .await
                .post(&format!("/portal/events/{}/withdraw", fair.id))
                .await;
            assert_eq!(reply.status, 303);
            &[]
        }
    };
    for (decision, form) in steps {
        let reply = staff
            .post(&decide_path(fair, application, decision))
            .form(form)
            .await;
        assert_eq!(reply.status, 303, "{decision}: {}", reply.body);
    }
    assert_eq!(
        app.text(&format!(
            "SELECT status FROM exhibitor_applications WHERE id = {application}"
        ))
        .await,
        status.to_string()
    );
}

#[tokio::test]
async fn every_decision_an_application_cannot_take_is_refused_and_changes_nothing() {
    let origin = spawn_app().await;
    let fair = origin.open_fair("Hội chợ đủ mọi quyết định", 3).await;
    let application = origin.apply(DemoUser::ProducerA, &fair, 1).await;
    let second_booth = fair.booths[1].to_string();
    let decisions: [(&str, Fields); 5] = [
        ("approve", vec![("booth_id", &second_booth)]),
        ("move", vec![("booth_id", &second_booth)]),
        ("waitlist", vec![]),
        ("reject", vec![("reason", "Hồ sơ chưa đủ.")]),
        ("vacate", vec![]),
    ];
    let allowed = |from: ApplicationStatus, decision: &str| match decision {
        "approve" => from.open(),
        "move" | "vacate" => from == ApplicationStatus::Approved,
        "waitlist" => from == ApplicationStatus::Submitted,
        _ => from.may_become(ApplicationStatus::Rejected),
    };
    for from in ApplicationStatus::ALL {
        for (decision, form) in &decisions {
            let app = spawn_copy(&origin).await;
            bring_to(&app, &fair, application, *from).await;
            let before = app.snapshot().await;
            let reply = app
                .as_user(DemoUser::Staff)
                .await
                .post(&decide_path(&fair, application, decision))
                .form(form)
                .await;
            if allowed(*from, decision) {
                assert_eq!(
                    reply.status,
                    303,
                    "{from} {decision}: {}",
                    reply.field_message("status")
                );
            } else {
                assert_eq!(reply.status, 409, "{from} {decision}");
                assert!(
                    reply.alert().contains("nên không thể chuyển sang"),
                    "{from} {decision}: {}",
                    reply.alert()
                );
                assert_eq!(app.snapshot().await, before, "{from} {decision}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_staff_giving_one_booth_to_many_producers_at_once_give_it_to_exactly_one() {
    let app = Arc::new(spawn_app().await);
    let fair = app.open_fair("Hội chợ tranh gian", 2).await;
    let applications = crowd(&app, &fair, 16).await;
    assert_eq!(applications.len(), 16);
    let booth = fair.booths[0];
    let mut tasks = Vec::new();
    for application in applications.clone() {
        let (app, path) = (app.clone(), decide_path(&fair, application, "approve"));
        tasks.push(tokio::spawn(async move {
            let staff = app.as_user(DemoUser::Staff).await;
            let reply = staff
                .post(&path)
                .form(&[("booth_id", &booth.to_string())])
                .await;
            (reply.status.as_u16(), reply.field_message("booth_id"))
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("task"));
    }
    let won = answers.iter().filter(|(status, _)| *status == 303).count();
    assert_eq!(won, 1, "{answers:?}");
    for (status, message) in answers.iter().filter(|(status, _)| *status != 303) {
        assert_eq!(*status, 422);
        assert!(
            message.contains("không còn trống"),
            "a clear message: {message}"
        );
    }
    assert_eq!(app.scalar(&format!("SELECT count(*) FROM exhibitor_applications WHERE event_id = {} AND status = 'approved'", fair.id)).await, 1);
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM exhibitor_applications WHERE booth_id = {booth}"
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM booths b JOIN exhibitor_applications a ON a.booth_id = b.id AND a.producer_id = b.producer_id
             WHERE b.id = {booth} AND b.status = 'assigned'"
        ))
        .await,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_staff_giving_many_booths_to_one_producer_at_once_give_it_exactly_one() {
    let app = Arc::new(spawn_app().await);
    let fair = app.open_fair("Hội chợ một gian mỗi đơn vị", 8).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 1).await;
    let mut tasks = Vec::new();
    for booth in fair.booths.clone() {
        let (app, path) = (app.clone(), decide_path(&fair, application, "approve"));
        tasks.push(tokio::spawn(async move {
            let staff = app.as_user(DemoUser::Staff).await;
            staff
                .post(&path)
                .form(&[("booth_id", &booth.to_string())])
                .await
                .status
                .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("task"));
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [303, 409, 422].contains(s)),
        "{statuses:?}"
    );
    let producer = app.producer_id(DemoUser::ProducerA).await;
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM booths WHERE event_id = {} AND producer_id = {producer}",
            fair.id
        ))
        .await,
        1
    );
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM booths WHERE event_id = {} AND status = 'assigned'",
            fair.id
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn the_database_itself_refuses_a_second_booth_for_a_producer_or_a_second_producer_for_a_booth(
) {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ kiểm tra ràng buộc", 3).await;
    let ids = crowd(&app, &fair, 2).await;
    let producers: Vec<i64> = sqlx::query_scalar(
        "SELECT producer_id FROM exhibitor_applications WHERE event_id = ?1 ORDER BY id",
    )
    .bind(fair.id)
    .fetch_all(&app.pool)
    .await
    .expect("producers");
    let set_booth = "UPDATE booths SET status = 'assigned', producer_id = ?1 WHERE id = ?2";
    sqlx::query(set_booth)
        .bind(producers[0])
        .bind(fair.booths[0])
        .execute(&app.direct)
        .await
        .expect("first");
    let second = sqlx::query(set_booth)
        .bind(producers[0])
        .bind(fair.booths[1])
        .execute(&app.direct)
        .await;
    assert!(second.is_err(), "a producer holds one booth of an event");
    let give = "UPDATE exhibitor_applications SET status = 'approved', booth_id = ?1 WHERE id = ?2";
    sqlx::query(give)
        .bind(fair.booths[0])
        .bind(ids[0])
        .execute(&app.direct)
        .await
        .expect("first");
    let again = sqlx::query(give)
        .bind(fair.booths[0])
        .bind(ids[1])
        .execute(&app.direct)
        .await;
    assert!(again.is_err(), "a booth goes to one application");
}

#[tokio::test]
async fn the_producer_is_told_of_each_decision_in_its_portal_and_by_mail() {
    let app = spawn_app_with_mail(true).await;
    let fair = app.open_fair("Hội chợ có thông báo", 3).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 1).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let producer = app.producer_id(DemoUser::ProducerA).await;
    let outbox_before = app.count("outbox").await;
    let (a01, a03) = (fair.booths[0].to_string(), fair.booths[2].to_string());
    let steps: [(&str, Fields, &str); 4] = [
        (
            "approve",
            vec![("booth_id", &a01)],
            "đã được duyệt: gian A01",
        ),
        (
            "move",
            vec![("booth_id", &a03)],
            "đã được chuyển sang gian A03",
        ),
        ("vacate", vec![], "đã được thu hồi"),
        (
            "reject",
            vec![("reason", "Trùng lịch với hội chợ khác.")],
            "Lý do: Trùng lịch với hội chợ khác.",
        ),
    ];
    for (n, (decision, form, told)) in steps.iter().enumerate() {
        let reply = staff
            .post(&decide_path(&fair, application, decision))
            .form(form)
            .await;
        assert_eq!(reply.status, 303, "{decision}: {}", reply.body);
        let latest = app
            .text(&format!("SELECT text_vi FROM producer_notices WHERE producer_id = {producer} ORDER BY id DESC LIMIT 1"))
            .await;
        assert!(latest.contains(told), "{decision}: {latest}");
        assert_eq!(
            app.count("outbox").await,
            outbox_before + i64::try_from(n).unwrap() + 1,
            "{decision}"
        );
    }
    // The dashboard shows the latest notice; the event page the reason.
    let producer = app.as_user(DemoUser::ProducerA).await;
    assert!(producer
        .get("/portal")
        .await
        .body
        .contains("Trùng lịch với hội chợ khác."));
    let page = producer.get(&format!("/portal/events/{}", fair.id)).await;
    assert!(page.body.contains("Trùng lịch với hội chợ khác."));
    // A rejection needs its reason.
    let other = crowd(&app, &fair, 1).await;
    let before = app.snapshot().await;
    let reply = staff
        .post(&decide_path(&fair, other[1], "reject"))
        .form(&[("reason", " ")])
        .await;
    assert_eq!(reply.status, 422);
    assert!(!reply.field_message("reason").is_empty());
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn without_mail_the_producer_is_still_told_in_its_portal() {
    let app = spawn_app_with_mail(false).await;
    let fair = app.open_fair("Hội chợ không gửi thư", 2).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 1).await;
    let outbox = app.count("outbox").await;
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post(&decide_path(&fair, application, "waitlist"))
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(app.count("outbox").await, outbox);
    assert!(app
        .as_user(DemoUser::ProducerA)
        .await
        .get("/portal")
        .await
        .body
        .contains("danh sách chờ"));
}

/// The rows of a CSV download, without its byte-order mark.
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .expect("a CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_exhibitor_list_downloads_as_csv_and_as_xlsx_with_the_same_rows() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ có danh sách tải về", 3).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 2).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let reply = staff
        .post(&decide_path(&fair, application, "approve"))
        .form(&[("booth_id", &fair.booths[1].to_string())])
        .await;
    assert_eq!(reply.status, 303);

    let csv = staff
        .get(&format!("/admin/events/{}/exhibitors.csv", fair.id))
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-disposition")
        .contains(&format!("gian-hang-{}.csv", fair.slug)));
    let rows = csv_rows(&csv.body);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0][0], "Gian");
    assert_eq!(rows[1][0], "A02");
    assert_eq!(rows[1][2], "Hợp tác xã Nông nghiệp Sơn Lộc");
    assert_eq!(rows[1][3], "Hợp tác xã");

    let response = staff
        .get(&format!("/admin/events/{}/exhibitors.xlsx", fair.id))
        .response()
        .await;
    assert_eq!(response.status(), 200);
    let bytes = axum::body::to_bytes(response.into_body(), 8 * 1024 * 1024)
        .await
        .expect("body");
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an XLSX file");
    let sheet = workbook
        .worksheet_range_at(0)
        .expect("a sheet")
        .expect("readable");
    let read_back: Vec<Vec<String>> = sheet
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(read_back, rows);
}

#[tokio::test]
async fn the_downloads_and_booth_signs_are_for_staff_only() {
    let app = spawn_app().await;
    let fair = app.open_fair("Hội chợ tải về riêng", 1).await;
    for path in [
        format!("/admin/events/{}/exhibitors.csv", fair.id),
        format!("/admin/events/{}/exhibitors.xlsx", fair.id),
        format!("/admin/events/{}/signs", fair.id),
        format!("/admin/events/{}/applications", fair.id),
    ] {
        assert_ne!(app.get(&path).await.status, 200, "anonymous {path}");
        let producer = app.as_user(DemoUser::ProducerA).await.get(&path).await;
        assert_eq!(producer.status, 403, "producer {path}");
        assert_eq!(
            app.as_user(DemoUser::Staff).await.get(&path).await.status,
            200,
            "staff {path}"
        );
    }
}

#[tokio::test]
async fn booth_signs_give_each_assigned_booth_its_producer_star_products_and_a_qr_code() {
    let app = spawn_app().await;
    let signs = app
        .as_user(DemoUser::Staff)
        .await
        .get("/admin/events/6/signs")
        .await;
    assert_eq!(signs.status, 200);
    // The demo fair has eleven booths assigned: one sign each, each with a QR code.
    assert_eq!(signs.body.matches("class=\"booth-sign\"").count(), 11);
    assert_eq!(signs.body.matches("class=\"qr\"").count(), 11);
    assert!(signs.body.contains(">A01<"));
    assert!(signs.body.contains("★"));
    assert!(signs.body.contains("https://ocop.example.vn/producers/"));
}
