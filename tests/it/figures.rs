//! Figures: data/ files as a comms officer writes them (and gets them wrong), the charts and
//! pages a build makes of them, their open data, and `check`'s warning for old figures.

use crate::common::{self, Fixture};
use serde_json::Value;

const CONTACTS: &str = "title,Early help contacts for neglect
unit,contacts
source,Example Borough Early Help Service
source_year,2024
source_link,https://example.org/early-help
period,April 2017 to March 2020
as_of,2099-01-01
notes,\"Counted by the front door, in April, May and June.\"

Year,Contacts
2017/18,73
2018/19,147
2019/20,195
";

const PLANS: &str = "title: Child protection plans under neglect
unit: \"%\"
source:
  name: Example Borough Children's Services
  year: 2023/24
as_of: 2099-01-01
illustrative: true
columns: [At 31 March, Plans under neglect]
rows:
  - label: 2023
    value: 25
  - label: 2024
    value: 29
";

/// The tests' build date, YYYY-MM-DD.
fn today() -> String {
    common::TODAY.to_string()
}

/// A figure's text with its as_of date made today's, so no staleness warning is raised.
fn dated(text: &str) -> String {
    text.replace("2099-01-01", &today())
}

/// Writes a figure file, dated today.
fn write_figure(site: &Fixture, file: &str, text: &str) {
    site.write(file, &dated(text));
}

/// A site with a figures page, a page that places figures, and the two figures above.
fn site_with_figures(page_body: &str) -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/figures/_index.md",
        "---\ntitle: Local figures\n---\nEvery figure and its source.\n",
    );
    site.write(
        "content/local.md",
        &format!("---\ntitle: Neglect here\n---\nIntro.\n\n{page_body}"),
    );
    write_figure(&site, "data/contacts.csv", CONTACTS);
    write_figure(&site, "data/plans.yaml", PLANS);
    site
}

const PLACES_BOTH: &str = "```figure\ndata: contacts\nchart: column\n```\n\n```figure\ndata: plans\nchart: headline\n```\n";

/// Builds a good site, breaks `file` with `text`, and checks the build fails naming
/// `location` with each of `expected`, leaving the previous output as it was.
fn rejects(file: &str, text: &str, location: &str, expected: &[&str]) {
    let site = site_with_figures(PLACES_BOTH);
    site.build().assert_ok();
    let before = site.read_output("local/index.html");
    site.write(file, &dated(text));
    site.build()
        .assert_failed()
        .assert_stderr_has(&[location])
        .assert_stderr_has(expected)
        .assert_stderr_has(&["Nothing was written"]);
    assert_eq!(
        site.read_output("local/index.html"),
        before,
        "previous output survived"
    );
}

fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the fixture");
    text.replacen(from, to, 1)
}

// ----- The charts and pages a build makes -----

