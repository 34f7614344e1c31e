//! Pages found by their slug: what they show when found, moved, missing or failing.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::detail::Found;
use crate::pages::not_found::NotFound;

/// The page's own view when found; a permanent redirect when it moved (links printed on
/// labels and QR codes keep working after a rename); the 404 page when there is nothing;
/// the error's message otherwise.
pub fn found_view<T>(
    result: Result<Found<T>, AppError>,
    lang: Lang,
    here: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match result {
        Ok(Found::Here(content)) => here(content),
        Ok(Found::MovedTo(to)) => {
            redirect_permanently(&to);
            ().into_any()
        }
        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
        Err(error) => view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any(),
    }
}

fn redirect_permanently(to: &str) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::MOVED_PERMANENTLY);
        if let Ok(location) = axum::http::HeaderValue::from_str(to) {
            response.insert_header(axum::http::header::LOCATION, location);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = to;
}
