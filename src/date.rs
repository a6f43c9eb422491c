//! A calendar date written YYYY-MM-DD in front matter and YAML data.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Today on this computer's clock. Only the command line reads the clock: every stage
    /// below it is given the date, so a build can be repeated and tested on any day.
    pub fn local_today() -> Date {
        Date(chrono::Local::now().date_naive())
    }

    /// The build date from `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds
    /// convention), as a UTC calendar date.
    pub fn from_source_date_epoch(value: &str) -> Result<Date, String> {
        let seconds: i64 = value.trim().parse().map_err(|_| {
            format!("SOURCE_DATE_EPOCH `{value}` is not a number of seconds since 1970")
        })?;
        chrono::DateTime::from_timestamp(seconds, 0)
            .map(|at| Date(at.date_naive()))
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is out of range"))
    }

    pub fn parse(text: &str) -> Option<Date> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .map(Date)
    }

    /// "31 March 2027", the way GOV.UK writes dates.
    pub fn long(&self) -> String {
        self.0.format("%-d %B %Y").to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer).map_err(|error| {
            unless_missing(
                error,
                "expected a date written as YYYY-MM-DD, e.g. 2027-03-31",
            )
        })?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a date: write dates as YYYY-MM-DD, e.g. 2027-03-31"
            ))
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A value's own error in place of the library's, except when the value is missing: serde's
/// "missing field `x`" names the field, which "expected a date" would send someone looking for
/// a value that is not there.
pub fn unless_missing<E: serde::de::Error>(error: E, message: &str) -> E {
    if error.to_string().starts_with("missing field") {
        error
    } else {
        E::custom(message)
    }
}

/// A date known to the year, the month or the day: `2021`, `2021-06` or `2021-06-12`. Young
/// people's words quoted from a strategy are often dated to the year only, and a month nobody
/// supplied must never be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |part: &str, digits: usize| {
            (part.len() == digits && part.chars().all(|c| c.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let year = i32::try_from(number(parts.first()?, 4)?).ok()?;
        let date = match parts.as_slice() {
            [_] => PartialDate {
                year,
                month: None,
                day: None,
            },
            [_, month] => PartialDate {
                year,
                month: Some(number(month, 2).filter(|m| (1..=12).contains(m))?),
                day: None,
            },
            [_, _, _] => {
                let full = Date::parse(text)?;
                PartialDate {
                    year,
                    month: Some(chrono::Datelike::month(&full.0)),
                    day: Some(chrono::Datelike::day(&full.0)),
                }
            }
            _ => return None,
        };
        Some(date)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Year(i64),
            Text(String),
        }
        let text = match Written::deserialize(deserializer).map_err(|error| {
            unless_missing(
                error,
                "expected a year or a date, e.g. 2021, 2021-06 or 2021-06-12",
            )
        })? {
            Written::Year(year) => year.to_string(),
            Written::Text(text) => text,
        };
        PartialDate::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a year or a date: write 2021, 2021-06 or 2021-06-12"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_keep_only_what_is_known() {
        let june = PartialDate::parse("2021-06-12").unwrap();
        assert_eq!((june.year, june.month, june.day), (2021, Some(6), Some(12)));
        assert_eq!(PartialDate::parse("2021").unwrap().month, None);
        for bad in ["21", "2021-13", "2021-6", "June 2021", "2021-02-30", ""] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert!(PartialDate::parse("2021").unwrap() < PartialDate::parse("2021-01").unwrap());
    }

    #[test]
    fn the_build_date_comes_from_source_date_epoch() {
        assert_eq!(
            Date::from_source_date_epoch("1796083200").unwrap(),
            Date::parse("2026-12-01").unwrap()
        );
        assert!(Date::from_source_date_epoch("soon").is_err());
    }
}