#[test]
fn a_placed_figure_is_an_accessible_svg_chart_with_summary_table_and_source() {
    let site = site_with_figures(PLACES_BOTH);
    site.build().assert_ok();
    let html = site.read_output("local/index.html");
    assert!(
        html.contains(r#"<svg class="chart chart-column""#),
        "{html}"
    );
    assert!(
        html.contains(
            r#"role="img" aria-labelledby="fig--1-name" aria-describedby="fig--1-summary""#
        )
    );
    assert!(html.contains(
        r#"<title id="fig--1-name">Column chart: Early help contacts for neglect</title>"#
    ));
    assert!(html.contains(r#"<p class="figure-summary" id="fig--1-summary">Early help contacts for neglect rose from 73 in 2017/18 to 195 in 2019/20.</p>"#));
    assert!(html.contains(r#"<div class="table-scroll" role="region" aria-labelledby="fig--1-table" tabindex="0"><table><caption id="fig--1-table">Early help contacts for neglect</caption>"#));
    assert!(html.contains(r#"<th scope="col">Year</th><th scope="col" class="num">Contacts</th>"#));
    assert!(html.contains(r#"<tr><th scope="row">2018/19</th><td class="num">147</td></tr>"#));
    assert!(
        html.contains(r#"<details class="figure-data"><summary>"#),
        "the table is collapsible"
    );
    assert!(html.contains(r#"Source: <a href="https://example.org/early-help">Example Borough Early Help Service</a> (2024)."#));
    assert!(html.contains("Counted by the front door, in April, May and June."));
    assert!(html.contains(r#"<a href="/figures/contacts/">About these figures"#));
    // The second figure on the page has ids of its own.
    assert!(html.contains(r#"aria-describedby="fig--2-summary""#));
    assert!(html.contains(
        "Child protection plans under neglect: 29% in 2024, up 4 percentage points on 2023 (25%)."
    ));
    assert!(html.contains("Illustrative: these numbers are made up"));
}

#[test]
fn charts_are_safe_under_the_content_security_policy() {
    let site = site_with_figures(PLACES_BOTH);
    site.build().assert_ok();
    for page in [
        "local/index.html",
        "figures/index.html",
        "figures/contacts/index.html",
    ] {
        let html = site.read_output(page);
        assert!(!html.contains("style="), "{page} has a style attribute");
        assert!(!html.contains("<style"), "{page} has a style element");
        let inline = html
            .split("<script")
            .skip(1)
            .filter(|tag| !tag[..tag.find('>').unwrap()].contains(" src="))
            .count();
        assert_eq!(inline, 0, "{page} has inline script");
    }
}

#[test]
fn every_figure_gets_a_page_and_the_figures_page_lists_each_with_its_source() {
    let site = site_with_figures(PLACES_BOTH);
    site.build().assert_ok();
    let list = site.read_output("figures/index.html");
    assert!(
        list.contains(r#"<a href="/figures/contacts/">Early help contacts for neglect</a>"#),
        "{list}"
    );
    assert!(list.contains(r#"<a href="/figures/plans/">Child protection plans under neglect</a>"#));
    assert!(
        list.contains("Example Borough Children&#39;s Services")
            || list.contains("Example Borough Children's Services")
    );
    assert!(list.contains(r#"href="/api/figures/contacts.csv""#));
    let page = site.read_output("figures/contacts/index.html");
    assert!(
        page.contains("<h1>Early help contacts for neglect</h1>"),
        "{page}"
    );
    assert!(
        page.contains(r#"<details class="figure-data" open>"#),
        "the table is open on its own page"
    );
    assert!(page.contains("April 2017 to March 2020"));
    assert!(page.contains(r#"href="/api/figures/contacts.json""#));
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("https://fixture.example.org/figures/contacts/"));
}

#[test]
fn each_figure_is_open_data_as_json_and_csv() {
    let site = site_with_figures(PLACES_BOTH);
    site.build().assert_ok();
    let json: Value = serde_json::from_str(&site.read_output("api/figures/plans.json")).unwrap();
    assert_eq!(json["title"], "Child protection plans under neglect");
    assert_eq!(json["unit"], "%");
    assert_eq!(json["source"]["year"], "2023/24");
    assert_eq!(json["illustrative"], true);
    assert_eq!(
        json["rows"][1],
        serde_json::json!({"label": "2024", "value": 29})
    );
    assert_eq!(json["page"], "https://fixture.example.org/figures/plans/");
    assert_eq!(
        site.read_output("api/figures/contacts.csv"),
        "Year,Contacts\n2017/18,73\n2018/19,147\n2019/20,195\n"
    );
    let list: Value = serde_json::from_str(&site.read_output("api/figures.json")).unwrap();
    let names: Vec<&str> = list["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["contacts", "plans"]);
}

#[test]
fn a_figure_page_can_be_linked_to_like_any_page() {
    let site = site_with_figures("See [the contacts](/figures/contacts/).\n");
    site.build().assert_ok();
    site.write(
        "content/local.md",
        "---\ntitle: Neglect here\n---\nSee [them](/figures/contact/).\n",
    );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["content/local.md:4"]);
}

#[test]
fn numbers_with_separators_decimals_and_percent_signs_are_read() {
    let site = site_with_figures("```figure\ndata: mixed\nchart: bar\n```\n");
    write_figure(
        &site,
        "data/mixed.csv",
        "title,Mixed\nunit,%\nsource,S\nsource_year,2024\nas_of,2099-01-01\nover_time,false\n\nArea,Share\n\"Hull, East\",12.5%\nGrimsby,\"1,234\"\n",
    );
    site.build().assert_ok();
    let html = site.read_output("local/index.html");
    assert!(
        html.contains("Mixed: Hull, East (12.5%); Grimsby (1,234.0%)."),
        "{html}"
    );
}

#[test]
fn text_in_figures_is_escaped() {
    let site = site_with_figures("```figure\ndata: contacts\n```\n");
    write_figure(
        &site,
        "data/contacts.csv",
        &replace(
            CONTACTS,
            "title,Early help contacts for neglect",
            "title,<script>alert(1)</script> & \"more\"",
        ),
    );
    site.build().assert_ok();
    let html = site.read_output("local/index.html");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"));
}

#[test]
fn a_spreadsheet_saved_as_csv_utf8_with_crlf_and_padding_is_read() {
    let site = site_with_figures("```figure\ndata: excel\n```\n");
    let excel = "\u{feff}title,From Excel,\r\nunit,children,\r\nsource,Council,\r\nsource_year,2024,\r\nas_of,2099-01-01,\r\n,,\r\nYear,Children,\r\n2023,10,\r\n2024,12,\r\n";
    write_figure(&site, "data/excel.csv", excel);
    site.build().assert_ok();
    assert!(
        site.read_output("local/index.html")
            .contains("From Excel rose from 10 in 2023 to 12 in 2024.")
    );
}

// ----- Every mistake in a figure file: file, line, what is wrong, what would be right -----

#[test]
fn a_number_that_is_not_a_number() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "2018/19,147", "2018/19,147a"),
        "data/contacts.csv:12:9",
        &["`147a` is not a number", "digits only, e.g. 1234"],
    );
}

#[test]
fn a_missing_source() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "source,Example Borough Early Help Service\n", ""),
        "data/contacts.csv:1:1",
        &[
            "this figure has no `source`",
            "add `source,Example Borough Children's Services`",
            "who published the numbers",
        ],
    );
}

#[test]
fn a_row_with_the_wrong_number_of_cells() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "2018/19,147", "2018/19,147,150"),
        "data/contacts.csv:12:13",
        &[
            "this row has 3 cells, but the heading row has 2",
            "double quotes",
        ],
    );
}

#[test]
fn a_table_with_more_than_one_column_of_numbers() {
    // Cheshire East's strategy (2014) gives its plans as one table of three columns.
    let cheshire = "title,Children on child protection plans\nunit,children\nsource,Cheshire East Neglect Strategy 2014 to 2017\nsource_year,2014\nas_of,2099-01-01\n\nAt,No. on CP Plan,No. due to Neglect,% due to Neglect\nEnd of March 2012,207,123,59\n";
    rejects(
        "data/contacts.csv",
        cheshire,
        "data/contacts.csv:7:1",
        &[
            "the table has 4 columns, but a figure's table has two",
            "in a file of its own",
        ],
    );
}

#[test]
fn a_missing_blank_row_before_the_table() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "\n\nYear,Contacts", "\nYear,Contacts"),
        "data/contacts.csv:9:1",
        &["the table's heading row `Year,Contacts` needs a blank row above it"],
    );
}

#[test]
fn a_plain_csv_without_settings() {
    rejects(
        "data/contacts.csv",
        "Year,Contacts\n2019/20,73\n",
        "data/contacts.csv:1:1",
        &[
            "this file starts with `Year,Contacts`, not with the figure's settings",
            "title, unit, source, source_year, as_of",
        ],
    );
}

#[test]
fn a_misspelt_setting() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "unit,contacts", "unti,contacts"),
        "data/contacts.csv:2:1",
        &["unknown setting `unti`", "did you mean `unit`?"],
    );
}

#[test]
fn a_setting_given_twice() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "unit,contacts", "unit,contacts\nunit,children"),
        "data/contacts.csv:3:1",
        &["`unit` is set twice (first on line 2)"],
    );
}

#[test]
fn a_date_that_is_not_a_date() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "as_of,2099-01-01", "as_of,01/01/2099"),
        "data/contacts.csv:7:7",
        &["`01/01/2099` is not a date", "YYYY-MM-DD"],
    );
}

#[test]
fn a_year_that_is_not_a_year() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "source_year,2024", "source_year,last year"),
        "data/contacts.csv:4:13",
        &[
            "`last year` is not a year",
            "e.g. 2024, or a financial year such as 2023/24",
        ],
    );
}

