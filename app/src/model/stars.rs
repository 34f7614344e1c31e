use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A star rating, 1 to 5, as the OCOP scheme gives it: a council's result may be any of them,
/// only 3, 4 and 5 earn a certificate. Read from the database and from JSON only in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

impl Stars {
    /// The ratings that earn a certificate.
    pub const CERTIFIED: [Stars; 3] = [Stars(3), Stars(4), Stars(5)];

    pub fn new(stars: u8) -> Option<Self> {
        (1..=5).contains(&stars).then_some(Self(stars))
    }

    /// A rating that earns a certificate, or None.
    pub fn certified(stars: u8) -> Option<Self> {
        Self::new(stars).filter(|stars| stars.is_certified())
    }

    pub fn is_certified(self) -> bool {
        self.0 >= 3
    }

    /// Reads the `star` query parameter, a certified rating; empty means no filter.
    pub fn parse_filter(raw: Option<&str>) -> Result<Option<Self>, AppError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(text) => text
                .parse::<u8>()
                .ok()
                .and_then(Self::certified)
                .map(Some)
                .ok_or_else(Self::invalid),
        }
    }

    pub fn invalid() -> AppError {
        AppError::invalid(
            "star",
            "Hạng sao phải là 3, 4 hoặc 5.",
            "The star rating must be 3, 4 or 5.",
        )
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl std::fmt::Display for Stars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl From<Stars> for u8 {
    fn from(stars: Stars) -> Self {
        stars.0
    }
}

impl TryFrom<u8> for Stars {
    type Error = String;

    fn try_from(stars: u8) -> Result<Self, String> {
        Self::new(stars).ok_or_else(|| format!("not a star rating: {stars}"))
    }
}

#[cfg(feature = "ssr")]
impl sqlx::Type<sqlx::Sqlite> for Stars {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <i64 as sqlx::Type<sqlx::Sqlite>>::type_info()
    }

    fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
        <i64 as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
    }
}

#[cfg(feature = "ssr")]
impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for Stars {
    fn encode_by_ref(
        &self,
        buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <i64 as sqlx::Encode<'q, sqlx::Sqlite>>::encode(i64::from(self.0), buf)
    }
}

#[cfg(feature = "ssr")]
impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for Stars {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let stars = <i64 as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
        Ok(u8::try_from(stars)
            .ok()
            .and_then(Self::new)
            .ok_or_else(|| format!("not a star rating: {stars}"))?)
    }
}

/// "★★★★☆" style text for a rating out of five.
pub fn star_glyphs(stars: Stars) -> String {
    let filled = usize::from(stars.get());
    "★".repeat(filled) + &"☆".repeat(5 - filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_certifiable_ratings_parse() {
        assert_eq!(Stars::parse_filter(None).unwrap(), None);
        assert_eq!(Stars::parse_filter(Some("")).unwrap(), None);
        assert_eq!(Stars::parse_filter(Some("4")).unwrap().unwrap().get(), 4);
        for bad in ["2", "6", "0", "x", "-3", "300"] {
            assert!(Stars::parse_filter(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_rating_is_one_to_five_and_a_certificate_three_to_five() {
        assert_eq!(Stars::new(0), None);
        assert_eq!(Stars::new(6), None);
        assert_eq!(Stars::new(2).map(Stars::is_certified), Some(false));
        assert_eq!(Stars::certified(2), None);
        assert_eq!(Stars::certified(4).map(Stars::get), Some(4));
        assert!(serde_json::from_str::<Stars>("7").is_err());
        assert_eq!(serde_json::to_string(&Stars(4)).unwrap(), "4");
    }

    #[test]
    fn glyphs_show_five_places() {
        assert_eq!(star_glyphs(Stars(3)), "★★★☆☆");
        assert_eq!(star_glyphs(Stars(5)), "★★★★★");
    }
}
