//! User accounts: credentials, creation by staff, one-time set-password links.

use sqlx::SqlitePool;

use crate::auth::token;
use crate::error::{AppError, FieldError};
use crate::model::account::Role;
use crate::model::ids::{ProducerId, UserId};
use crate::model::portal::AccountLine;
use crate::store::audit::Audit;
use crate::store::sessions;
use crate::store::Writer;

/// A set-password link is valid this long.
pub const LINK_VALID_HOURS: u32 = 72;

/// The stored hash of a newly created account: no password matches it until one is set
/// through a set-password link.
const NO_PASSWORD_YET: &str = "!";

/// An account a sign-in may enter.
pub struct SignInAccount {
    pub id: UserId,
    pub password_hash: String,
    pub role: Role,
}

/// The account a sign-in may enter: active, and for producers, of an active producer.
pub async fn find_for_sign_in(
    pool: &SqlitePool,
    email: &str,
) -> Result<Option<SignInAccount>, AppError> {
    let row: Option<(UserId, String, Role)> = sqlx::query_as(
        "SELECT u.id, u.password_hash, u.role FROM users u LEFT JOIN producers p ON p.id = u.producer_id
         WHERE u.email = ?1 AND u.active = 1 AND (u.producer_id IS NULL OR p.active = 1)",
    )
    .bind(email.trim())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, password_hash, role)| SignInAccount {
        id,
        password_hash,
        role,
    }))
}

pub async fn password_hash(pool: &SqlitePool, user_id: UserId) -> Result<String, AppError> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

/// Sets a new password chosen by the user, signing out their other sessions.
pub async fn change_password(
    writer: &Writer,
    user_id: UserId,
    new_hash: &str,
    keep_session: &str,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            sqlx::query("UPDATE users SET password_hash = ?1 WHERE id = ?2")
                .bind(new_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2")
                .bind(user_id)
                .bind(token::digest(keep_session))
                .execute(&mut *tx)
                .await?;
            let audit = Audit::of(user_id, "change_password", "user", user_id.0, "");
            Ok(((), Some(audit)))
        })
        .await
}

const ACCOUNT_LINE: &str = "SELECT u.id, u.email, u.display_name, u.role, u.active, u.last_login_at,
        (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > datetime('now')) AS sessions
     FROM users u";

pub async fn of_producer(
    pool: &SqlitePool,
    producer_id: ProducerId,
) -> Result<Vec<AccountLine>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ACCOUNT_LINE} WHERE u.producer_id = ?1 ORDER BY u.email LIMIT 100"
    ))
    .bind(producer_id)
    .fetch_all(pool)
    .await?)
}

pub async fn staff(pool: &SqlitePool) -> Result<Vec<AccountLine>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{ACCOUNT_LINE} WHERE u.role IN (?1, ?2, ?3) ORDER BY u.role, u.email LIMIT 200"
    ))
    .bind(Role::Admin)
    .bind(Role::Staff)
    .bind(Role::Commune)
    .fetch_all(pool)
    .await?)
}

/// The role of an account and the producer it speaks for (None for staff); NotFound for no
/// such account.
pub async fn role_of(
    pool: &SqlitePool,
    user_id: UserId,
) -> Result<(Role, Option<ProducerId>), AppError> {
    sqlx::query_as("SELECT role, producer_id FROM users WHERE id = ?1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .ok_or(AppError::NotFound)
}

pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub producer_id: Option<ProducerId>,
    /// A commune officer's communes of today (ids); empty for every other role.
    pub communes: Vec<i64>,
}

impl NewAccount {
    pub fn check(&self) -> Result<(), AppError> {
        let mut problems = Vec::new();
        if !crate::model::inquiry::valid_email(&self.email) {
            problems.push(FieldError::new(
                "account_email",
                "Email chưa đúng dạng, ví dụ ten@vidu.vn.",
                "The email does not look right, e.g. name@example.vn.",
            ));
        }
        crate::model::form::check_text(
            &mut problems,
            "account_name",
            &self.display_name,
            true,
            100,
        );
        crate::model::form::refuse_if_any(problems)
    }
}

/// Creates an account without a password: its owner sets one through a link. `actor` is the
/// staff member who creates it, or None from the command line.
pub async fn create(
    writer: &Writer,
    actor: Option<UserId>,
    account: &NewAccount,
) -> Result<UserId, AppError> {
    account.check()?;
    writer
        .change(async |tx| {
            if let Some(producer_id) = account.producer_id {
                let known: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM producers WHERE id = ?1)")
                        .bind(producer_id)
                        .fetch_one(&mut *tx)
                        .await?;
                if !known {
                    return Err(AppError::NotFound);
                }
            }
            let taken: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE email = ?1)")
                    .bind(&account.email)
                    .fetch_one(&mut *tx)
                    .await?;
            if taken {
                return Err(AppError::invalid(
                    "account_email",
                    "Email này đã có tài khoản.",
                    "This email already has an account.",
                ));
            }
            let id: UserId = sqlx::query_scalar(
                "INSERT INTO users (email, display_name, password_hash, role, producer_id) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            )
            .bind(&account.email)
            .bind(&account.display_name)
            .bind(NO_PASSWORD_YET)
            .bind(account.role)
            .bind(account.producer_id)
            .fetch_one(&mut *tx)
            .await?;
            let mut summary = format!("{} ({})", account.email, account.role);
            if account.role == Role::Commune {
                let names = crate::store::communes::set(tx, id, &account.communes).await?;
                summary = format!("{summary}: {names}");
            }
            Ok((id, Some(Audit::of(actor, "create", "user", id.0, summary))))
        })
        .await
}

