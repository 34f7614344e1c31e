//! The office's spreadsheet of producers, products and certificates (`/admin/import`): one row
//! a product, with its producer and, when it is certified, its certificate. The columns are
//! those of the national export (`national`), so that the export read back changes nothing,
//! and the parts of the score sheet a new certificate's evaluation keeps.

use serde::{Deserialize, Serialize};

use crate::error::Said;
use crate::i18n::Lang;
use crate::model::cycle::rules::{parse_points, Parts};
use crate::model::day::Day;
use crate::model::import::Column;
use crate::model::producer::EntityType;
use crate::model::stars::Stars;
use crate::model::units::Problems;
use crate::text::fold;

/// What an import stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    pub producers: u32,
    pub products: u32,
    pub certificates: u32,
}

/// Where the import of a kept file stands. It runs on its own, past the request that started
/// it (`store::imports::Running`): twenty thousand rows take seconds, and the admin reads its
/// progress on the file's page meanwhile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportState {
    /// Waiting for the database's writer, which another write holds.
    Waiting,
    /// Its rows checked again against the data as it is now.
    Checking,
    /// `done` of the `total` rows that add something written, in the transaction not yet
    /// committed: nothing of it shows until the last.
    Writing {
        done: u32,
        total: u32,
    },
    Imported(Imported),
    /// Stopped with nothing stored, for this reason.
    Failed(crate::error::AppError),
}

impl ImportState {
    pub fn running(&self) -> bool {
        matches!(self, Self::Waiting | Self::Checking | Self::Writing { .. })
    }

    /// What the admin reads of it.
    pub fn said(&self, lang: Lang) -> String {
        let number = |n: u32| crate::format::grouped(i64::from(n), lang);
        match (self, lang) {
            (Self::Waiting, Lang::Vi) => "Đang chờ cơ sở dữ liệu: một thay đổi khác đang được lưu.".into(),
            (Self::Waiting, Lang::En) => "Waiting for the database: another change is being saved.".into(),
            (Self::Checking, Lang::Vi) => "Đang kiểm tra lại các dòng với dữ liệu hiện có.".into(),
            (Self::Checking, Lang::En) => "Checking the rows again against the data as it is now.".into(),
            (Self::Writing { done, total }, Lang::Vi) => format!(
                "Đã ghi {} / {} dòng. Chưa dòng nào hiện trên cổng cho đến khi ghi xong cả tệp.",
                number(*done),
                number(*total)
            ),
            (Self::Writing { done, total }, Lang::En) => format!(
                "{} of {} rows written. None shows on the portal until the whole file is written.",
                number(*done),
                number(*total)
            ),
            (Self::Imported(done), Lang::Vi) => format!(
                "Đã nhập {} chủ thể, {} sản phẩm và {} giấy chứng nhận mới. Chúng hiện trên cổng từ bây giờ.",
                number(done.producers),
                number(done.products),
                number(done.certificates)
            ),
            (Self::Imported(done), Lang::En) => format!(
                "Imported {} new producers, {} products and {} certificates. They show on the portal from now on.",
                number(done.producers),
                number(done.products),
                number(done.certificates)
            ),
            // Each refusal says that nothing was stored.
            (Self::Failed(error), Lang::Vi) => {
                format!("Việc nhập đã dừng. {}", error.message(lang))
            }
            (Self::Failed(error), Lang::En) => {
                format!("The import stopped. {}", error.message(lang))
            }
        }
    }
}

/// A kept file's page: its import's progress while it runs, otherwise its dry run, with how
/// the last import of it ended when this server ran one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ImportPage {
    Running(ImportState),
    Checked {
        dry: Box<crate::model::import::DryRun>,
        ended: Option<ImportState>,
    },
}

const fn column(vi: &'static str, en: &'static str, required: bool) -> Column {
    Column { vi, en, required }
}

