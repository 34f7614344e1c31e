//! The yearly OCOP cycle as staff and producers work it: the rules of a cycle (its scheme's
//! part maxima, the star bands, which council level recognises which stars), score sheets and
//! their averages, the forms of each step, and what the pages show.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::form::{check_number, check_text, checked_ids, day_field, refuse_if_any, text};
use crate::model::ids::ProducerId;
use crate::model::page::Page;
use crate::model::status::{
    CertificateOutcome, CouncilLevel, CycleStage, ItemStatus, RegistrationKind, RegistrationStatus,
};

/// A cycle's score sheet, from its scheme: the maximum of each part, in hundredths.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Scheme {
    pub id: i64,
    pub code: String,
    pub max_a: i64,
    pub max_b: i64,
    pub max_c: i64,
    pub validity_months: i64,
}

/// A band of total scores and the star it earns, in hundredths, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct StarBand {
    pub stars: i64,
    pub min_score: i64,
    pub max_score: i64,
    pub certified: bool,
}

/// The star of a total score, from the bands held as data.
pub fn star_of(total: i64, bands: &[StarBand]) -> Option<u8> {
    bands
        .iter()
        .find(|band| (band.min_score..=band.max_score).contains(&total))
        .and_then(|band| u8::try_from(band.stars).ok())
}

/// Parts A, B, C of one sheet, in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Parts {
    pub a: i64,
    pub b: i64,
    pub c: i64,
}

impl Parts {
    pub fn total(self) -> i64 {
        self.a + self.b + self.c
    }
}

/// A council's result from its members' sheets: the total is the average of their totals,
/// rounded half up to the hundredth; each part is its own average, rounded down, with the
/// hundredths that rounding left over given to the parts that lost most (largest remainder),
/// so that the parts add up to the total exactly, as the evaluations table requires.
pub fn average(sheets: &[Parts]) -> Option<Parts> {
    let n = i64::try_from(sheets.len()).ok().filter(|n| *n > 0)?;
    let sums = [
        sheets.iter().map(|s| s.a).sum::<i64>(),
        sheets.iter().map(|s| s.b).sum::<i64>(),
        sheets.iter().map(|s| s.c).sum::<i64>(),
    ];
    let total = (2 * sums.iter().sum::<i64>() + n) / (2 * n);
    let mut parts = sums.map(|sum| sum / n);
    let mut left = total - parts.iter().sum::<i64>();
    let mut order = [0usize, 1, 2];
    order.sort_by_key(|&i| std::cmp::Reverse(sums[i] % n));
    for i in order {
        if left > 0 {
            parts[i] += 1;
            left -= 1;
        }
    }
    Some(Parts {
        a: parts[0],
        b: parts[1],
        c: parts[2],
    })
}

/// A council's result rests on at least this many members' sheets.
pub const MIN_SHEETS: usize = 2;

/// Points as members write them, "32,5" or "32.5", to hundredths; None if it is not a number
/// with at most two decimals.
pub fn parse_points(typed: &str) -> Option<i64> {
    let typed = typed.trim().replace(',', ".");
    let (whole, fraction) = typed.split_once('.').unwrap_or((&typed, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > 2
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// What a council does with a product it scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Below three stars: no certificate.
    NotRecognised,
    /// The council may recognise this star: it awaits the decision.
    Recognise(u8),
    /// Above what the council may recognise: the next level scores it.
    Forward(CouncilLevel),
}

/// The powers of the council levels under a cycle's rules: the levels that act, lowest first,
/// each with the highest star it recognises (None: it scores and forwards).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Powers(pub Vec<(CouncilLevel, Option<u8>)>);

impl Powers {
    pub fn may_act(&self, level: CouncilLevel) -> bool {
        self.0.iter().any(|(l, _)| *l == level)
    }

    /// The first level that acts: where an eligible product goes.
    pub fn first(&self) -> Option<CouncilLevel> {
        self.0.first().map(|(level, _)| *level)
    }

    pub fn verdict(&self, level: CouncilLevel, stars: u8) -> Verdict {
        if stars < 3 {
            return Verdict::NotRecognised;
        }
        let up_to = self
            .0
            .iter()
            .find(|(l, _)| *l == level)
            .and_then(|(_, up_to)| *up_to);
        if up_to.is_some_and(|up_to| stars <= up_to) {
            return Verdict::Recognise(stars);
        }
        match self.0.iter().find(|(l, _)| *l > level) {
            Some((next, _)) => Verdict::Forward(*next),
            None => Verdict::NotRecognised,
        }
    }
}

/// One line of the staff's list of cycles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CycleLine {
    pub year: i64,
    pub name: String,
    pub scheme_code: String,
    pub stage: CycleStage,
    pub opens_on: Day,
    pub registered: i64,
    pub recognised: i64,
}

/// A cycle with its deadlines, as staff edit it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Cycle {
    pub id: i64,
    pub year: i64,
    pub name: String,
    pub scheme_id: i64,
    pub scheme_code: String,
    pub stage: CycleStage,
    pub opens_on: Day,
    pub closes_on: Option<Day>,
    pub registration_until: Option<Day>,
    pub plans_until: Option<Day>,
    pub appraisal_until: Option<Day>,
    pub evaluation_until: Option<Day>,
}

