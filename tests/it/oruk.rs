//! The directory published as a static Open Referral UK feed: every endpoint file validated
//! against the UK profile's own openapi description and schemas (tests/oruk-3.0), paging that
//! adds up, stable UUIDs, and `signpost check --oruk`.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use crate::common::directory::{service, site};
use crate::common::oruk;
use crate::common::{ExampleBuild, Fixture};

/// Which schema a feed file answers to, by its path under the output folder.
fn validator_for(path: &str) -> Option<jsonschema::Validator> {
    let rest = path.strip_prefix("api/")?;
    let list = |name: &str| {
        rest == format!("{name}/index.json") || rest.starts_with(&format!("{name}/pages/"))
    };
    Some(match rest {
        "index.json" => oruk::response("/"),
        "services.json" => oruk::response("/services"),
        _ if list("services") => oruk::response("/services"),
        _ if list("service_at_locations") => oruk::response("/service_at_locations"),
        _ if list("taxonomies") => oruk::response("/taxonomies"),
        _ if list("taxonomy_terms") => oruk::response("/taxonomy_terms"),
        _ if list("organizations") => oruk::organizations(),
        _ if rest.starts_with("services/") => oruk::response("/services/{id}"),
        _ if rest.starts_with("taxonomies/") => oruk::response("/taxonomies/{id}"),
        _ if rest.starts_with("taxonomy_terms/") => oruk::response("/taxonomy_terms/{id}"),
        _ => return None,
    })
}

/// Every file of the Open Referral UK feed under `api/` in `output`, relative to it (the
/// figures' open data shares `api/` but is not part of the feed).
fn feed_files(output: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(output.join("api"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(output)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|path| !path.starts_with("api/figures"))
        .collect();
    files.sort();
    files
}

fn read_json(output: &Path, path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(output.join(path)).unwrap()).unwrap()
}

#[test]
fn every_file_of_the_example_feed_validates_against_the_uk_profile() {
    let example = ExampleBuild::new();
    let output = example.path("");
    let files = feed_files(&output);
    let mut checked = HashSet::new();
    for path in &files {
        let validator = validator_for(path).unwrap_or_else(|| panic!("{path} is not a feed file"));
        let errors = oruk::errors(&validator, &read_json(&output, path));
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        checked.insert(path.split('/').nth(1).unwrap().to_string());
    }
    for endpoint in [
        "index.json",
        "services.json",
        "services",
        "service_at_locations",
        "organizations",
        "taxonomies",
        "taxonomy_terms",
    ] {
        assert!(
            checked.contains(endpoint),
            "{endpoint} is published: {checked:?}"
        );
    }
    let root = read_json(&output, "api/index.json");
    assert_eq!(root["version"], "HSDS-UK-3.0");
    assert_eq!(
        root["openapi_url"],
        "https://docs.openreferraluk.org/en/latest/openapi30.json"
    );
}

/// A site with `count` services, each run by one of seven organizations.
fn big_site(count: usize) -> Fixture {
    let site = site();
    for index in 0..count {
        let id = format!("service-{index:03}");
        let text =
            service(&id, "").replace("name: Example Trust", &format!("name: Trust {}", index % 7));
        site.write(&format!("directory_data/services/{id}.yaml"), &text);
    }
    site
}

#[test]
fn a_long_directory_is_published_in_pages_that_add_up() {
    let site = big_site(118);
    site.build().assert_ok();
    let output = site.root().join("public");
    let first = read_json(&output, "api/services/index.json");
    assert_eq!(
        first["total_items"], 120,
        "118 services and the fixture's 2"
    );
    assert_eq!(first["total_pages"], 3);
    assert_eq!(
        (first["page_number"].clone(), first["size"].clone()),
        (1.into(), 50.into())
    );
    assert_eq!(first, read_json(&output, "api/services/pages/1.json"));
    let last = read_json(&output, "api/services/pages/3.json");
    assert_eq!(
        (
            last["size"].clone(),
            last["last_page"].clone(),
            last["first_page"].clone()
        ),
        (20.into(), true.into(), false.into())
    );
    assert!(!output.join("api/services/pages/4.json").exists());
    let mut ids = HashSet::new();
    let list = oruk::response("/services");
    for page in 1..=3 {
        let json = read_json(&output, &format!("api/services/pages/{page}.json"));
        assert!(oruk::errors(&list, &json).is_empty());
        for item in json["contents"].as_array().unwrap() {
            let id = item["id"].as_str().unwrap().to_string();
            assert!(
                output.join(format!("api/services/{id}.json")).is_file(),
                "{id} has its file"
            );
            assert!(ids.insert(id), "listed once");
        }
    }
    assert_eq!(ids.len(), 120);
    let organizations = read_json(&output, "api/organizations/index.json");
    assert_eq!(
        organizations["total_items"], 8,
        "seven trusts and the fixture's Example Trust"
    );
    let places = read_json(&output, "api/service_at_locations/index.json");
    assert_eq!(
        (places["total_items"].clone(), places["total_pages"].clone()),
        (120.into(), 3.into())
    );
    let full = read_json(&output, "api/services.json");
    assert_eq!(
        full["contents"].as_array().unwrap().len(),
        120,
        "the download holds everything"
    );
}

