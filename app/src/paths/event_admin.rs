//! The staff's event forms and downloads, under `/admin/events`; the pages they sit on are
//! below the table (Leptos routes those).

use crate::model::ids::{ApplicationId, BoothId, EventId};

paths! {
    /// A new event (with its cover photo).
    create() = "/admin/events/new";
    /// An event's fields; also its page.
    event(id: EventId) = "/admin/events/{id}";
    /// Publish, close applications, finish or cancel.
    status(id: EventId) = "/admin/events/{id}/status";
    booth_types(id: EventId) = "/admin/events/{id}/booth-types";
    booth_type(id: EventId, kind: i64) = "/admin/events/{id}/booth-types/{kind}";
    /// A row of booths added in one action.
    booths(id: EventId) = "/admin/events/{id}/booths";
    /// A booth moved, resized or renamed.
    booth(id: EventId, booth: BoothId) = "/admin/events/{id}/booths/{booth}";
    booth_block(id: EventId, booth: BoothId) = "/admin/events/{id}/booths/{booth}/block";
    booth_free(id: EventId, booth: BoothId) = "/admin/events/{id}/booths/{booth}/free";
    booth_delete(id: EventId, booth: BoothId) = "/admin/events/{id}/booths/{booth}/delete";
    /// `decision`: approve, move, waitlist, vacate or reject.
    decide(id: EventId, application: ApplicationId, decision: &str) =
        "/admin/events/{id}/applications/{application}/{decision}";
    /// A place at a training booked by staff for someone.
    book_place(id: EventId) = "/admin/events/{id}/places";
    cancel_place(id: EventId, place: i64) = "/admin/events/{id}/places/{place}/cancel";
    attendance(id: EventId) = "/admin/events/{id}/attendance";
    exhibitors_csv(id: EventId) = "/admin/events/{id}/exhibitors.csv";
    exhibitors_xlsx(id: EventId) = "/admin/events/{id}/exhibitors.xlsx";
    places_csv(id: EventId) = "/admin/events/{id}/places.csv";
}

/// The floor plan and its editor, where its rows of booths are added.
pub fn plan(id: EventId) -> String {
    booths(id)
}

/// The application queue.
pub fn applications(id: EventId) -> String {
    format!("{}/applications", event(id))
}

/// One application, decided on its page.
pub fn application(id: EventId, application: ApplicationId) -> String {
    format!("{}/{application}", applications(id))
}

/// A training's places and attendance, where staff book a place.
pub fn places(id: EventId) -> String {
    book_place(id)
}

/// The floor plan on one printed page.
pub fn plan_print(id: EventId) -> String {
    format!("{}/print", plan(id))
}