#[test]
fn a_link_that_is_not_a_web_address() {
    rejects(
        "data/contacts.csv",
        &replace(
            CONTACTS,
            "https://example.org/early-help",
            "example.org/early-help",
        ),
        "data/contacts.csv:5:13",
        &[
            "`example.org/early-help` is not a web address",
            "starting https://",
        ],
    );
}

#[test]
fn a_negative_number() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "2017/18,73", "2017/18,-73"),
        "data/contacts.csv:11:9",
        &["`-73` is below zero", "never negative"],
    );
}

#[test]
fn a_percent_sign_on_a_count() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "2017/18,73", "2017/18,73%"),
        "data/contacts.csv:11:9",
        &[
            "`73%` has a % sign, but this figure's unit is not %",
            "set the figure's unit to %",
        ],
    );
}

#[test]
fn a_row_without_a_number() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "2017/18,73", "2017/18,"),
        "data/contacts.csv:11:9",
        &[
            "the row `2017/18` has no number",
            "explain the gap in `notes`",
        ],
    );
}

#[test]
fn a_label_used_twice() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "2019/20,195", "2018/19,195"),
        "data/contacts.csv:13:1",
        &["the label `2018/19` is used twice (first on line 12)"],
    );
}

#[test]
fn a_yes_or_no_setting_that_is_neither() {
    rejects(
        "data/contacts.csv",
        &replace(
            CONTACTS,
            "as_of,2099-01-01",
            "as_of,2099-01-01\nillustrative,yes",
        ),
        "data/contacts.csv:8:14",
        &["`illustrative` is `yes`, but it can only be true or false"],
    );
}

