//! The headers a <meta> tag cannot carry, written for static hosts (README "Security
//! headers"), and the quick exit's settings in site.yaml.

use crate::common::{self, ExampleBuild, Fixture};

/// `name: value` pairs under `/*` in a `_headers` file written by the build.
fn netlify_headers(text: &str) -> Vec<(String, String)> {
    let block = &text[text.rfind("\n/*\n").expect("a /* block") + 4..];
    block
        .lines()
        .take_while(|line| line.starts_with("  "))
        .map(|line| {
            let (name, value) = line.trim().split_once(": ").expect("name: value");
            (name.to_string(), value.to_string())
        })
        .collect()
}

/// The Content-Security-Policy of a page's <meta> tag, unescaped.
fn meta_csp(html: &str) -> String {
    let start = html
        .find(r#"http-equiv="Content-Security-Policy" content=""#)
        .expect("a CSP meta tag")
        + r#"http-equiv="Content-Security-Policy" content=""#.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end]
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

#[test]
fn the_build_writes_headers_for_netlify_cloudflare_and_apache() {
    let site = ExampleBuild::new();
    let headers = netlify_headers(&site.read("_headers"));
    let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Content-Security-Policy",
            "X-Frame-Options",
            "Referrer-Policy",
            "X-Content-Type-Options",
            "Permissions-Policy"
        ]
    );
    let value = |name: &str| &headers.iter().find(|(n, _)| n == name).unwrap().1;
    let page_csp = meta_csp(&site.read("index.html"));
    let header_csp = value("Content-Security-Policy");
    assert!(
        header_csp.contains("frame-ancestors 'none'"),
        "{header_csp}"
    );
    for directive in header_csp.split("; ") {
        assert!(
            directive.starts_with("frame-ancestors") || page_csp.contains(directive),
            "the header adds to the pages' own policy only what a meta tag cannot say: {directive}"
        );
    }
    assert_eq!(value("Referrer-Policy"), "no-referrer");
    assert_eq!(value("X-Content-Type-Options"), "nosniff");
    assert_eq!(value("X-Frame-Options"), "DENY");
    assert!(value("Permissions-Policy").starts_with("geolocation=(self),"));

    let apache = site.read(".htaccess");
    assert!(apache.contains("<IfModule mod_headers.c>"));
    for (name, value) in &headers {
        assert!(
            apache.contains(&format!("Header always set {name} \"{value}\"")),
            "{name} in .htaccess:\n{apache}"
        );
    }
}

#[test]
fn readme_nginx_snippet_sends_what_the_build_writes() {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("```nginx\n")
        .expect("an nginx snippet in README")
        + 9;
    let snippet = &readme[start..start + readme[start..].find("```").unwrap()];
    let nginx: Vec<(String, String)> = snippet
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix("add_header ")
                .expect("add_header lines")
                .strip_suffix("\" always;")
                .expect("each ends with always;");
            let (name, value) = rest.split_once(" \"").unwrap();
            (name.to_string(), value.to_string())
        })
        .collect();
    let site = ExampleBuild::new();
    assert_eq!(nginx, netlify_headers(&site.read("_headers")));
}

