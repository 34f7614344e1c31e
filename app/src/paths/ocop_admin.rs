//! The staff's forms and downloads of the yearly OCOP cycle: a year's cycle, its
//! registrations and their dossiers, its councils, its recognition decision, certificates.
//! The pages they sit on are below the table (Leptos routes those).

use crate::model::ids::{CouncilId, CycleYear, RegistrationId};

paths! {
    create() = "/admin/cycles/new";
    /// A cycle's rules and deadlines; also its page.
    cycle(year: CycleYear) = "/admin/cycles/{year}";
    /// A product registered by staff for a producer.
    register(year: CycleYear) = "/admin/cycles/{year}/registrations";
    form_council(year: CycleYear) = "/admin/cycles/{year}/councils";
    /// A recognition decision for a batch the councils scored.
    decide(year: CycleYear) = "/admin/cycles/{year}/decision";
    withdraw(id: RegistrationId) = "/admin/registrations/{id}/withdraw";
    /// The dossier confirmed complete.
    complete(id: RegistrationId) = "/admin/registrations/{id}/complete";
    appraise(id: RegistrationId) = "/admin/registrations/{id}/appraise";
    /// A scan uploaded for the producer.
    attach(id: RegistrationId, code: &str) = "/admin/registrations/{id}/items/{code}";
    receive(id: RegistrationId, code: &str) = "/admin/registrations/{id}/items/{code}/receive";
    ask_correction(id: RegistrationId, code: &str) =
        "/admin/registrations/{id}/items/{code}/correction";
    item_file(id: RegistrationId, code: &str) = "/admin/registrations/{id}/items/{code}/file";
    /// A member's sheet for a product before the council.
    sheet(council: CouncilId, registration: RegistrationId) =
        "/admin/councils/{council}/sheets/{registration}";
    /// The council's result for a product, from its sheets.
    close(council: CouncilId, registration: RegistrationId) =
        "/admin/councils/{council}/close/{registration}";
    revoke(certificate: i64) = "/admin/certificates/{certificate}/revoke";
}

/// A cycle's registrations, filtered: the page the staff's registering form is on, at its
/// address (a page and the form it holds share one).
pub fn registrations(year: CycleYear) -> String {
    register(year)
}

/// A cycle's councils, and the form of a new one.
pub fn councils(year: CycleYear) -> String {
    form_council(year)
}

/// The products awaiting a cycle's recognition decision, and the decision's form.
pub fn recognition(year: CycleYear) -> String {
    decide(year)
}

/// A registration's record and dossier.
pub fn registration(id: RegistrationId) -> String {
    format!("/admin/registrations/{id}")
}

/// A council's page: its members and the products it scores.
pub fn council(id: CouncilId) -> String {
    format!("/admin/councils/{id}")
}
