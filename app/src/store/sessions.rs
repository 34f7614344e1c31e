//! Signed-in sessions and the sign-in throttle.

use sqlx::{SqliteConnection, SqlitePool};

use crate::auth::token;
use crate::error::AppError;
use crate::model::account::{Role, Viewer};
use crate::model::ids::{ProducerId, UserId};
use crate::model::inquiry::InquiryStatus;
use crate::model::listing::RevisionStatus;
use crate::store::audit::Audit;
use crate::store::Writer;

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
    writer: &Writer,
    user_id: UserId,
    timeouts: Timeouts,
) -> Result<String, AppError> {
    let mut tx = writer.begin().await?;
    let secret = start_in(&mut tx, user_id, timeouts).await?;
    tx.commit().await?;
    Ok(secret)
}

async fn start_in(
    connection: &mut SqliteConnection,
    user_id: UserId,
    timeouts: Timeouts,
) -> Result<String, AppError> {
    let secret = token::new_secret();
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?1, ?2, datetime('now', ?3))",
    )
    .bind(token::digest(&secret))
    .bind(user_id)
    .bind(format!("+{} hours", timeouts.lifetime_hours))
    .execute(&mut *connection)
    .await?;
    sqlx::query("UPDATE users SET last_login_at = datetime('now') WHERE id = ?1")
        .bind(user_id)
        .execute(&mut *connection)
        .await?;
    Audit::of(user_id, "sign_in", "user", user_id.0, "")
        .write(connection)
        .await?;
    Ok(secret)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: UserId,
    display_name: String,
    role: Role,
    producer_id: Option<ProducerId>,
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
                CASE WHEN u.role = ?3
                     THEN (SELECT count(*) FROM inquiries i WHERE i.producer_id = u.producer_id AND i.status = ?4)
                     WHEN u.role = ?6
                     THEN (SELECT count(*) FROM officer_units o JOIN producers pr ON pr.admin_unit_id = o.unit_id
                           JOIN products pd ON pd.producer_id = pr.id JOIN registrations r ON r.product_id = pd.id
                           JOIN ocop_cycles c ON c.id = r.cycle_id JOIN evaluation_schemes es ON es.id = c.scheme_id
                           WHERE o.user_id = u.id AND r.status = ?7 AND es.commune_proposes = 1)
                     ELSE (SELECT count(*) FROM product_revisions r WHERE r.status = ?5) END AS waiting,
                s.last_seen_at < datetime('now', '-1 minute') AS stale
         FROM sessions s JOIN users u ON u.id = s.user_id
         LEFT JOIN producers p ON p.id = u.producer_id
         WHERE s.token_hash = ?1 AND s.expires_at > datetime('now')
           AND s.last_seen_at > datetime('now', ?2)
           AND u.active = 1 AND (u.producer_id IS NULL OR p.active = 1)",
    )
    .bind(token::digest(secret))
    .bind(format!("-{} minutes", timeouts.idle_minutes))
    .bind(Role::Producer)
    .bind(InquiryStatus::New)
    .bind(RevisionStatus::Pending)
    .bind(Role::Commune)
    .bind(crate::model::cycle::status::RegistrationStatus::DossierComplete)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| {
        (
            Viewer {
                user_id: row.user_id,
                display_name: row.display_name,
                role: row.role,
                producer_id: row.producer_id,
                waiting: row.waiting,
            },
            row.stale,
        )
    }))
}

/// Marks the session as used now, which pushes back its idle end.
pub async fn touch(writer: &Writer, secret: &str) -> Result<(), AppError> {
    let mut tx = writer.begin().await?;
    sqlx::query("UPDATE sessions SET last_seen_at = datetime('now') WHERE token_hash = ?1")
        .bind(token::digest(secret))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Signs out this session only.
pub async fn end(writer: &Writer, secret: &str) -> Result<(), AppError> {
    let mut tx = writer.begin().await?;
    end_in(&mut tx, secret).await?;
    tx.commit().await?;
    Ok(())
}

async fn end_in(connection: &mut SqliteConnection, secret: &str) -> Result<(), AppError> {
    let user: Option<UserId> =
        sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = ?1 RETURNING user_id")
            .bind(token::digest(secret))
            .fetch_optional(&mut *connection)
            .await?;
    if let Some(user_id) = user {
        Audit::of(user_id, "sign_out", "user", user_id.0, "")
            .write(connection)
            .await?;
    }
    Ok(())
}

/// Signs the user out everywhere; `actor` is who asked (the user, or staff).
pub async fn end_all(
    connection: &mut sqlx::SqliteConnection,
    actor: UserId,
    user_id: UserId,
) -> Result<u64, AppError> {
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *connection)
        .await?
        .rows_affected();
    Audit::of(
        actor,
        "end_sessions",
        "user",
        user_id.0,
        format!("{ended} sessions"),
    )
    .write(connection)
    .await?;
    Ok(ended)
}

/// Deletes the sessions that ended by themselves (too old, or idle too long); they could
/// never be used again. Returns how many.
pub async fn forget_ended(writer: &Writer, timeouts: Timeouts) -> Result<u64, AppError> {
    let mut tx = writer.begin().await?;
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
/// After this many failures for one email from one address, that pair is refused for the
/// window. Only the pair: someone guessing a staff member's password from their own address
/// locks themselves out, never the staff member.
pub const PAIR_LOCK_AFTER: i64 = 5;
/// After this many failures from one address (any emails), that address is refused.
pub const ADDRESS_LOCK_AFTER: i64 = 20;
/// From this many failures for one email from all addresses together, each further attempt
/// for it waits a little longer: guessing from many addresses slows down, but the owner
/// still gets in.
pub const EMAIL_SLOWDOWN_AFTER: i64 = 10;

/// The throttle's keys for a sign-in attempt: the email as typed (lower case), the client's
/// address key, and the pair of both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    keys: [String; 3],
}

