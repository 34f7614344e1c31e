//! Moments: when something happened, as the database keeps it (UTC, SQLite's
//! `datetime('now')`: `2026-12-05 01:30:00`), and the minute it was in Vietnam (UTC+7, no
//! daylight saving), as people read it (`05/12/2026 08:30`) and type it in a `datetime-local`
//! field (`2026-12-05T08:30`). A moment is turned into Vietnam's time here and nowhere else,
//! so an inquiry sent at 06:00 in Hà Nội is not shown as sent the day before.

use serde::{Deserialize, Serialize};
use time::macros::format_description;
use time::{Duration, PrimitiveDateTime};

use crate::model::day::{stored_as_text, Day};

/// Vietnam's offset from UTC. `store::clock::utc_offset!` writes the same for SQL; a test
/// there proves that both agree.
const VIETNAM: Duration = Duration::hours(7);

const STORED: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");

/// A moment, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Moment(PrimitiveDateTime);

impl Moment {
    /// A UTC time as SQLite writes it (`2026-12-05 01:30:00`), or None.
    pub fn parse(stored: &str) -> Option<Self> {
        PrimitiveDateTime::parse(stored.trim(), STORED)
            .ok()
            .map(Self)
    }

    /// As the database keeps it: `2026-12-05 01:30:00` (UTC).
    pub fn stored(self) -> String {
        self.0.format(STORED).unwrap_or_default()
    }

    /// In UTC for machines (feeds, `<time datetime>`): `2026-12-05T01:30:00Z`.
    pub fn rfc3339(self) -> String {
        format!("{}Z", self.stored().replacen(' ', "T", 1))
    }

    /// The minute it was in Vietnam.
    pub fn local(self) -> LocalTime {
        let local = self.0.saturating_add(VIETNAM);
        LocalTime {
            day: local.date().into(),
            hour: local.hour(),
            minute: local.minute(),
        }
    }

    /// The day it was in Vietnam.
    pub fn day(self) -> Day {
        self.local().day
    }

    /// As pages show it, Vietnam time: `05/12/2026 08:30`.
    pub fn shown(self) -> String {
        self.local().shown()
    }
}

impl TryFrom<String> for Moment {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text).ok_or_else(|| format!("not a time: {text:?}"))
    }
}

impl From<Moment> for String {
    fn from(moment: Moment) -> Self {
        moment.stored()
    }
}

stored_as_text!(Moment);

/// A minute of a day in Vietnam time, as a `datetime-local` field sends it (`2026-12-05T08:30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalTime {
    pub day: Day,
    pub hour: u8,
    pub minute: u8,
}

impl LocalTime {
    pub fn parse(typed: &str) -> Option<Self> {
        let (day, time) = typed.trim().split_once(['T', ' '])?;
        let day = Day::parse(day)?;
        let (hour, minute) = time.split_once(':')?;
        // A browser may add seconds; they are not asked for.
        let minute = minute.split(':').next()?;
        if hour.len() != 2 || minute.len() != 2 {
            return None;
        }
        let (hour, minute) = (hour.parse::<u8>().ok()?, minute.parse::<u8>().ok()?);
        (hour < 24 && minute < 60).then_some(Self { day, hour, minute })
    }

    /// The moment this minute of Vietnam is.
    pub fn utc(self) -> Option<Moment> {
        let local = format!("{} {:02}:{:02}:00", self.day.iso(), self.hour, self.minute);
        let local = PrimitiveDateTime::parse(&local, STORED).ok()?;
        Some(Moment(local.checked_sub(VIETNAM)?))
    }

    /// As the `datetime-local` field shows it.
    pub fn field(self) -> String {
        format!("{}T{:02}:{:02}", self.day.iso(), self.hour, self.minute)
    }

    /// As pages show it: `05/12/2026 08:30`.
    pub fn shown(self) -> String {
        format!("{} {:02}:{:02}", self.day.shown(), self.hour, self.minute)
    }
}

#[cfg(test)]
mod tests {
    use super::{LocalTime, Moment};

    #[test]
    fn a_moment_late_in_the_utc_evening_is_shown_on_the_next_day_in_vietnam() {
        let moment = Moment::parse("2026-12-31 18:30:00").expect("SQLite's form");
        assert_eq!(moment.shown(), "01/01/2027 01:30");
        assert_eq!(moment.day().iso(), "2027-01-01");
        assert_eq!(moment.rfc3339(), "2026-12-31T18:30:00Z");
        assert_eq!(moment.stored(), "2026-12-31 18:30:00");
    }

    #[test]
    fn a_minute_typed_in_vietnam_is_stored_seven_hours_earlier_and_read_back_the_same() {
        let typed = LocalTime::parse("2027-01-01T06:15").expect("a datetime-local value");
        let moment = typed.utc().expect("a moment");
        assert_eq!(moment.stored(), "2026-12-31 23:15:00");
        assert_eq!(moment.local(), typed);
        assert_eq!(typed.field(), "2027-01-01T06:15");
    }

    #[test]
    fn only_times_that_exist_are_read() {
        assert!(Moment::parse("2026-02-30 10:00:00").is_none());
        assert!(Moment::parse("2026-12-05").is_none());
        assert!(LocalTime::parse("2026-12-05T24:00").is_none());
        assert!(LocalTime::parse("2026-12-05T8:30").is_none());
        assert_eq!(
            LocalTime::parse("2026-12-05T08:30:59").map(LocalTime::field),
            Some("2026-12-05T08:30".to_owned())
        );
    }
}
