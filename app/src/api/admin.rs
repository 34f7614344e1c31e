//! What the staff pages read. Every function starts with the staff (or admin) guard.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::form::Choice;
use crate::model::ids::ProducerId;
use crate::model::page::Page;
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;
use crate::model::portal::{AccountLine, ProducerLine, ProducerRecord, ReviewDetail, ReviewLine};

#[server(prefix = "/api", endpoint = "admin/reviews")]
pub async fn review_queue(page: Option<String>) -> Result<Page<ReviewLine>, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::reviews::queue(&db.read, PageNumber::parse(page.as_deref())?).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/review")]
pub async fn get_review(id: i64) -> Result<ReviewDetail, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::reviews::review(&db.read, id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/producers")]
pub async fn producer_list(
    query: Option<String>,
    page: Option<String>,
) -> Result<Page<ProducerLine>, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let page = PageNumber::parse(page.as_deref())?;
        let query = query.as_deref().unwrap_or("");
        crate::store::producer_records::list(&db.read, query, page).await
    })
    .await
}

/// A producer's whole record with its accounts, for staff.
#[server(prefix = "/api", endpoint = "admin/producer")]
pub async fn get_producer_record(
    id: ProducerId,
) -> Result<(ProducerRecord, Vec<AccountLine>), AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let record = crate::store::producer_records::record(&db.read, id).await?;
        let accounts = crate::store::accounts::of_producer(&db.read, id).await?;
        Ok((record, accounts))
    })
    .await
}

/// The communes a new producer can be placed in.
#[server(prefix = "/api", endpoint = "admin/communes")]
pub async fn commune_choices() -> Result<Vec<Choice>, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        crate::store::producer_records::commune_choices(&db.read, None).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "admin/staff")]
pub async fn staff_accounts() -> Result<crate::model::portal::StaffAccounts, AppError> {
    super::respond(async |db| {
        crate::auth::admin()?;
        Ok(crate::model::portal::StaffAccounts {
            accounts: crate::store::accounts::staff(&db.read).await?,
            communes: crate::store::communes::choices(&db.read).await?,
            scopes: crate::store::communes::of_officers(&db.read).await?,
        })
    })
    .await
}

/// The audit log, filtered as its address says.
#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn audit_log(
    query: crate::model::audit::AuditQuery,
) -> Result<crate::model::audit::AuditLog, AppError> {
    super::respond(async |db| {
        crate::auth::staff()?;
        let filter = query.parse()?;
        let page = PageNumber::parse(query.page.as_deref())?;
        crate::store::audit::list(&db.read, filter, page).await
    })
    .await
}
