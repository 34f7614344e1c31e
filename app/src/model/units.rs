//! Administrative units as an office loads them (`/admin/units`): one row a unit, of any level,
//! with the unit above it and, for a unit the July 2025 reform ended, today's unit it became
//! part of. Rows name other units by their code, so a file can bring a province's communes of
//! today and the former ones they were made from together.

use serde::{Deserialize, Serialize};

use crate::error::Said;
use crate::i18n::{t, Lang};
use crate::model::day::Day;
use crate::model::import::Column;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    Province,
    /// The district level, abolished on 1 July 2025.
    District,
    /// Communes, wards and townships.
    Commune,
}

impl Level {
    pub const ALL: [Self; 3] = [Self::Province, Self::District, Self::Commune];

    pub fn as_db(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::District => "district",
            Self::Commune => "commune",
        }
    }

    pub fn from_db(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|level| level.as_db() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Province => t(lang, "Tỉnh", "Province"),
            Self::District => t(lang, "Huyện", "District"),
            Self::Commune => t(lang, "Xã", "Commune"),
        }
    }

    /// As a file writes it: the label in either language, or the stored word.
    fn read(text: &str) -> Option<Self> {
        let text = fold(text.trim());
        Self::ALL.into_iter().find(|level| {
            [level.label(Lang::Vi), level.label(Lang::En), level.as_db()]
                .iter()
                .any(|word| fold(word) == text)
        })
    }
}

/// What a unit is called at its level: a commune-level unit is a commune, a ward or a township.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Province,
    City,
    Town,
    District,
    Ward,
    Commune,
    Township,
}

impl Kind {
    pub const ALL: [Self; 7] = [
        Self::Province,
        Self::City,
        Self::Town,
        Self::District,
        Self::Ward,
        Self::Commune,
        Self::Township,
    ];

    pub fn as_db(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::City => "city",
            Self::Town => "town",
            Self::District => "district",
            Self::Ward => "ward",
            Self::Commune => "commune",
            Self::Township => "township",
        }
    }

    pub fn from_db(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_db() == text)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Province => t(lang, "Tỉnh", "Province"),
            Self::City => t(lang, "Thành phố", "City"),
            Self::Town => t(lang, "Thị xã", "Town"),
            Self::District => t(lang, "Huyện", "District"),
            Self::Ward => t(lang, "Phường", "Ward"),
            Self::Commune => t(lang, "Xã", "Commune"),
            Self::Township => t(lang, "Thị trấn", "Township"),
        }
    }

    fn read(text: &str) -> Option<Self> {
        let text = fold(text.trim());
        Self::ALL.into_iter().find(|kind| {
            [kind.label(Lang::Vi), kind.label(Lang::En), kind.as_db()]
                .iter()
                .any(|word| fold(word) == text)
        })
    }

    /// The kinds a unit of `level` can be: a city is a province or a district, a town a
    /// district.
    pub fn fits(self, level: Level) -> bool {
        match level {
            Level::Province => matches!(self, Self::Province | Self::City),
            Level::District => matches!(self, Self::District | Self::City | Self::Town),
            Level::Commune => matches!(self, Self::Ward | Self::Commune | Self::Township),
        }
    }
}

/// What is wrong with a row: each problem by the index of its column in [`COLUMNS`].
pub type Problems = Vec<(usize, Said)>;

/// One unit as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    /// The unit's own code, unique: what the other rows and a new file name it by.
    pub code: String,
    pub name: String,
    pub level: Level,
    pub kind: Kind,
    /// The code of the unit above; none for a province.
    pub parent: Option<String>,
    pub valid_from: Day,
    /// The last day of a unit that ended (30/06/2025 for those the reform replaced).
    pub valid_to: Option<Day>,
    /// The code of today's unit an ended one became part of.
    pub successor: Option<String>,
}

/// The file's columns, in this order in the template and the export.
pub const COLUMNS: [Column; 8] = [
    Column {
        vi: "Mã đơn vị",
        en: "Code",
        required: true,
    },
    Column {
        vi: "Tên",
        en: "Name",
        required: true,
    },
    Column {
        vi: "Cấp",
        en: "Level",
        required: true,
    },
    Column {
        vi: "Loại",
        en: "Kind",
        required: true,
    },
    Column {
        vi: "Mã đơn vị cấp trên",
        en: "Parent code",
        required: true,
    },
    Column {
        vi: "Hiệu lực từ",
        en: "Valid from",
        required: true,
    },
    Column {
        vi: "Hiệu lực đến",
        en: "Valid until",
        required: false,
    },
    Column {
        vi: "Mã đơn vị kế thừa",
        en: "Successor code",
        required: false,
    },
];