/// The file's columns, in this order in the template; the national export's sixteen first.
pub const COLUMNS: [Column; 19] = [
    column("STT", "No.", false),
    column("Tên sản phẩm", "Product", true),
    column("Nhóm sản phẩm", "Product group", false),
    column("Bộ sản phẩm", "Product set", true),
    column("Hạng sao", "Stars", false),
    column("Điểm", "Score", false),
    column("Số giấy chứng nhận", "Certificate number", false),
    column("Số quyết định", "Decision number", false),
    column("Ngày quyết định", "Decision date", false),
    column("Ngày cấp", "Date of issue", false),
    column("Hiệu lực đến", "Valid until", false),
    column("Chủ thể", "Producer", true),
    column("Loại hình chủ thể", "Producer type", false),
    column("Mã số thuế", "Tax code", false),
    column("Xã, phường (hiện nay)", "Commune or ward (today)", true),
    column(
        "Tỉnh, thành phố (hiện nay)",
        "Province or city (today)",
        false,
    ),
    column("Điểm phần A", "Part A score", false),
    column("Điểm phần B", "Part B score", false),
    column("Điểm phần C", "Part C score", false),
];

pub const PRODUCT: usize = 1;
pub const GROUP: usize = 2;
pub const SET: usize = 3;
pub const STARS: usize = 4;
pub const SCORE: usize = 5;
pub const CERTIFICATE: usize = 6;
pub const DECISION_NO: usize = 7;
pub const DECISION_DATE: usize = 8;
pub const ISSUED: usize = 9;
pub const VALID_UNTIL: usize = 10;
pub const PRODUCER: usize = 11;
pub const PRODUCER_TYPE: usize = 12;
pub const TAX_CODE: usize = 13;
pub const COMMUNE: usize = 14;
pub const PROVINCE: usize = 15;
pub const PART_A: usize = 16;
pub const PART_B: usize = 17;
pub const PART_C: usize = 18;

/// A certificate as the file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateCells {
    pub number: String,
    pub stars: Stars,
    /// The total, in hundredths, when the file gives it.
    pub score: Option<i64>,
    /// The score sheet's parts, when the file gives them (a new certificate needs them).
    pub parts: Option<Parts>,
    pub decision_no: String,
    pub decision_date: Day,
    pub issued_on: Day,
    pub valid_until: Day,
}

/// One row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRow {
    pub product: String,
    pub group: Option<String>,
    pub set: String,
    pub producer: String,
    pub producer_type: Option<EntityType>,
    pub tax_code: Option<String>,
    /// Today's (or a former) commune by name, or a unit's code.
    pub commune: String,
    pub province: Option<String>,
    pub certificate: Option<CertificateCells>,
}

/// A producer's type as a file writes it: its label in either language, or the stored code.
pub fn read_producer_type(text: &str) -> Option<EntityType> {
    let text = fold(text.trim());
    EntityType::ALL.into_iter().find(|kind| {
        [kind.label(Lang::Vi), kind.label(Lang::En), kind.code()]
            .iter()
            .any(|word| fold(word) == text)
    })
}

fn said(vi: &str, en: &str) -> Said {
    Said::new(vi, en)
}

