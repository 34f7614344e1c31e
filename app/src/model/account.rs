//! Who is asking: the signed-in account of a request, and what each role may do.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::ids::{ProducerId, UserId};

crate::model::status::text_enum! {
    /// What an account is for.
    Role {
        /// Staff, and staff accounts and settings.
        Admin = "admin",
        /// The provincial OCOP office.
        Staff = "staff",
        /// A commune People's Committee's officer (1489/2025): its communes' producers and
        /// their dossiers, which it reviews and proposes to the province.
        Commune = "commune",
        /// One producer's own pages.
        Producer = "producer",
    }
}

impl Role {
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::t;
        match self {
            Self::Admin => t(lang, "quản trị viên", "administrator"),
            Self::Staff => t(lang, "cán bộ", "staff"),
            Self::Commune => t(lang, "cán bộ xã", "commune officer"),
            Self::Producer => t(lang, "nhà sản xuất", "producer"),
        }
    }

    /// Where an account of this role starts after signing in.
    pub fn home(self) -> &'static str {
        match self {
            Self::Producer => "/portal",
            Self::Commune => "/commune",
            Self::Admin | Self::Staff => "/admin",
        }
    }
}

/// The signed-in account, with the counts its navigation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: UserId,
    pub display_name: String,
    pub role: Role,
    /// The producer a producer account speaks for; None for staff.
    pub producer_id: Option<ProducerId>,
    /// New inquiries (producers), dossiers waiting for the commune's review (commune
    /// officers) or listings waiting for review (staff).
    pub waiting: i64,
}

/// A staff member or an admin: what the guard of a staff action yields. Its fields are
/// private, so only a guard (through [`Viewer::staff`]) makes one: holding a `Staff` is the
/// proof that a staff account asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Staff {
    user_id: UserId,
    role: Role,
}

/// An admin: what the guard of an admin action yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Admin {
    user_id: UserId,
}

/// A commune officer: what the guard of a commune action yields. Which communes it works for
/// is not carried here but read in the SQL (`officer_units`), so a scope an admin changes
/// holds from the next request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Officer {
    user_id: UserId,
}

/// A producer's account and the producer it speaks for: what the guard of a portal action
/// yields. The producer comes from the session, never from the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Producer {
    user_id: UserId,
    producer_id: ProducerId,
}

/// Who acts on a record several sides may change: the store takes it where a rule differs
/// between the office, a commune and the producer (staff may register until the cycle closes,
/// a producer or a commune only while it takes registrations), and the SQL keeps a producer
/// to its own rows and an officer to its communes' producers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Staff(Staff),
    Officer(Officer),
    Producer(Producer),
}

impl Staff {
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    pub fn role(&self) -> Role {
        self.role
    }
}

impl Admin {
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    /// An admin is a staff member too.
    pub fn staff(&self) -> Staff {
        Staff {
            user_id: self.user_id,
            role: Role::Admin,
        }
    }
}

impl Officer {
    pub fn user_id(&self) -> UserId {
        self.user_id
    }
}

impl Producer {
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    pub fn producer_id(&self) -> ProducerId {
        self.producer_id
    }
}

impl Actor {
    /// The account that acts, for the audit log.
    pub fn user_id(&self) -> UserId {
        match self {
            Actor::Staff(staff) => staff.user_id,
            Actor::Officer(officer) => officer.user_id,
            Actor::Producer(producer) => producer.user_id,
        }
    }

    /// The producer whose rows alone the actor may touch; None for the office, which may
    /// touch every producer's. Bound into the SQL as `(?n IS NULL OR producer_id = ?n)`.
    pub fn own_producer(&self) -> Option<ProducerId> {
        match self {
            Actor::Staff(_) | Actor::Officer(_) => None,
            Actor::Producer(producer) => Some(producer.producer_id),
        }
    }

    /// The officer whose communes' producers alone the actor may touch; None for the office
    /// and a producer. Bound into the SQL by `store::communes::in_communes!`.
    pub fn officer(&self) -> Option<UserId> {
        match self {
            Actor::Officer(officer) => Some(officer.user_id),
            Actor::Staff(_) | Actor::Producer(_) => None,
        }
    }

    pub fn is_staff(&self) -> bool {
        matches!(self, Actor::Staff(_))
    }
}

impl From<Staff> for Actor {
    fn from(staff: Staff) -> Actor {
        Actor::Staff(staff)
    }
}

impl From<Officer> for Actor {
    fn from(officer: Officer) -> Actor {
        Actor::Officer(officer)
    }
}

