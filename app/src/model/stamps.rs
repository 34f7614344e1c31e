//! Sheets of OCOP stamps a producer prints for its packages: each stamp gives the star, the
//! certificate's number and the QR code of its proof (`verification::scan_path`). A sheet is
//! one A4 page; its stamps are laid out from the printable area, so that none is ever cut
//! across two pages, whatever size is chosen.

use serde::{Deserialize, Serialize};

use crate::model::day::Day;
use crate::model::gtin::Gtin;
use crate::model::stars::Stars;

/// A4 less the print margins of the style sheet (`@page { margin: 1.2cm }`), in millimetres.
const PRINTABLE_WIDTH_MM: u32 = 210 - 24;
const PRINTABLE_HEIGHT_MM: u32 = 297 - 24;
/// The cutting gap between two stamps.
pub const GAP_MM: u32 = 2;

/// The most sheets one print asks for; a print shop prints copies of them.
pub const MAX_SHEETS: u32 = 10;

/// A stamp's width; its height adds the star and the number to the QR code's square.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StampSize {
    Small,
    Medium,
    Large,
}

impl StampSize {
    pub const ALL: [Self; 3] = [Self::Small, Self::Medium, Self::Large];

    /// The size of a stamp's `size` parameter; the medium one otherwise.
    pub fn parse(code: Option<&str>) -> Self {
        Self::ALL
            .into_iter()
            .find(|size| Some(size.width_mm().to_string().as_str()) == code)
            .unwrap_or(Self::Medium)
    }

    pub fn width_mm(self) -> u32 {
        match self {
            Self::Small => 30,
            Self::Medium => 40,
            Self::Large => 50,
        }
    }

    /// The QR code's square and, under it, the star and the number: 13/10 of the width.
    pub fn height_mm(self) -> u32 {
        self.width_mm() * 13 / 10
    }

    /// Stamps across a sheet, and down it: as many as the printable area holds with their gaps.
    pub fn grid(self) -> (u32, u32) {
        let fit = |space: u32, side: u32| (space + GAP_MM) / (side + GAP_MM);
        (
            fit(PRINTABLE_WIDTH_MM, self.width_mm()),
            fit(PRINTABLE_HEIGHT_MM, self.height_mm()),
        )
    }

    pub fn per_sheet(self) -> u32 {
        let (across, down) = self.grid();
        across * down
    }
}

/// How many sheets a print asks for: 1 to [`MAX_SHEETS`], 1 when unreadable.
pub fn sheets(typed: Option<&str>) -> u32 {
    typed
        .and_then(|typed| typed.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_SHEETS)
}

/// What a stamp of a product prints, read from the certificate it holds today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Stamp {
    pub product_name: String,
    pub slug: String,
    pub gtin: Option<Gtin>,
    pub stars: Stars,
    pub certificate_no: String,
    pub expires_on: Day,
}

/// A producer's product and its stamp, when its certificate holds today: a product whose star
/// has ended, or that never had one, prints none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StampSheet {
    pub product_name: String,
    pub stamp: Option<Stamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_fits_its_stamps_within_one_printable_page() {
        for size in StampSize::ALL {
            let (across, down) = size.grid();
            assert!(across >= 1 && down >= 1, "{size:?}");
            assert!(across * (size.width_mm() + GAP_MM) - GAP_MM <= PRINTABLE_WIDTH_MM);
            assert!(down * (size.height_mm() + GAP_MM) - GAP_MM <= PRINTABLE_HEIGHT_MM);
            // And one more would not fit.
            assert!((across + 1) * (size.width_mm() + GAP_MM) - GAP_MM > PRINTABLE_WIDTH_MM);
            assert!((down + 1) * (size.height_mm() + GAP_MM) - GAP_MM > PRINTABLE_HEIGHT_MM);
        }
        assert_eq!(StampSize::Small.per_sheet(), 5 * 6);
        assert_eq!(StampSize::Large.per_sheet(), 3 * 4);
    }

    #[test]
    fn sizes_and_sheets_are_read_from_the_address_within_bounds() {
        assert_eq!(StampSize::parse(Some("30")), StampSize::Small);
        assert_eq!(StampSize::parse(Some("50")), StampSize::Large);
        assert_eq!(StampSize::parse(Some("31")), StampSize::Medium);
        assert_eq!(StampSize::parse(None), StampSize::Medium);
        assert_eq!(sheets(Some("3")), 3);
        assert_eq!(sheets(Some("0")), 1);
        assert_eq!(sheets(Some("500")), MAX_SHEETS);
        assert_eq!(sheets(Some("ba")), 1);
    }
}