impl ProductRow {
    /// A row of the file, its cells in the order of [`COLUMNS`]: the row, or each cell's
    /// problem by its column. Names are matched to the data by the store.
    pub fn read(cells: &[String]) -> Result<Self, Problems> {
        let cell = |at: usize| cells.get(at).map(|text| text.trim()).unwrap_or("");
        let given = |at: usize| Some(cell(at).to_owned()).filter(|text| !text.is_empty());
        let mut problems: Problems = Vec::new();
        let mut refuse = |at: usize, vi: &str, en: &str| problems.push((at, said(vi, en)));
        for (at, max) in [(PRODUCT, 200), (SET, 200), (PRODUCER, 200), (COMMUNE, 100)] {
            if cell(at).is_empty() {
                refuse(at, "Vui lòng điền ô này.", "Please fill in this cell.");
            } else if cell(at).chars().count() > max {
                refuse(at, "Quá dài.", "Too long.");
            }
        }
        let producer_type = match cell(PRODUCER_TYPE) {
            "" => None,
            text => {
                let kind = read_producer_type(text);
                if kind.is_none() {
                    refuse(
                        PRODUCER_TYPE,
                        "Loại hình là Doanh nghiệp, Hợp tác xã, Tổ hợp tác hoặc Hộ kinh doanh.",
                        "The type is Enterprise, Cooperative, Cooperative group or Household business.",
                    );
                }
                kind
            }
        };
        let tax_code = given(TAX_CODE);
        if tax_code.as_deref().is_some_and(|code| {
            !(10..=14).contains(&code.len())
                || !code.chars().all(|c| c.is_ascii_digit() || c == '-')
        }) {
            refuse(
                TAX_CODE,
                "Mã số thuế gồm 10 chữ số (hoặc 13, có dấu gạch).",
                "A tax code has 10 digits (or 13, with a hyphen).",
            );
        }
        let certified = [
            STARS,
            SCORE,
            CERTIFICATE,
            DECISION_NO,
            DECISION_DATE,
            ISSUED,
            VALID_UNTIL,
            PART_A,
            PART_B,
            PART_C,
        ]
        .iter()
        .any(|at| !cell(*at).is_empty());
        let certificate = if certified {
            read_certificate(&cell, &mut problems)
        } else {
            None
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            product: cell(PRODUCT).to_owned(),
            group: given(GROUP),
            set: cell(SET).to_owned(),
            producer: cell(PRODUCER).to_owned(),
            producer_type,
            tax_code,
            commune: cell(COMMUNE).to_owned(),
            province: given(PROVINCE),
            certificate,
        })
    }
}

/// The certificate of a row that has any of its cells: all of them but the score and its parts
/// are then needed.
fn read_certificate<'a>(
    cell: &impl Fn(usize) -> &'a str,
    problems: &mut Problems,
) -> Option<CertificateCells> {
    let mut refuse = |at: usize, vi: &str, en: &str| problems.push((at, said(vi, en)));
    let number = cell(CERTIFICATE);
    if number.is_empty() {
        refuse(
            CERTIFICATE,
            "Thiếu số giấy chứng nhận (dòng có hạng sao hoặc quyết định).",
            "The certificate number is missing (the row has stars or a decision).",
        );
    } else if number.chars().count() > 60 {
        refuse(CERTIFICATE, "Quá dài.", "Too long.");
    }
    let stars = cell(STARS)
        .trim_end_matches(['*', '★', ' '])
        .trim_end_matches("sao")
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(Stars::certified);
    if stars.is_none() {
        refuse(
            STARS,
            "Hạng sao là 3, 4 hoặc 5.",
            "The stars are 3, 4 or 5.",
        );
    }
    let points = |at: usize, problems: &mut Problems| match cell(at) {
        "" => None,
        text => {
            let points = parse_points(text);
            if points.is_none() {
                problems.push((
                    at,
                    said(
                        "Điểm là một số, ví dụ 78,5.",
                        "A score is a number, e.g. 78.5.",
                    ),
                ));
            }
            points
        }
    };
    let score = points(SCORE, problems);
    let parts = [PART_A, PART_B, PART_C].map(|at| points(at, problems));
    let parts = match parts {
        [Some(a), Some(b), Some(c)] => Some(Parts { a, b, c }),
        _ => None,
    };
    if let (Some(score), Some(parts)) = (score, parts) {
        if parts.total() != score {
            problems.push((
                SCORE,
                said(
                    "Điểm không bằng tổng ba phần A, B, C.",
                    "The score is not the sum of parts A, B and C.",
                ),
            ));
        }
    }
    let mut refuse = |at: usize, vi: &str, en: &str| problems.push((at, said(vi, en)));
    let decision_no = cell(DECISION_NO);
    if decision_no.is_empty() {
        refuse(
            DECISION_NO,
            "Thiếu số quyết định công nhận.",
            "The decision number is missing.",
        );
    }
    let day = |at: usize, refuse: &mut dyn FnMut(usize, &str, &str)| {
        let day = Day::read(cell(at));
        if day.is_none() {
            refuse(
                at,
                "Ngày không hợp lệ (dạng ngày/tháng/năm, ví dụ 17/12/2021).",
                "Not a valid date (day/month/year, e.g. 17/12/2021).",
            );
        }
        day
    };
    let decision_date = day(DECISION_DATE, &mut refuse);
    // The certificate is dated with its decision unless the file says otherwise.
    let issued_on = match cell(ISSUED) {
        "" => decision_date,
        _ => day(ISSUED, &mut refuse),
    };
    let valid_until = day(VALID_UNTIL, &mut refuse);
    if let (Some(issued), Some(until)) = (issued_on, valid_until) {
        if until <= issued {
            refuse(
                VALID_UNTIL,
                "Ngày hết hiệu lực phải sau ngày cấp.",
                "The certificate must end after its date of issue.",
            );
        }
    }
    Some(CertificateCells {
        number: number.to_owned(),
        stars: stars?,
        score,
        parts,
        decision_no: decision_no.to_owned(),
        decision_date: decision_date?,
        issued_on: issued_on?,
        valid_until: valid_until?,
    })
}

