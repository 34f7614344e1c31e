//! The progress report of an OCOP cycle as of a day, as the provincial office writes it several
//! times a year: what was registered and by whom, appraised, evaluated and recognised, each by
//! district-level unit and product group; the certificates as they stood that day; the events
//! held. The same tables make the page, the XLSX workbook and the CSV files, and the figures
//! the paragraph staff copy into their official document.

use serde::{Deserialize, Serialize};

use crate::format::grouped;
use crate::i18n::{t, Lang};
use crate::model::day::Day;
use crate::model::events::status::{EventKind, EventStatus};
use crate::model::form::{refuse_if_any, typed_day};
use crate::model::ids::CycleYear;
use crate::model::stats::CycleFigures;

/// The report's address as typed: `?year=2021&day=2021-07-30&compare=2021-06-30&units=today`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportQuery {
    pub year: Option<String>,
    pub as_of: Option<String>,
    pub compare: Option<String>,
    pub units: Option<String>,
}

/// Which units a report's lines are grouped by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Units {
    /// The units valid on the report's day: the districts before the July 2025 reform, the
    /// communes after it.
    #[default]
    OfTheDay,
    /// Today's communes, whatever the day: a report from before the reform regrouped, each
    /// former commune counted in the commune it became part of.
    Today,
}

impl Units {
    /// The address's value (`units=today`); none for the default.
    pub fn slug(self) -> Option<&'static str> {
        match self {
            Self::OfTheDay => None,
            Self::Today => Some("today"),
        }
    }
}

/// A former commune and the one of today it became part of, in the July 2025 reform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct UnitMapping {
    pub today: String,
    pub former: String,
    pub former_district: String,
}

/// One line of a breakdown: a unit or a product group, and its registrations at each step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Breakdown {
    pub label_vi: String,
    pub label_en: String,
    pub registered: i64,
    pub new_products: i64,
    pub existing_products: i64,
    pub eligible: i64,
    pub evaluated: i64,
    pub recognised: i64,
}

/// The province's certificates as they stood on the day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CertificateFigures {
    pub valid: i64,
    /// Valid, and ending within 90 days.
    pub expiring: i64,
    pub expired: i64,
    pub revoked: i64,
    /// Products on show with at least one online listing, as they stand today (listings keep
    /// no history), which provinces report.
    pub sold_online: i64,
}

/// An event or training held, or begun, between the cycle's opening and the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HeldEvent {
    pub name: String,
    pub kind: EventKind,
    pub starts_on: Day,
    pub ends_on: Day,
    pub status: EventStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressReport {
    pub year: CycleYear,
    pub cycle_name: String,
    pub scheme_code: String,
    pub as_of: Day,
    pub figures: CycleFigures,
    /// The same figures on another day, when asked for.
    pub compared: Option<(Day, CycleFigures)>,
    /// Units as they were on the day: the districts before the 2025 reform, communes after.
    pub units_are_former_districts: bool,
    /// The day precedes the reform, but the lines are grouped by today's communes.
    pub regrouped: bool,
    /// How the former communes of the cycle's producers map to today's.
    pub unit_mapping: Vec<UnitMapping>,
    pub by_unit: Vec<Breakdown>,
    pub by_group: Vec<Breakdown>,
    pub certificates: CertificateFigures,
    pub events: Vec<HeldEvent>,
    /// The years of every cycle, newest first, to choose from.
    pub years: Vec<CycleYear>,
}

/// The tables of a report, each a sheet of the workbook and a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportTable {
    Summary,
    ByUnit,
    ByGroup,
    Certificates,
    Events,
    UnitMapping,
}

/// A cell of a report's table: numbers stay numbers in the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(i64),
}

impl ReportTable {
    pub const ALL: [Self; 6] = [
        Self::Summary,
        Self::ByUnit,
        Self::ByGroup,
        Self::Certificates,
        Self::Events,
        Self::UnitMapping,
    ];