const CODE: usize = 0;
const NAME: usize = 1;
const LEVEL: usize = 2;
const KIND: usize = 3;
const PARENT: usize = 4;
const VALID_FROM: usize = 5;
const VALID_TO: usize = 6;
const SUCCESSOR: usize = 7;

impl UnitRow {
    /// The row's cells in the order of [`COLUMNS`], as the export writes them.
    pub fn cells(&self, lang: Lang) -> [String; 8] {
        [
            self.code.clone(),
            self.name.clone(),
            self.level.label(lang).to_owned(),
            self.kind.label(lang).to_owned(),
            self.parent.clone().unwrap_or_default(),
            self.valid_from.shown(),
            self.valid_to.map(Day::shown).unwrap_or_default(),
            self.successor.clone().unwrap_or_default(),
        ]
    }

    /// A row of the file, its cells in the order of [`COLUMNS`]: the unit, or what is wrong
    /// with each cell (by its column) that is. Codes are checked against the other units by
    /// the store, which knows them.
    pub fn read(cells: &[String]) -> Result<Self, Problems> {
        let cell = |at: usize| cells.get(at).map(|text| text.trim()).unwrap_or("");
        let mut problems = Vec::new();
        let mut refuse = |at: usize, vi: &str, en: &str| problems.push((at, Said::new(vi, en)));
        let code = cell(CODE);
        if code.is_empty() {
            refuse(CODE, "Thiếu mã đơn vị.", "The code is missing.");
        } else if code.chars().count() > 40 || code.chars().any(char::is_whitespace) {
            refuse(
                CODE,
                "Mã đơn vị không có dấu cách và dài tối đa 40 ký tự.",
                "A code has no spaces and at most 40 characters.",
            );
        }
        let name = cell(NAME);
        if name.is_empty() {
            refuse(NAME, "Thiếu tên đơn vị.", "The name is missing.");
        } else if name.chars().count() > 100 {
            refuse(NAME, "Tên dài tối đa 100 ký tự.", "At most 100 characters.");
        }
        let level = Level::read(cell(LEVEL));
        if level.is_none() {
            refuse(
                LEVEL,
                "Cấp là Tỉnh, Huyện hoặc Xã.",
                "The level is Province, District or Commune.",
            );
        }
        let kind = Kind::read(cell(KIND));
        match (kind, level) {
            (None, _) => refuse(
                KIND,
                "Loại là Tỉnh, Thành phố, Thị xã, Huyện, Phường, Xã hoặc Thị trấn.",
                "The kind is Province, City, Town, District, Ward, Commune or Township.",
            ),
            (Some(kind), Some(level)) if !kind.fits(level) => refuse(
                KIND,
                "Loại này không thuộc cấp đã ghi.",
                "This kind is not of the level given.",
            ),
            _ => {}
        }
        let parent = Some(cell(PARENT).to_owned()).filter(|code| !code.is_empty());
        match (level, &parent) {
            (Some(Level::Province), Some(_)) => refuse(
                PARENT,
                "Tỉnh không có đơn vị cấp trên.",
                "A province has no unit above it.",
            ),
            (Some(Level::District | Level::Commune), None) => refuse(
                PARENT,
                "Thiếu mã đơn vị cấp trên.",
                "The code of the unit above is missing.",
            ),
            _ => {}
        }
        let valid_from = Day::read(cell(VALID_FROM));
        if valid_from.is_none() {
            refuse(
                VALID_FROM,
                "Ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 01/07/2025).",
                "Not a valid date (day/month/year, e.g. 01/07/2025).",
            );
        }
        let valid_to = match cell(VALID_TO) {
            "" => None,
            text => {
                let day = Day::read(text);
                match (day, valid_from) {
                    (None, _) => refuse(
                        VALID_TO,
                        "Ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 30/06/2025).",
                        "Not a valid date (day/month/year, e.g. 30/06/2025).",
                    ),
                    (Some(to), Some(from)) if to <= from => refuse(
                        VALID_TO,
                        "Ngày hết hiệu lực phải sau ngày bắt đầu.",
                        "The last day must come after the first.",
                    ),
                    _ => {}
                }
                day
            }
        };
        let successor = Some(cell(SUCCESSOR).to_owned()).filter(|code| !code.is_empty());
        if successor.is_some() && valid_to.is_none() {
            refuse(
                SUCCESSOR,
                "Chỉ đơn vị đã hết hiệu lực mới có đơn vị kế thừa.",
                "Only a unit that ended has a successor.",
            );
        }
        if successor.as_deref() == Some(code) {
            refuse(
                SUCCESSOR,
                "Đơn vị không kế thừa chính nó.",
                "A unit is not its own successor.",
            );
        }
        match (level, kind, valid_from) {
            (Some(level), Some(kind), Some(valid_from)) if problems.is_empty() => Ok(Self {
                code: code.to_owned(),
                name: name.to_owned(),
                level,
                kind,
                parent,
                valid_from,
                valid_to,
                successor,
            }),
            _ => Err(problems),
        }
    }
}

