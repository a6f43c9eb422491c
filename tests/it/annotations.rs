//! `signpost check --format github`: GitHub Actions annotations, exactly as the runner reads
//! them (`::error file=…,line=…,col=…::message`), escaping included.

use crate::common::{Fixture, signpost_in};

#[test]
fn each_problem_is_an_annotation_on_its_file_and_line() {
    let site = Fixture::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\nreview_by: 2020-01-01\n---\nSee [the guide](b.md).\n",
    );
    let run = site.signpost(&["check", "--format", "github"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stdout(),
        "::warning file=content/a.md,line=3,col=1::content/a.md:3:1: this page was due for review on 1 January 2020%0Ahelp: check the page is still right, then set `review_by:` to the next review date\n\
         ::error file=content/a.md,line=5,col=5::content/a.md:5:5: the link `b.md` points to content/b.md, which does not exist%0Ahelp: did you mean content/a.md? Links are written to the .md file, relative to this file or from content/ with `@/`\n\
         Checked: 1 error(s), 1 warning(s).\n"
    );
    assert_eq!(run.stderr(), "", "annotations only, on standard output");
}

#[test]
fn commas_colons_percents_and_new_lines_are_escaped() {
    let site = Fixture::new();
    site.write(
        "content/a,b.md",
        "---\ntitle: A\n---\nSee [x](50%off.md).\n",
    );
    let run = site.signpost(&["check", "--format", "github"]);
    let first = run.stdout().lines().next().unwrap().to_string();
    assert_eq!(
        first,
        "::error file=content/a%2Cb.md,line=4,col=5::content/a,b.md:4:5: the link `50%25off.md` points to content/50%25off.md, which does not exist%0Ahelp: links are written to the .md file, relative to this file or from content/ with `@/`, e.g. `@/worried/what-to-do.md`"
    );
}

#[test]
fn a_site_in_a_subfolder_is_named_from_the_repository_root() {
    let site = Fixture::new();
    site.write("content/a.md", "---\ntitle: A\n---\n[x](b.md)\n");
    let repository = site.root().parent().unwrap();
    let folder = site
        .root()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let run = signpost_in(
        repository,
        &["check", "--format", "github", "--root", &folder],
    );
    assert!(
        run.stdout().starts_with(&format!(
            "::error file={folder}/content/a.md,line=4,col=1::"
        )),
        "{}",
        run.stdout()
    );
}

#[test]
fn checks_that_could_not_run_are_notices_and_a_clean_site_passes() {
    let site = Fixture::new();
    let clean = site.signpost(&["check", "--format", "github"]);
    assert_eq!(clean.code, Some(0));
    assert_eq!(clean.stdout(), "Checked: 0 error(s), 0 warning(s).\n");

    site.write("site.yaml", "title: T\nbase_url: nowhere\npartnership: P\n");
    let run = site.signpost(&["check", "--format", "github"]);
    assert_eq!(run.code, Some(1));
    let notice = run
        .stdout()
        .lines()
        .find(|line| line.starts_with("::notice::"))
        .map(str::to_string);
    assert_eq!(
        notice.as_deref(),
        Some(
            "::notice::not checked: links and anchors, the signs matrix, the services directory, review dates, headings and reading ages, because site.yaml has errors"
        )
    );
}
