//! Events as staff run them: the event's own form, its booth types and floor plan, the queue
//! of applications and the roster of a training. Each form is read here, every bad field with
//! its own message.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::day::Day;
use crate::model::events::status::{ApplicationStatus, BoothStatus, PlaceStatus};
use crate::model::events::status::{Audience, EventKind, EventStatus};
use crate::model::form::Choice;
use crate::model::form::{check_number, check_text, day_field, refuse_if_any, text};
use crate::model::ids::{ApplicationId, BoothId, EventId, ProducerId};
use crate::model::moment::Moment;
use crate::model::page::Page;
use crate::model::stars::Stars;

/// Everything staff type about an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForm {
    pub kind: EventKind,
    pub name: String,
    pub summary: String,
    /// Markdown.
    pub description: String,
    pub organiser: String,
    pub venue: String,
    /// The street address.
    pub location: String,
    /// Today's commune or ward.
    pub admin_unit_id: Option<i64>,
    pub starts_on: Day,
    pub ends_on: Day,
    pub applications_close_on: Option<Day>,
    pub planned_booths: Option<i64>,
    pub online_booths: i64,
    pub plan_width: i64,
    pub plan_height: i64,
    /// Training only.
    pub capacity: Option<i64>,
    pub audience: Option<Audience>,
}

impl EventForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let kind = EventKind::from_db(&text(form, "kind"));
        if kind.is_none() {
            problems.push(FieldError::new(
                "kind",
                "Vui lòng chọn loại sự kiện.",
                "Please choose the kind of event.",
            ));
        }
        let texts = [
            ("name", true, 200),
            ("summary", false, 500),
            ("description", false, 20_000),
            ("organiser", false, 300),
            ("venue", false, 200),
            ("location", false, 300),
        ];
        for (field, required, max) in texts {
            check_text(&mut problems, field, &text(form, field), required, max);
        }
        let admin_unit_id =
            check_number(&mut problems, form, "admin_unit_id", (1, i64::MAX), false);
        let starts_on = day_field(&mut problems, form, "starts_on", true);
        let ends_on = day_field(&mut problems, form, "ends_on", true);
        let applications_close_on = day_field(&mut problems, form, "applications_close_on", false);
        if let (Some(starts), Some(ends)) = (starts_on, ends_on) {
            if ends < starts {
                problems.push(FieldError::new(
                    "ends_on",
                    "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
                    "The end cannot be before the start.",
                ));
            }
        }
        if let (Some(starts), Some(deadline)) = (starts_on, applications_close_on) {
            if deadline > starts {
                problems.push(FieldError::new(
                    "applications_close_on",
                    "Hạn đăng ký phải trước hoặc đúng ngày bắt đầu.",
                    "The deadline must be on or before the start.",
                ));
            }
        }
        let planned_booths =
            check_number(&mut problems, form, "planned_booths", (0, 10_000), false);
        let online_booths =
            check_number(&mut problems, form, "online_booths", (0, 1_000), false).unwrap_or(0);
        let plan_width =
            check_number(&mut problems, form, "plan_width", (4, 200), false).unwrap_or(30);
        let plan_height =
            check_number(&mut problems, form, "plan_height", (4, 200), false).unwrap_or(20);
        let training = kind == Some(EventKind::Training);
        let capacity = if training {
            check_number(&mut problems, form, "capacity", (1, 10_000), false)
        } else {
            None
        };
        let audience = if training {
            let audience = Audience::from_db(&text(form, "audience"));
            if audience.is_none() {
                problems.push(FieldError::new(
                    "audience",
                    "Vui lòng chọn đối tượng tham dự.",
                    "Please choose who the training is for.",
                ));
            }
            audience
        } else {
            None
        };
        refuse_if_any(problems)?;
        match (kind, starts_on, ends_on) {
            (Some(kind), Some(starts_on), Some(ends_on)) => Ok(Self {
                kind,
                name: text(form, "name"),
                summary: text(form, "summary"),
                description: form
                    .get("description")
                    .map(|d| d.trim().to_owned())
                    .unwrap_or_default(),
                organiser: text(form, "organiser"),
                venue: text(form, "venue"),
                location: text(form, "location"),
                admin_unit_id,
                starts_on,
                ends_on,
                applications_close_on,
                planned_booths,
                online_booths,
                plan_width,
                plan_height,
                capacity,
                audience,
            }),
            _ => Err(AppError::Internal),
        }
    }
}