/// A refusal the store finds, by the column of the code it is about.
pub fn unknown_parent() -> (usize, Said) {
    (
        PARENT,
        Said::new(
            "Không có đơn vị cấp trên nào mang mã này, trong tệp hay trong dữ liệu.",
            "No unit, in the file or in the data, has this code.",
        ),
    )
}

pub fn parent_not_above() -> (usize, Said) {
    (
        PARENT,
        Said::new(
            "Đơn vị cấp trên phải ở cấp cao hơn (huyện thuộc tỉnh; xã thuộc huyện hoặc tỉnh).",
            "The unit above must be of a higher level (a district in a province; a commune in a district or a province).",
        ),
    )
}

pub fn unknown_successor() -> (usize, Said) {
    (
        SUCCESSOR,
        Said::new(
            "Không có đơn vị nào đang hiệu lực mang mã này cùng cấp, trong tệp hay trong dữ liệu.",
            "No unit of today at the same level, in the file or in the data, has this code.",
        ),
    )
}

pub fn code_twice(first_line: u32) -> (usize, Said) {
    (
        CODE,
        Said {
            vi: format!("Mã này đã có ở dòng {first_line} của tệp."),
            en: format!("This code is already on line {first_line} of the file."),
        },
    )
}

/// A unit of today and the former units the reform made it from, as the units page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLine {
    pub code: String,
    pub name: String,
    pub kind: Kind,
    /// "Bảo Ninh (Đồng Hới), Đồng Phú (Đồng Hới)".
    pub former: String,
    pub producers: i64,
}

/// How many units the data has, by level, today and before the reform.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitCounts {
    pub provinces: i64,
    pub communes: i64,
    pub former_districts: i64,
    pub former_communes: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|cell| (*cell).to_owned()).collect()
    }

    #[test]
    fn a_row_is_read_in_either_language_with_dates_as_people_write_them() {
        let vi = UnitRow::read(&row(&[
            "QB-BT-03",
            "Sơn Lộc",
            "Xã",
            "xã",
            "QB-BT",
            "01/07/1989",
            "30/06/2025",
            "QT-008",
        ]))
        .expect("read");
        let en = UnitRow::read(&row(&[
            "QB-BT-03",
            "Sơn Lộc",
            "Commune",
            "commune",
            "QB-BT",
            "1989-07-01",
            "2025-06-30",
            "QT-008",
        ]))
        .expect("read");
        assert_eq!(vi, en);
        assert_eq!(vi.valid_to.map(Day::iso).as_deref(), Some("2025-06-30"));
        assert_eq!(UnitRow::read(vi.cells(Lang::Vi).as_ref()), Ok(vi));
    }

    #[test]
    fn every_wrong_cell_of_a_row_is_named_by_its_column() {
        let problems = UnitRow::read(&row(&[
            "QB 01",
            "",
            "Thôn",
            "Phường",
            "",
            "31/02/2025",
            "hôm qua",
            "QT-001",
        ]))
        .expect_err("refused");
        let columns: Vec<usize> = problems.iter().map(|(at, _)| *at).collect();
        assert_eq!(
            columns,
            vec![CODE, NAME, LEVEL, VALID_FROM, VALID_TO, SUCCESSOR]
        );
    }

    #[test]
    fn a_kind_must_fit_its_level_and_a_province_has_no_parent() {
        let problems = UnitRow::read(&row(&[
            "QT",
            "Quảng Trị",
            "Tỉnh",
            "Phường",
            "QB",
            "01/07/2025",
            "",
            "",
        ]))
        .expect_err("refused");
        let columns: Vec<usize> = problems.iter().map(|(at, _)| *at).collect();
        assert_eq!(columns, vec![KIND, PARENT]);
    }
}
