//! A producer's forms on an event's page in its portal.

use crate::model::ids::EventId;

paths! {
    /// Apply for a booth, or change the application.
    apply(id: EventId) = "/portal/events/{id}/apply";
    withdraw(id: EventId) = "/portal/events/{id}/withdraw";
    /// Take a place at a training.
    book_place(id: EventId) = "/portal/events/{id}/register";
    cancel_place(id: EventId) = "/portal/events/{id}/cancel";
}

/// The event's page in the portal, where these forms are.
pub fn event(id: EventId) -> String {
    format!("/portal/events/{id}")
}
