//! Configuration from environment variables, with defaults that run the demo locally.

use std::ops::RangeInclusive;
use std::path::PathBuf;

use app::site::{Assets, PublicUrl, Site};
use app::store::sessions::Timeouts;
use app::store::Durability;
use leptos::prelude::LeptosOptions;

pub struct Config {
    pub leptos: LeptosOptions,
    /// Where the database and uploaded files live (`OCOP_DATA_DIR`, default `data`).
    pub data_dir: PathBuf,
    /// Load the demo data into an empty database (`OCOP_DEMO_DATA`, default on; `0` turns it off).
    pub demo_data: bool,
    pub site: Site,
    /// Outgoing mail (`OCOP_SMTP_URL`, e.g. `smtps://user:password@mail.example.vn:465`), off when unset.
    pub smtp_url: Option<String>,
    /// The sender of outgoing mail (`OCOP_MAIL_FROM`).
    pub mail_from: String,
    /// Sessions end after `OCOP_SESSION_IDLE_MINUTES` without a request (default 120) and
    /// `OCOP_SESSION_HOURS` after signing in (default 24).
    pub sessions: Timeouts,
    /// How commits reach the disk (`OCOP_SYNCHRONOUS`: `full`, the default, or `normal`).
    pub durability: Durability,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("{0} must be 0 or 1, not {1:?}")]
    Flag(&'static str, String),
    #[error("OCOP_SYNCHRONOUS must be full or normal, not {0:?}")]
    Durability(String),
    #[error("{0} must be a whole number from {1} to {2}, not {3:?}")]
    Number(&'static str, u32, u32, String),
}

fn number(
    name: &'static str,
    default: u32,
    range: RangeInclusive<u32>,
) -> Result<u32, ConfigError> {
    match non_empty(name) {
        None => Ok(default),
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or(ConfigError::Number(
                name,
                *range.start(),
                *range.end(),
                text,
            )),
    }
}

fn flag(name: &'static str, default: bool) -> Result<bool, ConfigError> {
    match std::env::var(name).as_deref() {
        Err(_) | Ok("") => Ok(default),
        Ok("1") => Ok(true),
        Ok("0") => Ok(false),
        Ok(other) => Err(ConfigError::Flag(name, other.to_owned())),
    }
}

fn non_empty(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// More proxies than this in front of one server is a mistake in the configuration.
const MAX_PROXIES: u32 = 5;

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut leptos = leptos::prelude::get_configuration(None)
            .map_err(|error| ConfigError::Leptos(error.to_string()))?
            .leptos_options;
        // The site is built into `site/` (see Cargo.toml's leptos metadata) unless told otherwise.
        if std::env::var_os("LEPTOS_SITE_ROOT").is_none() {
            leptos.site_root = "site".into();
        }
        let public_url = non_empty("OCOP_PUBLIC_URL")
            .map(|url| PublicUrl::new(&url))
            .unwrap_or_else(|| PublicUrl::new(&format!("http://{}", leptos.site_addr)));
        let smtp_url = non_empty("OCOP_SMTP_URL");
        // Content-addressed file names from the build; Leptos loads <output_name>.js/.wasm.
        let manifest = std::path::Path::new(leptos.site_root.as_ref())
            .join(leptos.site_pkg_dir.as_ref())
            .join("assets.txt");
        let assets = std::fs::read_to_string(manifest)
            .map(|text| Assets::parse(&text))
            .unwrap_or_default();
        leptos.output_name = assets.app.clone().into();
        Ok(Self {
            data_dir: std::env::var_os("OCOP_DATA_DIR")
                .map_or_else(|| PathBuf::from("data"), PathBuf::from),
            demo_data: flag("OCOP_DEMO_DATA", true)?,
            site: Site {
                assets,
                public_url,
                mail_enabled: smtp_url.is_some(),
                // Each proxy in front appends one address to X-Forwarded-For (`app::site`).
                proxies: number("OCOP_BEHIND_PROXY", 0, 0..=MAX_PROXIES)? as u8,
            },
            mail_from: non_empty("OCOP_MAIL_FROM")
                .unwrap_or_else(|| "OCOP Market <no-reply@localhost>".to_owned()),
            smtp_url,
            leptos,
            durability: match non_empty("OCOP_SYNCHRONOUS") {
                None => Durability::default(),
                Some(name) => Durability::from_name(&name).ok_or(ConfigError::Durability(name))?,
            },
            sessions: Timeouts {
                idle_minutes: number(
                    "OCOP_SESSION_IDLE_MINUTES",
                    Timeouts::default().idle_minutes,
                    1..=7 * 24 * 60,
                )?,
                lifetime_hours: number(
                    "OCOP_SESSION_HOURS",
                    Timeouts::default().lifetime_hours,
                    1..=24 * 90,
                )?,
            },
        })
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("ocop.db")
    }
}
