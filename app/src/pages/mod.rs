//! Whole pages, one module each.

pub mod home;
pub mod not_found;
pub mod producers;
pub mod product;
pub mod products;
