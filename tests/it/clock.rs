//! The build's date comes from outside: `--today`, SOURCE_DATE_EPOCH or the clock, read only
//! by the command line. Two builds of the same sources on the same date are byte for byte the
//! same.

use std::path::Path;

use crate::common::{Fixture, directory, signpost_in, spawn_in};

fn site_due_for_review_in_march() -> Fixture {
    let site = directory::site();
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: 2027-03-01\n---\nText.\n",
    );
    site
}

#[test]
fn review_dates_are_judged_on_the_day_given() {
    let site = site_due_for_review_in_march();
    let before = site.signpost(&["check", "--today", "2027-02-28"]);
    assert!(
        !before.stderr.contains("due for review"),
        "{}",
        before.stderr
    );
    let after = site.signpost(&["check", "--today", "2027-03-02"]);
    assert!(
        after
            .stderr
            .contains("this page was due for review on 1 March 2027"),
        "{}",
        after.stderr
    );
}

#[test]
fn listings_are_judged_on_the_day_given() {
    let site = directory::site();
    let year_later = site.signpost(&["build", "--today", "2027-12-02"]);
    year_later.assert_ok();
    assert!(
        year_later
            .stderr
            .contains("have not been checked in the last 12 months"),
        "{}",
        year_later.stderr
    );
    let before = site.signpost(&["build", "--today", "2026-11-30"]);
    assert!(
        before
            .stderr
            .contains("which is after today (30 November 2026)"),
        "a listing dated after the build date is a typo to fix:\n{}",
        before.stderr
    );
}

#[test]
fn the_binary_reads_source_date_epoch() {
    let site = site_due_for_review_in_march();
    let run = |epoch: &str| {
        let output = assert_cmd::Command::cargo_bin("signpost")
            .unwrap()
            .arg("check")
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    // 2027-02-01 and 2027-04-01, midnight UTC.
    let (_, before) = run("1801353600");
    assert!(!before.contains("due for review"), "{before}");
    let (_, after) = run("1806451200");
    assert!(after.contains("due for review on 1 March 2027"), "{after}");
    let (code, nonsense) = run("next tuesday");
    assert_eq!(code, Some(1));
    assert!(
        nonsense.contains("SOURCE_DATE_EPOCH `next tuesday` is not a number"),
        "{nonsense}"
    );
    let given = spawn_in(site.root(), &["check", "--today", "2027-04-01"]);
    assert!(
        given.stderr.contains("due for review"),
        "--today wins over the environment"
    );
}

#[test]
fn a_date_that_is_not_a_date_is_refused_with_the_format() {
    let site = Fixture::new();
    let run = site.signpost(&["build", "--today", "31/12/2026"]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr
            .contains("`31/12/2026` is not a date: write it as YYYY-MM-DD"),
        "{}",
        run.stderr
    );
}

#[test]
fn two_builds_of_the_example_site_on_one_date_are_byte_identical() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let (first, second) = (out.path().join("one"), out.path().join("two"));
    for dir in [&first, &second] {
        let run = signpost_in(
            repo,
            &[
                std::ffi::OsStr::new("build"),
                "--output".as_ref(),
                dir.as_os_str(),
            ],
        );
        assert!(run.success(), "{}", run.stderr);
    }
    let (one, two) = (
        crate::common::files_of(&first),
        crate::common::files_of(&second),
    );
    assert!(one.len() > 100, "the example site has many files");
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    let differing: Vec<&String> = one
        .iter()
        .filter(|(path, bytes)| two[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    assert!(differing.is_empty(), "these differ: {differing:?}");
}
