//! Bad input: each mistake a comms officer can make gets an error naming the file, line and
//! fix, and the site built before the mistake is still there, untouched.

use crate::common::Fixture;

/// Builds a good site, applies `break_it`, rebuilds, and checks the failure and that the good
/// output survived byte for byte. Returns the error output.
fn fails_and_keeps_previous_output(break_it: impl FnOnce(&Fixture)) -> String {
    let site = Fixture::new();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\n## Who we are\n\nUs.\n",
    );
    site.build().assert_ok();
    let home_before = site.read_output("index.html");
    let about_before = site.read_output("about/index.html");
    break_it(&site);
    let run = site.build();
    run.assert_failed()
        .assert_stderr_has(&["Nothing was written", "unchanged"]);
    assert_eq!(
        site.read_output("index.html"),
        home_before,
        "home page survived"
    );
    assert_eq!(
        site.read_output("about/index.html"),
        about_before,
        "about page survived"
    );
    run.stderr()
}

#[test]
fn missing_front_matter() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write("content/about.md", "# About\n\nNo settings here.\n");
    });
    assert!(
        stderr.contains("error: this page has no front matter"),
        "{stderr}"
    );
    assert!(stderr.contains("content/about.md:1:1"), "{stderr}");
    assert!(
        stderr.contains("start the file with a line `---`"),
        "{stderr}"
    );
}

#[test]
fn unclosed_front_matter() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write("content/about.md", "---\ntitle: About\n\nText.\n");
    });
    assert!(stderr.contains("never closed"), "{stderr}");
    assert!(stderr.contains("content/about.md:1:1"), "{stderr}");
}

#[test]
fn yaml_syntax_error_names_the_line_in_the_markdown_file() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\ntags: [one, two\nweight: 2\n---\nText.\n",
        );
    });
    // The bad line is line 3 of the file (line 2 of the front matter); the parser notices by 4.
    assert!(
        stderr.contains("content/about.md:3:") || stderr.contains("content/about.md:4:"),
        "{stderr}"
    );
    assert!(
        stderr.contains("tags: [one, two") || stderr.contains("weight: 2"),
        "shows the source line: {stderr}"
    );
}

#[test]
fn wrong_type_for_a_date() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\nreview_by: soon\n---\n",
        );
    });
    assert!(stderr.contains("`soon` is not a date"), "{stderr}");
    assert!(stderr.contains("YYYY-MM-DD"), "{stderr}");
    assert!(stderr.contains("content/about.md:3:12"), "{stderr}");
}

#[test]
fn wrong_value_for_audience_lists_the_valid_ones() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\naudience: kids\n---\n",
        );
    });
    assert!(stderr.contains("content/about.md:3:"), "{stderr}");
    assert!(
        stderr.contains("`public`, `young-people`, `professionals`"),
        "{stderr}"
    );
}

#[test]
fn unknown_key_suggests_the_nearest_known_one() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\ndescripton: Us\n---\n",
        );
    });
    assert!(stderr.contains("unknown setting `descripton`"), "{stderr}");
    assert!(stderr.contains("content/about.md:3:1"), "{stderr}");
    assert!(stderr.contains("did you mean `description`?"), "{stderr}");
    assert!(
        stderr.contains("`review_by`"),
        "lists the known keys: {stderr}"
    );
}

#[test]
fn missing_title() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write("content/about.md", "---\ndescription: Us\n---\n");
    });
    assert!(
        stderr.contains("the setting `title` is missing"),
        "{stderr}"
    );
    assert!(stderr.contains("content/about.md:2:"), "{stderr}");
}

#[test]
fn two_pages_with_the_same_url() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about-us.md",
            "---\ntitle: About us\nslug: about\n---\n",
        );
    });
    assert!(stderr.contains("both have the address /about/"), "{stderr}");
    assert!(
        stderr.contains("content/about.md") && stderr.contains("content/about-us.md"),
        "{stderr}"
    );
}

#[test]
fn broken_internal_link() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\n---\nSee [what to do](worried/what-to-do.md).\n",
        );
    });
    assert!(stderr.contains("content/about.md:4:5"), "{stderr}");
    assert!(
        stderr.contains("points to content/worried/what-to-do.md, which does not exist"),
        "{stderr}"
    );
}

#[test]
fn broken_anchor_suggests_the_real_one() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/x.md",
            "---\ntitle: X\n---\n\nRead [who](about.md#who-we-is).\n",
        );
    });
    assert!(stderr.contains("content/x.md:5:6"), "{stderr}");
    assert!(
        stderr.contains("no heading there has that anchor"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `#who-we-are`?"), "{stderr}");
}

#[test]
fn missing_template_named_by_a_page() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\ntemplate: fancy.html\n---\n",
        );
    });
    assert!(
        stderr.contains("there is no template `fancy.html`"),
        "{stderr}"
    );
    assert!(stderr.contains("content/about.md:3:1"), "{stderr}");
    assert!(
        stderr.contains("page.html"),
        "lists the templates there are: {stderr}"
    );
}

#[test]
fn missing_parent_template() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write("templates/page.html", "{% extends \"layout.html\" %}\n");
    });
    assert!(
        stderr.contains("extends `layout.html`, which does not exist"),
        "{stderr}"
    );
    assert!(stderr.contains("templates/page.html"), "{stderr}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write("templates/page.html", "<main>\n  {{ page.title \n</main>\n");
    });
    assert!(stderr.contains("template syntax error"), "{stderr}");
    assert!(stderr.contains("templates/page.html:"), "{stderr}");
}

#[test]
fn template_rendering_error_names_template_line_and_page() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "templates/page.html",
            "<main>\n{{ page.no_such_field.more }}\n</main>\n",
        );
    });
    assert!(stderr.contains("templates/page.html:2:"), "{stderr}");
    assert!(stderr.contains("it breaks content/about.md"), "{stderr}");
}

