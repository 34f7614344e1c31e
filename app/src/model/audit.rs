//! The audit log as staff read it: its lines, and the filters of who, what kind of record and
//! which days (`?who=…&kind=…&from=…&to=…`).

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::i18n::{t, Lang};
use crate::model::day::Day;
use crate::model::form::Choice;
use crate::model::form::{refuse_if_any, typed_day};
use crate::model::ids::UserId;
use crate::model::moment::Moment;
use crate::model::page::Page;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LogLine {
    pub at: Moment,
    pub actor: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    /// What the entity was and became, as JSON, when the change has them.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The log's address as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    pub who: Option<String>,
    pub entity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub page: Option<String>,
}

/// The filters, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub who: Option<UserId>,
    pub entity: Option<String>,
    pub from: Option<Day>,
    /// Inclusive: the whole of that day.
    pub to: Option<Day>,
}

impl AuditQuery {
    /// From the address's own names: `who`, `kind`, `from`, `to`, `page`.
    pub fn from_address(get: impl Fn(&str) -> Option<String>) -> Self {
        let given = |key: &str| get(key).filter(|value| !value.trim().is_empty());
        Self {
            who: given("who"),
            entity: given("kind"),
            from: given("from"),
            to: given("to"),
            page: given("page"),
        }
    }

    pub fn parse(&self) -> Result<AuditFilter, AppError> {
        let mut problems = Vec::new();
        let who = self.who.as_deref().and_then(|who| {
            let id = who.trim().parse::<i64>().ok().map(UserId);
            if id.is_none() {
                problems.push(FieldError::new(
                    "who",
                    "Vui lòng chọn một người.",
                    "Please choose a person.",
                ));
            }
            id
        });
        let entity = self.entity.as_deref().map(str::trim).map(str::to_owned);
        if entity.as_deref().is_some_and(|e| {
            e.len() > 40 || !e.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        }) {
            problems.push(FieldError::new(
                "kind",
                "Vui lòng chọn loại hồ sơ.",
                "Please choose a kind of record.",
            ));
        }
        let from = typed_day(
            &mut problems,
            "from",
            self.from.as_deref().unwrap_or_default(),
        );
        let to = typed_day(&mut problems, "to", self.to.as_deref().unwrap_or_default());
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                problems.push(FieldError::new(
                    "to",
                    "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
                    "The end must not be before the start.",
                ));
            }
        }
        refuse_if_any(problems)?;
        Ok(AuditFilter {
            who,
            entity,
            from,
            to,
        })
    }
}

impl AuditFilter {
    /// The log's address with these filters, for its pages.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if let Some(who) = self.who {
            parts.push(format!("who={}", who.0));
        }
        if let Some(entity) = &self.entity {
            parts.push(format!("kind={entity}"));
        }
        if let Some(from) = self.from {
            parts.push(format!("from={}", from.iso()));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={}", to.iso()));
        }
        if parts.is_empty() {
            "/admin/audit".to_owned()
        } else {
            format!("/admin/audit?{}", parts.join("&"))
        }
    }
}

/// A page of the log with its filters and what they may choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    pub lines: Page<LogLine>,
    pub filter: AuditFilter,
    /// Everyone who has an entry, by email.
    pub people: Vec<Choice>,
    /// Every kind of record the log holds.
    pub entities: Vec<String>,
}

/// A kind of record in words.
pub fn entity_label(entity: &str, lang: Lang) -> String {
    let (vi, en) = match entity {
        "product" => ("Sản phẩm", "Product"),
        "product_revision" => ("Đề xuất thay đổi sản phẩm", "Product proposal"),
        "producer" => ("Chủ thể", "Producer"),
        "user" => ("Tài khoản", "Account"),
        "inquiry" => ("Câu hỏi", "Inquiry"),
        "event" => ("Sự kiện", "Event"),
        "booth" => ("Gian hàng", "Booth"),
        "booth_type" => ("Loại gian hàng", "Booth type"),
        "exhibitor_application" => ("Đơn đăng ký gian hàng", "Booth application"),
        "training_registration" => ("Đăng ký tập huấn", "Training registration"),
        "cycle" => ("Chu trình OCOP", "OCOP cycle"),
        "registration" => ("Hồ sơ đăng ký OCOP", "OCOP registration"),
        "council" => ("Hội đồng", "Council"),
        "certificate" => ("Giấy chứng nhận", "Certificate"),
        other => return other.to_owned(),
    };
    t(lang, vi, en).to_owned()
}
