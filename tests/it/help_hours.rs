//! Help contacts with hours in site.yaml: the full table every page carries for readers
//! without JavaScript, the data the browser judges "now" by, and each mistake with its line.

use crate::common::{Fixture, SITE_YAML};

const HOURS: &str = r#"  - label: Front door
    phone: 01632 960 123
    hours:
      - byday: MO,TU,WE,TH
        opens_at: "08:30"
        closes_at: "17:00"
      - byday: FR
        opens_at: "08:30"
        closes_at: "16:30"
  - label: Out of hours
    phone: 01632 960 999
    out_of_hours: true
"#;

fn with_contacts(contacts: &str, extra: &str) -> Fixture {
    let site = Fixture::new();
    site.write("site.yaml", &format!("{SITE_YAML}{contacts}{extra}"));
    site
}

#[test]
fn every_page_carries_the_full_table_and_the_data_for_now() {
    let site = with_contacts(HOURS, "");
    site.write(
        "directory_data/bank-holidays.json",
        r#"{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Christmas Day", "date": "2026-12-25"}]}, "scotland": {"events": []}}"#,
    )
    .write("directory_data/categories.yaml", crate::common::directory::CATEGORIES);
    site.build().assert_ok();
    let html = site.read_output("index.html");
    for expected in [
        r#"data-time-zone="Europe/London" data-bank-holidays="2026-12-25""#,
        r#"<li data-hours="MO,TU,WE,TH 08:30-17:00|FR 08:30-16:30">"#,
        "Monday to Thursday: 8:30am to 5pm<br>Friday: 8:30am to 4:30pm<br>Closed on bank holidays",
        "<li data-out-of-hours>",
        "When Front door is closed: evenings, weekends and bank holidays",
        "/assets/hours.",
    ] {
        assert!(html.contains(expected), "{expected} in the help box");
    }
}

#[test]
fn a_site_without_hours_loads_no_hours_script() {
    let site = Fixture::new();
    site.build().assert_ok();
    assert!(!site.read_output("index.html").contains("hours."));
}

#[test]
fn hours_and_out_of_hours_together_are_a_mistake() {
    let contacts = HOURS.replace("    out_of_hours: true\n", "    out_of_hours: true\n    hours:\n      - byday: SA\n        opens_at: \"09:00\"\n        closes_at: \"12:00\"\n");
    let site = with_contacts(&contacts, "");
    site.build().assert_failed().assert_stderr_has(&[
        "site.yaml:19:5",
        "`Out of hours` has both hours and out_of_hours",
        "give it no hours",
    ]);
}

#[test]
fn closing_before_opening_names_the_contact_and_line() {
    let contacts = HOURS.replace("closes_at: \"16:30\"", "closes_at: \"07:30\"");
    with_contacts(&contacts, "")
        .build()
        .assert_failed()
        .assert_stderr_has(&[
            "site.yaml:16:",
            "`Front door` closes (07:30) before it opens (08:30)",
        ]);
}

#[test]
fn a_day_or_time_that_is_not_one_names_its_line() {
    with_contacts(&HOURS.replace("MO,TU,WE,TH", "MON,TU"), "")
        .build()
        .assert_failed()
        .assert_stderr_has(&["site.yaml:11:16", "`MON` is not a day", "MO, TU, WE"]);
    with_contacts(
        &HOURS.replace(
            "\"08:30\"\n        closes_at: \"17:00\"",
            "\"8.30am\"\n        closes_at: \"17:00\"",
        ),
        "",
    )
    .build()
    .assert_failed()
    .assert_stderr_has(&["site.yaml:12:19", "`8.30am` is not a time", "HH:MM"]);
}

#[test]
fn out_of_hours_without_a_daytime_number_says_what_is_missing() {
    let site = with_contacts(
        "  - label: Out of hours\n    phone: 01632 960 999\n    out_of_hours: true\n",
        "",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "`Out of hours` is out_of_hours, but no help contact has hours",
        "front door",
    ]);
}

#[test]
fn a_time_zone_signpost_does_not_know_lists_those_it_does() {
    with_contacts(HOURS, "time_zone: London\n")
        .build()
        .assert_failed()
        .assert_stderr_has(&[
            "site.yaml:",
            "`London` is not a time zone signpost knows",
            "Europe/London",
        ]);
}

#[test]
fn a_bank_holidays_file_without_the_region_asked_for_is_named() {
    let site = with_contacts(HOURS, "bank_holidays: scotland\n");
    site.write(
        "directory_data/categories.yaml",
        crate::common::directory::CATEGORIES,
    )
    .write(
        "directory_data/bank-holidays.json",
        r#"{"england-and-wales": {"events": []}}"#,
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/bank-holidays.json",
        "has no `scotland` part",
        "it has: england-and-wales",
        "https://www.gov.uk/bank-holidays.json",
    ]);
    site.write(
        "directory_data/bank-holidays.json",
        "{\n  \"scotland\": [\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/bank-holidays.json:3:",
        "this is not a bank holidays file",
    ]);
}