/// A move of an event's status, as staff ask for it; cancelling needs a reason.
pub fn status_change(
    form: &HashMap<String, String>,
) -> Result<(EventStatus, Option<String>), AppError> {
    let status = EventStatus::from_db(&text(form, "status")).ok_or_else(|| {
        AppError::invalid(
            "status",
            "Vui lòng chọn trạng thái.",
            "Please choose a status.",
        )
    })?;
    let reason = text(form, "cancel_reason");
    if status == EventStatus::Cancelled {
        let mut problems = Vec::new();
        check_text(&mut problems, "cancel_reason", &reason, true, 500);
        refuse_if_any(problems)?;
        return Ok((status, Some(reason)));
    }
    Ok((status, None))
}

/// The message for a status that cannot follow the event's present one.
pub fn refused_move(from: EventStatus, to: EventStatus) -> AppError {
    AppError::invalid(
        "status",
        &format!(
            "Không thể chuyển sự kiện từ “{}” sang “{}”.",
            from.label(crate::i18n::Lang::Vi),
            to.label(crate::i18n::Lang::Vi)
        ),
        &format!(
            "An event cannot go from “{}” to “{}”.",
            from.label(crate::i18n::Lang::En),
            to.label(crate::i18n::Lang::En)
        ),
    )
}

/// One line of the staff's list of events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventLine {
    pub id: EventId,
    pub slug: String,
    pub kind: EventKind,
    pub name: String,
    pub starts_on: Day,
    pub ends_on: Day,
    pub applications_close_on: Option<Day>,
    pub status: EventStatus,
    /// Applications waiting for a decision.
    pub waiting: i64,
    pub approved: i64,
    pub booths: i64,
    /// Training: places taken.
    pub registered: i64,
    pub capacity: Option<i64>,
}

/// The filters of the staff's list of events, from its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    pub year: Option<i32>,
    pub kind: Option<EventKind>,
    pub status: Option<EventStatus>,
}

impl EventFilter {
    pub fn parse(
        year: Option<&str>,
        kind: Option<&str>,
        status: Option<&str>,
    ) -> Result<Self, AppError> {
        fn given(value: Option<&str>) -> Option<&str> {
            value.map(str::trim).filter(|v| !v.is_empty())
        }
        let year = match given(year) {
            None => None,
            Some(typed) => Some(
                typed
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (2000..=2100).contains(y))
                    .ok_or_else(|| {
                        AppError::invalid("year", "Năm không hợp lệ.", "Not a valid year.")
                    })?,
            ),
        };
        let kind = match given(kind) {
            None => None,
            Some(typed) => Some(EventKind::from_db(typed).ok_or_else(|| {
                AppError::invalid("kind", "Loại sự kiện không hợp lệ.", "Not a kind of event.")
            })?),
        };
        let status = match given(status) {
            None => None,
            Some(typed) => Some(EventStatus::from_db(typed).ok_or_else(|| {
                AppError::invalid("status", "Trạng thái không hợp lệ.", "Not a valid status.")
            })?),
        };
        Ok(Self { year, kind, status })
    }

    /// The filters as the address's query (without the page).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(year) = self.year {
            parts.push(format!("year={year}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={kind}"));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={status}"));
        }
        parts.join("&")
    }
}

