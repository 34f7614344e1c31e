//! What the producer portal and the staff pages show: plain data from the server.

use serde::{Deserialize, Serialize};

use crate::model::account::Role;
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::ids::{ProducerId, ProductId, UserId};
use crate::model::inquiry::InquiryStatus;
use crate::model::listing::Listing;
use crate::model::listing::RevisionStatus;
use crate::model::moment::Moment;
use crate::model::page::Page;
use crate::model::product::ProductStatus;
use crate::model::profile::{LegalFacts, Profile};
use crate::model::stars::Stars;

/// Where a listing stands with the reviewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Review {
    /// Nothing waiting: the public sees what the producer last had approved.
    Approved,
    Pending,
    Rejected {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnProductLine {
    pub id: ProductId,
    pub slug: String,
    pub name: String,
    pub status: ProductStatus,
    pub review: Review,
    pub image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub src: String,
    pub alt: String,
}

/// The certified facts of a product: shown to its producer, never edited by them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CertifiedFacts {
    pub stars: Stars,
    /// In hundredths of a point.
    pub score: i64,
    pub number: String,
    pub expires_on: Day,
}

/// A listing opened for editing: the latest proposal if one waits or was refused, else the
/// approved version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditableListing {
    /// None for a new listing.
    pub product_id: Option<ProductId>,
    pub slug: String,
    pub status: ProductStatus,
    pub review: Review,
    pub listing: Listing,
    pub photos: Vec<Photo>,
    pub certified: Option<CertifiedFacts>,
    pub sets: Vec<Choice>,
    /// Today's communes, for the sales points.
    pub communes: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ReviewLine {
    pub revision_id: i64,
    pub product_name: String,
    pub producer_name: String,
    pub submitted_at: Moment,
    pub is_new: bool,
}

/// One proposal as the reviewer sees it: approved and proposed side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewDetail {
    pub revision_id: i64,
    pub status: RevisionStatus,
    pub reason: Option<String>,
    pub product_slug: String,
    pub producer_name: String,
    pub submitted_by: String,
    pub submitted_at: Moment,
    pub is_new: bool,
    pub current: Listing,
    pub proposed: Listing,
    pub current_photos: Vec<Photo>,
    pub proposed_photos: Vec<Photo>,
    pub changed: Vec<String>,
    pub sets: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InquiryLine {
    pub id: i64,
    pub name: String,
    pub product_name: Option<String>,
    pub excerpt: String,
    pub status: InquiryStatus,
    pub created_at: Moment,
}

/// How many inquiries the inbox holds of each status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InquiryCounts(pub Vec<(InquiryStatus, i64)>);

impl InquiryCounts {
    pub fn of(&self, status: InquiryStatus) -> i64 {
        self.0
            .iter()
            .find(|(counted, _)| *counted == status)
            .map_or(0, |(_, count)| *count)
    }

    pub fn total(&self) -> i64 {
        self.0.iter().map(|(_, count)| count).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub status: Option<InquiryStatus>,
    pub counts: InquiryCounts,
    pub inquiries: Page<InquiryLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InquiryDetail {
    pub id: i64,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub message: String,
    pub status: InquiryStatus,
    pub created_at: Moment,
    pub product_name: Option<String>,
    pub product_slug: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ExpiringCertificate {
    pub product_name: String,
    pub stars: Stars,
    pub expires_on: Day,
}

/// Something the office told the producer (an application decided, a training place freed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProducerNotice {
    pub text_vi: String,
    pub text_en: String,
    pub created_at: Moment,
    pub event_slug: Option<String>,
}

impl ProducerNotice {
    pub fn text(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.text_vi,
            crate::i18n::Lang::En => &self.text_en,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub producer_name: String,
    pub producer_slug: String,
    pub new_inquiries: i64,
    pub waiting_review: i64,
    pub rejected: i64,
    pub expiring: Vec<ExpiringCertificate>,
    /// Upcoming events it applied or registered for.
    pub events: Vec<crate::model::participation::PortalEvent>,
    pub notices: Vec<ProducerNotice>,
}

/// A producer's record as its editors see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProducerRecord {
    pub id: ProducerId,
    pub slug: String,
    pub active: bool,
    pub profile: Profile,
    pub legal: LegalFacts,
    pub logo: Option<String>,
    pub communes: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProducerLine {
    pub id: ProducerId,
    pub slug: String,
    pub name: String,
    pub entity_type: String,
    pub active: bool,
    pub accounts: i64,
}

/// An account as staff see it in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AccountLine {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub last_login_at: Option<Moment>,
    /// Sessions not yet ended.
    pub sessions: i64,
}

/// The staff page (admins): the office's and the communes' accounts, and the communes an
/// officer may be given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccounts {
    pub accounts: Vec<AccountLine>,
    /// Today's communes.
    pub communes: Vec<crate::model::form::Choice>,
    /// Each officer's communes: (officer, commune, its name).
    pub scopes: Vec<(UserId, i64, String)>,
}
