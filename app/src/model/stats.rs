use serde::{Deserialize, Serialize};

/// One bar of a chart and one line of its table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatRow {
    pub code: String,
    pub label_vi: String,
    pub label_en: String,
    pub count: i64,
}

/// The tables of the public statistics page, each also downloadable as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatTable {
    ByStar,
    ByGroup,
    ByUnit,
    ByYear,
    EntitiesByType,
}

impl StatTable {
    pub const ALL: [StatTable; 5] = [
        Self::ByStar,
        Self::ByGroup,
        Self::ByUnit,
        Self::ByYear,
        Self::EntitiesByType,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::ByStar => "theo-hang-sao",
            Self::ByGroup => "theo-nhom",
            Self::ByUnit => "theo-dia-phuong",
            Self::ByYear => "theo-nam",
            Self::EntitiesByType => "chu-the-theo-loai-hinh",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|table| table.slug() == slug)
    }

    pub fn title(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::t;
        match self {
            Self::ByStar => t(
                lang,
                "Sản phẩm OCOP còn hiệu lực theo hạng sao",
                "Certified OCOP products by stars",
            ),
            Self::ByGroup => t(
                lang,
                "Sản phẩm OCOP còn hiệu lực theo nhóm",
                "Certified OCOP products by group",
            ),
            Self::ByUnit => t(
                lang,
                "Sản phẩm OCOP còn hiệu lực theo địa phương",
                "Certified OCOP products by locality",
            ),
            Self::ByYear => t(
                lang,
                "Giấy chứng nhận OCOP cấp theo năm",
                "OCOP certificates issued by year",
            ),
            Self::EntitiesByType => t(lang, "Chủ thể theo loại hình", "Producers by type"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statistics {
    pub tables: Vec<(StatTable, Vec<StatRow>)>,
}

/// The figures of one cycle as of a date: what was registered, by whom, what passed the
/// local authorities' appraisal, what councils evaluated and what a decision recognised, by star.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleFigures {
    pub registered: i64,
    pub new_products: i64,
    pub existing_products: i64,
    pub entities: i64,
    pub enterprises: i64,
    pub cooperatives_and_groups: i64,
    pub households: i64,
    pub appraised_eligible: i64,
    pub evaluated: i64,
    pub three_stars: i64,
    pub four_stars: i64,
    pub five_stars: i64,
}

impl CycleFigures {
    pub fn recognised(&self) -> i64 {
        self.three_stars + self.four_stars + self.five_stars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_slugs_round_trip() {
        for table in StatTable::ALL {
            assert_eq!(StatTable::from_slug(table.slug()), Some(table));
        }
    }
}