/// Refusals the store finds against the data, by column.
pub fn unknown_set() -> (usize, Said) {
    (
        SET,
        said(
            "Không có bộ sản phẩm nào tên này (xem Bộ tiêu chí OCOP; có thể ghi thêm nhóm sản phẩm).",
            "No product set has this name (see the OCOP classification; the product group may help).",
        ),
    )
}

pub fn unknown_commune() -> (usize, Said) {
    (
        COMMUNE,
        said(
            "Không có xã, phường nào tên này trong dữ liệu (xem trang Đơn vị hành chính).",
            "No commune or ward of this name is in the data (see the administrative units).",
        ),
    )
}

pub fn ambiguous_commune(codes: &[String]) -> (usize, Said) {
    let codes = codes.join(", ");
    (
        COMMUNE,
        Said {
            vi: format!("Có nhiều xã, phường tên này ({codes}): hãy ghi mã đơn vị, hoặc tỉnh."),
            en: format!("Several communes have this name ({codes}): write the unit's code, or the province."),
        },
    )
}

pub fn type_needed() -> (usize, Said) {
    (
        PRODUCER_TYPE,
        said(
            "Chủ thể mới: cần ghi loại hình.",
            "A new producer: its type is needed.",
        ),
    )
}

pub fn row_twice(first_line: u32) -> (usize, Said) {
    (
        PRODUCT,
        Said {
            vi: format!("Sản phẩm này (cùng chủ thể và giấy chứng nhận) đã có ở dòng {first_line}."),
            en: format!("This product (with the same producer and certificate) is already on line {first_line}."),
        },
    )
}

pub fn certificate_twice(first_line: u32) -> (usize, Said) {
    (
        CERTIFICATE,
        Said {
            vi: format!("Số giấy chứng nhận này đã có ở dòng {first_line} của tệp."),
            en: format!("This certificate number is already on line {first_line} of the file."),
        },
    )
}

pub fn certificate_differs() -> (usize, Said) {
    (
        CERTIFICATE,
        said(
            "Giấy chứng nhận số này đã có trong dữ liệu với sản phẩm, hạng sao hoặc ngày khác; nhập không sửa giấy đã cấp.",
            "A certificate of this number is in the data with another product, star or dates; an import does not change a certificate issued.",
        ),
    )
}

pub fn parts_needed() -> (usize, Said) {
    (
        PART_A,
        said(
            "Giấy chứng nhận mới: cần điểm phần A, B, C của phiếu chấm.",
            "A new certificate: the score sheet's parts A, B and C are needed.",
        ),
    )
}

pub fn stars_differ_from_score() -> (usize, Said) {
    (
        STARS,
        said(
            "Hạng sao không khớp với tổng điểm theo thang xếp hạng.",
            "The stars do not match the score by the star bands.",
        ),
    )
}