/// What staff type about a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleForm {
    pub year: i64,
    pub name: String,
    pub scheme_id: i64,
    pub stage: CycleStage,
    pub opens_on: Day,
    pub closes_on: Option<Day>,
    pub registration_until: Option<Day>,
    pub plans_until: Option<Day>,
    pub appraisal_until: Option<Day>,
    pub evaluation_until: Option<Day>,
}

impl CycleForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let year = check_number(&mut problems, form, "year", (2018, 2100), true);
        let name = text(form, "name");
        check_text(&mut problems, "name", &name, true, 200);
        let scheme_id = check_number(&mut problems, form, "scheme_id", (1, i64::MAX), true);
        let stage = CycleStage::from_db(&text(form, "stage"));
        if stage.is_none() {
            problems.push(FieldError::new(
                "stage",
                "Vui lòng chọn giai đoạn.",
                "Please choose the stage.",
            ));
        }
        let opens_on = day_field(&mut problems, form, "opens_on", true);
        let closes_on = day_field(&mut problems, form, "closes_on", false);
        let deadlines = [
            "registration_until",
            "plans_until",
            "appraisal_until",
            "evaluation_until",
        ]
        .map(|field| (field, day_field(&mut problems, form, field, false)));
        // The stages follow one another: each deadline on or after the one before it.
        let mut before = opens_on;
        for (field, day) in deadlines.into_iter().chain([("closes_on", closes_on)]) {
            if let (Some(earlier), Some(day)) = (before, day) {
                if day < earlier {
                    problems.push(FieldError::new(
                        field,
                        "Hạn này phải sau các hạn trước.",
                        "This deadline must come after the ones before it.",
                    ));
                }
            }
            before = day.or(before);
        }
        refuse_if_any(problems)?;
        match (year, scheme_id, stage, opens_on) {
            (Some(year), Some(scheme_id), Some(stage), Some(opens_on)) => Ok(Self {
                year,
                name,
                scheme_id,
                stage,
                opens_on,
                closes_on,
                registration_until: deadlines[0].1,
                plans_until: deadlines[1].1,
                appraisal_until: deadlines[2].1,
                evaluation_until: deadlines[3].1,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// Counts of one row of a cycle's pipeline (a unit, a product group) by status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineRow {
    pub label: String,
    /// The filter that lists these registrations (`unit=…` or `group=…`).
    pub filter: String,
    pub counts: Vec<(RegistrationStatus, i64)>,
    pub total: i64,
}

/// A cycle's page: where its registrations stand, in all, by unit and by product group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub cycle: Cycle,
    pub counts: Vec<(RegistrationStatus, i64)>,
    /// "Huyện" before the 2025 reform, today's communes after.
    pub units_are_former_districts: bool,
    pub by_unit: Vec<PipelineRow>,
    pub by_group: Vec<PipelineRow>,
    pub councils: Vec<CouncilLine>,
    /// Which levels form councils under the cycle's rules, and what each recognises.
    pub powers: Powers,
    pub schemes: Vec<Choice>,
}

/// The registrations list's address as typed: filters, page, and the producer chosen to
/// register a product for. Checked by [`RegistrationFilter::parse`] on the server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationQuery {
    pub status: Option<String>,
    pub kind: Option<String>,
    pub unit: Option<String>,
    pub group: Option<String>,
    pub producer: Option<String>,
    pub page: Option<String>,
    pub for_producer: Option<String>,
}