impl From<Producer> for Actor {
    fn from(producer: Producer) -> Actor {
        Actor::Producer(producer)
    }
}

impl Viewer {
    pub fn staff(&self) -> Result<Staff, AppError> {
        match self.role {
            Role::Admin | Role::Staff => Ok(Staff {
                user_id: self.user_id,
                role: self.role,
            }),
            Role::Commune | Role::Producer => Err(AppError::Forbidden),
        }
    }

    pub fn admin(&self) -> Result<Admin, AppError> {
        match self.role {
            Role::Admin => Ok(Admin {
                user_id: self.user_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    pub fn officer(&self) -> Result<Officer, AppError> {
        match self.role {
            Role::Commune => Ok(Officer {
                user_id: self.user_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    /// The producer this account runs; staff have their own pages and no portal.
    pub fn producer(&self) -> Result<Producer, AppError> {
        match (self.role, self.producer_id) {
            (Role::Producer, Some(producer_id)) => Ok(Producer {
                user_id: self.user_id,
                producer_id,
            }),
            _ => Err(AppError::Forbidden),
        }
    }

    /// Where this account starts after signing in.
    pub fn home(&self) -> &'static str {
        self.role.home()
    }

    /// The places of the site's private side this account may open, for its navigation.
    pub fn may_open(&self, place: Place) -> bool {
        match place {
            Place::Portal => self.producer().is_ok(),
            Place::Staff => self.staff().is_ok(),
            Place::Commune => self.officer().is_ok(),
            Place::Admin => self.admin().is_ok(),
            Place::Account => true,
        }
    }
}

/// Who a private page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A producer's own pages.
    Portal,
    /// The staff pages.
    Staff,
    /// The staff pages for admins only.
    Admin,
    /// A commune officer's pages.
    Commune,
    /// One's own account, whoever one is.
    Account,
}

impl Staff {
    /// Staff manage producers' accounts; only admins manage staff and admin accounts.
    pub fn may_manage(&self, account: Role) -> Result<(), AppError> {
        match (account, self.role) {
            (Role::Producer, _) | (_, Role::Admin) => Ok(()),
            _ => Err(AppError::Forbidden),
        }
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
            user_id: UserId(1),
            display_name: "x".into(),
            role,
            producer_id: producer_id.map(ProducerId),
            waiting: 0,
        }
    }

    #[test]
    fn each_role_reaches_only_its_own_side() {
        assert_eq!(
            viewer(Role::Producer, Some(7))
                .producer()
                .map(|p| p.producer_id),
            Ok(ProducerId(7))
        );
        assert_eq!(
            viewer(Role::Staff, None).producer(),
            Err(AppError::Forbidden)
        );
        assert!(viewer(Role::Staff, None).staff().is_ok());
        assert!(viewer(Role::Producer, Some(7)).staff().is_err());
        assert!(viewer(Role::Staff, None).admin().is_err());
        assert!(viewer(Role::Admin, None).admin().is_ok());
        assert!(viewer(Role::Commune, None).officer().is_ok());
        assert!(viewer(Role::Commune, None).staff().is_err());
        assert!(viewer(Role::Staff, None).officer().is_err());
        assert_eq!(signed_in(None), Err(AppError::Unauthorized));
    }

    #[test]
    fn staff_manage_producer_accounts_and_only_admins_staff_accounts() {
        let staff = viewer(Role::Staff, None).staff().unwrap();
        let admin = viewer(Role::Admin, None).staff().unwrap();
        assert!(staff.may_manage(Role::Producer).is_ok());
        assert_eq!(staff.may_manage(Role::Staff), Err(AppError::Forbidden));
        assert_eq!(staff.may_manage(Role::Admin), Err(AppError::Forbidden));
        assert!(admin.may_manage(Role::Staff).is_ok());
        assert!(admin.may_manage(Role::Admin).is_ok());
    }

    #[test]
    fn the_navigation_offers_only_the_places_one_may_open() {
        use Place::*;
        let offered =
            |v: Viewer| [Portal, Staff, Admin, Commune, Account].map(|place| v.may_open(place));
        assert_eq!(
            offered(viewer(Role::Producer, Some(7))),
            [true, false, false, false, true]
        );
        assert_eq!(
            offered(viewer(Role::Staff, None)),
            [false, true, false, false, true]
        );
        assert_eq!(
            offered(viewer(Role::Admin, None)),
            [false, true, true, false, true]
        );
        assert_eq!(
            offered(viewer(Role::Commune, None)),
            [false, false, false, true, true]
        );
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
