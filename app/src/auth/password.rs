//! Password hashing with argon2id at the crate's default cost.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::{AppError, FieldError};
use crate::model::account::password_shape_problems;
use crate::model::form::refuse_if_any;

const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Whether the password is on the shipped list of common ones (any letter case).
pub fn is_common(password: &str) -> bool {
    let lowered = password.to_lowercase();
    COMMON_PASSWORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|line| line == lowered)
}

/// Every rule a new password meets; `field` names the form field the messages belong to.
pub fn check_new(field: &str, password: &str, confirmation: &str) -> Result<(), AppError> {
    let mut problems = password_shape_problems(field, password, confirmation);
    if problems.iter().all(|p| p.field != field) && is_common(password) {
        problems.push(FieldError::new(
            field,
            "Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.",
            "This password is too common and easy to guess. Please choose another.",
        ));
    }
    refuse_if_any(problems)
}

/// Checked against when the email is unknown, so that answering takes as long as for a
/// wrong password and timing tells nothing about which emails have accounts.
pub fn verify_nothing(password: &str) {
    if let Some(stored) = dummy_hash() {
        let _ = verify(password, stored);
    }
}

fn dummy_hash() -> Option<&'static str> {
    static DUMMY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    DUMMY
        .get_or_init(|| hash("no account has this password").ok())
        .as_deref()
}

/// Makes the dummy hash before the first sign-in, which would otherwise take longer for an
/// unknown email than for a known one.
pub fn prepare() {
    let _ = dummy_hash();
}

pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            AppError::Internal
        })
}

/// False for a wrong password and for a stored hash that cannot be read (an account whose
/// password is not set yet), which takes as long as a wrong password, so timing does not tell
/// such accounts apart.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => {
            verify_nothing(password);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let stored = hash("mật khẩu dài đủ 10").unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("mật khẩu dài đủ 10", &stored));
        assert!(!verify("mat khau dai du 10", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn common_and_short_passwords_are_refused() {
        assert!(is_common("Password123"));
        assert!(is_common("matkhau123"));
        assert!(check_new("password", "1234567890", "1234567890").is_err());
        assert!(check_new("password", "ngắn", "ngắn").is_err());
        assert!(check_new(
            "password",
            "cá chuồn nướng than hoa",
            "cá chuồn nướng than hoa"
        )
        .is_ok());
    }
}