#[test]
fn an_unknown_kind_of_chart_in_a_file() {
    rejects(
        "data/contacts.csv",
        &replace(CONTACTS, "as_of,2099-01-01", "as_of,2099-01-01\nchart,pie"),
        "data/contacts.csv:8:7",
        &[
            "`pie` is not a kind of chart",
            "column, bar, village, headline",
        ],
    );
}

#[test]
fn a_village_whose_rows_add_up_to_more_than_a_hundred() {
    rejects(
        "data/contacts.csv",
        &replace(
            CONTACTS,
            "as_of,2099-01-01",
            "as_of,2099-01-01\nchart,village",
        ),
        "data/contacts.csv:8:7",
        &[
            "a village of 100 shows at most 2 groups, and `contacts` has 3 rows",
            "chart: bar",
        ],
    );
}

#[test]
fn too_many_rows_for_a_chart() {
    let mut monthly = String::from(
        "title,Contacts by day\nunit,contacts\nsource,S\nsource_year,2024\nas_of,2099-01-01\n\nDay,Contacts\n",
    );
    for day in 0..10_000 {
        monthly.push_str(&format!("Day {day},{}\n", day % 7));
    }
    rejects(
        "data/contacts.csv",
        &monthly,
        "data/contacts.csv:1:1",
        &[
            "a column chart of 10000 rows cannot be read on a phone; it shows at most 40",
            "chart: headline",
        ],
    );
}

#[test]
fn a_file_name_that_cannot_be_an_address() {
    rejects(
        "data/Contacts 2024.csv",
        CONTACTS,
        "data/Contacts 2024.csv",
        &[
            "the figure name `Contacts 2024` cannot be used in a web address",
            "e.g. contacts-2024.csv",
        ],
    );
}

#[test]
fn two_files_for_one_figure() {
    rejects(
        "data/contacts.yaml",
        PLANS,
        "data/contacts.yaml",
        &["this file and data/contacts.csv are both the figure `contacts`"],
    );
}

#[test]
fn a_spreadsheet_file_is_refused_and_another_file_is_a_warning() {
    rejects(
        "data/contacts.xlsx",
        "PK",
        "data/contacts.xlsx",
        &["a spreadsheet cannot be read as a figure", "CSV UTF-8"],
    );
    let site = site_with_figures(PLACES_BOTH);
    site.write("data/README.txt", "notes to self");
    let run = site.build();
    run.assert_ok()
        .assert_stderr_has(&["data/README.txt", "this is not a figure, so it is left out"]);
}

#[test]
fn a_file_that_is_not_utf8() {
    let site = site_with_figures(PLACES_BOTH);
    site.build().assert_ok();
    std::fs::write(site.root().join("data/contacts.csv"), b"title,Caf\xe9\n").unwrap();
    site.build().assert_failed().assert_stderr_has(&[
        "data/contacts.csv",
        "this file is not UTF-8 text",
        "CSV UTF-8",
    ]);
}

