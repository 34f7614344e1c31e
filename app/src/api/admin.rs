//! What the staff pages read. Every function checks the caller is staff (or admin).

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::page::Page;
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;
use crate::model::portal::{Choice, ProducerLine, ProducerRecord, ReviewDetail, ReviewLine};

#[server(prefix = "/api", endpoint = "admin/reviews")]
pub async fn review_queue(page: Option<String>) -> Result<Page<ReviewLine>, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::listings::queue(&super::pool()?, &viewer, page).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "admin/review")]
pub async fn get_review(id: i64) -> Result<ReviewDetail, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        crate::store::listings::review(&super::pool()?, &viewer, id).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "admin/producers")]
pub async fn producer_list(
    query: Option<String>,
    page: Option<String>,
) -> Result<Page<ProducerLine>, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::producer_records::list(
            &super::pool()?,
            &viewer,
            query.as_deref().unwrap_or(""),
            page,
        )
        .await
    }
    .await
    .map_err(AppError::into_response_status)
}

/// A producer's whole record with its accounts, for staff.
#[server(prefix = "/api", endpoint = "admin/producer")]
pub async fn get_producer_record(
    id: i64,
) -> Result<(ProducerRecord, Vec<crate::model::portal::AccountLine>), AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        viewer.require_staff()?;
        let pool = super::pool()?;
        let record = crate::store::producer_records::record(&pool, &viewer, id).await?;
        let accounts = crate::store::accounts::of_producer(&pool, id).await?;
        Ok((record, accounts))
    }
    .await
    .map_err(AppError::into_response_status)
}

/// The communes a new producer can be placed in.
#[server(prefix = "/api", endpoint = "admin/communes")]
pub async fn commune_choices() -> Result<Vec<Choice>, AppError> {
    async {
        crate::auth::require_viewer()?.require_staff()?;
        crate::store::producer_records::commune_choices(&super::pool()?, None).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "admin/staff")]
pub async fn staff_accounts() -> Result<Vec<crate::model::portal::AccountLine>, AppError> {
    async {
        crate::auth::require_viewer()?.require_admin()?;
        crate::store::accounts::staff(&super::pool()?).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "admin/audit")]
pub async fn audit_log(
    page: Option<String>,
) -> Result<Page<crate::model::portal::LogLine>, AppError> {
    async {
        crate::auth::require_viewer()?.require_staff()?;
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::audit::list(&super::pool()?, page).await
    }
    .await
    .map_err(AppError::into_response_status)
}
