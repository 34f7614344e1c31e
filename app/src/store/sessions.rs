//! Signed-in sessions and the sign-in throttle.

use sqlx::SqlitePool;

use crate::auth::token;
use crate::error::AppError;
use crate::model::account::{Role, Viewer};
use crate::store::audit::{self, Entry};

/// How long sessions last: ended after `idle_minutes` without a request, and at the latest
/// `lifetime_hours` after signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    pub idle_minutes: u32,
    pub lifetime_hours: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            idle_minutes: 120,
            lifetime_hours: 24,
        }
    }
}

/// Starts a session for the user and returns the secret for its cookie. Always a new
/// secret: a session id planted before sign-in is never promoted.
pub async fn start(
    pool: &SqlitePool,
    user_id: i64,
    timeouts: Timeouts,
) -> Result<String, AppError> {
    let secret = token::new_secret();
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?1, ?2, datetime('now', ?3))",
    )
    .bind(token::digest(&secret))
    .bind(user_id)
    .bind(format!("+{} hours", timeouts.lifetime_hours))
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE users SET last_login_at = datetime('now') WHERE id = ?1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    audit::note(&mut tx, Entry::of(user_id, "sign_in", "user", user_id, "")).await?;
    tx.commit().await?;
    Ok(secret)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: i64,
    display_name: String,
    role: String,
    producer_id: Option<i64>,
    waiting: i64,
    stale: bool,
}

/// The account of a live session, with its navigation counts, and whether its last-seen
/// time is old enough to be worth renewing.
pub async fn viewer(
    pool: &SqlitePool,
    secret: &str,
    timeouts: Timeouts,
) -> Result<Option<(Viewer, bool)>, AppError> {
    if !token::well_formed(secret) {
        return Ok(None);
    }
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name, u.role, u.producer_id,
                CASE WHEN u.role = 'producer'
                     THEN (SELECT count(*) FROM inquiries i WHERE i.producer_id = u.producer_id AND i.status = 'new')
                     ELSE (SELECT count(*) FROM product_revisions r WHERE r.status = 'pending') END AS waiting,
                s.last_seen_at < datetime('now', '-1 minute') AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN producers p ON p.id = u.producer_id
         WHERE s.token_hash = ?1 AND s.expires_at > datetime('now')
           AND s.last_seen_at > datetime('now', ?2)
           AND u.active = 1 AND (u.producer_id IS NULL OR p.active = 1)",
    )
    .bind(token::digest(secret))
    .bind(format!("-{} minutes", timeouts.idle_minutes))
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|row| {
        Some((
            Viewer {
                user_id: row.user_id,
                display_name: row.display_name,
                role: Role::from_db(&row.role)?,
                producer_id: row.producer_id,
                waiting: row.waiting,
            },
            row.stale,
        ))
    }))
}

/// Marks the session as used now, which pushes back its idle end.
pub async fn touch(pool: &SqlitePool, secret: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE sessions SET last_seen_at = datetime('now') WHERE token_hash = ?1")
        .bind(token::digest(secret))
        .execute(pool)
        .await?;
    Ok(())
}

/// Signs out this session only.
pub async fn end(pool: &SqlitePool, secret: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let user: Option<i64> =
        sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = ?1 RETURNING user_id")
            .bind(token::digest(secret))
            .fetch_optional(&mut *tx)
            .await?;
    if let Some(user_id) = user {
        audit::note(&mut tx, Entry::of(user_id, "sign_out", "user", user_id, "")).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Signs the user out everywhere; `actor` is who asked (the user, or staff).
pub async fn end_all(
    connection: &mut sqlx::SqliteConnection,
    actor: i64,
    user_id: i64,
) -> Result<u64, AppError> {
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *connection)
        .await?
        .rows_affected();
    audit::note(
        connection,
        Entry::of(
            actor,
            "end_sessions",
            "user",
            user_id,
            format!("{ended} sessions"),
        ),
    )
    .await?;
    Ok(ended)
}

/// Deletes the sessions that ended by themselves (too old, or idle too long); they could
/// never be used again. Returns how many.
pub async fn forget_ended(pool: &SqlitePool, timeouts: Timeouts) -> Result<u64, AppError> {
    let mut tx = pool.begin().await?;
    let ended = sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= datetime('now') OR last_seen_at <= datetime('now', ?1)",
    )
    .bind(format!("-{} minutes", timeouts.idle_minutes))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(ended)
}

/// Failed sign-ins are counted over this window.
pub const FAILURE_WINDOW_MINUTES: u32 = 15;
/// After this many failures for one email, that account is locked for the window.
pub const ACCOUNT_LOCK_AFTER: i64 = 5;
/// After this many failures from one address, that address is locked for the window.
pub const ADDRESS_LOCK_AFTER: i64 = 20;

/// The throttle keys of a sign-in attempt: the email as typed and the client address.
pub fn throttle_keys(email: &str, client_key: &str) -> [String; 2] {
    [
        format!("email:{}", email.trim().to_lowercase()),
        format!("address:{client_key}"),
    ]
}

/// Recent failures for the account and for the address.
pub async fn recent_failures(
    pool: &SqlitePool,
    keys: &[String; 2],
) -> Result<(i64, i64), AppError> {
    let count = |key: &str| {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM sign_in_failures WHERE key = ?1 AND at > datetime('now', ?2)",
        )
        .bind(key.to_owned())
        .bind(format!("-{FAILURE_WINDOW_MINUTES} minutes"))
        .fetch_one(pool)
    };
    Ok((count(&keys[0]).await?, count(&keys[1]).await?))
}

pub async fn record_failure(pool: &SqlitePool, keys: &[String; 2]) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    for key in keys {
        sqlx::query("INSERT INTO sign_in_failures (key) VALUES (?1)")
            .bind(key)
            .execute(&mut *tx)
            .await?;
    }
    // Old failures count for nothing: keep the table small.
    sqlx::query("DELETE FROM sign_in_failures WHERE at < datetime('now', '-1 day')")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A successful sign-in forgives the account's failures (not the address's).
pub async fn clear_failures(pool: &SqlitePool, keys: &[String; 2]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = ?1")
        .bind(&keys[0])
        .execute(pool)
        .await?;
    Ok(())
}
