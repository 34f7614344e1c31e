//! What a commune officer's pages read (each starting with the officer guard; the store finds
//! only its communes' records).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::model::cycle::pages::{CommuneDesk, RegistrationRecord};
use crate::model::ids::RegistrationId;

/// The desk's address: a page of registrations, a page of producers, the producer chosen to
/// register a product for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskQuery {
    pub registrations: Option<String>,
    pub producers: Option<String>,
    pub for_producer: Option<String>,
}

#[server(prefix = "/api", endpoint = "commune/desk")]
pub async fn officer_desk(query: DeskQuery) -> Result<CommuneDesk, AppError> {
    use crate::model::page::PageNumber;

    super::respond(async |db| {
        let officer = crate::auth::officer()?;
        let registrations = PageNumber::parse(query.registrations.as_deref())?;
        let producers = PageNumber::parse(query.producers.as_deref())?;
        let for_producer = match query.for_producer.as_deref() {
            None | Some("") => None,
            Some(id) => Some(crate::model::ids::ProducerId(
                id.parse().map_err(|_| AppError::NotFound)?,
            )),
        };
        crate::store::communes::desk(&db.read, officer, registrations, producers, for_producer)
            .await
    })
    .await
}

/// A registration of the officer's communes, as staff see it (another commune's is not found).
#[server(prefix = "/api", endpoint = "commune/registration")]
pub async fn commune_registration(id: RegistrationId) -> Result<RegistrationRecord, AppError> {
    super::respond(async |db| {
        let officer = crate::auth::officer()?;
        crate::store::registrations::commune_record(&db.read, officer, id).await
    })
    .await
}
