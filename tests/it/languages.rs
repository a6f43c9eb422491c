//! Sites in more than one language: translations beside their originals, an address per
//! language, the links between a page's translations, the theme's words per language, the
//! check that a translation is as recent as its original, and search per language.

use crate::common::{Fixture, SITE_YAML};

/// The example site's Polish theme words: complete, so a fixture can declare Polish.
const POLISH_WORDS: &str = include_str!("../../strings/pl.yaml");
const ARABIC_WORDS: &str = include_str!("../../strings/ar.yaml");

const LANGUAGES: &str = "language: en-GB
languages:
  - code: en-GB
    name: English
  - code: pl
    name: Polski
    title: Strona Testowa
  - code: ar
    name: العربية
    direction: rtl
";

/// A site in English, Polish and Arabic: a home page in all three, an about page in English
/// and Polish, a page only in English.
fn site() -> Fixture {
    let site = Fixture::new();
    site.write("site.yaml", &format!("{SITE_YAML}{LANGUAGES}"))
        .write("strings/pl.yaml", POLISH_WORDS)
        .write("strings/ar.yaml", ARABIC_WORDS)
        .write("content/_index.pl.md", "---\ntitle: Strona główna\n---\nWitamy. [O nas](about.md), [tylko po angielsku](only-english.md).\n")
        .write("content/_index.ar.md", "---\ntitle: الصفحة الرئيسية\n---\nاتصل على 0808 800 5000 الآن.\n")
        .write("content/about.md", "---\ntitle: About us\n---\n## Who we are\n\nWe are a partnership.\n")
        .write("content/about.pl.md", "---\ntitle: O nas\nunchecked_translation: true\n---\n## Kim jesteśmy\n\nJesteśmy partnerstwem.\n")
        .write("content/only-english.md", "---\ntitle: Only in English\n---\nNot translated.\n");
    site
}

#[test]
fn each_language_has_its_own_addresses_and_a_missing_translation_is_absent() {
    let site = site();
    site.build().assert_ok();
    assert!(site.output("pl/index.html").is_file());
    assert!(site.output("pl/about/index.html").is_file());
    assert!(site.output("ar/index.html").is_file());
    assert!(
        !site.output("ar/about/index.html").exists(),
        "no Arabic translation"
    );
    assert!(!site.output("pl/only-english/index.html").exists());
    let polish = site.read_output("pl/about/index.html");
    assert!(polish.contains("<html lang=\"pl\" dir=\"ltr\""), "{polish}");
    assert!(polish.contains("<title>O nas – Strona Testowa</title>"));
    let arabic = site.read_output("ar/index.html");
    assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\""));
    assert!(
        site.read_output("about/index.html")
            .contains("<html lang=\"en-GB\" dir=\"ltr\"")
    );
}

#[test]
fn a_page_links_to_its_own_translations_not_to_the_home_page() {
    let site = site();
    site.build().assert_ok();
    let english = site.read_output("about/index.html");
    for link in [
        "<link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://fixture.example.org/about/\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://fixture.example.org/about/\">",
        "<link rel=\"alternate\" hreflang=\"pl\" href=\"https://fixture.example.org/pl/about/\">",
    ] {
        assert!(english.contains(link), "{link} in:\n{english}");
    }
    assert!(
        !english.contains("hreflang=\"ar\""),
        "there is no Arabic about page"
    );
    assert!(
        english
            .contains("<a href=\"/pl/about/\" hreflang=\"pl\" lang=\"pl\" dir=\"ltr\">Polski</a>")
    );
    let polish = site.read_output("pl/about/index.html");
    assert!(
        polish.contains(
            "<a href=\"/about/\" hreflang=\"en-GB\" lang=\"en-GB\" dir=\"ltr\">English</a>"
        )
    );
    assert!(polish.contains("<span lang=\"pl\" dir=\"ltr\" aria-current=\"true\">Polski</span>"));
    let home = site.read_output("ar/index.html");
    assert!(home.contains("<a href=\"/pl/\" hreflang=\"pl\""));
    let alone = site.read_output("only-english/index.html");
    assert!(
        !alone.contains("class=\"languages\""),
        "a page in one language has no switcher"
    );
    assert!(!alone.contains("hreflang"));
}

