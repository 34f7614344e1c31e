use leptos::prelude::*;

use crate::error::AppError;

/// A consumer's inquiry to a producer, about one of its products (`target` = "product") or
/// the producer itself ("producer"), sent by the contact form's island. Public, so guarded by
/// a honeypot field (`website`, hidden from people) and a per-address rate limit. Without
/// JavaScript the form posts to the page's own address instead (`server/src/contact.rs`).
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "inquiry")]
pub async fn send_inquiry(
    target: String,
    slug: String,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    message: String,
    website: Option<String>,
) -> Result<(), AppError> {
    use crate::model::inquiry::{from_robot, About, InquiryInput};
    use crate::site::{client_key, use_site};
    use crate::store::inquiries::create;

    let Some(about) = About::from_code(&target) else {
        return Err(AppError::NotFound.into_response_status());
    };
    super::respond(async |db| {
        if from_robot(website.as_deref()) {
            return Ok(());
        }
        let input = InquiryInput {
            name,
            phone: phone.unwrap_or_default(),
            email: email.unwrap_or_default(),
            message,
        };
        let inquiry = input.validate()?;
        create(
            &db.write,
            about,
            &slug,
            &inquiry,
            &client_key(),
            use_site().mail_enabled,
        )
        .await
        .map(|_| ())
    })
    .await
}
