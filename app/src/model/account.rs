//! Who is asking: the signed-in account of a request, and what each role may do.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Admin,
    Staff,
    Producer,
}

impl Role {
    pub fn from_db(value: &str) -> Option<Self> {
        match value {
            "admin" => Some(Self::Admin),
            "staff" => Some(Self::Staff),
            "producer" => Some(Self::Producer),
            _ => None,
        }
    }

    pub fn as_db(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Producer => "producer",
        }
    }

    /// Where an account of this role starts after signing in.
    pub fn home(self) -> &'static str {
        match self {
            Self::Producer => "/portal",
            Self::Admin | Self::Staff => "/admin",
        }
    }
}

/// The signed-in account, with the counts its navigation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: i64,
    pub display_name: String,
    pub role: Role,
    /// The producer a producer account speaks for; None for staff.
    pub producer_id: Option<i64>,
    /// New inquiries (producers) or listings waiting for review (staff).
    pub waiting: i64,
}

impl Viewer {
    /// The producer this account runs; staff have their own pages and no portal.
    pub fn own_producer(&self) -> Result<i64, AppError> {
        match (self.role, self.producer_id) {
            (Role::Producer, Some(id)) => Ok(id),
            _ => Err(AppError::Forbidden),
        }
    }

    pub fn require_staff(&self) -> Result<(), AppError> {
        match self.role {
            Role::Admin | Role::Staff => Ok(()),
            Role::Producer => Err(AppError::Forbidden),
        }
    }

    pub fn require_admin(&self) -> Result<(), AppError> {
        match self.role {
            Role::Admin => Ok(()),
            _ => Err(AppError::Forbidden),
        }
    }

    /// Where this account starts after signing in.
    pub fn home(&self) -> &'static str {
        self.role.home()
    }
}

/// Not signed in: the caller is asked to sign in.
pub fn signed_in(viewer: Option<Viewer>) -> Result<Viewer, AppError> {
    viewer.ok_or(AppError::Unauthorized)
}

pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// The rules every new password meets, except the common-password list, which only the
/// server holds. `field` names the form field the messages belong to.
pub fn password_shape_problems(field: &str, password: &str, confirmation: &str) -> Vec<FieldError> {
    let length = password.chars().count();
    let mut problems = Vec::new();
    if length < PASSWORD_MIN_CHARS {
        problems.push(FieldError::new(
            field,
            "Mật khẩu cần ít nhất 10 ký tự.",
            "The password needs at least 10 characters.",
        ));
    } else if length > PASSWORD_MAX_CHARS {
        problems.push(FieldError::new(
            field,
            "Mật khẩu dài tối đa 128 ký tự.",
            "The password can have at most 128 characters.",
        ));
    }
    if password != confirmation {
        problems.push(FieldError::new(
            "confirmation",
            "Hai lần nhập mật khẩu không khớp nhau.",
            "The two passwords do not match.",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(role: Role, producer_id: Option<i64>) -> Viewer {
        Viewer {
            user_id: 1,
            display_name: "x".into(),
            role,
            producer_id,
            waiting: 0,
        }
    }

    #[test]
    fn each_role_reaches_only_its_own_side() {
        assert_eq!(viewer(Role::Producer, Some(7)).own_producer(), Ok(7));
        assert_eq!(
            viewer(Role::Staff, None).own_producer(),
            Err(AppError::Forbidden)
        );
        assert!(viewer(Role::Staff, None).require_staff().is_ok());
        assert!(viewer(Role::Producer, Some(7)).require_staff().is_err());
        assert!(viewer(Role::Staff, None).require_admin().is_err());
        assert!(viewer(Role::Admin, None).require_admin().is_ok());
        assert_eq!(signed_in(None), Err(AppError::Unauthorized));
    }

    #[test]
    fn passwords_are_measured_in_characters_and_confirmed() {
        assert!(password_shape_problems("password", "mật khẩu ổn", "mật khẩu ổn").is_empty());
        assert_eq!(password_shape_problems("password", "ngắn", "ngắn").len(), 1);
        let long = "a".repeat(129);
        assert_eq!(password_shape_problems("password", &long, &long).len(), 1);
        let problems = password_shape_problems("password", "đủ dài rồi nhé", "khác hẳn nhé!");
        assert_eq!(problems[0].field, "confirmation");
    }
}
