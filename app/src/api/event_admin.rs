//! What the staff's event pages read. Every function starts with the staff guard.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::day::Day;
use crate::model::event_admin::{
    ApplicationLine, ApplicationQueue, EventFilter, EventHead, EventLine, EventRecord,
    ExhibitorRow, FloorPlan, TrainingRoster,
};
use crate::model::form::Choice;
use crate::model::ids::{ApplicationId, EventId};
use crate::model::page::Page;
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;

/// Events by year, kind and status, newest first.
#[server(prefix = "/api", endpoint = "admin/events")]
pub async fn event_list(
    year: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    page: Option<String>,
) -> Result<(EventFilter, Page<EventLine>), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let filter = EventFilter::parse(year.as_deref(), kind.as_deref(), status.as_deref())?;
        let page = PageNumber::parse(page.as_deref())?;
        let events = crate::store::event_records::list(&db.read, &filter, page).await?;
        Ok((filter, events))
    })
    .await
}

/// The events of a month (`2026-12`; this month when none), for the calendar.
#[server(prefix = "/api", endpoint = "admin/events/month")]
pub async fn event_month(month: Option<String>) -> Result<(Day, Vec<EventLine>), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let first = match month.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            Some(month) => Day::from_field("month", &format!("{month}-01"))?,
            None => crate::store::clock::first_of_this_month(&db.read).await?,
        };
        Ok((
            first,
            crate::store::event_records::month(&db.read, first).await?,
        ))
    })
    .await
}

/// The communes an event can be placed in.
#[server(prefix = "/api", endpoint = "admin/events/communes")]
pub async fn event_communes() -> Result<Vec<Choice>, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::producer_records::commune_choices(&db.read, None).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/event")]
pub async fn get_event_record(id: EventId) -> Result<EventRecord, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::event_records::record(&db.read, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/event/plan")]
pub async fn get_floor_plan(id: EventId) -> Result<FloorPlan, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::booths::plan(&db.read, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/event/applications")]
pub async fn get_application_queue(
    id: EventId,
    status: Option<String>,
    page: Option<String>,
) -> Result<ApplicationQueue, AppError> {
    use crate::model::events::status::ApplicationStatus;

    super::respond(async |db| {
        crate::auth::staff()?;
        let status = match status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => Some(ApplicationStatus::from_db(text).ok_or_else(|| {
                AppError::invalid("status", "Trạng thái không hợp lệ.", "Not a valid status.")
            })?),
        };
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::exhibitors::queue(&db.read, id, status, page).await
    })
    .await
}

/// One application with the plan to pick its booth from.
#[server(prefix = "/api", endpoint = "admin/event/application")]
pub async fn get_application(
    id: EventId,
    application: ApplicationId,
) -> Result<(ApplicationLine, FloorPlan), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let line = crate::store::exhibitors::application(&db.read, id, application).await?;
        let plan = crate::store::booths::plan(&db.read, id).await?;
        Ok((line, plan))
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/event/registrations")]
pub async fn get_training_roster(
    id: EventId,
    page: Option<String>,
) -> Result<TrainingRoster, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let page = crate::model::page::PageNumber::parse(page.as_deref())?;
        crate::store::training::roster(&db.read, id, page).await
    })
    .await
}

/// The event's approved exhibitors, for its booth signs.
#[server(prefix = "/api", endpoint = "admin/event/exhibitors")]
pub async fn event_exhibitors(id: EventId) -> Result<(EventHead, Vec<ExhibitorRow>), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let head = crate::store::event_records::head(&mut *db.read.acquire().await?, id).await?;
        Ok((
            head,
            crate::store::exhibitors::exhibitors(&db.read, id).await?,
        ))
    })
    .await
}
