//! Files anyone may download that are made from the whole database: the open data and the
//! sitemap. Each is made once for a content version and a day (certificates end with the
//! calendar), written under `cache/` in the data directory with its gzip and zstd copies, and
//! sent from there. Asking for one again and again costs a file read, not a pass over every
//! product: at 100,000 products the open-data CSV is tens of MB, too large for the page cache,
//! and was made anew for each request.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use app::error::AppError;
use app::store::content;
use sqlx::SqlitePool;

/// One kind of file: its name in the cache and how it is sent.
pub struct Download<'a> {
    /// The file's name without its extension, e.g. `products` or `sitemap-2`.
    pub name: &'a str,
    pub extension: &'static str,
    pub content_type: &'static str,
    /// The name a browser saves it under, for files offered as downloads.
    pub attachment: Option<&'static str>,
}

/// Where the files are kept (`cache/` in the data directory, beside `media/`), and one gate
/// per file being made: when many ask for a file that is not made yet, one makes it and the
/// others wait for it.
#[derive(Clone)]
pub struct Downloads {
    dir: PathBuf,
    making: Arc<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>>,
}

impl Downloads {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join("cache"),
            making: Arc::default(),
        }
    }

    fn gate(&self, path: &Path) -> Option<Arc<tokio::sync::Mutex<()>>> {
        let mut making = self.making.lock().ok()?;
        making.retain(|_, gate| Arc::strong_count(gate) > 1);
        Some(making.entry(path.to_owned()).or_default().clone())
    }

    /// Sends the file `download` names as of now, made by `make` if this version of it is not made
    /// yet. `make` answering `NotFound` is a 404; any other failure a 503.
    pub async fn send(
        &self,
        pool: &SqlitePool,
        request: Request,
        download: Download<'_>,
        make: impl AsyncFnOnce() -> Result<Vec<u8>, AppError>,
    ) -> Response {
        let Ok((version, day)) = content::version_and_today(pool).await else {
            return unavailable();
        };
        let current = format!("{}.{version}.{}.", download.name, day.iso());
        let path = self.dir.join(format!("{current}{}", download.extension));
        if !exists(&path).await {
            let Some(gate) = self.gate(&path) else {
                return unavailable();
            };
            let _making = gate.lock().await;
            // Whoever held the gate before may have just made it.
            if !exists(&path).await {
                let bytes = match make().await {
                    Ok(bytes) => bytes,
                    Err(AppError::NotFound) => return StatusCode::NOT_FOUND.into_response(),
                    Err(_) => return unavailable(),
                };
                if let Err(error) = write(&self.dir, &path, bytes).await {
                    tracing::error!(%error, path = %path.display(), "cannot keep a download");
                    return unavailable();
                }
                remove_older(&self.dir, download.name, &current).await;
            }
        }
        serve(request, &path, &download).await
    }
}

fn unavailable() -> Response {
    (StatusCode::SERVICE_UNAVAILABLE, "temporarily unavailable").into_response()
}

async fn exists(path: &Path) -> bool {
    tokio::fs::try_exists(path).await.unwrap_or(false)
}

/// Writes the compressed copies, then the file itself: once it is there, all three are.
async fn write(dir: &Path, path: &Path, bytes: Vec<u8>) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let (gzip, zstd) = tokio::task::spawn_blocking({
        let bytes = bytes.clone();
        move || -> std::io::Result<(Vec<u8>, Vec<u8>)> {
            use std::io::Write;
            let mut gzip =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gzip.write_all(&bytes)?;
            Ok((gzip.finish()?, zstd::bulk::compress(&bytes, 9)?))
        }
    })
    .await
    .map_err(std::io::Error::other)??;
    let with_suffix = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    for (target, contents) in [
        (with_suffix(".gz"), gzip),
        (with_suffix(".zst"), zstd),
        (path.to_owned(), bytes),
    ] {
        // Through a temporary name, so that a half-written file is never sent.
        let temporary = with_suffix(&format!(".{}.part", &app::auth::token::new_secret()[..12]));
        tokio::fs::write(&temporary, contents).await?;
        tokio::fs::rename(&temporary, &target).await?;
    }
    Ok(())
}

/// Deletes the versions of the file before `current` (a download under way keeps reading its
/// file: the system deletes it once it is closed).
async fn remove_older(dir: &Path, name: &str, current: &str) {
    let Ok(mut entries) = tokio::fs::read_dir(dir).await else {
        return;
    };
    let this_file = format!("{name}.");
    while let Ok(Some(entry)) = entries.next_entry().await {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        // The version and day follow the name: `sitemap-1.` is not a version of `sitemap-10.`.
        let older = file_name.starts_with(&this_file)
            && file_name[this_file.len()..].starts_with(|c: char| c.is_ascii_digit())
            && !file_name.starts_with(current);
        if older {
            if let Err(error) = tokio::fs::remove_file(entry.path()).await {
                tracing::warn!(%error, file = file_name, "cannot delete an old download");
            }
        }
    }
}

/// The file, or its gzip or zstd copy when the client takes one (tower-http's `ServeFile`, which
/// also answers ranges and conditional requests).
async fn serve(request: Request, path: &Path, download: &Download<'_>) -> Response {
    let Ok(response) = ServeFile::new(path)
        .precompressed_gzip()
        .precompressed_zstd()
        .oneshot(request)
        .await;
    let mut response = response.map(Body::new);
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(download.content_type),
    );
    if let Some(file_name) = download.attachment {
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}
