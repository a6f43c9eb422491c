//! The "Worried about a child?" box on every page: each help contact, and when it answers;
//! on young people's pages, their own box instead.
//! Without JavaScript a reader sees every number with its hours; the browser's `hours.js`
//! then shows the front door during its hours and the out-of-hours number at other times,
//! by the partnership's clock and bank holidays.

use serde::Serialize;

use super::tel_link;
use crate::config::{HelpContact, SiteConfig, YoungPeopleHelp};
use crate::date::Date;
use crate::hours::{Schedule, compact};

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

pub fn young_people(help: &YoungPeopleHelp) -> YoungPeopleHelpView {
    YoungPeopleHelpView {
        heading: help.heading.clone(),
        text: help.text.clone(),
        contacts: help
            .contacts
            .iter()
            .map(|contact| TalkView {
                label: contact.label.clone(),
                phone: contact.phone.clone(),
                tel: tel_link(&contact.phone),
                description: contact.description.clone(),
            })
            .collect(),
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

pub fn contacts(config: &SiteConfig) -> Vec<ContactView> {
    let with_hours: Vec<&str> = config
        .help_contacts
        .iter()
        .filter(|c| !c.hours.is_empty())
        .map(|c| c.label.as_str())
        .collect();
    config
        .help_contacts
        .iter()
        .map(|contact| ContactView::new(contact, &with_hours))
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
    fn new(contact: &HelpContact, with_hours: &[&str]) -> ContactView {
        let schedules: Vec<&Schedule> = contact.hours.iter().collect();
        ContactView {
            label: contact.label.clone(),
            phone: contact.phone.clone(),
            tel: tel_link(&contact.phone),
            description: contact.description.clone(),
            hours: hours_lines(contact, with_hours),
            hours_data: compact(&schedules),
            open_on_bank_holidays: contact.open_on_bank_holidays,
            out_of_hours: contact.out_of_hours,
        }
    }
}

fn hours_lines(contact: &HelpContact, with_hours: &[&str]) -> Vec<String> {
    if contact.out_of_hours {
        return vec![format!(
            "When {} {} closed: evenings, weekends and bank holidays",
            with_hours.join(" and "),
            if with_hours.len() == 1 { "is" } else { "are" }
        )];
    }
    if contact.hours.is_empty() {
        return Vec::new();
    }
    let mut lines: Vec<String> = contact
        .hours
        .iter()
        .map(|s| format!("{}: {}", s.byday.label(), s.hours_label()))
        .collect();
    lines.push(if contact.open_on_bank_holidays {
        "Open on bank holidays".into()
    } else {
        "Closed on bank holidays".into()
    });
    lines
}
