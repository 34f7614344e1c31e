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

    /// The label of a stored code ("" for one no kind has).
    pub fn label_of(code: &str, lang: crate::i18n::Lang) -> &'static str {
        Self::from_code(code).map_or("", |kind| kind.label(lang))
    }

    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::t;
        match self {
            Self::Enterprise => t(lang, "Doanh nghiệp", "Enterprise"),
            Self::Cooperative => t(lang, "Hợp tác xã", "Cooperative"),
            Self::CooperativeGroup => t(lang, "Tổ hợp tác", "Cooperative group"),
            Self::Household => t(lang, "Hộ kinh doanh", "Household business"),
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
