//! What the dev server reuses between saves, driven through its content stage: a page, a
//! service or a folder changed, and what was rebuilt is what a fresh build would have made.
//! (`serve.rs` drives the running server; these run the stage itself, to say what was read.)

use signpost::content::stamps::Touched;

use crate::common::Fixture;

/// The dev server's content stage, run again with the previous one to reuse.
fn content_again(
    site: &Fixture,
    previous: Option<&signpost::pipeline::Content>,
) -> (
    Option<signpost::pipeline::Content>,
    signpost::diagnostics::Diagnostics,
) {
    content_after(site, previous, &Touched::Unknown)
}

/// [`content_again`], when the watcher saw only `touched` change since `previous`.
fn content_after(
    site: &Fixture,
    previous: Option<&signpost::pipeline::Content>,
    touched: &Touched,
) -> (
    Option<signpost::pipeline::Content>,
    signpost::diagnostics::Diagnostics,
) {
    use signpost::pipeline::{self, BuildOptions, LastBuild};
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output: site.root().join("public"),
        base_url: None,
        drafts: false,
        today: signpost::date::Date::parse(crate::common::TODAY).unwrap(),
        preview: true,
        defer_cleanup: false,
    };
    let mut problems = signpost::diagnostics::Diagnostics::default();
    let config = pipeline::load_config(&options, &mut problems);
    let strings = pipeline::load_strings(&options.root, config.as_ref(), &mut problems);
    let last = previous.map(|content| LastBuild { content, touched });
    let content =
        pipeline::prepare_content_reusing(&options, config, &strings, last, &mut problems);
    (content, problems)
}

fn html_of(content: &signpost::pipeline::Content, url: &str) -> String {
    let site = &content.site;
    let index = site.pages.iter().position(|p| p.url == url).unwrap();
    site.rendered[index].html.clone()
}

