//! Pieces of pages used in more than one place.

pub mod certified_products;
pub mod inquiry_form;
pub mod layout;
pub mod moved;
pub mod pagination;
pub mod producer_contact;
pub mod product_card;
pub mod qr;
