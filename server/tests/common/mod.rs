//! The vocabulary of the server tests: a whole server over a fresh SQLite database in a temp
//! dir (the demo data loaded), its demo users, one request builder, and the helpers the test
//! files share.
//!
//! ```ignore
//! let app = spawn_app().await;
//! let staff = app.as_user(DemoUser::Staff).await;
//! let reply = staff.post("/admin/reviews/3").form(&[("reason", "…")]).await;
//! assert_eq!(reply.field_message("reason"), "…");
//! ```

use std::collections::HashMap;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Mutex;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;
use tower::ServiceExt;

use app::model::account::Viewer;
use app::model::ids::UserId;
use app::store::demo::{DemoAccount, DEMO_ACCOUNTS};
use app::store::{Db, Writer};
use server::routes::router;
use server::state::{AppState, Shared};

/// The site's public address in tests; pages of the site post with it as their Origin.
pub const SITE: &str = "https://ocop.example.vn";

/// Password checks (and photo decodes) at once in tests, as on the 2-core machine the site
/// runs on.
pub const PASSWORD_CHECKS: usize = 2;

/// The accounts of the demo data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DemoUser {
    /// HTX Nông nghiệp Sơn Lộc.
    ProducerA,
    /// Cơ sở Tỏi đen Quảng Minh.
    ProducerB,
    Staff,
    Admin,
    /// The officer of Đông Trạch, the commune Sơn Lộc (ProducerA) became part of.
    Officer,
}

impl DemoUser {
    pub const ALL: [Self; 5] = [
        Self::ProducerA,
        Self::ProducerB,
        Self::Staff,
        Self::Admin,
        Self::Officer,
    ];

    fn account(self) -> &'static DemoAccount {
        let email = match self {
            Self::ProducerA => "sonloc@ocop.example.vn",
            Self::ProducerB => "toiden@ocop.example.vn",
            Self::Staff => "canbo@ocop.example.vn",
            Self::Admin => "quantri@ocop.example.vn",
            Self::Officer => "xadongtrach@ocop.example.vn",
        };
        DEMO_ACCOUNTS
            .iter()
            .find(|account| account.email == email)
            .expect("a demo account")
    }

    pub fn email(self) -> &'static str {
        self.account().email
    }
}

pub struct TestApp {
    /// Reads only: a test changes the database through `writer`, as the server does.
    pub pool: SqlitePool,
    pub writer: Writer,
    /// The test's own connection, like an operator's sqlite3 shell beside the server: for
    /// preparing states the site cannot reach by itself (an expired session, an old photo)
    /// and for checking the rules the database enforces.
    pub direct: SqlitePool,
    pub router: Router,
    pub state: AppState,
    /// One session per demo user, started on first use.
    sessions: Mutex<HashMap<DemoUser, String>>,
    dir: tempfile::TempDir,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with_mail(true).await
}

/// `mail_enabled`: whether SMTP is configured, so mail is queued in the outbox.
pub async fn spawn_app_with_mail(mail_enabled: bool) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = app::store::open(&dir.path().join("ocop.db"))
        .await
        .expect("open database");
    assert!(app::store::demo::load_if_empty(&db.write)
        .await
        .expect("demo data"));
    serve(dir, db, mail_enabled).await
}

/// A server over a new database without the demo data, as a real deployment starts.
pub async fn spawn_empty_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = app::store::open(&dir.path().join("ocop.db"))
        .await
        .expect("open database");
    serve(dir, db, false).await
}

/// A server over a copy of another's database as it is now: cases that change data each
/// start from the same prepared state without loading the demo data again. Sessions started
/// on the original work on the copy.
pub async fn spawn_copy(of: &TestApp) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ocop.db");
    app::store::backup::copy(&of.database_path(), &path)
        .await
        .expect("copy database");
    let db = app::store::open(&path).await.expect("open copy");
    let copy = serve(dir, db, true).await;
    let sessions = of.sessions.lock().expect("sessions").clone();
    *copy.sessions.lock().expect("sessions") = sessions;
    copy
}

/// A server over the demo data whose pages wait at most `wait` for one of `turns` turns to
/// render (others: two per core, five seconds, as the server's own).
pub async fn spawn_app_with_renders(turns: usize, wait: std::time::Duration) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = app::store::open(&dir.path().join("ocop.db"))
        .await
        .expect("open database");
    assert!(app::store::demo::load_if_empty(&db.write)
        .await
        .expect("demo data"));
    serve_with(dir, db, true, server::limits::Renders::new(turns, wait)).await
}