impl RegistrationQuery {
    /// The filters by name, as [`RegistrationFilter::parse`] reads them.
    pub fn filters(&self) -> HashMap<String, String> {
        [
            ("status", &self.status),
            ("kind", &self.kind),
            ("unit", &self.unit),
            ("group", &self.group),
            ("producer", &self.producer),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.clone().map(|value| (key.to_owned(), value)))
        .collect()
    }
}

/// The filters of the registrations list, from its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationFilter {
    pub status: Option<RegistrationStatus>,
    pub kind: Option<RegistrationKind>,
    pub unit: Option<i64>,
    pub group: Option<i64>,
    pub producer: Option<ProducerId>,
}

impl RegistrationFilter {
    pub fn parse(query: &HashMap<String, String>) -> Result<Self, AppError> {
        let given = |key: &str| query.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
        let number = |key: &str| -> Result<Option<i64>, AppError> {
            given(key)
                .map(|v| {
                    v.parse::<i64>().map_err(|_| {
                        AppError::invalid(key, "Bộ lọc không hợp lệ.", "Not a valid filter.")
                    })
                })
                .transpose()
        };
        let status = given("status")
            .map(|v| {
                RegistrationStatus::from_db(v).ok_or_else(|| {
                    AppError::invalid("status", "Trạng thái không hợp lệ.", "Not a valid status.")
                })
            })
            .transpose()?;
        let kind = given("kind")
            .map(|v| {
                RegistrationKind::from_db(v).ok_or_else(|| {
                    AppError::invalid("kind", "Loại không hợp lệ.", "Not a valid kind.")
                })
            })
            .transpose()?;
        Ok(Self {
            status,
            kind,
            unit: number("unit")?,
            group: number("group")?,
            producer: number("producer")?.map(ProducerId),
        })
    }

    /// The filters as the address's query (without the page).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(status) = self.status {
            parts.push(format!("status={status}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={kind}"));
        }
        if let Some(unit) = self.unit {
            parts.push(format!("unit={unit}"));
        }
        if let Some(group) = self.group {
            parts.push(format!("group={group}"));
        }
        if let Some(producer) = self.producer {
            parts.push(format!("producer={}", producer.0));
        }
        parts.join("&")
    }
}

/// One registration in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RegistrationLine {
    pub id: i64,
    pub year: i64,
    pub product_name: String,
    pub product_slug: String,
    pub producer_name: String,
    pub kind: RegistrationKind,
    pub status: RegistrationStatus,
    pub level: Option<CouncilLevel>,
    pub registered_on: Day,
    pub unit: String,
    pub group_name: String,
    /// Required items not yet received.
    pub missing: i64,
}

/// The registrations of a cycle, filtered, with what the filters offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegistrationList {
    pub cycle: Cycle,
    pub filter: RegistrationFilter,
    pub registrations: Page<RegistrationLine>,
    pub units: Vec<Choice>,
    pub groups: Vec<Choice>,
    pub producers: Vec<Choice>,
    /// The producer chosen to register a product for, with its products.
    pub for_producer: Option<(ProducerId, Vec<Choice>)>,
    pub sets: Vec<Choice>,
}

/// One item of a dossier's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ChecklistItem {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub required: bool,
    pub upload: bool,
    /// None: missing.
    pub status: Option<ItemStatus>,
    pub note: String,
    pub file_name: Option<String>,
    pub updated_at: Option<String>,
}

impl ChecklistItem {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.name_vi,
            crate::i18n::Lang::En => &self.name_en,
        }
    }
}

/// A council's result for a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EvaluationLine {
    pub council_level: CouncilLevel,
    pub score_a: i64,
    pub score_b: i64,
    pub score_c: i64,
    pub total: i64,
    pub stars: i64,
    pub evaluated_on: Day,
    pub decision_no: Option<String>,
    pub decision_date: Option<Day>,
}

