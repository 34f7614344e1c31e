// One argument per parameter of the catalogue's address; the browser's copy of the function
// that the server macro writes takes them too, where an attribute on the function cannot reach.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::catalogue::Catalogue;

/// The catalogue for the parameters of its address. Public: anyone may browse.
/// Parameters arrive as the text of the address and are parsed here, so each bad one is
/// refused with its own message.
#[server(prefix = "/api", endpoint = "catalogue", input = server_fn::codec::GetUrl)]
pub async fn browse_catalogue(
    q: Option<String>,
    group: Option<String>,
    set: Option<String>,
    star: Option<String>,
    unit: Option<String>,
    kind: Option<String>,
    sold_in: Option<String>,
    sort: Option<String>,
    page: Option<String>,
) -> Result<Catalogue, AppError> {
    use crate::model::catalogue::CatalogueQuery;

    super::respond(async |db| {
        let query = CatalogueQuery::parse(|key| {
            match key {
                "q" => &q,
                "group" => &group,
                "set" => &set,
                "star" => &star,
                "locality" => &unit,
                "kind" => &kind,
                "sold_in" => &sold_in,
                "sort" => &sort,
                "page" => &page,
                _ => return None,
            }
            .as_deref()
        })?;
        crate::store::catalogue::search(&db.read, &db.catalogue, &query).await
    })
    .await
}