#[test]
fn the_sitemap_lists_each_page_with_its_translations() {
    let site = site();
    site.build().assert_ok();
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""));
    assert!(sitemap.contains(
        "  <url><loc>https://fixture.example.org/pl/about/</loc>\n    <xhtml:link rel=\"alternate\" hreflang=\"en-GB\" href=\"https://fixture.example.org/about/\"/>\n    <xhtml:link rel=\"alternate\" hreflang=\"pl\" href=\"https://fixture.example.org/pl/about/\"/>\n  </url>"
    ), "{sitemap}");
    assert!(sitemap.contains("<url><loc>https://fixture.example.org/only-english/</loc></url>"));
}

#[test]
fn a_site_in_one_language_is_published_as_before() {
    let site = Fixture::new();
    site.write(
        "content/about.pl.md",
        "---\ntitle: A page with a dot in its name\n---\nHi.\n",
    );
    site.build().assert_ok();
    let home = site.read_output("index.html");
    assert!(
        home.contains("<html lang=\"en-GB\" data-quick-exit"),
        "no dir: {home}"
    );
    assert!(!home.contains("hreflang") && !home.contains("class=\"languages\""));
    assert!(
        site.output("about-pl/index.html").is_file(),
        "not a translation here"
    );
    assert!(!site.output("pl").exists());
    assert!(!site.read_output("sitemap.xml").contains("xhtml"));
}

#[test]
fn a_link_in_a_translation_goes_to_the_same_language_else_to_the_original() {
    let site = site();
    site.build().assert_ok();
    let home = site.read_output("pl/index.html");
    assert!(home.contains("<a href=\"/pl/about/\">O nas</a>"), "{home}");
    assert!(home.contains("<a href=\"/only-english/\">tylko po angielsku</a>"));
}

#[test]
fn a_translation_and_another_page_cannot_share_an_address() {
    let site = site();
    site.write(
        "content/pl/about.md",
        "---\ntitle: A folder named pl\n---\nHi.\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "/pl/about/",
        "content/about.pl.md",
        "content/pl/about.md",
    ]);
}

#[test]
fn an_unchecked_translation_says_so_and_links_to_the_original() {
    let site = site();
    site.build().assert_ok();
    let polish = site.read_output("pl/about/index.html");
    assert!(polish.contains("<p class=\"translation-note\">To jest przykładowe tłumaczenie z języka angielskiego i nikt go jeszcze nie sprawdził. Jeśli coś jest niejasne, przeczytaj <a href=\"/about/\">stronę po angielsku</a>.</p>"), "{polish}");
    assert!(
        !site
            .read_output("pl/index.html")
            .contains("translation-note")
    );
}

#[test]
fn the_theme_speaks_the_page_s_language_in_its_templates_and_its_scripts() {
    let site = site();
    site.build().assert_ok();
    let polish = site.read_output("pl/about/index.html");
    assert!(polish.contains(">Opuść tę stronę<"), "the exit button");
    assert!(polish.contains("<h2 id=\"help-heading\">Martwisz się o dziecko?</h2>"));
    let script = |page: &str| {
        let at = page
            .find("src=\"/assets/quick-exit.")
            .expect("the exit script");
        let end = page[at + 5..].find('"').unwrap() + at + 5;
        page[at + 5..end].to_string()
    };
    let english = site.read_output("about/index.html");
    assert_ne!(
        script(&polish),
        script(&english),
        "each language has its own script"
    );
    let polish_script = site.read_output(script(&polish).trim_start_matches('/'));
    assert!(
        polish_script.contains("Czas na opuszczenie strony minął."),
        "{polish_script}"
    );
    assert!(!polish_script.contains("Exit this page expired."));
    assert!(
        site.read_output(script(&english).trim_start_matches('/'))
            .contains("Exit this page expired.")
    );
}

#[test]
fn numbers_in_groups_read_left_to_right_on_a_right_to_left_page() {
    let site = site();
    site.build().assert_ok();
    let arabic = site.read_output("ar/index.html");
    assert!(
        arabic.contains("اتصل على <span dir=\"ltr\">0808 800 5000</span> الآن."),
        "{arabic}"
    );
    assert!(
        !site
            .read_output("pl/index.html")
            .contains("<span dir=\"ltr\">")
    );
}