#[test]
fn a_rebuild_that_reuses_unchanged_pages_finds_what_a_fresh_build_finds() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\n---\nSee [the plan](@/b.md#the-plan) and [C](@/c.md).\n",
    )
    .write("content/b.md", "---\ntitle: B\n---\n## The plan\n\nText.\n");
    site.write("content/c.md", "---\ntitle: C\n---\nText.\n");
    let (first, problems) = content_again(&site, None);
    let first = first.unwrap_or_else(|| panic!("{problems:?}"));
    assert!(html_of(&first, "/a/").contains(r#"href="/c/""#));
    // c.md moves to another address: a.md's link follows, though a.md did not change.
    site.write("content/c.md", "---\ntitle: C\nslug: see\n---\nText.\n");
    let (second, problems) = content_again(&site, Some(&first));
    let second = second.unwrap_or_else(|| panic!("{problems:?}"));
    assert!(html_of(&second, "/a/").contains(r#"href="/see/""#));
    // b.md loses the heading a.md links to: the anchor is reported though a.md is reused.
    site.write("content/b.md", "---\ntitle: B\n---\nNo plan now.\n");
    let (third, problems) = content_again(&site, Some(&second));
    assert!(third.is_none(), "a broken anchor is an error");
    let message = format!("{problems:?}");
    assert!(
        message.contains("a.md") && message.contains("the-plan"),
        "{message}"
    );
    // b.md's own text is rendered anew.
    site.write(
        "content/b.md",
        "---\ntitle: B\n---\n## The plan\n\nA new plan.\n",
    );
    let (fourth, _) = content_again(&site, Some(&second));
    assert!(html_of(&fourth.unwrap(), "/b/").contains("A new plan."));
}

#[test]
fn a_save_rereads_the_files_that_changed_and_keeps_each_language_s_addresses() {
    let site = Fixture::new();
    site.write(
        "site.yaml",
        &format!(
            "{}language: en-GB\nlanguages:\n  - code: en-GB\n    name: English\n  - code: pl\n    name: Polski\n",
            crate::common::SITE_YAML
        ),
    )
    .write("strings/pl.yaml", include_str!("../../strings/pl.yaml"))
    .write("content/about.md", "---\ntitle: About\n---\nFirst words.\n")
    .write("content/about.pl.md", "---\ntitle: O nas\n---\nPierwsze.\n")
    .write("content/other.md", "---\ntitle: Other\n---\nOther words.\n");
    let (first, problems) = content_again(&site, None);
    let first = first.unwrap_or_else(|| panic!("{problems:?}"));

    // A new title in one file: that page changes, and the Polish page keeps its one `/pl`.
    site.write(
        "content/about.md",
        "---\ntitle: About us\n---\nNew words.\n",
    );
    let (second, problems) = content_again(&site, Some(&first));
    let second = second.unwrap_or_else(|| panic!("{problems:?}"));
    let about = second
        .site
        .pages
        .iter()
        .find(|p| p.url == "/about/")
        .unwrap();
    assert_eq!(about.front.title, "About us");
    assert!(html_of(&second, "/about/").contains("New words."));
    let polish: Vec<&str> = second.translations[0]
        .pages
        .iter()
        .map(|p| p.url.as_str())
        .collect();
    assert!(polish.contains(&"/pl/about/"), "{polish:?}");

    // A file whose size and modification time are as they were is taken as unchanged (the
    // rule cargo and make use): the same number of bytes, its old time put back.
    let other = site.root().join("content/other.md");
    let modified = std::fs::metadata(&other).unwrap().modified().unwrap();
    site.write("content/other.md", "---\ntitle: Other\n---\nOTHER WORDS.\n");
    std::fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let (third, _) = content_again(&site, Some(&second));
    let third = third.unwrap();
    assert!(html_of(&third, "/other/").contains("Other words."));

    // A removed file's page is gone, and a build from nothing reads the file as it is now.
    std::fs::remove_file(site.root().join("content/about.pl.md")).unwrap();
    let (fourth, _) = content_again(&site, Some(&third));
    assert!(
        fourth.unwrap().translations[0]
            .pages
            .iter()
            .all(|p| p.url != "/pl/about/")
    );
    let (fresh, _) = content_again(&site, None);
    assert!(html_of(&fresh.unwrap(), "/other/").contains("OTHER WORDS."));
}

#[test]
fn a_save_under_directory_data_reloads_the_directory_and_a_page_save_keeps_it() {
    use crate::common::directory::{service, site as directory_site};
    let site = directory_site();
    let names = |content: &signpost::pipeline::Content| -> Vec<String> {
        let listings = &content.site.directory.listings;
        listings.iter().map(|l| l.service.name.clone()).collect()
    };
    let (first, problems) = content_again(&site, None);
    let first = first.unwrap_or_else(|| panic!("{problems:?}"));
    assert!(names(&first).contains(&"Service pantry".to_string()));

    // A service renamed with its old size and time is taken as unchanged, as pages are.
    let pantry = site.root().join("directory_data/services/pantry.yaml");
    let modified = std::fs::metadata(&pantry).unwrap().modified().unwrap();
    let renamed = service("pantry", "").replace("Service pantry", "Servicx pantry");
    site.write("directory_data/services/pantry.yaml", &renamed);
    std::fs::File::options()
        .write(true)
        .open(&pantry)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nA page saved.\n",
    );
    let (second, _) = content_again(&site, Some(&first));
    let second = second.unwrap();
    assert!(names(&second).contains(&"Service pantry".to_string()));

    // Saved again, it is read again.
    site.write(
        "directory_data/services/pantry.yaml",
        &service("pantry", "").replace("Service pantry", "The Pantry"),
    );
    let (third, _) = content_again(&site, Some(&second));
    let third = third.unwrap();
    assert!(
        names(&third).contains(&"The Pantry".to_string()),
        "{:?}",
        names(&third)
    );
    // A new service file is found.
    site.write("directory_data/services/more.yaml", &service("more", ""));
    let (fourth, _) = content_again(&site, Some(&third));
    assert!(names(&fourth.unwrap()).contains(&"Service more".to_string()));
}

/// The watcher named these paths (from the site root) since the last build.
fn only(paths: &[&str]) -> Touched {
    Touched::Only(paths.iter().map(std::path::PathBuf::from).collect())
}

#[test]
fn a_save_looks_only_at_what_the_watcher_named_and_a_moved_folder_is_read_whole() {
    use crate::common::directory::{service, site as directory_site};
    let site = directory_site();
    site.write("content/guide/a.md", "---\ntitle: A\n---\nFirst.\n")
        .write("content/b.md", "---\ntitle: B\n---\nFirst.\n");
    let (first, problems) = content_again(&site, None);
    let first = first.unwrap_or_else(|| panic!("{problems:?}"));

    // The watcher named b.md only: a.md is not looked at, so its change waits for its event.
    site.write("content/guide/a.md", "---\ntitle: A\n---\nSecond.\n")
        .write("content/b.md", "---\ntitle: B\n---\nSecond.\n");
    let (second, _) = content_after(&site, Some(&first), &only(&["content/b.md"]));
    let second = second.unwrap();
    assert!(html_of(&second, "/b/").contains("Second."));
    assert!(html_of(&second, "/guide/a/").contains("First."));

    // A folder named (moved, or replaced whole) has every file in it read again.
    let (third, _) = content_after(&site, Some(&second), &only(&["content/guide"]));
    assert!(html_of(&third.unwrap(), "/guide/a/").contains("Second."));

    // A page save leaves the directory as it was; a save under directory_data/ reloads it.
    site.write(
        "directory_data/services/pantry.yaml",
        &service("pantry", "").replace("Service pantry", "The Pantry"),
    );
    let (fourth, _) = content_after(&site, Some(&second), &only(&["content/b.md"]));
    let fourth = fourth.unwrap();
    let named = |content: &signpost::pipeline::Content, name: &str| {
        content
            .site
            .directory
            .listings
            .iter()
            .any(|l| l.service.name == name)
    };
    assert!(named(&fourth, "Service pantry"));
    let saved = only(&["directory_data/services/pantry.yaml"]);
    let (fifth, _) = content_after(&site, Some(&fourth), &saved);
    assert!(named(&fifth.unwrap(), "The Pantry"));
}
