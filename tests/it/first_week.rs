//! A new partnership's first week (issue 18): what a comms officer sees when they quote young
//! people from their own strategy, link to the wrong page, or leave a preview link in.

use crate::common::Fixture;

fn voices_site() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/voices/_index.md",
        "---\ntitle: In their own words\n---\n",
    );
    site
}

fn voice(front: &str, words: &str) -> String {
    format!("---\nwho: young person, 15\n{front}consent: true\n---\n{words}\n")
}

#[test]
fn a_voice_is_dated_as_far_as_the_partnership_knows_and_no_further() {
    let site = voices_site();
    site.write(
        "content/voices/year.md",
        &voice("when: 2021\n", "Dated to the year."),
    )
    .write(
        "content/voices/month.md",
        &voice("when: 2021-06\n", "Dated to the month."),
    )
    .write("content/voices/undated.md", &voice("", "Not dated at all."))
    .write(
        "content/voices/quoted.md",
        &voice(
            "where: Youth forum\nwhen: 2024-03-09\nsource: the Neglect Strategy 2025\n",
            "Quoted from a strategy.",
        ),
    );
    site.build().assert_ok();
    let html = site.read_output("voices/index.html");
    let caption_of = |words: &str| {
        let at = html
            .find(words)
            .unwrap_or_else(|| panic!("{words} in {html}"));
        let rest = &html[at..];
        rest[rest.find("<figcaption>").unwrap()..rest.find("</figcaption>").unwrap()].to_string()
    };
    assert_eq!(
        caption_of("Dated to the year."),
        "<figcaption>young person, 15, 2021"
    );
    assert_eq!(
        caption_of("Dated to the month."),
        "<figcaption>young person, 15, June 2021"
    );
    assert_eq!(
        caption_of("Not dated at all."),
        "<figcaption>young person, 15"
    );
    let quoted = caption_of("Quoted from a strategy.");
    assert!(
        quoted.contains("young person, 15, Youth forum, March 2024"),
        "{quoted}"
    );
    assert!(
        quoted.contains("Quoted in the Neglect Strategy 2025"),
        "{quoted}"
    );
    assert!(
        !quoted.contains(" 9 "),
        "the day is never printed: {quoted}"
    );
}

#[test]
fn a_voice_dated_with_a_month_that_does_not_exist_says_how_to_write_it() {
    let site = voices_site();
    site.write("content/voices/a.md", &voice("when: 2021-13\n", "Words."));
    site.build().assert_failed().assert_stderr_has(&[
        "content/voices/a.md:3:",
        "`2021-13` is not a year or a date: write 2021, 2021-06 or 2021-06-12",
    ]);
}

#[test]
fn a_voice_without_consent_says_why_it_is_needed() {
    let site = voices_site();
    site.write(
        "content/voices/a.md",
        "---\nwho: young person, 15\nwhen: 2021\n---\nWords.\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "content/voices/a.md:",
        "the setting `consent` is missing",
        "add `consent: true` once the young person's consent to publish these words is recorded",
    ]);
}

