//! The statuses and kinds of a cycle's aggregates: a registration's life and kind, the
//! council levels, a dossier item's status, a certificate's outcome, a cycle's stage.

use crate::i18n::{t, Lang};
use crate::model::stars::Stars;
use crate::model::status::text_enum;

text_enum! {
    /// A product registered for a year's OCOP cycle: registered → dossier complete → (under
    /// 1489, proposed by its commune →) appraised eligible (or not) → evaluated → recognised
    /// (or not); withdrawn from any open state.
    RegistrationStatus {
        Registered = "registered",
        DossierComplete = "dossier_complete",
        /// The commune reviewed the dossier and proposes it to the province (1489/2025).
        Proposed = "proposed",
        Eligible = "eligible",
        NotEligible = "not_eligible",
        /// Scored by the council that may recognise its star; the decision is to come.
        Evaluated = "evaluated",
        Recognised = "recognised",
        NotRecognised = "not_recognised",
        Withdrawn = "withdrawn",
    }
}

impl RegistrationStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Registered => t(lang, "Đã đăng ký", "Registered"),
            Self::DossierComplete => t(lang, "Hồ sơ đầy đủ", "Dossier complete"),
            Self::Proposed => t(lang, "Xã đã đề xuất lên tỉnh", "Proposed by the commune"),
            Self::Eligible => t(lang, "Đủ điều kiện đánh giá", "Eligible"),
            Self::NotEligible => t(lang, "Không đủ điều kiện", "Not eligible"),
            Self::Evaluated => t(
                lang,
                "Đã chấm điểm, chờ quyết định",
                "Scored, awaiting the decision",
            ),
            Self::Recognised => t(lang, "Được công nhận", "Recognised"),
            Self::NotRecognised => t(lang, "Không được công nhận", "Not recognised"),
            Self::Withdrawn => t(lang, "Đã rút", "Withdrawn"),
        }
    }

    /// Still on its way: it may be withdrawn.
    pub fn open(self) -> bool {
        matches!(
            self,
            Self::Registered
                | Self::DossierComplete
                | Self::Proposed
                | Self::Eligible
                | Self::Evaluated
        )
    }

    /// The moves of its life (the database's `registration_moves` holds the same, and its
    /// trigger refuses any other).
    pub fn may_become(self, next: Self) -> bool {
        use RegistrationStatus::*;
        next == Withdrawn && self.open()
            || matches!(
                (self, next),
                (Registered, DossierComplete)
                    | (
                        DossierComplete,
                        Registered | Proposed | Eligible | NotEligible
                    )
                    | (Proposed, Eligible | NotEligible)
                    | (Eligible, Evaluated | NotRecognised)
                    | (Evaluated, Recognised)
            )
    }
}

text_enum! {
    /// Where a product's idea came from, as the commune found it.
    IdeaOrigin {
        /// The locality's own idea or tradition.
        Local = "local",
        /// Adapted from a product of elsewhere to local materials.
        Adapted = "adapted",
        /// Brought in from elsewhere.
        Outside = "outside",
    }
}

impl IdeaOrigin {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Local => t(
                lang,
                "Ý tưởng, truyền thống của địa phương",
                "The locality's own idea or tradition",
            ),
            Self::Adapted => t(
                lang,
                "Cải tiến từ sản phẩm nơi khác, dùng nguyên liệu địa phương",
                "Adapted from elsewhere to local materials",
            ),
            Self::Outside => t(lang, "Du nhập từ nơi khác", "Brought in from elsewhere"),
        }
    }
}

text_enum! {
    /// What a commune decided on a dossier it reviewed.
    ReviewOutcome {
        /// Proposed to the province for appraisal and evaluation.
        Proposed = "proposed",
        /// Sent back to the producer with a reason.
        Returned = "returned",
    }
}

impl ReviewOutcome {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Proposed => t(lang, "Đề xuất lên tỉnh", "Proposed to the province"),
            Self::Returned => t(lang, "Trả lại hồ sơ", "Sent back"),
        }
    }
}

text_enum! {
    /// A new product (form 01) or one already on the market (form 02).
    RegistrationKind {
        New = "new",
        Existing = "existing",
    }
}

impl RegistrationKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::New => t(lang, "Sản phẩm mới", "New product"),
            Self::Existing => t(lang, "Sản phẩm đã có", "Existing product"),
        }
    }
}

text_enum! {
    /// The level of an evaluation council, lowest first.
    CouncilLevel {
        District = "district",
        Province = "province",
        Central = "central",
    }
}