/// A certificate as its product's history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CertificateLine {
    pub id: i64,
    pub certificate_no: String,
    pub stars: i64,
    pub outcome: CertificateOutcome,
    pub issued_on: Day,
    pub expires_on: Day,
    pub revoked_on: Option<Day>,
    pub revoke_reason: Option<String>,
    pub expired: bool,
}

/// The steps of a registration's history its producer is told of: what happened to its
/// dossier and the decision, never the council's sheets or result before it.
pub const SHOWN_TO_PRODUCERS: [&str; 8] = [
    "register",
    "attach",
    "receive",
    "ask_correction",
    "dossier_complete",
    "appraise",
    "withdraw",
    "recognise",
];

/// One entry of a registration's history (its audit entries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HistoryLine {
    /// When, in Vietnam time (`YYYY-MM-DD HH:MM:SS`).
    pub at: String,
    pub who: String,
    pub action: String,
    pub summary: String,
}

impl HistoryLine {
    /// What was done, in words: the audit log keeps the action's code.
    pub fn what(&self, lang: crate::i18n::Lang) -> String {
        let (vi, en) = match self.action.as_str() {
            "register" => ("Đăng ký", "Registered"),
            "attach" => ("Nộp tệp", "File submitted"),
            "receive" => ("Đã nhận", "Received"),
            "ask_correction" => ("Yêu cầu bổ sung", "Correction asked"),
            "dossier_complete" => ("Hồ sơ đầy đủ", "Dossier complete"),
            "appraise" => ("Thẩm định", "Appraised"),
            "withdraw" => ("Rút hồ sơ", "Withdrawn"),
            "score_sheet" => ("Phiếu chấm điểm", "Score sheet"),
            "council_result" => ("Kết quả hội đồng", "Council's result"),
            "recognise" => ("Công nhận", "Recognised"),
            other => return other.to_owned(),
        };
        crate::i18n::t(lang, vi, en).to_owned()
    }
}

/// A registration opened: its dossier, its life, its results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRecord {
    pub id: i64,
    pub cycle: Cycle,
    pub product_id: i64,
    pub product_name: String,
    pub product_slug: String,
    pub producer_id: ProducerId,
    pub producer_name: String,
    pub kind: RegistrationKind,
    pub status: RegistrationStatus,
    pub level: Option<CouncilLevel>,
    pub reason: Option<String>,
    pub registered_on: Day,
    pub items: Vec<ChecklistItem>,
    pub evaluations: Vec<EvaluationLine>,
    pub certificate: Option<CertificateLine>,
    pub history: Vec<HistoryLine>,
}

impl RegistrationRecord {
    /// Every required item received.
    pub fn dossier_complete(&self) -> bool {
        self.items
            .iter()
            .filter(|item| item.required)
            .all(|item| item.status == Some(ItemStatus::Received))
    }
}

/// A product to register: one of the producer's, or a new one by its name and set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProductChoice {
    Existing(i64),
    New { name: String, set_id: i64 },
}

/// A registration as a producer (or staff for it) sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterForm {
    pub kind: RegistrationKind,
    pub product: ProductChoice,
}

impl RegisterForm {
    /// `product_id` names one of the producer's products; without it, `new_name` and `set_id`
    /// describe a new one (form 01).
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let kind = RegistrationKind::from_db(&text(form, "kind"));
        if kind.is_none() {
            problems.push(FieldError::new(
                "kind",
                "Vui lòng chọn sản phẩm mới hay đã có.",
                "Please choose a new or an existing product.",
            ));
        }
        let product = match text(form, "product_id").parse::<i64>().ok() {
            Some(id) => Some(ProductChoice::Existing(id)),
            None => {
                let name = text(form, "new_name");
                if name.is_empty() {
                    problems.push(FieldError::new(
                        "product_id",
                        "Vui lòng chọn một sản phẩm, hoặc điền tên sản phẩm mới.",
                        "Please choose a product, or name a new one.",
                    ));
                } else {
                    check_text(&mut problems, "new_name", &name, true, 200);
                }
                let set_id = check_number(
                    &mut problems,
                    form,
                    "set_id",
                    (1, i64::MAX),
                    !name.is_empty(),
                );
                set_id.map(|set_id| ProductChoice::New { name, set_id })
            }
        };
        refuse_if_any(problems)?;
        match (kind, product) {
            (Some(kind), Some(product)) => Ok(Self { kind, product }),
            _ => Err(AppError::Internal),
        }
    }
}

