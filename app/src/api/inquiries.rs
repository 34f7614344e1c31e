use leptos::prelude::*;

use crate::error::AppError;

/// A consumer's inquiry to a producer, about one of its products (`target` = "product") or
/// the producer itself ("producer"). Public, so guarded by a honeypot field (`website`,
/// hidden from people) and a per-address rate limit. Posted without JavaScript, it answers
/// with a redirect back to the page, carrying the outcome in the address.
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
    use crate::model::inquiry::InquiryInput;
    use crate::site::{client_key, use_site};
    use crate::store::inquiries::{create, Target};

    let page = match target.as_str() {
        "product" => format!("/products/{slug}"),
        "producer" => format!("/producers/{slug}"),
        _ => return Err(AppError::NotFound.into_response_status()),
    };
    let mut problems = Vec::new();
    let outcome = super::respond(async |db| {
        // A filled honeypot is a robot: it is told all went well and nothing is kept.
        if website
            .as_deref()
            .is_some_and(|value| !value.trim().is_empty())
        {
            return Ok(());
        }
        let input = InquiryInput {
            name,
            phone: phone.unwrap_or_default(),
            email: email.unwrap_or_default(),
            message,
        };
        problems = input.problems();
        let inquiry = input.validate()?;
        let target = if target == "product" {
            Target::Product(&slug)
        } else {
            Target::Producer(&slug)
        };
        create(
            &db.write,
            target,
            &inquiry,
            &client_key(),
            use_site().mail_enabled,
        )
        .await
        .map(|_| ())
    })
    .await;
    // After the status: a plain form post is answered with a redirect whatever happened.
    redirect_plain_form_post(&page, &outcome, &problems);
    outcome
}

/// A form posted without JavaScript asks for HTML: send it back to the page, to the contact
/// section, with what happened in the address so the page can say it.
#[cfg(feature = "ssr")]
fn redirect_plain_form_post(
    page: &str,
    outcome: &Result<(), AppError>,
    problems: &[crate::model::inquiry::Problem],
) {
    use axum::http::{header, HeaderValue, StatusCode};

    let Some(parts) = use_context::<axum::http::request::Parts>() else {
        return;
    };
    let wants_html = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if !wants_html {
        return;
    }
    let status = match outcome {
        Ok(()) => "gui=ok".to_owned(),
        Err(AppError::Invalid(_)) => {
            format!(
                "gui=loi&van-de={}",
                problems
                    .iter()
                    .map(|p| p.code())
                    .collect::<Vec<_>>()
                    .join(",")
            )
        }
        Err(AppError::RateLimited) => "gui=qua-nhieu".to_owned(),
        Err(AppError::Busy) => "gui=ban".to_owned(),
        Err(_) => "gui=that-bai".to_owned(),
    };
    if let Ok(location) = HeaderValue::from_str(&format!("{page}?{status}#lien-he")) {
        response.insert_header(header::LOCATION, location);
        response.set_status(StatusCode::SEE_OTHER);
    }
}