/// An event with its form, for staff to edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: EventId,
    pub slug: String,
    pub status: EventStatus,
    pub cancel_reason: Option<String>,
    pub cover: Option<String>,
    pub form: EventForm,
    pub communes: Vec<Choice>,
}

/// What an event is, in a line: for the heads of its staff pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventHead {
    pub id: EventId,
    pub slug: String,
    pub kind: EventKind,
    pub name: String,
    pub status: EventStatus,
    pub starts_on: Day,
    pub ends_on: Day,
    pub applications_close_on: Option<Day>,
    pub plan_width: i64,
    pub plan_height: i64,
    pub capacity: Option<i64>,
    pub audience: Option<Audience>,
}

/// A kind of booth an event offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct BoothType {
    pub id: i64,
    pub name: String,
    pub size_m2: i64,
    pub price: i64,
    pub included: String,
    pub online: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothTypeForm {
    pub name: String,
    pub size_m2: i64,
    pub price: i64,
    pub included: String,
    pub online: bool,
}

impl BoothTypeForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let name = text(form, "type_name");
        check_text(&mut problems, "type_name", &name, true, 100);
        let size_m2 = check_number(&mut problems, form, "size_m2", (0, 10_000), true);
        let price = check_number(&mut problems, form, "price", (0, 1_000_000_000), true);
        let included = text(form, "included");
        check_text(&mut problems, "included", &included, false, 500);
        refuse_if_any(problems)?;
        Ok(Self {
            name,
            size_m2: size_m2.unwrap_or_default(),
            price: price.unwrap_or_default(),
            included,
            online: form.contains_key("online"),
        })
    }
}

/// A booth on the plan, with who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PlanBooth {
    pub id: BoothId,
    pub code: String,
    pub hall: String,
    pub booth_type_id: i64,
    pub type_name: String,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub status: BoothStatus,
    pub producer_name: Option<String>,
    pub producer_slug: Option<String>,
}

/// Where a booth stands on the plan and what it is: what the booth forms send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothPlace {
    pub code: String,
    pub hall: String,
    pub booth_type_id: i64,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
}

impl BoothPlace {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let code = text(form, "code");
        check_text(&mut problems, "code", &code, true, 20);
        let hall = text(form, "hall");
        check_text(&mut problems, "hall", &hall, false, 100);
        let booth_type_id = check_number(&mut problems, form, "booth_type_id", (1, i64::MAX), true);
        let x = check_number(&mut problems, form, "x", (0, 199), true);
        let y = check_number(&mut problems, form, "y", (0, 199), true);
        let width = check_number(&mut problems, form, "width", (1, 200), true);
        let height = check_number(&mut problems, form, "height", (1, 200), true);
        refuse_if_any(problems)?;
        Ok(Self {
            code,
            hall,
            booth_type_id: booth_type_id.unwrap_or_default(),
            x: x.unwrap_or_default(),
            y: y.unwrap_or_default(),
            width: width.unwrap_or(1),
            height: height.unwrap_or(1),
        })
    }

    /// Whether two booths share a cell of the plan.
    pub fn overlaps(&self, other: &Self) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// Whether the booth lies wholly inside a plan of `width` × `height` cells.
    pub fn fits(&self, width: i64, height: i64) -> bool {
        self.x >= 0 && self.y >= 0 && self.x + self.width <= width && self.y + self.height <= height
    }
}

/// A row of booths added in one action: `count` booths named prefix + number from `first`
/// (zero-padded to two digits), side by side from (x, y).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothRow {
    pub prefix: String,
    pub first: i64,
    pub count: i64,
    pub start: BoothPlace,
}

