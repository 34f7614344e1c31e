//! Registrations for the OCOP cycle: producers register their products (new or existing) while
//! the cycle takes registrations, staff for them until it closes; the dossier's files (type from
//! content, size, ownership); the life of a registration, every illegal move refused with
//! nothing changed, in the application and in the database.

use crate::common::{commune_review, spawn_app, DemoUser, TestApp};
use app::model::cycle::status::RegistrationStatus;

const PHOTO: &[u8] = include_bytes!("../../end2end/fixtures/photo.jpg");
/// The smallest PNG: one transparent pixel.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

async fn status(app: &TestApp, registration: i64) -> String {
    app.text(&format!(
        "SELECT status FROM registrations WHERE id = {registration}"
    ))
    .await
}

#[tokio::test]
async fn a_producer_registers_its_own_product_or_a_new_one_while_the_cycle_takes_registrations() {
    let app = spawn_app().await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    // The demo's 2026 cycle is at its evaluation stage: no registrations.
    let page = producer.get("/portal/ocop").await;
    assert!(page
        .body
        .contains("Hiện không có chu trình nào nhận đăng ký."));
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    assert_eq!(status(&app, registration).await, "registered");
    // The same product twice in a cycle is refused.
    let product = app
        .published_product(DemoUser::ProducerA)
        .await
        .id
        .to_string();
    let before = app.snapshot().await;
    let again = producer
        .post("/portal/ocop/register")
        .form(&[("kind", "existing"), ("product_id", &product)])
        .await;
    assert_eq!(again.status, 422);
    assert!(again
        .field_message("product_id")
        .contains("đã được đăng ký"));
    // Another producer's product is not its to register.
    let theirs = app
        .published_product(DemoUser::ProducerB)
        .await
        .id
        .to_string();
    let other = producer
        .post("/portal/ocop/register")
        .form(&[("kind", "existing"), ("product_id", &theirs)])
        .await;
    assert_eq!(other.status, 422);
    assert_eq!(app.snapshot().await, before);
    // A new product (form 01) becomes a draft listing of the producer's.
    let reply = producer
        .post("/portal/ocop/register")
        .form(&[
            ("kind", "new"),
            ("new_name", "Bánh lọc Sơn Lộc"),
            ("set_id", "6"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    let producer_id = app.producer_id(DemoUser::ProducerA).await;
    assert_eq!(
        app.text(&format!("SELECT status FROM products WHERE name = 'Bánh lọc Sơn Lộc' AND producer_id = {producer_id}")).await,
        "draft"
    );
    // The checklist of a new product asks for form 01, of an existing one for form 02.
    let page = producer.get(&format!("/portal/ocop/{registration}")).await;
    assert!(page.body.contains("mẫu 02"));
    assert!(!page.body.contains("mẫu 01)"));
}

#[tokio::test]
async fn registration_closes_at_its_deadline_for_producers_but_not_for_staff() {
    let app = spawn_app().await;
    let yesterday = app.day(-1).await;
    app.open_cycle(2027, Some(&yesterday)).await;
    let product = app
        .published_product(DemoUser::ProducerA)
        .await
        .id
        .to_string();
    let producer = app.as_user(DemoUser::ProducerA).await;
    let before = app.snapshot().await;
    let reply = producer
        .post("/portal/ocop/register")
        .form(&[("kind", "existing"), ("product_id", &product)])
        .await;
    assert_eq!(reply.status, 409);
    assert!(
        reply.alert().contains("không còn nhận đăng ký"),
        "{}",
        reply.body
    );
    assert_eq!(app.snapshot().await, before);
    let producer = app.producer_id(DemoUser::ProducerA).await.to_string();
    let reply = app
        .as_user(DemoUser::Staff)
        .await
        .post("/admin/cycles/2027/registrations")
        .form(&[
            ("producer_id", &producer),
            ("kind", "existing"),
            ("product_id", &product),
        ])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
}

#[tokio::test]
async fn dossier_files_are_checked_from_their_content_and_kept_for_their_producer_staff_and_commune(
) {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let upload = |code: &str| format!("/portal/ocop/{registration}/items/{code}");
    // A real PDF is kept, waiting for staff.
    let reply = producer
        .post(&upload("form_02"))
        .multipart(&[], Some(("file", "Mẫu 02.pdf", pdf())))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert_eq!(
        app.text(&format!("SELECT status FROM dossier_items WHERE registration_id = {registration} AND requirement = 'form_02'")).await,
        "submitted"
    );
    // A JPEG scan too.
    assert_eq!(
        producer
            .post(&upload("form_03"))
            .multipart(&[], Some(("file", "pa.jpg", PHOTO.to_vec())))
            .await
            .status,
        303
    );
    let stored = app.count("documents").await;
    let files = std::fs::read_dir(app.media_dir().with_file_name("documents"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(files, 2);

    let b = app.as_user(DemoUser::ProducerB).await;
    let before = app.snapshot().await;
    // Text named .pdf is not a PDF.
    let fake = producer
        .post(&upload("form_04"))
        .multipart(
            &[],
            Some((
                "file",
                "to-chuc.pdf",
                b"Day la van ban, khong phai PDF".to_vec(),
            )),
        )
        .await;
    assert_eq!(fake.status, 422);
    assert!(fake.field_message("file").contains("PDF, JPEG hoặc PNG"));
    // Larger than allowed.
    let mut big = pdf();
    big.resize(9 * 1024 * 1024, b' ');
    let oversized = producer
        .post(&upload("form_04"))
        .multipart(&[], Some(("file", "lon.pdf", big)))
        .await;
    assert_eq!(oversized.status, 422);
    assert!(oversized.field_message("file").contains("8 MB"));
    // Samples are brought, not uploaded; an item the rules do not ask for is not found.
    // (A file of its own content, which must not be left on disk either.)
    let mut other = pdf();
    other.extend_from_slice(b"% another file\n");
    assert_eq!(
        producer
            .post(&upload("samples"))
            .multipart(&[], Some(("file", "mau.pdf", other)))
            .await
            .status,
        422
    );
    assert_eq!(
        producer
            .post(&upload("form_01"))
            .multipart(&[], Some(("file", "a.pdf", pdf())))
            .await
            .status,
        404
    );
    // Another producer's registration does not exist for B, and B's file is not stored.
    assert_eq!(
        b.post(&upload("form_04"))
            .multipart(&[], Some(("file", "b.pdf", pdf())))
            .await
            .status,
        404
    );
    assert_eq!(
        b.get(&format!("/portal/ocop/{registration}/items/form_02/file"))
            .await
            .status,
        404
    );
    assert_eq!(
        b.get(&format!("/portal/ocop/{registration}")).await.status,
        404
    );
    assert_eq!(app.snapshot().await, before);
    assert_eq!(app.count("documents").await, stored);
    assert_eq!(
        std::fs::read_dir(app.media_dir().with_file_name("documents"))
            .map(|d| d.count())
            .unwrap_or(0),
        2
    );

    // The producer and staff read the file back; the public has no way to it.
    let mine = producer
        .get(&format!("/portal/ocop/{registration}/items/form_02/file"))
        .response()
        .await;
    assert_eq!(mine.status(), 200);
    assert_eq!(mine.headers()["content-type"], "application/pdf");
    assert!(mine.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("no-store"));
    let staff = app.as_user(DemoUser::Staff).await;
    let theirs = staff
        .get(&format!(
            "/admin/registrations/{registration}/items/form_02/file"
        ))
        .await;
    assert_eq!(theirs.status, 200);
    assert_eq!(theirs.body.as_bytes(), pdf().as_slice());
    // So does the officer of the commune Sơn Lộc is part of now.
    let commune = app
        .as_user(DemoUser::Officer)
        .await
        .get(&format!(
            "/commune/registrations/{registration}/items/form_02/file"
        ))
        .await;
    assert_eq!(commune.status, 200);
    assert_eq!(commune.body.as_bytes(), pdf().as_slice());
    assert_ne!(
        app.get(&format!(
            "/admin/registrations/{registration}/items/form_02/file"
        ))
        .await
        .status,
        200
    );
    // Staff attach a dossier brought on paper and scanned, for the producer.
    let scanned = staff
        .post(&format!(
            "/admin/registrations/{registration}/items/form_04"
        ))
        .multipart(&[], Some(("file", "to-chuc.png", PNG.to_vec())))
        .await;
    assert_eq!(scanned.status, 303, "{}", scanned.body);
    let mine = producer
        .get(&format!("/portal/ocop/{registration}/items/form_04/file"))
        .response()
        .await;
    assert_eq!(mine.headers()["content-type"], "image/png");
}

#[tokio::test]
async fn staff_tick_items_ask_for_corrections_and_confirm_a_complete_dossier() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let base = format!("/admin/registrations/{registration}");
    // Not complete yet: refused, with what is missing.
    let before = app.snapshot().await;
    let early = staff.post(&format!("{base}/complete")).await;
    assert_eq!(early.status, 409);
    assert!(early.alert().contains("Hồ sơ còn thiếu"), "{}", early.body);
    assert_eq!(app.snapshot().await, before);
    // A correction needs its note; with one, the producer is told.
    let reply = staff
        .post(&format!("{base}/items/form_02/correction"))
        .form(&[("note", "")])
        .await;
    assert_eq!(reply.status, 422);
    let note = "Phiếu thiếu chữ ký của người đại diện.";
    assert_eq!(
        staff
            .post(&format!("{base}/items/form_02/correction"))
            .form(&[("note", note)])
            .await
            .status,
        303
    );
    let told = app
        .text("SELECT text_vi FROM producer_notices ORDER BY id DESC LIMIT 1")
        .await;
    assert!(told.contains(note), "{told}");
    assert!(app
        .as_user(DemoUser::ProducerA)
        .await
        .get(&format!("/portal/ocop/{registration}"))
        .await
        .body
        .contains(note));
    // Every required item received: complete.
    for code in [
        "form_02",
        "form_03",
        "form_04",
        "business_registration",
        "self_report",
        "samples",
    ] {
        assert_eq!(
            staff
                .post(&format!("{base}/items/{code}/receive"))
                .await
                .status,
            303,
            "{code}"
        );
    }
    assert_eq!(staff.post(&format!("{base}/complete")).await.status, 303);
    assert_eq!(status(&app, registration).await, "dossier_complete");
    // The history says who did what.
    let page = staff.get(&base).await;
    let history = page.body.split("Lịch sử").nth(1).unwrap_or_default();
    assert!(history.contains("Yêu cầu bổ sung") && history.contains("Hồ sơ đầy đủ"));
    // Under 1489 the province appraises only what the commune proposed.
    let today = app.day(0).await;
    let before = app.snapshot().await;
    let early = staff
        .post(&format!("{base}/appraise"))
        .form(&[("eligible", "yes"), ("appraised_on", &today)])
        .await;
    assert_eq!(early.status, 422);
    assert!(
        early.field_message("status").contains("1489"),
        "{}",
        early.body
    );
    assert_eq!(app.snapshot().await, before);
    let proposed = app
        .as_user(DemoUser::Officer)
        .await
        .post(&format!("/commune/registrations/{registration}/review"))
        .form(&commune_review("proposed", ""))
        .await;
    assert_eq!(proposed.status, 303, "{}", proposed.body);
    assert_eq!(status(&app, registration).await, "proposed");
    // An appraisal that is not eligible needs its reason.
    let reply = staff
        .post(&format!("{base}/appraise"))
        .form(&[("eligible", "no"), ("appraised_on", &today)])
        .await;
    assert_eq!(reply.status, 422);
    assert!(!reply.field_message("appraisal_reason").is_empty());
    let reply = staff
        .post(&format!("{base}/appraise"))
        .form(&[("eligible", "yes"), ("appraised_on", &today)])
        .await;
    assert_eq!(reply.status, 303);
    // Under 1489 there is no district council: it waits for the province.
    assert_eq!(
        app.text(&format!(
            "SELECT status || ' ' || level FROM registrations WHERE id = {registration}"
        ))
        .await,
        "eligible province"
    );
}

#[tokio::test]
async fn every_move_a_registration_cannot_make_is_refused_by_the_database_and_changes_nothing() {
    let app = spawn_app().await;
    let registration: i64 = app.scalar("SELECT min(id) FROM registrations").await;
    // The database's table of moves is the application's.
    let moves: Vec<(String, String)> =
        sqlx::query_as("SELECT from_status, to_status FROM registration_moves")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    for from in RegistrationStatus::ALL {
        for to in RegistrationStatus::ALL {
            if from == to {
                continue;
            }
            let listed = moves.contains(&(from.to_string(), to.to_string()));
            assert_eq!(from.may_become(*to), listed, "{from} → {to}");
            set_status_around_the_trigger(&app, registration, &from.to_string()).await;
            let moved = sqlx::query("UPDATE registrations SET status = ?1 WHERE id = ?2")
                .bind(to)
                .bind(registration)
                .execute(&app.direct)
                .await;
            assert_eq!(moved.is_ok(), listed, "{from} → {to}");
        }
    }
}

/// Sets a registration's status whatever it was, for a test's starting point: the trigger is
/// lifted for that one statement and put back.
async fn set_status_around_the_trigger(app: &TestApp, registration: i64, status: &str) {
    let trigger: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'registrations_follow_their_life'")
            .fetch_one(&app.direct)
            .await
            .unwrap();
    sqlx::query("DROP TRIGGER registrations_follow_their_life")
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query("UPDATE registrations SET status = ?1 WHERE id = ?2")
        .bind(status)
        .bind(registration)
        .execute(&app.direct)
        .await
        .unwrap();
    sqlx::query(&trigger).execute(&app.direct).await.unwrap();
}

#[tokio::test]
async fn through_the_site_every_illegal_step_is_refused_with_a_message_and_nothing_changes() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let staff = app.as_user(DemoUser::Staff).await;
    let base = format!("/admin/registrations/{registration}");
    let today = app.day(0).await;
    for status in [
        "registered",
        "eligible",
        "recognised",
        "withdrawn",
        "not_eligible",
    ] {
        set_status_around_the_trigger(&app, registration, status).await;
        for (action, form) in [
            ("complete", vec![]),
            (
                "appraise",
                vec![("eligible", "yes"), ("appraised_on", today.as_str())],
            ),
            ("withdraw", vec![("reason", "Không sản xuất nữa.")]),
        ] {
            let allowed = matches!((status, action), ("registered" | "eligible", "withdraw"));
            if allowed {
                continue;
            }
            let before = app.snapshot().await;
            let reply = staff.post(&format!("{base}/{action}")).form(&form).await;
            // A step the registration's status does not lead to is a conflict (409); a step
            // it leads to but whose conditions fail is refused with its field's message.
            let message = match reply.status.as_u16() {
                409 => reply.alert(),
                422 => reply.field_message("status"),
                other => panic!("{status} {action}: {other}"),
            };
            assert!(!message.is_empty(), "{status} {action}: a message");
            assert_eq!(app.snapshot().await, before, "{status} {action}");
        }
    }
}

#[tokio::test]
async fn a_cycles_registrations_are_found_through_the_cycles_index() {
    let app = spawn_app().await;
    for former in [true, false] {
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT r.id {} ORDER BY r.registered_on DESC, r.id DESC LIMIT 50",
            app::store::registrations::list_from(former)
        );
        let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&sql)
            .bind(1_i64)
            .bind(Some("eligible"))
            .bind(None::<String>)
            .bind(None::<i64>)
            .bind(None::<i64>)
            .bind(None::<i64>)
            .fetch_all(&app.pool)
            .await
            .expect("a plan");
        let details: Vec<String> = plan.into_iter().map(|row| row.3).collect();
        assert!(
            details
                .iter()
                .any(|d| d.contains("SEARCH r USING INDEX registrations_cycle")),
            "{details:?}"
        );
        assert!(
            !details.iter().any(|d| d.starts_with("SCAN r")),
            "{details:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_product_registered_many_times_at_once_is_registered_once() {
    let app = std::sync::Arc::new(spawn_app().await);
    app.open_cycle(2027, None).await;
    let product = app
        .published_product(DemoUser::ProducerA)
        .await
        .id
        .to_string();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (app, product) = (app.clone(), product.clone());
        tasks.push(tokio::spawn(async move {
            let reply = app
                .as_user(DemoUser::ProducerA)
                .await
                .post("/portal/ocop/register")
                .form(&[("kind", "existing"), ("product_id", &product)])
                .await;
            (reply.status.as_u16(), reply.field_message("product_id"))
        }));
    }
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.expect("task"));
    }
    assert_eq!(
        answers.iter().filter(|(s, _)| *s == 303).count(),
        1,
        "{answers:?}"
    );
    for (status, message) in answers.iter().filter(|(s, _)| *s != 303) {
        assert_eq!(*status, 422);
        assert!(message.contains("đã được đăng ký"), "{message}");
    }
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id WHERE c.year = 2027 AND r.product_id = {product}"
        ))
        .await,
        1
    );
    // And the database itself refuses a second one.
    let second = sqlx::query(
        "INSERT INTO registrations (cycle_id, product_id, kind, registered_on, status)
         SELECT cycle_id, product_id, kind, registered_on, status FROM registrations
         WHERE product_id = ?1 AND cycle_id = (SELECT id FROM ocop_cycles WHERE year = 2027)",
    )
    .bind(&product)
    .execute(&app.direct)
    .await;
    assert!(second.is_err());
}

