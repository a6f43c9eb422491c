//! Opening hours: days of the week and times of day, parsed once from the text people write
//! (`MO,TU`, `"09:30"`) into types, and the weekly schedules made of them. Services and the
//! help contacts in site.yaml share these types; nothing else compares days or times as text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The iCal two-letter code ORUK uses: `MO`.
    pub fn code(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self.index()]
    }

    pub fn name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self.index()]
    }

    /// 0 for Monday to 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }

    /// A day from its code (`MO`), its name (`Monday`) or the usual short name (`Mon`, `Tues`),
    /// in any case.
    pub fn parse(text: &str) -> Option<Weekday> {
        let lower = text.trim().to_ascii_lowercase();
        if lower.len() < 2 {
            return None;
        }
        Weekday::ALL.into_iter().find(|day| {
            let name = day.name().to_ascii_lowercase();
            lower == day.code().to_ascii_lowercase()
                || (lower.len() >= 3 && name.starts_with(&lower))
        })
    }
}

/// A set of days of the week, written `MO,TU,WE` (ORUK's `byday`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Days(u8);

impl Days {
    pub const EVERY_DAY: Days = Days(0b111_1111);

    pub fn of(days: impl IntoIterator<Item = Weekday>) -> Days {
        Days(
            days.into_iter()
                .fold(0, |bits, day| bits | 1 << day.index()),
        )
    }

    /// Every day from `first` to `last`, wrapping past Sunday (`Fri-Mon`).
    pub fn range(first: Weekday, last: Weekday) -> Days {
        let mut days = Vec::new();
        let mut index = first.index();
        loop {
            days.push(Weekday::ALL[index]);
            if index == last.index() {
                break;
            }
            index = (index + 1) % 7;
        }
        Days::of(days)
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.index()) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: Days) -> Days {
        Days(self.0 | other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        Weekday::ALL
            .into_iter()
            .filter(move |day| self.contains(*day))
    }
}

impl fmt::Display for Days {
    /// `MO,TU,WE`, the form ORUK and the YAML files use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = self.iter().map(Weekday::code).collect();
        write!(f, "{}", codes.join(","))
    }
}

impl Days {
    /// Days as people write them in a spreadsheet: names, short names or codes, with ranges
    /// (`Mon-Fri, Sun`).
    pub fn parse_spoken(text: &str) -> Result<Days, String> {
        Days::parse_with(text, |part| match part.split_once(['-', '–']) {
            Some((first, last)) => Weekday::parse(first)
                .zip(Weekday::parse(last))
                .map(|(first, last)| Days::range(first, last)),
            None => Weekday::parse(part).map(|day| Days::of([day])),
        })
    }

    fn parse_with(text: &str, day: impl Fn(&str) -> Option<Days>) -> Result<Days, String> {
        let mut days = Days::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let range = day(part);
            let Some(range) = range else {
                return Err(format!(
                    "`{text}`: `{part}` is not a day; write days as MO, TU, WE, TH, FR, SA, SU, separated by commas"
                ));
            };
            days = days.union(range);
        }
        if days.is_empty() {
            return Err(format!(
                "`{text}` names no days; write days as MO, TU, WE, TH, FR, SA, SU, separated by commas"
            ));
        }
        Ok(days)
    }
}

impl FromStr for Days {
    type Err = String;

    /// ORUK's `byday`: two-letter codes separated by commas, `MO,TU`.
    fn from_str(text: &str) -> Result<Days, String> {
        Days::parse_with(text, |part| {
            Weekday::ALL
                .into_iter()
                .find(|day| day.code().eq_ignore_ascii_case(part))
                .map(|day| Days::of([day]))
        })
    }
}

