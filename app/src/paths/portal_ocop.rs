//! A producer's OCOP forms in its portal: registering a product, its dossier, withdrawing.

use crate::model::ids::RegistrationId;

paths! {
    register() = "/portal/ocop/register";
    withdraw(id: RegistrationId) = "/portal/ocop/{id}/withdraw";
    /// A file of the dossier, uploaded.
    attach(id: RegistrationId, code: &str) = "/portal/ocop/{id}/items/{code}";
    item_file(id: RegistrationId, code: &str) = "/portal/ocop/{id}/items/{code}/file";
}

/// The producer's OCOP page: its registrations and certificates.
pub fn ocop() -> String {
    "/portal/ocop".to_owned()
}

/// One registration, with its dossier checklist.
pub fn registration(id: RegistrationId) -> String {
    format!("{}/{id}", ocop())
}