/// Activates or deactivates an account; a deactivated one is signed out everywhere.
pub async fn set_active(
    writer: &Writer,
    actor: UserId,
    user_id: UserId,
    active: bool,
) -> Result<(), AppError> {
    writer
        .change(async |tx| {
            let changed = sqlx::query("UPDATE users SET active = ?1 WHERE id = ?2")
                .bind(active)
                .bind(user_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if changed == 0 {
                return Err(AppError::NotFound);
            }
            if !active {
                sessions::end_all(tx, actor, user_id).await?;
            }
            let action = if active { "activate" } else { "deactivate" };
            Ok(((), Some(Audit::of(actor, action, "user", user_id.0, ""))))
        })
        .await
}

/// Issues a one-time set-password link for the user, replacing any earlier unused one.
/// With `mail_to_site` (the site's public address, when mail is configured) the link is
/// also queued in the outbox to the account's email. Returns the secret.
pub async fn issue_password_link(
    writer: &Writer,
    actor: Option<UserId>,
    user_id: UserId,
    mail_to_site: Option<&str>,
) -> Result<String, AppError> {
    let secret = token::new_secret();
    writer
        .change(async |tx| {
            let email: String = sqlx::query_scalar("SELECT email FROM users WHERE id = ?1")
                .bind(user_id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(AppError::NotFound)?;
            sqlx::query("UPDATE password_tokens SET used_at = datetime('now') WHERE user_id = ?1 AND used_at IS NULL")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO password_tokens (user_id, token_hash, created_by, expires_at) VALUES (?1, ?2, ?3, datetime('now', ?4))")
                .bind(user_id)
                .bind(token::digest(&secret))
                .bind(actor)
                .bind(format!("+{LINK_VALID_HOURS} hours"))
                .execute(&mut *tx)
                .await?;
            if let Some(site) = mail_to_site {
                let office = crate::store::office::read(&mut *tx).await?;
                let (portal_vi, portal_en) = (office.short_name.vi.as_str(), office.short_name.get(crate::i18n::Lang::En));
                let body = format!(
                    "Xin chào,\n\nĐể đặt mật khẩu cho tài khoản {email} trên cổng {portal_vi}, vui lòng mở liên kết sau (dùng được một lần, trong {LINK_VALID_HOURS} giờ):\n\n{site}/set-password/{secret}\n\nNếu bạn không yêu cầu, xin bỏ qua thư này.\n\n---\n\nTo set the password of your account {email} on the {portal_en} portal, open the link above (single use, valid {LINK_VALID_HOURS} hours). If you did not ask for it, please ignore this email.\n"
                );
                sqlx::query("INSERT INTO outbox (to_addr, subject, body) VALUES (?1, ?2, ?3)")
                    .bind(&email)
                    .bind("Đặt mật khẩu tài khoản OCOP · Set your OCOP password")
                    .bind(body)
                    .execute(&mut *tx)
                    .await?;
            }
            let how = if mail_to_site.is_some() { "emailed" } else { "shown" };
            let audit = Audit::of(actor, "issue_password_link", "user", user_id.0, how);
            Ok(((), Some(audit)))
        })
        .await?;
    Ok(secret)
}

/// The email of the account a set-password link is for, while the link is usable.
pub async fn password_link_email(
    pool: &SqlitePool,
    secret: &str,
) -> Result<Option<String>, AppError> {
    if !token::well_formed(secret) {
        return Ok(None);
    }
    Ok(sqlx::query_scalar(
        "SELECT u.email FROM password_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ?1 AND t.used_at IS NULL AND t.expires_at > datetime('now') AND u.active = 1",
    )
    .bind(token::digest(secret))
    .fetch_optional(pool)
    .await?)
}

/// Sets the password through a link and uses the link up; every session of the account
/// ends. NotFound when the link is unknown, used or expired.
pub async fn use_password_link(
    writer: &Writer,
    secret: &str,
    new_hash: &str,
) -> Result<UserId, AppError> {
    if !token::well_formed(secret) {
        return Err(AppError::NotFound);
    }
    writer
        .change(async |tx| {
            let user_id: UserId = sqlx::query_scalar(
                "UPDATE password_tokens SET used_at = datetime('now')
                 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > datetime('now')
                   AND user_id IN (SELECT id FROM users WHERE active = 1)
                 RETURNING user_id",
            )
            .bind(token::digest(secret))
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
            sqlx::query("UPDATE users SET password_hash = ?1 WHERE id = ?2")
                .bind(new_hash)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            let audit = Audit::of(user_id, "set_password", "user", user_id.0, "through a link");
            Ok((user_id, Some(audit)))
        })
        .await
}
