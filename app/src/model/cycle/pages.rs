//! What the cycle's pages show: lists, a registration's record, a council's page, a
//! producer's own OCOP.

use serde::{Deserialize, Serialize};

use crate::model::cycle::forms::RegistrationFilter;
use crate::model::cycle::rules::{Parts, Powers, Scheme};
use crate::model::cycle::status::{
    CertificateOutcome, CouncilLevel, CycleStage, IdeaOrigin, ItemStatus, RegistrationKind,
    RegistrationStatus, ReviewOutcome,
};
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::ids::{CouncilId, CycleYear, ProducerId, RegistrationId};
use crate::model::moment::Moment;
use crate::model::page::Page;
use crate::model::stars::Stars;

/// One line of the staff's list of cycles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CycleLine {
    pub year: CycleYear,
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
    pub year: CycleYear,
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

/// One registration in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct RegistrationLine {
    pub id: RegistrationId,
    pub year: CycleYear,
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
    pub updated_at: Option<Moment>,
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
    pub stars: Stars,
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
    pub stars: Stars,
    pub outcome: CertificateOutcome,
    pub issued_on: Day,
    pub expires_on: Day,
    pub revoked_on: Option<Day>,
    pub revoke_reason: Option<String>,
    pub expired: bool,
}

/// One entry of a registration's history (its audit entries).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HistoryLine {
    pub at: Moment,
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
            "propose" => ("Xã đề xuất lên tỉnh", "Proposed by the commune"),
            "send_back" => ("Xã trả lại hồ sơ", "Sent back by the commune"),
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
    pub id: RegistrationId,
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
    /// The commune's reviews, oldest first (1489/2025).
    pub reviews: Vec<CommuneReview>,
    /// The cycle's rules ask for the commune's proposal before the province appraises.
    pub commune_proposes: bool,
    pub history: Vec<HistoryLine>,
}

/// A commune's review of a dossier, as the registration's page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CommuneReview {
    pub reviewed_on: Day,
    /// The commune it was made for.
    pub unit: String,
    pub who: String,
    pub local_origin: bool,
    pub local_labour: bool,
    pub idea_origin: IdeaOrigin,
    pub outcome: ReviewOutcome,
    pub note: String,
}

/// A commune officer's start page: its communes, the open cycle's registrations of their
/// producers, and those producers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommuneDesk {
    /// The communes of today the officer works for, by name.
    pub communes: Vec<String>,
    pub cycle: Option<Cycle>,
    /// Registrations waiting for the commune's review (dossier complete) come first.
    pub registrations: Page<RegistrationLine>,
    pub producers: Page<CommuneProducer>,
    /// The producer chosen to register a product for, with its products.
    pub for_producer: Option<(ProducerId, Vec<Choice>)>,
    pub producer_choices: Vec<Choice>,
    pub sets: Vec<Choice>,
    /// The open cycle still takes registrations.
    pub takes_registrations: bool,
}

/// One producer of an officer's communes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CommuneProducer {
    pub id: ProducerId,
    pub name: String,
    pub slug: String,
    pub unit: String,
    pub products: i64,
    pub certified: i64,
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

/// One council of a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CouncilLine {
    pub id: CouncilId,
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
    pub registration_id: RegistrationId,
    pub product_name: String,
    pub producer_name: String,
    pub sheets: Vec<SheetLine>,
    pub average: Option<Parts>,
    pub stars: Option<Stars>,
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
    pub registration_id: RegistrationId,
    pub product_name: String,
    pub producer_name: String,
    pub council_level: CouncilLevel,
    pub total: i64,
    pub stars: Stars,
    /// The stars of the product's present certificate, if any.
    pub previous_stars: Option<Stars>,
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
    pub stars: Stars,
    pub expires_on: Day,
    pub notified: bool,
    /// Registered again in an open cycle.
    pub re_registered: bool,
}

/// A producer's own registration, in its portal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OwnRegistration {
    pub id: RegistrationId,
    pub year: CycleYear,
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
    pub stars: Stars,
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
