//! `signpost import csv`: the documented template, every mistake with its row and column, and
//! a sheet with mistakes writing nothing.

use std::path::Path;

use crate::common::Fixture;

/// A site with the example site's own categories, ready for a spreadsheet.
fn site() -> Fixture {
    let site = Fixture::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    site.write(
        "directory_data/categories.yaml",
        &std::fs::read_to_string(repo.join("directory_data/categories.yaml")).unwrap(),
    )
    .write(
        "content/directory/_index.md",
        "---\ntitle: Find support\n---\n",
    );
    site
}

fn services(site: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root().join("directory_data/services"))
        .map(|e| {
            e.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn the_template_imports_and_builds() {
    let site = site();
    let template = site.signpost(&["import", "csv", "--template"]);
    assert!(template.success());
    let header = template.stdout.lines().next().unwrap();
    assert!(
        header.starts_with("id,name,description,organization_name"),
        "{header}"
    );
    site.write("services.csv", &template.stdout);
    let run = site.signpost(&["import", "csv", "services.csv"]);
    assert!(run.success(), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("added       directory_data/services/baby-and-me-eastfield.yaml  Baby and Me stay and play"), "{}", run.stdout);
    site.build().assert_ok();
    let page = site.read_output("directory/baby-and-me-eastfield/index.html");
    for expected in [
        "Wednesday: 10am to 11:30am",
        "Saturday: 10am to midday",
        "Step-free access",
        "Ramp at the side entrance.",
        "Communication and interaction",
        "English, Polish",
    ] {
        assert!(page.contains(expected), "{expected}");
    }
    let again = site.signpost(&["import", "csv", "services.csv"]);
    assert!(
        again
            .stdout
            .contains("unchanged   directory_data/services/baby-and-me-eastfield.yaml"),
        "{}",
        again.stdout
    );
}

#[test]
fn the_readme_documents_every_column() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("### Import from a spreadsheet")
        .nth(1)
        .expect("README has the section");
    for column in signpost::import::spreadsheet::COLUMNS {
        assert!(
            section.contains(&format!("| `{}` |", column.name)),
            "README documents `{}`",
            column.name
        );
    }
}

const HEADER: &str = "id,name,description,organization_name,categories,postal_code,address_1,city,schedules,assured_date\n";

#[test]
fn every_mistake_names_its_row_and_column_and_nothing_is_written() {
    let site = site();
    site.write(
        "services.csv",
        &format!(
            "{HEADER}\
             good,Good,Fine.,Trust,food,EB3 4QT,1 Road,Town,Mon-Fri 09:00-17:00,2026-11-01\n\
             bad-postcode,Bad postcode,Text.,Trust,food,90210,1 Road,Town,,2026-11-01\n\
             \"bad-times\",\"Bad, times\",\"A cell with a comma, and\na line break.\",Trust,food,EB3 4QT,1 Road,Town,Mon-Fry 9-5,2026-11-01\n\
             no-category,No category,Text.,Trust,foodbank,,,,,2026-11-01\n\
             no-date,,Text.,Trust,food,,,,,next week\n"
        ),
    );
    let run = site.signpost(&["import", "csv", "services.csv"]);
    assert!(!run.success());
    run.assert_stderr_has(&[
        "services.csv:3:44",
        "row 3, column postal_code: `90210` is not a UK postcode",
        "services.csv:5:47",
        "row 4, column schedules: `Mon-Fry 9-5` is not days and times",
        "Mon-Fri 09:00-17:00; Sat 10am-12pm",
        "services.csv:6:37",
        "row 5, column categories: `foodbank` is not a category",
        "directory_data/categories.yaml: family-support, parenting, food",
        "row 6, column name: `name` is empty",
        "row 6, column assured_date: `next week` is not a date",
    ]);
    assert_eq!(run.error_count(), 5, "{}", run.stderr);
    assert!(
        services(&site).is_empty(),
        "a sheet with mistakes writes nothing"
    );
}

#[test]
fn a_column_signpost_does_not_know_suggests_the_right_one() {
    let site = site();
    site.write("services.csv", "name,description,organization_name,categories,postcode,assured_date\nA,B,C,food,EB3 4QT,2026-11-01\n");
    let run = site.signpost(&["import", "csv", "services.csv"]);
    assert!(!run.success());
    run.assert_stderr_has(&[
        "services.csv:1:47",
        "`postcode` is not a column signpost knows",
        "did you mean `postal_code`?",
    ]);
}

#[test]
fn a_missing_column_or_duplicate_id_is_named() {
    let site = site();
    site.write(
        "services.csv",
        "name,description,categories,assured_date\nA,B,food,2026-11-01\n",
    );
    site.signpost(&["import", "csv", "services.csv"])
        .assert_failed()
        .assert_stderr_has(&["there is no `organization_name` column", "who runs it"]);
    site.write(
        "twice.csv",
        "id,name,description,organization_name,categories,assured_date\nsame,A,B,C,food,2026-11-01\nsame,D,E,F,food,2026-11-01\n",
    );
    site.signpost(&["import", "csv", "twice.csv"])
        .assert_failed()
        .assert_stderr_has(&["twice.csv:3:1", "the id `same` is also row 2's"]);
}

#[test]
fn a_sheet_saved_in_an_old_encoding_says_how_to_save_it() {
    let site = site();
    let mut bytes = b"name,description,organization_name,categories,assured_date\nCaf".to_vec();
    bytes.extend([0xe9, b',']);
    bytes.extend(b"Tea \xa32,Trust,food,2026-11-01\n");
    std::fs::write(site.root().join("old.csv"), bytes).unwrap();
    site.signpost(&["import", "csv", "old.csv"])
        .assert_failed()
        .assert_stderr_has(&["this file is not UTF-8 text", "CSV UTF-8"]);
}

#[test]
fn a_row_removed_from_the_sheet_is_reported_as_left() {
    let site = site();
    let row = |id: &str| format!("{id},Name {id},Text.,Trust,food,2026-11-01\n");
    let header = "id,name,description,organization_name,categories,assured_date\n";
    site.write(
        "services.csv",
        &format!("{header}{}{}", row("one"), row("two")),
    );
    assert!(site.signpost(&["import", "csv", "services.csv"]).success());
    site.write("services.csv", &format!("{header}{}", row("one")));
    let run = site.signpost(&["import", "csv", "services.csv", "--prune"]);
    assert!(run.stdout.contains("left        directory_data/services/two.yaml  Name two: no longer in the source: marked inactive"), "{}", run.stdout);
    assert_eq!(services(&site), ["one.yaml", "two.yaml"]);
}
