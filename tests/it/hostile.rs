//! Bad and hostile content, as comms staff paste it and feeds deliver it: nothing broken or
//! dangerous is published without a word, each message names the file and line and says what
//! would be right, the exit code says it failed, and the site built before is untouched.

use std::time::{Duration, Instant};

use crate::common::{Fixture, directory};

/// Builds a good site, applies `break_it`, and checks that `build` and `check` both fail and
/// the previous output survived byte for byte; returns the build's error output.
fn refused(break_it: impl FnOnce(&Fixture)) -> String {
    let site = Fixture::new();
    site.write("content/about.md", "---\ntitle: About\n---\nUs.\n");
    site.build().assert_ok();
    let before = site.read_output("about/index.html");
    break_it(&site);
    let run = site.build();
    run.assert_failed()
        .assert_stderr_has(&["Nothing was written", "unchanged"]);
    assert_eq!(site.read_output("about/index.html"), before);
    assert!(!site.signpost(&["check"]).success(), "check refuses it too");
    run.stderr
}

fn page(site: &Fixture, body: &str) {
    site.write(
        "content/about.md",
        &format!("---\ntitle: About\n---\n{body}"),
    );
}

#[test]
fn an_empty_title() {
    let stderr = refused(|site| {
        site.write("content/about.md", "---\ntitle: \"\"\n---\nUs.\n");
    });
    assert!(stderr.contains("content/about.md:2:1"), "{stderr}");
    assert!(stderr.contains("the title is empty"), "{stderr}");
    assert!(
        stderr.contains("title: What to do if you are worried"),
        "{stderr}"
    );
}

#[test]
fn links_that_run_code_or_carry_a_document() {
    for (link, scheme) in [
        (
            "[Win a prize](javascript:alert(document.cookie))",
            "javascript:",
        ),
        ("[x](JaVaScRiPt:alert(1))", "javascript:"),
        ("[x](vbscript:msgbox)", "vbscript:"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data:"),
        ("<javascript:alert(1)>", "javascript:"),
    ] {
        let stderr = refused(|site| page(site, &format!("Click {link} now.\n")));
        assert!(stderr.contains("content/about.md:4:7"), "{link}: {stderr}");
        assert!(
            stderr.contains(&format!("links to `{scheme}` addresses are not allowed")),
            "{link}: {stderr}"
        );
    }
}

#[test]
fn a_meta_refresh_pasted_into_a_page() {
    let stderr = refused(|site| {
        page(
            site,
            "Welcome.\n\n<meta http-equiv=\"refresh\" content=\"3;url=https://example.com/\">\n",
        )
    });
    assert!(stderr.contains("content/about.md:6:1"), "{stderr}");
    assert!(
        stderr.contains("<meta> is not allowed in a page"),
        "{stderr}"
    );
}

#[test]
fn html_a_site_has_not_allowed_is_refused_and_site_yaml_can_allow_it() {
    let stderr = refused(|site| page(site, "<marquee>Hello</marquee>\n"));
    assert!(stderr.contains("<marquee> is not on the list"), "{stderr}");
    assert!(stderr.contains("markdown: allow_html:"), "{stderr}");
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!(
            "{}markdown:\n  allow_html: [marquee]\n",
            crate::common::SITE_YAML
        ),
    );
    page(&site, "<marquee>Hello</marquee>\n");
    site.build().assert_ok();
    assert!(
        site.read_output("about/index.html")
            .contains("<marquee>Hello</marquee>")
    );
    site.write(
        "site.yaml",
        &format!(
            "{}markdown:\n  allow_html: [script]\n",
            crate::common::SITE_YAML
        ),
    );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["site.yaml:", "<script> cannot be allowed in pages"]);
}

#[test]
fn a_style_attribute_is_removed_with_a_warning_not_published() {
    let site = Fixture::new();
    page(
        &site,
        "Read <span style=\"color: red\">this</span> first.\n",
    );
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.contains("content/about.md:4:6"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the `style` attribute on <span> was removed")
    );
    let html = site.read_output("about/index.html");
    assert!(html.contains("Read <span>this</span> first."), "{html}");
}

