//! A commune officer's forms (1489/2025): registering a product for a producer of its
//! communes, and its review of a dossier.

use crate::model::ids::RegistrationId;

paths! {
    /// The officer's desk: its communes' registrations and producers.
    desk() = "/commune";
    register() = "/commune/register";
    /// One registration of its communes, with the review's form.
    registration(id: RegistrationId) = "/commune/registrations/{id}";
    review(id: RegistrationId) = "/commune/registrations/{id}/review";
    item_file(id: RegistrationId, code: &str) = "/commune/registrations/{id}/items/{code}/file";
}