#[test]
fn ids_are_uuids_that_stay_the_same_and_the_listing_keeps_its_own_id() {
    let site = site();
    site.build().assert_ok();
    let output = site.root().join("public");
    let before = std::fs::read_to_string(output.join("api/services/index.json")).unwrap();
    site.build().assert_ok();
    assert_eq!(
        before,
        std::fs::read_to_string(output.join("api/services/index.json")).unwrap()
    );
    let list: Value = serde_json::from_str(&before).unwrap();
    let pantry = list["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Service pantry")
        .unwrap();
    let id = pantry["id"].as_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    let whole = read_json(&output, &format!("api/services/{id}.json"));
    let listing = whole["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["taxonomy_term"]["taxonomy"] == "signpost-listing")
        .unwrap();
    assert_eq!(listing["value"], "pantry");
    let category = whole["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["taxonomy_term"]["taxonomy"] == "signpost-directory")
        .unwrap();
    let term = category["taxonomy_term_id"].as_str().unwrap();
    let published = read_json(&output, &format!("api/taxonomy_terms/{term}.json"));
    assert_eq!(published["name"], "Food banks");
    let taxonomy = read_json(
        &output,
        &format!(
            "api/taxonomies/{}.json",
            published["taxonomy_id"].as_str().unwrap()
        ),
    );
    assert_eq!(taxonomy["name"], "signpost-directory");
}

#[test]
fn check_oruk_passes_a_good_feed_and_names_the_file_behind_a_bad_one() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let good = crate::common::signpost_in(repo, &["check", "--oruk"]);
    assert!(good.success(), "{}{}", good.stdout, good.stderr);
    assert!(
        good.stdout.contains("The Open Referral UK feed:")
            && good.stdout.contains("valid against the UK profile"),
        "{}",
        good.stdout
    );
    let site = site();
    site.write(
        "directory_data/services/pantry.yaml",
        &service("pantry", "").replace(
            "url: https://example.org/pantry",
            "url: https://example.org/a|b",
        ),
    );
    site.build().assert_ok();
    let bad = site.signpost(&["check", "--oruk"]);
    assert!(!bad.success(), "{}", bad.stdout);
    bad.assert_stderr_has(&[
        "\"https://example.org/a|b\" is not a \"uri\" at /url, in 6 of the feed's files",
        "directory_data/services/pantry.yaml:9:1",
        "this service's `url` is published in its feed",
    ]);
    assert_eq!(
        bad.error_count(),
        1,
        "one problem, reported once: {}",
        bad.stderr
    );
    let none = crate::common::Fixture::new().signpost(&["check", "--oruk"]);
    assert!(
        none.success()
            && none
                .stdout
                .contains("no services, so no Open Referral UK feed to check"),
        "{}",
        none.stdout
    );
    let plain = site.signpost(&["check"]);
    assert!(
        plain.success(),
        "without --oruk the feed is not checked: {}",
        plain.stderr
    );
}

#[test]
fn the_feed_answers_at_the_standard_paths_through_the_host_rules() {
    let site = site();
    site.build().assert_ok();
    let output = site.root().join("public");
    let host = crate::common::server::TestServer::start(move |request| {
        let path = signpost::directory::oruk::hosting::resolve(request.path, request.query)
            .unwrap_or_else(|| request.path.to_string());
        match std::fs::read_to_string(output.join(path.trim_start_matches('/'))) {
            Ok(text) => crate::common::server::Reply::Json(text),
            Err(_) => crate::common::server::Reply::Status(404),
        }
    });
    let get = |path: &str| -> Value {
        let mut response = ureq::get(&format!("{}{path}", host.url)).call().unwrap();
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap()
    };
    assert_eq!(get("/api")["version"], "HSDS-UK-3.0");
    let services = get("/api/services?page=1&per_page=50");
    assert_eq!(services["total_items"], 2);
    let id = services["contents"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(get(&format!("/api/services/{id}"))["id"], id.as_str());
    assert!(get("/api/taxonomy_terms")["total_items"].as_u64().unwrap() > 2);
}