/// The files under `documents/` in the data directory.
fn document_files(app: &TestApp) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(app.media_dir().with_file_name("documents"))
        .map(|dir| {
            dir.filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_replaced_dossier_file_leaves_the_table_and_the_disk() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let path = format!("/portal/ocop/{registration}/items/form_02");
    let reply = producer
        .post(&path)
        .multipart(&[], Some(("file", "lan-1.pdf", pdf())))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let first = document_files(&app);
    assert_eq!(first.len(), 1);
    let mut second = pdf();
    second.extend_from_slice(b"% lan hai\n");
    let reply = producer
        .post(&path)
        .multipart(&[], Some(("file", "lan-2.pdf", second)))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let now = document_files(&app);
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now, first, "the first file went from the disk");
    assert_eq!(
        app.scalar(&format!(
            "SELECT count(*) FROM documents d JOIN dossier_items i ON i.document_id = d.id WHERE i.registration_id = {registration}"
        ))
        .await,
        1
    );
    assert_eq!(app.count("documents").await, 1, "and from the table");
    // The same bytes held by another item stay on disk when one of them is replaced.
    for code in ["form_03", "form_04"] {
        let reply = producer
            .post(&format!("/portal/ocop/{registration}/items/{code}"))
            .multipart(&[], Some(("file", "chung.png", PNG.to_vec())))
            .await;
        assert_eq!(reply.status, 303);
    }
    let reply = producer
        .post(&format!("/portal/ocop/{registration}/items/form_03"))
        .multipart(&[], Some(("file", "rieng.pdf", pdf())))
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        document_files(&app).len(),
        3,
        "form_02's PDF, the PNG form_04 still holds, form_03's new PDF"
    );
    assert_eq!(app.count("documents").await, 3);
}

