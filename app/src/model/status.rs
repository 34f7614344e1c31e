//! Statuses and kinds as types: each is written once, here, as the text the database stores
//! (the schema's CHECK constraints name the same values), and read back through sqlx as the
//! enum. Rust code never compares status strings.

use crate::i18n::{t, Lang};

/// An enum stored as text: `as_db` and `from_db` are its only spellings, serde and sqlx go
/// through them.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(into = "&'static str", try_from = "String")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_db(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            pub fn from_db(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_db())
            }
        }

        impl From<$name> for &'static str {
            fn from(value: $name) -> Self {
                value.as_db()
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(text: String) -> Result<Self, String> {
                Self::from_db(&text).ok_or_else(|| format!("not a {}: {text:?}", stringify!($name)))
            }
        }

        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <&str as sqlx::Type<sqlx::Sqlite>>::type_info()
            }

            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <&str as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Sqlite>>::encode(self.as_db(), buf)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                Ok(Self::try_from(text.to_owned())?)
            }
        }
    };
}

pub(crate) use text_enum;

text_enum! {
    /// Whether the public sees a product.
    ProductStatus {
        /// Never approved yet: only its producer and staff see it.
        Draft = "draft",
        Published = "published",
        /// Withdrawn from the public by its producer.
        Hidden = "hidden",
    }
}

impl ProductStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Draft => t(lang, "Chưa công khai", "Not public yet"),
            Self::Published => t(lang, "Đang hiển thị", "Public"),
            Self::Hidden => t(lang, "Đã ẩn", "Hidden"),
        }
    }
}

text_enum! {
    /// A proposed version of a listing, before staff.
    RevisionStatus {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
        /// Replaced by a newer proposal before anyone decided.
        Superseded = "superseded",
    }
}

impl RevisionStatus {
    /// How a reviewer's decision reads, for a proposal no longer waiting.
    pub fn decision_label(self, lang: Lang) -> &'static str {
        match self {
            Self::Pending => t(lang, "đang chờ duyệt", "waiting for review"),
            Self::Approved => t(lang, "đã duyệt", "approved"),
            Self::Rejected => t(lang, "đã từ chối", "rejected"),
            Self::Superseded => t(
                lang,
                "đã được thay bằng đề xuất mới hơn",
                "replaced by a newer proposal",
            ),
        }
    }
}

text_enum! {
    /// A consumer's inquiry in its producer's inbox.
    InquiryStatus {
        New = "new",
        Read = "read",
        Answered = "answered",
        Closed = "closed",
    }
}

impl InquiryStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::New => t(lang, "Mới", "New"),
            Self::Read => t(lang, "Đã đọc", "Read"),
            Self::Answered => t(lang, "Đã trả lời", "Answered"),
            Self::Closed => t(lang, "Đã đóng", "Closed"),
        }
    }
}

text_enum! {
    /// What kind of event a fair, exhibition or training is.
    EventKind {
        Fair = "fair",
        Exhibition = "exhibition",
        Festival = "festival",
        /// A booth at a conference.
        Conference = "conference",
        /// A showroom or shop of OCOP products.
        Showroom = "showroom",
        Training = "training",
    }
}

impl EventKind {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Fair => t(lang, "Hội chợ", "Fair"),
            Self::Exhibition => t(lang, "Triển lãm", "Exhibition"),
            Self::Festival => t(lang, "Lễ hội", "Festival"),
            Self::Conference => t(lang, "Gian hàng tại hội nghị", "Conference booth"),
            Self::Showroom => t(lang, "Điểm giới thiệu sản phẩm", "Showroom"),
            Self::Training => t(lang, "Tập huấn", "Training"),
        }
    }
}

text_enum! {
    /// Where an event is in its life: draft → published → applications closed → finished, or
    /// cancelled (with a reason shown publicly).
    EventStatus {
        /// Seen by staff only.
        Draft = "draft",
        /// Public, and open for applications until its deadline.
        Published = "published",
        /// Public; applications no longer taken.
        Closed = "closed",
        Finished = "finished",
        Cancelled = "cancelled",
    }
}

