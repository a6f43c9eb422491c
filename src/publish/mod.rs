//! Publishing on every push: the files that make GitHub Actions, GitLab CI or Netlify check
//! and build the site with a released signpost and publish the result. Each downloads the
//! signpost release named by version and checked by its SHA-256 (see `release`), keeps it
//! between runs, runs `signpost check --strict` then `signpost build`, and publishes public/
//! as it is, with any host headers files the build writes.
//!
//! Nothing here replaces a file a site already has: a file that says the same is left alone,
//! and one that says something else is refused by name, or (where the host can include a
//! second file) the new one is written beside it.

pub mod release;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
pub use release::Pin;

/// Where the site is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Host {
    Github,
    Gitlab,
    Netlify,
}

const INSTALL: &str = include_str!("install.sh");
const GITHUB: &str = include_str!("github.yml");
const GITLAB: &str = include_str!("gitlab.yml");
const NETLIFY: &str = include_str!("netlify.toml");

/// Where each host reads its settings, relative to the site's folder.
pub const GITHUB_WORKFLOW: &str = ".github/workflows/publish-site.yml";
pub const GITLAB_CI: &str = ".gitlab-ci.yml";
/// Written instead of .gitlab-ci.yml when the site has one, for it to include.
pub const GITLAB_CI_BESIDE: &str = "signpost.gitlab-ci.yml";
pub const NETLIFY_TOML: &str = "netlify.toml";
/// Written instead of netlify.toml when the site has one, to copy the settings from.
pub const NETLIFY_TOML_BESIDE: &str = "netlify.signpost.toml";

impl Host {
    pub fn name(self) -> &'static str {
        match self {
            Host::Github => "github",
            Host::Gitlab => "gitlab",
            Host::Netlify => "netlify",
        }
    }

    /// The file the host reads.
    pub fn file(self) -> &'static str {
        match self {
            Host::Github => GITHUB_WORKFLOW,
            Host::Gitlab => GITLAB_CI,
            Host::Netlify => NETLIFY_TOML,
        }
    }

    /// Where to write when the site already has the host's file and it says something else;
    /// None when the only safe thing is to refuse (a second GitHub workflow would publish
    /// twice).
    fn beside(self) -> Option<&'static str> {
        match self {
            Host::Github => None,
            Host::Gitlab => Some(GITLAB_CI_BESIDE),
            Host::Netlify => Some(NETLIFY_TOML_BESIDE),
        }
    }

    /// The file's text for `pin`, publishing from `branch`.
    pub fn text(self, pin: &Pin, branch: &str) -> String {
        let (template, indent) = match self {
            Host::Github => (GITHUB, 10),
            Host::Gitlab => (GITLAB, 6),
            Host::Netlify => (NETLIFY, 0),
        };
        template
            .replace("{{INSTALL}}", &indented(INSTALL.trim_end(), indent))
            .replace("{{VERSION}}", &pin.version)
            .replace("{{SHA256}}", &pin.sha256)
            .replace("{{RELEASES}}", &pin.releases)
            .replace("{{BRANCH}}", branch)
    }
}

fn indented(text: &str, spaces: usize) -> String {
    let pad = " ".repeat(spaces);
    text.lines()
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What happened to the host's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Written where the host reads it.
    Created(PathBuf),
    /// The site already had it, saying the same.
    Unchanged(PathBuf),
    /// The site has its own; the new one was written beside it, to bring in by hand.
    Beside { ours: PathBuf, theirs: PathBuf },
}

/// Writes the host's file for `pin` into the site at `root`, never replacing a file that
/// says something else unless `force`.
pub fn write(
    root: &Path,
    host: Host,
    pin: &Pin,
    branch: &str,
    force: bool,
) -> Result<Written, Diagnostic> {
    check_branch(branch)?;
    let text = host.text(pin, branch);
    let target = PathBuf::from(host.file());
    match std::fs::read_to_string(root.join(&target)) {
        Ok(existing) if existing == text => return Ok(Written::Unchanged(target)),
        Ok(_) if force => {}
        Ok(_) => {
            let Some(beside) = host.beside() else {
                return Err(refusal(&target));
            };
            let beside = PathBuf::from(beside);
            match std::fs::read_to_string(root.join(&beside)) {
                Ok(existing) if existing != text => return Err(refusal(&beside)),
                _ => {}
            }
            create(root, &beside, &text)?;
            return Ok(Written::Beside {
                ours: beside,
                theirs: target,
            });
        }
        Err(_) => {}
    }
    create(root, &target, &text)?;
    Ok(Written::Created(target))
}

fn refusal(file: &Path) -> Diagnostic {
    Diagnostic::error(format!(
        "{} already exists and says something else, so it was left as it is",
        file.display()
    ))
    .in_file(file)
    .with_help(
        "compare it with what README.md's \"Publishing\" section describes and change it yourself, or run the command again with --force to replace it (your changes to it are lost)",
    )
}

fn create(root: &Path, file: &Path, text: &str) -> Result<(), Diagnostic> {
    let path = root.join(file);
    path.parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|error| Diagnostic::error(format!("cannot write {}: {error}", file.display())))
}

/// A branch name safe to write into the host's file.
fn check_branch(branch: &str) -> Result<(), Diagnostic> {
    let safe = !branch.is_empty()
        && !branch.starts_with(['-', '/', '.'])
        && branch
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if safe {
        Ok(())
    } else {
        Err(Diagnostic::error(format!(
            "`{branch}` is not a branch name signpost can publish from"
        ))
        .with_help("use letters, digits, hyphens, dots and slashes, e.g. --branch main"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pin() -> Pin {
        Pin {
            version: "9.9.9".into(),
            sha256: "ab".repeat(32),
            releases: "https://example.org/releases/download".into(),
        }
    }

    #[test]
    fn every_placeholder_is_filled() {
        for host in [Host::Github, Host::Gitlab, Host::Netlify] {
            let text = host.text(&pin(), "main");
            for placeholder in [
                "{{INSTALL}}",
                "{{VERSION}}",
                "{{SHA256}}",
                "{{RELEASES}}",
                "{{BRANCH}}",
            ] {
                assert!(!text.contains(placeholder), "{host:?}: {placeholder}");
            }
            assert!(text.contains("9.9.9") && text.contains(&"ab".repeat(32)));
        }
    }

    #[test]
    fn branch_names_are_checked() {
        assert!(check_branch("main").is_ok());
        assert!(check_branch("release/2027").is_ok());
        for bad in ["", "main\"\n", "-x", "a b", "${{ evil }}"] {
            assert!(check_branch(bad).is_err(), "{bad}");
        }
    }
}