/// The locality's appraisal: eligible, or not with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppraisalForm {
    pub eligible: bool,
    pub appraised_on: Day,
    pub reason: String,
}

impl AppraisalForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let eligible = match text(form, "eligible").as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                problems.push(FieldError::new(
                    "eligible",
                    "Vui lòng chọn kết quả thẩm định.",
                    "Please choose the appraisal's result.",
                ));
                None
            }
        };
        let appraised_on = day_field(&mut problems, form, "appraised_on", true);
        // Not `reason`: the withdrawal form on the same page has that one.
        let reason = text(form, "appraisal_reason");
        check_text(
            &mut problems,
            "appraisal_reason",
            &reason,
            eligible == Some(false),
            1000,
        );
        refuse_if_any(problems)?;
        match (eligible, appraised_on) {
            (Some(eligible), Some(appraised_on)) => Ok(Self {
                eligible,
                appraised_on,
                reason,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// A council as staff form it: its members one per line, "Name, role".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilForm {
    pub level: CouncilLevel,
    pub name: String,
    pub formed_on: Day,
    pub members: Vec<(String, String)>,
}

impl CouncilForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let level = CouncilLevel::from_db(&text(form, "level"));
        if level.is_none() {
            problems.push(FieldError::new(
                "level",
                "Vui lòng chọn cấp hội đồng.",
                "Please choose the council's level.",
            ));
        }
        let name = text(form, "name");
        check_text(&mut problems, "name", &name, true, 200);
        let formed_on = day_field(&mut problems, form, "formed_on", true);
        let typed = form.get("members").map(String::as_str).unwrap_or_default();
        check_text(&mut problems, "members", typed, true, 4000);
        let members: Vec<(String, String)> = typed
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|line| match line.split_once(',') {
                Some((name, role)) => (name.trim().to_owned(), role.trim().to_owned()),
                None => (line.to_owned(), String::new()),
            })
            .collect();
        if !typed.trim().is_empty() && !(3..=25).contains(&members.len()) {
            problems.push(FieldError::new(
                "members",
                "Hội đồng có từ 3 đến 25 thành viên, mỗi người một dòng.",
                "A council has 3 to 25 members, one per line.",
            ));
        }
        refuse_if_any(problems)?;
        match (level, formed_on) {
            (Some(level), Some(formed_on)) => Ok(Self {
                level,
                name,
                formed_on,
                members,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// One member's sheet for a product, checked against the cycle's scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetForm {
    pub member_id: i64,
    pub parts: Parts,
}

impl SheetForm {
    pub fn from_form(form: &HashMap<String, String>, scheme: &Scheme) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let member_id = check_number(&mut problems, form, "member_id", (1, i64::MAX), true);
        let mut part = |field: &str, max: i64| {
            let typed = text(form, field);
            match parse_points(&typed) {
                Some(points) if points <= max => Some(points),
                _ => {
                    let shown = crate::format::score(max, crate::i18n::Lang::Vi);
                    let shown_en = crate::format::score(max, crate::i18n::Lang::En);
                    problems.push(FieldError::new(
                        field,
                        &format!("Nhập số điểm từ 0 đến {shown} (tối đa hai chữ số thập phân)."),
                        &format!("Enter points from 0 to {shown_en} (two decimals at most)."),
                    ));
                    None
                }
            }
        };
        let a = part("score_a", scheme.max_a);
        let b = part("score_b", scheme.max_b);
        let c = part("score_c", scheme.max_c);
        refuse_if_any(problems)?;
        match (member_id, a, b, c) {
            (Some(member_id), Some(a), Some(b), Some(c)) => Ok(Self {
                member_id,
                parts: Parts { a, b, c },
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// A recognition decision for a batch of products the councils scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub decision_no: String,
    pub decision_date: Day,
    pub registrations: Vec<i64>,
}

impl DecisionForm {
    /// A checkbox `registration-{id}` for each product of the batch.
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let decision_no = text(form, "decision_no");
        check_text(&mut problems, "decision_no", &decision_no, true, 100);
        let decision_date = day_field(&mut problems, form, "decision_date", true);
        let registrations = checked_ids(form, "registration-");
        if registrations.is_empty() {
            problems.push(FieldError::new(
                "registrations",
                "Vui lòng chọn ít nhất một sản phẩm.",
                "Please choose at least one product.",
            ));
        }
        refuse_if_any(problems)?;
        match decision_date {
            Some(decision_date) => Ok(Self {
                decision_no,
                decision_date,
                registrations,
            }),
            None => Err(AppError::Internal),
        }
    }
}

/// One council of a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CouncilLine {
    pub id: i64,
    pub level: CouncilLevel,
    pub name: String,
    pub formed_on: Day,
    pub members: i64,
    /// Products at its level waiting for its scores.
    pub waiting: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Member {
    pub id: i64,
    pub name: String,
    pub role: String,
}

/// A member's sheet as the council page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SheetLine {
    pub member_id: i64,
    pub score_a: i64,
    pub score_b: i64,
    pub score_c: i64,
}

/// A product before a council: its sheets so far and what they average to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scoring {
    pub registration_id: i64,
    pub product_name: String,
    pub producer_name: String,
    pub sheets: Vec<SheetLine>,
    pub average: Option<Parts>,
    pub stars: Option<u8>,
}

/// A council's page: its members, the scheme it scores by, and the products at its level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CouncilPage {
    pub cycle: Cycle,
    pub council: CouncilLine,
    pub members: Vec<Member>,
    pub scheme: Scheme,
    /// What each part covers: (part, in Vietnamese, in English).
    pub parts: Vec<(String, String, String)>,
    /// Whether the cycle's rules let this level act at all.
    pub may_act: bool,
    pub products: Vec<Scoring>,
}

/// A product scored and awaiting its recognition decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AwaitingDecision {
    pub registration_id: i64,
    pub product_name: String,
    pub producer_name: String,
    pub council_level: CouncilLevel,
    pub total: i64,
    pub stars: i64,
    /// The stars of the product's present certificate, if any.
    pub previous_stars: Option<i64>,
}

/// A certificate on the staff's expiry list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ExpiringLine {
    pub id: i64,
    pub certificate_no: String,
    pub product_name: String,
    pub product_slug: String,
    pub producer_name: String,
    pub stars: i64,
    pub expires_on: Day,
    pub notified: bool,
    /// Registered again in an open cycle.
    pub re_registered: bool,
}

