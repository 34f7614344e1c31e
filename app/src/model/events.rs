//! Trade fairs, exhibitions, festivals, conferences and training events as the public sees them.

use serde::{Deserialize, Serialize};

use crate::model::status::{BoothStatus, EventKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct EventCard {
    pub slug: String,
    pub kind: EventKind,
    pub name: String,
    pub summary: String,
    pub location: String,
    pub starts_on: String,
    pub ends_on: String,
    pub upcoming: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Booth {
    pub code: String,
    pub hall: String,
    pub booth_type: String,
    pub status: BoothStatus,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub producer_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exhibitor {
    pub producer_slug: String,
    pub producer_name: String,
    pub booth_code: Option<String>,
    /// (slug, name) of the products it shows.
    pub products: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDetail {
    pub card: EventCard,
    pub description: String,
    pub organiser: String,
    pub venue: String,
    pub applications_close_on: Option<String>,
    pub planned_booths: Option<i64>,
    pub online_booths: bool,
    pub booths: Vec<Booth>,
    pub exhibitors: Vec<Exhibitor>,
}
