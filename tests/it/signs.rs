//! The signs matrix, voices and the young people's pathway, built from fixture sites.

use crate::common::Fixture;

/// A partnership with its own taxonomy: three bands and four categories.
const FOUR_CATEGORIES: &str = r#"title: Four Categories
base_url: https://four.example.org/
partnership: Four Partnership
taxonomies:
  age_bands:
    - { id: under-5, label: Under 5, min_age: 0, max_age: 4 }
    - { id: 5-11, label: 5 to 11, min_age: 5, max_age: 11 }
    - { id: teens, label: Teenagers, min_age: 12, max_age: 17 }
  neglect_categories:
    - id: physical
      label: Physical
      description: Food, warmth, clothes and a safe home.
    - id: emotional
      label: Emotional
      description: Warmth, attention and comfort.
    - id: health
      label: Health
      description: Health care and appointments.
    - id: education
      label: Education
      description: Learning and school.
"#;

fn cell(band: &str, category: &str) -> String {
    format!(
        "---\ntitle: {category} at {band}\nband: {band}\ncategory: {category}\nsummary: Summary of {category} for {band}.\nyoung_people_summary: For young people, {category} {band}.\n---\n## What you might notice\n\nSigns.\n"
    )
}

/// The four-category site with every cell written.
fn full_site() -> Fixture {
    let site = Fixture::new();
    site.write("site.yaml", FOUR_CATEGORIES).write(
        "content/signs/_index.md",
        "---\ntitle: Signs by age\n---\nThe matrix.\n",
    );
    for band in ["under-5", "5-11", "teens"] {
        for category in ["physical", "emotional", "health", "education"] {
            site.write(
                &format!("content/signs/{band}/{category}.md"),
                &cell(band, category),
            );
        }
    }
    site
}

fn voice(extra: &str) -> String {
    format!(
        "---\nwho: young person, 14\nwhere: Youth forum\nwhen: 2025-06-12\ncategories: [physical]\nage_bands: [teens]\n{extra}---\nNobody noticed my shoes had holes in.\n"
    )
}

