use serde::{Deserialize, Serialize};

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub number: u32,
    pub per_page: u32,
    pub total: u64,
}

impl<T> Page<T> {
    /// Page `number` of a list of `total` items (a count from the database).
    pub fn new(items: Vec<T>, number: PageNumber, per_page: u32, total: i64) -> Self {
        Self {
            items,
            number: number.get(),
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        }
    }

    pub fn has_more(&self) -> bool {
        u64::from(self.number) * u64::from(self.per_page) < self.total
    }
}

/// A requested page number, parsed from user input: 1-based and bounded so that
/// offsets stay small.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageNumber(u32);

impl PageNumber {
    pub const MAX: u32 = 10_000;

    pub fn parse(raw: Option<&str>) -> Result<Self, crate::error::AppError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(Self(1)),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .and_then(Self::new)
                .ok_or_else(Self::invalid),
        }
    }

    pub fn invalid() -> crate::error::AppError {
        crate::error::AppError::invalid(
            "page",
            "Số trang không hợp lệ.",
            "Not a valid page number.",
        )
    }

    pub fn new(number: u32) -> Option<Self> {
        (1..=Self::MAX).contains(&number).then_some(Self(number))
    }

    pub fn get(self) -> u32 {
        self.0
    }

    /// The address of this page of `path` (which may carry a query already): the first
    /// page is the path itself.
    pub fn of(self, path: &str) -> String {
        if self.0 > 1 {
            let joiner = if path.contains('?') { '&' } else { '?' };
            format!("{path}{joiner}page={}", self.0)
        } else {
            path.to_owned()
        }
    }

    pub fn offset(self, per_page: u32) -> i64 {
        i64::from(self.0 - 1) * i64::from(per_page)
    }
}

impl Default for PageNumber {
    fn default() -> Self {
        Self(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_bounded() {
        assert_eq!(PageNumber::parse(None).unwrap().get(), 1);
        assert_eq!(PageNumber::parse(Some("3")).unwrap().offset(12), 24);
        assert_eq!(PageNumber::new(2).unwrap().of("/a?q=x"), "/a?q=x&page=2");
        assert_eq!(PageNumber::new(1).unwrap().of("/a?q=x"), "/a?q=x");
        for bad in ["0", "-1", "abc", "10001", "1.5"] {
            assert!(PageNumber::parse(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn has_more_until_the_last_item() {
        let page = |number, total| Page::<()> {
            items: vec![],
            number,
            per_page: 10,
            total,
        };
        assert!(page(1, 11).has_more());
        assert!(!page(2, 11).has_more());
        assert!(!page(1, 10).has_more());
    }
}
