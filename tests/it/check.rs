//! `signpost check`: each finding in both output forms, the exit codes, and external links
//! checked against a local server.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use crate::common::Fixture;
use serde_json::Value;

/// Runs `check` in both forms and asserts the finding is reported at `location` in each.
fn finds(site: &Fixture, severity: &str, location: (&str, usize), message: &str) {
    let human = site.signpost(&["check"]);
    let stderr = human.stderr();
    assert!(
        stderr.contains(&format!("{severity}: {message}")) || stderr.contains(message),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:{}:", location.0, location.1)),
        "{stderr}"
    );
    let json = site.signpost(&["check", "--format", "json"]);
    let report: Value =
        serde_json::from_str(&json.stdout()).expect("check --format json prints JSON");
    assert_eq!(report["version"], 1);
    let found = report["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["severity"] == severity
            && d["file"] == location.0
            && d["line"] == location.1
            && d["message"].as_str().unwrap().contains(message)
    });
    assert!(
        found,
        "no {severity} {message:?} at {location:?} in {report:#}"
    );
}

#[test]
fn a_clean_site_exits_zero_and_writes_nothing() {
    let site = Fixture::new();
    let run = site.signpost(&["check"]);
    assert!(run.success(), "{}", run.stderr());
    assert!(run.stdout().contains("Checked: 0 error(s), 0 warning(s)."));
    assert!(!site.output("").exists(), "check writes no output");
    let json: Value =
        serde_json::from_str(&site.signpost(&["check", "--format", "json"]).stdout()).unwrap();
    assert_eq!(json["errors"], 0);
    assert_eq!(json["diagnostics"], Value::Array(vec![]));
}

#[test]
fn front_matter_errors_exit_one() {
    let site = Fixture::new();
    site.write("content/a.md", "---\ntitel: A\n---\n");
    finds(
        &site,
        "error",
        ("content/a.md", 2),
        "unknown setting `titel`",
    );
    assert!(!site.signpost(&["check"]).success());
    assert!(!site.signpost(&["check", "--format", "json"]).success());
}

#[test]
fn broken_links_and_anchors() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\n---\n## Real\n\n[x](b.md)\n\n[y](#unreal)\n",
    );
    finds(
        &site,
        "error",
        ("content/a.md", 6),
        "points to content/b.md, which does not exist",
    );
    finds(
        &site,
        "error",
        ("content/a.md", 8),
        "no heading there has that anchor",
    );
}

#[test]
fn images_without_alt_text() {
    let site = Fixture::new();
    site.write("content/chart.png", "png").write(
        "content/a.md",
        "---\ntitle: A\n---\nSee:\n\n![](chart.png)\n",
    );
    finds(
        &site,
        "warning",
        ("content/a.md", 6),
        "this image has no alt text",
    );
}

#[test]
fn skipped_heading_levels_and_a_second_h1() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\n---\n## Two\n\n#### Four\n\n# One\n",
    );
    finds(
        &site,
        "warning",
        ("content/a.md", 6),
        "this heading skips from level 2 to level 4",
    );
    finds(
        &site,
        "warning",
        ("content/a.md", 8),
        "a `#` heading repeats the page's title level",
    );
}

#[test]
fn pages_past_their_review_date() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: 2021-04-01\n---\n",
    );
    finds(
        &site,
        "warning",
        ("content/a.md", 3),
        "this page was due for review on 1 April 2021",
    );
}

#[test]
fn missing_matrix_cells() {
    let site = Fixture::new();
    site.write("content/signs/_index.md", "---\ntitle: Signs\n---\n")
        .write(
            "content/signs/0-2/medical.md",
            "---\ntitle: M\nband: 0-2\ncategory: medical\nsummary: S.\n---\n",
        );
    let json: Value =
        serde_json::from_str(&site.signpost(&["check", "--format", "json"]).stdout()).unwrap();
    let warning = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["message"]
                .as_str()
                .unwrap()
                .contains("cell(s) of the signs matrix have no file")
        })
        .expect("missing cells warned about");
    assert_eq!(warning["file"], "content/signs");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .contains("12-plus/supervision")
    );
    assert!(
        site.signpost(&["check"])
            .stderr()
            .contains("29 cell(s) of the signs matrix have no file")
    );
}

