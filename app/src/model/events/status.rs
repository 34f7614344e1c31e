//! The statuses and kinds of an event and of what takes part in it: the event's kind, life
//! and audience, a booth's status on the plan, a fair application's life, a training place's.

use crate::i18n::{t, Lang};
use crate::model::status::text_enum;

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
