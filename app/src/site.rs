//! Facts about the deployment that pages need: where the site is published.

/// The public address of the site without a trailing slash, e.g. `https://ocop.example.vn`.
/// Printed on QR codes and used in feeds, sitemaps and share tags, so it must be the address
/// visitors use, not the one the server listens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(pub String);

impl PublicUrl {
    pub fn new(url: &str) -> Self {
        Self(url.trim_end_matches('/').to_owned())
    }

    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// The public address provided for this request (empty outside a server).
pub fn use_public_url() -> PublicUrl {
    leptos::prelude::use_context::<PublicUrl>().unwrap_or_else(|| PublicUrl(String::new()))
}