impl EventStatus {
    /// The statuses the public sees.
    pub const PUBLIC: [Self; 4] = [
        Self::Published,
        Self::Closed,
        Self::Finished,
        Self::Cancelled,
    ];

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Draft => t(lang, "Bản nháp", "Draft"),
            Self::Published => t(lang, "Đang nhận đăng ký", "Open"),
            Self::Closed => t(lang, "Đã hết hạn đăng ký", "Applications closed"),
            Self::Finished => t(lang, "Đã diễn ra", "Finished"),
            Self::Cancelled => t(lang, "Đã huỷ", "Cancelled"),
        }
    }

    /// The moves staff may make: publish a draft, close applications (and open them again),
    /// finish an event that took place, cancel one that has not.
    pub fn may_become(self, next: Self) -> bool {
        use EventStatus::*;
        matches!(
            (self, next),
            (Draft, Published)
                | (Published, Closed)
                | (Closed, Published)
                | (Published | Closed, Finished)
                | (Draft | Published | Closed, Cancelled)
        )
    }
}

text_enum! {
    /// A booth on an event's floor plan.
    BoothStatus {
        Available = "available",
        Reserved = "reserved",
        Assigned = "assigned",
        Blocked = "blocked",
    }
}

impl BoothStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Available => t(lang, "Còn trống", "Available"),
            Self::Reserved => t(lang, "Đã giữ chỗ", "Reserved"),
            Self::Assigned => t(lang, "Đã xếp", "Assigned"),
            Self::Blocked => t(lang, "Không sử dụng", "Blocked"),
        }
    }
}

text_enum! {
    /// A producer's application for a booth.
    ApplicationStatus {
        Submitted = "submitted",
        /// Accepted, with a booth.
        Approved = "approved",
        /// Accepted if a booth frees up.
        Waitlisted = "waitlisted",
        Rejected = "rejected",
        /// Withdrawn by the producer.
        Withdrawn = "withdrawn",
    }
}

impl ApplicationStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Submitted => t(lang, "đang chờ xét", "submitted"),
            Self::Approved => t(lang, "đã được duyệt", "approved"),
            Self::Waitlisted => t(lang, "trong danh sách chờ", "on the waiting list"),
            Self::Rejected => t(lang, "bị từ chối", "rejected"),
            Self::Withdrawn => t(lang, "đã rút", "withdrawn"),
        }
    }

    /// Still in play: the producer may change or withdraw it before the deadline.
    pub fn open(self) -> bool {
        matches!(self, Self::Submitted | Self::Waitlisted)
    }

    /// The moves of an application: staff approve (with a booth), put on the waiting list or
    /// reject what is open; an approved one may move to another booth, be vacated back to the
    /// waiting list, or be rejected; the producer withdraws anything not yet decided against,
    /// and may apply again after withdrawing. A rejection is final.
    pub fn may_become(self, next: Self) -> bool {
        use ApplicationStatus::*;
        matches!(
            (self, next),
            (Submitted | Waitlisted, Approved | Rejected | Withdrawn)
                | (Submitted, Waitlisted)
                | (Approved, Approved | Waitlisted | Rejected | Withdrawn)
                | (Withdrawn, Submitted)
        )
    }
}

text_enum! {
    /// Who a training event is for.
    Audience {
        CommuneStaff = "commune_staff",
        Producers = "producers",
        Both = "both",
    }
}

impl Audience {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::CommuneStaff => t(lang, "Cán bộ cấp xã", "Commune staff"),
            Self::Producers => t(lang, "Chủ thể OCOP", "Producers"),
            Self::Both => t(
                lang,
                "Cán bộ cấp xã và chủ thể OCOP",
                "Commune staff and producers",
            ),
        }
    }
}

text_enum! {
    /// A place at a training event.
    PlaceStatus {
        Registered = "registered",
        /// Past capacity: moves up, in order, when a place frees.
        Waiting = "waiting",
        Cancelled = "cancelled",
    }
}

impl PlaceStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Registered => t(lang, "Đã đăng ký", "Registered"),
            Self::Waiting => t(lang, "Danh sách chờ", "Waiting list"),
            Self::Cancelled => t(lang, "Đã huỷ", "Cancelled"),
        }
    }
}

text_enum! {
    /// A product registered for a year's OCOP cycle: registered → dossier complete → appraised
    /// eligible (or not) → evaluated → recognised (or not); withdrawn from any open state.
    RegistrationStatus {
        Registered = "registered",
        DossierComplete = "dossier_complete",
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
            Self::Registered | Self::DossierComplete | Self::Eligible | Self::Evaluated
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
                    | (DossierComplete, Registered | Eligible | NotEligible)
                    | (Eligible, Evaluated | NotRecognised)
                    | (Evaluated, Recognised)
            )
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
    pub fn of(previous: Option<u8>, stars: u8) -> Self {
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

text_enum! {
    /// What a news post is about; the public news list can be read by tag.
    NewsTag {
        /// Publicity of the programme and its products.
        Publicity = "publicity",
        Training = "training",
        TradePromotion = "trade_promotion",
        /// The yearly OCOP cycle: registration, evaluation, results.
        Cycle = "cycle",
    }
}

impl NewsTag {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Publicity => t(lang, "Tuyên truyền", "Publicity"),
            Self::Training => t(lang, "Tập huấn", "Training"),
            Self::TradePromotion => t(lang, "Xúc tiến thương mại", "Trade promotion"),
            Self::Cycle => t(lang, "Đánh giá, phân hạng", "OCOP cycle"),
        }
    }
}