    /// The table's name in its CSV's address, `/admin/reports/2021/by-unit.csv`.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Summary => "summary",
            Self::ByUnit => "by-unit",
            Self::ByGroup => "by-group",
            Self::Certificates => "certificates",
            Self::Events => "events",
            Self::UnitMapping => "unit-mapping",
        }
    }

    /// The table's name in the file the office saves, in Vietnamese as its documents are; until
    /// December 2026 the address's too, so an old link's name is found by it.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Summary => "tong-hop",
            Self::ByUnit => "theo-dia-ban",
            Self::ByGroup => "theo-nhom",
            Self::Certificates => "giay-chung-nhan",
            Self::Events => "su-kien",
            Self::UnitMapping => "doi-chieu-don-vi",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|table| table.slug() == slug)
    }

    pub fn from_file_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|table| table.file_name() == name)
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Self::Summary => t(lang, "Tổng hợp", "Summary"),
            Self::ByUnit => t(lang, "Theo địa bàn", "By locality"),
            Self::ByGroup => t(lang, "Theo nhóm sản phẩm", "By product group"),
            Self::Certificates => t(lang, "Giấy chứng nhận", "Certificates"),
            Self::Events => t(lang, "Sự kiện, tập huấn", "Events and training"),
            // A sheet's name too, which Excel keeps within 31 characters.
            Self::UnitMapping => t(
                lang,
                "Đối chiếu đơn vị hành chính",
                "Units before and after 2025",
            ),
        }
    }
}

/// The figures a report lists, in its order: (label, value, whether it details the line above).
pub fn figure_lines(figures: &CycleFigures, lang: Lang) -> Vec<(&'static str, i64, bool)> {
    vec![
        (
            t(lang, "Sản phẩm đăng ký", "Products registered"),
            figures.registered,
            false,
        ),
        (
            t(lang, "sản phẩm mới", "new products"),
            figures.new_products,
            true,
        ),
        (
            t(lang, "sản phẩm đã có", "existing products"),
            figures.existing_products,
            true,
        ),
        (
            t(
                lang,
                "Chủ thể kinh tế tham gia",
                "Economic entities taking part",
            ),
            figures.entities,
            false,
        ),
        (
            t(lang, "doanh nghiệp", "enterprises"),
            figures.enterprises,
            true,
        ),
        (
            t(
                lang,
                "hợp tác xã, tổ hợp tác",
                "cooperatives and cooperative groups",
            ),
            figures.cooperatives_and_groups,
            true,
        ),
        (
            t(lang, "hộ kinh doanh", "household businesses"),
            figures.households,
            true,
        ),
        (
            t(
                lang,
                "Sản phẩm được thẩm định đủ điều kiện",
                "Products appraised as eligible",
            ),
            figures.appraised_eligible,
            false,
        ),
        (
            t(
                lang,
                "Sản phẩm đã được hội đồng đánh giá",
                "Products evaluated by a council",
            ),
            figures.evaluated,
            false,
        ),
        (
            t(lang, "Sản phẩm được công nhận", "Products recognised"),
            figures.recognised(),
            false,
        ),
        (t(lang, "3 sao", "3 stars"), figures.three_stars, true),
        (t(lang, "4 sao", "4 stars"), figures.four_stars, true),
        (t(lang, "5 sao", "5 stars"), figures.five_stars, true),
    ]
}

