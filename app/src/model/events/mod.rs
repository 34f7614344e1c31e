//! Trade fairs, exhibitions, festivals, conferences and training events as the public sees them.

use serde::{Deserialize, Serialize};

use crate::model::day::Day;
use crate::model::event_admin::{PlanBooth, ShownProduct};
use crate::model::events::status::{Audience, EventKind, EventStatus};
use crate::model::moment::Moment;

pub mod status;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventCard {
    pub slug: String,
    pub kind: EventKind,
    pub name: String,
    pub summary: String,
    pub location: String,
    pub starts_on: Day,
    pub ends_on: Day,
    pub upcoming: bool,
    pub status: EventStatus,
    /// How many producers exhibit (approved applications).
    pub exhibitors: i64,
}

/// An exhibitor of an event and what it shows there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exhibitor {
    pub producer_slug: String,
    pub producer_name: String,
    pub booth_code: Option<String>,
    pub products: Vec<ShownProduct>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub card: EventCard,
    pub cancel_reason: Option<String>,
    /// The description, rendered safely from Markdown.
    pub description_html: String,
    pub organiser: String,
    pub venue: String,
    pub applications_close_on: Option<Day>,
    pub planned_booths: Option<i64>,
    pub online_booths: i64,
    /// The floor plan's size in cells.
    pub plan: (i64, i64),
    pub cover: Option<String>,
    /// Training: places, places left, and who it is for.
    pub capacity: Option<i64>,
    pub places_left: Option<i64>,
    pub audience: Option<Audience>,
    pub booths: Vec<PlanBooth>,
    pub exhibitors: Vec<Exhibitor>,
}

impl EventDetail {
    /// The exhibitors whose name or products match what a visitor typed, folded as the
    /// catalogue folds it ("nuoc mam" finds "Nước mắm").
    pub fn exhibitors_matching(&self, typed: &str) -> Vec<Exhibitor> {
        let wanted = crate::text::fold(typed);
        let words: Vec<&str> = wanted.split_whitespace().collect();
        self.exhibitors
            .iter()
            .filter(|exhibitor| {
                let haystack = crate::text::fold(&format!(
                    "{} {} {}",
                    exhibitor.producer_name,
                    exhibitor.booth_code.clone().unwrap_or_default(),
                    exhibitor
                        .products
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                ));
                words.iter().all(|word| haystack.contains(word))
            })
            .cloned()
            .collect()
    }
}

/// An exhibitor's online booth: what it shows at the event, for those who cannot come.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OnlineBooth {
    pub event: EventCard,
    pub booth_code: Option<String>,
    pub producer: crate::model::detail::ProducerSummary,
    pub products: Vec<crate::model::product::ProductCard>,
}

/// An event as a calendar entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CalendarEntry {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub venue: String,
    pub location: String,
    pub starts_on: Day,
    pub ends_on: Day,
    pub status: EventStatus,
    pub updated_at: Moment,
}