text_enum! {
    /// Where a news post stands for its readers. The database keeps draft or published with a
    /// publication time; a published post whose time has not come is scheduled, and only the
    /// public queries' comparison with the clock tells the two apart.
    NewsState {
        /// Seen by staff only.
        Draft = "draft",
        /// Published from its time on, not yet public.
        Scheduled = "scheduled",
        Published = "published",
    }
}

impl NewsState {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Draft => t(lang, "Bản nháp", "Draft"),
            Self::Scheduled => t(lang, "Hẹn giờ công bố", "Scheduled"),
            Self::Published => t(lang, "Đã công bố", "Published"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_what_it_writes() {
        fn round_trip<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            as_db: fn(T) -> &'static str,
            from_db: fn(&str) -> Option<T>,
        ) {
            for value in all {
                assert_eq!(from_db(as_db(*value)), Some(*value));
            }
            assert_eq!(from_db("no such status"), None);
        }
        round_trip(
            ProductStatus::ALL,
            ProductStatus::as_db,
            ProductStatus::from_db,
        );
        round_trip(
            RevisionStatus::ALL,
            RevisionStatus::as_db,
            RevisionStatus::from_db,
        );
        round_trip(
            InquiryStatus::ALL,
            InquiryStatus::as_db,
            InquiryStatus::from_db,
        );
        round_trip(EventKind::ALL, EventKind::as_db, EventKind::from_db);
        round_trip(EventStatus::ALL, EventStatus::as_db, EventStatus::from_db);
        round_trip(BoothStatus::ALL, BoothStatus::as_db, BoothStatus::from_db);
        round_trip(NewsTag::ALL, NewsTag::as_db, NewsTag::from_db);
        round_trip(NewsState::ALL, NewsState::as_db, NewsState::from_db);
        round_trip(
            ApplicationStatus::ALL,
            ApplicationStatus::as_db,
            ApplicationStatus::from_db,
        );
    }

    #[test]
    fn statuses_travel_as_their_database_text() {
        assert_eq!(
            serde_json::to_string(&InquiryStatus::Answered).unwrap(),
            "\"answered\""
        );
        assert_eq!(
            serde_json::from_str::<BoothStatus>("\"blocked\"").unwrap(),
            BoothStatus::Blocked
        );
        assert!(serde_json::from_str::<BoothStatus>("\"sold\"").is_err());
    }
}

#[cfg(test)]
mod application_life {
    use super::ApplicationStatus::{self, *};

    #[test]
    fn a_rejection_is_final_and_a_withdrawal_may_be_taken_back() {
        assert!(ApplicationStatus::ALL
            .iter()
            .all(|to| !Rejected.may_become(*to)));
        let from_withdrawn: Vec<_> = ApplicationStatus::ALL
            .iter()
            .filter(|to| Withdrawn.may_become(**to))
            .collect();
        assert_eq!(from_withdrawn, [&Submitted]);
        assert!(Approved.may_become(Approved), "a move to another booth");
        assert!(!Submitted.may_become(Submitted));
        assert!(!Waitlisted.may_become(Waitlisted));
    }
}

#[cfg(test)]
mod event_life {
    use super::EventStatus::{self, *};

    #[test]
    fn an_event_moves_only_forward_or_to_cancelled() {
        let allowed: Vec<(EventStatus, EventStatus)> = EventStatus::ALL
            .iter()
            .flat_map(|from| EventStatus::ALL.iter().map(move |to| (*from, *to)))
            .filter(|(from, to)| from.may_become(*to))
            .collect();
        assert_eq!(
            allowed,
            [
                (Draft, Published),
                (Draft, Cancelled),
                (Published, Closed),
                (Published, Finished),
                (Published, Cancelled),
                (Closed, Published),
                (Closed, Finished),
                (Closed, Cancelled),
            ]
        );
    }
}
