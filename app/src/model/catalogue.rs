//! The catalogue's query, as it travels in the address, and its answer.

use serde::{Deserialize, Serialize};

use super::page::{Page, PageNumber};
use super::producer::EntityType;
use super::product::ProductCard;
use super::stars::Stars;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Best match first when searching; otherwise the same as `Stars`.
    #[default]
    Relevance,
    Stars,
    Newest,
    Name,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Relevance, Sort::Stars, Sort::Newest, Sort::Name];

    pub fn code(self) -> &'static str {
        match self {
            Self::Relevance => "relevance",
            Self::Stars => "stars",
            Self::Newest => "newest",
            Self::Name => "name",
        }
    }

    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.code() == code)
    }
}

/// The longest search text we accept: more says nothing more about a product.
pub const MAX_QUERY_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CatalogueQuery {
    pub q: String,
    pub group: Option<String>,
    pub set: Option<String>,
    pub star: Option<Stars>,
    pub unit: Option<String>,
    pub kind: Option<EntityType>,
    /// "Sold near me": the commune of today (its slug) where a sales point sells the product.
    pub sold_in: Option<String>,
    pub sort: Sort,
    pub page: PageNumber,
}

/// A facet of the catalogue, named as in the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Facet {
    Group,
    Set,
    Star,
    Unit,
    Kind,
}

/// The words typed in a search box, with runs of spaces folded; bounded in length.
pub fn parse_search_text(raw: Option<&str>) -> Result<String, AppError> {
    let text = raw
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::invalid(
            "q",
            "Từ khóa tìm kiếm quá dài (tối đa 100 ký tự).",
            "The search text is too long (100 characters at most).",
        ));
    }
    Ok(text)
}

/// A producer type code, or none.
pub fn parse_kind(raw: Option<&str>) -> Result<Option<EntityType>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(code) => EntityType::from_code(code).map(Some).ok_or_else(|| {
            AppError::invalid(
                "kind",
                "Loại hình chủ thể không hợp lệ.",
                "Not a known producer type.",
            )
        }),
    }
}

/// A slug naming a group, set or unit, or none: lowercase ASCII, digits and hyphens.
pub fn parse_slug(
    raw: Option<&str>,
    field: &str,
    vi: &str,
    en: &str,
) -> Result<Option<String>, AppError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(slug)
            if slug.len() <= 80
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') =>
        {
            Ok(Some(slug.to_owned()))
        }
        Some(_) => Err(AppError::invalid(field, vi, en)),
    }
}

/// The unit filter (the address's `locality`, a name kept for the links already out there),
/// shared by the catalogue and the producer list.
pub fn parse_unit(raw: Option<&str>) -> Result<Option<String>, AppError> {
    parse_slug(
        raw,
        "locality",
        "Địa phương không hợp lệ.",
        "Not a known locality.",
    )
}

impl CatalogueQuery {
    /// Reads the query from the address's parameters; every bad value gets its own message.
    pub fn parse<'a>(param: impl Fn(&str) -> Option<&'a str>) -> Result<Self, AppError> {
        let sort = match param("sort").map(str::trim).filter(|s| !s.is_empty()) {
            None => Sort::default(),
            Some(code) => Sort::from_code(code).ok_or_else(|| {
                AppError::invalid(
                    "sort",
                    "Cách sắp xếp không hợp lệ.",
                    "Not a known sort order.",
                )
            })?,
        };
        Ok(Self {
            q: parse_search_text(param("q"))?,
            group: parse_slug(
                param("group"),
                "group",
                "Nhóm sản phẩm không hợp lệ.",
                "Not a known product group.",
            )?,
            set: parse_slug(
                param("set"),
                "set",
                "Bộ sản phẩm không hợp lệ.",
                "Not a known product set.",
            )?,
            star: Stars::parse_filter(param("star"))?,
            unit: parse_unit(param("locality"))?,
            kind: parse_kind(param("kind"))?,
            sold_in: parse_slug(
                param("sold_in"),
                "sold_in",
                "Nơi bán không hợp lệ.",
                "Not a known place of sale.",
            )?,
            sort,
            page: PageNumber::parse(param("page"))?,
        })
    }

    /// The address of this query; defaults are left out so addresses stay short. Written
    /// into one string: a catalogue page has an address like this for every facet value.
    pub fn to_url(&self) -> String {
        let mut url = String::with_capacity(64);
        url.push_str("/products");
        let mut param = |key: &str, value: &str| {
            url.push(if url.len() == "/products".len() {
                '?'
            } else {
                '&'
            });
            url.push_str(key);
            url.push('=');
            encode_into(&mut url, value);
        };
        if !self.q.is_empty() {
            param("q", &self.q);
        }
        if let Some(group) = &self.group {
            param("group", group);
        }
        if let Some(set) = &self.set {
            param("set", set);
        }
        if let Some(star) = self.star {
            param("star", &star.get().to_string());
        }
        if let Some(unit) = &self.unit {
            param("locality", unit);
        }
        if let Some(kind) = self.kind {
            param("kind", kind.code());
        }
        if let Some(sold_in) = &self.sold_in {
            param("sold_in", sold_in);
        }
        if self.sort != Sort::default() {
            param("sort", self.sort.code());
        }
        if self.page.get() > 1 {
            param("page", &self.page.get().to_string());
        }
        url
    }

    /// This query with one facet set to `value` (or cleared), back on the first page.
    pub fn with_facet(&self, facet: Facet, value: Option<&str>) -> Self {
        let mut next = self.clone();
        next.page = PageNumber::default();
        let owned = value.map(str::to_owned);
        match facet {
            Facet::Group => {
                // A set belongs to one group: changing the group clears the set.
                next.group = owned;
                next.set = None;
            }
            Facet::Set => next.set = owned,
            Facet::Star => {
                next.star = value
                    .and_then(|v| v.parse().ok())
                    .and_then(Stars::certified)
            }
            Facet::Unit => next.unit = owned,
            Facet::Kind => next.kind = value.and_then(EntityType::from_code),
        }
        next
    }

    /// This query sold in another commune (or anywhere), back on the first page.
    pub fn with_sold_in(&self, commune: Option<&str>) -> Self {
        Self {
            sold_in: commune.map(str::to_owned),
            page: PageNumber::default(),
            ..self.clone()
        }
    }

    pub fn with_page(&self, page: PageNumber) -> Self {
        Self {
            page,
            ..self.clone()
        }
    }
}

