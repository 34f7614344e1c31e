//! Plain data shared by the server and the browser: no I/O here.

pub mod catalogue;
pub mod detail;
pub mod inquiry;
pub mod page;
pub mod producer;
pub mod producers;
pub mod product;
pub mod stars;
