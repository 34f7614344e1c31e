//! Pieces of pages used in more than one place.

pub mod bar_chart;
pub mod certified_products;
pub mod checklist;
pub mod dry_run;
pub mod event_card;
pub mod field;
pub mod floor_plan;
pub mod found;
pub mod guard;
pub mod illustration;
pub mod inquiry_form;
pub mod layout;
pub mod news_card;
pub mod one_pass;
pub mod pagination;
pub mod private_nav;
pub mod producer_contact;
pub mod product_card;
pub mod qr;
