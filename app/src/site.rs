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
    /// How many reverse proxies stand in front of the server, each appending the address it
    /// was reached from to X-Forwarded-For (0: none, the connection's address is the client's).
    pub proxies: u8,
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
            proxies: 0,
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

/// The Content-Security-Policy of every response: scripts only from this site, and inline ones
/// only those named (by their SHA-256, the same for every page and every visitor); WASM may be
/// compiled; no framing. Inline style attributes are allowed (the SVG charts use them).
#[cfg(feature = "ssr")]
pub fn content_security_policy(inline_scripts: &[&str]) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};

    let hashes: String = inline_scripts
        .iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self'{hashes} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
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
        |parts| client_key_of(&parts, use_site().proxies),
    )
}

/// The client key of a request's head. Behind `proxies` proxies, the client is the address
/// the outermost trusted proxy appended to X-Forwarded-For: counted from the right, because
/// everything left of it came from the client and can say anything. Without proxies (or when
/// the header is shorter than the proxies claimed), the connection's address.
#[cfg(feature = "ssr")]
pub fn client_key_of(parts: &axum::http::request::Parts, proxies: u8) -> String {
    let forwarded = (proxies > 0)
        .then(|| {
            // Several X-Forwarded-For lines are one list, in order.
            let listed: Vec<&str> = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .map(str::trim)
                .collect();
            listed
                .len()
                .checked_sub(usize::from(proxies))
                .and_then(|index| listed.get(index))
                .and_then(|address| address.parse::<std::net::IpAddr>().ok())
        })
        .flatten();
    let address = forwarded.or_else(|| {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
    });
    client_key_of_address(&address.map_or_else(|| "unknown".to_owned(), network_of))
}

/// The network an address stands for: an IPv4 address itself, but an IPv6 address by its
/// /64, which one household or server is given whole and can draw new addresses from at will.
#[cfg(feature = "ssr")]
fn network_of(address: std::net::IpAddr) -> String {
    use std::net::IpAddr;
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let [a, b, c, d, ..] = v6.segments();
                format!("{}/64", std::net::Ipv6Addr::new(a, b, c, d, 0, 0, 0, 0))
            }
        },
    }
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

    #[cfg(feature = "ssr")]
    fn key(forwarded: &[&str], connection: &str, proxies: u8) -> String {
        let mut request = axum::http::Request::builder();
        for line in forwarded {
            request = request.header("x-forwarded-for", *line);
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        parts.extensions.insert(axum::extract::ConnectInfo(
            connection.parse::<std::net::SocketAddr>().unwrap(),
        ));
        super::client_key_of(&parts, proxies)
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn behind_a_proxy_the_client_is_what_the_proxy_appended_whatever_the_client_wrote() {
        let honest = key(&["203.0.113.7"], "127.0.0.1:5000", 1);
        assert_eq!(key(&["1.2.3.4, 203.0.113.7"], "127.0.0.1:5000", 1), honest);
        assert_eq!(
            key(&["9.9.9.9", "203.0.113.7"], "127.0.0.1:5000", 1),
            honest
        );
        assert_ne!(key(&["203.0.113.8"], "127.0.0.1:5000", 1), honest);
        // Two proxies (a CDN, then nginx): the client is second from the right.
        assert_eq!(
            key(&["6.6.6.6, 203.0.113.7, 198.51.100.1"], "127.0.0.1:5000", 2),
            honest
        );
        // Without a proxy the header is the client's own words: the connection counts.
        assert_eq!(
            key(&["203.0.113.7"], "203.0.113.9:5000", 0),
            key(&[], "203.0.113.9:1", 0)
        );
        assert_eq!(
            key(&["not an address"], "127.0.0.1:5000", 1),
            key(&[], "127.0.0.1:9", 0)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn an_ipv6_client_counts_by_its_64_network() {
        assert_eq!(
            key(&["2001:db8:1:2::1"], "[::1]:5000", 1),
            key(&["2001:db8:1:2:ffff:1234:5678:9abc"], "[::1]:5000", 1)
        );
        assert_ne!(
            key(&["2001:db8:1:2::1"], "[::1]:5000", 1),
            key(&["2001:db8:1:3::1"], "[::1]:5000", 1)
        );
        assert_eq!(
            key(&["::ffff:203.0.113.7"], "[::1]:5000", 1),
            key(&["203.0.113.7"], "[::1]:5000", 1)
        );
    }

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