#[test]
fn yaml_an_unknown_setting() {
    rejects(
        "data/plans.yaml",
        &replace(PLANS, "illustrative: true", "ilustrative: true"),
        "data/plans.yaml:7:1",
        &[
            "unknown setting `ilustrative`",
            "did you mean `illustrative`?",
        ],
    );
}

#[test]
fn yaml_a_number_that_is_not_a_number() {
    rejects(
        "data/plans.yaml",
        &replace(PLANS, "value: 29", "value: twenty-nine"),
        "data/plans.yaml:13:12",
        &["`twenty-nine` is not a number"],
    );
}

#[test]
fn yaml_a_source_without_its_year() {
    rejects(
        "data/plans.yaml",
        &replace(PLANS, "  year: 2023/24\n", ""),
        "data/plans.yaml:3:1",
        &[
            "this figure has no `source: year`",
            "`year: 2024` under `source:`",
        ],
    );
}

#[test]
fn yaml_a_source_written_on_one_line() {
    rejects(
        "data/plans.yaml",
        &replace(
            PLANS,
            "source:\n  name: Example Borough Children's Services\n  year: 2023/24",
            "source: Example Borough Children's Services",
        ),
        "data/plans.yaml:3",
        &["`source:` needs its `name:` and `year:` on lines of their own"],
    );
}

#[test]
fn yaml_three_column_headings() {
    rejects(
        "data/plans.yaml",
        &replace(
            PLANS,
            "columns: [At 31 March, Plans under neglect]",
            "columns: [At, Plans, Share]",
        ),
        "data/plans.yaml:8:1",
        &["`columns` has 3 headings, but a figure's table has two"],
    );
}

#[test]
fn every_mistake_in_every_figure_is_reported_in_one_build() {
    let site = site_with_figures(PLACES_BOTH);
    write_figure(
        &site,
        "data/contacts.csv",
        &replace(
            &replace(CONTACTS, "2017/18,73", "2017/18,7x3"),
            "as_of,2099-01-01",
            "as_of,soon",
        ),
    );
    write_figure(
        &site,
        "data/plans.yaml",
        &replace(PLANS, "value: 29", "value: lots"),
    );
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "data/contacts.csv:7:7",
        "data/contacts.csv:11:9",
        "data/plans.yaml:13:12",
        "Build failed: 3 error(s)",
    ]);
}

// ----- Placing a figure in a page, checked like a link -----

#[test]
fn an_unknown_figure_names_the_page_line_and_the_figures_there_are() {
    rejects(
        "content/local.md",
        "---\ntitle: Neglect here\n---\nIntro.\n\n```figure\ndata: contact\n```\n",
        "content/local.md:7:7",
        &[
            "there is no figure `contact` in data/",
            "did you mean `contacts`?",
            "the figures are: contacts, plans",
        ],
    );
}

#[test]
fn an_unknown_chart_type_lists_the_valid_ones() {
    rejects(
        "content/local.md",
        "---\ntitle: Neglect here\n---\n\n- In a list:\n\n  ```figure\n  data: contacts\n  chart: colum\n  ```\n",
        "content/local.md:9:10",
        &[
            "`colum` is not a kind of chart",
            "did you mean `column`?",
            "column, bar, village, headline",
        ],
    );
}

#[test]
fn a_chart_that_does_not_suit_the_figure() {
    rejects(
        "content/local.md",
        "---\ntitle: Neglect here\n---\n```figure\ndata: contacts\nchart: village\n```\n",
        "content/local.md:6:8",
        &["a village of 100 shows at most 2 groups"],
    );
}

#[test]
fn a_block_without_data_or_with_a_misspelt_setting() {
    rejects(
        "content/local.md",
        "---\ntitle: Neglect here\n---\n```figure\nchart: bar\n```\n\n```figure\ndata: plans\ncharts: bar\n```\n",
        "content/local.md:5:1",
        &[
            "this figure block does not say which figure to show",
            "unknown figure setting `charts`",
            "did you mean `chart`?",
        ],
    );
}

#[test]
fn a_figure_named_on_the_fence_line() {
    rejects(
        "content/local.md",
        "---\ntitle: Neglect here\n---\n```figure contacts\n```\n",
        "content/local.md:4:1",
        &["a figure's settings go on lines inside the block"],
    );
}