impl<'de> Deserialize<'de> for Days {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer).map_err(|error| {
            crate::date::unless_missing(
                error,
                "expected days written like MO,TU,WE (in quotes if you like)",
            )
        })?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for Days {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A time of day to the minute, written `"09:30"` on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    pub fn new(hours: u16, minutes: u16) -> Option<ClockTime> {
        (hours < 24 && minutes < 60).then_some(ClockTime(hours * 60 + minutes))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    /// `"9am"`, `"5:30pm"`, `"midday"` as well as `"09:00"`: the forms people type in a
    /// spreadsheet.
    pub fn parse_spoken(text: &str) -> Option<ClockTime> {
        let lower = text.trim().to_ascii_lowercase();
        match lower.as_str() {
            "midday" | "noon" => return ClockTime::new(12, 0),
            "midnight" => return ClockTime::new(0, 0),
            _ => {}
        }
        let (clock, pm) = match (lower.strip_suffix("am"), lower.strip_suffix("pm")) {
            (Some(clock), _) => (clock.trim(), Some(false)),
            (_, Some(clock)) => (clock.trim(), Some(true)),
            _ => return lower.parse().ok(),
        };
        let (hours, minutes) = match clock.split_once([':', '.']) {
            Some((h, m)) if m.len() == 2 => (h.parse().ok()?, m.parse().ok()?),
            Some(_) => return None,
            None => (clock.parse().ok()?, 0),
        };
        if !(1..=12).contains(&hours) {
            return None;
        }
        let hours = match (hours, pm) {
            (12, Some(false)) => 0,
            (12, _) => 12,
            (h, Some(true)) => h + 12,
            (h, _) => h,
        };
        ClockTime::new(hours, minutes)
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl FromStr for ClockTime {
    type Err = String;

    /// `09:30`, or ORUK's `09:30:00` (a `Z` suffix is allowed).
    fn from_str(text: &str) -> Result<ClockTime, String> {
        let invalid = || {
            format!(
                "`{text}` is not a time: write times as HH:MM on the 24-hour clock, in quotes: \"09:30\""
            )
        };
        let trimmed = text.trim().trim_end_matches('Z');
        let mut parts = trimmed.split(':');
        let (Some(hours), Some(minutes)) = (parts.next(), parts.next()) else {
            return Err(invalid());
        };
        let seconds_ok = parts
            .next()
            .is_none_or(|s| s.len() == 2 && s.parse::<u8>().is_ok_and(|s| s < 60));
        if hours.len() != 2 || minutes.len() != 2 || parts.next().is_some() || !seconds_ok {
            return Err(invalid());
        }
        let parsed = hours.parse().ok().zip(minutes.parse().ok());
        parsed
            .and_then(|(h, m)| ClockTime::new(h, m))
            .ok_or_else(invalid)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer).map_err(|error| {
            crate::date::unless_missing(
                error,
                "expected a time written as HH:MM on the 24-hour clock, in quotes: \"09:30\"",
            )
        })?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// When something is open each week: on `byday`, from `opens_at` to `closes_at` (ORUK's
/// weekly schedule, with its field names).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub byday: Days,
    pub opens_at: ClockTime,
    pub closes_at: ClockTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Schedule {
    /// True when it closes after it opens (a schedule may not run past midnight).
    pub fn is_ordered(&self) -> bool {
        self.opens_at < self.closes_at
    }

    /// `MO,TU 09:00-17:00`: the compact form the browser's "open now" script reads.
    pub fn compact(&self) -> String {
        format!("{} {}-{}", self.byday, self.opens_at, self.closes_at)
    }
}

/// Schedules in the compact form, separated by `|`, for a `data-hours` attribute.
pub fn compact(schedules: &[&Schedule]) -> String {
    schedules
        .iter()
        .map(|s| s.compact())
        .collect::<Vec<_>>()
        .join("|")
}

/// The simple text form a spreadsheet uses: `Mon-Fri 09:00-17:00; Sat 10am-12pm`. Each part is
/// days then a time range; parts are separated by `;`.
pub fn parse_text(text: &str) -> Result<Vec<Schedule>, String> {
    let mut schedules = Vec::new();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let schedule = parse_text_part(part).ok_or_else(|| {
            format!("`{part}` is not days and times: write them like Mon-Fri 09:00-17:00; Sat 10:00-12:30")
        })?;
        if !schedule.is_ordered() {
            return Err(format!(
                "`{part}` closes ({}) before it opens ({})",
                schedule.closes_at, schedule.opens_at
            ));
        }
        schedules.push(schedule);
    }
    Ok(schedules)
}

fn parse_text_part(part: &str) -> Option<Schedule> {
    let (days, times) = part.rsplit_once(char::is_whitespace)?;
    let (opens, closes) = times.split_once(['-', '–'])?;
    Some(Schedule {
        byday: Days::parse_spoken(days.trim()).ok()?,
        opens_at: ClockTime::parse_spoken(opens)?,
        closes_at: ClockTime::parse_spoken(closes)?,
        description: None,
    })
}

/// The partnership's time zone, an IANA name the browser knows: opening hours are judged by
/// its clock, so British Summer Time is allowed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone(String);

impl TimeZone {
    /// The zones of the UK, Ireland and the Crown Dependencies.
    pub const KNOWN: [&'static str; 6] = [
        "Europe/London",
        "Europe/Belfast",
        "Europe/Isle_of_Man",
        "Europe/Jersey",
        "Europe/Guernsey",
        "Europe/Dublin",
    ];

    pub fn name(&self) -> &str {
        &self.0
    }
}

impl Default for TimeZone {
    fn default() -> Self {
        TimeZone(Self::KNOWN[0].to_string())
    }
}

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match Self::KNOWN
            .iter()
            .find(|known| known.eq_ignore_ascii_case(text.trim()))
        {
            Some(known) => Ok(TimeZone(known.to_string())),
            None => Err(serde::de::Error::custom(format!(
                "`{text}` is not a time zone signpost knows: use one of {}",
                Self::KNOWN.join(", ")
            ))),
        }
    }
}

/// Which part of the UK's bank holidays apply: the keys of GOV.UK's bank-holidays.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BankHolidayRegion {
    #[default]
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl BankHolidayRegion {
    /// Its key in GOV.UK's file: `england-and-wales`.
    pub fn key(self) -> &'static str {
        match self {
            BankHolidayRegion::EnglandAndWales => "england-and-wales",
            BankHolidayRegion::Scotland => "scotland",
            BankHolidayRegion::NorthernIreland => "northern-ireland",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_from_codes_names_and_ranges() {
        assert_eq!("MO,TU".parse::<Days>().unwrap().to_string(), "MO,TU");
        let spoken = |text: &str| Days::parse_spoken(text).unwrap().to_string();
        assert_eq!(spoken("Mon-Fri"), "MO,TU,WE,TH,FR");
        assert_eq!(spoken("Fri-Mon"), "MO,FR,SA,SU");
        assert_eq!(spoken("tues, thursday"), "TU,TH");
        assert!("Mon-Fri".parse::<Days>().is_err(), "byday takes codes only");
        let error = "MON,TU".parse::<Days>().unwrap_err();
        assert!(error.contains("`MON` is not a day"), "{error}");
        assert!("".parse::<Days>().is_err());
    }

    #[test]
    fn times_parse_strictly() {
        let time = |text: &str| text.parse::<ClockTime>();
        assert_eq!(time("09:30").unwrap().minutes(), 570);
        assert_eq!(time("18:00:00").unwrap().to_string(), "18:00");
        assert_eq!(time("10:00Z").unwrap().to_string(), "10:00");
        for bad in ["9am", "25:00", "9:30", "noon", "12:60", "12:00:99"] {
            assert!(time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spoken_times_as_spreadsheets_write_them() {
        let spoken = |text: &str| ClockTime::parse_spoken(text).map(|t| t.to_string());
        assert_eq!(spoken("9am").as_deref(), Some("09:00"));
        assert_eq!(spoken("5:30pm").as_deref(), Some("17:30"));
        assert_eq!(spoken("12pm").as_deref(), Some("12:00"));
        assert_eq!(spoken("12am").as_deref(), Some("00:00"));
        assert_eq!(spoken("13:15").as_deref(), Some("13:15"));
        assert_eq!(spoken("13pm"), None);
    }

    #[test]
    fn the_text_form_of_schedules() {
        let parsed = parse_text("Mon-Fri 09:00-17:00; Sat 10am-12:30pm").unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[0].compact(), "MO,TU,WE,TH,FR 09:00-17:00");
        assert_eq!(parsed[1].compact(), "SA 10:00-12:30");
        assert!(parse_text("Mon-Fry 09:00-17:00").is_err());
        assert!(
            parse_text("Mon 17:00-09:00")
                .unwrap_err()
                .contains("closes")
        );
        assert_eq!(parse_text("").unwrap(), Vec::new());
    }
}
