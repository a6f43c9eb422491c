//! directory_data/bank-holidays.json: the bank holidays opening hours allow for, in GOV.UK's
//! own format, so a partnership can replace it with https://www.gov.uk/bank-holidays.json as
//! it is. site.yaml's `bank_holidays:` says which part of the UK applies.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::hours::BankHolidayRegion;
use crate::layout::BANK_HOLIDAYS_FILE;

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    date: Date,
}

/// The region's bank holidays, in date order; none when the site has no file (a problem with
/// the file is reported).
pub fn load(root: &Path, region: BankHolidayRegion, problems: &mut Diagnostics) -> Vec<Date> {
    let file = Path::new(BANK_HOLIDAYS_FILE);
    let Ok(text) = std::fs::read_to_string(root.join(file)) else {
        return Vec::new();
    };
    let divisions: BTreeMap<String, Division> = match serde_json::from_str(&text) {
        Ok(divisions) => divisions,
        Err(error) => {
            problems.push(
                Diagnostic::error(format!("this is not a bank holidays file: {error}"))
                    .in_file(file)
                    .at(Position::new(error.line(), error.column()))
                    .with_help("use the file from https://www.gov.uk/bank-holidays.json as it is downloaded"),
            );
            return Vec::new();
        }
    };
    let Some(division) = divisions.get(region.key()) else {
        let known: Vec<&str> = divisions.keys().map(String::as_str).collect();
        problems.push(
            Diagnostic::error(format!(
                "the bank holidays file has no `{}` part, which site.yaml's bank_holidays asks for",
                region.key()
            ))
            .in_file(file)
            .with_help(format!(
                "it has: {}; download the whole file from https://www.gov.uk/bank-holidays.json",
                known.join(", ")
            )),
        );
        return Vec::new();
    };
    let mut dates: Vec<Date> = division.events.iter().map(|e| e.date).collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}