async fn serve(dir: tempfile::TempDir, db: Db, mail_enabled: bool) -> TestApp {
    serve_with(dir, db, mail_enabled, server::limits::Renders::per_core()).await
}

async fn serve_with(
    dir: tempfile::TempDir,
    db: Db,
    mail_enabled: bool,
    renders: server::limits::Renders,
) -> TestApp {
    let direct = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            sqlx::sqlite::SqliteConnectOptions::new()
                .filename(dir.path().join("ocop.db"))
                .foreign_keys(true),
        )
        .await
        .expect("the test's own connection");
    let leptos = LeptosOptions::builder()
        .output_name("ocop-market")
        .site_root("site")
        .build();
    let state = AppState::new(Shared {
        leptos,
        pool: db.read.clone(),
        writer: db.write.clone(),
        catalogue: db.catalogue.clone(),
        imports: db.imports.clone(),
        office: app::store::office::Current::load(&db.read)
            .await
            .expect("the office's settings"),
        site: app::site::Site {
            assets: app::site::Assets::default(),
            public_url: app::site::PublicUrl::new(SITE),
            mail_enabled,
            proxies: 1,
        },
        sessions: app::store::sessions::Timeouts::default(),
        passwords: server::passwords::Passwords::new(PASSWORD_CHECKS),
        uploads: server::uploads::Uploads::new(
            dir.path(),
            PASSWORD_CHECKS,
            std::time::Duration::from_secs(10),
        ),
        documents: server::documents::Documents::new(dir.path()),
        renders,
        downloads: server::downloads::Downloads::new(dir.path()),
    });
    TestApp {
        pool: db.read,
        writer: db.write,
        direct,
        router: router(state.clone()),
        state,
        sessions: Mutex::default(),
        dir,
    }
}

impl TestApp {
    /// A request of a visitor without a session.
    pub fn get(&self, path: &str) -> Call<'_> {
        Call::new(self, Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Call<'_> {
        Call::new(self, Method::POST, path)
    }

