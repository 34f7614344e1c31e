//! The contact form of product and producer pages, posted without JavaScript to the page's
//! own address (with it, the island sends it through `api::inquiries::send_inquiry`). Sent,
//! it goes back to the page's contact section, which says so; refused, the page comes back
//! with what was typed and each message next to its field, like every other form.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;

use app::error::{AppError, FieldError};
use app::model::form::FormEcho;
use app::model::inquiry::{from_robot, About, InquiryInput};
use app::model::notice::Notice;
use app::site::client_key_of;
use app::store::inquiries;

use crate::forms::{answer, read_form, render_again, without_secrets};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            About::Product.route(),
            post(async |state, slug, request| send(About::Product, state, slug, request).await),
        )
        .route(
            About::Producer.route(),
            post(async |state, slug, request| send(About::Producer, state, slug, request).await),
        )
}

/// Sends the inquiry about the page's product or producer; a robot (the honeypot filled) is
/// shown the same page as a person whose message went.
async fn send(
    about: About,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let submission = read_form!(request);
    let page = about.page(&slug);
    let field = |name: &str| submission.fields.get(name).cloned();
    let outcome = async {
        if from_robot(field("website").as_deref()) {
            return Ok(());
        }
        let inquiry = InquiryInput::from_fields(field).validate()?;
        let client = client_key_of(&submission.parts, state.site.proxies);
        inquiries::create(
            &state.writer,
            about,
            &slug,
            &inquiry,
            &client,
            state.site.mail_enabled,
        )
        .await
        .map(|_| ())
    }
    .await;
    match outcome {
        // Too many from this address: said next to the message, which is kept for later.
        Err(AppError::RateLimited) => {
            let refused = FieldError::new(
                "message",
                &AppError::RateLimited.message(app::i18n::Lang::Vi),
                &AppError::RateLimited.message(app::i18n::Lang::En),
            );
            let submission = submission.shown_at(&page);
            let echo = FormEcho::refused(
                without_secrets(submission.fields),
                &AppError::Invalid(vec![refused]),
            );
            render_again(
                &state,
                submission.parts,
                echo,
                StatusCode::TOO_MANY_REQUESTS,
            )
            .await
        }
        outcome => {
            let to = format!("{}#contact", Notice::Sent.on(&page));
            answer(&state, submission.shown_at(&page), outcome.map(|()| to)).await
        }
    }
}
