//! Storing an uploaded photo: checked and re-encoded (see `images`), written under the data
//! directory by content hash, and registered in the database.

use std::path::Path;

use app::error::AppError;
use app::model::listing::ListingImage;
use app::store::media::{self, StoredFile};

use crate::forms::Upload;
use crate::images::{self, ImageProblem, Variant};
use crate::state::AppState;

fn extension(mime: &str) -> &'static str {
    match mime {
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "jpg",
    }
}

/// Writes the file unless a file with the same content is there already; through a temporary
/// name, so a half-written file is never served.
async fn write_once(dir: &Path, variant: &Variant) -> Result<(), AppError> {
    let path = dir.join(format!("{}.{}", variant.sha256, extension(variant.mime)));
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        return Ok(());
    }
    // Its own temporary name: two uploads of the same photo at once must not mix their writes.
    let temporary = dir.join(format!(
        ".{}.{}.part",
        variant.sha256,
        &app::auth::token::new_secret()[..12]
    ));
    let written = async {
        tokio::fs::create_dir_all(dir).await?;
        tokio::fs::write(&temporary, &variant.bytes).await?;
        tokio::fs::rename(&temporary, &path).await
    }
    .await;
    written.map_err(|error| {
        tracing::error!(%error, path = %path.display(), "cannot store an uploaded image");
        AppError::Internal
    })
}

/// Stores an uploaded photo; a file that is not a usable photo is refused with a message for
/// its field. Returns the photo with its two variants (page and card) and `alt`.
pub async fn store_photo(
    state: &AppState,
    uploaded_by: i64,
    upload: Upload,
    alt: String,
) -> Result<ListingImage, AppError> {
    let refused =
        |problem: ImageProblem| AppError::invalid(&upload.field, problem.vi(), problem.en());
    if upload.cut_off {
        return Err(refused(ImageProblem::TooLarge));
    }
    // One photo at a time: decoding a large one takes hundreds of MB for a moment.
    static DECODING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(1);
    let permit = DECODING.acquire().await.map_err(|_| AppError::Internal)?;
    let bytes = upload.bytes;
    let processed = tokio::task::spawn_blocking(move || images::process(&bytes))
        .await
        .map_err(|_| AppError::Internal)?;
    drop(permit);
    let [card, page] = processed.map_err(refused)?;
    for variant in [&card, &page] {
        write_once(&state.media_dir, variant).await?;
    }
    let files: Vec<StoredFile> = [&page, &card]
        .into_iter()
        .map(|variant| StoredFile {
            sha256: &variant.sha256,
            mime: variant.mime,
            width: variant.width,
            height: variant.height,
            bytes: variant.bytes.len(),
        })
        .collect();
    let ids = media::register(&state.writer, uploaded_by, &files).await?;
    match ids.as_slice() {
        [media_id, card_media_id] => Ok(ListingImage {
            media_id: *media_id,
            card_media_id: *card_media_id,
            alt,
        }),
        _ => Err(AppError::Internal),
    }
}

/// Uploads that no listing, proposal or logo uses any more are deleted after a day, so
/// abandoned forms and replaced photos do not fill the disk.
pub async fn remove_unused(state: &AppState) -> Result<usize, AppError> {
    let forgotten = media::forget_unused(&state.writer, 24).await?;
    for (sha256, mime) in &forgotten {
        let path = state
            .media_dir
            .join(format!("{sha256}.{}", extension(mime)));
        if let Err(error) = tokio::fs::remove_file(&path).await {
            if error.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(%error, path = %path.display(), "cannot delete an unused image");
            }
        }
    }
    Ok(forgotten.len())
}