impl BoothRow {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let prefix = text(form, "prefix");
        check_text(&mut problems, "prefix", &prefix, true, 10);
        let first = check_number(&mut problems, form, "first", (0, 9_999), true);
        let count = check_number(&mut problems, form, "count", (1, 100), true);
        let mut with_code: HashMap<String, String> = form.clone();
        with_code.insert("code".into(), format!("{prefix}{}", first.unwrap_or(0)));
        let start = match BoothPlace::from_form(&with_code) {
            Ok(start) => Some(start),
            Err(AppError::Invalid(mut found)) => {
                found.retain(|problem| problem.field != "code");
                problems.append(&mut found);
                None
            }
            Err(error) => return Err(error),
        };
        refuse_if_any(problems)?;
        match (first, count, start) {
            (Some(first), Some(count), Some(start)) => Ok(Self {
                prefix,
                first,
                count,
                start,
            }),
            _ => Err(AppError::Internal),
        }
    }

    /// The booths of the row, left to right.
    pub fn booths(&self) -> Vec<BoothPlace> {
        (0..self.count)
            .map(|n| BoothPlace {
                code: format!("{}{:02}", self.prefix, self.first + n),
                x: self.start.x + n * self.start.width,
                ..self.start.clone()
            })
            .collect()
    }
}

/// An event's floor plan with its booth types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloorPlan {
    pub event: EventHead,
    pub types: Vec<BoothType>,
    pub booths: Vec<PlanBooth>,
}

/// A product a producer shows at an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ShownProduct {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub stars: Option<Stars>,
}

/// An application as staff decide it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationLine {
    pub id: ApplicationId,
    pub producer_id: ProducerId,
    pub producer_name: String,
    pub producer_slug: String,
    pub entity_type: String,
    pub unit: String,
    pub phone: Option<String>,
    pub booth_type_id: i64,
    pub booth_type_name: String,
    pub message: String,
    pub status: ApplicationStatus,
    pub booth_id: Option<BoothId>,
    pub booth_code: Option<String>,
    pub reason: Option<String>,
    pub created_at: Moment,
    pub products: Vec<ShownProduct>,
}

/// An event's queue of applications, with what staff need to decide them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplicationQueue {
    pub event: EventHead,
    pub status: Option<ApplicationStatus>,
    pub counts: Vec<(ApplicationStatus, i64)>,
    pub applications: Page<ApplicationLine>,
    pub plan: FloorPlan,
}

/// One exhibitor as the exports list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ExhibitorRow {
    pub booth_code: Option<String>,
    pub booth_type: String,
    pub producer_name: String,
    pub producer_slug: String,
    pub entity_type: String,
    pub unit: String,
    pub phone: Option<String>,
    pub products: String,
    /// The highest star of its products at the event, if any is certified.
    pub stars: Option<Stars>,
    /// Its certified products, "Name (4★)", for booth signs.
    pub star_products: String,
}

/// A place at a training event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Registration {
    pub id: i64,
    pub producer_id: Option<ProducerId>,
    pub name: String,
    pub organisation: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub status: PlaceStatus,
    pub attended: Option<bool>,
    pub created_at: Moment,
    /// Its place in the queue, while it waits.
    pub waiting_position: Option<i64>,
}

/// Someone staff register for a training (commune staff have no account).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub name: String,
    pub organisation: String,
    pub phone: String,
    pub email: String,
}

impl Attendee {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let attendee = Self {
            name: text(form, "attendee_name"),
            organisation: text(form, "organisation"),
            phone: text(form, "phone"),
            email: text(form, "email"),
        };
        check_text(&mut problems, "attendee_name", &attendee.name, true, 100);
        check_text(
            &mut problems,
            "organisation",
            &attendee.organisation,
            true,
            200,
        );
        if !attendee.phone.is_empty() && !crate::model::inquiry::valid_phone(&attendee.phone) {
            problems.push(FieldError::new(
                "phone",
                "Số điện thoại gồm 8–15 chữ số, ví dụ 0232 3822 123.",
                "A phone number has 8–15 digits, e.g. 0232 3822 123.",
            ));
        }
        if !attendee.email.is_empty() && !crate::model::inquiry::valid_email(&attendee.email) {
            problems.push(FieldError::new(
                "email",
                "Email chưa đúng dạng, ví dụ ten@vidu.vn.",
                "The email does not look right, e.g. name@example.vn.",
            ));
        }
        refuse_if_any(problems)?;
        Ok(attendee)
    }
}

