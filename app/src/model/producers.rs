//! Producers as the public browses them.

use serde::{Deserialize, Serialize};

use super::catalogue::{encode, parse_kind, parse_search_text, parse_unit};
use super::detail::ProducerSummary;
use super::page::{Page, PageNumber};
use super::producer::EntityType;
use super::product::ProductCard;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProducerQuery {
    pub q: String,
    pub kind: Option<EntityType>,
    /// A district-level unit's slug.
    pub unit: Option<String>,
    pub page: PageNumber,
}

impl ProducerQuery {
    pub fn parse<'a>(param: impl Fn(&str) -> Option<&'a str>) -> Result<Self, AppError> {
        Ok(Self {
            q: parse_search_text(param("q"))?,
            kind: parse_kind(param("kind"))?,
            unit: parse_unit(param("locality"))?,
            page: PageNumber::parse(param("page"))?,
        })
    }

    pub fn to_url(&self) -> String {
        let mut params = Vec::new();
        if !self.q.is_empty() {
            params.push(format!("q={}", encode(&self.q)));
        }
        if let Some(kind) = self.kind {
            params.push(format!("kind={}", kind.code()));
        }
        if let Some(unit) = &self.unit {
            params.push(format!("locality={unit}"));
        }
        if self.page.get() > 1 {
            params.push(format!("page={}", self.page.get()));
        }
        if params.is_empty() {
            "/producers".to_owned()
        } else {
            format!("/producers?{}", params.join("&"))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProducerCard {
    pub slug: String,
    pub name: String,
    pub entity_type: String,
    pub unit: String,
    pub products: u64,
    pub certified: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitOption {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProducerList {
    pub producers: Page<ProducerCard>,
    /// The district-level units that have producers, for the filter.
    pub units: Vec<UnitOption>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProducerProfile {
    pub summary: ProducerSummary,
    pub description: String,
    pub representative: String,
    pub products: Page<ProductCard>,
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    #[test]
    fn producer_queries_parse_and_round_trip() {
        let map: HashMap<&str, &str> = [
            ("q", " tỏi  đen"),
            ("kind", "household"),
            ("locality", "ba-don"),
        ]
        .into();
        let query = ProducerQuery::parse(|key| map.get(key).copied()).unwrap();
        assert_eq!(
            query.to_url(),
            "/producers?q=t%E1%BB%8Fi+%C4%91en&kind=household&locality=ba-don"
        );
        let bad: HashMap<&str, &str> = [("kind", "ngân hàng")].into();
        assert!(
            matches!(ProducerQuery::parse(|key| bad.get(key).copied()), Err(AppError::Invalid(errors)) if errors[0].field == "kind")
        );
    }
}
