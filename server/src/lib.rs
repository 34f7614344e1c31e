//! The axum server of OCOP Market, as a library so tests can start it in-process.

pub mod account;
pub mod admin;
pub mod backup;
pub mod config;
pub mod cycles;
pub mod documents;
pub mod events;
pub mod exports;
pub mod feeds;
pub mod files;
pub mod forms;
pub mod images;
pub mod limits;
pub mod mailer;
pub mod maintenance;
pub mod open_data;
pub mod page_cache;
pub mod passwords;
pub mod portal;
pub mod public;
pub mod reports;
pub mod routes;
pub mod security;
pub mod session;
pub mod state;
pub mod uploads;
