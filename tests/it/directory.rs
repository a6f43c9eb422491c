//! The services directory: its pages and every validation error.

use crate::common::directory::{service, site};
use serde_json::Value;

#[test]
fn the_directory_lists_published_services_with_their_filter_data() {
    let site = site();
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    let html = site.read_output("directory/index.html");
    assert!(
        html.contains(r#"href="/directory/pantry/""#) && html.contains(r#"href="/directory/hub/""#)
    );
    assert!(
        !html.contains("/directory/closed/"),
        "defunct services are not published"
    );
    assert!(!site.output("directory/closed/index.html").exists());
    assert!(html.contains(r#"data-id="pantry""#));
    let filters: Value = serde_json::from_str(&site.read_output("directory/filters.json")).unwrap();
    let pantry = filters
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "pantry")
        .unwrap();
    assert_eq!(pantry["categories"], serde_json::json!(["food"]));
    assert_eq!(
        pantry["access"],
        serde_json::json!(["self-referral", "drop-in"])
    );
    assert_eq!(pantry["days"], serde_json::json!(["MO", "TU"]));
    assert_eq!(
        (pantry["min_age"].as_u64(), pantry["max_age"].as_u64()),
        (Some(0), Some(11))
    );
    assert!(html.contains("2 services."), "the count without JavaScript");
    assert!(
        html.contains(r#"<form class="filters" id="directory-filters""#)
            && html.contains("hidden>"),
        "filters appear with JavaScript only"
    );
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("/directory/pantry/</loc>")
            && sitemap.contains("/directory/category/food/</loc>")
    );
    assert!(!sitemap.contains("/api/"), "data files are not pages");
    let category = site.read_output("directory/category/food/index.html");
    assert!(category.contains("/directory/pantry/") && !category.contains("/directory/hub/"));
    let postcodes: Value =
        serde_json::from_str(&site.read_output("directory/postcodes.json")).unwrap();
    assert_eq!(postcodes[0]["district"], "EB1");
}

#[test]
fn a_service_page_says_how_to_get_help_and_when_it_was_checked() {
    let site = site();
    site.build().assert_ok();
    let html = site.read_output("directory/pantry/index.html");
    for expected in [
        r#"<a href="tel:01632961210">01632 961 210</a>"#,
        r#"href="mailto:pantry@example.org""#,
        "https://www.openstreetmap.org/?mlat=53.02&amp;mlon=-2.17",
        "Monday to Tuesday: 9am to midday",
        "Ages 0 to 11",
        "Last checked:",
        "Tell us if something here is wrong",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    let data_link = html
        .split(r#"<a href="/api/services/"#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page links to its open data");
    let listing: Value =
        serde_json::from_str(&site.read_output(&format!("api/services/{data_link}"))).unwrap();
    assert_eq!(
        format!("{}.json", listing["id"].as_str().unwrap()),
        data_link
    );
    assert_eq!(listing["name"], "Service pantry");
    let json_ld = html
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let data: Value = serde_json::from_str(json_ld).expect("JSON-LD parses");
    assert_eq!(data["@type"], "Service");
    assert_eq!(data["name"], "Service pantry");
    assert!(!html.contains("<iframe"), "no embedded map");
}

#[test]
fn signs_pages_link_to_services_that_help() {
    let site = site();
    site.write("content/signs/_index.md", "---\ntitle: Signs\n---\n")
        .write(
            "content/signs/5-11/nutritional.md",
            "---\ntitle: Hungry\nband: 5-11\ncategory: nutritional\nsummary: S.\n---\n",
        )
        .write(
            "content/signs/12-plus/nutritional.md",
            "---\ntitle: Hungry teens\nband: 12-plus\ncategory: nutritional\nsummary: S.\n---\n",
        )
        .write(
            "content/food.md",
            "---\ntitle: Food\ntags: [nutritional]\n---\n",
        );
    site.build().assert_ok();
    assert!(
        site.read_output("signs/5-11/nutritional/index.html")
            .contains(r#"href="/directory/pantry/""#)
    );
    assert!(
        !site
            .read_output("signs/12-plus/nutritional/index.html")
            .contains("/directory/pantry/"),
        "the pantry is for ages 0 to 11"
    );
    assert!(
        site.read_output("food/index.html")
            .contains(r#"href="/directory/pantry/""#),
        "guidance tagged with a category"
    );
    assert!(
        site.read_output("signs/type/nutritional/index.html")
            .contains(r#"href="/directory/pantry/""#)
    );
}

/// Builds, breaks a service file, rebuilds; checks the failure, the message and that the
/// previous output survived. Returns the error output.
fn broken(change: (&str, &str)) -> String {
    let site = site();
    site.build().assert_ok();
    let before = site.read_output("directory/index.html");
    let text = service("pantry", "");
    assert!(text.contains(change.0), "fixture has {}", change.0);
    site.write(
        "directory_data/services/pantry.yaml",
        &text.replace(change.0, change.1),
    );
    let run = site.build();
    run.assert_failed();
    assert_eq!(
        site.read_output("directory/index.html"),
        before,
        "previous output survived"
    );
    run.stderr()
}

#[track_caller]
fn assert_reports(stderr: &str, line: usize, parts: &[&str]) {
    assert!(
        stderr.contains(&format!("directory_data/services/pantry.yaml:{line}:")),
        "line {line}: {stderr}"
    );
    for part in parts {
        assert!(stderr.contains(part), "{part:?} in {stderr}");
    }
}

#[test]
fn a_missing_required_field() {
    let stderr = broken(("name: Service pantry\n", ""));
    assert_reports(
        &stderr,
        1,
        &["the setting `name` is missing", "add a line `name: …`"],
    );
}

#[test]
fn an_unknown_field_suggests_the_right_one() {
    let stderr = broken(("email:", "emial:"));
    assert_reports(
        &stderr,
        10,
        &["unknown setting `emial`", "did you mean `email`?"],
    );
}

#[test]
fn a_phone_number_that_is_not_uk() {
    let stderr = broken(("01632 961 210", "+1 212 555 0100"));
    assert_reports(
        &stderr,
        12,
        &[
            "`+1 212 555 0100` is not a UK phone number",
            "01632 960 123",
        ],
    );
}

#[test]
fn an_email_address_without_a_domain() {
    let stderr = broken(("pantry@example.org", "pantry-at-example"));
    assert_reports(
        &stderr,
        10,
        &[
            "`pantry-at-example` is not an email address",
            "name@example.org.uk",
        ],
    );
}

#[test]
fn a_web_address_that_is_not_http() {
    let stderr = broken((
        "url: https://example.org/pantry",
        "url: ftp://example.org/pantry",
    ));
    assert_reports(
        &stderr,
        9,
        &[
            "`ftp://example.org/pantry` is not a web address",
            "https://",
        ],
    );
}

#[test]
fn a_postcode_that_is_not_uk() {
    let stderr = broken(("EB1 2AB", "90210"));
    assert_reports(&stderr, 25, &["`90210` is not a UK postcode", "EB3 4QT"]);
}

#[test]
fn a_place_outside_the_uk() {
    let stderr = broken(("latitude: 53.02", "latitude: 100"));
    assert_reports(
        &stderr,
        27,
        &["latitude 100 is not in the UK", "49.8 and 60.9"],
    );
    let stderr = broken(("longitude: -2.17", "longitude: 101"));
    assert_reports(&stderr, 28, &["longitude 101 is not in the UK"]);
}

#[test]
fn a_minimum_age_above_the_maximum() {
    let stderr = broken(("minimum_age: 0", "minimum_age: 14"));
    assert_reports(
        &stderr,
        14,
        &["the minimum age (14) is more than the maximum age (11)"],
    );
}

#[test]
fn an_unknown_category_lists_the_valid_ones() {
    let stderr = broken(("categories: [food]", "categories: [foodbank]"));
    assert_reports(
        &stderr,
        16,
        &[
            "`foodbank` is not a category in directory_data/categories.yaml",
            "family-support, food",
        ],
    );
}

#[test]
fn a_time_and_a_day_that_are_not() {
    let stderr = broken(("\"12:00\"", "\"noon\""));
    assert_reports(&stderr, 32, &["`noon` is not a time", "HH:MM"]);
    let stderr = broken(("MO,TU", "MON,TU"));
    assert_reports(&stderr, 30, &["`MON` is not a day", "MO, TU, WE"]);
    let stderr = broken(("\"09:00\"", "\"13:00\""));
    assert_reports(&stderr, 32, &["it closes (12:00) before it opens (13:00)"]);
}

#[test]
fn a_status_that_is_not_oruk() {
    let stderr = broken(("status: active", "status: open"));
    assert_reports(
        &stderr,
        8,
        &["unknown variant `open`", "`temporarily closed`"],
    );
}

#[test]
fn two_services_with_one_id_name_both_files() {
    let site = site();
    site.write(
        "directory_data/services/pantry-copy.yaml",
        &service("pantry", ""),
    );
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "both have the id `pantry`",
        "directory_data/services/pantry-copy.yaml",
        "directory_data/services/pantry.yaml",
    ]);
}

#[test]
fn stale_listings_are_one_warning_naming_each() {
    let site = site();
    let old = |text: String| {
        text.replace(
            &format!("assured_date: {}", crate::common::TODAY),
            "assured_date: 2020-05-01",
        )
    };
    site.write(
        "directory_data/services/pantry.yaml",
        &old(service("pantry", "")),
    )
    .write(
        "directory_data/services/hub.yaml",
        &old(service("hub", "").replace("categories: [food]", "categories: [family-support]")),
    );
    let run = site.build();
    run.assert_ok().assert_stderr_has(&[
        "warning: 2 listing(s) have not been checked in the last 12 months",
        "directory_data/services/hub.yaml (last checked 1 May 2020)",
        "directory_data/services/pantry.yaml (last checked 1 May 2020)",
    ]);
    let check = site.signpost(&["check", "--format", "json"]);
    let report: Value = serde_json::from_str(&check.stdout()).unwrap();
    assert_eq!(report["warnings"], 1);
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("have not been checked")
    );
}

#[test]
fn services_without_a_directory_page_are_an_error() {
    let site = site();
    site.remove("content/directory/_index.md");
    site.build()
        .assert_failed()
        .assert_stderr_has(&["there are services but no page to show the directory on"]);
}

#[test]
fn each_filter_appears_only_when_some_service_has_what_it_asks_about() {
    let site = site();
    site.build().assert_ok();
    let plain = site.read_output("directory/index.html");
    for absent in ["filter-language", "Accessibility</legend>", "filter-send"] {
        assert!(!plain.contains(absent), "{absent} offers nothing here");
    }
    site.write(
        "directory_data/services/hub.yaml",
        &service(
            "hub",
            "send_local_offer:\n  needs: [sensory-and-physical]\n",
        )
        .replace("categories: [food]", "categories: [family-support]")
        .replace("languages: [English]", "languages: [English, Polish]")
        .replace(
            "      longitude: -2.17\n",
            "      longitude: -2.17\n      accessibility:\n        - feature: hearing-loop\n",
        ),
    );
    site.build().assert_ok();
    let html = site.read_output("directory/index.html");
    for present in [
        r#"<option value="Polish">Polish</option>"#,
        r#"<input id="filter-access-hearing-loop" name="accessibility" value="hearing-loop" type="checkbox"><label for="filter-access-hearing-loop">hearing loop</label>"#,
        r#"<option value="sensory-and-physical">Sensory and physical needs</option>"#,
    ] {
        assert!(html.contains(present), "{present}");
    }
    assert!(
        !html.contains("filter-access-step-free"),
        "only the features some place has"
    );
    let page = site.read_output("directory/hub/index.html");
    assert!(
        page.contains("Part of the SEND Local Offer") && page.contains("<li>Hearing loop</li>")
    );
}

#[test]
fn an_accessibility_entry_or_local_offer_with_nothing_in_it_is_named() {
    let site = site();
    site.write(
        "directory_data/services/pantry.yaml",
        &service("pantry", "send_local_offer:\n  needs: []\n").replace(
            "      longitude: -2.17\n",
            "      longitude: -2.17\n      accessibility:\n        - description: \"\"\n",
        ),
    );
    site.build().assert_failed().assert_stderr_has(&[
        "an accessibility entry at Hall has neither a feature nor a description",
        "step-free, accessible-toilet",
        "send_local_offer has no needs and no answers",
    ]);
    site.write(
        "directory_data/services/pantry.yaml",
        &service("pantry", "").replace(
            "      longitude: -2.17\n",
            "      longitude: -2.17\n      accessibility:\n        - feature: lift\n",
        ),
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/services/pantry.yaml:",
        "unknown variant `lift`",
        "`step-free`",
    ]);
}

#[test]
fn a_long_list_of_services_is_shown_a_page_at_a_time() {
    let site = site();
    for index in 0..28 {
        site.write(
            &format!("directory_data/services/s{index:02}.yaml"),
            &service(&format!("s{index:02}"), ""),
        );
    }
    site.build().assert_ok();
    let first = site.read_output("directory/index.html");
    assert!(
        first.contains("30 services: 1 to 12 on this page."),
        "the count"
    );
    assert_eq!(first.matches(r#"<li class="service-card""#).count(), 12);
    assert!(first.contains(r#"<a href="/directory/page/2/" rel="next">Next<span class="visually-hidden"> page</span></a>"#));
    let last = site.read_output("directory/page/3/index.html");
    assert!(
        last.contains("<title>Find local support (page 3 of 3)"),
        "a title of its own"
    );
    assert!(last.contains("30 services: 25 to 30 on this page."));
    assert!(last.contains(r#"<a href="/directory/page/3/" aria-current="page">"#));
    assert!(last.contains(r#"rel="prev""#) && !last.contains(r#"rel="next""#));
    assert!(
        last.contains(r#"id="directory-filters""#),
        "the filters search every page"
    );
    let food = site.read_output("directory/category/food/page/3/index.html");
    assert!(
        food.contains("29 services: 25 to 29 on this page."),
        "the food category pages too"
    );
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("/directory/page/2/</loc>")
            && sitemap.contains("/directory/category/food/page/2/</loc>")
    );
    assert!(!site.output("directory/page/4/index.html").exists());
}
