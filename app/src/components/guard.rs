//! Pages behind sign-in: what they show when the caller is not signed in (a redirect to the
//! sign-in page, coming back afterwards), not allowed, or asks for what is not theirs.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::not_found::NotFound;

pub fn guarded<T>(
    result: Result<T, AppError>,
    lang: Lang,
    here: impl FnOnce(T) -> AnyView,
) -> AnyView {
    kept_private();
    match result {
        Ok(content) => here(content),
        Err(AppError::Unauthorized) => {
            redirect_to_sign_in();
            ().into_any()
        }
        Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
        Err(error) => {
            let error = error.into_response_status();
            view! { <p class="error" role="alert">{error.message(lang)}</p> }.into_any()
        }
    }
}

fn redirect_to_sign_in() {
    #[cfg(feature = "ssr")]
    if let (Some(response), Some(parts)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        use_context::<axum::http::request::Parts>(),
    ) {
        let back = parts.uri.path_and_query().map_or("/", |p| p.as_str());
        let to = format!("/login?next={}", crate::model::catalogue::encode(back));
        response.set_status(axum::http::StatusCode::SEE_OTHER);
        if let Ok(location) = axum::http::HeaderValue::from_str(&to) {
            response.insert_header(axum::http::header::LOCATION, location);
        }
    }
}

/// A page for one person: no cache may keep it.
pub fn kept_private() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::header::CACHE_CONTROL,
            axum::http::HeaderValue::from_static("private, no-store"),
        );
    }
}
