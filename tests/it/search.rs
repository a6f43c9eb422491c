//! Search from the terminal and the index the build exports.

use crate::common::Fixture;
use serde_json::Value;

fn site() -> Fixture {
    let site = Fixture::new();
    site.write("content/food.md", "---\ntitle: Food and hunger\n---\nA child who is often hungry may not get enough food at home.\n")
        .write("content/school.md", "---\ntitle: Missing school\n---\nA child who misses school a lot may need help to get there.\n")
        .write("content/search/synonyms.yaml", "no lunch: [hungry, food]\nbunking: [school]\n");
    site
}

#[test]
fn search_prints_ranked_results_with_scores() {
    let site = site();
    let run = site.signpost(&["search", "hungry"]);
    assert!(run.success(), "{}", run.stderr());
    let out = run.stdout();
    assert!(out.contains("searching for the terms: hungri"), "{out}");
    let first = out.lines().nth(1).unwrap();
    assert!(
        first.contains("Food and hunger") && first.contains("/food/"),
        "{out}"
    );
    assert!(first.trim_start().starts_with("1."), "{out}");
}

#[test]
fn synonyms_apply_in_the_terminal_too() {
    let site = site();
    let json: Value = serde_json::from_str(
        &site
            .signpost(&["search", "my mate has no lunch", "--json"])
            .stdout(),
    )
    .unwrap();
    assert_eq!(json["results"][0]["url"], "/food/");
    let bunking: Value =
        serde_json::from_str(&site.signpost(&["search", "bunking", "--json"]).stdout()).unwrap();
    assert_eq!(bunking["results"][0]["url"], "/school/");
    assert!(bunking["results"][0]["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_query_with_no_match_says_what_to_do() {
    let site = site();
    let out = site.signpost(&["search", "zebra"]).stdout();
    assert!(out.contains("nothing found"), "{out}");
    assert!(out.contains("content/search/synonyms.yaml"), "{out}");
}

#[test]
fn the_build_exports_a_hashed_index_and_a_manifest_pointing_at_it() {
    let site = site();
    site.build().assert_ok();
    let manifest: Value = serde_json::from_str(&site.read_output("search/index.json")).unwrap();
    let base = manifest["base"].as_str().unwrap().to_string();
    assert!(
        base.starts_with("/search/") && base.len() == "/search/".len() + 11,
        "{base}"
    );
    assert_eq!(manifest["docs"], 2);
    let shard: Value =
        serde_json::from_str(&site.read_output(&format!("{}shard-hu.json", &base[1..]))).unwrap();
    assert_eq!(
        shard["words"]["hungry"], "hungri",
        "surface words map to their stems"
    );
    assert!(shard["terms"]["hungri"].is_array());
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
fn the_search_page_lists_topics_a_to_z_for_readers_without_javascript() {
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
    assert!(
        html.contains(r#"<form id="search-page""#) && html.contains("hidden>"),
        "the live search needs JavaScript"
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
