//! Configuration from environment variables, with defaults that run the demo locally.

use std::path::PathBuf;

use app::site::PublicUrl;
use leptos::prelude::LeptosOptions;

pub struct Config {
    pub leptos: LeptosOptions,
    /// Where the database and uploaded files live (`OCOP_DATA_DIR`, default `data`).
    pub data_dir: PathBuf,
    /// The address visitors use (`OCOP_PUBLIC_URL`, default `http://` + the listening address):
    /// printed in QR codes, feeds, sitemaps and share tags.
    pub public_url: PublicUrl,
    /// Load the demo data into an empty database (`OCOP_DEMO_DATA`, default on; `0` turns it off).
    pub demo_data: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("Leptos configuration: {0}")]
    Leptos(String),
    #[error("OCOP_DEMO_DATA must be 0 or 1, not {0:?}")]
    DemoData(String),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let mut leptos = leptos::prelude::get_configuration(None)
            .map_err(|error| ConfigError::Leptos(error.to_string()))?
            .leptos_options;
        // The site is built into `site/` (see Cargo.toml's leptos metadata) unless told otherwise.
        if std::env::var_os("LEPTOS_SITE_ROOT").is_none() {
            leptos.site_root = "site".into();
        }
        let data_dir =
            std::env::var_os("OCOP_DATA_DIR").map_or_else(|| PathBuf::from("data"), PathBuf::from);
        let demo_data = match std::env::var("OCOP_DEMO_DATA").as_deref() {
            Err(_) | Ok("1") => true,
            Ok("0") => false,
            Ok(other) => return Err(ConfigError::DemoData(other.to_owned())),
        };
        let public_url = match std::env::var("OCOP_PUBLIC_URL") {
            Ok(url) if !url.trim().is_empty() => PublicUrl::new(url.trim()),
            _ => PublicUrl::new(&format!("http://{}", leptos.site_addr)),
        };
        Ok(Self {
            leptos,
            data_dir,
            public_url,
            demo_data,
        })
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("ocop.db")
    }
}
