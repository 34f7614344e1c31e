//! Plain data shared by the server and the browser: no I/O here.

pub mod account;
pub mod audit;
pub mod catalogue;
pub mod cycle;
pub mod day;
pub mod detail;
pub mod event_admin;
pub mod events;
pub mod form;
pub mod ids;
pub mod inquiry;
pub mod listing;
pub mod news;
pub mod notice;
pub mod open_data;
pub mod page;
pub mod participation;
pub mod portal;
pub mod producer;
pub mod producers;
pub mod product;
pub mod profile;
pub mod report;
pub mod stars;
pub mod stats;
pub mod status;