#[test]
fn young_peoples_pages_above_the_reading_age_target() {
    let site = Fixture::new();
    let hard = "Practitioners should consider the cumulative developmental consequences of persistent deprivation. ".repeat(8);
    let easy = "Is your friend hungry a lot? Tell a teacher you trust. You can call Childline. It is free. ".repeat(6);
    site.write(
        "content/hard.md",
        &format!("---\ntitle: Hard\naudience: young-people\n---\n{hard}\n"),
    )
    .write(
        "content/easy.md",
        &format!("---\ntitle: Easy\naudience: young-people\n---\n{easy}\n"),
    );
    finds(
        &site,
        "warning",
        ("content/hard.md", 3),
        "this young people's page has a reading age of about",
    );
    let json: Value =
        serde_json::from_str(&site.signpost(&["check", "--format", "json"]).stdout()).unwrap();
    let scores = json["readability"].as_array().unwrap();
    assert_eq!(
        scores.len(),
        2,
        "a score for every young people's page: {scores:?}"
    );
    let easy_score = scores
        .iter()
        .find(|s| s["file"] == "content/easy.md")
        .unwrap()["reading_age"]
        .as_f64()
        .unwrap();
    assert!(easy_score <= 11.0, "{easy_score}");
    assert!(
        site.signpost(&["check"])
            .stdout()
            .contains("content/easy.md")
    );
}

#[test]
fn warnings_fail_only_with_strict() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: 2021-04-01\n---\n",
    );
    // The binary itself, as a CI job runs it: its exit codes are what the job sees.
    assert_eq!(site.spawn(&["check"]).code, Some(0));
    assert_eq!(site.spawn(&["check", "--strict"]).code, Some(1));
    assert_eq!(
        site.spawn(&["check", "--strict", "--format", "json"]).code,
        Some(1)
    );
}

/// A web server on 127.0.0.1: /ok answers 200, /gone 404, /slow never answers.
fn local_server() -> String {
    // 127.0.0.2: still this computer, but not the preview address (127.0.0.1), which is
    // reported as a link readers cannot open.
    let listener = TcpListener::bind("127.0.0.2:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(64) {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut request_line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut request_line).unwrap_or(0);
                if request_line.contains("/slow") {
                    std::thread::sleep(std::time::Duration::from_secs(5));
                    return;
                }
                let status = if request_line.contains("/ok") {
                    "200 OK"
                } else {
                    "404 Not Found"
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
            });
        }
    });
    address
}

#[test]
fn external_links_are_checked_against_a_local_server() {
    let server = local_server();
    let site = Fixture::new();
    site.write(
        "content/a.md",
        &format!("---\ntitle: A\n---\n[fine]({server}/ok)\n\n[gone]({server}/gone)\n\n[slow]({server}/slow)\n"),
    );
    let human = site.signpost(&["check", "--external", "--timeout", "1"]);
    let stderr = human.stderr();
    assert!(
        stderr.contains(&format!(
            "the link to {server}/gone is broken: the server answered 404"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("content/a.md:6:1"), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "the link to {server}/slow is broken: no answer in time"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("content/a.md:8:1"), "{stderr}");
    assert!(!stderr.contains("/ok is broken"), "{stderr}");
    let json: Value = serde_json::from_str(
        &site
            .signpost(&["check", "--external", "--timeout", "1", "--format", "json"])
            .stdout(),
    )
    .unwrap();
    assert_eq!(json["warnings"], 2);
    assert!(
        !site.signpost(&["check"]).stderr().contains("broken"),
        "external links are only checked when asked"
    );
}