#[test]
fn a_missing_word_in_a_declared_language_is_an_error_naming_its_file_and_line() {
    let site = site();
    let without = POLISH_WORDS.replace("  button: Opuść tę stronę\n", "");
    site.write("strings/pl.yaml", &without);
    let run = site.signpost(&["check"]);
    run.assert_failed().assert_stderr_has(&[
        "the words in `pl` have no `quick_exit.button`",
        "themes/default/strings/en.yaml",
        "Exit this page",
        "add `button:` under `quick_exit:`",
    ]);
    let line = without.lines().position(|l| l == "quick_exit:").unwrap() + 1;
    assert!(
        run.stderr.contains(&format!("strings/pl.yaml:{line}:1")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_declared_language_with_no_words_is_one_error_at_its_declaration() {
    let site = site();
    site.remove("strings/ar.yaml");
    let run = site.signpost(&["check"]);
    run.assert_failed().assert_stderr_has(&[
        "there are no theme words in `ar`",
        "site.yaml:",
        "strings/ar.yaml",
    ]);
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
}

#[test]
fn a_word_the_theme_does_not_have_is_a_warning_with_the_nearest() {
    let site = site();
    site.write(
        "strings/pl.yaml",
        &POLISH_WORDS.replace(
            "  hint: lub naciśnij 3 razy Shift\n",
            "  hint: lub naciśnij 3 razy Shift\n  hnit: literówka\n",
        ),
    );
    site.signpost(&["check"]).assert_stderr_has(&[
        "`quick_exit.hnit` is not one of the theme's words",
        "did you mean `quick_exit.hint`?",
    ]);
}

#[test]
fn a_site_can_change_one_english_word_and_keep_the_rest() {
    let site = Fixture::new();
    site.write(
        "strings/en.yaml",
        "help:\n  heading: Worried about a young person?\n",
    );
    site.build().assert_ok();
    let home = site.read_output("index.html");
    assert!(home.contains("<h2 id=\"help-heading\">Worried about a young person?</h2>"));
    assert!(home.contains(">Exit this page<"));
}

#[test]
fn a_translation_made_from_an_older_original_is_reported() {
    let site = site();
    let run = site.signpost(&["check"]);
    run.assert_stderr_has(&[
        "this translation does not say which version of content/about.md it was made from",
        "content/about.pl.md:2:1",
    ]);
    let advice = run
        .stderr
        .lines()
        .find(|line| line.contains("says what content/about.md says now"))
        .unwrap();
    let fingerprint = advice
        .split("translated_from: ")
        .nth(1)
        .unwrap()
        .chars()
        .take(8)
        .collect::<String>();
    site.write(
        "content/about.pl.md",
        &format!("---\ntitle: O nas\ntranslated_from: {fingerprint}\n---\n## Kim jesteśmy\n\nJesteśmy partnerstwem.\n"),
    );
    let current = site.signpost(&["check"]);
    assert!(
        !current.stderr.contains("content/about.pl.md"),
        "{}",
        current.stderr
    );
    // A review date moved on is not a change to the words; a new sentence is.
    site.write("content/about.md", "---\ntitle: About us\nreview_by: 2030-01-01\n---\n## Who we are\n\nWe are a partnership.\n");
    assert!(
        !site
            .signpost(&["check"])
            .stderr
            .contains("content/about.pl.md")
    );
    site.write(
        "content/about.md",
        "---\ntitle: About us\n---\n## Who we are\n\nWe are a partnership of four.\n",
    );
    site.signpost(&["check"]).assert_stderr_has(&[
        "content/about.md has changed since this translation was made from it",
        &format!("translated_from: {fingerprint}; the original is now"),
        "content/about.pl.md:3:1",
    ]);
}

#[test]
fn languages_are_declared_once_each_with_the_default_among_them() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!("{SITE_YAML}languages:\n  - code: pl\n    name: Polski\n  - code: Polish\n    name: Polski\n"),
    );
    site.signpost(&["check"])
        .assert_failed()
        .assert_stderr_has(&[
            "`Polish` is not a language code",
            "the default language `en-GB` (`language:`) is not among `languages:`",
        ]);
}

#[test]
fn a_translation_into_a_language_the_site_does_not_publish_is_an_error() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        "title: Fixture Site\nbase_url: https://fixture.example.org/\npartnership: Fixture Partnership\nhelp_contacts:\n  - label: Childline\n    phone: 0800 1111\n    translations:\n      fr: { label: Childline }\n",
    );
    site.signpost(&["check"])
        .assert_failed()
        .assert_stderr_has(&[
            "`fr:` translates the help contact `Childline`",
            "site.yaml:8:",
        ]);
}