#[test]
fn a_nul_or_other_control_character_in_a_page() {
    let stderr = refused(|site| page(site, "Hello\u{0}world and a bell \u{7}.\n"));
    assert!(stderr.contains("content/about.md:4:6"), "{stderr}");
    assert!(
        stderr.contains("invisible control character (NUL, U+0000)"),
        "{stderr}"
    );
    let stderr = refused(|site| {
        site.write("content/about.md", "---\ntitle: \"About\u{0}\"\n---\nUs.\n");
    });
    assert!(stderr.contains("content/about.md:2:14"), "{stderr}");
}

#[test]
fn a_windows_1252_page_is_one_error_at_its_first_bad_byte() {
    let stderr = refused(|site| {
        std::fs::write(
            site.root().join("content/about.md"),
            b"---\ntitle: About\n---\nOur caf\xe9 meets on Monday.\n",
        )
        .unwrap();
    });
    assert!(stderr.contains("content/about.md:4:8"), "{stderr}");
    assert!(stderr.contains("this file is not UTF-8 text"), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "{stderr}");
}

#[test]
fn a_tab_in_front_matter_says_tab() {
    let stderr = refused(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\n\tweight: 2\n---\nUs.\n",
        );
    });
    assert!(stderr.contains("content/about.md:3:1"), "{stderr}");
    assert!(
        stderr.contains("indented with a tab, and YAML needs spaces"),
        "{stderr}"
    );
}

#[test]
fn consent_written_as_yes_says_true_or_false() {
    let site = Fixture::new();
    site.write("content/voices/_index.md", "---\ntitle: Voices\n---\n");
    site.build().assert_ok();
    site.write(
        "content/voices/a.md",
        "---\nwho: young person, 14\nwhere: Forum\nwhen: 2025-06-12\nconsent: \"yes\"\n---\nWords.\n",
    );
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "content/voices/a.md:5:",
        "write `true` or `false`, without quotes",
    ]);
    assert!(!run.stderr.contains("put it in quotes"), "{}", run.stderr);
}

#[test]
fn a_colon_in_a_value_says_to_quote_it_with_the_fixed_line() {
    let stderr = refused(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\ndescription: Emergency: call 999\n---\nUs.\n",
        );
    });
    assert!(stderr.contains("content/about.md:3:"), "{stderr}");
    assert!(
        stderr.contains("`description: \"Emergency: call 999\"`"),
        "{stderr}"
    );
}

#[test]
fn a_setting_written_twice_points_at_the_second() {
    let stderr = refused(|site| {
        site.write(
            "content/about.md",
            "---\ntitle: About\nweight: 1\ntitle: Again\n---\n",
        );
    });
    assert!(stderr.contains("content/about.md:4:1"), "{stderr}");
    assert!(stderr.contains("`title` is written twice"), "{stderr}");
}

#[test]
fn an_alias_bomb_fails_quickly_with_help() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, previous) in [
        ("b", "a"),
        ("c", "b"),
        ("d", "c"),
        ("e", "d"),
        ("f", "e"),
        ("g", "f"),
    ] {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let started = Instant::now();
    let site = directory::site();
    site.build().assert_ok();
    let mut service = directory::service("pantry", "");
    service = service.replace("languages: [English]", "languages: *g");
    site.write(
        "directory_data/services/pantry.yaml",
        &format!("{bomb}{service}"),
    );
    let run = site.build();
    run.assert_failed();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        run.stderr.contains("directory_data/services/pantry.yaml"),
        "{}",
        run.stderr
    );
}

