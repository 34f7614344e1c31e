//! Plain data shared by the server and the browser: no I/O here.

pub mod catalogue;
pub mod detail;
pub mod events;
pub mod inquiry;
pub mod news;
pub mod page;
pub mod producer;
pub mod producers;
pub mod product;
pub mod stars;
pub mod stats;
