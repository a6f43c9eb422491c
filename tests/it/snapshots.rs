//! Snapshots of what a small but complete site publishes: every page type's HTML, the data
//! files, and `check --format json` on a broken site. A change to any of them shows in review
//! as a diff (update with `INSTA_UPDATE=always cargo test`, then read the diff).

use crate::common::{Fixture, directory};

const SITE_YAML: &str = r#"title: Snapshot Site
base_url: https://snapshot.example.org/
partnership: Snapshot Partnership
help_contacts:
  - label: Childline
    phone: 0800 1111
    description: Free for under-18s.
taxonomies:
  age_bands:
    - { id: under-5, label: Under 5, min_age: 0, max_age: 4 }
    - { id: teens, label: Teenagers, min_age: 12, max_age: 17 }
  neglect_categories:
    - { id: nutritional, label: Nutritional neglect, description: Not enough food. }
    - { id: emotional, label: Emotional neglect, description: No warmth. }
  not_applicable: [under-5/emotional]
"#;

const CATEGORIES: &str = "categories:
  - id: food
    label: Food banks
    description: Free food.
    neglect_categories: [nutritional]
  - id: family-support
    label: Family support
    description: Help for families.
    neglect_categories: [emotional]
";

/// A site with one of everything signpost publishes.
fn complete_site() -> Fixture {
    let site = directory::site();
    site.write("site.yaml", SITE_YAML)
        .write("directory_data/categories.yaml", CATEGORIES)
        .write("content/_index.md", "---\ntitle: Home\ndescription: Help for children.\n---\nWelcome.\n")
        .write(
            "content/worried/_index.md",
            "---\ntitle: Worried about a child?\ndescription: What to do.\nweight: 1\n---\n## Who to call\n\nCall us.\n",
        )
        .write(
            "content/worried/what-to-do.md",
            "---\ntitle: What to do\ndescription: Steps to take.\ntags: [nutritional]\nreview_by: 2027-09-30\n---\n## If a child is in danger\n\nCall 999.[^1]\n\n| Who | Number |\n|---|--:|\n| Childline | 0800 1111 |\n\nSee [the signs](@/signs/_index.md).\n\n[^1]: Working Together to Safeguard Children, 2023.\n",
        )
        .write("content/about.md", "---\ntitle: About us\n---\nWe are a partnership.\n")
        .write("content/signs/_index.md", "---\ntitle: Signs of neglect\n---\nThe matrix.\n")
        .write(
            "content/signs/under-5/nutritional.md",
            "---\ntitle: Nutritional neglect in young children\nband: under-5\ncategory: nutritional\nsummary: Often hungry.\nyoung_people_summary: Always hungry.\n---\n## What you might notice\n\nA child who is often hungry.\n",
        )
        .write(
            "content/signs/teens/nutritional.md",
            "---\ntitle: Nutritional neglect in teenagers\nband: teens\ncategory: nutritional\nsummary: No lunch.\n---\nNo lunch money.\n",
        )
        .write(
            "content/signs/teens/emotional.md",
            "---\ntitle: Emotional neglect in teenagers\nband: teens\ncategory: emotional\nsummary: Nobody listens.\n---\nNobody listens.\n",
        )
        .write("content/voices/_index.md", "---\ntitle: In their own words\n---\nWhat young people told us.\n")
        .write(
            "content/voices/lunch.md",
            "---\nwho: young person, 14\nwhere: Youth forum\nwhen: 2025-06-12\ncategories: [nutritional]\nage_bands: [teens]\nconsent: true\nillustrative: true\n---\nI never had lunch.\n",
        );
    site
}

/// Stable across theme edits that only change asset hashes or the search index's folder.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(r"\.[0-9a-f]{10}\.(css|js)", ".[hash].$1");
    settings.add_filter(r"/search/[0-9a-f]{8,}/", "/search/[hash]/");
    settings
}

#[test]
fn every_page_type_as_published() {
    let site = complete_site();
    let run = site.build();
    run.assert_ok();
    assert!(
        run.stderr.is_empty(),
        "a complete site builds cleanly:\n{}",
        run.stderr
    );
    let pages = [
        ("home", "index.html"),
        ("section", "worried/index.html"),
        ("page", "worried/what-to-do/index.html"),
        ("single_page", "about/index.html"),
        ("signs_matrix", "signs/index.html"),
        ("signs_band", "signs/teens/index.html"),
        ("signs_category", "signs/type/nutritional/index.html"),
        ("sign_cell", "signs/teens/nutritional/index.html"),
        ("voices", "voices/index.html"),
        ("directory", "directory/index.html"),
        ("directory_category", "directory/category/food/index.html"),
        ("service", "directory/pantry/index.html"),
        ("search", "search/index.html"),
        ("not_found", "404.html"),
        ("sitemap", "sitemap.xml"),
        ("robots", "robots.txt"),
        ("oruk_root", "api/index.json"),
        ("oruk_services", "api/services/index.json"),
        ("directory_filters", "directory/filters.json"),
    ];
    let list: serde_json::Value =
        serde_json::from_str(&site.read_output("api/services/index.json")).unwrap();
    let pantry = list["contents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Service pantry")
        .map(|s| format!("api/services/{}.json", s["id"].as_str().unwrap()))
        .unwrap();
    settings().bind(|| {
        for (name, path) in pages {
            insta::assert_snapshot!(name, site.read_output(path));
        }
        insta::assert_snapshot!("oruk_service", site.read_output(&pantry));
    });
}

#[test]
fn check_json_on_a_broken_site() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: 2021-04-01\n---\n# Twice\n\n[gone](gone.md) ![](photo.png)\n",
    )
    .write("content/photo.png", "png")
    .write("content/search.md", "---\ntitle: My search\n---\n");
    let run = site.signpost(&["check", "--format", "json"]);
    assert_eq!(run.code, Some(1));
    insta::assert_snapshot!("check_json", run.stdout);
}
