//! Dates, days, times of day and opening hours, written in the words of the page's language
//! (its strings file's `time:` group): "31 March 2027", "Monday to Friday", "9am to 5:30pm".

use chrono::Datelike;

use crate::date::{Date, PartialDate};
use crate::hours::{ClockTime, Days, Schedule};
use crate::strings::{Clock, Words};

/// "31 March 2027".
pub fn date(words: &Words, date: Date) -> String {
    let day = date.0.day().to_string();
    let year = date.0.year().to_string();
    words.fill(
        "time.date",
        &[
            ("day", &day),
            ("month", month(words, "time.months", date.0.month())),
            ("year", &year),
        ],
    )
}

/// As much of a date as is known, the way a quote is dated: "2021", "June 2021" (never the
/// day, so a young person cannot be pinned down).
pub fn for_a_quote(words: &Words, date: PartialDate) -> String {
    let year = date.year.to_string();
    match date.month.filter(|m| (1..=12).contains(m)) {
        Some(m) => words.fill(
            "time.month_year",
            &[
                ("month", month(words, "time.months_standalone", m)),
                ("year", &year),
            ],
        ),
        None => year,
    }
}

/// Month `number` (from 1) of the list `key`.
fn month<'a>(words: &'a Words, key: &str, number: u32) -> &'a str {
    words
        .list(key)
        .get(number as usize - 1)
        .map_or("", String::as_str)
}

/// "Monday to Friday", "Every day", "Monday, Wednesday".
pub fn days(words: &Words, days: Days) -> String {
    let names = words.list("time.days");
    let name = |day: crate::hours::Weekday| names.get(day.index()).map_or("", String::as_str);
    let listed: Vec<_> = days.iter().collect();
    let consecutive = listed.windows(2).all(|w| w[1].index() == w[0].index() + 1);
    match listed.as_slice() {
        [] => String::new(),
        [one] => name(*one).to_string(),
        all if all.len() == 7 => words.text("time.every_day").to_string(),
        [first, .., last] if consecutive => words.fill(
            "time.day_range",
            &[("first", name(*first)), ("last", name(*last))],
        ),
        many => many
            .iter()
            .map(|d| name(*d))
            .collect::<Vec<_>>()
            .join(words.text("time.day_separator")),
    }
}

/// "9am", "5:30pm", "midday", "midnight" on a 12-hour clock; "9:00", "17:30" on a 24-hour one.
pub fn time(words: &Words, time: ClockTime) -> String {
    let (hours, minutes) = (time.minutes() / 60, time.minutes() % 60);
    match words.clock() {
        Clock::TwentyFourHour => format!("{hours}:{minutes:02}"),
        Clock::TwelveHour => match (hours, minutes) {
            (12, 0) => words.text("time.midday").to_string(),
            (0, 0) => words.text("time.midnight").to_string(),
            _ => {
                let suffix = words.text(if hours < 12 { "time.am" } else { "time.pm" });
                let hour = match hours % 12 {
                    0 => 12,
                    h => h,
                };
                if minutes == 0 {
                    format!("{hour}{suffix}")
                } else {
                    format!("{hour}:{minutes:02}{suffix}")
                }
            }
        },
    }
}

/// "9am to 5pm", or "24 hours" for the whole day.
pub fn hours(words: &Words, schedule: &Schedule) -> String {
    if schedule.opens_at.minutes() == 0 && schedule.closes_at.minutes() >= 23 * 60 + 59 {
        return words.text("time.all_day").to_string();
    }
    words.fill(
        "time.time_range",
        &[
            ("opens", &time(words, schedule.opens_at)),
            ("closes", &time(words, schedule.closes_at)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::english;

    fn clock(text: &str) -> ClockTime {
        text.parse().unwrap()
    }

    #[test]
    fn english_reads_like_gov_uk() {
        let words = english();
        let label = |text: &str| days(&words, text.parse::<Days>().unwrap());
        assert_eq!(label("MO,TU,WE,TH,FR"), "Monday to Friday");
        assert_eq!(label("MO,TU,WE,TH,FR,SA,SU"), "Every day");
        assert_eq!(label("MO,WE"), "Monday, Wednesday");
        assert_eq!(label("SA"), "Saturday");
        assert_eq!(time(&words, clock("12:00")), "midday");
        assert_eq!(time(&words, clock("17:30")), "5:30pm");
        assert_eq!(time(&words, clock("09:00")), "9am");
        assert_eq!(time(&words, clock("00:30")), "12:30am");
        assert_eq!(time(&words, clock("00:00")), "midnight");
        assert_eq!(
            date(&words, Date::parse("2027-03-31").unwrap()),
            "31 March 2027"
        );
        let june = PartialDate::parse("2021-06").unwrap();
        assert_eq!(for_a_quote(&words, june), "June 2021");
        let whole_day = Schedule {
            byday: "MO".parse().unwrap(),
            opens_at: clock("00:00"),
            closes_at: clock("23:59"),
            description: None,
        };
        assert_eq!(hours(&words, &whole_day), "24 hours");
    }
}
