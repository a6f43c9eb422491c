//! Building good sites: what a reader of the published site would see.

use crate::common::Fixture;

#[test]
fn pages_get_clean_urls_and_sections_list_their_pages_by_weight() {
    let site = Fixture::new();
    site.write(
        "content/worried/_index.md",
        "---\ntitle: Worried?\n---\nIntro.\n",
    )
    .write(
        "content/worried/report.md",
        "---\ntitle: Report a concern\nweight: 20\n---\nCall.\n",
    )
    .write(
        "content/worried/what-to-do.md",
        "---\ntitle: What to do\nweight: 10\n---\nSteps.\n",
    );
    site.build().assert_ok();
    let section = site.read_output("worried/index.html");
    let first = section.find("What to do").expect("lists what-to-do");
    let second = section.find("Report a concern").expect("lists report");
    assert!(first < second, "weight 10 comes before weight 20");
    assert!(
        site.read_output("worried/what-to-do/index.html")
            .contains("<h1>What to do</h1>")
    );
    assert!(
        site.read_output("worried/report/index.html")
            .contains("Call.")
    );
}

#[test]
fn internal_links_to_source_files_become_urls_with_anchors() {
    let site = Fixture::new();
    site.write("content/a/_index.md", "---\ntitle: A\n---\n## Part one\n\nText.\n")
        .write(
            "content/b.md",
            "---\ntitle: B\n---\nSee [a](a/_index.md#part-one), [home](@/_index.md) and [b](#top-bit).\n\n## Top bit\n",
        );
    site.build().assert_ok();
    let html = site.read_output("b/index.html");
    assert!(html.contains(r#"href="/a/#part-one""#), "{html}");
    assert!(html.contains(r#"href="/""#));
    assert!(
        site.read_output("a/index.html")
            .contains(r#"<h2 id="part-one">"#)
    );
}

#[test]
fn markdown_has_tables_footnotes_and_smart_punctuation() {
    let site = Fixture::new();
    site.write(
        "content/m.md",
        "---\ntitle: M\n---\nIt's \"here\".[^1]\n\n| Age | Sign |\n|---|---|\n| 0-2 | Nappy rash |\n\n[^1]: A source.\n",
    );
    site.build().assert_ok();
    let html = site.read_output("m/index.html");
    assert!(html.contains("It’s “here”."), "{html}");
    assert!(html.contains("<th>Age</th>"));
    assert!(html.contains("A source."));
}

#[test]
fn every_page_has_canonical_url_help_contacts_and_hashed_css() {
    let site = Fixture::new();
    site.build().assert_ok();
    let html = site.read_output("index.html");
    assert!(
        html.contains(r#"<link rel="canonical" href="https://fixture.example.org/">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="tel:08001111""#),
        "tap-to-call Childline"
    );
    let css = html
        .split("href=\"/assets/style.")
        .nth(1)
        .expect("stylesheet link");
    let name = format!("style.{}", &css[..css.find('"').unwrap()]);
    assert!(
        name.ends_with(".css") && name.len() > "style..css".len() + 8,
        "{name}"
    );
    assert!(
        site.output("assets").join(&name).is_file(),
        "{name} was written"
    );
}

#[test]
fn sitemap_robots_and_404_are_written() {
    let site = Fixture::new();
    site.write("content/about.md", "---\ntitle: About\n---\n");
    site.build().assert_ok();
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://fixture.example.org/about/</loc>"),
        "{sitemap}"
    );
    assert!(
        site.read_output("robots.txt")
            .contains("Sitemap: https://fixture.example.org/sitemap.xml")
    );
    assert!(site.read_output("404.html").contains("Page not found"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Fixture::new();
    site.write("content/soon.md", "---\ntitle: Soon\ndraft: true\n---\n");
    site.build().assert_ok();
    assert!(!site.output("soon/index.html").exists());
    site.signpost(&["build", "--drafts"]).assert_ok();
    assert!(site.output("soon/index.html").exists());
}

#[test]
fn a_link_to_a_draft_says_so() {
    let site = Fixture::new();
    site.write("content/soon.md", "---\ntitle: Soon\ndraft: true\n---\n")
        .write(
            "content/now.md",
            "---\ntitle: Now\n---\nSee [soon](soon.md).\n",
        );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["content/now.md:4:5", "which is a draft"]);
}

#[test]
fn slugs_change_the_address() {
    let site = Fixture::new();
    site.write(
        "content/long-name.md",
        "---\ntitle: Short\nslug: short\n---\n",
    );
    site.build().assert_ok();
    assert!(site.output("short/index.html").exists());
}

#[test]
fn base_url_can_be_overridden_for_a_preview() {
    let site = Fixture::new();
    site.signpost(&["build", "--base-url", "https://preview.example.org"])
        .assert_ok();
    assert!(
        site.read_output("index.html")
            .contains(r#"href="https://preview.example.org/""#)
    );
}

#[test]
fn the_site_root_is_found_from_a_subfolder() {
    let site = Fixture::new();
    site.write("content/deep/page.md", "---\ntitle: Deep\n---\n");
    let output = assert_cmd::Command::cargo_bin("signpost")
        .unwrap()
        .arg("build")
        .current_dir(site.root().join("content/deep"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(site.output("deep/page/index.html").exists());
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let site = Fixture::new();
    site.write(
        "templates/partials/footer.html",
        "<footer>Custom footer for {{ site.partnership }}</footer>",
    );
    site.build().assert_ok();
    let html = site.read_output("index.html");
    assert!(html.contains("Custom footer for Fixture Partnership"));
    assert!(
        html.contains("Worried about a child?"),
        "the rest of the theme stays"
    );
}

#[test]
fn a_page_can_choose_its_template() {
    let site = Fixture::new();
    site.write("templates/plain.html", "PLAIN {{ page.title }}")
        .write("content/p.md", "---\ntitle: P\ntemplate: plain.html\n---\n");
    site.build().assert_ok();
    assert_eq!(site.read_output("p/index.html"), "PLAIN P");
}

#[test]
fn indentation_is_left_out_of_the_published_html_but_preformatted_text_is_kept() {
    let site = Fixture::new();
    let template = "<main>\n    <h1>{{ page.title }}</h1>\n\n    \n    <div>\n        {{ page.content | safe }}\n    </div>\n    <textarea>\n  kept\n\n  as written</textarea>\n</main>\n";
    site.write("templates/plain.html", template).write(
        "content/p.md",
        "---\ntitle: P\ntemplate: plain.html\n---\nSome words.\n\n```\nfn main() {\n    indented();\n\n}\n```\n",
    );
    site.build().assert_ok();
    let html = site.read_output("p/index.html");
    assert!(
        html.starts_with("<main>\n<h1>P</h1>\n<div>\n<p>Some words.</p>\n<pre>"),
        "{html}"
    );
    assert!(
        html.contains("fn main() {\n    indented();\n\n}\n</code></pre>"),
        "{html}"
    );
    assert!(
        html.ends_with("</div>\n<textarea>\n  kept\n\n  as written</textarea>\n</main>\n"),
        "{html}"
    );
}

#[test]
fn files_beside_content_are_copied_and_linkable() {
    let site = Fixture::new();
    site.write("content/leaflet.txt", "leaflet").write(
        "content/p.md",
        "---\ntitle: P\n---\n[Leaflet](leaflet.txt)\n",
    );
    site.build().assert_ok();
    assert!(
        site.read_output("p/index.html")
            .contains(r#"href="/leaflet.txt""#)
    );
    assert_eq!(site.read_output("leaflet.txt"), "leaflet");
}

#[test]
fn a_past_review_date_is_a_warning_not_a_failure() {
    let site = Fixture::new();
    site.write(
        "content/old.md",
        "---\ntitle: Old\nreview_by: 2020-01-31\n---\n",
    );
    let run = site.build();
    run.assert_ok().assert_stderr_has(&[
        "warning: this page was due for review on 31 January 2020",
        "content/old.md:3:1",
    ]);
    assert!(run.stdout().contains("with 1 warning"));
}

#[test]
fn init_creates_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("new-site");
    let init = assert_cmd::Command::cargo_bin("signpost")
        .unwrap()
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(init.status.success());
    let site_yaml = std::fs::read_to_string(target.join("site.yaml")).unwrap();
    assert!(
        site_yaml.contains("# The address the site will be published at"),
        "settings are explained"
    );
    assert!(target.join("directory_data/categories.yaml").is_file());
    let build = assert_cmd::Command::cargo_bin("signpost")
        .unwrap()
        .args(["build", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(target.join("public/index.html").is_file());
}

#[test]
fn init_refuses_a_folder_with_files_in_it() {
    let site = Fixture::new();
    let run = site.signpost(&["init", "."]);
    run.assert_failed()
        .assert_stderr_has(&["already exists and is not empty"]);
    assert_eq!(
        std::fs::read_to_string(site.root().join("site.yaml")).unwrap(),
        crate::common::SITE_YAML
    );
}

#[test]
fn the_example_site_builds_warning_only_about_its_placeholder_numbers() {
    let example = crate::common::ExampleBuild::new();
    let unexpected = crate::common::unexpected_warnings(&example.stderr);
    assert!(
        unexpected.is_empty(),
        "the example site has warnings:\n{unexpected:#?}"
    );
    assert!(
        example
            .stderr
            .contains("01632 960 123` (Example Borough Children's Front Door) is a placeholder"),
        "{}",
        example.stderr
    );
    for page in [
        "index.html",
        "about-neglect/what-is-neglect/index.html",
        "worried/report-a-concern/index.html",
        "accessibility/index.html",
        "staying-safe-online/index.html",
    ] {
        assert!(example.path(page).is_file(), "{page}");
    }
}

#[test]
fn a_future_review_date_is_shown_and_a_past_one_is_not() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: 2027-09-30\n---\n",
    )
    .write(
        "content/b.md",
        "---\ntitle: B\nreview_by: 2025-12-31\n---\n",
    );
    site.build().assert_ok();
    assert!(
        site.read_output("a/index.html")
            .contains("This page will be reviewed by 30 September 2027.")
    );
    let overdue = site.read_output("b/index.html");
    assert!(!overdue.contains("review"), "{overdue}");
}