#[test]
fn quoted_words_do_not_count_against_a_young_peoples_pages_reading_age() {
    let site = Fixture::new();
    let plain = "Is your friend hungry a lot? Tell a teacher. You can call Childline. It is free. "
        .repeat(6);
    let hard = "Practitioners should consider the cumulative developmental consequences of persistent deprivation. ".repeat(6);
    site.write(
        "content/friend.md",
        &format!("---\ntitle: Help a friend\naudience: young-people\n---\n{plain}\n\n> {hard}\n"),
    );
    let run = site.signpost(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let age = report["readability"][0]["reading_age"].as_f64().unwrap();
    assert!(age < 9.0, "the quote is left out: {age}");
    assert_eq!(report["warnings"], 0, "{}", run.stdout);
}

#[test]
fn a_voice_the_page_already_quotes_is_not_repeated_beside_it() {
    let site = voices_site();
    site.write(
        "content/voices/lunch.md",
        "---\nwho: young person, 15\ncategories: [nutritional]\nconsent: true\n---\nI never had lunch money.\n",
    )
    .write(
        "content/voices/cold.md",
        "---\nwho: young person, 13\ncategories: [nutritional]\nconsent: true\n---\nThe house was always cold.\n",
    )
    .write(
        "content/food.md",
        "---\ntitle: Food\ntags: [nutritional]\n---\nOne young person told us:\n\n> I never had lunch money.\n",
    );
    site.build().assert_ok();
    let html = site.read_output("food/index.html");
    assert_eq!(
        html.matches("I never had lunch money.").count(),
        1,
        "{html}"
    );
    assert!(
        html.contains("The house was always cold."),
        "the other voice still shows"
    );
}

#[test]
fn a_link_to_a_misnamed_folder_suggests_the_same_file_in_the_right_one() {
    let site = Fixture::new();
    site.write("content/signs/_index.md", "---\ntitle: Signs\n---\n")
        .write(
            "content/signs/12-plus/physical.md",
            "---\ntitle: Physical\nband: 12-plus\ncategory: physical\nsummary: S.\n---\n",
        )
        .write(
            "content/signs/pre-birth/physical.md",
            "---\ntitle: Physical\nband: pre-birth\ncategory: physical\nsummary: S.\n---\n",
        )
        .write(
            "content/teens.md",
            "---\ntitle: Teens\n---\n[Signs](@/signs/teenagers/physical.md)\n",
        );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["did you mean content/signs/12-plus/physical.md?"]);
}

#[test]
fn a_front_matter_mistake_does_not_hide_the_files_broken_links() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\naudience: everyone\n---\nSee [the page](nowhere.md).\n",
    );
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "content/a.md:3:",
        "unknown variant `everyone`",
        "content/a.md:5:5",
        "the link `nowhere.md` points to content/nowhere.md, which does not exist",
    ]);
}

#[test]
fn a_link_to_the_preview_on_your_own_computer_is_a_warning() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\n---\nSee [what to do](http://127.0.0.1:1111/worried/) and [this](http://localhost:1111/).\n",
    );
    let run = site.build();
    run.assert_ok();
    assert!(run.stderr.contains("content/a.md:4:5"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`http://127.0.0.1:1111/worried/` is the preview on your own computer"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`http://localhost:1111/` is the preview"),
        "{}",
        run.stderr
    );
    assert_eq!(site.spawn(&["check", "--strict"]).code, Some(1));
}

// ---------------------------------------------------------------------------------------
// Service pages, young people's pages and the directory, as a comms officer sees them.

use crate::common::directory;

/// The text of the first element of `html` after `marker` (which must be there), up to `end`.
fn after<'a>(html: &'a str, marker: &str, end: &str) -> &'a str {
    let start = html
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {html}"));
    let rest = &html[start + marker.len()..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn a_service_page_goes_on_from_its_lead_sentence_and_gives_each_phones_note_plainly() {
    let site = directory::site();
    site.write(
        "directory_data/services/pantry.yaml",
        &directory::service("pantry", "").replace(
            "    type: voice\n",
            "    type: voice\n    description: Ring if you need food today\n",
        ),
    );
    site.build().assert_ok();
    let html = site.read_output("directory/pantry/index.html");
    assert!(
        html.contains("<p class=\"lede\">What pantry offers.</p>"),
        "the lead sentence opens the page: {html}"
    );
    let offers = after(
        &html,
        "<h2 id=\"what-it-offers\">What it offers</h2>",
        "</p>",
    );
    assert!(offers.contains("More about it."), "{offers}");
    assert!(
        !offers.contains("What pantry offers."),
        "the lead is not said twice: {offers}"
    );
    assert!(!html.contains("Phone (Ring if"), "{html}");
    assert!(
        html.contains("Phone: <a href=\"tel:01632961210\">01632 961 210</a><span class=\"contact-note\">Ring if you need food today</span>"),
        "{html}"
    );
}

#[test]
fn a_services_own_summary_is_its_card_and_an_illustrative_listing_says_it_is_made_up() {
    let site = directory::site();
    site.write(
        "directory_data/services/pantry.yaml",
        &directory::service(
            "pantry",
            "summary: Free food, no questions asked.\nillustrative: true\n",
        ),
    );
    site.build().assert_ok();
    let list = site.read_output("directory/index.html");
    let card = after(
        &list,
        "<li class=\"service-card\" data-id=\"pantry\"",
        "</li>\n",
    );
    assert!(
        card.contains("<p>Free food, no questions asked.</p>"),
        "{card}"
    );
    assert!(
        card.contains("An illustrative example, not a real service."),
        "{card}"
    );
    let other = after(
        &list,
        "<li class=\"service-card\" data-id=\"hub\"",
        "</li>\n",
    );
    assert!(
        other.contains("<p>What hub offers.</p>"),
        "without a summary, the description's first sentence: {other}"
    );
    assert!(!other.contains("illustrative"), "{other}");
    let page = site.read_output("directory/pantry/index.html");
    assert!(page.contains("<p class=\"lede\">Free food, no questions asked.</p>"));
    assert!(
        page.contains("this listing was made up to show how one looks, and is not a real service"),
        "{page}"
    );
    let offers = after(
        &page,
        "<h2 id=\"what-it-offers\">What it offers</h2>",
        "</p>",
    );
    assert!(
        offers.contains("What pantry offers. More about it."),
        "a summary of its own leaves the description whole: {offers}"
    );
    let filters = site.read_output("directory/filters.json");
    assert!(filters.contains("\"illustrative\": true"), "{filters}");
}

#[test]
fn an_empty_service_summary_says_what_to_write() {
    let site = directory::site();
    site.write(
        "directory_data/services/pantry.yaml",
        &directory::service("pantry", "summary: \"\"\n"),
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/services/pantry.yaml:",
        "the summary is empty",
        "remove `summary:` to use the description's first sentence",
    ]);
}

