//! Facts about the deployment that pages and server functions need, provided by the server
//! for every request.

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

/// The names of the built static files, content-addressed by the build (`site/pkg/assets.txt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assets {
    /// The base name of the hydrating JS and WASM.
    pub app: String,
    pub css: String,
    pub navigation: String,
}

impl Default for Assets {
    /// The plain names, for a site built without hashing (and for tests without a site).
    fn default() -> Self {
        Self {
            app: "ocop-market".into(),
            css: "ocop-market.css".into(),
            navigation: "navigation.js".into(),
        }
    }
}

impl Assets {
    /// Reads `key=value` lines; keys it does not know are ignored, missing ones keep defaults.
    pub fn parse(manifest: &str) -> Self {
        let mut assets = Self::default();
        for (key, value) in manifest.lines().filter_map(|line| line.split_once('=')) {
            let value = value.trim().to_owned();
            match key.trim() {
                "app" => assets.app = value,
                "css" => assets.css = value,
                "navigation" => assets.navigation = value,
                _ => {}
            }
        }
        assets
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub assets: Assets,
    pub public_url: PublicUrl,
    /// SMTP is configured: inquiries also queue an email to the producer in the outbox.
    /// Without it they simply wait in the producer's inbox.
    pub mail_enabled: bool,
    /// The server runs behind a proxy that sets X-Forwarded-For: the client address is the
    /// first one listed there rather than the connection's.
    pub behind_proxy: bool,
}

impl Site {
    /// Served over HTTPS (by its public address): cookies are marked Secure and browsers
    /// are told to keep to HTTPS.
    pub fn https(&self) -> bool {
        self.public_url.0.starts_with("https://")
    }
}

impl Default for Site {
    fn default() -> Self {
        Self {
            assets: Assets::default(),
            public_url: PublicUrl(String::new()),
            mail_enabled: false,
            behind_proxy: false,
        }
    }
}

/// The value of the cookie `name` in a Cookie header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// The Content-Security-Policy of a response: scripts only from this site, and inline ones
/// only with the page's nonce; WASM may be compiled; no framing. Inline style attributes are
/// allowed (the SVG charts use them).
pub fn content_security_policy(script_nonce: Option<&str>) -> String {
    let nonce = script_nonce
        .map(|nonce| format!(" 'nonce-{nonce}'"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

pub fn use_site() -> Site {
    leptos::prelude::use_context::<Site>().unwrap_or_default()
}

/// The public address provided for this request (empty outside a server).
pub fn use_public_url() -> PublicUrl {
    use_site().public_url
}

/// A key for the sender of this request, for rate limits: a hash of its address, so that
/// addresses themselves are not stored.
#[cfg(feature = "ssr")]
pub fn client_key() -> String {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>();
    parts.map_or_else(
        || client_key_of_address("unknown"),
        |parts| client_key_of(&parts, use_site().behind_proxy),
    )
}

/// The client key of a request's head: behind a proxy, the first X-Forwarded-For address;
/// otherwise the connection's.
#[cfg(feature = "ssr")]
pub fn client_key_of(parts: &axum::http::request::Parts, behind_proxy: bool) -> String {
    let forwarded = behind_proxy
        .then(|| {
            let header = parts.headers.get("x-forwarded-for")?.to_str().ok()?;
            header
                .split(',')
                .next()
                .map(|first| first.trim().to_owned())
        })
        .flatten();
    let address = forwarded
        .or_else(|| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    client_key_of_address(&address)
}

#[cfg(feature = "ssr")]
fn client_key_of_address(address: &str) -> String {
    use sha2::{Digest, Sha256};

    let digest = Sha256::digest(format!("ocop-market:{address}").as_bytes());
    digest
        .iter()
        .take(16)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Assets;

    #[test]
    fn the_manifest_names_the_hashed_files() {
        let assets = Assets::parse(
            "app=ocop-market.0123abcd\ncss=ocop-market.99.css\nnavigation=navigation.42.js\n",
        );
        assert_eq!(assets.app, "ocop-market.0123abcd");
        assert_eq!(assets.css, "ocop-market.99.css");
        assert_eq!(assets.navigation, "navigation.42.js");
        assert_eq!(Assets::parse(""), Assets::default());
    }
}