#[test]
fn the_help_contacts_and_labels_speak_each_language() {
    let site = site();
    site.write(
        "site.yaml",
        &format!("{}{LANGUAGES}", SITE_YAML.replace(
            "    description: Free for under-18s.\n",
            "    description: Free for under-18s.\n    translations:\n      pl: { description: Bezpłatnie dla osób poniżej 18 lat. }\n",
        )),
    );
    site.build().assert_ok();
    assert!(
        site.read_output("pl/index.html")
            .contains("Bezpłatnie dla osób poniżej 18 lat.")
    );
    assert!(
        site.read_output("ar/index.html")
            .contains("Free for under-18s."),
        "untranslated stays as written"
    );
}

#[test]
fn a_voice_is_translated_only_beside_its_original_which_holds_the_consent() {
    let site = site();
    site.write(
        "content/voices/_index.pl.md",
        "---\ntitle: Głosy\n---\nGłosy.\n",
    )
    .write(
        "content/voices/lunch.pl.md",
        "---\nwho: młoda osoba, 14\nconsent: true\n---\nNigdy nie miałem drugiego śniadania.\n",
    );
    site.signpost(&["check"])
        .assert_failed()
        .assert_stderr_has(&[
            "content/voices/lunch.pl.md",
            "which is not published, so there is no consent",
        ]);
}

#[test]
fn each_language_is_searched_in_its_own_index_with_its_own_words() {
    let site = site();
    site.write(
        "content/search/synonyms.pl.yaml",
        "stop_words: [i, w, się]\nsynonyms:\n  ekipa: [partnerstwem]\n",
    );
    site.build().assert_ok();
    let manifest = |path: &str| -> serde_json::Value {
        serde_json::from_str(&site.read_output(path)).unwrap()
    };
    let polish = manifest("pl/search/index.json");
    assert_eq!(polish["stop_words"], serde_json::json!(["i", "w", "się"]));
    assert_eq!(polish["endings"], serde_json::json!([]));
    assert!(polish["base"].as_str().unwrap().starts_with("/pl/search/"));
    let english = manifest("search/index.json");
    assert!(english["stop_words"].as_array().unwrap().len() > 50);
    assert_eq!(english["endings"][0], serde_json::json!(["ies", "y"]));
    let search = site.signpost(&["search", "ekipa", "--language", "pl"]);
    assert!(search.stdout.contains("/pl/about/"), "{}", search.stdout);
    let english_search = site.signpost(&["search", "partnerstwem"]);
    assert!(
        !english_search.stdout.contains("/pl/"),
        "{}",
        english_search.stdout
    );
    site.signpost(&["search", "x", "--language", "fr"])
        .assert_failed()
        .assert_stderr_has(&[
            "--language fr is not one of the site's languages",
            "en-GB, pl, ar",
        ]);
}

#[test]
fn a_service_is_listed_in_every_language_its_words_translated_or_marked() {
    let site = crate::common::directory::site();
    site.write("site.yaml", &format!("{SITE_YAML}{LANGUAGES}"))
        .write("strings/pl.yaml", POLISH_WORDS)
        .write("strings/ar.yaml", ARABIC_WORDS)
        .write(
            "content/directory/_index.pl.md",
            "---\ntitle: Usługi\n---\nUsługi.\n",
        )
        .write(
            "directory_data/services/pl/pantry.yaml",
            "name: Spiżarnia\ndescription: Bezpłatne jedzenie. Przyjdź we wtorek.\n",
        );
    site.build().assert_ok();
    let page = site.read_output("pl/directory/pantry/index.html");
    assert!(page.contains("<h1>Spiżarnia</h1>"), "{page}");
    assert!(page.contains(">Bezpłatne jedzenie.</p>"), "{page}");
    assert!(page.contains("<p>Przyjdź we wtorek.</p>"), "{page}");
    let list = site.read_output("pl/directory/index.html");
    assert!(
        list.contains("lang=\"en-GB\" dir=\"ltr\""),
        "an untranslated service is marked"
    );
    assert!(
        !site.output("ar/directory/index.html").exists(),
        "no Arabic directory page"
    );
    site.write("directory_data/services/pl/nowhere.yaml", "name: Nic\n");
    site.signpost(&["check"])
        .assert_failed()
        .assert_stderr_has(&[
            "directory_data/services/pl/nowhere.yaml",
            "which is not a published service",
        ]);
}
