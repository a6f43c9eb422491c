//! `signpost import oruk` from a file and from a paged feed served in this process on
//! 127.0.0.1 (pages, details, failures part-way, timeouts, size limits), its dry run, the
//! services that leave a feed, files edited here, writes that fail, and the taxonomy map.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::directory::{CATEGORIES, site};
use crate::common::server::{Reply, Request, TestServer};
use crate::common::{Fixture, Run};

fn shared(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/oruk-3.0")
        .join(name)
}

/// A site with the fixture's two categories and no services yet.
fn empty_site() -> Fixture {
    let site = Fixture::new();
    site.write("directory_data/categories.yaml", CATEGORIES)
        .write(
            "content/directory/_index.md",
            "---\ntitle: Find local support\n---\nServices near you.\n",
        );
    site
}

/// A whole ORUK service, filed under "Food banks" by its term's name.
fn feed_service(n: usize) -> Value {
    json!({
        "id": format!("svc-{n:04}"),
        "name": format!("Feed service {n}"),
        "description": "Food for families.",
        "status": "active",
        "url": format!("https://example.org/feed/{n}"),
        "assured_date": "2026-10-01",
        "organization": {"id": "org", "name": "Feed Trust", "description": "Feed Trust"},
        "phones": [{"id": "p", "number": "01632 960 210"}],
        "schedules": [{"id": "s", "freq": "WEEKLY", "byday": "MO,TU", "opens_at": "09:00:00", "closes_at": "12:00:00"}],
        "attributes": [{"id": "a", "taxonomy_term": {"id": "t1103", "name": "Food banks", "taxonomy": "esdServiceTypes", "term": "1103"}}],
    })
}

/// Its one-to-one fields, as a /services page lists it.
fn list_item(service: &Value) -> Value {
    json!({"id": service["id"], "name": service["name"], "status": service["status"]})
}

fn page(
    services: &[Value],
    page: usize,
    per_page: usize,
    items: impl Fn(&Value) -> Value,
) -> String {
    let pages = services.len().div_ceil(per_page).max(1);
    let contents: Vec<Value> = services
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(items)
        .collect();
    json!({
        "total_items": services.len(), "total_pages": pages, "page_number": page, "size": contents.len(),
        "first_page": page == 1, "last_page": page == pages, "empty": contents.is_empty(), "contents": contents,
    })
    .to_string()
}

fn page_number(query: Option<&str>) -> usize {
    query
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("page=")))
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
}

/// A feed of `services` in pages of `per_page` one-to-one items, each service whole at
/// /services/{id}; `trouble` may answer a request instead.
fn feed(
    services: Vec<Value>,
    per_page: usize,
    trouble: impl Fn(&Request) -> Option<Reply> + Send + Sync + 'static,
) -> TestServer {
    let services = Arc::new(services);
    TestServer::start(move |request| {
        if let Some(reply) = trouble(request) {
            return reply;
        }
        if request.path == "/services" {
            return Reply::Json(page(
                &services,
                page_number(request.query),
                per_page,
                list_item,
            ));
        }
        let id = request.path.trim_start_matches("/services/");
        match services.iter().find(|s| s["id"] == id) {
            Some(service) => Reply::Json(service.to_string()),
            None => Reply::Status(404),
        }
    })
}

fn import(site: &Fixture, source: &str, extra: &[&str]) -> Run {
    let mut args = vec!["import", "oruk", source, "--retries", "1"];
    args.extend_from_slice(extra);
    site.signpost(&args)
}

