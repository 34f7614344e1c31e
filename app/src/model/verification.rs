//! What a scan of a certificate's QR code answers (`/verify/{number}`): whether the star is
//! valid today, in one look and in words, and the facts a shop or a market inspector checks it
//! against: the product and its producer, the decision, the validity, the council that
//! recognised it, and for a revoked one the day and the reason.

use serde::{Deserialize, Serialize};

use crate::i18n::{t, Lang};
use crate::model::cycle::status::CouncilLevel;
use crate::model::day::Day;
use crate::model::gtin::Gtin;
use crate::model::stars::Stars;

/// A valid certificate within this many days of its end is said to expire soon, as the staff's
/// list of expiring certificates counts them.
pub const EXPIRING_DAYS: i64 = 90;

/// Where a certificate stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Validity {
    Valid,
    /// Valid, ending within [`EXPIRING_DAYS`].
    Expiring,
    Expired,
    /// Revoked by the office before its end, whatever its dates say.
    Revoked,
}

impl Validity {
    /// A revocation outweighs the dates; an end passed outweighs its nearness.
    pub fn of(revoked: bool, expired: bool, expiring: bool) -> Self {
        match (revoked, expired, expiring) {
            (true, _, _) => Self::Revoked,
            (false, true, _) => Self::Expired,
            (false, false, true) => Self::Expiring,
            (false, false, false) => Self::Valid,
        }
    }

    /// Whether the star may be claimed today.
    pub fn holds(self) -> bool {
        matches!(self, Self::Valid | Self::Expiring)
    }

    /// The word in capitals the page leads with, beside its mark (never the colour alone).
    pub fn headline(self, lang: Lang) -> &'static str {
        match self {
            Self::Valid => t(lang, "CÒN HIỆU LỰC", "VALID"),
            Self::Expiring => t(lang, "CÒN HIỆU LỰC, SẮP HẾT HẠN", "VALID, EXPIRING SOON"),
            Self::Expired => t(lang, "ĐÃ HẾT HIỆU LỰC", "EXPIRED"),
            Self::Revoked => t(lang, "ĐÃ BỊ THU HỒI", "REVOKED"),
        }
    }

    /// The mark beside the headline: ✓ when the star holds, ✗ when it does not, ! when it ends soon.
    pub fn mark(self) -> &'static str {
        match self {
            Self::Valid => "✓",
            Self::Expiring => "!",
            Self::Expired | Self::Revoked => "✗",
        }
    }

    /// The banner's class (its colours, in the style sheet).
    pub fn class(self) -> &'static str {
        match self {
            Self::Valid => "verdict valid",
            Self::Expiring => "verdict expiring",
            Self::Expired => "verdict expired",
            Self::Revoked => "verdict revoked",
        }
    }
}

/// A certificate as its verification page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Verification {
    pub certificate_no: String,
    pub stars: Stars,
    pub issued_on: Day,
    pub expires_on: Day,
    pub revoked_on: Option<Day>,
    pub revoke_reason: Option<String>,
    pub expired: bool,
    pub expiring: bool,
    pub decision_no: Option<String>,
    pub decision_date: Option<Day>,
    pub council_level: CouncilLevel,
    pub product_name: String,
    /// The product's page, while it is published.
    pub product_slug: Option<String>,
    pub producer_name: String,
    /// The producer's page, while it is active.
    pub producer_slug: Option<String>,
    /// The producer's commune as filed, and today's where the 2025 reform changed it.
    pub unit: String,
    pub today_unit: Option<String>,
    /// The product's current certificate, when it is another one that holds today (a
    /// package printed under the old one).
    pub current_no: Option<String>,
}

impl Verification {
    pub fn validity(&self) -> Validity {
        Validity::of(self.revoked_on.is_some(), self.expired, self.expiring)
    }

    /// What the headline means, in a sentence with its dates.
    pub fn said(&self, lang: Lang) -> String {
        let stars = self.stars;
        let until = self.expires_on.shown();
        match (self.validity(), lang) {
            (Validity::Valid | Validity::Expiring, Lang::Vi) => format!(
                "Sản phẩm được công nhận OCOP {stars} sao; giấy chứng nhận có hiệu lực đến hết ngày {until}."
            ),
            (Validity::Valid | Validity::Expiring, Lang::En) => format!(
                "The product is recognised as a {stars}-star OCOP product; the certificate is valid until {until}."
            ),
            (Validity::Expired, Lang::Vi) => format!(
                "Giấy chứng nhận {stars} sao này đã hết hiệu lực ngày {until}: sản phẩm không còn được dùng hạng sao này theo giấy này."
            ),
            (Validity::Expired, Lang::En) => format!(
                "This {stars}-star certificate expired on {until}: the product may no longer claim the star under it."
            ),
            (Validity::Revoked, Lang::Vi) => format!(
                "Giấy chứng nhận {stars} sao này đã bị thu hồi ngày {}: sản phẩm không còn được dùng hạng sao này theo giấy này.",
                self.revoked_on.map(Day::shown).unwrap_or_default()
            ),
            (Validity::Revoked, Lang::En) => format!(
                "This {stars}-star certificate was revoked on {}: the product may no longer claim the star under it.",
                self.revoked_on.map(Day::shown).unwrap_or_default()
            ),
        }
    }
}

