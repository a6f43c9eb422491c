//! `check` runs every check a build does (README says so): on a corpus of broken sites, `check`
//! and `build` report the same problems, and one mistake gives one error.

use crate::common::{Fixture, directory};

/// A site a comms officer might leave broken, and what the first line of its error names.
struct Broken {
    name: &'static str,
    build: fn() -> Fixture,
    expect: &'static str,
}

/// The fixture site with one file added.
fn with(path: &str, text: &str) -> Fixture {
    let site = Fixture::new();
    site.write(path, text);
    site
}

fn corpus() -> Vec<Broken> {
    vec![
        Broken {
            name: "a page names a template that does not exist",
            build: || with("content/a.md", "---\ntitle: A\ntemplate: fancy.html\n---\n"),
            expect: "there is no template `fancy.html`",
        },
        Broken {
            name: "a site template uses a field that does not exist",
            build: || {
                let site = with("content/a.md", "---\ntitle: A\n---\n");
                site.write(
                    "templates/page.html",
                    "{% extends \"base.html\" %}{% block content %}{{ page.colour }}{% endblock content %}",
                );
                site
            },
            expect: "template error",
        },
        Broken {
            name: "a one-letter typo of a setting in site.yaml",
            build: || {
                let site = directory::site();
                site.write(
                    "site.yaml",
                    &crate::common::SITE_YAML.replace("partnership:", "partnersip:"),
                )
                .write(
                    "content/help.md",
                    "---\ntitle: Help\n---\n[Pantry](/directory/pantry/) and [signs](/signs/0-2/).\n",
                );
                site
            },
            expect: "unknown setting `partnersip`",
        },
        Broken {
            name: "a page that is not UTF-8",
            build: || {
                let site = Fixture::new();
                site.write(
                    "content/about.md",
                    "---\ntitle: About\n---\n[Home](_index.md)\n",
                );
                std::fs::write(
                    site.root().join("content/bad.md"),
                    b"---\ntitle: Caf\xe9\n---\n",
                )
                .unwrap();
                site
            },
            expect: "not UTF-8",
        },
        Broken {
            name: "a broken link and a broken anchor",
            build: || with("content/a.md", "---\ntitle: A\n---\n[x](missing.md)\n"),
            expect: "which does not exist",
        },
        Broken {
            name: "an anchor that is no footnote",
            build: || {
                with(
                    "content/a.md",
                    "---\ntitle: A\n---\nA claim.[^1]\n\n[Note](#note-1) and [fake](#fnord).\n\n[^1]: A source.\n",
                )
            },
            expect: "`#fnord`",
        },
        Broken {
            name: "a voice with a broken link",
            build: || {
                let site = with("content/voices/_index.md", "---\ntitle: Voices\n---\n");
                site.write(
                    "content/voices/a.md",
                    "---\nwho: young person, 14\nwhere: Forum\nwhen: 2025-06-12\nconsent: true\n---\nSee [this](nowhere.md).\n",
                );
                site
            },
            expect: "content/voices/a.md:7:",
        },
        Broken {
            name: "a page at the search page's address",
            build: || with("content/search.md", "---\ntitle: Search\n---\n"),
            expect: "would be published at /search/",
        },
        Broken {
            name: "an unknown theme",
            build: || {
                let site = Fixture::new();
                site.write(
                    "site.yaml",
                    &format!("{}theme: fancy\n", crate::common::SITE_YAML),
                );
                site
            },
            expect: "the theme `fancy` does not exist",
        },
        Broken {
            name: "a service with a wrong phone number",
            build: || {
                let site = directory::site();
                let broken = directory::service("pantry", "").replace("01632 961 210", "12345");
                site.write("directory_data/services/pantry.yaml", &broken);
                site
            },
            expect: "directory_data/services/pantry.yaml",
        },
        Broken {
            name: "a help contact closes before it opens",
            build: || {
                let site = Fixture::new();
                site.write(
                    "site.yaml",
                    &format!("{}    hours:\n      - byday: MO\n        opens_at: \"17:00\"\n        closes_at: \"09:00\"\n", crate::common::SITE_YAML),
                );
                site
            },
            expect: "`Childline` closes (09:00) before it opens (17:00)",
        },
        Broken {
            name: "a place's accessibility entry says nothing",
            build: || {
                let site = directory::site();
                site.write(
                    "directory_data/services/pantry.yaml",
                    &directory::service("pantry", "").replace(
                        "      longitude: -2.17\n",
                        "      longitude: -2.17\n      accessibility:\n        - description: \"\"\n",
                    ),
                );
                site
            },
            expect: "an accessibility entry at Hall has neither a feature nor a description",
        },
        Broken {
            name: "a language's theme words miss one",
            build: || {
                let site = with("content/_index.pl.md", "---\ntitle: Strona\n---\n");
                site.write(
                    "site.yaml",
                    &format!(
                        "{}languages:\n  - {{ code: en-GB, name: English }}\n  - {{ code: pl, name: Polski }}\n",
                        crate::common::SITE_YAML
                    ),
                )
                .write(
                    "strings/pl.yaml",
                    &include_str!("../../strings/pl.yaml").replace("  heading: Martwisz się o dziecko?\n", ""),
                );
                site
            },
            expect: "the words in `pl` have no `help.heading`",
        },
    ]
}

