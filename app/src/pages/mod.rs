//! Whole pages, one module each.

pub mod fairs;
pub mod home;
pub mod news;
pub mod not_found;
pub mod producers;
pub mod product;
pub mod products;
pub mod stats;
