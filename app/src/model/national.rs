//! The certified products as the provinces report them to the national OCOP system: one row a
//! product holding a certificate valid on the day, in one XLSX (`/admin/reports/national.xlsx`).
//! The columns are fixed and documented here, in the README and in the file's header row.

use serde::{Deserialize, Serialize};

use crate::model::day::Day;
use crate::model::stars::Stars;

/// One certified product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct NationalRow {
    pub product: String,
    pub group_name: String,
    pub set_name: String,
    pub stars: Stars,
    /// The council's average, out of 100, to two decimals.
    pub score: f64,
    pub certificate_no: String,
    pub decision_no: Option<String>,
    pub decision_date: Option<Day>,
    pub issued_on: Day,
    pub expires_on: Day,
    pub producer: String,
    /// The producer's type as stored (`EntityType`'s code).
    pub entity_type: String,
    pub tax_code: Option<String>,
    /// Today's commune or ward, after the July 2025 reform where its mapping is known.
    pub commune: String,
    /// Today's province of that commune.
    pub province: String,
}

/// The columns in the file's order: the header (Vietnamese, as the national system's forms
/// name them) and what each holds, in English for the README.
pub const NATIONAL_COLUMNS: [(&str, &str); 16] = [
    ("STT", "row number"),
    ("Tên sản phẩm", "the product's name"),
    (
        "Nhóm sản phẩm",
        "product group (the OCOP classification's six groups)",
    ),
    ("Bộ sản phẩm", "product set within the group"),
    ("Hạng sao", "stars, 3 to 5 (a number)"),
    (
        "Điểm",
        "the council's score out of 100 (a number, two decimals)",
    ),
    ("Số giấy chứng nhận", "certificate number"),
    ("Số quyết định", "the recognition decision's number"),
    ("Ngày quyết định", "the decision's date, dd/mm/yyyy"),
    ("Ngày cấp", "the certificate's date of issue, dd/mm/yyyy"),
    ("Hiệu lực đến", "valid until, dd/mm/yyyy (36 months)"),
    ("Chủ thể", "the producer"),
    ("Loại hình chủ thể", "the producer's type, in Vietnamese"),
    ("Mã số thuế", "the producer's tax code"),
    ("Xã, phường (hiện nay)", "today's commune or ward"),
    ("Tỉnh, thành phố (hiện nay)", "today's province"),
];
