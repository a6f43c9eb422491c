//! One owner for every address: a page, a generated page or a copied file can never silently
//! replace another, and the sitemap lists each address once.

use std::collections::HashSet;

use crate::common::Fixture;
use crate::common::directory;

fn with_signs(site: &Fixture) -> &Fixture {
    site.write(
        "content/signs/_index.md",
        "---\ntitle: Signs\n---\nThe matrix.\n",
    )
    .write(
        "content/signs/0-2/medical.md",
        "---\ntitle: Medical neglect in babies\nband: 0-2\ncategory: medical\nsummary: Missed checks.\n---\nText.\n",
    )
}

/// Builds and checks `site`; both must fail with one error that contains every part.
#[track_caller]
fn both_refuse(site: &Fixture, parts: &[&str]) {
    for command in ["build", "check"] {
        let run = site.signpost(&[command]);
        assert!(!run.success(), "{command} should fail");
        let stderr = run.stderr();
        for part in parts {
            assert!(
                stderr.contains(part),
                "{command}: expected {part:?} in:\n{stderr}"
            );
        }
        assert_eq!(run.error_count(), 1, "{command}: one error:\n{stderr}");
    }
}

#[test]
fn a_written_page_at_the_search_pages_address_is_an_error_naming_both() {
    let site = Fixture::new();
    site.write(
        "content/search.md",
        "---\ntitle: Find things\n---\nMy own search page.\n",
    );
    both_refuse(
        &site,
        &[
            "content/search.md:2:1",
            "would be published at /search/",
            "the search page signpost makes",
            "another file name or another `slug:`",
        ],
    );
}

#[test]
fn a_written_page_at_an_age_band_pages_address_is_an_error_naming_both() {
    let site = Fixture::new();
    with_signs(&site).write(
        "content/signs/0-2/_index.md",
        "---\ntitle: Babies\n---\nMy own page for babies.\n",
    );
    both_refuse(
        &site,
        &[
            "content/signs/0-2/_index.md:2:1",
            "/signs/0-2/",
            "the signs page signpost makes for the age band `0-2`",
        ],
    );
}

#[test]
fn a_written_page_at_a_services_address_is_an_error_naming_the_service() {
    let site = directory::site();
    site.write(
        "content/directory/pantry.md",
        "---\ntitle: Our pantry\n---\nText.\n",
    );
    both_refuse(
        &site,
        &[
            "content/directory/pantry.md:2:1",
            "/directory/pantry/",
            "directory_data/services/pantry.yaml",
        ],
    );
}

#[test]
fn a_static_file_at_the_sitemaps_address_is_an_error_naming_both() {
    let site = Fixture::new();
    site.write("static/sitemap.xml", "<urlset/>");
    both_refuse(
        &site,
        &[
            "static/sitemap.xml",
            "would be published at /sitemap.xml",
            "the sitemap signpost makes",
        ],
    );
}

#[test]
fn a_file_beside_the_pages_at_a_pages_address_is_an_error() {
    let site = Fixture::new();
    site.write("content/about.md", "---\ntitle: About\n---\nText.\n")
        .write("content/about/index.html", "<p>old page</p>");
    both_refuse(
        &site,
        &["/about/", "content/about/index.html", "content/about.md"],
    );
}

#[test]
fn two_files_for_one_sign_cell_are_one_error() {
    let site = Fixture::new();
    with_signs(&site).write(
        "content/signs/0-2/medical-again.md",
        "---\ntitle: Again\nband: 0-2\ncategory: medical\nsummary: Twice.\n---\n",
    );
    both_refuse(
        &site,
        &[
            "are both the signs for 0-2 / medical",
            "content/signs/0-2/medical.md",
        ],
    );
}

#[test]
fn the_sitemap_lists_every_page_once_and_nothing_else() {
    let site = directory::site();
    with_signs(&site);
    site.build().assert_ok();
    let sitemap = site.read_output("sitemap.xml");
    let locations: Vec<&str> = sitemap
        .lines()
        .filter_map(|line| line.trim().strip_prefix("<url><loc>"))
        .filter_map(|line| line.strip_suffix("</loc></url>"))
        .collect();
    let unique: HashSet<&str> = locations.iter().copied().collect();
    assert_eq!(unique.len(), locations.len(), "{sitemap}");
    for page in [
        "/",
        "/search/",
        "/signs/",
        "/signs/0-2/",
        "/signs/type/medical/",
        "/signs/0-2/medical/",
        "/directory/",
        "/directory/pantry/",
        "/directory/category/food/",
    ] {
        let url = format!("https://fixture.example.org{page}");
        assert!(unique.contains(url.as_str()), "{url} in {sitemap}");
    }
    assert!(
        !sitemap.contains("404.html") && !sitemap.contains(".json"),
        "{sitemap}"
    );
}

#[test]
fn a_link_written_as_an_address_is_checked_against_every_route() {
    let site = directory::site();
    site.write(
        "content/help.md",
        "---\ntitle: Help\n---\n[Pantry](/directory/pantry/), [the data](/api/services/index.json), [food](/directory/category/food/) and [nothing](/directory/nowhere/).\n",
    );
    let run = site.signpost(&["build"]);
    run.assert_failed().assert_stderr_has(&[
        "content/help.md:4:",
        "`/directory/nowhere/` matches no page",
    ]);
    assert_eq!(run.error_count(), 1, "{}", run.stderr());
}
