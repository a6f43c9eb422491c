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
