//! Plain data shared by the server and the browser: no I/O here.

pub mod account;
pub mod audit;
pub mod catalogue;
pub mod cycle;
pub mod day;
pub mod detail;
pub mod event_admin;
pub mod events;
pub mod form;
pub mod gtin;
pub mod handbook;
pub mod ids;
pub mod import;
pub mod inquiry;
pub mod listing;
pub mod moment;
pub mod national;
pub mod news;
pub mod notice;
pub mod office;
pub mod open_data;
pub mod page;
pub mod participation;
pub mod portal;
pub mod producer;
pub mod producers;
pub mod product;
pub mod product_import;
pub mod profile;
pub mod report;
pub mod stamps;
pub mod stars;
pub mod stats;
pub mod status;
pub mod units;
pub mod verification;
pub mod where_to_buy;

#[cfg(test)]
mod stored_statuses {
    use crate::model::account::Role;
    use crate::model::cycle::status::{
        CertificateOutcome, CouncilLevel, CycleStage, ItemStatus, RegistrationKind,
        RegistrationStatus,
    };
    use crate::model::events::status::BoothStatus;
    use crate::model::events::status::{ApplicationStatus, PlaceStatus};
    use crate::model::events::status::{Audience, EventKind, EventStatus};
    use crate::model::inquiry::InquiryStatus;
    use crate::model::listing::RevisionStatus;
    use crate::model::news::{NewsState, NewsTag};
    use crate::model::product::ProductStatus;
    use crate::model::where_to_buy::{OnlineKind, SalesPointKind};

    #[test]
    fn every_status_reads_back_what_it_writes() {
        macro_rules! round_trip {
            ($($status:ty),+) => {$(
                for value in <$status>::ALL {
                    assert_eq!(<$status>::from_db(value.as_db()), Some(*value));
                }
                assert_eq!(<$status>::from_db("no such status"), None);
            )+};
        }
        round_trip!(
            Role,
            ProductStatus,
            RevisionStatus,
            InquiryStatus,
            EventKind,
            EventStatus,
            Audience,
            BoothStatus,
            ApplicationStatus,
            PlaceStatus,
            RegistrationStatus,
            RegistrationKind,
            CouncilLevel,
            ItemStatus,
            CertificateOutcome,
            CycleStage,
            NewsTag,
            NewsState,
            SalesPointKind,
            OnlineKind
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
