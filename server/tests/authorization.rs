//! Who may do what: every server function and every form post of the portal and the staff
//! pages, called by each kind of caller. A refusal answers 401, 403 or 404 (404 where a
//! producer asks for another producer's things, so ids reveal nothing) and changes nothing
//! in the database; an allowed call changes exactly the tables its row names (a read, none).
//! New features add rows to `cases`.

use crate::common::{commune_review, spawn_app, spawn_copy, Call, DemoUser, Fair, TestApp};
use app::model::listing::Listing;
use app::store::listings;

/// The callers, in the order of each case's expectations: anonymous, then the demo users.
const ACTORS: [Option<DemoUser>; 6] = [
    None,
    Some(DemoUser::ProducerA),
    Some(DemoUser::ProducerB),
    Some(DemoUser::Staff),
    Some(DemoUser::Admin),
    Some(DemoUser::Officer),
];

/// A POST as `actor` sends it.
async fn post<'a>(app: &'a TestApp, actor: Option<DemoUser>, path: &str) -> Call<'a> {
    match actor {
        Some(user) => app.as_user(user).await.post(path),
        None => app.post(path),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Allowed,
    Refused(u16),
    /// Not meaningful for this caller (e.g. changing one's own password without the form).
    Skip,
}
use Expect::{Allowed, Refused, Skip};

const SIGN_IN: Expect = Refused(401);
const FORBIDDEN: Expect = Refused(403);
const HIDDEN: Expect = Refused(404);

struct Case {
    path: String,
    form: Vec<(String, String)>,
    expect: [Expect; 6],
    /// The tables an allowed call changes, by name: none for a read.
    writes: &'static [&'static str],
}

impl Case {
    fn writes(self, tables: &'static [&'static str]) -> Case {
        Case {
            writes: tables,
            ..self
        }
    }
}

/// The prepared state every case starts from, and the ids the cases act on.
struct World {
    app: TestApp,
    product: i64,
    hidden_product: i64,
    draft: i64,
    revision: i64,
    inquiry: i64,
    producer_a: i64,
    producer_b: i64,
    user_a: i64,
    staff_user: i64,
    /// The demo's commune officer (Đông Trạch, producer A's commune of today).
    officer_user: i64,
    current_commune: i64,
    /// A commune of today other than the officer's.
    officer_commune: i64,
    /// A file of units an admin chose, which adds one commune, awaiting its import.
    unit_import: i64,
    /// A file of products an admin chose, which adds one for producer A, awaiting its import.
    product_import: i64,
    /// A fair taking applications, with producer A's application and a free booth.
    fair: Fair,
    application: i64,
    /// A training taking registrations, with producer A registered.
    training: i64,
    registration: i64,
    ocop: Ocop,
}

/// The OCOP cycle's things: the demo's 2026 cycle at evaluation, with its province council,
/// and a 2027 cycle taking registrations with producer A's.
struct Ocop {
    /// Producer A's registration in 2027, its dossier not yet complete.
    own: i64,
    /// A 2026 registration whose required items are all received.
    complete: i64,
    /// A 2026 registration its commune proposed, to appraise.
    appraisable: i64,
    /// A 2026 registration of producer A with its dossier complete, for its commune's review;
    /// and one of another commune.
    proposable: i64,
    elsewhere: i64,
    /// A product of producer A not registered in 2027.
    unregistered_of_a: i64,
    /// Two 2026 registrations waiting at the province council (`council`): the first with
    /// two members' sheets, ready to close.
    sheeted: i64,
    unscored: i64,
    council: i64,
    member: i64,
    /// A 2026 registration the council has evaluated, awaiting its decision.
    evaluated: i64,
    certificate: i64,
}

async fn ocop(app: &TestApp) -> Ocop {
    app.open_cycle(2027, None).await;
    let own = app.register_for_ocop(DemoUser::ProducerA).await;
    let in_2026 = |status: &str, nth: i64| {
        format!(
            "SELECT r.id FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id
             WHERE c.year = 2026 AND r.status = '{status}' ORDER BY r.id LIMIT 1 OFFSET {nth}"
        )
    };
    let complete = app.scalar(&in_2026("registered", 0)).await;
    app.receive_every_item(complete).await;
    let council = app
        .scalar("SELECT c.id FROM councils c JOIN ocop_cycles y ON y.id = c.cycle_id WHERE y.year = 2026")
        .await;
    let members: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM council_members WHERE council_id = ?1 ORDER BY position",
    )
    .bind(council)
    .fetch_all(&app.pool)
    .await
    .expect("members");
    let sheeted = app.scalar(&in_2026("eligible", 0)).await;
    let staff = app.as_user(DemoUser::Staff).await;
    for member in &members[..2] {
        let reply = staff
            .post(&format!("/admin/councils/{council}/sheets/{sheeted}"))
            .form(&[
                ("member_id", &member.to_string()),
                ("score_a", "30"),
                ("score_b", "20"),
                ("score_c", "25"),
            ])
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    let proposable = sqlx::query_scalar(
        "INSERT INTO registrations (cycle_id, product_id, kind, registered_on, status, updated_at)
         SELECT c.id, p.id, 'existing', '2026-04-01', 'dossier_complete', datetime('now')
         FROM ocop_cycles c, products p
         WHERE c.year = 2026 AND p.producer_id = ?1
           AND p.id NOT IN (SELECT product_id FROM registrations WHERE cycle_id = c.id)
         ORDER BY p.id LIMIT 1 RETURNING id",
    )
    .bind(app.producer_id(DemoUser::ProducerA).await)
    .fetch_one(&app.direct)
    .await
    .expect("a complete dossier of producer A in 2026");
    let unregistered_of_a = app
        .scalar(&format!(
            "SELECT min(p.id) FROM products p WHERE p.producer_id = {producer} AND p.status = 'published'
               AND p.id NOT IN (SELECT r.product_id FROM registrations r JOIN ocop_cycles c ON c.id = r.cycle_id WHERE c.year = 2027)",
            producer = app.producer_id(DemoUser::ProducerA).await
        ))
        .await;
    Ocop {
        own,
        complete,
        appraisable: app.scalar(&in_2026("proposed", 0)).await,
        proposable,
        elsewhere: app.scalar(&in_2026("dossier_complete", 0)).await,
        unregistered_of_a,
        sheeted,
        unscored: app.scalar(&in_2026("eligible", 1)).await,
        council,
        member: members[0],
        evaluated: app.scalar(&in_2026("evaluated", 0)).await,
        certificate: app
            .scalar("SELECT min(id) FROM certificates WHERE revoked_on IS NULL AND expires_on >= date('now')")
            .await,
    }
}

