//! Accounts and credentials (server only): who is asking, and the secrets that prove it.

pub mod password;
pub mod token;

use crate::error::AppError;
use crate::model::account::{signed_in, Viewer};

/// The signed-in account of the current request, put there by the server's session layer.
pub fn viewer() -> Option<Viewer> {
    leptos::prelude::use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Viewer>().cloned())
}

/// The signed-in account, or 401.
pub fn require_viewer() -> Result<Viewer, AppError> {
    signed_in(viewer())
}