#[test]
fn unknown_setting_in_site_yaml() {
    let stderr = fails_and_keeps_previous_output(|site| {
        let yaml = crate::common::SITE_YAML.replace("partnership:", "partnershp: x\npartnership:");
        site.write("site.yaml", &yaml);
    });
    assert!(stderr.contains("unknown setting `partnershp`"), "{stderr}");
    assert!(stderr.contains("site.yaml:3:1"), "{stderr}");
    assert!(stderr.contains("did you mean `partnership`?"), "{stderr}");
}

#[test]
fn bad_base_url_in_site_yaml() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "site.yaml",
            &crate::common::SITE_YAML
                .replace("https://fixture.example.org/", "fixture.example.org"),
        );
    });
    assert!(
        stderr.contains("base_url `fixture.example.org` is not a web address"),
        "{stderr}"
    );
    assert!(stderr.contains("site.yaml:2:1"), "{stderr}");
}

#[test]
fn every_error_of_a_build_is_reported_together() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write("content/one.md", "---\ntitel: One\n---\n")
            .write("content/two.md", "---\ntitle: Two\n---\n[x](nowhere.md)\n")
            .write("templates/page.html", "{% if %}\n");
    });
    assert!(stderr.contains("content/one.md:2:1"), "{stderr}");
    assert!(stderr.contains("content/two.md:4:1"), "{stderr}");
    assert!(stderr.contains("templates/page.html:1:"), "{stderr}");
    assert!(stderr.contains("Build failed: 3 error(s)"), "{stderr}");
}

#[test]
fn not_utf8_text() {
    let stderr = fails_and_keeps_previous_output(|site| {
        std::fs::write(
            site.root().join("content/about.md"),
            b"---\ntitle: Caf\xe9\n---\n",
        )
        .unwrap();
    });
    assert!(stderr.contains("content/about.md"), "{stderr}");
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}

#[test]
fn output_folder_that_would_overwrite_sources_is_refused() {
    let site = Fixture::new();
    site.build().assert_ok();
    let home_before = site.read_output("index.html");
    for output in [
        ".",
        "content",
        "content/public",
        "themes",
        "..",
        "directory_data",
    ] {
        site.signpost(&["build", "--output", output])
            .assert_failed()
            .assert_stderr_has(&["refusing to write the site to"]);
    }
    assert!(
        site.root().join("content/_index.md").is_file(),
        "sources untouched"
    );
    assert_eq!(site.read_output("index.html"), home_before);
}

#[test]
fn an_unrelated_folder_is_never_replaced() {
    let site = Fixture::new();
    site.write("documents/letter.txt", "keep me");
    site.signpost(&["build", "--output", "documents"])
        .assert_failed()
        .assert_stderr_has(&["already holds files that signpost did not write"]);
    assert_eq!(
        std::fs::read_to_string(site.root().join("documents/letter.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn no_site_yaml_anywhere_explains_how_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("signpost")
        .unwrap()
        .arg("build")
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("there is no site.yaml"), "{stderr}");
    assert!(stderr.contains("signpost init"), "{stderr}");
}

#[test]
fn a_help_number_with_a_letter_o_for_a_zero_is_refused() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "site.yaml",
            &crate::common::SITE_YAML.replace("phone: 0800 1111", "phone: 0808 8OO 5000"),
        );
    });
    assert!(stderr.contains("site.yaml:6:"), "{stderr}");
    assert!(
        stderr.contains("`0808 8OO 5000` (Childline) is not a UK phone number a reader can ring"),
        "{stderr}"
    );
    assert!(stderr.contains("a letter O is not a zero"), "{stderr}");
}

#[test]
fn a_help_number_too_short_to_ring_is_refused() {
    let stderr = fails_and_keeps_previous_output(|site| {
        site.write(
            "site.yaml",
            &crate::common::SITE_YAML.replace("phone: 0800 1111", "phone: \"99\""),
        );
    });
    assert!(
        stderr.contains("`99` (Childline) is not a UK phone number"),
        "{stderr}"
    );
}

#[test]
fn a_placeholder_help_number_warns_every_build_and_fails_check_strict() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &crate::common::SITE_YAML.replace("phone: 0800 1111", "phone: 01632 960 123"),
    );
    let build = site.build();
    build.assert_ok();
    assert!(
        build.stderr.contains(
            "`01632 960 123` (Childline) is a placeholder: Ofcom keeps it for TV and radio drama"
        ),
        "{}",
        build.stderr
    );
    assert!(build.stderr.contains("site.yaml:6:"), "{}", build.stderr);
    assert_eq!(site.spawn(&["check", "--strict"]).code, Some(1));
    assert_eq!(site.spawn(&["check"]).code, Some(0));
}

/// Found by the browser editor's derivation of required fields (tests/it/cms.rs): a missing
/// date was reported as a badly written one, which sends a comms officer looking for a date
/// that is not there.
#[test]
fn a_missing_date_is_reported_as_missing() {
    let site = crate::common::directory::site();
    let service = crate::common::directory::service("pantry", "");
    let without_date: String = service
        .lines()
        .filter(|line| !line.starts_with("assured_date:"))
        .map(|line| format!("{line}\n"))
        .collect();
    site.write("directory_data/services/pantry.yaml", &without_date);
    site.build().assert_failed().assert_stderr_has(&[
        "the setting `assured_date` is missing",
        "directory_data/services/pantry.yaml:1:1",
    ]);
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: soon\n---\nWords.\n",
    );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["`soon` is not a date: write dates as YYYY-MM-DD"]);
}
