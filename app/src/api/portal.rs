//! What the producer portal's pages read. Every function starts with the producer's guard and
//! reads only that producer's data.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::ids::{EventId, ProductId};
use crate::model::page::Page;
#[cfg(feature = "ssr")]
use crate::model::page::PageNumber;
use crate::model::portal::{
    Dashboard, EditableListing, Inbox, InquiryDetail, OwnProductLine, ProducerRecord,
};

#[server(prefix = "/api", endpoint = "portal/dashboard")]
pub async fn portal_dashboard() -> Result<Dashboard, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::portal::dashboard(&db.read, producer.producer_id()).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "portal/products")]
pub async fn own_products(page: Option<String>) -> Result<Page<OwnProductLine>, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::listings::own_products(&db.read, producer.producer_id(), page).await
    })
    .await
}

/// A listing to edit (`None`: a new one).
#[server(prefix = "/api", endpoint = "portal/listing")]
pub async fn get_editable_listing(
    product_id: Option<ProductId>,
) -> Result<EditableListing, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::listings::editable(&db.read, producer.producer_id(), product_id).await
    })
    .await
}

/// The stamp of one of the producer's products, to print on a sheet; none when its
/// certificate does not hold today.
#[server(prefix = "/api", endpoint = "portal/stamps")]
pub async fn stamp_sheet(
    product_id: ProductId,
) -> Result<crate::model::stamps::StampSheet, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::stamps::sheet(&db.read, producer.producer_id(), product_id).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "portal/profile")]
pub async fn own_profile() -> Result<ProducerRecord, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::producer_records::record(&db.read, producer.producer_id()).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "portal/inbox")]
pub async fn inquiry_inbox(
    status: Option<String>,
    page: Option<String>,
) -> Result<Inbox, AppError> {
    use crate::model::inquiry::InquiryStatus;

    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        let status = match status.as_deref().filter(|s| !s.is_empty()) {
            None => None,
            Some(text) => Some(InquiryStatus::from_db(text).ok_or_else(|| {
                AppError::invalid("status", "Trạng thái không hợp lệ.", "Not a valid status.")
            })?),
        };
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::inquiries::inbox(&db.read, producer.producer_id(), status, page).await
    })
    .await
}

#[server(prefix = "/api", endpoint = "portal/inquiry")]
pub async fn open_inquiry(id: i64) -> Result<InquiryDetail, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::inquiries::open(&db.read, producer.producer_id(), id).await
    })
    .await
}

/// Marks an inquiry read: sent by the inquiry page once it is shown in a browser.
#[server(prefix = "/api", endpoint = "portal/inquiry/read")]
pub async fn mark_inquiry_read(id: i64) -> Result<(), AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::inquiries::mark_read(&db.write, producer, id).await
    })
    .await
}

/// The events the producer may take part in, and those it does.
#[server(prefix = "/api", endpoint = "portal/events")]
pub async fn portal_events() -> Result<Vec<crate::model::participation::PortalEvent>, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::applications::events(
            &db.read,
            producer.producer_id(),
            crate::store::applications::Which::All,
        )
        .await
    })
    .await
}

/// One event as the producer opens it, with its own application or training place.
#[server(prefix = "/api", endpoint = "portal/event")]
pub async fn portal_event(
    id: EventId,
) -> Result<crate::model::participation::PortalEventDetail, AppError> {
    super::respond(async |db| {
        let producer = crate::auth::producer()?;
        crate::store::applications::event(&db.read, producer.producer_id(), id).await
    })
    .await
}
