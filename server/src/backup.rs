//! `server backup DIR` and `server restore DIR`: a copy of the database and the uploaded
//! photos, taken while the server runs, and put back while it does not.
//!
//! A backup is a directory: `ocop.db` (a consistent snapshot, see `app::store::backup`) and
//! `media/` (the photos, which never change once written: copying them after the snapshot
//! gives every file the snapshot knows).

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use app::store::backup;

pub const DATABASE: &str = "ocop.db";
const MEDIA: &str = "media";
const DOCUMENTS: &str = crate::documents::DIR;
const LOCK: &str = "ocop.lock";

/// Held by a running server on its data directory, so that a restore (or a second server)
/// cannot swap the files from under it. The operating system lets go when the process ends,
/// however it ends.
pub struct DataLock {
    _file: File,
}

impl DataLock {
    pub fn take(data_dir: &Path) -> Result<Self, String> {
        let path = data_dir.join(LOCK);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|error| format!("cannot open {}: {error}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(format!(
                "a server is running on {} (it holds {}): stop it first",
                data_dir.display(),
                path.display()
            )),
            Err(fs::TryLockError::Error(error)) => {
                Err(format!("cannot lock {}: {error}", path.display()))
            }
        }
    }
}

/// What a backup or a restore did, for the operator.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Copied {
    pub media_files: usize,
    /// The files of OCOP dossiers.
    pub document_files: usize,
}

/// Copies the files of `from` (photos, dossier files: named by content, never changed once
/// written) that `to` does not have yet, half-written ones excepted.
fn copy_media(from: &Path, to: &Path) -> Result<usize, String> {
    let Ok(entries) = fs::read_dir(from) else {
        return Ok(0);
    };
    fs::create_dir_all(to).map_err(|error| format!("cannot create {}: {error}", to.display()))?;
    let mut copied = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let target = to.join(&name);
        if name.to_string_lossy().starts_with('.') || target.exists() {
            continue;
        }
        fs::copy(entry.path(), &target)
            .map_err(|error| format!("cannot copy {}: {error}", entry.path().display()))?;
        copied += 1;
    }
    Ok(copied)
}

/// Backs up the data directory into `target`, a directory that must not exist yet.
pub async fn backup(data_dir: &Path, target: &Path) -> Result<Copied, String> {
    let database = data_dir.join(DATABASE);
    if !database.exists() {
        return Err(format!("there is no database at {}", database.display()));
    }
    if target.exists() {
        return Err(format!(
            "{} exists already: a backup goes into a new directory",
            target.display()
        ));
    }
    fs::create_dir_all(target)
        .map_err(|error| format!("cannot create {}: {error}", target.display()))?;
    backup::copy(&database, &target.join(DATABASE))
        .await
        .map_err(|_| format!("cannot copy the database {}", database.display()))?;
    let media_files = copy_media(&data_dir.join(MEDIA), &target.join(MEDIA))?;
    let document_files = copy_media(&data_dir.join(DOCUMENTS), &target.join(DOCUMENTS))?;
    Ok(Copied {
        media_files,
        document_files,
    })
}

/// Puts a backup back into the data directory. Refused while a server runs on it, and when
/// the backup's database fails its integrity check or was written by a newer version. The
/// database it replaces is kept beside it as `ocop.db.before-restore-<time>`.
pub async fn restore(data_dir: &Path, source: &Path) -> Result<(Copied, Option<PathBuf>), String> {
    let incoming = source.join(DATABASE);
    if !incoming.exists() {
        return Err(format!("there is no {DATABASE} in {}", source.display()));
    }
    fs::create_dir_all(data_dir)
        .map_err(|error| format!("cannot create {}: {error}", data_dir.display()))?;
    let _lock = DataLock::take(data_dir)?;
    backup::check(&incoming)
        .await
        .map_err(|problem| format!("{} cannot be restored: {problem}", incoming.display()))?;
    let database = data_dir.join(DATABASE);
    let staged = data_dir.join(format!("{DATABASE}.restoring"));
    fs::copy(&incoming, &staged)
        .and_then(|_| File::open(&staged)?.sync_all())
        .map_err(|error| format!("cannot copy {}: {error}", incoming.display()))?;
    let kept = if database.exists() {
        // Fold the write-ahead log into the file first: the old database moves aside whole.
        backup::checkpoint(&database)
            .await
            .map_err(|_| format!("cannot close off {}", database.display()))?;
        let aside = data_dir.join(format!("{DATABASE}.before-restore-{}", now_stamp()));
        fs::rename(&database, &aside)
            .map_err(|error| format!("cannot move {} aside: {error}", database.display()))?;
        Some(aside)
    } else {
        None
    };
    // A log left beside the old file must never be read as the new one's.
    for suffix in ["-wal", "-shm"] {
        let leftover = data_dir.join(format!("{DATABASE}{suffix}"));
        if leftover.exists() {
            fs::remove_file(&leftover)
                .map_err(|error| format!("cannot remove {}: {error}", leftover.display()))?;
        }
    }
    fs::rename(&staged, &database)
        .map_err(|error| format!("cannot move the restored database in place: {error}"))?;
    let media_files = copy_media(&source.join(MEDIA), &data_dir.join(MEDIA))?;
    let document_files = copy_media(&source.join(DOCUMENTS), &data_dir.join(DOCUMENTS))?;
    Ok((
        Copied {
            media_files,
            document_files,
        },
        kept,
    ))
}

/// The time now in UTC as `20261130-083000`, for file names that sort in time order.
fn now_stamp() -> String {
    time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]-[hour][minute][second]"
        ))
        .unwrap_or_else(|_| "unknown-time".to_owned())
}
