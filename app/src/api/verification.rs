//! The verification of a certificate by its number. Public: a scan of a package's QR code
//! answers anyone.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::verification::Verification;

/// The certificate of this number as its verification page shows it, in whatever state it is;
/// not found when no published product holds it.
#[server(prefix = "/api", endpoint = "verify", input = server_fn::codec::GetUrl)]
pub async fn verify_certificate(number: String) -> Result<Verification, AppError> {
    super::respond(async |db| {
        // Numbers are short; a longer one is no number at all, and costs no query.
        if number.is_empty() || number.len() > 64 {
            return Err(AppError::NotFound);
        }
        crate::store::verification::by_number(&db.read, &number).await
    })
    .await
}

/// The certificate of the product with this GTIN, as a GS1 Digital Link (`/01/{gtin}`)
/// resolves it: the one the product holds now, or its latest. A GTIN whose check digit is
/// wrong is refused with what it should be; one no published product has is not found.
#[server(prefix = "/api", endpoint = "verify/gtin", input = server_fn::codec::GetUrl)]
pub async fn verify_gtin(gtin: String) -> Result<Verification, AppError> {
    use crate::model::gtin::Gtin;

    super::respond(async |db| {
        let gtin =
            Gtin::parse(&gtin).map_err(|wrong| AppError::Invalid(vec![wrong.problem("gtin")]))?;
        crate::store::verification::by_gtin(&db.read, &gtin).await
    })
    .await
}

/// How many ended certificates a page of their list shows.
pub const ENDED_PER_PAGE: u32 = 50;

/// A page of the certificates that no longer hold: revoked, past their end, or both
/// (`state`), of one star or all. Public: revocations are decisions the office publishes.
#[server(prefix = "/api", endpoint = "certificates/ended", input = server_fn::codec::GetUrl)]
pub async fn ended_certificates(
    state: Option<String>,
    star: Option<u8>,
    page: Option<String>,
) -> Result<crate::model::page::Page<crate::model::verification::EndedCertificate>, AppError> {
    use crate::model::page::PageNumber;
    use crate::model::stars::Stars;
    use crate::model::verification::EndedKind;

    super::respond(async |db| {
        let stars = match star {
            None => None,
            Some(value) => Some(Stars::certified(value).ok_or_else(Stars::invalid)?),
        };
        let page = PageNumber::parse(page.as_deref())?;
        let kind = EndedKind::parse(state.as_deref());
        crate::store::verification::ended(&db.read, kind, stars, page, ENDED_PER_PAGE).await
    })
    .await
}