impl ProgressReport {
    /// The report's period in words: "Chu trình OCOP năm 2021, tính đến ngày 30/07/2021".
    pub fn period(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => format!("{}, tính đến ngày {}", self.cycle_name, self.as_of.shown()),
            Lang::En => format!("{}, as of {}", self.cycle_name, self.as_of.shown()),
        }
    }

    /// The paragraph staff copy into their official document, in the report's own style.
    pub fn narrative(&self, lang: Lang) -> String {
        let f = &self.figures;
        let n = |value: i64| grouped(value, lang);
        let day = self.as_of.shown();
        let stars = [(3, f.three_stars), (4, f.four_stars), (5, f.five_stars)]
            .into_iter()
            .filter(|(_, count)| *count > 0);
        match lang {
            Lang::Vi => {
                let stars: Vec<String> = stars
                    .map(|(star, count)| format!("{} sản phẩm {star} sao", n(count)))
                    .collect();
                let recognised = if stars.is_empty() {
                    format!("{} sản phẩm", n(f.recognised()))
                } else {
                    format!("{} sản phẩm, gồm {}", n(f.recognised()), stars.join(", "))
                };
                format!(
                    "Tính đến ngày {day}, {}: tổng số sản phẩm đã đăng ký: {} sản phẩm, gồm {} sản phẩm mới và {} sản phẩm đã có; tổng số chủ thể kinh tế tham gia: {} chủ thể, gồm {} doanh nghiệp, {} hợp tác xã và tổ hợp tác, {} hộ kinh doanh; số sản phẩm được thẩm định đủ điều kiện tham gia đánh giá, phân hạng: {} sản phẩm; số sản phẩm đã được hội đồng đánh giá: {} sản phẩm; số sản phẩm được công nhận: {recognised}.",
                    self.cycle_name,
                    n(f.registered),
                    n(f.new_products),
                    n(f.existing_products),
                    n(f.entities),
                    n(f.enterprises),
                    n(f.cooperatives_and_groups),
                    n(f.households),
                    n(f.appraised_eligible),
                    n(f.evaluated),
                )
            }
            Lang::En => {
                let stars: Vec<String> = stars
                    .map(|(star, count)| format!("{} with {star} stars", n(count)))
                    .collect();
                let recognised = if stars.is_empty() {
                    n(f.recognised())
                } else {
                    format!("{} ({})", n(f.recognised()), stars.join(", "))
                };
                format!(
                    "As of {day}, in the {year} OCOP cycle: {} products were registered, {} new and {} existing; {} economic entities took part: {} enterprises, {} cooperatives and cooperative groups, {} household businesses; {} products were appraised as eligible for evaluation; {} were evaluated by a council; {recognised} were recognised.",
                    n(f.registered),
                    n(f.new_products),
                    n(f.existing_products),
                    n(f.entities),
                    n(f.enterprises),
                    n(f.cooperatives_and_groups),
                    n(f.households),
                    n(f.appraised_eligible),
                    n(f.evaluated),
                    year = self.year,
                )
            }
        }
    }

    /// A table of the report: its header and rows, as the files and the page show them.
    pub fn table(&self, table: ReportTable, lang: Lang) -> (Vec<&'static str>, Vec<Vec<Value>>) {
        let text = |s: &str| Value::Text(s.to_owned());
        match table {
            ReportTable::Summary => {
                let mut headers = vec![t(lang, "Chỉ tiêu", "Figure"), t(lang, "Số lượng", "Count")];
                let compared = self
                    .compared
                    .as_ref()
                    .map(|(_, figures)| figure_lines(figures, lang));
                if compared.is_some() {
                    headers.push(t(lang, "Ngày so sánh", "Compared day"));
                    headers.push(t(lang, "Chênh lệch", "Difference"));
                }
                let rows = figure_lines(&self.figures, lang)
                    .into_iter()
                    .enumerate()
                    .map(|(i, (label, value, detail))| {
                        let label = if detail {
                            format!("- {label}")
                        } else {
                            label.to_owned()
                        };
                        let mut row = vec![Value::Text(label), Value::Number(value)];
                        if let Some(other) = compared.as_ref().and_then(|lines| lines.get(i)) {
                            row.push(Value::Number(other.1));
                            row.push(Value::Number(value - other.1));
                        }
                        row
                    })
                    .collect();
                (headers, rows)
            }
            ReportTable::ByUnit | ReportTable::ByGroup => {
                let first = match table {
                    ReportTable::ByUnit if self.units_are_former_districts => {
                        t(lang, "Huyện, thị xã, thành phố", "District")
                    }
                    ReportTable::ByUnit if self.regrouped => {
                        t(lang, "Xã, phường hiện nay", "Today's commune")
                    }
                    ReportTable::ByUnit => t(lang, "Xã, phường", "Commune"),
                    _ => t(lang, "Nhóm sản phẩm", "Product group"),
                };
                let lines = if table == ReportTable::ByUnit {
                    &self.by_unit
                } else {
                    &self.by_group
                };
                let headers = vec![
                    first,
                    t(lang, "Đăng ký", "Registered"),
                    t(lang, "Mới", "New"),
                    t(lang, "Đã có", "Existing"),
                    t(lang, "Đủ điều kiện", "Eligible"),
                    t(lang, "Đã đánh giá", "Evaluated"),
                    t(lang, "Được công nhận", "Recognised"),
                ];
                let mut rows: Vec<Vec<Value>> = lines
                    .iter()
                    .map(|line| {
                        vec![
                            text(match lang {
                                Lang::Vi => &line.label_vi,
                                Lang::En => &line.label_en,
                            }),
                            Value::Number(line.registered),
                            Value::Number(line.new_products),
                            Value::Number(line.existing_products),
                            Value::Number(line.eligible),
                            Value::Number(line.evaluated),
                            Value::Number(line.recognised),
                        ]
                    })
                    .collect();
                let sum = |pick: fn(&Breakdown) -> i64| Value::Number(lines.iter().map(pick).sum());
                rows.push(vec![
                    text(t(lang, "Tổng", "Total")),
                    sum(|l| l.registered),
                    sum(|l| l.new_products),
                    sum(|l| l.existing_products),
                    sum(|l| l.eligible),
                    sum(|l| l.evaluated),
                    sum(|l| l.recognised),
                ]);
                (headers, rows)
            }
            ReportTable::Certificates => {
                let c = self.certificates;
                (
                    vec![
                        t(lang, "Giấy chứng nhận", "Certificates"),
                        t(lang, "Số lượng", "Count"),
                    ],
                    vec![
                        vec![
                            text(t(lang, "Còn hiệu lực", "Valid")),
                            Value::Number(c.valid),
                        ],
                        vec![
                            text(t(
                                lang,
                                "- trong đó hết hạn trong 90 ngày",
                                "- of which ending within 90 days",
                            )),
                            Value::Number(c.expiring),
                        ],
                        vec![
                            text(t(lang, "Đã hết hạn", "Expired")),
                            Value::Number(c.expired),
                        ],
                        vec![
                            text(t(lang, "Đã thu hồi", "Revoked")),
                            Value::Number(c.revoked),
                        ],
                        vec![
                            text(t(
                                lang,
                                "Sản phẩm đang công khai có bán trực tuyến (hiện nay)",
                                "Products on show sold online (today)",
                            )),
                            Value::Number(c.sold_online),
                        ],
                    ],
                )
            }
            ReportTable::UnitMapping => (
                vec![
                    t(lang, "Xã, phường hiện nay", "Today's commune"),
                    t(
                        lang,
                        "Xã, phường trước 01/07/2025",
                        "Commune before 1 July 2025",
                    ),
                    t(
                        lang,
                        "Huyện, thị xã, thành phố trước 01/07/2025",
                        "District before 1 July 2025",
                    ),
                ],
                self.unit_mapping
                    .iter()
                    .map(|line| {
                        vec![
                            text(&line.today),
                            text(&line.former),
                            text(&line.former_district),
                        ]
                    })
                    .collect(),
            ),
            ReportTable::Events => (
                vec![
                    t(lang, "Sự kiện", "Event"),
                    t(lang, "Loại", "Kind"),
                    t(lang, "Từ ngày", "From"),
                    t(lang, "Đến ngày", "To"),
                    t(lang, "Trạng thái", "Status"),
                ],
                self.events
                    .iter()
                    .map(|event| {
                        vec![
                            text(&event.name),
                            text(event.kind.label(lang)),
                            Value::Text(event.starts_on.shown()),
                            Value::Text(event.ends_on.shown()),
                            text(event.status.label(lang)),
                        ]
                    })
                    .collect(),
            ),
        }
    }

    /// The name files of this report start with: `bao-cao-ocop-2021-2021-07-30`.
    pub fn file_stem(&self) -> String {
        format!("bao-cao-ocop-{}-{}", self.year, self.as_of.iso())
    }
}