#[test]
fn deeply_nested_brackets_fail_in_well_under_a_second() {
    let site = Fixture::new();
    site.build().assert_ok();
    let depth = 100_000;
    site.write(
        "content/about.md",
        &format!(
            "---\ntitle: About\ntags: {}{}\n---\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    );
    let started = Instant::now();
    let run = site.build();
    let took = started.elapsed();
    run.assert_failed()
        .assert_stderr_has(&["content/about.md:3:", "nested more than 32 deep"]);
    assert!(took < Duration::from_secs(1), "took {took:?}");
    assert!(
        run.stderr.len() < 4000,
        "the 200 KB line is not printed whole"
    );
}

/// Replaces the pantry service with `change` applied, builds, and checks the build failed and
/// the directory page survived; returns the error output.
fn service_refused(change: impl Fn(String) -> String) -> String {
    let site = directory::site();
    site.build().assert_ok();
    let before = site.read_output("directory/index.html");
    site.write(
        "directory_data/services/pantry.yaml",
        &change(directory::service("pantry", "")),
    );
    let run = site.build();
    run.assert_failed();
    assert_eq!(site.read_output("directory/index.html"), before);
    run.stderr
}

#[test]
fn a_megabyte_service_name_is_refused() {
    let stderr = service_refused(|service| {
        service.replace(
            "name: Service pantry",
            &format!("name: {}", "N".repeat(1_000_000)),
        )
    });
    assert!(
        stderr.contains("directory_data/services/pantry.yaml:2:"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(stderr.contains("`name` is 1000000 characters long; the most is 200"));
    assert!(stderr.len() < 4000, "the name is not printed whole");
}

#[test]
fn two_hundred_phone_numbers_are_refused_and_a_hundred_thousand_are_too_big_to_read() {
    let phones = |count: usize| -> String { "  - number: 01632 961 210\n".repeat(count) };
    let stderr = service_refused(|service| {
        service.replace("phones:\n", &format!("phones:\n{}", phones(200)))
    });
    assert!(
        stderr.contains("`phones` has 201 entries; the most is 50"),
        "{stderr}"
    );
    let stderr = service_refused(|service| {
        service.replace("phones:\n", &format!("phones:\n{}", phones(100_000)))
    });
    assert!(
        stderr.contains("directory_data/services/pantry.yaml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("signpost reads files of up to 2048 KB"),
        "{stderr}"
    );
}

#[test]
fn a_service_file_that_starts_with_a_byte_order_mark_is_read() {
    let site = directory::site();
    let service = directory::service("pantry", "");
    site.write(
        "directory_data/services/pantry.yaml",
        &format!("\u{feff}{service}"),
    );
    site.build().assert_ok();
    assert!(site.output("directory/pantry/index.html").is_file());
}

#[test]
fn a_category_whose_parents_loop() {
    let site = directory::site();
    site.build().assert_ok();
    site.write(
        "directory_data/categories.yaml",
        "categories:\n  - id: food\n    label: Food\n    parent: help\n  - id: help\n    label: Help\n    parent: food\n  - id: family-support\n    label: Family support\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/categories.yaml:4:",
        "the category `food` is its own ancestor: food → help → food",
    ]);
}

#[cfg(unix)]
#[test]
fn a_symlinked_page_is_left_out_with_a_warning() {
    let site = Fixture::new();
    site.write(
        "elsewhere.md",
        "---\ntitle: Elsewhere\n---\nOutside the site.\n",
    );
    std::os::unix::fs::symlink(
        site.root().join("elsewhere.md"),
        site.root().join("content/linked.md"),
    )
    .unwrap();
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr.contains("content/linked.md"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("a link to another file or folder, so it is left out")
    );
    assert!(!site.output("linked/index.html").exists());
}

#[test]
fn an_unfinished_tag_does_not_swallow_the_paragraph_after_it() {
    // Found by the fuzzer (bench/fuzz.sh): `<form` on its own line starts an HTML block, and
    // published as written it would join the next paragraph's <p> into a form.
    let site = Fixture::new();
    page(&site, "<form\n\nNext paragraph.\n");
    site.build().assert_ok();
    let html = site.read_output("about/index.html");
    let main = &html[html.find("<main").unwrap()..html.find("</main>").unwrap()];
    assert!(!main.contains("<form"), "{main}");
    assert!(main.contains("<p>Next paragraph.</p>"), "{main}");
}
