//! Whole pages, one module each.

pub mod home;
pub mod not_found;
