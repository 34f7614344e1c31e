//! Two languages: Vietnamese first, English second. Every string a page shows is written in
//! both at the place it is used, `t(lang, "Tiếng Việt", "English")`, so none can be missing.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// The cookie that keeps a visitor's choice of language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Self::Vi),
            "en" => Some(Self::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Self::Vi => Self::En,
            Self::En => Self::Vi,
        }
    }

    /// The language of a request: the cookie if the visitor chose one, else the first
    /// language of Accept-Language that we speak (by quality), else Vietnamese. (The server
    /// puts the office's default language in Accept-Language for a request that names none
    /// of ours: `server::state::default_language`.)
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Self {
        Self::asked(cookie_header, accept_language).unwrap_or_default()
    }

    /// The language a request asks for, by its cookie or Accept-Language; None for neither.
    pub fn asked(cookie_header: Option<&str>, accept_language: Option<&str>) -> Option<Self> {
        let from_cookie = cookie_header
            .and_then(|header| crate::site::cookie(header, LANG_COOKIE))
            .and_then(Self::from_code);
        from_cookie.or_else(|| accept_language.and_then(Self::from_accept_language))
    }

    /// The language of a request from its headers (see [`Lang::negotiate`]).
    #[cfg(feature = "ssr")]
    pub fn of_headers(headers: &axum::http::HeaderMap) -> Self {
        let header = |name| {
            headers
                .get(name)
                .and_then(|value: &axum::http::HeaderValue| value.to_str().ok())
        };
        Self::negotiate(
            header(axum::http::header::COOKIE),
            header(axum::http::header::ACCEPT_LANGUAGE),
        )
    }

    fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, Self)> = header
            .split(',')
            .filter_map(|item| {
                let mut parts = item.split(';');
                let tag = parts.next()?.trim();
                let quality = parts
                    .find_map(|p| {
                        p.trim()
                            .strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                    })
                    .unwrap_or(1.0);
                let primary = tag.split('-').next()?;
                Some((quality, Self::from_code(primary)?))
            })
            .filter(|(quality, _)| *quality > 0.0)
            .collect();
        // Stable sort keeps the header's order among equal qualities.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, lang)| *lang)
    }
}

/// Picks the string of the language.
pub fn t(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The language of the page being rendered: negotiated from the request on the server.
/// Islands get it as a prop instead, since the browser has no request to read.
pub fn request_lang() -> Lang {
    #[cfg(feature = "ssr")]
    if let Some(parts) = leptos::prelude::use_context::<axum::http::request::Parts>() {
        return Lang::of_headers(&parts.headers);
    }
    Lang::default()
}

/// The language provided by the app shell for this page.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chosen_language_wins_over_the_browser() {
        assert_eq!(Lang::negotiate(Some("a=1; lang=en"), Some("vi")), Lang::En);
        assert_eq!(Lang::negotiate(Some("lang=vi"), Some("en-US")), Lang::Vi);
    }

    #[test]
    fn the_browser_language_is_used_on_a_first_visit() {
        assert_eq!(Lang::negotiate(None, Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(
            Lang::negotiate(None, Some("fr-FR, en;q=0.5, vi;q=0.8")),
            Lang::Vi
        );
        assert_eq!(Lang::negotiate(None, Some("fr, de")), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("lang=xx"), None), Lang::Vi);
        assert_eq!(Lang::negotiate(None, Some("en;q=0")), Lang::Vi);
    }
}