/// Percent-encodes a query value (UTF-8 bytes outside the unreserved set).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    encode_into(&mut out, value);
    out
}

/// [`encode`], written at the end of `out`.
fn encode_into(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            other => {
                out.push('%');
                out.push(char::from(HEX[usize::from(other >> 4)]));
                out.push(char::from(HEX[usize::from(other & 0xF)]));
            }
        }
    }
}

/// One value of a facet with the number of products it would show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub label_vi: String,
    pub label_en: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub products: Page<ProductCard>,
    pub groups: Vec<FacetValue>,
    pub sets: Vec<FacetValue>,
    pub stars: Vec<FacetValue>,
    /// Today's communes and wards (after the July 2025 reform).
    pub units: Vec<FacetValue>,
    /// The former communes the chosen one was made of, once one is chosen.
    pub communes: Vec<FacetValue>,
    pub kinds: Vec<FacetValue>,
    /// The communes where a sales point sells a product on show, for "sold near me": (slug,
    /// name), by name.
    pub sold_in: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<CatalogueQuery, AppError> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        CatalogueQuery::parse(|key| map.get(key).copied())
    }

    #[test]
    fn an_empty_address_is_the_whole_catalogue() {
        let query = parse(&[]).unwrap();
        assert_eq!(query, CatalogueQuery::default());
        assert_eq!(query.to_url(), "/products");
    }

    #[test]
    fn a_query_survives_the_round_trip_through_its_address() {
        let query = parse(&[
            ("q", "  nước   mắm "),
            ("group", "thuc-pham"),
            ("star", "4"),
            ("kind", "cooperative"),
            ("sort", "name"),
            ("page", "2"),
        ])
        .unwrap();
        assert_eq!(query.q, "nước mắm");
        assert_eq!(
            query.to_url(),
            "/products?q=n%C6%B0%E1%BB%9Bc+m%E1%BA%AFm&group=thuc-pham&star=4&kind=cooperative&sort=name&page=2"
        );
    }

    #[test]
    fn each_bad_value_names_its_field() {
        for (key, value) in [
            ("star", "7"),
            ("kind", "company"),
            ("sort", "price"),
            ("page", "0"),
            ("group", "Thực phẩm"),
            ("locality", "a/b"),
        ] {
            match parse(&[(key, value)]) {
                Err(AppError::Invalid(errors)) => assert_eq!(errors[0].field, key),
                other => panic!("{key}={value}: {other:?}"),
            }
        }
        let long = "a".repeat(MAX_QUERY_CHARS + 1);
        assert!(parse(&[("q", long.as_str())]).is_err());
    }

    #[test]
    fn changing_a_facet_returns_to_the_first_page_and_the_group_clears_the_set() {
        let query = parse(&[
            ("group", "thuc-pham"),
            ("set", "gia-vi-khac"),
            ("page", "3"),
        ])
        .unwrap();
        let next = query.with_facet(Facet::Group, Some("do-uong"));
        assert_eq!(next.to_url(), "/products?group=do-uong");
        assert_eq!(
            query.with_facet(Facet::Star, Some("5")).to_url(),
            "/products?group=thuc-pham&set=gia-vi-khac&star=5"
        );
    }
}
