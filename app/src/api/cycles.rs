//! What the pages of the OCOP cycle read: the staff's (each starting with the staff guard) and
//! the producer's own (with the producer guard; the store finds only its own).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::cycle::pages::{
    AwaitingDecision, CouncilPage, Cycle, CycleLine, ExpiringLine, OwnOcop, Pipeline,
    RegistrationList, RegistrationRecord,
};
use crate::model::form::Choice;
use crate::model::ids::{CouncilId, CycleYear, RegistrationId};
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;

#[server(prefix = "/api", endpoint = "admin/cycles")]
pub async fn cycle_list() -> Result<(Vec<CycleLine>, Vec<Choice>), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let cycles = crate::store::cycles::list(&db.read).await?;
        Ok((
            cycles,
            crate::store::cycles::scheme_choices(&db.read).await?,
        ))
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/cycle")]
pub async fn get_pipeline(year: CycleYear) -> Result<Pipeline, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::cycles::pipeline(&db.read, year).await
    })
    .await
}

/// A cycle's registrations; the filters as the list's address carries them.
#[server(prefix = "/api", endpoint = "admin/cycle/registrations")]
pub async fn get_registrations(
    year: CycleYear,
    query: crate::model::cycle::forms::RegistrationQuery,
) -> Result<RegistrationList, AppError> {
    use crate::model::cycle::forms::RegistrationFilter;

    super::respond(async |db| {
        crate::auth::staff()?;
        let filter = RegistrationFilter::parse(&query.filters())?;
        let page = PageNumber::parse(query.page.as_deref())?;
        let for_producer = query
            .for_producer
            .as_deref()
            .and_then(|id| id.parse().ok())
            .map(crate::model::ids::ProducerId);
        crate::store::registrations::list(&db.read, year, &filter, page, for_producer).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/registration")]
pub async fn get_registration(id: RegistrationId) -> Result<RegistrationRecord, AppError> {
    super::respond(async |db| {
        let staff = crate::auth::staff()?;
        crate::store::registrations::record(&db.read, staff, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/council")]
pub async fn get_council(id: CouncilId) -> Result<CouncilPage, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::councils::page(&db.read, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/cycle/awaiting")]
pub async fn awaiting_decisions(
    year: CycleYear,
) -> Result<(Cycle, Vec<AwaitingDecision>), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let cycle = crate::store::cycles::by_year(&mut *db.read.acquire().await?, year).await?;
        Ok((
            cycle,
            crate::store::certificates::awaiting(&db.read, year).await?,
        ))
    })
    .await
}

/// Certificates ending within 90 days (or ended in the last 90), and the one chosen to revoke.
#[server(prefix = "/api", endpoint = "admin/certificates")]
pub async fn expiring_certificates(chosen: Option<i64>) -> Result<Vec<ExpiringLine>, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::certificates::expiring(&db.read, 90, chosen).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "portal/ocop")]
pub async fn portal_ocop() -> Result<OwnOcop, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::registrations::own(&db.read, producer.producer_id()).await
    })
    .await
}

/// The producer's own registration, as a producer may know it: scores only once a decision made
/// them public, no member's sheet, no staff names.
#[server(prefix = "/api", endpoint = "portal/registration")]
pub async fn portal_registration(id: RegistrationId) -> Result<RegistrationRecord, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::registrations::own_record(&db.read, producer, id).await
    })
    .await
}