#[test]
fn a_figure_whose_file_is_wrong_is_reported_once_in_its_file() {
    let site = site_with_figures(PLACES_BOTH);
    write_figure(
        &site,
        "data/contacts.csv",
        &replace(CONTACTS, "2017/18,73", "2017/18,x"),
    );
    let run = site.build();
    run.assert_failed()
        .assert_stderr_has(&["data/contacts.csv:11", "Build failed: 1 error(s)"]);
    assert!(
        !run.stderr().contains("content/local.md"),
        "{}",
        run.stderr()
    );
}

#[test]
fn figures_need_a_page_to_be_listed_on() {
    let site = site_with_figures(PLACES_BOTH);
    site.remove("content/figures/_index.md");
    site.build().assert_failed().assert_stderr_has(&[
        "there are figures in data/ but no page to list them on",
        "create content/figures/_index.md",
    ]);
}

#[test]
fn other_fenced_code_is_still_code() {
    let site = site_with_figures("```yaml\ndata: contacts\n```\n");
    site.build().assert_ok();
    let html = site.read_output("local/index.html");
    assert!(
        html.contains(r#"<pre><code class="language-yaml">data: contacts"#),
        "{html}"
    );
}

// ----- Review dates: `check` warns about old figures -----

#[test]
fn check_warns_about_a_figure_older_than_the_limit() {
    let site = site_with_figures(PLACES_BOTH);
    site.write(
        "data/contacts.csv",
        &replace(CONTACTS, "as_of,2099-01-01", "as_of,2020-04-01"),
    );
    let run = site.signpost(&["check"]);
    assert!(run.success(), "a warning is not an error: {}", run.stderr());
    let stderr = run.stderr();
    assert!(stderr.contains("data/contacts.csv:7:7"), "{stderr}");
    assert!(
        stderr.contains("this figure was last checked on 1 April 2020, more than 12 months ago")
    );
    assert!(stderr.contains("`figures: stale_after_months:` in site.yaml sets the limit"));
    assert!(!site.signpost(&["check", "--strict"]).success());
    let json: Value =
        serde_json::from_str(&site.signpost(&["check", "--format", "json"]).stdout()).unwrap();
    assert_eq!(json["warnings"], 1);
    assert_eq!(json["diagnostics"][0]["file"], "data/contacts.csv");
    assert_eq!(json["diagnostics"][0]["line"], 7);
}

#[test]
fn the_partnership_sets_the_limit_in_site_yaml() {
    let site = site_with_figures(PLACES_BOTH);
    let months_ago = |months: u32| {
        chrono::NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d")
            .unwrap()
            .checked_sub_months(chrono::Months::new(months))
            .unwrap()
            .format("%Y-%m-%d")
            .to_string()
    };
    site.write(
        "data/contacts.csv",
        &replace(
            CONTACTS,
            "as_of,2099-01-01",
            &format!("as_of,{}", months_ago(6)),
        ),
    );
    site.write(
        "data/plans.yaml",
        &replace(
            PLANS,
            "as_of: 2099-01-01",
            &format!("as_of: {}", months_ago(0)),
        ),
    );
    let run = site.signpost(&["check"]);
    assert!(
        run.stdout().contains("0 warning(s)"),
        "6 months is within the default 12: {}",
        run.stderr()
    );
    site.write(
        "site.yaml",
        &format!("{}figures:\n  stale_after_months: 3\n", common::SITE_YAML),
    );
    let run = site.signpost(&["check"]);
    assert!(
        run.stderr().contains("more than 3 months ago"),
        "{}",
        run.stderr()
    );
    assert!(run.stdout().contains("1 warning(s)"), "{}", run.stdout());
    site.write(
        "site.yaml",
        &format!("{}figures:\n  stale_after_month: 3\n", common::SITE_YAML),
    );
    let run = site.signpost(&["check"]);
    assert!(
        run.stderr().contains("unknown setting `stale_after_month`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_figure_dated_in_the_future_is_a_warning() {
    let site = site_with_figures(PLACES_BOTH);
    site.write("data/contacts.csv", CONTACTS);
    let run = site.signpost(&["check"]);
    assert!(
        run.stderr().contains("is in the future"),
        "{}",
        run.stderr()
    );
}

// ----- What README and --help promise -----

/// The text of the first fenced block in `section` whose opening fence is exactly `fence`.
fn block<'a>(section: &'a str, fence: &str) -> &'a str {
    let start = section.find(&format!("{fence}\n")).expect("the block") + fence.len() + 1;
    let closing = &fence[..fence.len() - fence.trim_start_matches('`').len()];
    let end = section[start..]
        .find(&format!("\n{closing}\n"))
        .expect("its end");
    &section[start..start + end + 1]
}

#[test]
fn the_readme_examples_build_as_described() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("### Figures").unwrap()..readme.find("### Search").unwrap()];
    let placement = block(section, "````markdown");
    let site = site_with_figures(&format!(
        "{placement}\n```figure\ndata: plans-for-neglect\nchart: headline\n```\n"
    ));
    write_figure(
        &site,
        "data/early-help-contacts.csv",
        &block(section, "```csv").replace("2026-10-01", "2099-01-01"),
    );
    write_figure(
        &site,
        "data/plans-for-neglect.yaml",
        &block(section, "```yaml").replace("2026-10-01", "2099-01-01"),
    );
    site.build().assert_ok();
    let html = site.read_output("local/index.html");
    assert!(html.contains("Early help contacts where neglect was the main concern rose from 73 in 2019/20 to 195 in 2023/24."), "{html}");
    assert!(html.contains("52% in 2024, up 3 percentage points on 2023 (49%)."));
    assert!(
        site.read_output("api/figures/early-help-contacts.csv")
            .starts_with("Year,Contacts\n")
    );
}

