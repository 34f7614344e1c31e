use leptos::prelude::*;

use crate::error::AppError;
use crate::model::detail::Found;
use crate::model::producers::{ProducerList, ProducerProfile};

/// Producers for the parameters of the list's address. Public.
#[server(prefix = "/api", endpoint = "producers", input = server_fn::codec::GetUrl)]
pub async fn list_producers(
    q: Option<String>,
    kind: Option<String>,
    unit: Option<String>,
    page: Option<String>,
) -> Result<ProducerList, AppError> {
    use crate::model::producers::ProducerQuery;

    super::respond(async |db| {
        let query = ProducerQuery::parse(|key| {
            match key {
                "q" => &q,
                "kind" => &kind,
                "locality" => &unit,
                "page" => &page,
                _ => return None,
            }
            .as_deref()
        })?;
        crate::store::producers::list(&db.read, &query).await
    })
    .await
}

/// An active producer's public profile with its published products. Public.
#[server(prefix = "/api", endpoint = "producer", input = server_fn::codec::GetUrl)]
pub async fn get_producer_profile(
    slug: String,
    page: Option<String>,
) -> Result<Found<ProducerProfile>, AppError> {
    use crate::model::page::PageNumber;

    super::respond(async |db| {
        let page = PageNumber::parse(page.as_deref())?;
        crate::store::producers::profile(&db.read, &slug, page).await
    })
    .await
}
