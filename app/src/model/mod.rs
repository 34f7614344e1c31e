//! Plain data shared by the server and the browser: no I/O here.

pub mod page;
pub mod product;
pub mod producer;
pub mod stars;
