//! The directory as Open Referral UK: the export validated against the standard's schema, the
//! import of the standard's own examples, and a round trip.

use std::path::Path;

use crate::common::Fixture;
use crate::common::directory::{CATEGORIES, site};
use serde_json::Value;

fn oruk_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/oruk-3.0/service.schema.json"),
    )
    .expect("../shared/oruk-3.0/service.schema.json");
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap())
        .expect("the ORUK schema compiles")
}

#[test]
fn the_directory_is_published_as_oruk_json_that_validates() {
    let site = site();
    site.build().assert_ok();
    let list: Value = serde_json::from_str(&site.read_output("api/services.json")).unwrap();
    for key in [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ] {
        assert!(list.get(key).is_some(), "{key}");
    }
    assert_eq!(list["total_items"], 2);
    let schema = oruk_schema();
    for service in list["contents"].as_array().unwrap() {
        let errors: Vec<String> = schema
            .iter_errors(service)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", service["id"]);
    }
    let one: Value = serde_json::from_str(&site.read_output("api/services/pantry.json")).unwrap();
    assert_eq!(
        one,
        list["contents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == "pantry")
            .unwrap()
            .clone()
    );
    assert!(schema.is_valid(&one));
}

#[test]
fn the_example_directory_exports_valid_oruk() {
    let example = crate::common::ExampleBuild::new();
    let list: Value = serde_json::from_str(&example.read("api/services.json")).unwrap();
    assert!(
        list["total_items"].as_u64().unwrap() >= 40,
        "about 40 services"
    );
    let schema = oruk_schema();
    for service in list["contents"].as_array().unwrap() {
        assert!(
            schema.is_valid(service),
            "{} does not validate",
            service["id"]
        );
    }
}

fn import(site: &Fixture, file: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["import", "oruk", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    site.signpost(&args)
}

fn shared(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/oruk-3.0")
        .join(name)
}

#[test]
fn importing_the_standards_examples_reports_each_bad_field() {
    let site = site();
    let run = import(
        &site,
        &shared("service_full.json"),
        &["--category", "family-support"],
    );
    assert!(run.success(), "{}", run.stderr());
    let out = run.stdout();
    let file = "directory_data/services/ac148810-d857-441c-9679-408f346de14b.yaml";
    assert!(
        out.contains(&format!("added      {file}  Community Counselling")),
        "{out}"
    );
    assert!(
        out.contains("location.latitude: `100` is not in the UK, so it was left out"),
        "{out}"
    );
    assert!(
        out.contains("location.longitude: `101` is not in the UK, so it was left out"),
        "{out}"
    );
    assert!(out.contains("addresses.postal_code: `ABC 1234` is not a UK postcode; the address, so it was left out"), "{out}");
    let written = std::fs::read_to_string(site.root().join(file)).unwrap();
    assert!(written.contains("name: Community Counselling") && !written.contains("latitude"));
    let build = site.build();
    assert!(
        build.success(),
        "the imported directory builds: {}",
        build.stderr()
    );
    assert!(
        site.output("directory/ac148810-d857-441c-9679-408f346de14b/index.html")
            .is_file()
    );

    let list = import(
        &site,
        &shared("service_list.json"),
        &["--category", "family-support"],
    );
    assert!(list.success());
    assert!(
        list.stdout().contains("skipped"),
        "the list's version differs and is not written: {}",
        list.stdout()
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join(file)).unwrap(),
        written,
        "the file was not overwritten"
    );
    let forced = import(
        &site,
        &shared("service_list.json"),
        &["--category", "family-support", "--force"],
    );
    assert!(
        forced.stdout().contains(&format!("changed    {file}")),
        "{}",
        forced.stdout()
    );
}

#[test]
fn importing_something_that_is_not_a_feed_says_so() {
    let site = site();
    for (name, expected) in [
        ("taxonomy_term.json", "neither an ORUK /services list"),
        (
            "service_at_location_full.json",
            "neither an ORUK /services list",
        ),
    ] {
        let run = import(&site, &shared(name), &[]);
        assert!(!run.success());
        assert!(run.stderr().contains(expected), "{}", run.stderr());
    }
    site.write("broken.json", "{\n  \"contents\": [\n    {,\n  ]\n}\n");
    let run = import(&site, &site.root().join("broken.json"), &[]);
    assert!(!run.success());
    assert!(
        run.stderr().contains("broken.json:3:") && run.stderr().contains("this is not JSON"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_import_adds_changes_and_leaves_unchanged() {
    let site = site();
    site.build().assert_ok();
    let feed = site.read_output("api/services.json");
    let other = Fixture::new();
    other.write("directory_data/categories.yaml", CATEGORIES);
    other.write("feed.json", &feed);
    let first = import(&other, &other.root().join("feed.json"), &[]).stdout();
    assert!(
        first.contains("Added 2, changed 0, unchanged 0, skipped 0"),
        "{first}"
    );
    let again = import(&other, &other.root().join("feed.json"), &[]).stdout();
    assert!(
        again.contains("Added 0, changed 0, unchanged 2, skipped 0"),
        "{again}"
    );
}

#[test]
fn a_round_trip_gives_back_the_same_services() {
    let site = site();
    site.build().assert_ok();
    let other = Fixture::new();
    other.write("directory_data/categories.yaml", CATEGORIES);
    other.write("feed.json", &site.read_output("api/services.json"));
    assert!(import(&other, &other.root().join("feed.json"), &[]).success());
    for id in ["pantry", "hub"] {
        let read = |root: &Path| -> Value {
            let text =
                std::fs::read_to_string(root.join(format!("directory_data/services/{id}.yaml")))
                    .unwrap();
            serde_yaml::from_str(&text).unwrap()
        };
        assert_eq!(
            read(other.root()),
            read(site.root()),
            "{id} came back the same"
        );
    }
}

#[test]
fn text_from_a_feed_cannot_inject_markup_or_script() {
    let site = site();
    let feed = serde_json::json!({
        "id": "evil", "name": "<script>alert(1)</script>Evil", "status": "active",
        "description": "<img src=x onerror=alert(2)> & </script><script>alert(3)</script>",
        "assured_date": crate::common::TODAY,
    });
    site.write("feed.json", &feed.to_string());
    assert!(
        import(
            &site,
            &site.root().join("feed.json"),
            &["--category", "food"]
        )
        .success()
    );
    site.build().assert_ok();
    let html = site.read_output("directory/evil/index.html");
    assert!(!html.contains("<script>alert"), "no script from the feed");
    assert!(!html.contains("<img src=x"), "no markup from the feed");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;Evil"));
    let json_ld = html
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .unwrap();
    assert!(
        json_ld
            .split("</script>")
            .next()
            .unwrap()
            .contains("\\u003c/script\\u003e"),
        "JSON-LD cannot close its own block"
    );
    assert!(
        !site
            .read_output("directory/index.html")
            .contains("<script>alert")
    );
}