fn service_files(site: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root().join("directory_data/services"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_paged_feed_is_read_page_by_page_with_each_services_details() {
    let site = empty_site();
    let server = feed((1..=7).map(feed_service).collect(), 3, |_| None);
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(run.success(), "{}{}", run.stdout, run.stderr);
    for line in [
        "Read page 1 of 3 (3 services)",
        "Read page 3 of 3 (7 services)",
        "Read the details of 7 of 7 services",
    ] {
        assert!(run.stderr.contains(line), "progress: {}", run.stderr);
    }
    assert!(
        run.stdout.contains("Added 7, changed 0, unchanged 0"),
        "{}",
        run.stdout
    );
    assert_eq!(service_files(&site).len(), 7);
    let written =
        std::fs::read_to_string(site.root().join("directory_data/services/svc-0003.yaml")).unwrap();
    assert!(written.starts_with(&format!(
        "# Imported by `signpost import` from {}/services\n",
        server.url
    )));
    assert!(
        written.contains("categories:\n- food") && written.contains("opens_at: 09:00"),
        "{written}"
    );
    let requests = server.requests();
    assert!(
        requests.contains(&"/services?page=2".to_string())
            && requests.contains(&"/services/svc-0007".to_string()),
        "{requests:?}"
    );
    site.build().assert_ok();
    let again = import(&site, &format!("{}/services", server.url), &[]);
    assert!(
        again.stdout.contains("Added 0, changed 0, unchanged 7"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_page_that_fails_half_way_writes_nothing_and_says_which() {
    let site = empty_site();
    site.write(
        "directory_data/services/mine.yaml",
        &crate::common::directory::service("mine", ""),
    );
    let before = service_files(&site);
    let server = feed((1..=9).map(feed_service).collect(), 3, |request| {
        (request.query == Some("page=2")).then_some(Reply::Status(500))
    });
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(!run.success());
    run.assert_stderr_has(&[
        "could not read page 2 of 3",
        "/services?page=2",
        "the server answered 500 Internal Server Error (tried 2 times)",
        "nothing was imported and no file was changed",
    ]);
    assert_eq!(service_files(&site), before, "nothing was written");
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| *r == "/services?page=2")
            .count(),
        2,
        "retried once"
    );
}

#[test]
fn a_failure_that_passes_is_retried() {
    let site = empty_site();
    let server = feed((1..=4).map(feed_service).collect(), 2, |request| {
        (request.query == Some("page=2") && request.count == 1).then_some(Reply::Status(503))
    });
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(run.success(), "{}", run.stderr);
    assert!(run.stdout.contains("Added 4"), "{}", run.stdout);
}

#[test]
fn a_feed_too_slow_or_too_large_is_refused_with_the_limit_named() {
    let site = empty_site();
    let slow = feed(vec![feed_service(1)], 5, |request| {
        (request.path == "/services").then(|| Reply::Slow(Duration::from_secs(3), "{}".into()))
    });
    let run = site.signpost(&[
        "import",
        "oruk",
        &format!("{}/services", slow.url),
        "--timeout",
        "1",
        "--retries",
        "0",
    ]);
    assert!(!run.success());
    run.assert_stderr_has(&["no complete answer within 1 seconds (--timeout)"]);
    let big = "x".repeat(1_200_000);
    let large = feed(vec![feed_service(1)], 5, move |request| {
        (request.path == "/services")
            .then(|| Reply::Json(json!({"contents": [], "padding": big}).to_string()))
    });
    let run = site.signpost(&[
        "import",
        "oruk",
        &format!("{}/services", large.url),
        "--max-size",
        "1",
    ]);
    assert!(!run.success());
    run.assert_stderr_has(&["the answer is larger than 1 MB (--max-size)"]);
    assert!(service_files(&site).is_empty());
}

#[test]
fn a_server_that_ignores_the_page_asked_for_is_not_read_twice() {
    let site = empty_site();
    let services: Vec<Value> = (1..=4).map(feed_service).collect();
    let copy = services.clone();
    let server = TestServer::start(move |_| Reply::Json(page(&copy, 1, 2, |s| s.clone())));
    let run = import(&site, &format!("{}/api/services", server.url), &[]);
    assert!(!run.success());
    run.assert_stderr_has(&["asked for page 2, it answered with page 1", "import that"]);
}

#[test]
fn the_feeds_root_leads_to_its_services() {
    let site = empty_site();
    let services: Vec<Value> = (1..=2).map(feed_service).collect();
    let server = TestServer::start(move |request| match request.path {
        "/api" => Reply::Json(
            json!({"version": "HSDS-UK-3.0", "openapi_url": "https://example.org/o.json"})
                .to_string(),
        ),
        "/api/services" => Reply::Json(page(&services, page_number(request.query), 10, |s| {
            s.clone()
        })),
        _ => Reply::Status(404),
    });
    let run = import(&site, &format!("{}/api", server.url), &[]);
    assert!(
        run.stdout.contains("Added 2"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

fn serve_one(service: Value) -> TestServer {
    feed(vec![service], 10, |_| None)
}

type Shared = Arc<std::sync::Mutex<Vec<Value>>>;

/// A feed (one page of whole services) whose services a test can change between imports.
fn changing(services: Vec<Value>) -> (Shared, TestServer) {
    let shared: Shared = Arc::new(std::sync::Mutex::new(services));
    let server = {
        let services = shared.clone();
        TestServer::start(move |request| {
            let services = services.lock().unwrap();
            if request.path == "/services" {
                return Reply::Json(page(&services, 1, 100, |s| s.clone()));
            }
            Reply::Status(404)
        })
    };
    (shared, server)
}

#[test]
fn a_dry_run_shows_each_change_and_writes_nothing() {
    let site = empty_site();
    let (services, server) = changing(vec![feed_service(1)]);
    let url = format!("{}/services", server.url);
    assert!(import(&site, &url, &[]).success());
    let file = site.root().join("directory_data/services/svc-0001.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let mut changed = feed_service(1);
    changed["phones"][0]["number"] = json!("01632 960 999");
    changed["url"] = json!("https://example.org/moved");
    services.lock().unwrap()[0] = changed;
    let dry = import(&site, &url, &["--dry-run"]);
    assert!(dry.success(), "{}", dry.stderr);
    for expected in [
        "Dry run: what importing from",
        "changed     directory_data/services/svc-0001.yaml  Feed service 1",
        "phones[0].number: 01632 960 210 -> 01632 960 999",
        "url: https://example.org/feed/1 -> https://example.org/moved",
        "Nothing was written (--dry-run).",
    ] {
        assert!(
            dry.stdout.contains(expected),
            "{expected} in:\n{}",
            dry.stdout
        );
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let real = import(&site, &url, &[]);
    assert!(
        real.stdout
            .contains("changed     directory_data/services/svc-0001.yaml"),
        "an untouched import is updated without --force: {}",
        real.stdout
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("01632 960 999")
    );
}

#[test]
fn a_file_edited_here_is_kept_until_forced() {
    let site = empty_site();
    let server = serve_one(feed_service(1));
    let url = format!("{}/services", server.url);
    assert!(import(&site, &url, &[]).success());
    let file = site.root().join("directory_data/services/svc-0001.yaml");
    let edited = std::fs::read_to_string(&file).unwrap().replace(
        "Food for families.",
        "Food for families, and a warm welcome.",
    );
    std::fs::write(&file, &edited).unwrap();
    let run = import(&site, &url, &[]);
    assert!(run.stdout.contains("skipped     directory_data/services/svc-0001.yaml  Feed service 1 (edited here since it was imported"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("description: Food for families, and a warm welcome. -> Food for families."),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
    let forced = import(&site, &url, &["--force"]);
    assert!(forced.stdout.contains("changed "), "{}", forced.stdout);
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("warm welcome")
    );
    let by_hand = crate::common::directory::service("svc-0001", "");
    std::fs::write(&file, &by_hand).unwrap();
    let run = import(&site, &url, &[]);
    assert!(
        run.stdout.contains(
            "svc-0001.yaml  Feed service 1 (a file written here, not imported; --force replaces it)"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), by_hand);
}

#[test]
fn a_service_that_cannot_be_read_is_rejected_with_why_and_the_rest_imported() {
    let site = empty_site();
    let mut nameless = feed_service(2);
    nameless.as_object_mut().unwrap().remove("name");
    let twin = feed_service(1);
    let server = feed(vec![feed_service(1), nameless, twin], 10, |_| None);
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(run.success(), "{}", run.stderr);
    for expected in [
        "rejected    service 2 of the source: it has no `name`",
        "rejected    service 3 of the source (Feed service 1): it has the same id, `svc-0001`, as service 1",
        "Added 1,",
        "rejected 2;",
    ] {
        assert!(
            run.stdout.contains(expected),
            "{expected} in {}",
            run.stdout
        );
    }
}

#[test]
fn services_that_leave_the_feed_are_reported_and_marked_inactive_only_when_pruned() {
    let site = empty_site();
    let (services, server) = changing((1..=3).map(feed_service).collect());
    let url = format!("{}/services", server.url);
    assert!(import(&site, &url, &[]).success());
    services.lock().unwrap().remove(1);
    let file = site.root().join("directory_data/services/svc-0002.yaml");
    let run = import(&site, &url, &[]);
    assert!(
        run.stdout.contains("left        directory_data/services/svc-0002.yaml  Feed service 2: no longer in the source, still published (--prune marks it inactive)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("left the source 1"), "{}", run.stdout);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("status: active")
    );
    let dry = import(&site, &url, &["--prune", "--dry-run"]);
    assert!(
        dry.stdout.contains("--prune would mark it inactive"),
        "{}",
        dry.stdout
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("status: active")
    );
    let pruned = import(&site, &url, &["--prune"]);
    assert!(
        pruned
            .stdout
            .contains("svc-0002.yaml  Feed service 2: no longer in the source: marked inactive"),
        "{}",
        pruned.stdout
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("status: inactive")
    );
    site.build().assert_ok();
    assert!(
        !site.output("directory/svc-0002/index.html").exists(),
        "inactive services are not published"
    );
    assert!(site.output("directory/svc-0003/index.html").exists());
    let again = import(&site, &url, &["--prune"]);
    assert!(
        again.stdout.contains("(already inactive)"),
        "{}",
        again.stdout
    );
}

#[test]
fn a_write_that_fails_part_way_is_reported_service_by_service() {
    let site = empty_site();
    std::fs::create_dir_all(site.root().join("directory_data/services/svc-0002.yaml")).unwrap();
    let server = feed((1..=3).map(feed_service).collect(), 10, |_| None);
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(!run.success(), "a failed write fails the import");
    assert!(
        run.stdout
            .contains("added       directory_data/services/svc-0001.yaml"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("failed      directory_data/services/svc-0002.yaml  Feed service 2: it could not be written"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("added       directory_data/services/svc-0003.yaml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("1 file(s) could not be written"),
        "{}",
        run.stdout
    );
    assert!(
        site.root()
            .join("directory_data/services/svc-0003.yaml")
            .is_file()
    );
    assert!(
        !service_files(&site)
            .iter()
            .any(|f| f.contains("signpost-import")),
        "no staged file is left"
    );
}

#[test]
fn a_write_that_cannot_even_start_writes_nothing() {
    let site = empty_site();
    // A folder where the import stages its second file: the staging fails, so it writes none.
    std::fs::create_dir_all(
        site.root()
            .join("directory_data/services/.svc-0002.yaml.signpost-import"),
    )
    .unwrap();
    let server = feed((1..=3).map(feed_service).collect(), 10, |_| None);
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(!run.success());
    run.assert_stderr_has(&[
        "cannot write directory_data/services/svc-0002.yaml",
        "nothing was imported and no file was changed",
    ]);
    assert_eq!(
        service_files(&site),
        vec![".svc-0002.yaml.signpost-import".to_string()]
    );
}

#[test]
fn an_id_too_long_for_a_file_name_is_shortened_and_reported() {
    let site = empty_site();
    let mut long = feed_service(1);
    long["id"] = json!(format!("urn-{}", "x".repeat(300)));
    let server = serve_one(long);
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(run.success(), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("id: the id is 304 characters long, too long to name a file; shortened to"),
        "{}",
        run.stdout
    );
    let files = service_files(&site);
    assert_eq!(files.len(), 1);
    assert!(files[0].len() <= 85, "{files:?}");
    site.build().assert_ok();
    let again = import(&site, &format!("{}/services", server.url), &[]);
    assert!(
        again.stdout.contains("unchanged"),
        "the same short id each time: {}",
        again.stdout
    );
}

fn categorised_by(term: Value) -> Value {
    let mut service = feed_service(1);
    service["attributes"] = json!([{"id": "a", "taxonomy_term": term}]);
    service
}

#[test]
fn the_taxonomy_map_files_services_and_unmapped_terms_are_listed_once_with_counts() {
    let site = empty_site();
    let term = |code: &str, name: &str| json!({"id": format!("id-{code}"), "name": name, "taxonomy": "LGA service list", "term": code});
    let services: Vec<Value> = (1..=5)
        .map(|n| {
            let mut service = categorised_by(if n <= 3 {
                term("1103", "Foodbanks")
            } else {
                term("850", "Parenting support")
            });
            service["id"] = json!(format!("svc-{n}"));
            service
        })
        .collect();
    let server = feed(services, 10, |_| None);
    let url = format!("{}/services", server.url);
    let run = import(&site, &url, &[]);
    assert!(
        run.stdout
            .contains("not written directory_data/services/svc-1.yaml"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("2 taxonomy term(s) mean none of your categories"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("    term: \"1103\"\n    name: \"Foodbanks\"   # 3 services"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("# 2 services"), "{}", run.stdout);
    assert!(
        service_files(&site).is_empty(),
        "a service without a category is not written, so the site still builds"
    );
    let suggestions = run
        .stdout
        .split("\nterms:\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let map = format!(
        "terms:\n{}",
        suggestions
            .replacen("categories: []", "categories: [food]", 1)
            .replacen("categories: []", "categories: [family-support]", 1)
    );
    site.write("directory_data/taxonomy_map.yaml", &map);
    let mapped = import(&site, &url, &[]);
    assert!(mapped.stdout.contains("Added 5"), "{}", mapped.stdout);
    assert!(
        !mapped.stdout.contains("mean none of your categories"),
        "{}",
        mapped.stdout
    );
    let file =
        std::fs::read_to_string(site.root().join("directory_data/services/svc-4.yaml")).unwrap();
    assert!(file.contains("- family-support"), "{file}");
    site.build().assert_ok();
}

#[test]
fn a_mistake_in_the_taxonomy_map_names_its_line() {
    let site = empty_site();
    site.write(
        "directory_data/taxonomy_map.yaml",
        "terms:\n  - taxonomy: LGA service list\n    term: \"1103\"\n    categories: [foodbank]\n",
    );
    let server = serve_one(feed_service(1));
    let run = import(&site, &format!("{}/services", server.url), &[]);
    assert!(!run.success());
    run.assert_stderr_has(&[
        "directory_data/taxonomy_map.yaml:4:",
        "`foodbank` is not a category in directory_data/categories.yaml",
        "did you mean `food`?",
        "family-support, food",
    ]);
}

#[test]
fn importing_the_standards_examples_reports_each_bad_field() {
    let site = site();
    let file = shared("service_full.json");
    let run = site.signpost(&[
        "import",
        "oruk",
        file.to_str().unwrap(),
        "--category",
        "family-support",
    ]);
    assert!(run.success(), "{}", run.stderr);
    let out = run.stdout();
    let written = "directory_data/services/ac148810-d857-441c-9679-408f346de14b.yaml";
    assert!(
        out.contains(&format!("added       {written}  Community Counselling")),
        "{out}"
    );
    for expected in [
        "location.latitude: `100` is not in the UK, so it was left out",
        "location.longitude: `101` is not in the UK, so it was left out",
        "addresses.postal_code: `ABC 1234` is not a UK postcode; the address, so it was left out",
    ] {
        assert!(out.contains(expected), "{expected} in {out}");
    }
    let text = std::fs::read_to_string(site.root().join(written)).unwrap();
    assert!(text.contains("name: Community Counselling") && !text.contains("latitude"));
    assert!(site.build().success(), "the imported directory builds");
    assert!(
        site.output("directory/ac148810-d857-441c-9679-408f346de14b/index.html")
            .is_file()
    );
    let list = shared("service_list.json");
    let other = site.signpost(&[
        "import",
        "oruk",
        list.to_str().unwrap(),
        "--category",
        "family-support",
    ]);
    assert!(
        other.stdout.contains(&format!("skipped     {written}  Community Counselling (imported from service_full.json, not from this source")),
        "another source's file is not replaced: {}",
        other.stdout
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join(written)).unwrap(),
        text
    );
}

#[test]
fn importing_something_that_is_not_a_feed_says_so() {
    let site = site();
    for name in ["taxonomy_term.json", "service_at_location_full.json"] {
        let run = site.signpost(&["import", "oruk", shared(name).to_str().unwrap()]);
        assert!(!run.success());
        run.assert_stderr_has(&["neither an ORUK /services list"]);
    }
    site.write("broken.json", "{\n  \"contents\": [\n    {,\n  ]\n}\n");
    let run = site.signpost(&["import", "oruk", "broken.json"]);
    assert!(!run.success());
    run.assert_stderr_has(&["broken.json:3:", "this is not JSON"]);
}

#[test]
fn a_signpost_feed_comes_back_as_the_same_services_through_its_host_rules() {
    let site = site();
    site.build().assert_ok();
    let output = site.root().join("public");
    let host = TestServer::start(move |request| {
        let path = signpost::directory::oruk::hosting::resolve(request.path, request.query)
            .unwrap_or_else(|| request.path.to_string());
        match std::fs::read_to_string(output.join(path.trim_start_matches('/'))) {
            Ok(text) => Reply::Json(text),
            Err(_) => Reply::Status(404),
        }
    });
    let other = empty_site();
    let run = import(&other, &format!("{}/api/services", host.url), &[]);
    assert!(run.success(), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("Read the details of 2 of 2 services"),
        "list items are completed: {}",
        run.stderr
    );
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
    let feed = json!({
        "id": "evil", "name": "<script>alert(1)</script>Evil", "status": "active",
        "description": "<img src=x onerror=alert(2)> & </script><script>alert(3)</script>",
        "assured_date": crate::common::TODAY,
    });
    site.write("feed.json", &feed.to_string());
    assert!(
        site.signpost(&["import", "oruk", "feed.json", "--category", "food"])
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

#[test]
fn an_import_into_a_site_without_categories_says_what_to_add_first() {
    let site = Fixture::new();
    let run = site.signpost(&[
        "import",
        "oruk",
        shared("service_full.json").to_str().unwrap(),
    ]);
    assert!(!run.success());
    run.assert_stderr_has(&[
        "directory_data/categories.yaml",
        "the directory has no categories file",
    ]);
    assert!(
        !site.root().join("directory_data/services").exists(),
        "nothing was written"
    );
}
