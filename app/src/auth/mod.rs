//! Accounts and credentials (server only): who is asking, and what they may do.
//!
//! Who may do what is decided once, where each action is declared:
//! - a server function starts with one guard call: [`staff`], [`admin`], [`producer`] or
//!   [`officer`] or [`signed_in`];
//! - a form handler of the server takes the same as an extractor in its signature
//!   (`async fn approve(staff: Staff, ...)`): [`Staff`], [`Admin`], [`Officer`], [`Producer`],
//!   [`Viewer`].
//!
//! Either yields the ids the action needs (the staff member's, or the producer's own, taken
//! from the session and never from the request). The store takes those ids and never decides
//! roles; ownership stays in its SQL (`WHERE producer_id = ?`), so another producer's id
//! answers 404. The rules themselves are on [`Viewer`] in `model::account`.

pub mod password;
pub mod token;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::{AppError, Refusal};
use crate::model::account::signed_in as required;
pub use crate::model::account::{Actor, Admin, Officer, Producer, Staff, Viewer};

/// The signed-in account of the current request, put there by the server's session layer.
pub fn viewer() -> Option<Viewer> {
    leptos::prelude::use_context::<Parts>().and_then(|parts| viewer_of(&parts))
}

fn viewer_of(parts: &Parts) -> Option<Viewer> {
    parts.extensions.get::<Viewer>().cloned()
}

/// Any signed-in account, or 401.
pub fn signed_in() -> Result<Viewer, AppError> {
    required(viewer())
}

/// A staff member or an admin; 401 or 403 otherwise.
pub fn staff() -> Result<Staff, AppError> {
    signed_in()?.staff()
}

/// An admin; 401 or 403 otherwise.
pub fn admin() -> Result<Admin, AppError> {
    signed_in()?.admin()
}

/// A commune officer; 401 or 403 otherwise. Its communes are in the SQL.
pub fn officer() -> Result<Officer, AppError> {
    signed_in()?.officer()
}

/// A producer's account, with its producer; 401 or 403 otherwise.
pub fn producer() -> Result<Producer, AppError> {
    signed_in()?.producer()
}

/// The extractors: the same rules for the server's form handlers, refused with the short
/// error page before the request's body is read.
macro_rules! extractor {
    ($type:ty, $rule:expr) => {
        impl<S: Send + Sync> FromRequestParts<S> for $type {
            type Rejection = Refusal;

            async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refusal> {
                required(viewer_of(parts))
                    .and_then($rule)
                    .map_err(|error| Refusal::of(error, &parts.headers))
            }
        }
    };
}

extractor!(Viewer, Ok);
extractor!(Staff, |viewer: Viewer| viewer.staff());
extractor!(Admin, |viewer: Viewer| viewer.admin());
extractor!(Officer, |viewer: Viewer| viewer.officer());
extractor!(Producer, |viewer: Viewer| viewer.producer());
