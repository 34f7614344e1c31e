//! The handbook of the province's OCOP products for a period: every product recognised in
//! those years, once, grouped by product group and then by unit, numbered, with an index
//! by producer.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::model::day::Day;
use crate::model::form::refuse_if_any;
use crate::model::product::Image;
use crate::model::stars::Stars;

/// The years a handbook covers, as `?from=2018&to=2020` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandbookPeriod {
    pub from: i32,
    pub to: i32,
}

impl HandbookPeriod {
    /// The years typed, each defaulting to `default` (this year's span when none is given).
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        default: HandbookPeriod,
    ) -> Result<Self, AppError> {
        let mut problems = Vec::new();
        let mut year = |field: &str, typed: Option<&str>, fallback: i32| match typed
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            None => Some(fallback),
            Some(text) => match text.parse::<i32>() {
                Ok(year) if (2000..=2100).contains(&year) => Some(year),
                _ => {
                    problems.push(FieldError::new(
                        field,
                        "Năm phải là một số từ 2000 đến 2100.",
                        "The year must be a number from 2000 to 2100.",
                    ));
                    None
                }
            },
        };
        let from = year("from", from, default.from);
        let to = year("to", to, default.to);
        if let (Some(from), Some(to)) = (from, to) {
            if to < from {
                problems.push(FieldError::new(
                    "to",
                    "Năm kết thúc phải từ năm bắt đầu trở đi.",
                    "The last year cannot be before the first.",
                ));
            }
        }
        refuse_if_any(problems)?;
        match (from, to) {
            (Some(from), Some(to)) => Ok(Self { from, to }),
            _ => Err(AppError::Internal),
        }
    }

    /// "2018–2020", or "2021" for one year.
    pub fn label(self) -> String {
        if self.from == self.to {
            self.from.to_string()
        } else {
            format!("{}–{}", self.from, self.to)
        }
    }
}

/// One product of the handbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandbookEntry {
    /// Its number in the handbook, from 1, in the order printed.
    pub number: u32,
    pub slug: String,
    pub name: String,
    pub stars: Stars,
    /// The recognition this entry shows: the last of the period.
    pub certificate_no: String,
    pub issued_on: Day,
    /// The first sentences of its description.
    pub summary: String,
    pub producer_name: String,
    pub producer_slug: String,
    pub phone: Option<String>,
    pub address: String,
    pub image: Option<Image>,
    pub set_slug: String,
}

/// The products of one unit within a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandbookUnit {
    pub name: String,
    pub entries: Vec<HandbookEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandbookGroup {
    pub name_vi: String,
    pub name_en: String,
    pub units: Vec<HandbookUnit>,
}

impl HandbookGroup {
    pub fn entries(&self) -> impl Iterator<Item = &HandbookEntry> {
        self.units.iter().flat_map(|l| l.entries.iter())
    }
}

/// A producer of the index, with the numbers of its entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexLine {
    pub name: String,
    pub numbers: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handbook {
    pub period: HandbookPeriod,
    pub groups: Vec<HandbookGroup>,
    /// Producers by name, as Vietnamese readers sort them.
    pub index: Vec<IndexLine>,
}

impl Handbook {
    pub fn entry_count(&self) -> usize {
        self.groups.iter().map(|g| g.entries().count()).sum()
    }

    /// How many entries have 3, 4 and 5 stars.
    pub fn by_stars(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for entry in self.groups.iter().flat_map(HandbookGroup::entries) {
            if let Some(count) = counts.get_mut(usize::from(entry.stars.get().saturating_sub(3))) {
                *count += 1;
            }
        }
        counts
    }
}

/// The first sentences of `text` within about `limit` characters, ending at a sentence or a
/// word, with "…" when cut.
pub fn summary(text: &str, limit: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let cut: String = text.chars().take(limit).collect();
    if let Some(end) = cut.rfind(". ").filter(|end| *end > limit / 2) {
        return cut[..=end].to_owned();
    }
    // Cut just before a space, the last word is whole.
    if text.chars().nth(limit).is_some_and(char::is_whitespace) {
        return format!("{}…", cut.trim_end_matches([',', ';', ':']));
    }
    match cut.rfind(' ') {
        Some(space) => format!("{}…", cut[..space].trim_end_matches([',', ';', ':'])),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEFAULT: HandbookPeriod = HandbookPeriod {
        from: 2018,
        to: 2020,
    };

    #[test]
    fn a_period_is_two_years_in_order() {
        assert_eq!(
            HandbookPeriod::parse(Some("2019"), None, DEFAULT).unwrap(),
            HandbookPeriod {
                from: 2019,
                to: 2020
            }
        );
        assert!(HandbookPeriod::parse(Some("2021"), Some("2020"), DEFAULT).is_err());
        assert!(HandbookPeriod::parse(Some("hai nghìn"), None, DEFAULT).is_err());
        assert!(HandbookPeriod::parse(None, Some("1999"), DEFAULT).is_err());
        assert_eq!(DEFAULT.label(), "2018–2020");
    }

    #[test]
    fn a_summary_ends_at_a_sentence_or_a_word() {
        let text = "Nước mắm được ủ chượp từ cá cơm tươi. Màu cánh gián, vị ngọt hậu của đạm cá.";
        assert_eq!(summary(text, 200), text);
        assert_eq!(summary(text, 60), "Nước mắm được ủ chượp từ cá cơm tươi.");
        assert_eq!(summary("một hai ba bốn năm", 10), "một hai ba…");
    }
}