#[tokio::test]
async fn dossier_files_count_against_an_hourly_and_a_per_registration_allowance() {
    use app::store::quotas::{DOCUMENTS_PER_HOUR, DOCUMENTS_PER_REGISTRATION};

    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let user = app.user_id(DemoUser::ProducerA).await;
    let path = format!("/portal/ocop/{registration}/items/form_02");
    // A refused file counts too.
    let refused = producer
        .post(&path)
        .multipart(&[], Some(("file", "x.pdf", b"not a PDF".to_vec())))
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(app.count("upload_attempts").await, 1);
    // The account's hour is used up by files for another registration of its own.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO upload_attempts (user_id, kind, registration_id, bytes, at)
         SELECT ?2, 'document', ?3, 1000, datetime('now', '-10 minutes') FROM n",
    )
    .bind(DOCUMENTS_PER_HOUR)
    .bind(user)
    .bind(
        app.scalar("SELECT min(r.id) FROM registrations r JOIN products p ON p.id = r.product_id JOIN users u ON u.producer_id = p.producer_id WHERE u.email = 'sonloc@ocop.example.vn' AND r.id <> (SELECT max(id) FROM registrations)")
            .await,
    )
    .execute(&app.direct)
    .await
    .unwrap();
    let before = (app.snapshot().await, app.count("upload_attempts").await);
    let over = producer
        .post(&path)
        .multipart(&[], Some(("file", "mau-02.pdf", pdf())))
        .await;
    assert_eq!(over.status, 429, "{}", over.body);
    assert_eq!(
        over.field_message("file"),
        "Bạn đã gửi 30 tệp (1 MB) trong một giờ qua, tối đa 30 tệp và 100 MB. Vui lòng thử lại sau."
    );
    assert_eq!(
        (app.snapshot().await, app.count("upload_attempts").await),
        before
    );
    assert!(document_files(&app).is_empty(), "nothing on disk");

    // An hour later the account may send again, but this registration has had its share.
    sqlx::query(
        "UPDATE upload_attempts SET at = datetime('now', '-2 hours'), registration_id = ?1",
    )
    .bind(registration)
    .execute(&app.direct)
    .await
    .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO upload_attempts (user_id, kind, registration_id, bytes, at)
         SELECT ?3, 'document', ?4, 1000, datetime('now', '-3 hours') FROM n",
    )
    .bind(DOCUMENTS_PER_HOUR + 1)
    .bind(DOCUMENTS_PER_REGISTRATION)
    .bind(user)
    .bind(registration)
    .execute(&app.direct)
    .await
    .unwrap();
    let staff = app.as_user(DemoUser::Staff).await;
    let before = (app.snapshot().await, app.count("upload_attempts").await);
    // Staff sending for the producer count for the registration too.
    let over = staff
        .post(&format!(
            "/admin/registrations/{registration}/items/form_02"
        ))
        .multipart(&[], Some(("file", "mau-02.pdf", pdf())))
        .await;
    assert_eq!(over.status, 429, "{}", over.body);
    assert!(
        over.field_message("file")
            .starts_with("Hồ sơ này đã nhận 60 tệp"),
        "{}",
        over.field_message("file")
    );
    assert_eq!(
        (app.snapshot().await, app.count("upload_attempts").await),
        before
    );
}

