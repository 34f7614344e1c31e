//! The axum server of OCOP Market, as a library so tests can start it in-process.

pub mod config;
pub mod feeds;
pub mod mailer;
pub mod page_cache;
pub mod routes;