#[test]
fn a_sites_own_headers_and_htaccess_are_kept_with_signposts_rules_after_them() {
    let fixture = Fixture::new();
    fixture.write(
        "static/_headers",
        "# Our cache rules\n/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n",
    );
    fixture.write(
        "static/.htaccess",
        "ErrorDocument 404 /404.html\nHeader set Cache-Control \"max-age=600\"\n",
    );
    fixture.build().assert_ok();
    let headers = fixture.read_output("_headers");
    assert!(headers.starts_with(
        "# Our cache rules\n/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    ));
    assert!(headers.contains("\n/*\n  Content-Security-Policy: "));
    let htaccess = fixture.read_output(".htaccess");
    assert!(htaccess.starts_with("ErrorDocument 404 /404.html\n"));
    assert!(htaccess.find("ErrorDocument").unwrap() < htaccess.find("mod_headers").unwrap());
}

#[test]
fn a_site_file_that_sets_a_security_header_is_an_error_and_the_previous_output_survives() {
    let fixture = Fixture::new();
    fixture.build().assert_ok();
    let before = fixture.read_output("_headers");
    fixture.write(
        "static/_headers",
        "/*\n  X-Robots-Tag: noindex\n  content-security-policy: default-src *\n",
    );
    fixture.write(
        "static/.htaccess",
        "# ours\nHeader always set X-Frame-Options SAMEORIGIN\n",
    );
    fixture
        .build()
        .assert_failed()
        .assert_stderr_has(&[
            "static/_headers:3:3",
            "this file sets `Content-Security-Policy`, which signpost already writes for every page",
            "static/.htaccess:2:",
            "sets `X-Frame-Options`",
            "remove this line",
            "Content-Security-Policy, X-Frame-Options, Referrer-Policy, X-Content-Type-Options, Permissions-Policy",
        ]);
    assert_eq!(
        fixture.read_output("_headers"),
        before,
        "previous output kept"
    );
    assert!(fixture.output("index.html").exists());

    let check = fixture.signpost(&["check"]);
    check.assert_failed();
    assert!(
        check.stderr().contains("static/_headers:3:3")
            || check.stdout().contains("static/_headers:3:3")
    );
}

#[test]
fn pages_replace_each_other_in_history_unless_the_site_turns_it_off() {
    let fixture = Fixture::new();
    fixture.build().assert_ok();
    let home = fixture.read_output("index.html");
    assert!(home.contains("data-quick-exit=\"https://www.bbc.co.uk/weather\""));
    assert!(home.contains(" data-one-page-history"));
    assert!(home.contains("/assets/one-page-history."));

    fixture.write(
        "site.yaml",
        &format!(
            "{}quick_exit:\n  one_page_in_history: false\n",
            common::SITE_YAML
        ),
    );
    fixture.build().assert_ok();
    let home = fixture.read_output("index.html");
    assert!(home.contains("data-quick-exit="), "the exit stays");
    assert!(!home.contains("data-one-page-history"));
    assert!(!home.contains("/assets/one-page-history."));

    fixture.write(
        "site.yaml",
        &format!("{}quick_exit:\n  enabled: false\n", common::SITE_YAML),
    );
    fixture.build().assert_ok();
    let home = fixture.read_output("index.html");
    assert!(!home.contains("data-quick-exit") && !home.contains("quick-exit."));
    assert!(!home.contains("data-one-page-history"));
}

#[test]
fn a_misspelt_quick_exit_setting_names_the_right_one() {
    let fixture = Fixture::new();
    fixture.write(
        "site.yaml",
        &format!(
            "{}quick_exit:\n  one_page_history: false\n",
            common::SITE_YAML
        ),
    );
    fixture.build().assert_failed().assert_stderr_has(&[
        "site.yaml:",
        "unknown setting `one_page_history`",
        "did you mean `one_page_in_history`?",
    ]);
}

#[test]
fn init_explains_one_page_in_history() {
    let parent = tempfile::tempdir().unwrap();
    let fixture = Fixture::new();
    let dir = parent.path().join("new-site");
    fixture
        .signpost(&["init", dir.to_str().unwrap()])
        .assert_ok();
    let yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    let at = yaml
        .find("  one_page_in_history: true")
        .expect("the setting");
    assert!(yaml[..at].contains("Back leads to whatever was open before this site"));
}

#[test]
fn a_new_site_explains_the_quick_exit_to_young_people() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("new-site");
    let fixture = Fixture::new();
    fixture
        .signpost(&["init", dir.to_str().unwrap()])
        .assert_ok();
    let page = std::fs::read_to_string(dir.join("content/staying-safe-online.md")).unwrap();
    assert!(page.contains("If you change `quick_exit: url:` in site.yaml, change \"BBC Weather\""));
    let out = parent.path().join("out");
    fixture
        .signpost(&[
            "build",
            "--root",
            dir.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ])
        .assert_ok();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        home.contains(
            r#"<a class="quick-exit-help" href="/staying-safe-online/">Staying safe online</a>"#
        ),
        "the exit bar links to the page"
    );
}

#[test]
fn a_site_with_a_directory_tells_hosts_how_to_answer_the_feed() {
    let site = ExampleBuild::new();
    let headers = site.read("_headers");
    assert!(headers.contains("/api/*\n  Access-Control-Allow-Origin: *\n"));
    let redirects = site.read("_redirects");
    assert!(redirects.contains("/api/services  page=:page  /api/services/pages/:page.json  200"));
    let apache = site.read(".htaccess");
    assert!(apache.contains("RewriteEngine On") && apache.contains("Access-Control-Allow-Origin"));
    let sitemap = site.read("sitemap.xml");
    assert!(!sitemap.contains("_headers") && !sitemap.contains("htaccess"));
}

#[test]
fn a_site_without_a_directory_has_no_rewrites() {
    let fixture = Fixture::new();
    fixture.build().assert_ok();
    assert!(!fixture.output("_redirects").exists());
    assert!(!fixture.read_output("_headers").contains("/api/"));
}

#[test]
fn a_sites_own_redirects_come_first_so_they_win() {
    let fixture = common::directory::site();
    fixture.write("static/_redirects", "/old-leaflet  /worried/  301\n");
    fixture.build().assert_ok();
    let redirects = fixture.read_output("_redirects");
    assert!(redirects.starts_with("/old-leaflet  /worried/  301\n"));
    assert!(redirects.contains("/api/services"));
}