    /// Requests of a demo user, signed in: the user's session (one for the whole test)
    /// starts here, so that it is not what a test sees change.
    pub async fn as_user(&self, user: DemoUser) -> Caller<'_> {
        let cookie = self.session_of(user).await;
        Caller { app: self, cookie }
    }

    /// The session cookie of a demo user (`ocop_session=…`), the same for the whole test.
    pub async fn session_of(&self, user: DemoUser) -> String {
        if let Some(cookie) = self.sessions.lock().expect("sessions").get(&user) {
            return cookie.clone();
        }
        let cookie = self.new_session(user).await;
        self.sessions
            .lock()
            .expect("sessions")
            .insert(user, cookie.clone());
        cookie
    }

    /// A new session of a demo user (another device), as after signing in.
    pub async fn new_session(&self, user: DemoUser) -> String {
        let user_id = self.user_id(user).await;
        let secret = app::store::sessions::start(&self.writer, user_id, Default::default())
            .await
            .expect("session");
        format!("ocop_session={secret}")
    }

    /// The account a demo user's session carries, loaded as the session layer loads it: what
    /// the guards (`viewer.producer()`, `viewer.staff()`) turn into the proof of a role, for a
    /// test that prepares a state through the store.
    pub async fn viewer(&self, user: DemoUser) -> Viewer {
        let cookie = self.session_of(user).await;
        let secret = cookie.trim_start_matches("ocop_session=");
        app::store::sessions::viewer(&self.pool, secret, Default::default())
            .await
            .expect("session")
            .expect("a live session")
            .0
    }

    pub async fn user_id(&self, user: DemoUser) -> UserId {
        UserId(
            self.scalar(&format!(
                "SELECT id FROM users WHERE email = '{}'",
                user.email()
            ))
            .await,
        )
    }

    /// The producer a demo producer account speaks for.
    pub async fn producer_id(&self, user: DemoUser) -> i64 {
        self.scalar(&format!(
            "SELECT producer_id FROM users WHERE email = '{}'",
            user.email()
        ))
        .await
    }

    /// The demo producer's first published product.
    pub async fn published_product(&self, user: DemoUser) -> Product {
        sqlx::query_as(
            "SELECT p.id, p.slug, p.name, CAST(p.set_id AS TEXT) AS set_id FROM products p
             JOIN users u ON u.producer_id = p.producer_id
             WHERE u.email = ?1 AND p.status = 'published' ORDER BY p.id LIMIT 1",
        )
        .bind(user.email())
        .fetch_one(&self.pool)
        .await
        .expect("a published product")
    }

    pub fn database_path(&self) -> std::path::PathBuf {
        self.dir.path().join("ocop.db")
    }

    pub fn media_dir(&self) -> std::path::PathBuf {
        self.dir.path().join("media")
    }

    pub fn db(&self) -> Db {
        Db {
            read: self.pool.clone(),
            write: self.writer.clone(),
            catalogue: self.state.catalogue.clone(),
            imports: self.state.imports.clone(),
        }
    }

    /// The steps of the plan SQLite chooses for `sql` (its parameters left unbound).
    pub async fn query_plan(&self, sql: &str) -> Vec<String> {
        sqlx::query_as::<_, (i64, i64, i64, String)>(&format!("EXPLAIN QUERY PLAN {sql}"))
            .fetch_all(&self.pool)
            .await
            .expect("the plan")
            .into_iter()
            .map(|(_, _, _, detail)| detail)
            .collect()
    }

    /// The one number a query answers.
    pub async fn scalar(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .expect(sql)
    }

    /// The one text a query answers.
    pub async fn text(&self, sql: &str) -> String {
        sqlx::query_scalar(sql)
            .fetch_one(&self.pool)
            .await
            .expect(sql)
    }

    pub async fn count(&self, table: &str) -> i64 {
        self.scalar(&format!("SELECT count(*) FROM {table}")).await
    }

    /// Every row of every table, as text, but the bookkeeping ones: equal snapshots mean
    /// nothing changed. The tables come from `sqlite_schema`, so a table a migration adds is
    /// covered without anyone remembering it here.
    pub async fn snapshot(&self) -> Snapshot {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_schema AS t WHERE type = 'table' \
               AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_sqlx%' ESCAPE '\\' \
               AND NOT EXISTS (SELECT 1 FROM sqlite_schema AS v \
                   WHERE v.type = 'table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%' \
                     AND (t.name = v.name OR t.name LIKE v.name || '\\_%' ESCAPE '\\')) \
             ORDER BY name",
        )
        .fetch_all(&self.pool)
        .await
        .expect("tables");
        let mut all = Vec::new();
        for table in tables {
            if BOOKKEEPING.contains(&table.as_str()) {
                continue;
            }
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1)")
                .bind(&table)
                .fetch_all(&self.pool)
                .await
                .expect("columns");
            let row = columns
                .iter()
                .map(|column| format!("quote(\"{column}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            // Every column in turn orders the rows (some tables have no rowid).
            let order = (1..=columns.len())
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            let dump: String = sqlx::query_scalar(&format!(
                "SELECT coalesce(group_concat({row}, char(10)), '') FROM (SELECT * FROM \"{table}\" ORDER BY {order})"
            ))
            .fetch_one(&self.pool)
            .await
            .expect("dump");
            all.push((table, dump));
        }
        Snapshot(all)
    }
}

/// The tables a snapshot leaves out, each for its reason. The full-text indexes and their
/// shadow tables are left out by their kind (virtual tables), not named here.
const BOOKKEEPING: &[&str] = &[
    // Reading a page renews a session; a refused sign-in or upload is counted on purpose.
    "sessions",
    "sign_in_failures",
    "upload_attempts",
    // Kept by triggers from the tables that are compared: they follow what changed.
    "catalogue",
    "catalogue_counts",
    "catalogue_version",
    "content_version",
];

/// Every row of the tables users change, table by table. Two are equal when nothing changed;
/// when they differ, the assertion names the tables and their row counts rather than printing
/// the whole database.
#[derive(PartialEq, Eq)]
pub struct Snapshot(Vec<(String, String)>);

impl Snapshot {
    /// The tables whose rows differ from `before`'s, by name: what a write touched.
    pub fn changed_since(&self, before: &Snapshot) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(table, rows)| {
                before
                    .0
                    .iter()
                    .find(|(other, _)| other == table)
                    .is_none_or(|(_, earlier)| earlier != rows)
            })
            .map(|(table, _)| table.as_str())
            .collect()
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (table, rows) in &self.0 {
            // FNV-1a: a short fingerprint that differs when the rows do.
            let digest = rows.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
            let count = if rows.is_empty() {
                0
            } else {
                rows.lines().count()
            };
            writeln!(f, "{table}: {count} rows, {digest:016x}")?;
        }
        Ok(())
    }
}