#[test]
fn help_names_the_figures_folder() {
    let site = Fixture::new();
    let help = site.signpost(&["--help"]).stdout();
    assert!(
        help.contains("data/ (local figures, drawn as charts)"),
        "{help}"
    );
    let check = site.signpost(&["check", "--help"]).stdout();
    assert!(
        check.contains("review dates (of pages and figures)"),
        "{check}"
    );
}

#[test]
fn the_example_site_shows_its_figures_marked_as_illustrative_and_national_ones_with_sources() {
    let example = common::ExampleBuild::new();
    let unexpected = common::unexpected_warnings(&example.stderr);
    assert!(unexpected.is_empty(), "{unexpected:#?}");
    let page = example.read("about-neglect/neglect-in-example-borough/index.html");
    assert_eq!(page.matches(r#"<svg class="chart"#).count(), 6);
    assert!(page.contains("<strong>The local figures on this page are made up</strong>"));
    assert!(page.contains("Source: NSPCC, quoted in Cambridgeshire and Peterborough Safeguarding Children Partnership, Neglect Strategy (2025)."));
    assert!(page.contains(
        "Source: Action for Children, Child neglect: the scandal that never breaks (2014)."
    ));
    let list = example.read("figures/index.html");
    for name in [
        "early-help-contacts",
        "plans-for-neglect",
        "plans-village",
        "one-in-ten-children",
        "children-who-know",
        "public-attitudes",
    ] {
        assert!(
            list.contains(&format!("/figures/{name}/")),
            "{name} is listed"
        );
        let json: Value =
            serde_json::from_str(&example.read(&format!("api/figures/{name}.json"))).unwrap();
        let local = ["early-help-contacts", "plans-for-neglect", "plans-village"].contains(&name);
        assert_eq!(
            json["illustrative"], local,
            "{name}: local figures are made up, national ones are real"
        );
    }
}

#[test]
fn a_site_made_by_init_explains_the_setting_and_takes_a_figure() {
    let parent = Fixture::new();
    parent.signpost(&["init", "new-site"]).assert_ok();
    let root = parent.root().join("new-site");
    let site_yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(
        site_yaml.contains("figures:\n  stale_after_months: 12"),
        "{site_yaml}"
    );
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::create_dir_all(root.join("content/figures")).unwrap();
    std::fs::write(root.join("data/contacts.csv"), dated(CONTACTS)).unwrap();
    std::fs::write(
        root.join("content/figures/_index.md"),
        "---\ntitle: Local figures\n---\n",
    )
    .unwrap();
    let run = common::signpost_in(&root, &["build"]);
    assert!(run.success(), "{}", run.stderr);
    assert!(root.join("public/figures/contacts/index.html").is_file());
}

#[test]
fn an_empty_figure_file_is_one_clear_error() {
    rejects(
        "data/contacts.csv",
        "\n",
        "data/contacts.csv",
        &["this figure's file is empty", "Build failed: 1 error(s)"],
    );
}
