use leptos::prelude::*;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::events::{EventCard, EventDetail};
use crate::model::page::Page;

/// Published events, upcoming first. Public.
#[server(prefix = "/api", endpoint = "events", input = server_fn::codec::GetUrl)]
pub async fn list_events(page: Option<String>) -> Result<Page<EventCard>, AppError> {
    use crate::model::page::PageNumber;

    async { crate::store::events::list(&super::pool()?, PageNumber::parse(page.as_deref())?).await }
        .await
        .map_err(AppError::into_response_status)
}

/// The next few events, for the home page. Public.
#[server(prefix = "/api", endpoint = "upcoming-events", input = server_fn::codec::GetUrl)]
pub async fn upcoming_events() -> Result<Vec<EventCard>, AppError> {
    crate::store::events::upcoming(&super::pool()?, 3)
        .await
        .map_err(AppError::into_response_status)
}

/// One published event with its floor plan and exhibitors. Public.
#[server(prefix = "/api", endpoint = "event", input = server_fn::codec::GetUrl)]
pub async fn get_event(slug: String) -> Result<Found<EventDetail>, AppError> {
    crate::store::events::by_slug(&super::pool()?, &slug)
        .await
        .map_err(AppError::into_response_status)
}