#[test]
fn the_postcode_hint_is_one_of_the_sites_own_districts() {
    let site = directory::site();
    site.write(
        "directory_data/postcode_districts.csv",
        "# Coventry's districts, centres from the ONS\ndistrict,latitude,longitude\ncv1,52.4081,-1.5106\nCV2,52.4230,-1.4728\n",
    );
    site.build().assert_ok();
    let html = site.read_output("directory/index.html");
    assert!(
        html.contains("The first part of your postcode, such as CV1</label>"),
        "{html}"
    );
    for leftover in ["EB3", "EB1", "Example Borough"] {
        assert!(!html.contains(leftover), "{leftover} in {html}");
    }
    site.remove("directory_data/postcode_districts.csv");
    site.build().assert_ok();
    let html = site.read_output("directory/index.html");
    assert!(
        html.contains("The first part of your postcode, before the space</label>"),
        "a neutral hint without districts: {html}"
    );
}

#[test]
fn a_district_that_cannot_be_read_is_named_by_its_line() {
    let site = directory::site();
    site.write(
        "directory_data/postcode_districts.csv",
        "# a note\ndistrict,latitude,longitude\nCV1,52.4081,-1.5106\nCV2,north,-1.4728\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/postcode_districts.csv:4:1",
        "this row cannot be read",
        "e.g. CV1,52.4081,-1.5106",
    ]);
}

#[test]
fn a_directory_category_for_every_type_of_neglect_follows_the_sites_own_types() {
    let site = directory::site();
    site.write(
        "site.yaml",
        &format!(
            "{}taxonomies:\n  neglect_categories:\n    - {{ id: basic-care, label: Basic care }}\n    - {{ id: safety, label: Safety }}\n",
            crate::common::SITE_YAML
        ),
    )
    .write(
        "directory_data/categories.yaml",
        "categories:\n  - id: family-support\n    label: Family support\n    neglect_categories: all\n  - id: food\n    label: Food banks\n    neglect_categories: [basic-care]\n",
    )
    .write(
        "content/safety.md",
        "---\ntitle: Keeping children safe\ntags: [safety]\n---\nWords.\n",
    );
    site.build().assert_ok();
    let html = site.read_output("safety/index.html");
    let support = after(
        &html,
        "<h2 id=\"support-heading\">Local support</h2>",
        "</section>",
    );
    assert!(support.contains("Service hub"), "{support}");
    assert!(!support.contains("Service pantry"), "{support}");
}

#[test]
fn neglect_categories_written_as_one_word_other_than_all_says_how_to_write_it() {
    let site = directory::site();
    site.write(
        "directory_data/categories.yaml",
        "categories:\n  - id: food\n    label: Food banks\n    neglect_categories: nutritional\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "directory_data/categories.yaml:",
        "write `[nutritional]`",
        "or `all`",
    ]);
}

