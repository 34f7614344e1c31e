/// Answers a page that moved with a permanent redirect to its new address, so links printed
/// on labels and QR codes keep working after a rename.
pub fn redirect_permanently(to: &str) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::MOVED_PERMANENTLY);
        if let Ok(location) = axum::http::HeaderValue::from_str(to) {
            response.insert_header(axum::http::header::LOCATION, location);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = to;
}
