use serde::{Deserialize, Serialize};

/// The kinds of economic entity ("chủ thể") that take part in OCOP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityType {
    Enterprise,
    Cooperative,
    CooperativeGroup,
    Household,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        Self::Enterprise,
        Self::Cooperative,
        Self::CooperativeGroup,
        Self::Household,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Enterprise => "enterprise",
            Self::Cooperative => "cooperative",
            Self::CooperativeGroup => "cooperative_group",
            Self::Household => "household",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Enterprise => "Doanh nghiệp",
            Self::Cooperative => "Hợp tác xã",
            Self::CooperativeGroup => "Tổ hợp tác",
            Self::Household => "Hộ kinh doanh",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in EntityType::ALL {
            assert_eq!(EntityType::from_code(kind.code()), Some(kind));
        }
        assert_eq!(EntityType::from_code("company"), None);
    }
}
