//! Pieces of pages used in more than one place.

pub mod certified_products;
pub mod layout;
pub mod moved;
pub mod pagination;
pub mod product_card;
pub mod qr;
