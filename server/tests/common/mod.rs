//! A whole server over a fresh SQLite database in a temp dir, with the demo data loaded.

#![allow(dead_code)] // each test file uses its own part of this helper

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;
use tower::ServiceExt;

use app::store::{Db, Writer};
use server::routes::router;
use server::state::AppState;

/// The site's public address in tests; pages of the site post with it as their Origin.
pub const SITE: &str = "https://ocop.example.vn";

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
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: String,
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
/// start from the same prepared state without loading the demo data again.
pub async fn spawn_copy(of: &TestApp) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ocop.db");
    app::store::backup::copy(&of.database_path(), &path)
        .await
        .expect("copy database");
    let db = app::store::open(&path).await.expect("open copy");
    serve(dir, db, true).await
}

async fn serve(dir: tempfile::TempDir, db: Db, mail_enabled: bool) -> TestApp {
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
    let media_dir = dir.path().join("media");
    let state = AppState {
        media_dir,
        leptos,
        pool: db.read.clone(),
        writer: db.write.clone(),
        site: app::site::Site {
            assets: app::site::Assets::default(),
            public_url: app::site::PublicUrl::new(SITE),
            mail_enabled,
            proxies: 1,
        },
        sessions: app::store::sessions::Timeouts::default(),
        passwords: server::passwords::Passwords::new(PASSWORD_CHECKS),
        uploads: server::uploads::Uploads::new(PASSWORD_CHECKS, std::time::Duration::from_secs(10)),
    };
    TestApp {
        pool: db.read,
        writer: db.write,
        direct,
        router: router(state.clone()),
        state,
        _dir: dir,
    }
}

/// Password checks (and photo decodes) at once in tests, as on the 2-core machine the site
/// runs on.
pub const PASSWORD_CHECKS: usize = 2;

impl TestApp {
    pub fn database_path(&self) -> std::path::PathBuf {
        self._dir.path().join("ocop.db")
    }

    pub fn db(&self) -> Db {
        Db {
            read: self.pool.clone(),
            write: self.writer.clone(),
        }
    }

    pub async fn get(&self, uri: &str) -> Reply {
        self.send(Request::get(uri).body(Body::empty()).expect("request"))
            .await
    }

    /// A form-encoded POST with extra headers (a client address, what it accepts).
    pub async fn post_form_with(
        &self,
        uri: &str,
        form: &[(&str, &str)],
        headers: &[(&str, &str)],
    ) -> axum::response::Response {
        let body: Vec<String> = form
            .iter()
            .map(|(key, value)| format!("{key}={}", app::model::catalogue::encode(value)))
            .collect();
        let mut request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ORIGIN, SITE);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::from(body.join("&"))).expect("request");
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("response")
    }

    /// Calls a server function the way the browser does: a form-encoded POST.
    pub async fn post_form(&self, uri: &str, form: &str) -> Reply {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::ORIGIN, SITE)
            .body(Body::from(form.to_owned()))
            .expect("request");
        self.send(request).await
    }

    /// The response itself, for status and headers.
    pub async fn get_raw(&self, uri: &str) -> axum::response::Response {
        let request = Request::get(uri).body(Body::empty()).expect("request");
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("response")
    }

    pub async fn get_with_header(&self, uri: &str, name: &str, value: &str) -> String {
        let request = Request::get(uri)
            .header(name, value)
            .body(Body::empty())
            .expect("request");
        self.send(request).await.body
    }

    async fn send(&self, request: Request<Body>) -> Reply {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        Reply {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub fn media_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("media")
    }

    /// A cookie header value for a new session of the account, as after signing in.
    pub async fn session_for(&self, email: &str) -> String {
        let user_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = ?1")
            .bind(email)
            .fetch_one(&self.pool)
            .await
            .expect("account");
        let secret = app::store::sessions::start(&self.writer, user_id, Default::default())
            .await
            .expect("session");
        format!("ocop_session={secret}")
    }

    /// A request as a browser on a page of the site sends it, signed in with `cookie`.
    pub async fn request(
        &self,
        method: &str,
        uri: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> Reply {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::ORIGIN, SITE);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let body = if method == "POST" {
            request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            form.iter()
                .map(|(key, value)| format!("{key}={}", app::model::catalogue::encode(value)))
                .collect::<Vec<_>>()
                .join("&")
        } else {
            String::new()
        };
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// A multipart form post (a form with a file field), signed in with `cookie`.
    pub async fn post_multipart(
        &self,
        uri: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> Reply {
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
        let mut request = Request::post(uri).header(header::ORIGIN, SITE).header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        );
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body)).expect("request"))
            .await
    }

    /// Every row of the tables that hold what users change, as text: equal snapshots mean
    /// nothing changed. Sessions and sign-in failures are left out (reading pages renews
    /// sessions).
    pub async fn snapshot(&self) -> String {
        let mut all = String::new();
        for table in [
            "users",
            "producers",
            "products",
            "product_revisions",
            "product_images",
            "media",
            "inquiries",
            "password_tokens",
            "audit_log",
            "outbox",
        ] {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?1)")
                .bind(table)
                .fetch_all(&self.pool)
                .await
                .expect("columns");
            let row = columns
                .iter()
                .map(|column| format!("quote(\"{column}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            let dump: String = sqlx::query_scalar(&format!(
                "SELECT coalesce(group_concat({row}, char(10)), '') FROM (SELECT * FROM {table} ORDER BY rowid)"
            ))
            .fetch_one(&self.pool)
            .await
            .expect("dump");
            all.push_str(table);
            all.push('\n');
            all.push_str(&dump);
            all.push('\n');
        }
        all
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }
}
