//! What every handler shares: the database, the site's settings, and the server's limits.

use std::ops::Deref;
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::SqlitePool;

use app::site::Site;
use app::store::Writer;

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
    pub site: Site,
    /// Where uploaded images are stored, named by their content's SHA-256.
    pub media_dir: std::path::PathBuf,
    pub sessions: app::store::sessions::Timeouts,
    pub passwords: Passwords,
    pub uploads: Uploads,
    /// Turns to render a page (`limits::Renders`).
    pub renders: crate::limits::Renders,
    /// The open data and the sitemap as made for the current content (`downloads`).
    pub downloads: crate::downloads::Downloads,
}

impl AppState {
    pub fn new(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }

    /// Where the files of OCOP dossiers are stored, beside the photos (never served as such).
    pub fn documents_dir(&self) -> std::path::PathBuf {
        self.media_dir.with_file_name(crate::documents::DIR)
    }

    /// What pages and server functions find in their context: the database and the site.
    pub fn provide_request_context(&self) {
        leptos::prelude::provide_context(app::store::Db {
            read: self.pool.clone(),
            write: self.writer.clone(),
            catalogue: self.catalogue.clone(),
        });
        leptos::prelude::provide_context(self.site.clone());
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