pub fn part_above_maximum() -> (usize, Said) {
    (
        PART_A,
        said(
            "Điểm một phần vượt quá mức tối đa của bộ tiêu chí áp dụng ngày quyết định.",
            "A part is above the maximum of the scheme in force on the decision's date.",
        ),
    )
}

pub fn no_scheme() -> (usize, Said) {
    (
        DECISION_DATE,
        said(
            "Không có bộ tiêu chí OCOP nào áp dụng vào ngày này.",
            "No OCOP scheme was in force on this day.",
        ),
    )
}

pub fn validity_differs(expected: Day) -> (usize, Said) {
    (
        VALID_UNTIL,
        Said {
            vi: format!(
                "Giấy chứng nhận có hiệu lực 36 tháng kể từ ngày cấp: đến {}.",
                expected.shown()
            ),
            en: format!(
                "A certificate is valid 36 months from its date of issue: until {}.",
                expected.shown()
            ),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_under_way_counts_its_rows_in_each_language() {
        let now = ImportState::Writing {
            done: 12_000,
            total: 20_000,
        };
        assert!(now.running());
        assert!(now
            .said(Lang::Vi)
            .starts_with("Đã ghi 12.000 / 20.000 dòng."));
        assert!(now
            .said(Lang::En)
            .starts_with("12,000 of 20,000 rows written."));
        let ended = ImportState::Failed(crate::error::AppError::Busy);
        assert!(!ended.running());
        assert!(ended
            .said(Lang::En)
            .starts_with("The import stopped. The site is busy"));
    }

    fn row(pairs: &[(usize, &str)]) -> Vec<String> {
        let mut cells = vec![String::new(); COLUMNS.len()];
        for (at, text) in pairs {
            cells[*at] = (*text).to_owned();
        }
        cells
    }

    const PRODUCT_ONLY: [(usize, &str); 5] = [
        (PRODUCT, "Nước mắm Cảnh Dương"),
        (SET, "Nước mắm"),
        (PRODUCER, "Cơ sở Hải Yến"),
        (PRODUCER_TYPE, "Hộ kinh doanh"),
        (COMMUNE, "Quảng Trạch"),
    ];

    #[test]
    fn a_row_without_certificate_cells_is_a_product_alone() {
        let read = ProductRow::read(&row(&PRODUCT_ONLY)).expect("read");
        assert_eq!(read.certificate, None);
        assert_eq!(read.producer_type, Some(EntityType::Household));
    }

    #[test]
    fn a_certificate_reads_stars_scores_and_dates_as_offices_write_them() {
        let mut cells = PRODUCT_ONLY.to_vec();
        cells.extend([
            (STARS, "4 sao"),
            (SCORE, "78,5"),
            (PART_A, "30"),
            (PART_B, "20,5"),
            (PART_C, "28"),
            (CERTIFICATE, "QT-2025-0001"),
            (DECISION_NO, "123/QĐ-UBND"),
            (DECISION_DATE, "17/12/2025"),
            (VALID_UNTIL, "17/12/2028"),
        ]);
        let certificate = ProductRow::read(&row(&cells))
            .expect("read")
            .certificate
            .expect("a certificate");
        assert_eq!(certificate.stars.get(), 4);
        assert_eq!(certificate.score, Some(7850));
        assert_eq!(certificate.issued_on, certificate.decision_date);
    }

    #[test]
    fn a_certificate_cell_alone_asks_for_the_rest_by_column_the_issue_date_following_the_decision()
    {
        let mut cells = PRODUCT_ONLY.to_vec();
        cells.extend([
            (STARS, "6"),
            (SCORE, "80"),
            (PART_A, "1"),
            (PART_B, "1"),
            (PART_C, "1"),
        ]);
        let problems = ProductRow::read(&row(&cells)).expect_err("refused");
        let mut columns: Vec<usize> = problems.iter().map(|(at, _)| *at).collect();
        columns.sort_unstable();
        assert_eq!(
            columns,
            vec![
                STARS,
                SCORE,
                CERTIFICATE,
                DECISION_NO,
                DECISION_DATE,
                VALID_UNTIL
            ]
        );
    }
}
