//! Server functions: decode the request, authorize the caller (one guard call from `auth`
//! first), call the store, map errors. Each body runs through [`respond`].
//!
//! Reads are server functions (the pages' resources, and the islands' calls); writes are axum
//! form handlers in `server/src` (a plain HTML form that works without JavaScript, refused
//! values shown again with `FormEcho`). An island that writes calls a server function
//! (`inquiries::send_inquiry`, the contact form sent without leaving the page) whose checks
//! and store call are those of the form's handler (`server/src/contact.rs`).

pub mod account;
pub mod admin;
pub mod catalogue;
pub mod communes;
pub mod cycles;
pub mod event_admin;
pub mod events;
pub mod imports;
pub mod inquiries;
pub mod news;
pub mod portal;
pub mod producers;
pub mod products;
pub mod reports;
pub mod stats;
pub mod units;
pub mod verification;

/// Every server function's body: `work` gets the database; an error it returns sets the
/// response's status (401, 404, 422...) before it is sent, instead of a blanket 500.
#[cfg(feature = "ssr")]
pub(crate) async fn respond<T>(
    work: impl AsyncFnOnce(&crate::store::Db) -> Result<T, crate::error::AppError>,
) -> Result<T, crate::error::AppError> {
    let outcome = match leptos::prelude::use_context::<crate::store::Db>() {
        Some(db) => work(&db).await,
        None => {
            tracing::error!("no database in the request context");
            Err(crate::error::AppError::Internal)
        }
    };
    outcome.map_err(crate::error::AppError::into_response_status)
}
