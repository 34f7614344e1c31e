//! What staff and producers type at each step of a cycle, and the registrations list's
//! address, each read with its own message for every bad field.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::cycle::rules::{parse_points, Parts, Scheme};
use crate::model::cycle::status::{
    CouncilLevel, CycleStage, IdeaOrigin, RegistrationKind, RegistrationStatus, ReviewOutcome,
};
use crate::model::day::Day;
use crate::model::form::{check_number, check_text, checked_ids, day_field, refuse_if_any, text};
use crate::model::ids::{CycleYear, ProducerId, RegistrationId};

/// What staff type about a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CycleForm {
    pub year: CycleYear,
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
                year: CycleYear(year),
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

/// A commune's review of a dossier (1489/2025): what it found, and whether it proposes the
/// product to the province or sends the dossier back with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommuneReviewForm {
    pub outcome: ReviewOutcome,
    pub local_origin: bool,
    pub local_labour: bool,
    pub idea_origin: IdeaOrigin,
    pub note: String,
}

impl CommuneReviewForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let outcome = ReviewOutcome::from_db(&text(form, "outcome"));
        if outcome.is_none() {
            problems.push(FieldError::new(
                "outcome",
                "Vui lòng chọn đề xuất lên tỉnh hoặc trả lại hồ sơ.",
                "Please choose to propose it to the province or to send it back.",
            ));
        }
        let mut yes_no = |name: &str, vi: &str, en: &str| match text(form, name).as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                problems.push(FieldError::new(name, vi, en));
                None
            }
        };
        let local_origin = yes_no(
            "local_origin",
            "Vui lòng cho biết sản phẩm có nguồn gốc tại địa phương không.",
            "Please say whether the product is of local origin.",
        );
        let local_labour = yes_no(
            "local_labour",
            "Vui lòng cho biết sản phẩm có sử dụng lao động địa phương không.",
            "Please say whether the product uses local labour.",
        );
        let idea_origin = IdeaOrigin::from_db(&text(form, "idea_origin"));
        if idea_origin.is_none() {
            problems.push(FieldError::new(
                "idea_origin",
                "Vui lòng chọn nguồn gốc ý tưởng sản phẩm.",
                "Please choose where the product's idea came from.",
            ));
        }
        let note = text(form, "note");
        check_text(
            &mut problems,
            "note",
            &note,
            outcome == Some(ReviewOutcome::Returned),
            1000,
        );
        // What the commune is asked to confirm: a product it proposes is made here, by people
        // of here; one that is not goes back with the reason.
        if outcome == Some(ReviewOutcome::Proposed) {
            if local_origin == Some(false) {
                problems.push(FieldError::new(
                    "local_origin",
                    "Chỉ đề xuất sản phẩm có nguồn gốc tại địa phương; nếu không, hãy trả lại hồ sơ kèm lý do.",
                    "Only a product of local origin is proposed; otherwise send the dossier back with the reason.",
                ));
            }
            if local_labour == Some(false) {
                problems.push(FieldError::new(
                    "local_labour",
                    "Chỉ đề xuất sản phẩm sử dụng lao động địa phương; nếu không, hãy trả lại hồ sơ kèm lý do.",
                    "Only a product made with local labour is proposed; otherwise send the dossier back with the reason.",
                ));
            }
        }
        refuse_if_any(problems)?;
        match (outcome, local_origin, local_labour, idea_origin) {
            (Some(outcome), Some(local_origin), Some(local_labour), Some(idea_origin)) => {
                Ok(Self {
                    outcome,
                    local_origin,
                    local_labour,
                    idea_origin,
                    note,
                })
            }
            _ => Err(AppError::Internal),
        }
    }
}

/// The local authority's appraisal: eligible, or not with a reason.
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
    pub registrations: Vec<RegistrationId>,
}

impl DecisionForm {
    /// A checkbox `registration-{id}` for each product of the batch.
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let decision_no = text(form, "decision_no");
        check_text(&mut problems, "decision_no", &decision_no, true, 100);
        let decision_date = day_field(&mut problems, form, "decision_date", true);
        let registrations: Vec<RegistrationId> = checked_ids(form, "registration-")
            .into_iter()
            .map(RegistrationId)
            .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn review(pairs: &[(&str, &str)]) -> Result<CommuneReviewForm, AppError> {
        let form = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        CommuneReviewForm::from_form(&form)
    }

    fn fields(error: AppError) -> Vec<String> {
        match error {
            AppError::Invalid(problems) => problems.into_iter().map(|p| p.field).collect(),
            other => panic!("not a refusal of fields: {other:?}"),
        }
    }

    #[test]
    fn a_commune_proposes_only_a_local_product_and_sends_one_back_only_with_its_reason() {
        let found = [
            ("local_origin", "yes"),
            ("local_labour", "yes"),
            ("idea_origin", "adapted"),
        ];
        let proposed = review(&[found.as_slice(), &[("outcome", "proposed")]].concat());
        assert_eq!(proposed.map(|f| f.idea_origin), Ok(IdeaOrigin::Adapted));
        assert_eq!(
            fields(review(&[("outcome", "proposed")]).unwrap_err()),
            ["local_origin", "local_labour", "idea_origin"]
        );
        let not_local = review(&[
            ("local_origin", "no"),
            ("local_labour", "yes"),
            ("idea_origin", "outside"),
            ("outcome", "proposed"),
        ]);
        assert_eq!(fields(not_local.unwrap_err()), ["local_origin"]);
        let no_reason = review(&[found.as_slice(), &[("outcome", "returned")]].concat());
        assert_eq!(fields(no_reason.unwrap_err()), ["note"]);
        let with_reason = review(
            &[
                found.as_slice(),
                &[("outcome", "returned"), ("note", "Thiếu giấy tờ.")],
            ]
            .concat(),
        );
        assert_eq!(with_reason.map(|f| f.outcome), Ok(ReviewOutcome::Returned));
        assert_eq!(fields(review(&found).unwrap_err()), ["outcome"]);
    }
}