/// A site with services for families, for young people, and for young people of 16 and over.
fn young_peoples_site() -> crate::common::Fixture {
    let site = directory::site();
    let for_young_people = |id: &str, ages: &str| {
        directory::service(id, "audience: [young-people]\n")
            .replace("categories: [food]", "categories: [family-support]")
            .replace("maximum_age: 11", ages)
    };
    site.write(
        "directory_data/services/youth-club.yaml",
        &for_young_people("youth-club", "maximum_age: 18"),
    )
    .write(
        "directory_data/services/college-advice.yaml",
        &for_young_people("college-advice", "maximum_age: 25")
            .replace("minimum_age: 0", "minimum_age: 16"),
    )
    .write(
        "content/young-people/_index.md",
        "---\ntitle: Worried about a friend?\naudience: young-people\n---\nTalk to someone.\n",
    )
    .write(
        "content/young-people/friend.md",
        "---\ntitle: Helping a friend\naudience: young-people\ntags: [emotional]\n---\nTalk to someone.\n",
    )
    .write(
        "content/young-people/secondary.md",
        "---\ntitle: At secondary school\naudience: young-people\nage_bands: [12-plus]\ntags: [emotional]\n---\nTalk to someone.\n",
    )
    .write(
        "content/worried.md",
        "---\ntitle: Worried about a child\ntags: [emotional]\n---\nCall us.\n",
    );
    site
}

#[test]
fn a_young_peoples_page_has_their_own_help_box_with_childline_first() {
    let site = young_peoples_site();
    site.build().assert_ok();
    let young = site.read_output("young-people/index.html");
    let help = after(
        &young,
        "<aside class=\"help help-young-people\"",
        "</aside>",
    );
    assert!(help.contains(">Talk to someone</h2>"), "{help}");
    assert!(!young.contains("Worried about a child?</h2>"), "{young}");
    let childline = help.find("tel:08001111").expect("Childline");
    let danger = help.find("tel:999").expect("999");
    assert!(childline < danger, "Childline first: {help}");
    let adults = site.read_output("worried/index.html");
    assert!(adults.contains("<h2 id=\"help-heading\">Worried about a child?</h2>"));
    assert!(!adults.contains("help-young-people"));
}

#[test]
fn a_young_peoples_page_lists_only_services_for_young_people_of_its_ages() {
    let site = young_peoples_site();
    site.build().assert_ok();
    let support = |page: &str| {
        let html = site.read_output(page);
        after(
            &html,
            "<h2 id=\"support-heading\">Local support</h2>",
            "</section>",
        )
        .to_string()
    };
    let any_age = support("young-people/friend/index.html");
    assert!(any_age.contains("Service youth-club"), "{any_age}");
    assert!(any_age.contains("Service college-advice"), "{any_age}");
    assert!(
        !any_age.contains("Service hub"),
        "family services are for adults: {any_age}"
    );
    let secondary = support("young-people/secondary/index.html");
    assert!(secondary.contains("Service youth-club"), "{secondary}");
    assert!(
        secondary.contains("Service college-advice"),
        "16 to 25 meets 12 and over: {secondary}"
    );
    let adults = support("worried/index.html");
    assert!(adults.contains("Service hub"), "{adults}");
}

#[test]
fn a_page_about_an_age_band_lists_services_for_those_ages() {
    let site = young_peoples_site();
    site.write(
        "content/babies.md",
        "---\ntitle: Babies\nage_bands: [0-2]\ntags: [emotional]\n---\nWords.\n",
    );
    site.build().assert_ok();
    let html = site.read_output("babies/index.html");
    let support = after(
        &html,
        "<h2 id=\"support-heading\">Local support</h2>",
        "</section>",
    );
    assert!(support.contains("Service hub"), "{support}");
    assert!(
        !support.contains("Service college-advice"),
        "16 and over is not for babies: {support}"
    );
}

