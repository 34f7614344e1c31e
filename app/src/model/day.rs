//! Calendar days as people type and read them: ISO in forms, addresses and the database
//! (`2026-12-17`), `17/12/2026` on pages. A day that does not exist (30 February) is refused.

use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{Date, Month};

use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Day(Date);

const ISO: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

impl Day {
    /// An ISO day, or None when it is not one (or does not exist).
    pub fn parse(text: &str) -> Option<Self> {
        Date::parse(text.trim(), ISO).ok().map(Self)
    }

    /// A day as a spreadsheet gives it: as pages show it (`17/12/2026`, or `1/7/2025`), or ISO.
    pub fn read(text: &str) -> Option<Self> {
        let text = text.trim();
        let mut parts = text.split('/');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(day), Some(month), Some(year), None) if year.len() == 4 => {
                Self::from_ymd(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
            }
            _ => Self::parse(text),
        }
    }

    /// An ISO day typed in the form field `field`, refused with a message next to it.
    pub fn from_field(field: &str, text: &str) -> Result<Self, AppError> {
        Self::parse(text).ok_or_else(|| {
            AppError::invalid(
                field,
                "Ngày không hợp lệ (dạng năm-tháng-ngày, ví dụ 2026-12-17).",
                "Not a valid date (year-month-day, e.g. 2026-12-17).",
            )
        })
    }

    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, day).ok().map(Self)
    }

    pub fn iso(self) -> String {
        self.0.format(ISO).unwrap_or_default()
    }

    /// As pages show a day: `17/12/2026`.
    pub fn shown(self) -> String {
        format!("{:02}/{:02}/{}", self.day(), self.month(), self.year())
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    pub fn month(self) -> u8 {
        self.0.month().into()
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Monday 0 … Sunday 6.
    pub fn weekday_from_monday(self) -> u8 {
        self.0.weekday().number_days_from_monday()
    }

    pub fn next(self) -> Option<Self> {
        self.0.next_day().map(Self)
    }

    pub fn plus_days(self, days: u32) -> Option<Self> {
        self.0
            .checked_add(time::Duration::days(i64::from(days)))
            .map(Self)
    }

    /// The same day `months` later, or the month's last day when it has no such day
    /// (29 February 2024 + 36 months is 28 February 2027).
    pub fn plus_months(self, months: u32) -> Option<Self> {
        let index = i64::from(self.year()) * 12 + i64::from(self.month()) - 1 + i64::from(months);
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        let last = Month::try_from(month).ok()?.length(year);
        Self::from_ymd(year, month, self.day().min(last))
    }

    /// The first day of the month after this day's.
    pub fn next_month(self) -> Option<Self> {
        let (year, month) = match self.month() {
            12 => (self.year() + 1, 1),
            month => (self.year(), month + 1),
        };
        Self::from_ymd(year, month, 1)
    }

    /// The first day of the month before this day's.
    pub fn previous_month(self) -> Option<Self> {
        let (year, month) = match self.month() {
            1 => (self.year() - 1, 12),
            month => (self.year(), month - 1),
        };
        Self::from_ymd(year, month, 1)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

impl From<Date> for Day {
    fn from(date: Date) -> Self {
        Self(date)
    }
}

impl TryFrom<String> for Day {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text).ok_or_else(|| format!("not a day: {text:?}"))
    }
}

impl From<Day> for String {
    fn from(day: Day) -> Self {
        day.iso()
    }
}

/// The database keeps a `$name` as the text `String::from` writes, and reads it back through
/// `TryFrom<String>`, so a row that holds no such value is an error rather than a default.
macro_rules! stored_as_text {
    ($name:ty) => {
        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Sqlite> for $name {
            fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
                <String as sqlx::Type<sqlx::Sqlite>>::type_info()
            }

            fn compatible(ty: &sqlx::sqlite::SqliteTypeInfo) -> bool {
                <String as sqlx::Type<sqlx::Sqlite>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<sqlx::sqlite::SqliteArgumentValue<'q>>,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <String as sqlx::Encode<'q, sqlx::Sqlite>>::encode(String::from(*self), buf)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for $name {
            fn decode(
                value: sqlx::sqlite::SqliteValueRef<'r>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let text = <&str as sqlx::Decode<'r, sqlx::Sqlite>>::decode(value)?;
                Ok(Self::try_from(text.to_owned())?)
            }
        }
    };
}
pub(crate) use stored_as_text;

stored_as_text!(Day);

#[cfg(test)]
mod tests {

    #[test]
    fn months_are_added_to_the_same_day_or_the_end_of_a_shorter_month() {
        let day = |text| Day::parse(text).unwrap();
        assert_eq!(day("2024-02-29").plus_months(36), Some(day("2027-02-28")));
        assert_eq!(day("2024-02-29").plus_months(48), Some(day("2028-02-29")));
        assert_eq!(day("2021-08-31").plus_months(36), Some(day("2024-08-31")));
        assert_eq!(day("2023-11-30").plus_months(3), Some(day("2024-02-29")));
        assert_eq!(day("2021-12-05").plus_months(36), Some(day("2024-12-05")));
    }

    use super::Day;

    #[test]
    fn a_spreadsheet_day_is_read_as_pages_show_it_or_as_iso_and_only_if_it_exists() {
        let iso = |text: &str| Day::read(text).map(Day::iso);
        assert_eq!(iso("01/07/2025").as_deref(), Some("2025-07-01"));
        assert_eq!(iso(" 1/7/2025 ").as_deref(), Some("2025-07-01"));
        assert_eq!(iso("2025-07-01").as_deref(), Some("2025-07-01"));
        assert_eq!(iso("31/02/2025"), None);
        assert_eq!(iso("01/07/25"), None);
        assert_eq!(iso("hôm nay"), None);
    }

    #[test]
    fn only_days_that_exist_are_days() {
        assert_eq!(
            Day::parse("2026-12-17").map(Day::iso).as_deref(),
            Some("2026-12-17")
        );
        assert!(Day::parse("2027-02-29").is_none());
        assert!(Day::parse("2028-02-29").is_some());
        assert!(Day::parse("17/12/2026").is_none());
        assert!(Day::parse("2026-13-01").is_none());
        assert!(Day::from_field("starts_on", "").is_err());
    }

    #[test]
    fn months_turn_over_at_the_year() {
        let december = Day::parse("2026-12-17").unwrap();
        assert_eq!(december.next_month().unwrap().iso(), "2027-01-01");
        assert_eq!(
            Day::parse("2027-01-05")
                .unwrap()
                .previous_month()
                .unwrap()
                .iso(),
            "2026-12-01"
        );
        // 1 December 2026 is a Tuesday.
        assert_eq!(Day::parse("2026-12-01").unwrap().weekday_from_monday(), 1);
    }
}
