//! The signed-in account's own page, and set-password links.

use leptos::prelude::*;

use crate::error::AppError;
use crate::model::account::Viewer;

/// Who is signed in; 401 when no one is.
#[server(prefix = "/api", endpoint = "me")]
pub async fn current_account() -> Result<Viewer, AppError> {
    super::respond(async |_| crate::auth::signed_in()).await
}

/// The email a set-password link is for; 404 when the link is unknown, used or expired.
#[server(prefix = "/api", endpoint = "password-link")]
pub async fn password_link_email(secret: String) -> Result<String, AppError> {
    super::respond(async |db| {
        crate::store::accounts::password_link_email(&db.read, &secret)
            .await?
            .ok_or(AppError::NotFound)
    })
    .await
}