#[test]
fn a_page_about_an_age_band_site_yaml_does_not_declare_names_the_valid_ones() {
    let site = Fixture::new();
    site.write(
        "content/teens.md",
        "---\ntitle: Teenagers\nage_bands: [teens]\n---\nWords.\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "content/teens.md:3:",
        "`teens` is not one of the age bands declared in site.yaml",
        "12-plus",
    ]);
}

#[test]
fn the_young_peoples_help_box_says_what_site_yaml_says_and_its_numbers_are_checked() {
    let site = young_peoples_site();
    site.write(
        "site.yaml",
        &format!(
            "{}young_people_help:\n  heading: Need to talk?\n  text: Our youth workers are here for you.\n  contacts:\n    - label: Youth line\n      phone: 0808 8OO 5000\n",
            crate::common::SITE_YAML
        ),
    );
    site.build().assert_failed().assert_stderr_has(&[
        "site.yaml:13:7",
        "`0808 8OO 5000` (Youth line) is not a UK phone number a reader can ring",
    ]);
    site.write(
        "site.yaml",
        &format!(
            "{}young_people_help:\n  heading: Need to talk?\n  text: Our youth workers are here for you.\n  contacts:\n    - label: Youth line\n      phone: 01632 960 555\n",
            crate::common::SITE_YAML
        ),
    );
    site.build()
        .assert_ok()
        .assert_stderr_has(&["`01632 960 555` (Youth line) is a placeholder"]);
    let html = site.read_output("young-people/index.html");
    let help = after(&html, "<aside class=\"help help-young-people\"", "</aside>");
    assert!(help.contains(">Need to talk?</h2>"), "{help}");
    assert!(
        help.contains("Our youth workers are here for you."),
        "{help}"
    );
    assert!(help.contains("tel:01632960555"), "{help}");
    assert!(!help.contains("0800 1111"), "the site's own list: {help}");
}

#[test]
fn a_wide_table_scrolls_in_a_region_named_by_its_caption_which_stays_outside_it() {
    let site = Fixture::new();
    site.write(
        "content/figures-page.md",
        "---\ntitle: Figures\n---\n## Contacts\n\nTable: Contacts by year, 2019 to 2024\n\n| Year | 2019 | 2020 |\n|---|--:|--:|\n| Contacts | 73 | 98 |\n\n## Who to call\n\n| Who | Number |\n|---|---|\n| Childline | 0800 1111 |\n",
    );
    site.build().assert_ok();
    let html = site.read_output("figures-page/index.html");
    assert!(
        html.contains(r#"<p class="table-caption" id="table-1-caption">Contacts by year, 2019 to 2024</p><div class="table-scroll" role="region" aria-labelledby="table-1-caption" tabindex="0"><table>"#),
        "{html}"
    );
    assert!(
        !html.contains("<p>Table:"),
        "the caption is not a paragraph too: {html}"
    );
    assert!(
        html.contains(r#"<div class="table-scroll" role="region" aria-label="Table: Who to call" tabindex="0"><table>"#),
        "without a caption, the heading above names it: {html}"
    );
}

#[test]
fn the_signs_matrix_names_its_scroll_region_by_a_caption_outside_it_and_labels_each_cell() {
    let site = Fixture::new();
    site.write("content/signs/_index.md", "---\ntitle: Signs\n---\n")
        .write(
            "content/signs/0-2/physical.md",
            "---\ntitle: Physical\nband: 0-2\ncategory: physical\nsummary: S.\n---\n",
        );
    site.build().assert_ok();
    let html = site.read_output("signs/index.html");
    let caption = html
        .find(r#"<h2 class="table-caption" id="matrix-caption">"#)
        .expect("a caption");
    let region = html
        .find(r#"<div class="table-scroll" role="region" aria-labelledby="matrix-caption" tabindex="0">"#)
        .expect("a named region");
    assert!(
        caption < region,
        "the caption is outside the scrolling part"
    );
    assert!(html.contains(r#"<table class="matrix" aria-labelledby="matrix-caption">"#));
    assert!(
        html.contains(r#"<td data-label="Physical neglect"><a href="/signs/0-2/physical/">"#),
        "a stacked cell shows its type of neglect: {html}"
    );
    assert!(
        html.contains(r#"<td data-label="Medical neglect" class="matrix-empty">"#),
        "a cell not written yet is left out of the stacked layout: {html}"
    );
}
