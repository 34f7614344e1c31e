//! `id_list(id)`: an SQL aggregate giving the ids it is fed, in the order fed, as one blob of
//! little-endian `u32`s. Registered on every connection of the pools (see [`super::open`]).
//!
//! A search at 100,000 products hands Rust tens of thousands of ids ("tra": 36,000).
//! `group_concat` writes each as text: SQLite turning integers into text, growing the text and
//! Rust reading it back were a fifth of a search's CPU (perf, sequential searches over the
//! bench's words). This appends four bytes an id. SQLite has no such aggregate, and sqlx
//! registers none, so it is written here against SQLite's C interface: the only `unsafe` of
//! the code base, kept to this file.

use std::ffi::{c_int, c_void};
use std::ptr;

use libsqlite3_sys as ffi;
use sqlx::SqliteConnection;

/// What SQLite keeps for one run of the aggregate: its aggregate context, which SQLite
/// allocates zeroed on the first step. A zeroed `Option<Box<_>>` is `None` (the layout Rust
/// guarantees for an option of a box), so no step needs to know whether it is the first.
type List = Option<Box<Vec<u8>>>;

/// Registers `id_list` on a connection; called once per connection as the pool opens it.
pub(super) async fn register(connection: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    let mut handle = connection.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: `db` is this connection's open handle, held locked for the call. The name is a
    // NUL-terminated constant; SQLite copies it. `step` and `finish` have the signatures
    // SQLite's aggregates take, and no user data is passed, so nothing needs destroying.
    let code = unsafe {
        ffi::sqlite3_create_function_v2(
            db,
            c"id_list".as_ptr(),
            1,
            ffi::SQLITE_UTF8 | ffi::SQLITE_DETERMINISTIC | ffi::SQLITE_DIRECTONLY,
            ptr::null_mut(),
            None,
            Some(step),
            Some(finish),
            None,
        )
    };
    if code == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(sqlx::Error::Configuration(
            format!("SQLite refused the id_list aggregate (code {code})").into(),
        ))
    }
}

/// One id more. A value that is not a `u32` (no product id is) is skipped.
unsafe extern "C" fn step(
    context: *mut ffi::sqlite3_context,
    _count: c_int,
    values: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: SQLite calls this with the context of the running aggregate and the one
    // argument it was registered with. The aggregate context is SQLite's memory for this run,
    // aligned for any type, zeroed on the first call and the same on every later one; only
    // this file reads or writes it, always as a `List`.
    unsafe {
        let list = ffi::sqlite3_aggregate_context(context, size_of::<List>() as c_int);
        if list.is_null() {
            ffi::sqlite3_result_error_nomem(context);
            return;
        }
        let Ok(id) = u32::try_from(ffi::sqlite3_value_int64(*values)) else {
            return;
        };
        (*list.cast::<List>())
            .get_or_insert_with(Box::default)
            .extend_from_slice(&id.to_le_bytes());
    }
}

/// The blob, empty when no row was fed. SQLite calls this once for every run that stepped,
/// also when the statement is reset before its end, so the list is always freed.
unsafe extern "C" fn finish(context: *mut ffi::sqlite3_context) {
    // SAFETY: as in `step`. Asked for 0 bytes, SQLite gives the context the steps used, or
    // null when no step ran. The list is taken out, so its memory is freed here, once; SQLite
    // copies the bytes (`SQLITE_TRANSIENT`) before this returns.
    unsafe {
        let list = ffi::sqlite3_aggregate_context(context, 0).cast::<List>();
        let bytes = if list.is_null() { None } else { (*list).take() }.unwrap_or_default();
        ffi::sqlite3_result_blob64(
            context,
            bytes.as_ptr().cast::<c_void>(),
            bytes.len() as u64,
            ffi::SQLITE_TRANSIENT(),
        );
    }
}

/// The ids of an `id_list` blob; trailing bytes short of an id (there are none) are ignored.
pub(super) fn read(blob: &[u8]) -> Vec<u32> {
    let (ids, _) = blob.as_chunks::<4>();
    ids.iter().map(|id| u32::from_le_bytes(*id)).collect()
}

#[cfg(test)]
mod tests {
    use super::read;

    #[tokio::test]
    async fn the_ids_fed_to_id_list_come_back_in_the_order_fed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = crate::store::open(&dir.path().join("ocop.db"))
            .await
            .expect("open database");
        let blob: Vec<u8> = sqlx::query_scalar(
            "SELECT id_list(value) FROM json_each('[3, 17, 100000, 4294967295, -1, 4294967296, 2]')",
        )
        .fetch_one(&db.read)
        .await
        .expect("id_list");
        assert_eq!(read(&blob), [3, 17, 100_000, 4_294_967_295, 2]);
        let none: Vec<u8> = sqlx::query_scalar("SELECT id_list(value) FROM json_each('[]')")
            .fetch_one(&db.write.0)
            .await
            .expect("id_list on the writer");
        assert_eq!(read(&none), Vec::<u32>::new());
    }
}