/// A fair staff made through the site, published and taking applications.
pub struct Fair {
    pub id: i64,
    pub slug: String,
    pub booth_type: i64,
    /// Its booths, A01 first, side by side.
    pub booths: Vec<i64>,
}

impl TestApp {
    /// A day counted from today in Vietnam, as forms send it (`2026-12-17`).
    pub async fn day(&self, from_today: i64) -> String {
        self.text(&format!(
            "SELECT date('now', '+7 hours', '{from_today:+} days')"
        ))
        .await
    }

    /// The id in the address an accepted staff form went to (`/admin/events/12?saved`).
    fn id_in(location: &str, prefix: &str) -> i64 {
        location
            .strip_prefix(prefix)
            .and_then(|rest| rest.split(['?', '/']).next())
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("an id in {location}"))
    }

    /// A new event as staff create it, with `fields` over a fair starting in 30 days.
    pub async fn create_event(&self, fields: &[(&str, &str)]) -> i64 {
        let (starts, ends, closes) = (self.day(30).await, self.day(32).await, self.day(20).await);
        let mut form: Vec<(&str, &str)> = vec![
            ("kind", "fair"),
            ("name", "Hội chợ thử nghiệm"),
            ("venue", "Nhà văn hóa trung tâm"),
            ("location", "Đồng Hới, Quảng Trị"),
            ("starts_on", &starts),
            ("ends_on", &ends),
            ("applications_close_on", &closes),
            ("plan_width", "30"),
            ("plan_height", "20"),
        ];
        for (name, value) in fields {
            form.retain(|(field, _)| field != name);
            form.push((name, value));
        }
        let staff = self.as_user(DemoUser::Staff).await;
        let reply = staff.post("/admin/events/new").multipart(&form, None).await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        Self::id_in(reply.header("location"), "/admin/events/")
    }

    /// A published fair named `name` with one booth type and a row of `booths` 3×3 booths.
    pub async fn open_fair(&self, name: &str, booths: usize) -> Fair {
        let id = self.create_event(&[("name", name)]).await;
        let staff = self.as_user(DemoUser::Staff).await;
        let base = format!("/admin/events/{id}");
        let reply = staff
            .post(&format!("{base}/booth-types"))
            .form(&[
                ("type_name", "Gian tiêu chuẩn"),
                ("size_m2", "9"),
                ("price", "3000000"),
            ])
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let booth_type = self
            .scalar(&format!(
                "SELECT max(id) FROM booth_types WHERE event_id = {id}"
            ))
            .await;
        let count = booths.to_string();
        let type_id = booth_type.to_string();
        let reply = staff
            .post(&format!("{base}/booths"))
            .form(&[
                ("prefix", "A"),
                ("first", "1"),
                ("count", &count),
                ("booth_type_id", &type_id),
                ("hall", "Nhà A"),
                ("x", "0"),
                ("y", "0"),
                ("width", "3"),
                ("height", "3"),
            ])
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let reply = staff
            .post(&format!("{base}/status"))
            .form(&[("status", "published")])
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        let booths = sqlx::query_scalar("SELECT id FROM booths WHERE event_id = ?1 ORDER BY code")
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .expect("booths");
        Fair {
            id,
            slug: self
                .text(&format!("SELECT slug FROM events WHERE id = {id}"))
                .await,
            booth_type,
            booths,
        }
    }

    /// A demo producer applies for a booth of the fair with its first `products` published
    /// products; the application's id.
    pub async fn apply(&self, user: DemoUser, fair: &Fair, products: usize) -> i64 {
        let producer = self.producer_id(user).await;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM products WHERE producer_id = ?1 AND status = 'published' ORDER BY id LIMIT ?2",
        )
        .bind(producer)
        .bind(i64::try_from(products).expect("a count"))
        .fetch_all(&self.pool)
        .await
        .expect("products");
        let names: Vec<String> = ids.iter().map(|id| format!("product-{id}")).collect();
        let type_id = fair.booth_type.to_string();
        let mut form: Vec<(&str, &str)> = vec![
            ("booth_type_id", &type_id),
            ("message", "Xin một gian gần lối vào."),
        ];
        form.extend(names.iter().map(|name| (name.as_str(), "on")));
        let reply = self
            .as_user(user)
            .await
            .post(&format!("/portal/events/{}/apply", fair.id))
            .form(&form)
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        self.scalar(&format!(
            "SELECT id FROM exhibitor_applications WHERE event_id = {} AND producer_id = {producer}",
            fair.id
        ))
        .await
    }

    /// A published training with `capacity` places, taking registrations.
    pub async fn open_training(&self, name: &str, capacity: i64) -> i64 {
        let capacity = capacity.to_string();
        let id = self
            .create_event(&[
                ("kind", "training"),
                ("name", name),
                ("capacity", &capacity),
                ("audience", "both"),
            ])
            .await;
        let reply = self
            .as_user(DemoUser::Staff)
            .await
            .post(&format!("/admin/events/{id}/status"))
            .form(&[("status", "published")])
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        id
    }
}

