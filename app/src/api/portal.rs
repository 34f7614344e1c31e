//! What the producer portal's pages read. Every function takes the producer from the
//! session and reads only that producer's data.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::page::Page;
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;
use crate::model::portal::{
    Dashboard, EditableListing, Inbox, InquiryDetail, OwnProductLine, ProducerRecord,
};

#[server(prefix = "/api", endpoint = "portal/dashboard")]
pub async fn portal_dashboard() -> Result<Dashboard, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        crate::store::portal::dashboard(&super::pool()?, &viewer).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "portal/products")]
pub async fn own_products(page: Option<String>) -> Result<Page<OwnProductLine>, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        let producer_id = viewer.own_producer()?;
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::listings::own_products(&super::pool()?, producer_id, page).await
    }
    .await
    .map_err(AppError::into_response_status)
}

/// A listing to edit (`None`: a new one).
#[server(prefix = "/api", endpoint = "portal/listing")]
pub async fn get_editable_listing(product_id: Option<i64>) -> Result<EditableListing, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        let producer_id = viewer.own_producer()?;
        crate::store::listings::editable(&super::pool()?, producer_id, product_id).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "portal/profile")]
pub async fn own_profile() -> Result<ProducerRecord, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        let producer_id = viewer.own_producer()?;
        crate::store::producer_records::record(&super::pool()?, &viewer, producer_id).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "portal/inbox")]
pub async fn inquiry_inbox(
    status: Option<String>,
    page: Option<String>,
) -> Result<Inbox, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::portal::inbox(&super::pool()?, &viewer, status.as_deref(), page).await
    }
    .await
    .map_err(AppError::into_response_status)
}

#[server(prefix = "/api", endpoint = "portal/inquiry")]
pub async fn open_inquiry(id: i64) -> Result<InquiryDetail, AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        crate::store::portal::open_inquiry(&super::pool()?, &viewer, id).await
    }
    .await
    .map_err(AppError::into_response_status)
}

/// Marks an inquiry read: sent by the inquiry page once it is shown in a browser.
#[server(prefix = "/api", endpoint = "portal/inquiry/read")]
pub async fn mark_inquiry_read(id: i64) -> Result<(), AppError> {
    async {
        let viewer = crate::auth::require_viewer()?;
        crate::store::portal::mark_read(&super::writer()?, &viewer, id).await
    }
    .await
    .map_err(AppError::into_response_status)
}
