//! Search from the terminal, as a comms officer runs it, and the index the build exports.

use crate::common::{self, Fixture};
use serde_json::Value;

fn site() -> Fixture {
    let site = Fixture::new();
    site.write("content/food.md", "---\ntitle: Food and hunger\n---\nA child who is often hungry may not get enough nutritional food at home.\n")
        .write("content/school.md", "---\ntitle: Missing school\n---\nA child who misses school a lot may need help to get there.\n")
        .write("content/safeguarding.md", "---\ntitle: Safeguarding\n---\nEvery kid has a right to be safe. Safeguarding means protecting children.\n")
        .write("content/search/synonyms.yaml", "no lunch: [hungry, food]\nbunking: [school]\n");
    site
}

fn json(site: &Fixture, args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.push("--json");
    let run = site.signpost(&all);
    assert!(run.success(), "{}", run.stderr());
    serde_json::from_str(&run.stdout()).unwrap()
}

fn first_url(site: &Fixture, args: &[&str]) -> String {
    json(site, args)["results"][0]["url"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn search_prints_how_it_read_the_words_then_ranked_results_with_scores() {
    let site = site();
    let run = site.signpost(&["search", "hungrey"]);
    assert!(run.success(), "{}", run.stderr());
    let out = run.stdout();
    assert!(out.contains("read as: hungrey → hungry (a typo)"), "{out}");
    let first = out
        .lines()
        .find(|l| l.trim_start().starts_with("1."))
        .unwrap();
    assert!(
        first.contains("Food and hunger") && first.contains("/food/"),
        "{out}"
    );
}

#[test]
fn synonyms_apply_in_the_terminal_too() {
    let site = site();
    assert_eq!(first_url(&site, &["my mate has no lunch"]), "/food/");
    let bunking = json(&site, &["bunking"]);
    assert_eq!(bunking["results"][0]["url"], "/school/");
    assert!(bunking["results"][0]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(bunking["groups"][1]["synonym"], true);
}

#[test]
fn what_the_help_text_promises_holds() {
    let site = site();
    let help = site.signpost(&["search", "--help"]).stdout();
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("typos forgiven after a word's first two letters (one in words of 4 letters or more, two from 8)"), "{help}");
    // One typo from four letters, two from eight; none below four; none in the first two letters.
    assert_eq!(first_url(&site, &["schol"]), "/school/");
    assert_eq!(first_url(&site, &["shcool"]), "");
    assert_eq!(first_url(&site, &["safegaurdnig"]), "/safeguarding/");
    assert_eq!(
        first_url(&site, &["fod"]),
        "",
        "three letters: no typo forgiven"
    );
    // Other endings of a word.
    let kids = json(&site, &["kids"]);
    assert_eq!(kids["results"][0]["url"], "/safeguarding/");
    assert_eq!(kids["groups"][0]["terms"][0]["how"], "ending");
    // --typing: the last word also finds the words that start with it.
    assert_eq!(first_url(&site, &["safeg", "--typing"]), "/safeguarding/");
    assert_eq!(
        first_url(&site, &["safeg"]),
        "/safeguarding/",
        "a finished word of 4+ letters also finds longer words"
    );
    assert!(help.contains("\"safeg\" finds safeguarding"), "{help}");
}

#[test]
fn a_stop_word_at_the_end_is_not_read_as_the_start_of_a_word() {
    let site = site();
    site.write(
        "content/toast.md",
        "---\ntitle: Toast and toddlers\n---\nToast for toddlers, together.\n",
    )
    .write(
        "content/talk.md",
        "---\ntitle: Talk to someone\n---\nWho you can talk to.\n",
    );
    let asked = json(&site, &["who can i talk to", "--typing"]);
    assert_eq!(asked["groups"].as_array().unwrap().len(), 1, "{asked}");
    assert_eq!(asked["results"][0]["url"], "/talk/");
    assert_eq!(asked["total"], 1, "no toast, no toddlers: {asked}");
}

#[test]
fn a_question_asking_for_help_puts_the_listed_pages_first() {
    let site = site();
    site.write("content/childline.md", "---\ntitle: Childline\n---\nCall 0800 1111.\n")
        .write(
            "content/search/synonyms.yaml",
            "synonyms:\n  hungry: [food]\nasking_for_help:\n  phrases: [someone to talk to]\n  pages: [/childline/]\n",
        );
    let out = site
        .signpost(&["search", "i need someone to talk to about school"])
        .stdout();
    assert!(out.contains("this asks for help"), "{out}");
    let first = out
        .lines()
        .find(|l| l.trim_start().starts_with("1."))
        .unwrap();
    assert!(first.contains("/childline/"), "{out}");
    assert_eq!(
        first_url(&site, &["school"]),
        "/school/",
        "an ordinary query is ranked as usual"
    );
}

#[test]
fn a_help_page_that_does_not_exist_is_an_error_naming_the_line_and_the_nearest_page() {
    let site = site();
    site.build().assert_ok();
    let before = site.read_output("index.html");
    site.write(
        "content/search/synonyms.yaml",
        "synonyms:\n  hungry: [food]\nasking_for_help:\n  phrases: [talk to]\n  pages:\n    - /schol/\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "content/search/synonyms.yaml:6:7",
        "/schol/",
        "did you mean /school/?",
    ]);
    assert_eq!(
        site.read_output("index.html"),
        before,
        "the previous site is untouched"
    );
    let check = site.signpost(&["check"]);
    assert!(!check.success());
    assert!(check.stdout().contains("/schol/") || check.stderr().contains("/schol/"));
}

#[test]
fn misspellings_are_read_as_the_word_they_stand_for() {
    let site = site();
    site.write(
        "content/search/synonyms.yaml",
        "misspellings:\n  skool: school\n  nutrishun: nutrition\n",
    );
    assert_eq!(first_url(&site, &["skool"]), "/school/");
    let nutrishun = json(&site, &["nutrishun"]);
    assert_eq!(
        nutrishun["results"][0]["url"], "/food/",
        "nutrition starts nutritional"
    );
    site.write(
        "content/search/synonyms.yaml",
        "misspellings:\n  cant afford: poor\n",
    );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["content/search/synonyms.yaml:2:3", "must be one word"]);
}

