//! What every handler shares: the database, the site's settings, and the server's limits.

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;

use app::site::Site;
use app::store::Writer;

use crate::documents::Documents;
use crate::downloads::Downloads;
use crate::limits::Renders;
use crate::passwords::Passwords;
use crate::uploads::Uploads;

/// Shared behind one `Arc`: axum clones the state for each middleware and handler that asks
/// for it, several times a request, and cloning the fields one by one (the Leptos options,
/// the media path, the pools) was 1 to 2% of a rendered page's CPU (perf).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub leptos: LeptosOptions,
    /// Read-only connections; every write goes through `writer` (see `app::store`).
    pub pool: SqlitePool,
    pub writer: Writer,
    /// The catalogue as search ranks it (`app::store::catalogue::Memory`).
    pub catalogue: app::store::catalogue::Memory,
    /// The imports running on their own (`app::store::imports::Running`).
    pub imports: app::store::imports::Running,
    pub site: Site,
    /// The office's settings as of the content version last seen (`app::store::office`).
    pub office: app::store::office::Current,
    pub sessions: app::store::sessions::Timeouts,
    pub passwords: Passwords,
    /// Photos, stored by their content's SHA-256 under `media/`, and who may send one now.
    pub uploads: Uploads,
    /// The files of OCOP dossiers, under `documents/` (never served as such).
    pub documents: Documents,
    /// Turns to render a page.
    pub renders: Renders,
    /// The open data and the sitemap as made for the current content, under `cache/`.
    pub downloads: Downloads,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }

    /// What pages and server functions find in their context: the database, the site and the
    /// office's settings.
    pub fn provide_request_context(&self) {
        leptos::prelude::provide_context(app::store::Db {
            read: self.pool.clone(),
            write: self.writer.clone(),
            catalogue: self.catalogue.clone(),
            imports: self.imports.clone(),
        });
        leptos::prelude::provide_context(self.site.clone());
        leptos::prelude::provide_context(self.office.get());
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// Brings the office's settings up to date before the request is answered. A failed read
/// keeps the settings last read: the request itself will say what is wrong with the database.
pub async fn fresh_office(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let _ = state.office.refresh(&state.pool).await;
    next.run(request).await
}

/// A request that asks for neither of our languages (no `lang` cookie, no Accept-Language we
/// speak: a crawler, a browser set to French) is answered in the office's default language: it
/// gets that as its Accept-Language before the page cache keys it and the page reads it, so
/// every part of the site that reads the request's language (`Lang::of_headers`) agrees.
pub async fn default_language(
    axum::extract::State(state): axum::extract::State<AppState>,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};

    let headers = request.headers();
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if app::i18n::Lang::asked(header(COOKIE), header(ACCEPT_LANGUAGE)).is_none() {
        // Read anew if the settings changed, as `fresh_office` would further in.
        let office = match state.office.refresh(&state.pool).await {
            Ok(office) => office,
            Err(_) => state.office.get(),
        };
        request.headers_mut().insert(
            ACCEPT_LANGUAGE,
            axum::http::HeaderValue::from_static(office.default_lang.code()),
        );
    }
    next.run(request).await
}