/// A producer's own registration, in its portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnRegistration {
    pub id: i64,
    pub year: i64,
    pub product_name: String,
    pub kind: RegistrationKind,
    pub status: RegistrationStatus,
    /// Items that need the producer: missing or to correct.
    pub to_do: i64,
}

/// A certificate of the producer's that is ending, with what it may do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnCertificate {
    pub product_id: i64,
    pub product_name: String,
    pub stars: i64,
    pub expires_on: Day,
    pub expired: bool,
    pub re_registered: bool,
}

/// The producer's OCOP page: the open cycle, its registrations, its certificates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnOcop {
    pub open_cycle: Option<Cycle>,
    pub registrations: Vec<OwnRegistration>,
    pub certificates: Vec<OwnCertificate>,
    pub products: Vec<Choice>,
    pub sets: Vec<Choice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands() -> Vec<StarBand> {
        [
            (5, 9000, 10000, true),
            (4, 7000, 8999, true),
            (3, 5000, 6999, true),
            (2, 3000, 4999, false),
            (1, 0, 2999, false),
        ]
        .into_iter()
        .map(|(stars, min_score, max_score, certified)| StarBand {
            stars,
            min_score,
            max_score,
            certified,
        })
        .collect()
    }

    #[test]
    fn each_band_edge_earns_its_star() {
        let cases = [
            (2999, 1),
            (3000, 2),
            (4999, 2),
            (5000, 3),
            (6999, 3),
            (7000, 4),
            (8999, 4),
            (9000, 5),
            (10000, 5),
            (0, 1),
        ];
        for (total, stars) in cases {
            assert_eq!(star_of(total, &bands()), Some(stars), "{total}");
        }
        assert_eq!(star_of(10001, &bands()), None);
    }

    #[test]
    fn a_council_average_rounds_at_the_second_decimal_and_its_parts_add_up() {
        // 92.00, 92.50, 92.50: 92.333… → 92.33.
        let sheets = [
            Parts {
                a: 3500,
                b: 2300,
                c: 3400,
            },
            Parts {
                a: 3550,
                b: 2300,
                c: 3400,
            },
            Parts {
                a: 3500,
                b: 2350,
                c: 3400,
            },
        ];
        assert_eq!(average(&sheets).unwrap().total(), 9233);
        // 69.995 rounds up to 70.00: four stars, not three.
        let sheets = [
            Parts {
                a: 3000,
                b: 2000,
                c: 1999,
            },
            Parts {
                a: 3000,
                b: 2000,
                c: 2000,
            },
        ];
        let result = average(&sheets).unwrap();
        assert_eq!(result.total(), 7000);
        assert_eq!(star_of(result.total(), &bands()), Some(4));
        // 49.99 stays two stars.
        let sheets = [Parts {
            a: 2000,
            b: 1500,
            c: 1499,
        }];
        assert_eq!(
            star_of(average(&sheets).unwrap().total(), &bands()),
            Some(2)
        );
        assert_eq!(average(&[]), None);
    }

    #[test]
    fn points_are_read_with_a_comma_or_a_dot_and_two_decimals_at_most() {
        assert_eq!(parse_points("32"), Some(3200));
        assert_eq!(parse_points("32,5"), Some(3250));
        assert_eq!(parse_points("32.75"), Some(3275));
        assert_eq!(parse_points(" 0 "), Some(0));
        for bad in ["", "-1", "3.255", "abc", "1e2", ",5", "+3", "1.2.3"] {
            assert_eq!(parse_points(bad), None, "{bad:?}");
        }
    }

    fn powers(rows: &[(CouncilLevel, Option<u8>)]) -> Powers {
        Powers(rows.to_vec())
    }

    #[test]
    fn who_recognises_which_stars_follows_the_rules_of_the_period() {
        use CouncilLevel::*;
        let rules_148 = powers(&[(District, Some(3)), (Province, Some(4)), (Central, Some(5))]);
        assert_eq!(rules_148.verdict(District, 3), Verdict::Recognise(3));
        assert_eq!(rules_148.verdict(District, 4), Verdict::Forward(Province));
        assert_eq!(rules_148.verdict(Province, 5), Verdict::Forward(Central));
        assert_eq!(rules_148.verdict(Province, 2), Verdict::NotRecognised);
        let rules_1048 = powers(&[(District, None), (Province, Some(4)), (Central, Some(5))]);
        assert_eq!(rules_1048.verdict(District, 3), Verdict::Forward(Province));
        let rules_1489 = powers(&[(Province, Some(4)), (Central, Some(5))]);
        assert!(!rules_1489.may_act(District));
        assert_eq!(rules_1489.first(), Some(Province));
        assert_eq!(rules_1489.verdict(Province, 3), Verdict::Recognise(3));
        assert_eq!(rules_1489.verdict(Central, 5), Verdict::Recognise(5));
    }

    #[test]
    fn a_certificate_says_how_it_compares_with_the_one_before() {
        assert_eq!(CertificateOutcome::of(None, 3), CertificateOutcome::New);
        assert_eq!(
            CertificateOutcome::of(Some(3), 3),
            CertificateOutcome::Recertified
        );
        assert_eq!(
            CertificateOutcome::of(Some(3), 4),
            CertificateOutcome::Upgraded
        );
        assert_eq!(
            CertificateOutcome::of(Some(5), 4),
            CertificateOutcome::Downgraded
        );
    }

    #[test]
    fn a_registration_moves_only_along_its_life() {
        use RegistrationStatus::*;
        assert!(Registered.may_become(DossierComplete));
        assert!(!Registered.may_become(Eligible));
        assert!(Evaluated.may_become(Withdrawn));
        assert!(!Recognised.may_become(Withdrawn));
        assert!(!NotEligible.may_become(Eligible));
        assert!(!Withdrawn.may_become(Registered));
    }
}