/// Which ended certificates the public list shows (`?state=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndedKind {
    #[default]
    Both,
    Revoked,
    Expired,
}

impl EndedKind {
    /// Read from the query; anything else is both kinds.
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some("revoked") => Self::Revoked,
            Some("expired") => Self::Expired,
            _ => Self::Both,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Both => "",
            Self::Revoked => "revoked",
            Self::Expired => "expired",
        }
    }
}

/// A certificate that no longer holds, as the public list and its open data give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EndedCertificate {
    pub certificate_no: String,
    pub stars: Stars,
    pub product: String,
    pub producer: String,
    pub issued_on: Day,
    pub expires_on: Day,
    pub revoked_on: Option<Day>,
    pub revoke_reason: Option<String>,
    /// The day it stopped holding: its revocation's, or the day after its last valid day.
    pub ended_on: Day,
}

impl EndedCertificate {
    pub fn validity(&self) -> Validity {
        if self.revoked_on.is_some() {
            Validity::Revoked
        } else {
            Validity::Expired
        }
    }

    /// The open data's fields, in [`ENDED_FIELDS`]' order.
    pub fn values(&self) -> [String; 9] {
        [
            self.certificate_no.clone(),
            self.stars.to_string(),
            self.product.clone(),
            self.producer.clone(),
            self.issued_on.to_string(),
            self.expires_on.to_string(),
            self.revoked_on
                .map(|day| day.to_string())
                .unwrap_or_default(),
            self.revoke_reason.clone().unwrap_or_default(),
            self.ended_on.to_string(),
        ]
    }
}

/// The open data's columns of the ended certificates (CSV headers, JSON keys).
pub const ENDED_FIELDS: [&str; 9] = [
    "certificate_no",
    "stars",
    "product",
    "producer",
    "issued_on",
    "expires_on",
    "revoked_on",
    "revoke_reason",
    "ended_on",
];

/// The address of a certificate's verification page, its number encoded as a path segment
/// (an office's numbers may hold a slash).
pub fn path(certificate_no: &str) -> String {
    format!(
        "/verify/{}",
        crate::model::catalogue::encode(certificate_no)
    )
}

/// Where a product's QR code leads, so that a scan proves its star rather than shows a shop
/// window: its GS1 Digital Link when it has a GTIN, its certificate's page otherwise, and its
/// own page only while it has no certificate. Neither of the first two holds the product's
/// slug, so a printed code keeps working when the product is renamed.
pub fn scan_path(gtin: Option<&Gtin>, certificate_no: Option<&str>, slug: &str) -> String {
    match (gtin, certificate_no) {
        (Some(gtin), Some(_)) => gtin.digital_link_path(),
        (None, Some(number)) => path(number),
        (_, None) => format!("/products/{slug}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_products_qr_code_leads_to_its_proof() {
        let gtin = Gtin::parse("8936046820031").ok();
        assert_eq!(
            scan_path(gtin.as_ref(), Some("12/GCN"), "tra"),
            "/01/08936046820031"
        );
        assert_eq!(scan_path(None, Some("12/GCN"), "tra"), "/verify/12%2FGCN");
        assert_eq!(scan_path(gtin.as_ref(), None, "tra"), "/products/tra");
    }

    #[test]
    fn a_revocation_outweighs_the_dates_and_an_end_passed_its_nearness() {
        assert_eq!(Validity::of(true, false, false), Validity::Revoked);
        assert_eq!(Validity::of(true, true, true), Validity::Revoked);
        assert_eq!(Validity::of(false, true, true), Validity::Expired);
        assert_eq!(Validity::of(false, false, true), Validity::Expiring);
        assert_eq!(Validity::of(false, false, false), Validity::Valid);
        assert!(Validity::Expiring.holds());
        assert!(!Validity::Revoked.holds());
    }

    #[test]
    fn a_number_with_a_slash_stays_one_segment_of_the_address() {
        assert_eq!(path("QT-2026-0001"), "/verify/QT-2026-0001");
        assert_eq!(path("12/GCN-UBND"), "/verify/12%2FGCN-UBND");
    }
}