/// The OCOP cycle.
impl TestApp {
    /// A cycle of `year` under 1489/2025 taking registrations until `until` (or without a
    /// deadline); the demo's own 2026 cycle is at its evaluation stage.
    pub async fn open_cycle(&self, year: i64, until: Option<&str>) {
        sqlx::query(
            "INSERT INTO ocop_cycles (year, name, scheme_id, stage, opens_on, registration_until)
             VALUES (?1, 'Chu trình ' || ?1, 3, 'registration', '2026-01-05', ?2)",
        )
        .bind(year)
        .bind(until)
        .execute(&self.direct)
        .await
        .expect("cycle");
    }

    /// A demo producer registers its first published product for the open cycle, as an
    /// existing product; the registration's id.
    pub async fn register_for_ocop(&self, user: DemoUser) -> i64 {
        let product = self.published_product(user).await.id.to_string();
        let reply = self
            .as_user(user)
            .await
            .post("/portal/ocop/register")
            .form(&[("kind", "existing"), ("product_id", &product)])
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        Self::id_in(reply.header("location"), "/portal/ocop/")
    }

    /// Every item of a registration received, as staff would have ticked them one by one.
    pub async fn receive_every_item(&self, registration: i64) {
        sqlx::query(
            "INSERT OR REPLACE INTO dossier_items (registration_id, requirement, status, note, updated_at)
             SELECT r.id, d.code, 'received', '', datetime('now')
             FROM registrations r JOIN dossier_requirements d ON d.applies_to IN (r.kind, 'both')
             WHERE r.id = ?1",
        )
        .bind(registration)
        .execute(&self.direct)
        .await
        .expect("the dossier's items");
    }

    /// Every item of a registration received and its dossier confirmed complete.
    pub async fn complete_dossier(&self, registration: i64) {
        self.receive_every_item(registration).await;
        sqlx::query("UPDATE registrations SET status = 'dossier_complete' WHERE id = ?1")
            .bind(registration)
            .execute(&self.direct)
            .await
            .expect("a complete dossier");
    }
}

/// The commune's findings on a dossier, and its decision (`proposed` or `returned`).
pub fn commune_review<'a>(outcome: &'a str, note: &'a str) -> [(&'a str, &'a str); 5] {
    [
        ("local_origin", "yes"),
        ("local_labour", "yes"),
        ("idea_origin", "local"),
        ("outcome", outcome),
        ("note", note),
    ]
}

/// A product as the tests act on it; the set as a form sends it.
#[derive(sqlx::FromRow)]
pub struct Product {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub set_id: String,
}

/// Requests made in a demo user's name.
pub struct Caller<'a> {
    app: &'a TestApp,
    cookie: String,
}

impl<'a> Caller<'a> {
    pub fn get(&self, path: &str) -> Call<'a> {
        Call::new(self.app, Method::GET, path).cookie(&self.cookie)
    }

    pub fn post(&self, path: &str) -> Call<'a> {
        Call::new(self.app, Method::POST, path).cookie(&self.cookie)
    }
}

/// One request, as a browser on a page of the site sends it: built up, then awaited for its
/// [`Reply`] (or [`Call::response`] for the response itself).
pub struct Call<'a> {
    app: &'a TestApp,
    method: Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<(String, Vec<u8>)>,
    origin: bool,
}

