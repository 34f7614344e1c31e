//! A whole server over a fresh SQLite database in a temp dir, with the demo data loaded.

#![allow(dead_code)] // each test file uses its own part of this helper

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;
use tower::ServiceExt;

use server::routes::{router, AppState};

/// The site's public address in tests; pages of the site post with it as their Origin.
pub const SITE: &str = "https://ocop.example.vn";

pub struct TestApp {
    pub pool: SqlitePool,
    pub router: Router,
    _dir: tempfile::TempDir,
}

pub struct Reply {
    pub status: StatusCode,
    pub body: String,
}

pub async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let pool = app::store::open(&dir.path().join("ocop.db"))
        .await
        .expect("open database");
    assert!(app::store::demo::load_if_empty(&pool)
        .await
        .expect("demo data"));
    let leptos = LeptosOptions::builder()
        .output_name("ocop-market")
        .site_root("site")
        .build();
    let media_dir = dir.path().join("media");
    let router = router(AppState {
        media_dir,
        leptos,
        pool: pool.clone(),
        site: app::site::Site {
            assets: app::site::Assets::default(),
            public_url: app::site::PublicUrl::new(SITE),
            mail_enabled: true,
            behind_proxy: true,
        },
        sessions: app::store::sessions::Timeouts::default(),
    });
    TestApp {
        pool,
        router,
        _dir: dir,
    }
}

impl TestApp {
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

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }
}
