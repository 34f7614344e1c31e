use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A star rating that can be certified: only 3, 4 and 5 stars earn an OCOP certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CertifiedStars(u8);

impl CertifiedStars {
    pub const ALL: [CertifiedStars; 3] = [CertifiedStars(3), CertifiedStars(4), CertifiedStars(5)];

    pub fn new(stars: u8) -> Option<Self> {
        (3..=5).contains(&stars).then_some(Self(stars))
    }

    /// Reads the `star` query parameter; empty means no filter.
    pub fn parse_filter(raw: Option<&str>) -> Result<Option<Self>, AppError> {
        match raw.map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(text) => text
                .parse::<u8>()
                .ok()
                .and_then(Self::new)
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

/// "★★★★☆" style text for a rating out of five.
pub fn star_glyphs(stars: u8) -> String {
    let filled = usize::from(stars.min(5));
    "★".repeat(filled) + &"☆".repeat(5 - filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_certifiable_ratings_parse() {
        assert_eq!(CertifiedStars::parse_filter(None).unwrap(), None);
        assert_eq!(CertifiedStars::parse_filter(Some("")).unwrap(), None);
        assert_eq!(
            CertifiedStars::parse_filter(Some("4"))
                .unwrap()
                .unwrap()
                .get(),
            4
        );
        for bad in ["2", "6", "0", "x", "-3", "300"] {
            assert!(CertifiedStars::parse_filter(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn glyphs_show_five_places() {
        assert_eq!(star_glyphs(3), "★★★☆☆");
        assert_eq!(star_glyphs(5), "★★★★★");
    }
}