/// A report's choices, checked: a cycle's year (None: the newest), the day (None: today) and
/// the day to compare with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportChoice {
    pub year: Option<CycleYear>,
    pub as_of: Option<Day>,
    pub compare: Option<Day>,
    pub units: Units,
}

impl ReportQuery {
    /// From the address's own names: `year`, `day`, `compare`, `units`.
    pub fn from_address(get: impl Fn(&str) -> Option<String>) -> Self {
        let given = |key: &str| get(key).filter(|value| !value.trim().is_empty());
        Self {
            year: given("year"),
            as_of: given("day"),
            compare: given("compare"),
            units: given("units"),
        }
    }

    pub fn parse(&self) -> Result<ReportChoice, crate::error::AppError> {
        let mut problems = Vec::new();
        let year = self.year.as_deref().and_then(|year| {
            let parsed = year.trim().parse::<i64>().ok();
            if parsed.is_none() {
                problems.push(crate::error::FieldError::new(
                    "year",
                    "Vui lòng chọn một chu trình.",
                    "Please choose a cycle.",
                ));
            }
            parsed
        });
        let as_of = typed_day(
            &mut problems,
            "day",
            self.as_of.as_deref().unwrap_or_default(),
        );
        let compare = typed_day(
            &mut problems,
            "compare",
            self.compare.as_deref().unwrap_or_default(),
        );
        let units = match self.units.as_deref().map(str::trim) {
            None | Some("") => Units::OfTheDay,
            Some("today") => Units::Today,
            Some(_) => {
                problems.push(crate::error::FieldError::new(
                    "units",
                    "Vui lòng chọn cách nhóm theo đơn vị hành chính.",
                    "Please choose how to group by administrative unit.",
                ));
                Units::OfTheDay
            }
        };
        refuse_if_any(problems)?;
        Ok(ReportChoice {
            year: year.map(CycleYear),
            as_of,
            compare,
            units,
        })
    }
}