async fn world() -> World {
    let app = spawn_app().await;
    let producer_a = app.producer_id(DemoUser::ProducerA).await;
    let user_a = app.user_id(DemoUser::ProducerA).await;
    let staff_user = app.user_id(DemoUser::Staff).await.0;
    let product = app.scalar(&format!("SELECT min(id) FROM products WHERE producer_id = {producer_a} AND status = 'published'")).await;
    let hidden_product = app.scalar(&format!("SELECT max(id) FROM products WHERE producer_id = {producer_a} AND status = 'published'")).await;
    sqlx::query("UPDATE products SET status = 'hidden' WHERE id = ?1")
        .bind(hidden_product)
        .execute(&app.direct)
        .await
        .expect("hide");
    let producer = app
        .viewer(DemoUser::ProducerA)
        .await
        .producer()
        .expect("a producer's account");
    let set_id = app.scalar("SELECT min(id) FROM product_sets").await;
    let proposal = Listing {
        name: "Mắm ruốc Sơn Lộc".into(),
        set_id,
        ..Listing::default()
    };
    let draft = listings::submit(&app.writer, producer, None, &proposal, None)
        .await
        .expect("draft")
        .0;
    let revision = app
        .scalar(&format!(
            "SELECT id FROM product_revisions WHERE product_id = {draft}"
        ))
        .await;
    sqlx::query("INSERT INTO inquiries (producer_id, name, phone, message) VALUES (?1, 'Khách', '0912345678', 'Còn hàng không?')")
        .bind(producer_a)
        .execute(&app.direct)
        .await
        .expect("inquiry");
    let inquiry = app
        .scalar(&format!(
            "SELECT max(id) FROM inquiries WHERE producer_id = {producer_a}"
        ))
        .await;
    let fair = app.open_fair("Hội chợ phân quyền", 3).await;
    let application = app.apply(DemoUser::ProducerA, &fair, 1).await;
    let training = app.open_training("Tập huấn phân quyền", 5).await;
    let reply = app
        .as_user(DemoUser::ProducerA)
        .await
        .post(&format!("/portal/events/{training}/register"))
        .form(&[
            ("attendee_name", "Nguyễn An"),
            ("organisation", "HTX Sơn Lộc"),
        ])
        .await;
    assert_eq!(reply.status, 303);
    let registration = app
        .scalar(&format!(
            "SELECT id FROM training_registrations WHERE event_id = {training}"
        ))
        .await;
    let ocop = ocop(&app).await;
    // Every demo user's session starts here, before the copies are taken.
    for user in DemoUser::ALL {
        app.session_of(user).await;
    }
    let current_commune = app
        .scalar("SELECT min(id) FROM admin_units WHERE level = 'commune' AND valid_to IS NULL")
        .await;
    let unit_import = sqlx::query_scalar(
        "INSERT INTO imports (kind, file_name, bytes, user_id)
         VALUES ('units', 'xa-moi.csv', ?1, (SELECT id FROM users WHERE role = 'admin' LIMIT 1))
         RETURNING id",
    )
    .bind(
        "Mã đơn vị,Tên,Cấp,Loại,Mã đơn vị cấp trên,Hiệu lực từ\nQT-900,Tân Mới,Xã,Xã,QT,01/07/2025\n"
            .as_bytes(),
    )
    .fetch_one(&app.direct)
    .await
    .expect("a kept file of units");
    let product_import = sqlx::query_scalar(
        "INSERT INTO imports (kind, file_name, bytes, user_id)
         VALUES ('products', 'san-pham.csv', ?1, (SELECT id FROM users WHERE role = 'admin' LIMIT 1))
         RETURNING id",
    )
    .bind(
        "Tên sản phẩm;Bộ sản phẩm;Chủ thể;Xã, phường (hiện nay)\nMộc nhĩ phân quyền;Gia vị khác;Hợp tác xã Nông nghiệp Sơn Lộc;Đông Trạch\n"
            .as_bytes(),
    )
    .fetch_one(&app.direct)
    .await
    .expect("a kept file of products");
    let officer_user = app.user_id(DemoUser::Officer).await.0;
    let producer_b = app.producer_id(DemoUser::ProducerB).await;
    let officer_commune = app
        .scalar("SELECT min(id) FROM admin_units WHERE level = 'commune' AND valid_to IS NULL AND code <> 'QT-008'")
        .await;
    World {
        current_commune,
        officer_user,
        producer_b,
        officer_commune,
        unit_import,
        product_import,
        app,
        product,
        hidden_product,
        draft,
        revision,
        inquiry,
        producer_a,
        user_a: user_a.0,
        staff_user,
        fair,
        application,
        training,
        registration,
        ocop,
    }
}

fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn cases(w: &World) -> Vec<Case> {
    let set_id = "1";
    let listing = form(&[("name", "Nước mắm Sơn Lộc"), ("set_id", set_id)]);
    let profile = form(&[
        ("name", "HTX Sơn Lộc"),
        ("admin_unit_id", &w.current_commune.to_string()),
    ]);
    let producer = form(&[
        ("name", "Cơ sở Mới"),
        ("admin_unit_id", &w.current_commune.to_string()),
        ("entity_type", "household"),
        ("active", "on"),
    ]);
    let account = form(&[
        ("account_email", "moi@example.vn"),
        ("account_name", "Người mới"),
    ]);
    let office = form(&[
        ("province_vi", "Quảng Trị"),
        ("name_vi", "Văn phòng OCOP tỉnh Quảng Trị"),
        ("short_name_vi", "OCOP Quảng Trị"),
        ("default_lang", "vi"),
    ]);
    let (fair, training) = (w.fair.id.to_string(), w.training.to_string());
    let event = form(&[("id", &fair)]);
    let free_booth = w.fair.booths[2].to_string();
    let type_id = w.fair.booth_type.to_string();
    let product = format!("product-{}", w.product);
    let apply = form(&[("booth_type_id", &type_id), (&product, "on")]);
    let attendee = form(&[
        ("attendee_name", "Trần Bình"),
        ("organisation", "Cơ sở Tỏi đen"),
    ]);
    let news_post = form(&[
        ("title", "Tin mới"),
        ("body", "**Nội dung**"),
        ("tag_cycle", "on"),
        ("publish", "now"),
    ]);
    let new_event = form(&[
        ("kind", "fair"),
        ("name", "Hội chợ mới"),
        ("starts_on", "2099-01-10"),
        ("ends_on", "2099-01-12"),
    ]);
    let booth_type = form(&[("type_name", "Gian góc"), ("size_m2", "9"), ("price", "0")]);
    let row = form(&[
        ("prefix", "C"),
        ("first", "1"),
        ("count", "2"),
        ("booth_type_id", &type_id),
        ("x", "0"),
        ("y", "10"),
        ("width", "3"),
        ("height", "3"),
    ]);
    let place = form(&[
        ("code", "A03"),
        ("booth_type_id", &type_id),
        ("x", "6"),
        ("y", "5"),
        ("width", "3"),
        ("height", "3"),
    ]);
    let o = &w.ocop;
    let council = o.council.to_string();
    let commune = format!("commune-{}", w.officer_commune);
    let officer_account = form(&[
        ("account_email", "xamoi@example.vn"),
        ("account_name", "Cán bộ xã mới"),
        ("role", "commune"),
        (&commune, "on"),
    ]);
    let communes = form(&[(&commune, "on")]);
    let proposal = form(&commune_review("proposed", ""));
    let commune_registration = form(&[
        ("producer_id", &w.producer_a.to_string()),
        ("kind", "existing"),
        ("product_id", &o.unregistered_of_a.to_string()),
    ]);
    let elsewhere_registration = form(&[
        ("producer_id", &w.producer_b.to_string()),
        ("kind", "new"),
        ("new_name", "Tỏi đen mới"),
        ("set_id", "1"),
    ]);
    let withdrawal = form(&[("reason", "Chưa kịp hoàn thiện bao bì.")]);
    let cycle = form(&[
        ("year", "2028"),
        ("name", "Chu trình OCOP 2028"),
        ("scheme_id", "3"),
        ("stage", "registration"),
        ("opens_on", "2028-01-05"),
    ]);
    let case = |path: String, form: Vec<(String, String)>, expect: [Expect; 6]| Case {
        path,
        form,
        expect,
        writes: &[],
    };
    let own = [SIGN_IN, Allowed, Allowed, FORBIDDEN, FORBIDDEN, FORBIDDEN];
    let a_only = [SIGN_IN, Allowed, HIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN];
    let staff = [SIGN_IN, FORBIDDEN, FORBIDDEN, Allowed, Allowed, FORBIDDEN];
    let admin = [SIGN_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Allowed, FORBIDDEN];
    // A commune officer's, on its own communes' records.
    let officer = [SIGN_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, Allowed];
    // ... and on another commune's: not found, as if it did not exist.
    let other_commune = [SIGN_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, HIDDEN];
    let anyone_signed_in = [SIGN_IN, Allowed, Allowed, Allowed, Allowed, Allowed];
    let anyone = [Allowed, Allowed, Allowed, Allowed, Allowed, Allowed];
    let contact = form(&[
        ("name", "Nguyễn Thị Lan"),
        ("phone", "0912 345 678"),
        ("message", "Cho tôi hỏi giá sỉ?"),
    ]);
    vec![
        // The contact form posted without JavaScript: anyone, signed in or not.
        case(
            "/producers/co-so-toi-den-quang-minh/inquiry".into(),
            contact,
            anyone,
        )
        .writes(&["inquiries", "outbox"]),
        // Server functions the pages read through.
        case("/api/me".into(), vec![], anyone_signed_in),
        case("/api/portal/dashboard".into(), vec![], own),
        case("/api/portal/products".into(), vec![], own),
        case(
            "/api/portal/listing".into(),
            form(&[("product_id", &w.product.to_string())]),
            a_only,
        ),
        case(
            "/api/portal/stamps".into(),
            form(&[("product_id", &w.product.to_string())]),
            a_only,
        ),
        case("/api/portal/profile".into(), vec![], own),
        case("/api/portal/inbox".into(), vec![], own),
        case(
            "/api/portal/inquiry".into(),
            form(&[("id", &w.inquiry.to_string())]),
            a_only,
        ),
        case(
            "/api/portal/inquiry/read".into(),
            form(&[("id", &w.inquiry.to_string())]),
            a_only,
        )
        .writes(&["audit_log", "inquiries"]),
        case("/api/admin/reviews".into(), vec![], staff),
        case(
            "/api/admin/review".into(),
            form(&[("id", &w.revision.to_string())]),
            staff,
        ),
        case("/api/admin/producers".into(), vec![], staff),
        case(
            "/api/admin/producer".into(),
            form(&[("id", &w.producer_a.to_string())]),
            staff,
        ),
        case("/api/admin/communes".into(), vec![], staff),
        case("/api/admin/staff".into(), vec![], admin),
        case("/api/admin/units".into(), vec![], admin),
        case(
            "/api/admin/import/page".into(),
            form(&[("id", &w.product_import.to_string())]),
            admin,
        ),
        case(
            "/api/admin/units/dry-run".into(),
            form(&[("id", &w.unit_import.to_string())]),
            admin,
        ),
        case(
            "/api/admin/audit".into(),
            form(&[("query[page]", "1")]),
            staff,
        ),
        case("/api/admin/events".into(), vec![], staff),
        case("/api/admin/events/month".into(), vec![], staff),
        case("/api/admin/events/communes".into(), vec![], staff),
        case("/api/admin/event".into(), event.clone(), staff),
        case("/api/admin/event/plan".into(), event.clone(), staff),
        case("/api/admin/event/applications".into(), event.clone(), staff),
        case(
            "/api/admin/event/application".into(),
            form(&[("id", &fair), ("application", &w.application.to_string())]),
            staff,
        ),
        case(
            "/api/admin/event/registrations".into(),
            form(&[("id", &training)]),
            staff,
        ),
        case("/api/admin/event/exhibitors".into(), event.clone(), staff),
        case("/api/portal/events".into(), vec![], own),
        case("/api/portal/event".into(), event.clone(), own),
        case("/api/admin/cycles".into(), vec![], staff),
        case("/api/admin/cycle".into(), form(&[("year", "2026")]), staff),
        case(
            "/api/admin/cycle/registrations".into(),
            form(&[("year", "2026"), ("query[page]", "1")]),
            staff,
        ),
        case(
            "/api/admin/registration".into(),
            form(&[("id", &o.own.to_string())]),
            staff,
        ),
        case(
            "/api/admin/council".into(),
            form(&[("id", &council)]),
            staff,
        ),
        case(
            "/api/admin/cycle/awaiting".into(),
            form(&[("year", "2026")]),
            staff,
        ),
        case("/api/admin/certificates".into(), vec![], staff),
        case(
            "/api/admin/report".into(),
            form(&[("query[year]", "2021"), ("query[as_of]", "2021-07-30")]),
            staff,
        ),
        case(
            "/api/admin/handbook".into(),
            form(&[("from", "2018"), ("to", "2020")]),
            staff,
        ),
        case("/api/admin/news".into(), vec![], staff),
        case("/api/admin/news/post".into(), form(&[("id", "7")]), staff),
        case("/api/portal/ocop".into(), vec![], own),
        case(
            "/api/portal/registration".into(),
            form(&[("id", &o.own.to_string())]),
            a_only,
        ),
        // Form posts of the producer portal.
        case("/portal/profile".into(), profile, own).writes(&["audit_log", "producers"]),
        case("/portal/products/new".into(), listing.clone(), own).writes(&[
            "audit_log",
            "product_revisions",
            "products",
        ]),
        case(format!("/portal/products/{}", w.product), listing, a_only)
            .writes(&["audit_log", "product_revisions"]),
        case(
            format!("/portal/products/{}/hide", w.product),
            vec![],
            a_only,
        )
        .writes(&["audit_log", "products"]),
        case(
            format!("/portal/products/{}/show", w.hidden_product),
            vec![],
            a_only,
        )
        .writes(&["audit_log", "products"]),
        case(
            format!("/portal/products/{}/delete", w.draft),
            vec![],
            a_only,
        )
        .writes(&["audit_log", "product_revisions", "products"]),
        case(
            format!("/portal/inquiries/{}", w.inquiry),
            form(&[("status", "answered")]),
            a_only,
        )
        .writes(&["audit_log", "inquiries"]),
        // A producer's part in events: B applies and registers for itself, and has no
        // application or place of A's to withdraw or cancel.
        // (B may apply, but not with A's product.)
        case(
            format!("/portal/events/{fair}/apply"),
            apply,
            [
                SIGN_IN,
                Allowed,
                Refused(422),
                FORBIDDEN,
                FORBIDDEN,
                FORBIDDEN,
            ],
        )
        .writes(&["audit_log", "exhibitor_applications"]),
        case(format!("/portal/events/{fair}/withdraw"), vec![], a_only)
            .writes(&["audit_log", "exhibitor_applications"]),
        case(
            format!("/portal/events/{training}/register"),
            attendee.clone(),
            // (A has its place already.)
            [
                SIGN_IN,
                Refused(422),
                Allowed,
                FORBIDDEN,
                FORBIDDEN,
                FORBIDDEN,
            ],
        )
        .writes(&["audit_log", "training_registrations"]),
        case(format!("/portal/events/{training}/cancel"), vec![], a_only)
            .writes(&["audit_log", "training_registrations"]),
        // A producer's part in the OCOP cycle: B registers its own product, never A's, and
        // has no registration of A's to withdraw.
        case(
            "/portal/ocop/register".into(),
            form(&[
                ("kind", "new"),
                ("new_name", "Bánh lọc"),
                ("set_id", set_id),
            ]),
            own,
        )
        .writes(&["audit_log", "products", "registrations"]),
        case(
            format!("/portal/ocop/{}/withdraw", o.own),
            withdrawal.clone(),
            a_only,
        )
        .writes(&["audit_log", "registrations"]),
        // Form posts of the staff pages.
        case(
            format!("/admin/reviews/{}/approve", w.revision),
            vec![],
            staff,
        )
        .writes(&["audit_log", "product_revisions", "products"]),
        case(
            format!("/admin/reviews/{}", w.revision),
            form(&[("reason", "Ảnh chưa rõ nét.")]),
            staff,
        )
        .writes(&["audit_log", "product_revisions"]),
        case("/admin/producers/new".into(), producer.clone(), staff)
            .writes(&["audit_log", "producers"]),
        case(
            format!("/admin/producers/{}", w.producer_a),
            producer,
            staff,
        )
        .writes(&["audit_log", "producers"]),
        case(
            format!("/admin/producers/{}/accounts", w.producer_a),
            account.clone(),
            staff,
        )
        .writes(&["audit_log", "outbox", "password_tokens", "users"]),
        case(
            format!("/admin/accounts/{}/password-link", w.user_a),
            vec![],
            staff,
        )
        .writes(&["audit_log", "outbox", "password_tokens"]),
        case(
            format!("/admin/accounts/{}/end-sessions", w.user_a),
            vec![],
            staff,
        )
        .writes(&["audit_log"]),
        case(
            format!("/admin/accounts/{}/deactivate", w.user_a),
            vec![],
            staff,
        )
        .writes(&["audit_log", "users"]),
        case(
            format!("/admin/accounts/{}/deactivate", w.staff_user),
            vec![],
            admin,
        )
        .writes(&["audit_log", "users"]),
        case(
            format!("/admin/accounts/{}/password-link", w.staff_user),
            vec![],
            admin,
        )
        .writes(&["audit_log", "outbox", "password_tokens"]),
        case("/admin/settings".into(), office, admin).writes(&["audit_log", "office"]),
        // The units: a file is chosen (none here, so the admin is asked for one), then imported.
        case(
            "/admin/units".into(),
            vec![],
            [
                SIGN_IN,
                FORBIDDEN,
                FORBIDDEN,
                FORBIDDEN,
                Refused(422),
                FORBIDDEN,
            ],
        ),
        case(
            format!("/admin/units/imports/{}", w.unit_import),
            vec![],
            admin,
        )
        .writes(&["admin_units", "audit_log", "imports"]),
        case("/admin/staff".into(), account, admin).writes(&[
            "audit_log",
            "outbox",
            "password_tokens",
            "users",
        ]),
        // A commune officer's account, with its commune; then its communes changed.
        case("/admin/staff".into(), officer_account, admin).writes(&[
            "audit_log",
            "officer_communes",
            "outbox",
            "password_tokens",
            "users",
        ]),
        case(
            format!("/admin/staff/{}/communes", w.officer_user),
            communes.clone(),
            admin,
        )
        .writes(&["audit_log", "officer_communes"]),
        // The commune's review of a complete dossier (1489/2025), and its registering a
        // product for a producer of its commune; another commune's are not found.
        case(
            format!("/commune/registrations/{}/review", o.proposable),
            proposal.clone(),
            officer,
        )
        .writes(&["audit_log", "commune_reviews", "registrations"]),
        case(
            format!("/commune/registrations/{}/review", o.elsewhere),
            proposal,
            other_commune,
        ),
        case("/commune/register".into(), commune_registration, officer)
            .writes(&["audit_log", "registrations"]),
        case(
            "/commune/register".into(),
            elsewhere_registration,
            other_commune,
        ),
        case(
            "/api/commune/desk".into(),
            form(&[("query[producers]", "1")]),
            officer,
        ),
        case(
            "/api/commune/registration".into(),
            form(&[("id", &o.proposable.to_string())]),
            officer,
        ),
        case(
            "/api/commune/registration".into(),
            form(&[("id", &o.elsewhere.to_string())]),
            other_commune,
        ),
        // News: staff write it; a preview is a staff action too, though it stores nothing.
        case("/admin/news/new".into(), news_post.clone(), staff).writes(&[
            "audit_log",
            "news_posts",
            "news_tags",
        ]),
        case("/admin/news/7".into(), news_post.clone(), staff).writes(&[
            "audit_log",
            "news_posts",
            "slug_redirects",
        ]),
        case(
            "/admin/news/new".into(),
            [news_post, form(&[("intent", "preview")])].concat(),
            staff,
        ),
        // Events: staff run them; producers cannot decide, assign or edit anything.
        case("/admin/events/new".into(), new_event.clone(), staff).writes(&["audit_log", "events"]),
        case(format!("/admin/events/{fair}"), new_event, staff).writes(&["audit_log", "events"]),
        case(
            format!("/admin/events/{fair}/status"),
            form(&[("status", "closed")]),
            staff,
        )
        .writes(&["audit_log", "events"]),
        case(
            format!("/admin/events/{fair}/booth-types"),
            booth_type.clone(),
            staff,
        )
        .writes(&["audit_log", "booth_types"]),
        case(
            format!("/admin/events/{fair}/booth-types/{}", w.fair.booth_type),
            booth_type,
            staff,
        )
        .writes(&["audit_log", "booth_types"]),
        case(format!("/admin/events/{fair}/booths"), row, staff).writes(&["audit_log", "booths"]),
        case(
            format!("/admin/events/{fair}/booths/{free_booth}"),
            place,
            staff,
        )
        .writes(&["audit_log", "booths"]),
        case(
            format!("/admin/events/{fair}/booths/{free_booth}/block"),
            vec![],
            staff,
        )
        .writes(&["audit_log", "booths"]),
        case(
            format!("/admin/events/{fair}/booths/{free_booth}/delete"),
            vec![],
            staff,
        )
        .writes(&["audit_log", "booths"]),
        case(
            format!(
                "/admin/events/{fair}/applications/{}/approve",
                w.application
            ),
            form(&[("booth_id", &free_booth)]),
            staff,
        )
        .writes(&[
            "audit_log",
            "booths",
            "exhibitor_applications",
            "outbox",
            "producer_notices",
        ]),
        case(
            format!(
                "/admin/events/{fair}/applications/{}/waitlist",
                w.application
            ),
            vec![],
            staff,
        )
        .writes(&[
            "audit_log",
            "exhibitor_applications",
            "outbox",
            "producer_notices",
        ]),
        case(
            format!("/admin/events/{fair}/applications/{}/reject", w.application),
            form(&[("reason", "Chưa đủ hồ sơ.")]),
            staff,
        )
        .writes(&[
            "audit_log",
            "exhibitor_applications",
            "outbox",
            "producer_notices",
        ]),
        case(format!("/admin/events/{training}/places"), attendee, staff)
            .writes(&["audit_log", "training_registrations"]),
        case(
            format!("/admin/events/{training}/places/{}/cancel", w.registration),
            vec![],
            staff,
        )
        .writes(&["audit_log", "training_registrations"]),
        // The OCOP cycle: staff only, from the cycle's rules to the certificates.
        case("/admin/cycles/new".into(), cycle, staff).writes(&["audit_log", "ocop_cycles"]),
        case(
            "/admin/cycles/2027".into(),
            form(&[
                ("year", "2027"),
                ("name", "Chu trình OCOP 2027"),
                ("scheme_id", "3"),
                ("stage", "business_plan"),
                ("opens_on", "2027-01-05"),
            ]),
            staff,
        )
        .writes(&["audit_log", "ocop_cycles"]),
        case(
            "/admin/cycles/2027/registrations".into(),
            form(&[
                ("producer_id", &w.producer_a.to_string()),
                ("kind", "new"),
                ("new_name", "Bánh lọc"),
                ("set_id", set_id),
            ]),
            staff,
        )
        .writes(&["audit_log", "products", "registrations"]),
        case(
            format!("/admin/registrations/{}/withdraw", o.own),
            withdrawal,
            staff,
        )
        .writes(&["audit_log", "registrations"]),
        case(
            format!("/admin/registrations/{}/items/form_02/receive", o.own),
            vec![],
            staff,
        )
        .writes(&["audit_log", "dossier_items"]),
        case(
            format!("/admin/registrations/{}/items/form_02/correction", o.own),
            form(&[("note", "Thiếu chữ ký.")]),
            staff,
        )
        .writes(&["audit_log", "dossier_items", "outbox", "producer_notices"]),
        case(
            format!("/admin/registrations/{}/complete", o.complete),
            vec![],
            staff,
        )
        .writes(&["audit_log", "registrations"]),
        case(
            format!("/admin/registrations/{}/appraise", o.appraisable),
            form(&[("eligible", "yes"), ("appraised_on", "2026-06-01")]),
            staff,
        )
        .writes(&["appraisals", "audit_log", "registrations"]),
        case(
            "/admin/cycles/2026/councils".into(),
            form(&[
                ("level", "province"),
                ("name", "Hội đồng bổ sung"),
                ("formed_on", "2026-09-01"),
                (
                    "members",
                    "Nguyễn Văn A, Chủ tịch\nTrần Thị B, Ủy viên\nLê Văn C, Ủy viên",
                ),
            ]),
            staff,
        )
        .writes(&["audit_log", "council_members", "councils"]),
        case(
            format!("/admin/councils/{council}/sheets/{}", o.unscored),
            form(&[
                ("member_id", &o.member.to_string()),
                ("score_a", "30"),
                ("score_b", "20"),
                ("score_c", "25"),
            ]),
            staff,
        )
        .writes(&["audit_log", "score_sheets"]),
        case(
            format!("/admin/councils/{council}/close/{}", o.sheeted),
            vec![],
            staff,
        )
        .writes(&["audit_log", "evaluations", "registrations"]),
        case(
            "/admin/cycles/2026/decision".into(),
            form(&[
                ("decision_no", "999/QĐ-UBND"),
                ("decision_date", "2026-11-20"),
                (&format!("registration-{}", o.evaluated), "on"),
            ]),
            staff,
        )
        .writes(&[
            "audit_log",
            "certificates",
            "evaluations",
            "outbox",
            "producer_notices",
            "products",
            "registrations",
        ]),
        case(
            format!("/admin/certificates/{}/revoke", o.certificate),
            form(&[("reason", "Vi phạm an toàn thực phẩm.")]),
            staff,
        )
        .writes(&[
            "audit_log",
            "certificates",
            "outbox",
            "producer_notices",
            "products",
        ]),
        // One's own account.
        case(
            "/account".into(),
            vec![],
            [SIGN_IN, Skip, Skip, Skip, Skip, Skip],
        ),
        case(
            "/account/sign-out-everywhere".into(),
            vec![],
            anyone_signed_in,
        )
        .writes(&["audit_log"]),
    ]
}

