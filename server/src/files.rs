//! Files served as they are: the built site under `/pkg` and uploaded photos under `/media`,
//! both named by their content and so cached forever.

use axum::http::{header, HeaderValue};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::state::AppState;

/// The built files under /pkg are content-addressed (see scripts/build-site.sh): cached
/// forever, and sent precompressed when the browser takes brotli or gzip.
pub fn built(state: &AppState) -> Router {
    let dir = std::path::Path::new(state.leptos.site_root.as_ref())
        .join(state.leptos.site_pkg_dir.as_ref());
    Router::new().fallback_service(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .service(ServeDir::new(dir).precompressed_br().precompressed_gzip()),
    )
}

/// The site's icon, at the address browsers ask for. Served here rather than by Leptos's
/// file fallback, which runs in a reactive owner of its own parented to whatever owner the
/// thread holds: a page rendering at that moment lent it its response headers.
pub fn favicon(state: &AppState) -> Router {
    let file = std::path::Path::new(state.leptos.site_root.as_ref()).join("favicon.svg");
    Router::new().fallback_service(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            ))
            .service(ServeFile::new(file)),
    )
}

/// Uploaded images, content-addressed too: cached forever.
pub fn media(state: &AppState) -> Router {
    Router::new().fallback_service(
        ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .service(ServeDir::new(state.uploads.dir())),
    )
}
