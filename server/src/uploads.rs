//! Uploaded photos: checked and re-encoded (see `images`), written under the data directory by
//! content hash, and registered in the database by the change that uses them.
//!
//! Decoding a large photo takes a core and hundreds of MB for a moment, so it is rationed:
//! one photo form at a time per account (a second one, from another tab, waits its turn
//! before its body is read, so waiting costs no memory), at most one decode per core across
//! accounts, and at most [`quotas::PHOTOS_PER_HOUR`] photos sent per account an hour, the
//! refused ones counted too. One producer's uploads can take one core at most, never
//! everyone's turn.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use sqlx::SqlitePool;
use tokio::sync::{OwnedMutexGuard, Semaphore};

use app::error::{error_page, AppError};
use app::i18n::Lang;
use app::model::account::Viewer;
use app::model::ids::UserId;
use app::store::media::{self, NewPhoto, StoredFile};
use app::store::quotas::{self, Allowance};
use app::store::Writer;

use crate::images::{self, ImageProblem, Variant};

/// Files no row knows are deleted once they are this old.
const ORPHAN_AGE: Duration = Duration::from_secs(24 * 3600);

/// A file chosen in a form's file field, as posted.
pub struct Upload {
    /// The name of the file field.
    pub field: String,
    /// The name the file had on the sender's computer (shown, never trusted).
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The file was larger than an upload may be, so it was not kept.
    pub cut_off: bool,
}

/// The photos' directory, `media/` in the data directory, and the rations of their uploads.
#[derive(Clone)]
pub struct Uploads {
    dir: PathBuf,
    decoding: Arc<Semaphore>,
    accounts: Arc<Mutex<HashMap<UserId, Arc<tokio::sync::Mutex<()>>>>>,
    /// How long a form waits for the account's upload before it to finish.
    wait: Duration,
}

/// An account's turn to upload: held while its request is read and its photo decoded.
pub struct AccountTurn {
    _guard: OwnedMutexGuard<()>,
}

impl Uploads {
    pub fn new(data_dir: &Path, decoders: usize, wait: Duration) -> Self {
        Self {
            dir: data_dir.join("media"),
            decoding: Arc::new(Semaphore::new(decoders.max(1))),
            accounts: Arc::default(),
            wait,
        }
    }

    /// One decode per core; a form waits up to a minute (a photo over a slow mobile
    /// connection) for the account's previous one.
    pub fn per_core(data_dir: &Path) -> Self {
        Self::new(
            data_dir,
            std::thread::available_parallelism().map_or(2, usize::from),
            Duration::from_secs(60),
        )
    }

    /// Where the photos are, served as they are (`files::media`).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The account's turn, once its upload under way (if any) is done; `None` when that
    /// takes too long.
    pub async fn account_turn(&self, user_id: UserId) -> Option<AccountTurn> {
        let gate = {
            let mut accounts = self.accounts.lock().ok()?;
            // Forget the gates nobody holds, so the map stays as small as the uploads going on.
            accounts.retain(|_, gate| Arc::strong_count(gate) > 1);
            accounts.entry(user_id).or_default().clone()
        };
        let guard = tokio::time::timeout(self.wait, gate.lock_owned())
            .await
            .ok()?;
        Some(AccountTurn { _guard: guard })
    }
}

/// Before a photo form's body is read: anonymous visitors are refused at once, and a form of
/// an account with an upload under way waits for it (answered busy if it waits too long).
pub async fn one_per_account(
    State(uploads): State<Uploads>,
    request: Request,
    next: Next,
) -> Response {
    let lang = Lang::of_headers(request.headers());
    let Some(user_id) = request
        .extensions()
        .get::<Viewer>()
        .map(|viewer| viewer.user_id)
    else {
        return error_page(lang, &AppError::Unauthorized);
    };
    let Some(turn) = uploads.account_turn(user_id).await else {
        return error_page(lang, &AppError::Busy);
    };
    let response = next.run(request).await;
    drop(turn);
    response
}

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

/// Writes a file named by its content's hash unless it is there already; through a temporary
/// name, so a half-written file is never served.
pub(crate) async fn write_once(
    dir: &Path,
    sha256: &str,
    extension: &str,
    bytes: &[u8],
) -> Result<(), AppError> {
    let path = dir.join(format!("{sha256}.{extension}"));
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(());
    }
    // Its own temporary name: two uploads of the same photo at once must not mix their writes.
    let temporary = dir.join(format!(
        ".{sha256}.{}.part",
        &app::auth::token::new_secret()[..12]
    ));
    let written = async {
        tokio::fs::create_dir_all(dir).await?;
        tokio::fs::write(&temporary, bytes).await?;
        tokio::fs::rename(&temporary, &path).await
    }
    .await;
    written.map_err(|error| {
        tracing::error!(%error, path = %path.display(), "cannot store an uploaded file");
        AppError::Internal
    })
}

/// A photo checked, re-encoded and written, waiting to be registered with its change.
pub struct PreparedPhoto {
    page: Variant,
    card: Variant,
}

fn stored(variant: &Variant) -> StoredFile<'_> {
    StoredFile {
        sha256: &variant.sha256,
        mime: variant.mime,
        width: variant.width,
        height: variant.height,
        bytes: variant.bytes.len(),
    }
}

