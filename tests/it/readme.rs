//! README.md's promises about publishing, run as a comms officer would meet them: the output it
//! shows for a failed build is what the check step prints, and the commands it names exist.

use std::path::Path;

use crate::common::signpost_in;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The fenced block after `<!-- output: NAME -->` in README.md.
fn shown(name: &str) -> String {
    let text = readme();
    let marker = format!("<!-- output: {name} -->");
    let after = &text[text
        .find(&marker)
        .unwrap_or_else(|| panic!("README.md has no {marker}"))..];
    let block = after
        .split("```")
        .nth(1)
        .expect("a fenced block after the marker");
    block
        .trim_start_matches(|c| c != '\n')
        .trim_start_matches('\n')
        .to_string()
}

/// README's example: a new site made the partnership's own as README's walkthrough says,
/// where a comms officer links to a page that does not exist.
fn broken_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    assert!(signpost_in(dir.path(), &["init", "site"]).success());
    crate::common::starter::make_it_our_own(&dir.path().join("site"));
    let page = dir.path().join("site/content/worried/_index.md");
    let mut text = std::fs::read_to_string(&page).unwrap();
    text.push_str("\nRead [what happens after you call](what-happens-next.md).\n");
    std::fs::write(&page, text).unwrap();
    dir
}

#[test]
fn the_failed_github_check_readme_shows_is_what_the_step_prints() {
    let dir = broken_site();
    let run = signpost_in(
        &dir.path().join("site"),
        &["check", "--strict", "--format", "github"],
    );
    assert_eq!(run.code, Some(1), "the step fails, so nothing is published");
    assert_eq!(shown("github-check"), run.stdout());
    assert!(
        readme().contains(&format!("```\n{}```", run.stdout())),
        "the `--format github` section shows it too"
    );
}

#[test]
fn the_failed_check_on_gitlab_and_netlify_readme_shows_is_what_the_step_prints() {
    let dir = broken_site();
    let run = signpost_in(&dir.path().join("site"), &["check", "--strict"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        shown("human-check"),
        format!("{}{}", run.stderr(), run.stdout())
    );
}

#[test]
fn every_command_readme_lists_is_one_signpost_has() {
    let text = readme();
    let help = signpost_in(Path::new("."), &["--help"]).stdout();
    for command in [
        "build",
        "serve",
        "check",
        "search",
        "import",
        "init",
        "publish-setup",
        "cms",
    ] {
        assert!(
            text.contains(&format!("| `signpost {command}")),
            "README's table lists {command}"
        );
        assert!(
            help.contains(&format!("  {command}")),
            "signpost --help lists {command}:\n{help}"
        );
    }
    for host in ["github", "gitlab", "netlify"] {
        let run = signpost_in(Path::new("."), &["publish-setup", host, "--help"]);
        assert!(run.success(), "publish-setup {host}");
    }
}
