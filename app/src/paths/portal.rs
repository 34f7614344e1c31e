//! A producer's forms for its profile, its listings and its inbox.

use crate::model::ids::ProductId;

paths! {
    profile() = "/portal/profile";
    create_listing() = "/portal/products/new";
    /// A listing's proposed change; also its page.
    listing(id: ProductId) = "/portal/products/{id}";
    hide(id: ProductId) = "/portal/products/{id}/hide";
    show(id: ProductId) = "/portal/products/{id}/show";
    /// A draft deleted (its page asks first).
    delete(id: ProductId) = "/portal/products/{id}/delete";
    /// A product's sheets of OCOP stamps, to print.
    stamps(id: ProductId) = "/portal/products/{id}/stamps";
    /// An inquiry's status; also its page.
    inquiry(id: i64) = "/portal/inquiries/{id}";
}

/// The producer's listings.
pub fn listings() -> String {
    "/portal/products".to_owned()
}
