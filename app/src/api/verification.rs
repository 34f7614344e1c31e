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