#[test]
fn the_home_page_and_directory_categories_are_found() {
    let site = common::directory::site();
    site.write(
        "content/_index.md",
        "---\ntitle: Spot neglect early\n---\nWelcome to the partnership's neglect pages.\n",
    );
    let home = json(&site, &["partnership welcome"]);
    assert_eq!(home["results"][0]["url"], "/");
    let urls: Vec<String> = json(&site, &["free food", "--limit", "20"])["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect();
    assert!(
        urls.iter().any(|u| u.starts_with("/directory/category/")),
        "{urls:?}"
    );
}

#[test]
fn a_long_page_links_to_the_section_that_answers() {
    let site = site();
    let filler = "Every child needs care and food and a safe home. ".repeat(12);
    site.write(
        "content/report.md",
        &format!(
            "---\ntitle: Report a concern\n---\n{filler}\n\n## Who to call\n\n{filler}\n\n## Can I stay anonymous?\n\nYes. You can stay anonymous: you do not have to give your name.\n\n## What happens next\n\n{filler}\n"
        ),
    );
    let result = &json(&site, &["anonymous"])["results"][0];
    assert_eq!(result["url"], "/report/#can-i-stay-anonymous");
    assert_eq!(result["title"], "Report a concern: Can I stay anonymous?");
}

#[test]
fn filters_and_a_file_of_queries_work_from_the_terminal() {
    let site = site();
    site.write("queries.txt", "# common searches\nhungry\n\nbunking\n");
    let all = json(&site, &["--queries", "queries.txt"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[1]["query"], "bunking");
    let text = site
        .signpost(&["search", "--queries", "queries.txt"])
        .stdout();
    assert!(
        text.contains("Results for \"hungry\"") && text.contains("Results for \"bunking\""),
        "{text}"
    );
    let services = json(&site, &["hungry", "--kind", "service"]);
    assert_eq!(services["total"], 0, "no services on this site: {services}");
    let wrong = site.signpost(&["search", "hungry", "--kind", "services", "--band", "teens"]);
    assert!(!wrong.success());
    let stderr = wrong.stderr();
    for part in [
        "`--kind services` is not a kind of result",
        "guidance, sign, voice, service",
        "`--band teens`",
        "0-2",
    ] {
        assert!(stderr.contains(part), "{part} in {stderr}");
    }
    let missing = site.signpost(&["search", "--queries", "nowhere.txt"]);
    assert!(!missing.success());
    assert!(missing.stderr().contains("nowhere.txt"));
}

#[test]
fn a_query_with_no_match_says_what_to_do() {
    let site = site();
    let out = site.signpost(&["search", "zebra"]).stdout();
    assert!(out.contains("nothing found"), "{out}");
    assert!(out.contains("content/search/synonyms.yaml"), "{out}");
    let emoji = site.signpost(&["search", "🙁 ?!"]).stdout();
    assert!(emoji.contains("no words to search for"), "{emoji}");
}

#[test]
fn the_build_exports_a_hashed_binary_index_and_a_manifest_pointing_at_it() {
    let site = site();
    site.build().assert_ok();
    let manifest: Value = serde_json::from_str(&site.read_output("search/index.json")).unwrap();
    assert_eq!(manifest["version"], 2);
    let base = manifest["base"].as_str().unwrap().to_string();
    assert!(
        base.starts_with("/search/") && base.len() == "/search/".len() + 11,
        "{base}"
    );
    assert_eq!(manifest["docs"], 4, "three pages and the home page");
    let dictionary = std::fs::read(site.output(&format!("{}words-hu.bin", &base[1..]))).unwrap();
    assert_eq!(dictionary[0], 2, "the format version comes first");
    assert!(site.output(&format!("{}pack-0.bin", &base[1..])).is_file());
    let hungry = json(&site, &["hungry"]);
    assert_eq!(
        hungry["groups"][0]["terms"][0]["term"], "hungri",
        "read from that dictionary"
    );
    assert!(
        site.read_output("index.html")
            .contains(r#"data-index="/search/""#)
    );
    assert!(
        site.output("search/index.html").is_file(),
        "the search page"
    );
    assert!(
        !site.output("search/synonyms.yaml").exists(),
        "the synonyms file is not published"
    );

    site.write(
        "content/food.md",
        "---\ntitle: Food and hunger\n---\nChanged text about hungry children.\n",
    );
    site.build().assert_ok();
    let changed: Value = serde_json::from_str(&site.read_output("search/index.json")).unwrap();
    assert_ne!(
        changed["base"].as_str().unwrap(),
        base,
        "new content, new folder: a visitor never mixes builds"
    );
    assert!(
        !site.output(&base[1..]).exists(),
        "the old index went with the old build"
    );
}

#[test]
fn the_search_page_says_search_needs_javascript_and_lists_topics_a_to_z() {
    let site = site();
    site.build().assert_ok();
    let html = site.read_output("search/index.html");
    let food = html
        .find(r#"<a href="/food/">Food and hunger</a>"#)
        .expect("food listed");
    let school = html
        .find(r#"<a href="/school/">Missing school</a>"#)
        .expect("school listed");
    assert!(food < school, "alphabetical");
    assert!(html.contains(r#"id="letter-F""#) && html.contains(r#"id="letter-M""#));
    assert!(html.contains("Search needs JavaScript"));
    assert!(
        html.contains(r#"<div id="search-app" class="search-layout" hidden>"#),
        "the live search needs JavaScript"
    );
    let header = site.read_output("food/index.html");
    let form = &header[header.find("<form class=\"site-search\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(
        !form.contains("name="),
        "no field of the header box is sent: {form}"
    );
}

#[test]
fn a_broken_synonyms_file_names_its_line() {
    let site = site();
    site.build().assert_ok();
    let before = site.read_output("index.html");
    site.write(
        "content/search/synonyms.yaml",
        "hungry: [food\nschool: [bunking]\n",
    );
    let run = site.build();
    // The unclosed `[` is on line 1, not where the parser noticed (line 2).
    run.assert_failed().assert_stderr_has(&[
        "content/search/synonyms.yaml:1:9",
        "this list is not closed: a `]` is missing",
    ]);
    assert_eq!(site.read_output("index.html"), before);
}

#[test]
fn a_site_with_only_a_home_page_has_no_search() {
    let site = Fixture::new();
    site.build().assert_ok();
    assert!(!site.read_output("index.html").contains("data-index"));
    assert!(!site.output("search").exists());
}

#[test]
fn a_new_site_from_init_has_a_starter_list_of_young_peoples_words() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let init = assert_cmd::Command::cargo_bin("signpost")
        .unwrap()
        .args(["init", site.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(init.status.success());
    let synonyms = std::fs::read_to_string(site.join("content/search/synonyms.yaml")).unwrap();
    for words in [
        "hungry:",
        "starving:",
        "skint:",
        "home alone:",
        "nits:",
        "no one picks me up:",
        "mums depressed:",
        "cant afford food:",
        "freezing house:",
        "someone to talk to",
        "misspellings:",
        "asking_for_help:",
    ] {
        assert!(synonyms.contains(words), "{words}");
    }
    let search = assert_cmd::Command::cargo_bin("signpost")
        .unwrap()
        .args(["search", "who can i tell", "--root", site.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&search.stdout);
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    assert!(
        out.contains("this asks for help") && out.contains("/worried/"),
        "{out}"
    );
}
