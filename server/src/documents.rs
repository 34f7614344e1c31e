//! Files of OCOP dossiers: a PDF, JPEG or PNG, its type read from its first bytes (never from
//! its name or the browser's word), at most [`MAX_BYTES`], stored by its content's SHA-256
//! under `documents/` in the data directory. They are never served as static files: each
//! download goes through the check that the caller is staff or the registration's producer.
//! Each account may send so many an hour, and each registration so many in all (`quotas`); a
//! replaced file is deleted, and files no row knows are swept after a day.

use std::path::{Path, PathBuf};

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use app::auth::Actor;
use app::error::AppError;
use app::store::dossiers::{self, NewDocument};
use app::store::{quotas, Writer};

use crate::uploads::Upload;
use app::model::ids::RegistrationId;

/// The directory of dossier files in the data directory, beside `media/`.
pub const DIR: &str = "documents";

/// Where the dossier files are.
#[derive(Clone)]
pub struct Documents {
    dir: PathBuf,
}

/// A dossier file may be this large: the forms are scans of a few pages.
pub const MAX_BYTES: usize = crate::images::MAX_UPLOAD_BYTES;

/// The type of a file from its first bytes, among those a dossier takes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    }
}

/// A file's name as it may be shown and sent back: its last path part, without control
/// characters or quotes, at most 120 characters.
fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "tep-ho-so".to_owned()
    } else {
        cleaned.trim().to_owned()
    }
}

impl Documents {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            dir: data_dir.join(DIR),
        }
    }

    fn path(&self, sha256: &str, mime: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.{}", extension(mime)))
    }

    /// Attaches an uploaded file to an item of a registration's dossier (a producer's own when a
    /// producer acts): whose it is and whether the item takes a file are known before the
    /// file counts against the allowances (`quotas`), and the allowances before its bytes are
    /// looked at or stored. The file it replaces goes from the table and, once nothing holds the
    /// same bytes, from the disk.
    pub async fn attach(
        &self,
        (pool, writer): (&SqlitePool, &Writer),
        actor: Actor,
        registration_id: RegistrationId,
        code: &str,
        upload: Option<Upload>,
    ) -> Result<(), AppError> {
        dossiers::may_attach(pool, actor, registration_id, code).await?;
        let upload = upload.ok_or_else(|| {
            AppError::invalid("file", "Vui lòng chọn tệp.", "Please choose a file.")
        })?;
        quotas::take(
            writer,
            actor.user_id(),
            quotas::Allowance::Document { registration_id },
            upload.bytes.len(),
            &upload.field,
        )
        .await?;
        let document = self.prepare(upload).await?;
        let replaced = dossiers::attach(writer, actor, registration_id, code, &document).await?;
        if let Some(unused) = replaced {
            let path = self.path(&unused.sha256, &unused.mime);
            crate::uploads::remove(&path).await;
        }
        Ok(())
    }

    /// Checks an uploaded file and stores it; refused with a message for its field otherwise.
    /// Like a photo, it is written before the change that records it, and only that change keeps
    /// a row for it (housekeeping deletes files no row knows).
    async fn prepare(&self, upload: Upload) -> Result<NewDocument, AppError> {
        if upload.cut_off || upload.bytes.len() > MAX_BYTES {
            return Err(AppError::invalid(
                &upload.field,
                "Tệp lớn hơn 8 MB: hãy quét với độ phân giải thấp hơn hoặc chia nhỏ.",
                "The file is larger than 8 MB: scan it at a lower resolution or split it.",
            ));
        }
        let Some(mime) = sniff(&upload.bytes) else {
            return Err(AppError::invalid(
                &upload.field,
                "Chỉ nhận tệp PDF, JPEG hoặc PNG.",
                "Only PDF, JPEG or PNG files are accepted.",
            ));
        };
        let sha256 = hex(&Sha256::digest(&upload.bytes));
        crate::uploads::write_once(&self.dir, &sha256, extension(mime), &upload.bytes).await?;
        Ok(NewDocument {
            sha256,
            mime,
            bytes: i64::try_from(upload.bytes.len()).map_err(|_| AppError::Internal)?,
            file_name: clean_name(&upload.file_name),
        })
    }

    /// Deletes the files of `documents/` no row knows once they are a day old: an upload whose
    /// change was refused or never finished. Returns how many went.
    pub async fn remove_unused(&self, pool: &SqlitePool) -> Result<usize, AppError> {
        crate::uploads::remove_orphans(&self.dir, async |hashes| {
            dossiers::unknown(pool, hashes).await
        })
        .await
    }

    /// Sends a stored file as a download, kept by no cache.
    pub async fn send(&self, (sha256, mime, name): (String, String, String)) -> Response {
        let path = self.path(&sha256, &mime);
        let Ok(bytes) = tokio::fs::read(&path).await else {
            tracing::error!(path = %path.display(), "a dossier file is missing");
            return StatusCode::NOT_FOUND.into_response();
        };
        let disposition = format!(
            "attachment; filename=\"{}\"; filename*=UTF-8''{}",
            name.chars().filter(char::is_ascii).collect::<String>(),
            app::model::catalogue::encode(&name)
        );
        let mut response = bytes.into_response();
        let headers = response.headers_mut();
        for (name, value) in [
            (header::CONTENT_TYPE, HeaderValue::from_str(&mime).ok()),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).ok(),
            ),
            (
                header::CACHE_CONTROL,
                Some(HeaderValue::from_static("private, no-store")),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                Some(HeaderValue::from_static("nosniff")),
            ),
        ] {
            if let Some(value) = value {
                headers.insert(name, value);
            }
        }
        response
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_known_by_its_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"This is not a PDF, whatever its name says"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn a_file_name_is_cleaned_of_paths_and_quotes() {
        assert_eq!(clean_name("C:\\Users\\a\\Mẫu 01.pdf"), "Mẫu 01.pdf");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\"b;c.pdf"), "abc.pdf");
        assert_eq!(clean_name(""), "tep-ho-so");
    }
}