#[tokio::test]
async fn dossier_files_no_row_knows_are_swept_after_a_day() {
    let app = spawn_app().await;
    app.open_cycle(2027, None).await;
    let registration = app.register_for_ocop(DemoUser::ProducerA).await;
    let producer = app.as_user(DemoUser::ProducerA).await;
    let reply = producer
        .post(&format!("/portal/ocop/{registration}/items/form_02"))
        .multipart(&[], Some(("file", "mau-02.pdf", pdf())))
        .await;
    assert_eq!(reply.status, 303);
    let dir = app.media_dir().with_file_name("documents");
    let kept = document_files(&app);
    // Left by an upload whose change never finished: one old, one new.
    let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86_400);
    for (name, old) in [
        (format!("{}.pdf", "a".repeat(64)), true),
        (format!("{}.pdf", "b".repeat(64)), false),
    ] {
        let file = std::fs::File::create(dir.join(&name)).unwrap();
        if old {
            file.set_modified(two_days_ago).unwrap();
        }
    }
    // The file a row knows is old too, and stays.
    std::fs::File::options()
        .write(true)
        .open(dir.join(&kept[0]))
        .unwrap()
        .set_modified(two_days_ago)
        .unwrap();
    let removed = app
        .state
        .documents
        .remove_unused(&app.state.pool)
        .await
        .unwrap();
    assert_eq!(removed, 1);
    let mut left = kept.clone();
    left.push(format!("{}.pdf", "b".repeat(64)));
    left.sort();
    assert_eq!(document_files(&app), left);
}