impl<'a> Call<'a> {
    fn new(app: &'a TestApp, method: Method, path: &str) -> Self {
        Self {
            app,
            method,
            path: path.to_owned(),
            headers: Vec::new(),
            body: None,
            origin: true,
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn cookie(self, cookie: &str) -> Self {
        self.header("cookie", cookie)
    }

    /// With the cookie if there is one (a table of callers, anonymous among them).
    pub fn cookie_if(self, cookie: Option<&str>) -> Self {
        match cookie {
            Some(cookie) => self.cookie(cookie),
            None => self,
        }
    }

    pub fn headers(self, pairs: &[(&str, &str)]) -> Self {
        pairs
            .iter()
            .fold(self, |call, (name, value)| call.header(name, value))
    }

    /// Asks for JSON, as a server function called from a page's script does.
    pub fn json(self) -> Self {
        self.header("accept", "application/json")
    }

    /// As another site's page would send it: without this site's Origin.
    pub fn without_origin(mut self) -> Self {
        self.origin = false;
        self
    }

    /// A form, URL-encoded.
    pub fn form(mut self, fields: &[(&str, &str)]) -> Self {
        let encoded = fields
            .iter()
            .map(|(key, value)| format!("{key}={}", app::model::catalogue::encode(value)))
            .collect::<Vec<_>>()
            .join("&");
        self.body = Some((
            "application/x-www-form-urlencoded".to_owned(),
            encoded.into_bytes(),
        ));
        self
    }

    /// A form with a file field (`name`, file name, bytes), as multipart.
    pub fn multipart(
        mut self,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> Self {
        let boundary = "ocop-test-boundary-7d1f";
        let mut body: Vec<u8> = Vec::new();
        for (name, value) in fields {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        if let Some((name, file_name, bytes)) = file {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        self.body = Some((format!("multipart/form-data; boundary={boundary}"), body));
        self
    }

    /// The response itself, for what a [`Reply`] does not keep.
    pub async fn response(self) -> axum::response::Response {
        let mut request = Request::builder().method(self.method).uri(&self.path);
        if self.origin {
            request = request.header(header::ORIGIN, SITE);
        }
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let body = match self.body {
            Some((content_type, bytes)) => {
                request = request.header(header::CONTENT_TYPE, content_type);
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        self.app
            .router
            .clone()
            .oneshot(request.body(body).expect("request"))
            .await
            .expect("response")
    }
}

impl<'a> IntoFuture for Call<'a> {
    type Output = Reply;
    type IntoFuture = Pin<Box<dyn Future<Output = Reply> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { Reply::of(self.response().await).await })
    }
}

/// What came back: the status, the headers and the body as text.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub async fn of(response: axum::response::Response) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        Self {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A header's value, or "" when it is missing.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    /// The message of a short refusal page (a conflict, a 404...), or "" when there is none.
    pub fn alert(&self) -> String {
        self.body
            .split("<p role=\"alert\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .unwrap_or_default()
            .to_owned()
    }

    /// What the page's QR codes say, each read as a phone reads it: its SVG drawn to pixels
    /// (resvg), then the pixels decoded (rqrr). A code that does not decode fails the test.
    pub fn qr_codes(&self) -> Vec<String> {
        self.body
            .split("class=\"qr\"")
            .skip(1)
            .map(|rest| {
                let start = rest.find("<svg").expect("a QR code's SVG");
                let end = rest.find("</svg>").expect("its end") + "</svg>".len();
                decode_qr(&rest[start..end])
            })
            .collect()
    }

    /// The message shown next to a field of a refused form.
    pub fn field_message(&self, field: &str) -> String {
        self.body
            .split(&format!("id=\"f-{field}-error\""))
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .map(|p| {
                p.trim_start_matches(" class=\"field-error\">")
                    .replace("<!>", "")
            })
            .unwrap_or_default()
    }
}

/// The text of the QR code drawn by `svg`.
pub fn decode_qr(svg: &str) -> String {
    use resvg::{tiny_skia, usvg};

    let tree = usvg::Tree::from_str(svg, &usvg::Options::default()).expect("an SVG");
    let size = tree.size().to_int_size();
    // Drawn at twice its size, as a camera sees it: several pixels to a module.
    let (width, height) = (size.width() * 2, size.height() * 2);
    let mut pixmap = tiny_skia::Pixmap::new(width, height).expect("pixels");
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(2.0, 2.0),
        &mut pixmap.as_mut(),
    );
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width as usize, height as usize, |x, y| {
            pixmap
                .pixel(x as u32, y as u32)
                .map_or(255, |pixel| pixel.demultiply().red())
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the SVG");
    let (_, text) = grids[0].decode().expect("the QR code decodes");
    text
}
