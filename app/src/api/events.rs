use leptos::prelude::*;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::events::{EventCard, EventDetail};
use crate::model::page::Page;

/// Published events, upcoming first. Public.
#[server(prefix = "/api", endpoint = "events", input = server_fn::codec::GetUrl)]
pub async fn list_events(page: Option<String>) -> Result<Page<EventCard>, AppError> {
    use crate::model::page::PageNumber;

    super::respond(async |db| {
        crate::store::events::list(&db.read, PageNumber::parse(page.as_deref())?).await
    })
    .await
}

/// The next few events, for the home page. Public.
#[server(prefix = "/api", endpoint = "upcoming-events", input = server_fn::codec::GetUrl)]
pub async fn upcoming_events() -> Result<Vec<EventCard>, AppError> {
    super::respond(async |db| crate::store::events::upcoming(&db.read, 3).await).await
}

/// One published event with its floor plan and exhibitors. Public.
#[server(prefix = "/api", endpoint = "event", input = server_fn::codec::GetUrl)]
pub async fn get_event(slug: String) -> Result<Found<EventDetail>, AppError> {
    super::respond(async |db| crate::store::events::by_slug(&db.read, &slug).await).await
}

/// An exhibitor's online booth at an event. Public.
#[server(prefix = "/api", endpoint = "online-booth", input = server_fn::codec::GetUrl)]
pub async fn get_online_booth(
    event: String,
    producer: String,
) -> Result<crate::model::events::OnlineBooth, AppError> {
    super::respond(async |db| crate::store::events::online_booth(&db.read, &event, &producer).await)
        .await
}
