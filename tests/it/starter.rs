//! `signpost init` and README's "Start a site for your partnership", as a new comms officer
//! meets them: a complete starter that builds, that keeps building when the partnership
//! changes the types of neglect to its own, and a walkthrough whose every step exists.

use std::path::{Path, PathBuf};

use crate::common::starter::{make_it_our_own, replace_in};
use crate::common::{Fixture, Run, signpost_in};

/// A new site made by `signpost init site` in a new folder, and where it is.
fn new_site() -> (Fixture, PathBuf) {
    let parent = Fixture::new();
    parent.signpost(&["init", "site"]).assert_ok();
    let root = parent.root().join("site");
    (parent, root)
}

/// The warnings `run` printed, each as its block of lines.
fn warnings(run: &Run) -> Vec<String> {
    run.stderr
        .split("\n\n")
        .filter(|block| block.contains("warning:"))
        .map(str::to_string)
        .collect()
}

/// The starter's deliberate warnings: its Ofcom drama numbers, and the squares of the signs
/// table it leaves for the partnership to write.
fn is_deliberate(warning: &str) -> bool {
    warning.contains("is a placeholder: Ofcom keeps it for TV and radio drama")
        || warning.contains("service(s) have placeholder phone numbers")
        || warning.contains("cell(s) of the signs matrix have no file")
}

const FOUR_TYPES: &str = "  neglect_categories:
    - id: physical
      label: Physical neglect
      description: A child's needs for food, clothes, warmth and a safe home are not met.
    - id: emotional
      label: Emotional neglect
      description: A child does not get the warmth, attention and support they need.
    - id: educational
      label: Educational neglect
      description: A child is not helped to learn, or to get to school.
    - id: medical
      label: Medical neglect
      description: A child's health, dental or medical needs are not met.
";

/// site.yaml with its types of neglect replaced by `types` (YAML under `taxonomies:`).
fn with_types(root: &Path, types: &str) {
    let path = root.join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("  neglect_categories:\n").unwrap();
    let end = text.find("  # Cells of the signs matrix").unwrap();
    std::fs::write(&path, format!("{}{types}{}", &text[..start], &text[end..])).unwrap();
}

#[test]
fn a_new_site_has_every_part_a_site_needs_and_builds() {
    let (_parent, root) = new_site();
    for file in [
        "site.yaml",
        "content/_index.md",
        "content/about-neglect/_index.md",
        "content/signs/_index.md",
        "content/signs/0-2/physical.md",
        "content/voices/_index.md",
        "content/voices/example.md",
        "content/young-people/_index.md",
        "content/worried/_index.md",
        "content/directory/_index.md",
        "content/about.md",
        "content/accessibility.md",
        "content/staying-safe-online.md",
        "directory_data/categories.yaml",
        "directory_data/services/example-family-hub.yaml",
        "directory_data/postcode_districts.csv",
        "directory_data/bank-holidays.json",
    ] {
        assert!(root.join(file).is_file(), "init writes {file}");
    }
    let run = signpost_in(&root, &["build"]);
    run.assert_ok();
    let read = |page: &str| std::fs::read_to_string(root.join("public").join(page)).unwrap();
    let home = read("index.html");
    for section in [
        "/about-neglect/",
        "/signs/",
        "/worried/",
        "/directory/",
        "/voices/",
        "/young-people/",
    ] {
        assert!(
            home.contains(&format!("href=\"{section}\"")),
            "the home page leads to {section}"
        );
    }
    assert!(read("signs/0-2/physical/index.html").contains("Physical neglect in babies"));
    assert!(
        read("voices/index.html").contains("An illustrative example"),
        "the example quote says it is one"
    );
    assert!(
        read("directory/example-family-hub/index.html").contains("is not a real service"),
        "the example service says it is one"
    );
    assert!(
        read("young-people/index.html").contains("help-young-people"),
        "young people get their own help box"
    );
    assert!(
        read("directory/index.html").contains("The first part of your postcode, before the space"),
        "no other partnership's postcodes"
    );
    for page in ["index.html", "directory/index.html", "about/index.html"] {
        assert!(!read(page).contains("Example Borough"), "{page}");
    }
}