/// The diagnostics a build printed, without its closing summary line.
fn diagnostics_of_build(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|line| !line.starts_with("Build failed:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn check_and_build_report_the_same_problems_on_every_broken_site() {
    for broken in corpus() {
        let site = (broken.build)();
        let build = site.signpost(&["build"]);
        let check = site.signpost(&["check"]);
        assert!(!build.success(), "{}: build should fail", broken.name);
        assert!(!check.success(), "{}: check should fail", broken.name);
        let from_build = diagnostics_of_build(&build.stderr);
        let from_check = check.stderr.trim_end().to_string();
        assert_eq!(from_build.trim_end(), from_check, "{}", broken.name);
        assert!(
            from_check.contains(broken.expect),
            "{}: expected {:?} in:\n{from_check}",
            broken.name,
            broken.expect
        );
        let json = site.signpost(&["check", "--format", "json"]);
        let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(
            report["errors"].as_u64().unwrap() as usize,
            check.error_count(),
            "{}: the JSON counts what the text shows",
            broken.name
        );
    }
}

#[test]
fn a_typo_in_site_yaml_is_one_error_and_says_what_was_not_checked() {
    let site = (corpus()[2].build)();
    for command in ["build", "check"] {
        let run = site.signpost(&[command]);
        let stderr = run.stderr();
        assert_eq!(run.error_count(), 1, "{command}:\n{stderr}");
        assert!(stderr.contains("site.yaml:3:1"), "{stderr}");
        assert!(stderr.contains("did you mean `partnership`?"), "{stderr}");
        assert!(
            stderr.contains("not checked: links and anchors")
                && stderr.contains("because site.yaml has errors"),
            "{stderr}"
        );
        assert!(!stderr.contains("matches no page"), "{stderr}");
    }
    let json = site.signpost(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    assert_eq!(report["skipped"][0]["because"], "site.yaml has errors");
}

#[test]
fn a_page_that_cannot_be_read_is_one_error_and_the_rest_are_checked() {
    let site = (corpus()[3].build)();
    site.write(
        "content/broken-link.md",
        "---\ntitle: B\n---\n[gone](gone.md)\n",
    );
    let run = site.signpost(&["check"]);
    let stderr = run.stderr();
    assert!(stderr.contains("content/bad.md"), "{stderr}");
    assert!(stderr.contains("this file is not UTF-8 text"), "{stderr}");
    assert!(!stderr.contains("has no home page"), "{stderr}");
    assert!(
        stderr.contains("content/broken-link.md:4:1"),
        "the other pages are still checked:\n{stderr}"
    );
    assert_eq!(run.error_count(), 2, "{stderr}");
}

#[test]
fn a_template_error_is_reported_once_with_the_pages_it_stops() {
    let site = Fixture::new();
    for name in ["a", "b", "c"] {
        site.write(
            &format!("content/{name}.md"),
            &format!("---\ntitle: {name}\n---\n"),
        );
    }
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.colour }}{% endblock content %}",
    );
    let run = site.signpost(&["build"]);
    let stderr = run.stderr();
    assert_eq!(run.error_count(), 1, "{stderr}");
    assert!(stderr.contains("templates/page.html:1:"), "{stderr}");
    assert!(
        stderr.contains("it breaks 3 pages, such as content/a.md"),
        "{stderr}"
    );
}

#[test]
fn links_to_footnotes_are_judged_on_the_ids_the_page_has() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\n---\nA claim.[^1]\n\n[The note](#note-1), [back](#ref-note-1) and [sources](#sources).\n\n[^1]: A source.\n",
    )
    .write("content/b.md", "---\ntitle: B\n---\n[A's note](a.md#note-1)\n");
    site.build().assert_ok();
    let html = site.read_output("a/index.html");
    assert!(html.contains(r#"<li id="note-1">"#), "{html}");
    assert!(
        html.contains(r##"href="#ref-note-1">Back to the text"##),
        "{html}"
    );
    site.write(
        "content/c.md",
        "---\ntitle: C\n---\n[fake](#fnord) and [old](a.md#1)\n",
    );
    let run = site.signpost(&["build"]);
    run.assert_failed().assert_stderr_has(&[
        "content/c.md:4:1",
        "`#fnord`",
        "content/c.md:4:20",
        "`#1`",
    ]);
}

#[test]
fn a_voice_is_checked_like_a_page() {
    let site = Fixture::new();
    site.write("content/voices/_index.md", "---\ntitle: Voices\n---\n")
        .write("content/about.md", "---\ntitle: About\n---\n## Who we are\n")
        .write(
            "content/voices/a.md",
            "---\nwho: young person, 14\nwhere: Forum\nwhen: 2025-06-12\nconsent: true\n---\nI read [about us](../about.md#who-we-are) and saw ![](me.png) there.\n",
        );
    let run = site.signpost(&["check"]);
    run.assert_failed().assert_stderr_has(&[
        "content/voices/a.md:7:51",
        "content/voices/me.png, which does not exist",
        "this image has no alt text",
    ]);
    site.write("content/voices/me.png", "png");
    let run = site.signpost(&["build"]);
    assert!(run.success(), "{}", run.stderr());
    assert!(
        run.stderr().contains("content/voices/a.md:7:51"),
        "the alt text warning stays"
    );
    let voices = site.read_output("voices/index.html");
    assert!(
        voices.contains(r##"href="/about/#who-we-are""##),
        "{voices}"
    );
}