impl PreparedPhoto {
    pub fn with_alt(&self, alt: String) -> NewPhoto<'_> {
        NewPhoto {
            page: stored(&self.page),
            card: stored(&self.card),
            alt,
        }
    }
}

impl Uploads {
    /// The photo of a form's file field when one was chosen, as [`Self::prepare_photo`] makes it.
    pub async fn prepare_chosen(
        &self,
        writer: &Writer,
        uploaded_by: UserId,
        upload: Option<Upload>,
    ) -> Result<Option<PreparedPhoto>, AppError> {
        match upload {
            Some(upload) => Ok(Some(self.prepare_photo(writer, uploaded_by, upload).await?)),
            None => Ok(None),
        }
    }

    /// Checks, re-encodes and writes an uploaded photo; a file that is not a usable photo, or one
    /// over the account's hourly allowance, is refused with a message for its field. Call it only
    /// once every other check of the form has passed: its files are written now, and only the
    /// change that registers them keeps them (housekeeping deletes files no row knows).
    pub async fn prepare_photo(
        &self,
        writer: &Writer,
        uploaded_by: UserId,
        upload: Upload,
    ) -> Result<PreparedPhoto, AppError> {
        let refused =
            |problem: ImageProblem| AppError::invalid(&upload.field, problem.vi(), problem.en());
        // Counted before anything else: a photo refused below has cost its work all the same.
        quotas::take(
            writer,
            uploaded_by,
            Allowance::Photo,
            upload.bytes.len(),
            &upload.field,
        )
        .await?;
        if upload.cut_off {
            return Err(refused(ImageProblem::TooLarge));
        }
        let permit = self
            .decoding
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| AppError::Internal)?;
        let bytes = upload.bytes;
        let processed = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            images::process(&bytes)
        })
        .await
        .map_err(|_| AppError::Internal)?;
        let [card, page] = processed.map_err(refused)?;
        for variant in [&card, &page] {
            write_once(
                &self.dir,
                &variant.sha256,
                extension(variant.mime),
                &variant.bytes,
            )
            .await?;
        }
        Ok(PreparedPhoto { page, card })
    }

    /// Uploads that no listing, proposal or logo uses any more are deleted after a day, so
    /// abandoned forms and replaced photos do not fill the disk; so are files no row knows (an
    /// upload whose change was refused or never finished). Returns how many files went.
    pub async fn remove_unused(
        &self,
        writer: &Writer,
        pool: &SqlitePool,
    ) -> Result<usize, AppError> {
        let forgotten = media::forget_unused(writer, 24).await?;
        let mut removed = 0;
        for (sha256, mime) in &forgotten {
            let path = self.dir.join(format!("{sha256}.{}", extension(mime)));
            removed += usize::from(remove(&path).await);
        }
        removed +=
            remove_orphans(&self.dir, async |hashes| media::unknown(pool, hashes).await).await?;
        Ok(removed)
    }
}

/// Deletes the files of `dir`, named by their content's hash, that are older than a day and
/// that `unknown` (given their hashes) says no row knows; returns how many went.
pub(crate) async fn remove_orphans(
    dir: &Path,
    unknown: impl AsyncFnOnce(&[String]) -> Result<Vec<String>, AppError>,
) -> Result<usize, AppError> {
    let mut old_files = Vec::new();
    if let Ok(mut entries) = tokio::fs::read_dir(dir).await {
        while let Ok(Some(entry)) = entries.next_entry().await {
            let old = entry
                .metadata()
                .await
                .and_then(|meta| meta.modified())
                .is_ok_and(|modified| modified.elapsed().is_ok_and(|age| age > ORPHAN_AGE));
            if old {
                old_files.push(entry.path());
            }
        }
    }
    let hash_of = |path: &Path| {
        let name = path.file_name()?.to_str()?;
        // Half-written files start with a dot and end in `.part`: always stale by now.
        (!name.starts_with('.')).then(|| name.split('.').next().map(str::to_owned))?
    };
    let hashes: Vec<String> = old_files.iter().filter_map(|path| hash_of(path)).collect();
    let unknown = unknown(&hashes).await?;
    let mut removed = 0;
    for path in &old_files {
        if hash_of(path).is_none_or(|hash| unknown.contains(&hash)) {
            removed += usize::from(remove(path).await);
        }
    }
    Ok(removed)
}

pub(crate) async fn remove(path: &Path) -> bool {
    match tokio::fs::remove_file(path).await {
        Ok(()) => true,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => false,
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "cannot delete an unused upload");
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_account_uploads_one_at_a_time_without_holding_up_another() {
        let uploads = Uploads::new(Path::new("unused"), 2, Duration::from_millis(50));
        let first = uploads.account_turn(UserId(1)).await.expect("a first turn");
        assert!(
            uploads.account_turn(UserId(1)).await.is_none(),
            "a second upload waits, then gives up"
        );
        let other = uploads
            .account_turn(UserId(2))
            .await
            .expect("another account goes on");
        drop(first);
        assert!(
            uploads.account_turn(UserId(1)).await.is_some(),
            "after the first, the next"
        );
        drop(other);
        let _third = uploads.account_turn(UserId(3)).await;
        assert_eq!(
            uploads.accounts.lock().unwrap().len(),
            1,
            "idle gates are forgotten"
        );
    }
}
