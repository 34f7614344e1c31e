//! A producer's taking part in events: applications for booths, places at training events,
//! and what the portal shows of both.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::day::Day;
use crate::model::event_admin::{BoothType, EventHead, PlanBooth, ShownProduct};
use crate::model::events::status::{ApplicationStatus, EventKind, PlaceStatus};
use crate::model::form::{check_text, checked_ids, refuse_if_any, text};
use crate::model::ids::{ApplicationId, BoothId, EventId};

/// An event a producer may take part in, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PortalEvent {
    pub id: EventId,
    pub slug: String,
    pub kind: EventKind,
    pub name: String,
    pub starts_on: Day,
    pub ends_on: Day,
    pub applications_close_on: Option<Day>,
    pub venue: String,
    /// Applications (or registrations) are still taken.
    pub open: bool,
    pub application: Option<ApplicationStatus>,
    pub booth_code: Option<String>,
    pub registration: Option<PlaceStatus>,
}

/// The producer's own application for one event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: ApplicationId,
    pub status: ApplicationStatus,
    pub booth_type_id: i64,
    pub booth_id: Option<BoothId>,
    pub booth_code: Option<String>,
    pub reason: Option<String>,
    pub message: String,
    pub product_ids: Vec<i64>,
}

/// The producer's place at a training event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyPlace {
    pub id: i64,
    pub status: PlaceStatus,
    pub name: String,
    /// Its place in the waiting list, from 1.
    pub waiting_position: Option<i64>,
}

/// One event as the producer opens it: what it offers, its plan with the producer's booth,
/// the products it may show, and its own application or place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalEventDetail {
    pub event: EventHead,
    pub venue: String,
    pub location: String,
    pub open: bool,
    pub types: Vec<BoothType>,
    pub booths: Vec<PlanBooth>,
    /// The producer's published products.
    pub products: Vec<ShownProduct>,
    pub application: Option<MyApplication>,
    pub place: Option<MyPlace>,
    pub places_left: Option<i64>,
}

/// What a producer sends to apply (or change its application): a booth type, the products it
/// will show (checkboxes named `product-{id}`), and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyForm {
    pub booth_type_id: i64,
    pub product_ids: Vec<i64>,
    pub message: String,
}

/// At most this many products in one application.
pub const MAX_PRODUCTS: usize = 12;

impl ApplyForm {
    pub fn from_form(form: &HashMap<String, String>) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let booth_type_id = text(form, "booth_type_id").parse::<i64>().ok();
        if booth_type_id.is_none() {
            problems.push(FieldError::new(
                "booth_type_id",
                "Vui lòng chọn loại gian hàng.",
                "Please choose a booth type.",
            ));
        }
        let product_ids = checked_ids(form, "product-");
        if product_ids.is_empty() {
            problems.push(FieldError::new(
                "products",
                "Vui lòng chọn ít nhất một sản phẩm sẽ trưng bày.",
                "Please choose at least one product to show.",
            ));
        } else if product_ids.len() > MAX_PRODUCTS {
            problems.push(FieldError::new(
                "products",
                "Chọn tối đa 12 sản phẩm.",
                "Choose at most 12 products.",
            ));
        }
        let message = text(form, "message");
        check_text(&mut problems, "message", &message, false, 1000);
        refuse_if_any(problems)?;
        Ok(Self {
            booth_type_id: booth_type_id.unwrap_or_default(),
            product_ids,
            message,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_application_names_a_booth_type_and_its_products() {
        let form: HashMap<String, String> = [
            ("booth_type_id", "3"),
            ("product-9", "on"),
            ("product-4", "on"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let apply = ApplyForm::from_form(&form).unwrap();
        assert_eq!((apply.booth_type_id, apply.product_ids), (3, vec![4, 9]));
        let empty = ApplyForm::from_form(&HashMap::new()).unwrap_err();
        assert_eq!(
            empty
                .field_message("products", crate::i18n::Lang::Vi)
                .as_deref(),
            Some("Vui lòng chọn ít nhất một sản phẩm sẽ trưng bày.")
        );
        assert!(empty
            .field_message("booth_type_id", crate::i18n::Lang::En)
            .is_some());
    }
}