#[test]
fn a_partnerships_own_bands_and_categories_make_the_matrix() {
    let site = full_site();
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr().is_empty(), "no warnings: {}", run.stderr());
    let matrix = site.read_output("signs/index.html");
    assert!(
        matrix.contains(r#"<table class="matrix" aria-labelledby="matrix-caption">"#),
        "the table is named by its caption"
    );
    assert_eq!(
        matrix.matches(r#"<th scope="col">"#).count(),
        4,
        "one column per category"
    );
    assert_eq!(
        matrix.matches(r#"<th scope="row">"#).count(),
        3,
        "one row per band"
    );
    for band in ["under-5", "5-11", "teens"] {
        for category in ["physical", "emotional", "health", "education"] {
            assert!(
                matrix.contains(&format!(r#"href="/signs/{band}/{category}/""#)),
                "{band}/{category} linked"
            );
        }
    }
}

#[test]
fn every_band_and_category_has_a_page() {
    let site = full_site();
    site.build().assert_ok();
    let band = site.read_output("signs/teens/index.html");
    assert!(band.contains("Signs of neglect: Teenagers"));
    for category in ["physical", "emotional", "health", "education"] {
        assert!(
            band.contains(&format!("Summary of {category} for teens.")),
            "{category} on the band page"
        );
    }
    let category = site.read_output("signs/type/health/index.html");
    for band in ["under-5", "5-11", "teens"] {
        assert!(
            category.contains(&format!(r#"href="/signs/{band}/health/""#)),
            "{band} on the category page"
        );
    }
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("https://four.example.org/signs/type/health/"));
}

#[test]
fn a_cell_page_links_to_its_neighbours_on_both_axes() {
    let site = full_site();
    site.build().assert_ok();
    let html = site.read_output("signs/5-11/emotional/index.html");
    assert!(
        html.contains(r#"href="/signs/under-5/emotional/""#),
        "younger"
    );
    assert!(html.contains(r#"href="/signs/teens/emotional/""#), "older");
    assert!(
        html.contains(r#"href="/signs/5-11/physical/""#),
        "previous category"
    );
    assert!(
        html.contains(r#"href="/signs/5-11/health/""#),
        "next category"
    );
    assert!(
        html.contains(r#"href="/signs/5-11/""#)
            && html.contains(r#"href="/signs/type/emotional/""#)
    );
    assert!(html.contains("For young people, emotional 5-11."));
}

#[test]
fn guidance_can_link_to_cells_and_generated_pages() {
    let site = full_site();
    site.write(
        "content/friend.md",
        "---\ntitle: Friend\naudience: young-people\n---\n[Hungry?](@/signs/teens/physical.md) [Teens](/signs/teens/)\n",
    );
    site.build().assert_ok();
    let html = site.read_output("friend/index.html");
    assert!(html.contains(r#"href="/signs/teens/physical/""#), "{html}");
    assert!(html.contains(r#"href="/signs/teens/""#));
}

#[test]
fn a_missing_cell_is_a_warning_listing_every_missing_cell() {
    let site = full_site();
    site.remove("content/signs/teens/health.md");
    site.remove("content/signs/under-5/education.md");
    let run = site.build();
    run.assert_ok().assert_stderr_has(&[
        "warning: 2 cell(s) of the signs matrix have no file: under-5/education, teens/health",
    ]);
    // Unfinished work is for staff (check, serve), never shown to the public.
    let matrix = site.read_output("signs/index.html");
    assert!(!matrix.contains("Not written yet"), "{matrix}");
    assert!(
        matrix.contains("No page yet"),
        "screen readers hear why the cell is empty"
    );
    let band = site.read_output("signs/teens/index.html");
    assert!(
        !band.contains(">Health<"),
        "the missing cell is left out: {band}"
    );
    assert!(band.contains(">Physical<"));
}

#[test]
fn a_cell_marked_not_applicable_is_not_warned_about() {
    let site = full_site();
    site.remove("content/signs/under-5/education.md");
    site.write(
        "site.yaml",
        &format!("{FOUR_CATEGORIES}  not_applicable: [under-5/education]\n"),
    );
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    assert!(
        site.read_output("signs/index.html")
            .contains("Does not apply")
    );
}

/// Builds the full site, breaks it, and checks the failure left the old output alone.
fn fails_keeping_output(site: &Fixture, break_it: impl FnOnce(&Fixture)) -> String {
    site.build().assert_ok();
    let before = site.read_output("signs/index.html");
    break_it(site);
    let run = site.build();
    run.assert_failed();
    assert_eq!(
        site.read_output("signs/index.html"),
        before,
        "previous output survived"
    );
    run.stderr()
}

#[test]
fn an_unknown_band_lists_the_valid_ids() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| {
        site.write(
            "content/signs/teens/health.md",
            &cell("teenagers", "health"),
        );
    });
    assert!(
        stderr.contains("`teenagers` is not one of the age bands declared in site.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `teens`?"), "{stderr}");
    assert!(
        stderr.contains("content/signs/teens/health.md:3:1"),
        "{stderr}"
    );
    assert!(stderr.contains("under-5, 5-11, teens"), "{stderr}");
}

#[test]
fn an_unknown_category_lists_the_valid_ids() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| {
        site.write("content/signs/teens/health.md", &cell("teens", "medical"));
    });
    assert!(
        stderr.contains("`medical` is not one of the neglect categories declared in site.yaml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/signs/teens/health.md:4:1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("physical, emotional, health, education"),
        "{stderr}"
    );
}

#[test]
fn two_files_for_one_cell_name_both() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| {
        site.write("content/signs/extra.md", &cell("teens", "health"));
    });
    assert!(
        stderr.contains("are both the signs for teens / health"),
        "{stderr}"
    );
    assert!(stderr.contains("content/signs/extra.md"), "{stderr}");
    assert!(stderr.contains("content/signs/teens/health.md"), "{stderr}");
}

#[test]
fn sign_files_need_a_section_page_for_the_matrix() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| site.remove("content/signs/_index.md"));
    assert!(
        stderr.contains("there are sign files but no page to show the matrix on"),
        "{stderr}"
    );
    assert!(stderr.contains("content/signs/_index.md"), "{stderr}");
}

#[test]
fn voices_show_with_attribution_beside_their_signs_and_on_the_voices_page() {
    let site = full_site();
    site.write("content/voices/_index.md", "---\ntitle: Voices\n---\n")
        .write(
            "content/voices/shoes.md",
            &voice("consent: true\nillustrative: true\n"),
        );
    site.build().assert_ok();
    let quote = "<blockquote><p>Nobody noticed my shoes had holes in.</p>\n</blockquote>";
    let cell = site.read_output("signs/teens/physical/index.html");
    assert!(cell.contains(quote), "{cell}");
    assert!(cell.contains("young person, 14, Youth forum, June 2025"));
    assert!(cell.contains("illustrative example"));
    let voices = site.read_output("voices/index.html");
    assert!(voices.contains(quote));
    assert!(
        voices.contains(r#"href="/signs/type/physical/""#),
        "links back to the signs"
    );
    assert!(
        site.read_output("index.html").contains(quote),
        "featured on the home page"
    );
    assert!(
        site.read_output("signs/teens/index.html").contains(quote),
        "on the band page"
    );
    assert!(
        !site
            .read_output("signs/5-11/emotional/index.html")
            .contains(quote),
        "not on unrelated cells"
    );
}

#[test]
fn the_home_page_voices_are_the_same_on_every_build() {
    let site = full_site();
    site.write(
        "content/voices/a.md",
        &voice("consent: true\n")
            .replace("shoes had holes in", "voice A")
            .replace("2025-06-12", "2025-01-01"),
    )
    .write(
        "content/voices/b.md",
        &voice("consent: true\n")
            .replace("shoes had holes in", "voice B")
            .replace("2025-06-12", "2025-03-01"),
    )
    .write(
        "content/voices/c.md",
        &voice("consent: true\n")
            .replace("shoes had holes in", "voice C")
            .replace("2025-06-12", "2025-02-01"),
    );
    site.build().assert_ok();
    let first = site.read_output("index.html");
    site.build().assert_ok();
    assert_eq!(site.read_output("index.html"), first);
    assert!(
        first.contains("voice B") && first.contains("voice C") && !first.contains("voice A"),
        "the two newest"
    );
}

#[test]
fn a_voice_without_recorded_consent_is_an_error_not_skipped() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| {
        site.write("content/voices/shoes.md", &voice("consent: false\n"));
    });
    assert!(
        stderr.contains("this voice has no recorded consent, so it cannot be published"),
        "{stderr}"
    );
    assert!(stderr.contains("content/voices/shoes.md:7:1"), "{stderr}");
}

#[test]
fn a_voice_with_no_consent_field_is_an_error() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| {
        site.write("content/voices/shoes.md", &voice(""));
    });
    assert!(
        stderr.contains("the setting `consent` is missing"),
        "{stderr}"
    );
    assert!(stderr.contains("content/voices/shoes.md"), "{stderr}");
}

#[test]
fn a_voice_about_an_unknown_category_lists_the_valid_ids() {
    let site = full_site();
    let stderr = fails_keeping_output(&site, |site| {
        site.write(
            "content/voices/shoes.md",
            &voice("consent: true\n").replace("[physical]", "[hunger]"),
        );
    });
    assert!(
        stderr.contains("`hunger` is not one of the neglect categories declared in site.yaml"),
        "{stderr}"
    );
    assert!(stderr.contains("content/voices/shoes.md:5:1"), "{stderr}");
}

#[test]
fn the_example_site_has_the_whole_pathway() {
    let example = crate::common::ExampleBuild::new();
    let read = |p: &str| example.read(p);
    let young = read("young-people/index.html");
    assert!(
        young.contains(r#"href="/signs/12-plus/nutritional/""#),
        "friend's page leads to the signs"
    );
    assert!(young.contains("0800 1111"), "Childline");
    let cell = read("signs/12-plus/nutritional/index.html");
    assert!(
        cell.contains(r#"href="/young-people/""#),
        "and the signs lead back"
    );
    assert!(cell.contains("<blockquote>"), "with a voice beside them");
    let voices = read("voices/index.html");
    assert!(
        voices.matches("<figure class=\"voice\">").count() >= 8,
        "at least eight voices"
    );
    for band in ["pre-birth", "0-2", "2-4", "5-11", "12-plus"] {
        assert!(
            example.path(&format!("signs/{band}/index.html")).is_file(),
            "{band} page"
        );
    }
}
