//! The "Worried about a child?" box on every page: each help contact, and when it answers;
//! on young people's pages, their own box instead.
//! Without JavaScript a reader sees every number with its hours; the browser's `hours.js`
//! then shows the front door during its hours and the out-of-hours number at other times,
//! by the partnership's clock and bank holidays.

use serde::Serialize;

use super::{tel_link, wording};
use crate::config::{HelpContact, SiteConfig, YoungPeopleHelp};
use crate::date::Date;
use crate::hours::{Schedule, compact};
use crate::strings::Words;

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub label: String,
    pub phone: String,
    /// The number as a tap-to-call `tel:` link.
    pub tel: String,
    pub description: String,
    /// When it answers, a line per schedule ("Monday to Friday: 8:30am to 5pm"), then
    /// whether bank holidays are included; empty for a number that answers at any time.
    pub hours: Vec<String>,
    /// The schedules in the compact form `hours.js` reads (`MO,TU 08:30-17:00|...`).
    pub hours_data: String,
    pub open_on_bank_holidays: bool,
    /// It answers when the contacts with hours are closed.
    pub out_of_hours: bool,
}

/// The box young people's pages show: who they can talk to, Childline first.
#[derive(Debug, Serialize)]
pub struct YoungPeopleHelpView {
    pub heading: String,
    pub text: String,
    pub contacts: Vec<TalkView>,
}

#[derive(Debug, Serialize)]
pub struct TalkView {
    pub label: String,
    pub phone: String,
    pub tel: String,
    pub description: String,
}

/// The box as site.yaml sets it, the theme's words in `words` where it does not: Childline,
/// then 999.
pub fn young_people(help: &YoungPeopleHelp, words: &Words) -> YoungPeopleHelpView {
    let theme = |key: &str| words.text(key).to_string();
    let talk = |label: String, phone: &str, description: String| TalkView {
        tel: tel_link(phone),
        phone: phone.to_string(),
        label,
        description,
    };
    let contacts = match &help.contacts {
        Some(contacts) => contacts
            .iter()
            .map(|c| talk(c.label.clone(), &c.phone, c.description.clone()))
            .collect(),
        None => vec![
            talk(
                theme("young_people_help.childline"),
                "0800 1111",
                theme("young_people_help.childline_description"),
            ),
            talk(
                theme("young_people_help.danger"),
                "999",
                theme("young_people_help.danger_description"),
            ),
        ],
    };
    YoungPeopleHelpView {
        heading: help
            .heading
            .clone()
            .unwrap_or_else(|| theme("young_people_help.heading")),
        text: help
            .text
            .clone()
            .unwrap_or_else(|| theme("young_people_help.text")),
        contacts,
    }
}

/// What the box needs besides its contacts, to say who is answering now.
#[derive(Debug, Serialize)]
pub struct HelpTimes {
    /// True when any contact has hours: the page then loads `hours.js`.
    pub has_hours: bool,
    /// The partnership's time zone, e.g. Europe/London.
    pub time_zone: String,
    /// Bank holidays as space-separated YYYY-MM-DD dates.
    pub bank_holidays: String,
}

pub fn contacts(config: &SiteConfig, words: &Words) -> Vec<ContactView> {
    let with_hours: Vec<&str> = config
        .help_contacts
        .iter()
        .filter(|c| !c.hours.is_empty())
        .map(|c| c.label.as_str())
        .collect();
    config
        .help_contacts
        .iter()
        .map(|contact| ContactView::new(contact, &with_hours, words))
        .collect()
}

pub fn times(config: &SiteConfig, bank_holidays: &[Date]) -> HelpTimes {
    HelpTimes {
        has_hours: config.help_contacts.iter().any(|c| !c.hours.is_empty()),
        time_zone: config.time_zone.name().to_string(),
        bank_holidays: bank_holidays
            .iter()
            .map(Date::to_string)
            .collect::<Vec<_>>()
            .join(" "),
    }
}

impl ContactView {
    fn new(contact: &HelpContact, with_hours: &[&str], words: &Words) -> ContactView {
        let schedules: Vec<&Schedule> = contact.hours.iter().collect();
        ContactView {
            label: contact.label.clone(),
            phone: contact.phone.clone(),
            tel: tel_link(&contact.phone),
            description: contact.description.clone(),
            hours: hours_lines(contact, with_hours, words),
            hours_data: compact(&schedules),
            open_on_bank_holidays: contact.open_on_bank_holidays,
            out_of_hours: contact.out_of_hours,
        }
    }
}

fn hours_lines(contact: &HelpContact, with_hours: &[&str], words: &Words) -> Vec<String> {
    if contact.out_of_hours {
        let contacts = with_hours.join(words.text("help.contacts_joiner"));
        return vec![words.count(
            "help.out_of_hours",
            with_hours.len() as u64,
            &[("contacts", &contacts)],
        )];
    }
    if contact.hours.is_empty() {
        return Vec::new();
    }
    let mut lines: Vec<String> = contact
        .hours
        .iter()
        .map(|s| {
            words.fill(
                "help.hours_line",
                &[
                    ("days", &wording::days(words, s.byday)),
                    ("hours", &wording::hours(words, s)),
                ],
            )
        })
        .collect();
    lines.push(
        words
            .text(if contact.open_on_bank_holidays {
                "help.open_on_bank_holidays"
            } else {
                "help.closed_on_bank_holidays"
            })
            .to_string(),
    );
    lines
}