/// Lowest first: a product goes up the levels.
impl PartialOrd for CouncilLevel {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CouncilLevel {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let rank = |level: &Self| Self::ALL.iter().position(|l| l == level);
        rank(self).cmp(&rank(other))
    }
}

impl CouncilLevel {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::District => t(lang, "Cấp huyện", "District"),
            Self::Province => t(lang, "Cấp tỉnh", "Province"),
            Self::Central => t(lang, "Cấp trung ương", "Central"),
        }
    }
}

text_enum! {
    /// Where one item of a dossier stands; an item without a row is missing.
    ItemStatus {
        /// Uploaded by the producer, not yet checked.
        Submitted = "submitted",
        Received = "received",
        /// Staff asked for a correction, with a note.
        Correction = "correction",
    }
}

impl ItemStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Submitted => t(lang, "Đã nộp, chờ kiểm tra", "Submitted, to be checked"),
            Self::Received => t(lang, "Đã nhận", "Received"),
            Self::Correction => t(lang, "Cần bổ sung, sửa", "Correction asked"),
        }
    }
}

text_enum! {
    /// What a certificate is beside the product's one before.
    CertificateOutcome {
        New = "new",
        Recertified = "recertified",
        Upgraded = "upgraded",
        Downgraded = "downgraded",
    }
}

impl CertificateOutcome {
    /// From the stars of the product's previous certificate, if it had one.
    pub fn of(previous: Option<Stars>, stars: Stars) -> Self {
        match previous {
            None => Self::New,
            Some(before) if stars > before => Self::Upgraded,
            Some(before) if stars < before => Self::Downgraded,
            Some(_) => Self::Recertified,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::New => t(lang, "Công nhận mới", "New"),
            Self::Recertified => t(lang, "Công nhận lại", "Re-certified"),
            Self::Upgraded => t(lang, "Nâng hạng", "Upgraded"),
            Self::Downgraded => t(lang, "Hạ hạng", "Downgraded"),
        }
    }
}

text_enum! {
    /// The stage a year's cycle is at.
    CycleStage {
        Publicity = "publicity",
        Registration = "registration",
        BusinessPlan = "business_plan",
        Appraisal = "appraisal",
        Evaluation = "evaluation",
        Recognition = "recognition",
        Promotion = "promotion",
        Closed = "closed",
    }
}

impl CycleStage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Publicity => t(lang, "Tuyên truyền, hướng dẫn", "Publicity and guidance"),
            Self::Registration => t(lang, "Nhận đăng ký", "Registration"),
            Self::BusinessPlan => t(lang, "Phương án kinh doanh", "Business plans"),
            Self::Appraisal => t(lang, "Thẩm định", "Appraisal"),
            Self::Evaluation => t(lang, "Đánh giá, phân hạng", "Evaluation"),
            Self::Recognition => t(lang, "Công nhận", "Recognition"),
            Self::Promotion => t(lang, "Xúc tiến thương mại", "Promotion"),
            Self::Closed => t(lang, "Đã kết thúc", "Closed"),
        }
    }

    /// Producers may register their products.
    pub fn takes_registrations(self) -> bool {
        matches!(self, Self::Publicity | Self::Registration)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stars(n: u8) -> Stars {
        Stars::new(n).expect("a rating of 1 to 5")
    }

    #[test]
    fn a_certificate_says_how_it_compares_with_the_one_before() {
        assert_eq!(
            CertificateOutcome::of(None, stars(3)),
            CertificateOutcome::New
        );
        assert_eq!(
            CertificateOutcome::of(Some(stars(3)), stars(3)),
            CertificateOutcome::Recertified
        );
        assert_eq!(
            CertificateOutcome::of(Some(stars(3)), stars(4)),
            CertificateOutcome::Upgraded
        );
        assert_eq!(
            CertificateOutcome::of(Some(stars(5)), stars(4)),
            CertificateOutcome::Downgraded
        );
    }

    #[test]
    fn a_registration_moves_only_along_its_life() {
        use RegistrationStatus::*;
        assert!(Registered.may_become(DossierComplete));
        assert!(!Registered.may_become(Eligible));
        assert!(Evaluated.may_become(Withdrawn));
        assert!(!Recognised.may_become(Withdrawn));
        assert!(!NotEligible.may_become(Eligible));
        assert!(!Withdrawn.may_become(Registered));
        assert!(DossierComplete.may_become(Proposed));
        assert!(Proposed.may_become(Eligible));
        assert!(Proposed.may_become(Withdrawn));
        assert!(!Registered.may_become(Proposed));
        assert!(!Proposed.may_become(DossierComplete));
    }
}
