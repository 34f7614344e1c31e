//! Server functions: decode the request, authorize the caller, call the store, map errors.

pub mod account;
pub mod admin;
pub mod catalogue;
pub mod events;
pub mod inquiries;
pub mod news;
pub mod portal;
pub mod producers;
pub mod products;
pub mod stats;

/// The database pool every server function reads from the request's context.
#[cfg(feature = "ssr")]
pub(crate) fn pool() -> Result<sqlx::SqlitePool, crate::error::AppError> {
    leptos::prelude::use_context::<sqlx::SqlitePool>().ok_or_else(|| {
        tracing::error!("no database pool in the request context");
        crate::error::AppError::Internal
    })
}

/// The database writer, for the server functions that change something.
#[cfg(feature = "ssr")]
pub(crate) fn writer() -> Result<crate::store::Writer, crate::error::AppError> {
    leptos::prelude::use_context::<crate::store::Writer>().ok_or_else(|| {
        tracing::error!("no database writer in the request context");
        crate::error::AppError::Internal
    })
}