/// A page of a training's registrations in the order they came, with the counts of the whole
/// list against capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainingRoster {
    pub event: EventHead,
    pub registered: i64,
    pub waiting: i64,
    pub registrations: crate::model::page::Page<Registration>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn fields_of(error: AppError) -> Vec<String> {
        match error {
            AppError::Invalid(problems) => problems.into_iter().map(|p| p.field).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_event_refuses_each_bad_date_next_to_its_field() {
        let good = [
            ("kind", "fair"),
            ("name", "Hội chợ"),
            ("starts_on", "2026-12-17"),
            ("ends_on", "2026-12-21"),
            ("applications_close_on", "2026-12-04"),
        ];
        assert!(EventForm::from_form(&form(&good)).is_ok());
        let mut bad = good.to_vec();
        bad[3] = ("ends_on", "2026-12-16");
        bad[4] = ("applications_close_on", "2026-12-18");
        assert_eq!(
            fields_of(EventForm::from_form(&form(&bad)).unwrap_err()),
            ["ends_on", "applications_close_on"]
        );
        bad[2] = ("starts_on", "2026-02-30");
        assert_eq!(
            fields_of(EventForm::from_form(&form(&bad)).unwrap_err()),
            ["starts_on"]
        );
    }

    #[test]
    fn a_training_needs_its_audience_and_others_have_none() {
        let training = [
            ("kind", "training"),
            ("name", "Tập huấn"),
            ("starts_on", "2027-01-12"),
            ("ends_on", "2027-01-13"),
            ("capacity", "30"),
        ];
        assert_eq!(
            fields_of(EventForm::from_form(&form(&training)).unwrap_err()),
            ["audience"]
        );
        let fair = [
            ("kind", "fair"),
            ("name", "Hội chợ"),
            ("starts_on", "2027-01-12"),
            ("ends_on", "2027-01-13"),
            ("capacity", "30"),
            ("audience", "both"),
        ];
        let event = EventForm::from_form(&form(&fair)).unwrap();
        assert_eq!((event.capacity, event.audience), (None, None));
    }

    #[test]
    fn booths_overlap_when_they_share_a_cell_and_fit_inside_the_hall() {
        let at = |x, y, width, height| BoothPlace {
            code: "A".into(),
            hall: String::new(),
            booth_type_id: 1,
            x,
            y,
            width,
            height,
        };
        assert!(at(0, 0, 3, 3).overlaps(&at(2, 2, 3, 3)));
        assert!(!at(0, 0, 3, 3).overlaps(&at(3, 0, 3, 3)), "side by side");
        assert!(
            !at(0, 0, 3, 3).overlaps(&at(0, 3, 3, 3)),
            "one above the other"
        );
        assert!(at(27, 0, 3, 3).fits(30, 20));
        assert!(!at(28, 0, 3, 3).fits(30, 20));
        assert!(!at(0, 18, 3, 3).fits(30, 20));
    }

    #[test]
    fn a_row_of_booths_is_numbered_and_laid_side_by_side() {
        let row = BoothRow::from_form(&form(&[
            ("prefix", "A"),
            ("first", "7"),
            ("count", "3"),
            ("booth_type_id", "4"),
            ("x", "2"),
            ("y", "5"),
            ("width", "3"),
            ("height", "3"),
        ]))
        .unwrap();
        let booths = row.booths();
        let placed: Vec<(&str, i64, i64)> =
            booths.iter().map(|b| (b.code.as_str(), b.x, b.y)).collect();
        assert_eq!(placed, [("A07", 2, 5), ("A08", 5, 5), ("A09", 8, 5)]);
        assert!(BoothRow::from_form(&form(&[("prefix", "A")])).is_err());
    }
}
