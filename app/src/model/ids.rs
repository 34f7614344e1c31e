//! Ids that must not be mixed up: a producer's id where a product's is due is a compile error,
//! not another producer's data. In addresses and in the database they are plain numbers.

use serde::{Deserialize, Serialize};

macro_rules! id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        /// The number the database and the audit log hold.
        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    };
}

id! {
    /// An account.
    UserId
}

id! {
    /// An economic entity: enterprise, cooperative, group or household business.
    ProducerId
}

id! {
    /// A product, whether public, hidden or a draft.
    ProductId
}

id! {
    /// A fair, exhibition, festival, conference booth, showroom or training.
    EventId
}

id! {
    /// A booth on an event's floor plan.
    BoothId
}

id! {
    /// A producer's application for a booth at an event.
    ApplicationId
}

id! {
    /// A product's OCOP registration in a cycle.
    RegistrationId
}

id! {
    /// A council of a cycle at one level.
    CouncilId
}

id! {
    /// A yearly OCOP cycle, named by its year (`/admin/cycles/2021`): a year where a count or
    /// a star is due does not compile.
    CycleYear
}

id! {
    /// A spreadsheet brought in, between its dry run and its import.
    ImportId
}
