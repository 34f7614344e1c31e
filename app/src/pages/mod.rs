//! Whole pages, one module each.

pub mod account;
pub mod admin;
pub mod commune;
pub mod fairs;
pub mod home;
pub mod news;
pub mod not_found;
pub mod open_data;
pub mod portal;
pub mod producers;
pub mod product;
pub mod products;
pub mod stats;
pub mod verify;