#[tokio::test]
async fn every_caller_reaches_only_what_is_theirs() {
    let w = world().await;
    let mut failures = Vec::new();
    for case in cases(&w) {
        let form: Vec<(&str, &str)> = case
            .form
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Refusals change nothing, so they share one copy; each allowed call gets its own.
        let refusals = spawn_copy(&w.app).await;
        let before = refusals.snapshot().await;
        for (actor, expect) in ACTORS.into_iter().zip(case.expect) {
            let who = actor.map_or_else(|| "anonymous".to_owned(), |user| format!("{user:?}"));
            match expect {
                Skip => {}
                Refused(status) => {
                    let reply = post(&refusals, actor, &case.path).await.form(&form).await;
                    if reply.status.as_u16() != status {
                        failures.push(format!(
                            "{who} POST {}: expected {status}, got {}",
                            case.path, reply.status
                        ));
                    }
                    if refusals.snapshot().await != before {
                        failures.push(format!(
                            "{who} POST {}: refused but the database changed",
                            case.path
                        ));
                    }
                }
                Allowed => {
                    let app = spawn_copy(&w.app).await;
                    let reply = post(&app, actor, &case.path).await.form(&form).await;
                    if !(reply.status.is_success() || reply.status.is_redirection()) {
                        failures.push(format!(
                            "{who} POST {}: expected success, got {}",
                            case.path, reply.status
                        ));
                    }
                    // The copy started equal to `before`: what differs now is what it wrote.
                    let after = app.snapshot().await;
                    let changed = after.changed_since(&before);
                    if changed != case.writes {
                        failures.push(format!(
                            "{who} POST {}: expected to change {:?}, changed {changed:?}",
                            case.path, case.writes
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn pages_behind_sign_in_send_strangers_to_the_right_place() {
    let w = world().await;
    let (a, b) = (
        w.app.as_user(DemoUser::ProducerA).await,
        w.app.as_user(DemoUser::ProducerB).await,
    );
    let staff = w.app.as_user(DemoUser::Staff).await;
    // Not signed in: to the sign-in page, coming back afterwards.
    let reply = w.app.get("/portal/products").await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header("location"), "/login?next=%2Fportal%2Fproducts");
    // Another producer's edit page does not exist for B.
    let edit = format!("/portal/products/{}", w.product);
    assert_eq!(b.get(&edit).await.status, 404);
    assert_eq!(a.get(&edit).await.status, 200);
    let inquiry = format!("/portal/inquiries/{}", w.inquiry);
    assert_eq!(b.get(&inquiry).await.status, 404);
    // Each side is closed to the other role.
    assert_eq!(staff.get("/portal").await.status, 403);
    assert_eq!(a.get("/admin/reviews").await.status, 403);
    assert_eq!(staff.get("/admin/staff").await.status, 403);
    assert_eq!(staff.get("/portal/events").await.status, 403);
    assert_eq!(a.get("/admin/events").await.status, 403);
    assert_eq!(
        a.get(&format!("/admin/events/{}/applications", w.fair.id))
            .await
            .status,
        403
    );
    assert_eq!(a.get("/admin/cycles").await.status, 403);
    assert_eq!(a.get("/admin/reports").await.status, 403);
    assert_eq!(a.get("/admin/news").await.status, 403);
    assert_eq!(a.get("/admin/handbook").await.status, 403);
    assert_eq!(a.get("/admin/news/7").await.status, 403);
    assert_eq!(staff.get("/portal/ocop").await.status, 403);
    // A's registration and its dossier's files do not exist for B.
    let registration = format!("/portal/ocop/{}", w.ocop.own);
    assert_eq!(a.get(&registration).await.status, 200);
    assert_eq!(b.get(&registration).await.status, 404);
    assert_eq!(
        b.get(&format!("{registration}/items/form_02/file"))
            .await
            .status,
        404
    );
    // A producer reads a fair for itself: B's page holds nothing of A's application.
    let page = b.get(&format!("/portal/events/{}", w.fair.id)).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Xin một gian gần lối vào."));
    // A draft is nobody's but the staff's.
    let draft = w
        .app
        .create_event(&[("name", "Hội chợ chưa công bố")])
        .await;
    assert_eq!(a.get(&format!("/portal/events/{draft}")).await.status, 404);
    assert_eq!(
        staff.get(&format!("/admin/events/{draft}")).await.status,
        200
    );
}

#[tokio::test]
async fn posts_from_other_sites_are_refused_and_change_nothing() {
    let w = world().await;
    let before = w.app.snapshot().await;
    let approve = format!("/admin/reviews/{}/approve", w.revision);
    let staff = w.app.as_user(DemoUser::Staff).await;
    let from_elsewhere = staff
        .post(&approve)
        .without_origin()
        .header("origin", "https://evil.example")
        .await;
    assert_eq!(from_elsewhere.status, 403);
    let producer = w.app.as_user(DemoUser::ProducerA).await;
    let without_origin = producer.post("/portal/profile").without_origin().await;
    assert_eq!(without_origin.status, 403);
    assert_eq!(w.app.snapshot().await, before);
}

#[tokio::test]
async fn the_navigation_offers_each_account_only_the_places_it_may_open() {
    let app = spawn_app().await;
    let nav_links = |body: &str| -> Vec<String> {
        let nav = body
            .split("class=\"sub-nav\">")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .unwrap_or_default()
            .to_owned();
        nav.split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned)
            .collect()
    };
    let staff = app.as_user(DemoUser::Staff).await.get("/admin").await;
    let admin = app.as_user(DemoUser::Admin).await.get("/admin").await;
    let producer = app.as_user(DemoUser::ProducerA).await.get("/portal").await;
    let officer = app.as_user(DemoUser::Officer).await.get("/commune").await;
    assert!(nav_links(&staff.body).contains(&"/admin/audit".to_owned()));
    assert!(!nav_links(&staff.body).contains(&"/commune".to_owned()));
    assert!(nav_links(&officer.body).contains(&"/commune".to_owned()));
    assert!(nav_links(&officer.body)
        .iter()
        .all(|href| !href.starts_with("/admin") && !href.starts_with("/portal")));
    assert!(!nav_links(&staff.body).contains(&"/admin/staff".to_owned()));
    assert!(nav_links(&admin.body).contains(&"/admin/staff".to_owned()));
    assert!(nav_links(&producer.body)
        .iter()
        .all(|href| !href.starts_with("/admin")));
    // And every place offered opens.
    for (user, body) in [
        (DemoUser::Staff, &staff.body),
        (DemoUser::Admin, &admin.body),
        (DemoUser::ProducerA, &producer.body),
        (DemoUser::Officer, &officer.body),
    ] {
        let caller = app.as_user(user).await;
        for href in nav_links(body) {
            assert_eq!(caller.get(&href).await.status, 200, "{user:?} {href}");
        }
    }
}

/// A page's address with the ids of the prepared state in place of its parameters, so that
/// the accounts it is for open it; `None` for a page this table does not know yet.
fn filled(route: &str, w: &World) -> Option<String> {
    let o = &w.ocop;
    let ids = |id: i64| route.replace("{id}", &id.to_string());
    let path = match route {
        "/portal/products/{id}" => ids(w.product),
        "/portal/products/{id}/delete" => ids(w.draft),
        "/portal/products/{id}/stamps" => ids(w.product),
        "/portal/events/{id}" => ids(w.fair.id),
        "/portal/ocop/{id}" => ids(o.own),
        "/portal/inquiries/{id}" => ids(w.inquiry),
        "/admin/reviews/{id}" => ids(w.revision),
        "/admin/producers/{id}" => ids(w.producer_a),
        "/admin/events/{id}/places" => ids(w.training),
        "/admin/events/{id}/applications/{application}" => {
            ids(w.fair.id).replace("{application}", &w.application.to_string())
        }
        "/admin/registrations/{id}" => ids(o.own),
        "/commune/registrations/{id}" => ids(o.proposable),
        "/admin/councils/{id}" => ids(o.council),
        "/admin/news/{id}" => ids(7),
        "/admin/units/imports/{id}" => ids(w.unit_import),
        "/admin/import/{id}" => ids(w.product_import),
        route if route.starts_with("/admin/events/{id}") => ids(w.fair.id),
        route if route.starts_with("/admin/cycles/{year}") => route.replace("{year}", "2026"),
        route if route.contains('{') => return None,
        route => route.to_owned(),
    };
    Some(path)
}

#[tokio::test]
async fn every_staff_and_portal_page_is_refused_by_where_it_is_routed() {
    use server::access::{side_of, Side};

    let w = world().await;
    let mut failures = Vec::new();
    let routes = leptos_axum::generate_route_list(app::App);
    let mut walked = 0;
    for listing in &routes {
        let route = listing.path();
        let Some(side) = side_of(route) else {
            continue;
        };
        let Some(path) = filled(route, &w) else {
            failures.push(format!("{route}: give its parameters ids in `filled`"));
            continue;
        };
        walked += 1;
        for actor in ACTORS {
            let reply = match actor {
                Some(user) => w.app.as_user(user).await.get(&path).await,
                None => w.app.get(&path).await,
            };
            let allowed = match (side, actor) {
                (_, None) => false,
                (Side::Producer, Some(user)) => {
                    matches!(user, DemoUser::ProducerA | DemoUser::ProducerB)
                }
                (Side::Staff, Some(user)) => matches!(user, DemoUser::Staff | DemoUser::Admin),
                (Side::Admin, Some(user)) => user == DemoUser::Admin,
                (Side::Commune, Some(user)) => user == DemoUser::Officer,
            };
            let status = reply.status.as_u16();
            let expected: &[u16] = match actor {
                None => &[303],
                // B opens the pages of A's things as pages that do not exist.
                Some(DemoUser::ProducerB) if allowed => &[200, 404],
                Some(_) if allowed => &[200],
                Some(_) => &[403],
            };
            if !expected.contains(&status) {
                failures.push(format!(
                    "{actor:?} GET {path}: {status}, expected {expected:?}"
                ));
            }
            if actor.is_none() && !reply.header("location").starts_with("/login?next=") {
                failures.push(format!("anonymous GET {path}: not sent to sign in"));
            }
            // A refusal is the short page, never the page itself.
            if !allowed && reply.body.contains("<form method=\"post\"") {
                failures.push(format!("{actor:?} GET {path}: refused but shows a form"));
            }
        }
    }
    assert!(walked >= 40, "only {walked} staff and portal pages found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_former_addresses_of_staff_pages_are_refused_like_the_pages_they_became() {
    let w = world().await;
    let event = w.fair.id;
    for old in [
        format!("/admin/events/{event}/so-do"),
        format!("/admin/events/{event}/so-do/in"),
        format!("/admin/events/{event}/don"),
        format!("/admin/events/{event}/don/{}", w.application),
        format!("/admin/events/{}/dang-ky", w.training),
        format!("/admin/events/{event}/bien-gian-hang"),
        "/admin/cycles/2026/ho-so".to_owned(),
        "/admin/cycles/2026/hoi-dong".to_owned(),
        "/admin/cycles/2026/cong-nhan".to_owned(),
        "/admin/reports/2021/theo-dia-ban.csv".to_owned(),
    ] {
        let stranger = w.app.get(&old).await;
        assert_eq!(stranger.status, 303, "{old}");
        assert!(
            stranger.header("location").starts_with("/login?next="),
            "{old}"
        );
        for producer in [DemoUser::ProducerA, DemoUser::ProducerB] {
            let refused = w.app.as_user(producer).await.get(&old).await;
            assert_eq!(refused.status, 403, "{producer:?} {old}");
        }
        for staff in [DemoUser::Staff, DemoUser::Admin] {
            let sent = w.app.as_user(staff).await.get(&old).await;
            assert_eq!(sent.status, 308, "{staff:?} {old}");
            let page = w
                .app
                .as_user(staff)
                .await
                .get(sent.header("location"))
                .await;
            assert_eq!(page.status, 200, "{staff:?} {old}");
        }
    }
}

#[tokio::test]
async fn every_staff_and_portal_server_function_is_refused_by_the_guard_of_its_side() {
    use server::access::side_of;

    let w = world().await;
    let mut failures = Vec::new();
    let mut walked = 0;
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        if side_of(path).is_none() {
            continue;
        }
        walked += 1;
        // Sent with no arguments: the guard answers before the function reads any.
        let stranger = w.app.post(path).form(&[]).await;
        if stranger.status.as_u16() != 401 || !stranger.body.contains("Unauthorized") {
            failures.push(format!("anonymous POST {path}: {}", stranger.status));
        }
        let producer = w.app.as_user(DemoUser::ProducerA).await;
        let staff = w.app.as_user(DemoUser::Staff).await;
        let wrong = if path.starts_with("/api/portal") {
            &staff
        } else {
            &producer
        };
        let refused = wrong.post(path).form(&[]).await;
        if refused.status.as_u16() != 403 {
            failures.push(format!("the wrong side POST {path}: {}", refused.status));
        }
    }
    assert!(
        walked >= 20,
        "only {walked} staff and portal server functions found"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn the_snapshot_covers_every_table_a_migration_adds_but_the_bookkeeping() {
    let app = spawn_app().await;
    let before = app.snapshot().await;
    for change in [
        "INSERT INTO settings (key, value) VALUES ('snapshot-test', '1')",
        "UPDATE news_posts SET title = title || '.' WHERE id = 7",
        "CREATE TABLE added_later (id INTEGER PRIMARY KEY, note TEXT)",
        "INSERT INTO added_later (note) VALUES ('new')",
        // Bookkeeping: a sign-in failure is counted on purpose, and left out.
        "INSERT INTO sign_in_failures (key) VALUES ('email:x@example.vn')",
    ] {
        sqlx::query(change)
            .execute(&app.direct)
            .await
            .unwrap_or_else(|error| panic!("{change}: {error}"));
    }
    assert_eq!(
        app.snapshot().await.changed_since(&before),
        ["added_later", "news_posts", "settings"]
    );
}