impl Attempt {
    pub fn new(email: &str, client_key: &str) -> Self {
        let email = email.trim().to_lowercase();
        Self {
            keys: [
                format!("pair:{email}|{client_key}"),
                format!("address:{client_key}"),
                format!("email:{email}"),
            ],
        }
    }
}

/// Recent failures of an attempt's pair, address and email.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Failures {
    pub pair: i64,
    pub address: i64,
    pub email: i64,
}

impl Failures {
    pub fn locked(&self) -> bool {
        self.pair >= PAIR_LOCK_AFTER || self.address >= ADDRESS_LOCK_AFTER
    }

    /// How long to wait before checking the password: from the third failure of the pair a
    /// quarter second more each time (at most a second), and from the tenth of the email a
    /// tenth of a second more each time (at most two).
    pub fn delay(&self) -> std::time::Duration {
        let pair = (self.pair - 2).clamp(0, 4) * 250;
        let email = (self.email - EMAIL_SLOWDOWN_AFTER + 1).clamp(0, 20) * 100;
        std::time::Duration::from_millis((pair + email).unsigned_abs())
    }
}

async fn count_failures(
    connection: &mut SqliteConnection,
    attempt: &Attempt,
) -> Result<Failures, AppError> {
    let [pair, address, email] = &attempt.keys;
    let (pair, address, email) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE key = ?1), count(*) FILTER (WHERE key = ?2), count(*) FILTER (WHERE key = ?3)
         FROM sign_in_failures WHERE key IN (?1, ?2, ?3) AND at > datetime('now', ?4)",
    )
    .bind(pair)
    .bind(address)
    .bind(email)
    .bind(format!("-{FAILURE_WINDOW_MINUTES} minutes"))
    .fetch_one(connection)
    .await?;
    Ok(Failures {
        pair,
        address,
        email,
    })
}

/// Recent failures of the attempt's pair, address and email, read without writing: a locked
/// attempt is refused without taking the writer.
pub async fn recent_failures(pool: &SqlitePool, attempt: &Attempt) -> Result<Failures, AppError> {
    count_failures(&mut *pool.acquire().await?, attempt).await
}

/// An attempt counted as a failure until it proves otherwise.
#[derive(Debug)]
pub struct Recorded {
    rows: Vec<i64>,
}

/// Counts the attempt as a failure before its password is checked, in one transaction with
/// the check of the limits: attempts sent in parallel see each other, so twenty at once count
/// as twenty and the lock holds. `None` when the limits are reached (nothing is written).
pub async fn record_attempt(
    writer: &Writer,
    attempt: &Attempt,
) -> Result<Option<Recorded>, AppError> {
    let mut tx = writer.begin().await?;
    if count_failures(&mut tx, attempt).await?.locked() {
        return Ok(None);
    }
    let mut rows = Vec::with_capacity(attempt.keys.len());
    for key in &attempt.keys {
        rows.push(
            sqlx::query_scalar("INSERT INTO sign_in_failures (key) VALUES (?1) RETURNING rowid")
                .bind(key)
                .fetch_one(&mut *tx)
                .await?,
        );
    }
    // Old failures count for nothing: keep the table small.
    sqlx::query("DELETE FROM sign_in_failures WHERE at < datetime('now', '-1 day')")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(Recorded { rows }))
}

/// The attempt was not checked after all (the server was too busy): it is not a failure.
pub async fn withdraw_attempt(writer: &Writer, recorded: Recorded) -> Result<(), AppError> {
    let mut tx = writer.begin().await?;
    forget_rows(&mut tx, &recorded).await?;
    tx.commit().await?;
    Ok(())
}

async fn forget_rows(
    connection: &mut SqliteConnection,
    recorded: &Recorded,
) -> Result<(), AppError> {
    let ids = serde_json::to_string(&recorded.rows).map_err(|_| AppError::Internal)?;
    sqlx::query("DELETE FROM sign_in_failures WHERE rowid IN (SELECT value FROM json_each(?1))")
        .bind(ids)
        .execute(connection)
        .await?;
    Ok(())
}

/// A sign-in whose password was right, in one transaction: the attempt was no failure and the
/// pair's earlier failures are forgiven (the address's and the email's others are not), the
/// browser's previous session ends, and a new one starts. Returns its secret.
pub async fn signed_in(
    writer: &Writer,
    attempt: &Attempt,
    recorded: Recorded,
    user_id: UserId,
    previous_session: Option<&str>,
    timeouts: Timeouts,
) -> Result<String, AppError> {
    let mut tx = writer.begin().await?;
    forget_rows(&mut tx, &recorded).await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE key = ?1")
        .bind(&attempt.keys[0])
        .execute(&mut *tx)
        .await?;
    if let Some(previous) = previous_session {
        end_in(&mut tx, previous).await?;
    }
    let secret = start_in(&mut tx, user_id, timeouts).await?;
    tx.commit().await?;
    Ok(secret)
}
