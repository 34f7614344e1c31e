//! Open data: the province's certified OCOP products as CSV and JSON (`/data/products.csv`,
//! `/data/products.json`), with the fields written down once here, for the `/data` page that
//! documents them and for the files themselves. The field names are stable: new fields may
//! be added at the end, none is renamed or removed.

use crate::model::day::Day;
use crate::model::stars::Stars;
use serde::{Deserialize, Serialize};

/// The licence of the open data, named in the files and on the page.
pub const LICENCE: &str = "CC BY 4.0";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// A certified product as the open data gives it: a product published on the portal whose
/// latest certificate is valid today.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OpenProduct {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub group: String,
    pub group_en: String,
    pub set: String,
    pub set_en: String,
    pub stars: Stars,
    pub score: f64,
    pub certificate_no: String,
    pub decision_no: Option<String>,
    pub decision_date: Option<Day>,
    pub valid_until: Day,
    pub producer: String,
    pub entity_type: String,
    /// The commune, district and province as they were before the July 2025 reform.
    /// The files' field names were published before the code said "unit", and stay.
    #[serde(rename = "former_locality")]
    pub former_unit: String,
    /// Today's commune and province, where the reform's mapping of the commune is known.
    #[serde(rename = "locality")]
    pub today_unit: Option<String>,
}

/// A field of the open data: its name, its JSON type, and what it holds in both languages.
pub struct Field {
    pub name: &'static str,
    pub kind: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

const fn field(
    name: &'static str,
    kind: &'static str,
    vi: &'static str,
    en: &'static str,
) -> Field {
    Field { name, kind, vi, en }
}

/// Every field of [`OpenProduct`], in the files' column order.
pub const PRODUCT_FIELDS: [Field; 17] = [
    field("name", "string", "Tên sản phẩm", "The product's name"),
    field(
        "slug",
        "string",
        "Mã định danh trong địa chỉ trang sản phẩm",
        "Its identifier in the product page's address",
    ),
    field(
        "url",
        "string",
        "Địa chỉ trang sản phẩm",
        "The product page's address",
    ),
    field(
        "group",
        "string",
        "Nhóm sản phẩm (tiếng Việt)",
        "Product group (Vietnamese)",
    ),
    field(
        "group_en",
        "string",
        "Nhóm sản phẩm (tiếng Anh)",
        "Product group (English)",
    ),
    field(
        "set",
        "string",
        "Bộ sản phẩm (tiếng Việt)",
        "Product set (Vietnamese)",
    ),
    field(
        "set_en",
        "string",
        "Bộ sản phẩm (tiếng Anh)",
        "Product set (English)",
    ),
    field(
        "stars",
        "number",
        "Hạng sao của giấy chứng nhận còn hiệu lực (3 đến 5)",
        "Stars of the valid certificate (3 to 5)",
    ),
    field(
        "score",
        "number",
        "Điểm trung bình của hội đồng, thang 100, hai chữ số thập phân",
        "The council's average score out of 100, two decimals",
    ),
    field(
        "certificate_no",
        "string",
        "Số giấy chứng nhận",
        "Certificate number",
    ),
    field(
        "decision_no",
        "string | null",
        "Số quyết định công nhận",
        "Number of the recognition decision",
    ),
    field(
        "decision_date",
        "string | null",
        "Ngày quyết định (năm-tháng-ngày)",
        "Date of the decision (year-month-day)",
    ),
    field(
        "valid_until",
        "string",
        "Giấy chứng nhận có hiệu lực đến ngày (năm-tháng-ngày)",
        "The certificate is valid until (year-month-day)",
    ),
    field(
        "producer",
        "string",
        "Tên chủ thể sản xuất",
        "The producer's name",
    ),
    field(
        "entity_type",
        "string",
        "Loại hình chủ thể: enterprise, cooperative, cooperative_group, household",
        "The producer's type: enterprise, cooperative, cooperative_group, household",
    ),
    field(
        "former_locality",
        "string",
        "Xã, huyện, tỉnh trước sắp xếp đơn vị hành chính tháng 7/2025",
        "Commune, district and province before the July 2025 reform",
    ),
    field(
        "locality",
        "string | null",
        "Xã, tỉnh hiện nay (để trống khi chưa có dữ liệu sắp xếp của xã)",
        "Today's commune and province (null while the commune's mapping is not in the data)",
    ),
];

/// The JSON file: what it is, under which licence, on which day, and the products.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductsFile {
    pub source: String,
    pub licence: String,
    pub licence_url: String,
    pub as_of: String,
    pub products: Vec<OpenProduct>,
}

impl OpenProduct {
    /// The product's values in [`PRODUCT_FIELDS`] order, as text for the CSV (empty for none).
    pub fn values(&self) -> Vec<String> {
        vec![
            self.name.clone(),
            self.slug.clone(),
            self.url.clone(),
            self.group.clone(),
            self.group_en.clone(),
            self.set.clone(),
            self.set_en.clone(),
            self.stars.to_string(),
            format!("{:.2}", self.score),
            self.certificate_no.clone(),
            self.decision_no.clone().unwrap_or_default(),
            self.decision_date.map(Day::iso).unwrap_or_default(),
            self.valid_until.iso(),
            self.producer.clone(),
            self.entity_type.clone(),
            self.former_unit.clone(),
            self.today_unit.clone().unwrap_or_default(),
        ]
    }
}
