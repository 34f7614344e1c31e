//! Bringing in an office's spreadsheet: the columns a kind of import expects, how a file's own
//! headers are matched to them, and the dry run an admin reads before anything is stored (every
//! row checked, each refusal next to its cell, what would be created and changed).

use serde::{Deserialize, Serialize};

use crate::error::Said;
use crate::i18n::Lang;
use crate::model::ids::ImportId;
use crate::model::moment::Moment;
use crate::text::fold;

/// A column an import expects, by its header in each language.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub vi: &'static str,
    pub en: &'static str,
    pub required: bool,
}

impl Column {
    pub fn header(self, lang: Lang) -> &'static str {
        crate::i18n::t(lang, self.vi, self.en)
    }

    /// Whether a file's header names this column: its Vietnamese or English header, with case,
    /// marks and spacing left out ("MÃ ĐƠN VỊ", "ma don vi" and "Code" all find theirs).
    fn named(self, header: &str) -> bool {
        let header = squeeze(header);
        header == squeeze(self.vi) || header == squeeze(self.en)
    }
}

fn squeeze(text: &str) -> String {
    fold(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A file's row with its cells in the order of the import's columns (`at`, from
/// [`match_headers`]); a column the file does not have reads as empty.
pub fn in_order(at: &[Option<usize>], cells: &[String]) -> Vec<String> {
    at.iter()
        .map(|index| {
            index
                .and_then(|index| cells.get(index).cloned())
                .unwrap_or_default()
        })
        .collect()
}

/// For each expected column, the index of the file's column whose header names it.
pub fn match_headers(columns: &[Column], headers: &[String]) -> Vec<Option<usize>> {
    columns
        .iter()
        .map(|column| headers.iter().position(|header| column.named(header)))
        .collect()
}

/// What is wrong with a matching of the file's columns: a required column matched to none,
/// said with its header.
pub fn missing(columns: &[Column], at: &[Option<usize>]) -> Option<Said> {
    let missing: Vec<&Column> = columns
        .iter()
        .zip(at)
        .filter(|(column, at)| column.required && at.is_none())
        .map(|(column, _)| column)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let names = |lang| {
        missing
            .iter()
            .map(|column| format!("“{}”", column.header(lang)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(Said {
        vi: format!(
            "Tệp thiếu cột {}. Hãy chọn cột nào của tệp giữ nội dung đó, bên dưới, hoặc đặt tên cột như trong tệp mẫu.",
            names(Lang::Vi)
        ),
        en: format!(
            "The file has no column {}. Choose below which of the file's columns holds it, or head the columns as the template does.",
            names(Lang::En)
        ),
    })
}

/// The matching an admin chose, from the form's `column-{n}` fields (the index of the file's
/// column, or empty for none): None for a field that names no column of the file.
pub fn chosen_columns(
    columns: &[Column],
    headers: usize,
    field: impl Fn(&str) -> Option<String>,
) -> Option<Vec<Option<usize>>> {
    (0..columns.len())
        .map(
            |n| match field(&format!("column-{n}")).as_deref().map(str::trim) {
                None | Some("") => Some(None),
                Some(text) => text.parse().ok().filter(|at| *at < headers).map(Some),
            },
        )
        .collect()
}

/// One cell of a refused row as the file has it, with what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub value: String,
    pub problem: Option<Said>,
}

/// A row the import refuses: its line in the file (the headers are line 1) and its cells in
/// the order of the import's columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedRow {
    pub line: u32,
    pub cells: Vec<Cell>,
}

/// A row the import would take: what it creates or changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub line: u32,
    pub created: bool,
    /// "QT-027 · Xã Tân Thành".
    pub what: String,
}

/// The most refused rows and changes a dry run lists; the counts say how many there are.
pub const SHOWN: usize = 200;

/// What importing a file would do, checked against the database as it is: shown before the
/// import, which checks it all again in its own transaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DryRun {
    pub id: ImportId,
    pub file_name: String,
    pub uploaded: Moment,
    /// When it was imported, if it was.
    pub imported: Option<Moment>,
    /// The headers of the import's columns, in the order of each row's cells.
    pub columns: Vec<Said>,
    /// Which of them are required.
    pub required: Vec<bool>,
    /// The file's own headers, and which of them each of the import's columns was matched to
    /// (by name, or as the admin chose).
    pub headers: Vec<String>,
    pub matched: Vec<Option<usize>>,
    pub rows: u32,
    pub created: u32,
    pub changed: u32,
    pub unchanged: u32,
    /// What is wrong with the file as a whole (unreadable, a column missing).
    pub file_problem: Option<Said>,
    pub refused_total: u32,
    /// The first [`SHOWN`] refused rows.
    pub refused: Vec<RefusedRow>,
    /// The first [`SHOWN`] rows that create or change something.
    pub changes: Vec<Change>,
}

impl DryRun {
    /// The dry run of a kept file, before its rows are read.
    pub fn of(
        id: ImportId,
        file_name: String,
        uploaded: Moment,
        imported: Option<Moment>,
        columns: &[Column],
    ) -> Self {
        Self {
            id,
            file_name,
            uploaded,
            imported,
            columns: columns
                .iter()
                .map(|column| Said::new(column.vi, column.en))
                .collect(),
            required: columns.iter().map(|column| column.required).collect(),
            headers: Vec::new(),
            matched: Vec::new(),
            rows: 0,
            created: 0,
            changed: 0,
            unchanged: 0,
            file_problem: None,
            refused_total: 0,
            refused: Vec::new(),
            changes: Vec::new(),
        }
    }

    /// Counts a refused row, and lists it among the first [`SHOWN`] with each problem in the
    /// cell of its column.
    pub fn refuse(&mut self, line: u32, cells: &[String], problems: &[(usize, Said)]) {
        self.refused_total += 1;
        if self.refused.len() >= SHOWN {
            return;
        }
        let cells = cells
            .iter()
            .enumerate()
            .map(|(column, value)| Cell {
                value: value.clone(),
                problem: problems
                    .iter()
                    .filter(|(at, _)| *at == column)
                    .map(|(_, said)| said.clone())
                    .reduce(|a, b| Said {
                        vi: format!("{} {}", a.vi, b.vi),
                        en: format!("{} {}", a.en, b.en),
                    }),
            })
            .collect();
        self.refused.push(RefusedRow { line, cells });
    }

    /// Counts a row that creates (or changes) something, listed among the first [`SHOWN`].
    pub fn take(&mut self, line: u32, created: bool, what: impl FnOnce() -> String) {
        if created {
            self.created += 1;
        } else {
            self.changed += 1;
        }
        if self.changes.len() < SHOWN {
            self.changes.push(Change {
                line,
                created,
                what: what(),
            });
        }
    }

    /// The import refuses a file the dry run found anything wrong with, as a whole.
    pub fn refusal(&self) -> Option<crate::error::AppError> {
        let said = match &self.file_problem {
            Some(problem) => problem.clone(),
            None if self.refused_total > 0 => Said {
                vi: format!(
                    "{} dòng của tệp có lỗi: chưa nhập gì. Hãy sửa tệp rồi tải lên lại.",
                    self.refused_total
                ),
                en: format!(
                    "{} rows of the file have errors: nothing was imported. Correct the file and upload it again.",
                    self.refused_total
                ),
            },
            None => return None,
        };
        Some(crate::error::AppError::invalid("file", &said.vi, &said.en))
    }

    /// Whether importing it would store anything: a file with any refusal stores nothing.
    pub fn importable(&self) -> bool {
        self.file_problem.is_none() && self.refused_total == 0 && self.created + self.changed > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 2] = [
        Column {
            vi: "Mã đơn vị",
            en: "Code",
            required: true,
        },
        Column {
            vi: "Ghi chú",
            en: "Note",
            required: false,
        },
    ];

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_header_is_found_without_its_case_marks_or_extra_spaces_in_either_language() {
        for header in ["MÃ ĐƠN VỊ", " ma  don vi ", "code", "Mã đơn vị"] {
            let found = match_headers(&COLUMNS, &headers(&["Tên", header]));
            assert_eq!(found, vec![Some(1), None], "{header}");
            assert_eq!(missing(&COLUMNS, &found), None);
        }
    }

    #[test]
    fn a_chosen_matching_names_columns_of_the_file_or_none() {
        let form = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| (*value).to_owned())
            }
        };
        assert_eq!(
            chosen_columns(&COLUMNS, 3, form(&[("column-0", "2"), ("column-1", "")])),
            Some(vec![Some(2), None])
        );
        assert_eq!(
            chosen_columns(&COLUMNS, 3, form(&[("column-0", "3")])),
            None
        );
        assert_eq!(
            chosen_columns(&COLUMNS, 3, form(&[("column-0", "x")])),
            None
        );
    }

    #[test]
    fn a_required_column_no_header_names_is_refused_by_its_name_in_both_languages() {
        let found = match_headers(&COLUMNS, &headers(&["Ghi chú"]));
        let problem = missing(&COLUMNS, &found).expect("refused");
        assert!(problem.vi.contains("“Mã đơn vị”"), "{}", problem.vi);
        assert!(problem.en.contains("“Code”"), "{}", problem.en);
    }
}
