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

    /// "June 2025": enough to date a quote without pinning down a young person.
    pub fn month_year(&self) -> String {
        self.0.format("%B %Y").to_string()
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
        // A missing date keeps serde's "missing field" error, which names the field.
        let text = String::deserialize(deserializer).map_err(|error: D::Error| {
            if error.to_string().starts_with("missing field") {
                error
            } else {
                serde::de::Error::custom("expected a date written as YYYY-MM-DD, e.g. 2027-03-31")
            }
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