#[test]
fn a_new_site_passes_a_strict_check_but_for_its_deliberate_placeholders() {
    let (_parent, root) = new_site();
    let run = signpost_in(&root, &["check", "--strict"]);
    assert!(
        run.stdout.contains("Checked: 0 error(s), 4 warning(s)."),
        "{}",
        run.stdout
    );
    let found = warnings(&run);
    let unexpected: Vec<&String> = found.iter().filter(|w| !is_deliberate(w)).collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    assert_eq!(
        found.iter().filter(|w| w.contains("01632 960 00")).count(),
        2,
        "the front door and the out-of-hours numbers: {found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|w| w.contains("directory_data/services/example-family-hub.yaml"))
    );
    assert!(
        found.iter().any(|w| w.contains("29 cell(s)")),
        "every square but the example: {found:#?}"
    );
}

#[test]
fn a_partnership_with_its_own_four_types_of_neglect_builds_first_time() {
    let (_parent, root) = new_site();
    with_types(&root, FOUR_TYPES);
    let run = signpost_in(&root, &["build"]);
    run.assert_ok();
    assert_eq!(run.error_count(), 0);
    let unexpected: Vec<String> = warnings(&run)
        .into_iter()
        .filter(|w| !is_deliberate(w))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    let matrix = std::fs::read_to_string(root.join("public/signs/index.html")).unwrap();
    assert_eq!(matrix.matches("<th scope=\"col\">").count(), 4, "{matrix}");
    let medical =
        std::fs::read_to_string(root.join("public/signs/type/medical/index.html")).unwrap();
    assert!(
        medical.contains("Example Family Hub"),
        "the directory's categories follow the new types"
    );
    make_it_our_own(&root);
    let run = signpost_in(&root, &["check", "--strict"]);
    assert!(
        run.stdout.contains("Checked: 0 error(s), 0 warning(s)."),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn types_of_neglect_without_the_example_squares_name_the_file_to_rename() {
    let (_parent, root) = new_site();
    with_types(
        &root,
        "  neglect_categories:\n    - { id: basic-care, label: Basic care }\n    - { id: safety, label: Safety }\n    - { id: love, label: Love and care }\n    - { id: esteem, label: Esteem }\n",
    );
    let run = signpost_in(&root, &["build"]);
    run.assert_failed().assert_stderr_has(&[
        "content/signs/0-2/physical.md:",
        "`physical` is not one of the neglect categories declared in site.yaml",
        "basic-care, safety, love, esteem",
    ]);
    assert_eq!(
        run.error_count(),
        1,
        "the example square only: {}",
        run.stderr
    );
}

/// README's "Start a site for your partnership" section.
fn walkthrough() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## Start a site for your partnership").unwrap();
    let end = start + readme[start..].find("\n## Publishing").unwrap();
    readme[start..end].to_string()
}

/// Every `code` span in `text`.
fn code_spans(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn readmes_walkthrough_names_only_commands_and_files_a_new_site_has() {
    let (_parent, root) = new_site();
    let text = walkthrough();
    let spans = code_spans(&text);
    let commands: Vec<&String> = spans
        .iter()
        .filter(|s| s.starts_with("signpost "))
        .collect();
    assert!(commands.len() >= 6, "{commands:?}");
    for command in commands {
        let words: Vec<&str> = command.split_whitespace().skip(1).collect();
        let mut args: Vec<&str> = words
            .iter()
            .copied()
            .take_while(|w| !w.starts_with("--"))
            .collect();
        if args.first() == Some(&"init") {
            args.truncate(1);
        }
        args.push("--help");
        let help = signpost_in(&root, &args);
        assert!(help.success(), "README's `{command}`: {}", help.stderr);
    }
    let files: Vec<&String> = spans
        .iter()
        .filter(|s| {
            (s.contains('/') || s.ends_with(".yaml") || s.ends_with(".md"))
                && !s.contains(' ')
                && !s.starts_with("http")
                && !s.contains("BAND")
        })
        .collect();
    assert!(files.len() >= 6, "{files:?}");
    signpost_in(&root, &["build"]).assert_ok();
    for file in files {
        assert!(
            root.join(file.trim_end_matches('/')).exists(),
            "README names `{file}`, which a new site has"
        );
    }
}

#[test]
fn following_readmes_walkthrough_leads_to_a_clean_strict_check_and_a_build() {
    let (_parent, root) = new_site();
    make_it_our_own(&root);
    replace_in(
        &root,
        "content/voices/example.md",
        "illustrative: true",
        "illustrative: false",
    );
    let run = signpost_in(&root, &["check", "--strict"]);
    assert!(
        run.stdout.contains("Checked: 0 error(s), 0 warning(s)."),
        "{}{}",
        run.stdout,
        run.stderr
    );
    signpost_in(&root, &["build"]).assert_ok();
    assert!(root.join("public/index.html").is_file());
}
