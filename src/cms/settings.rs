//! cms/editor.yaml: where the browser editor saves (the Git host and repository), the one
//! thing about it that cannot be worked out from the site.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Position};
use crate::layout::EDITOR_SETTINGS_FILE;
use crate::yaml;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EditorSettings {
    /// The Git host the site's repository is on.
    pub backend: Backend,
    /// `owner/name` on GitHub, `group/project` (or `group/subgroup/project`) on GitLab.
    pub repo: String,
    /// The branch that is published.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// A self-hosted GitLab (or GitHub Enterprise): its address, e.g. https://gitlab.council.gov.uk
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// GitLab: the Application ID of an OAuth application, for signing in without a token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// True: each change becomes a pull (merge) request to review before it is published.
    #[serde(default)]
    pub review: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Github,
    Gitlab,
}

fn default_branch() -> String {
    "main".into()
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Github => "github",
            Backend::Gitlab => "gitlab",
        }
    }

    /// The host's own address, where its API and sign-in live.
    pub fn default_server(self) -> &'static str {
        match self {
            Backend::Github => "https://github.com",
            Backend::Gitlab => "https://gitlab.com",
        }
    }
}

impl EditorSettings {
    /// The address the editor's script calls once signed in.
    pub fn api_origin(&self) -> String {
        match (&self.server, self.backend) {
            (Some(server), _) => origin(server),
            (None, Backend::Github) => "https://api.github.com".into(),
            (None, Backend::Gitlab) => "https://gitlab.com".into(),
        }
    }

    /// The file as `signpost cms` writes it, with every setting explained.
    pub fn to_file(&self) -> String {
        let mut text = String::from(
            "# The browser editor at /admin/ (Sveltia CMS): where it saves the site's files.\n\
             # Written by `signpost cms`; change it here. The editor's forms are made from site.yaml,\n\
             # directory_data/categories.yaml and the folders in content/ on every build.\n",
        );
        text.push_str(&yaml::to_string(self).expect("settings serialise"));
        text
    }
}

/// `https://gitlab.example.org/some/path` -> `https://gitlab.example.org`.
fn origin(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}")
}

/// Reads cms/editor.yaml; None when the site has no browser editor.
pub fn load(root: &Path) -> Option<Result<EditorSettings, Vec<Diagnostic>>> {
    let path = root.join(EDITOR_SETTINGS_FILE);
    if !path.is_file() {
        return None;
    }
    let file = Path::new(EDITOR_SETTINGS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            return Some(Err(vec![
                Diagnostic::error(format!("cannot read this file: {error}")).in_file(file),
            ]));
        }
    };
    Some(parse(&text))
}

pub fn parse(text: &str) -> Result<EditorSettings, Vec<Diagnostic>> {
    let file = Path::new(EDITOR_SETTINGS_FILE);
    let settings: EditorSettings = yaml::parse(text).map_err(|error| {
        let diagnostic = yaml::diagnostic(&error, file, 0);
        let diagnostic = if error.message.contains("unknown variant") {
            diagnostic.with_help("backend is `github` or `gitlab`")
        } else {
            diagnostic
        };
        vec![diagnostic]
    })?;
    let problems = check(&settings, text);
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(problems)
    }
}

fn check(settings: &EditorSettings, text: &str) -> Vec<Diagnostic> {
    let file = Path::new(EDITOR_SETTINGS_FILE);
    let at = |key: &str| {
        let (line, column) = yaml::locate_key(text, key, None).unwrap_or((1, 1));
        Position::new(line, column)
    };
    let mut problems = Vec::new();
    if let Some(help) = repo_problem(settings.backend, &settings.repo) {
        problems.push(
            Diagnostic::error(format!(
                "`{}` is not a {} repository",
                settings.repo,
                settings.backend.name()
            ))
            .in_file(file)
            .at(at("repo"))
            .with_help(help),
        );
    }
    if settings.branch.trim().is_empty() || settings.branch.contains(char::is_whitespace) {
        problems.push(
            Diagnostic::error(format!("`{}` is not a branch name", settings.branch))
                .in_file(file)
                .at(at("branch"))
                .with_help("write the branch the site is published from, e.g. main"),
        );
    }
    if let Some(server) = &settings.server
        && !crate::config::is_http_url(server)
    {
        problems.push(
            Diagnostic::error(format!("`{server}` is not a web address"))
                .in_file(file)
                .at(at("server"))
                .with_help("give the address of your GitLab, e.g. https://gitlab.council.gov.uk"),
        );
    }
    if settings.app_id.is_some() && settings.backend == Backend::Github {
        problems.push(
            Diagnostic::error("app_id is for GitLab only")
                .in_file(file)
                .at(at("app_id"))
                .with_help("on GitHub, editors sign in with a token; remove app_id"),
        );
    }
    problems
}

/// Why `repo` cannot name a repository on `backend`, if it cannot.
pub fn repo_problem(backend: Backend, repo: &str) -> Option<&'static str> {
    let parts: Vec<&str> = repo.split('/').collect();
    let part_ok = |part: &&str| {
        !part.is_empty()
            && !part.starts_with('.')
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    match backend {
        Backend::Github if parts.len() == 2 && parts.iter().all(part_ok) => None,
        Backend::Github => {
            Some("write it as owner/name, as in the repository's address on github.com")
        }
        Backend::Gitlab if parts.len() >= 2 && parts.iter().all(part_ok) => None,
        Backend::Gitlab => Some(
            "write it as group/project (or group/subgroup/project), as in the project's address on GitLab",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repositories_are_named_as_their_hosts_name_them() {
        assert!(repo_problem(Backend::Github, "example-borough/neglect-site").is_none());
        assert!(repo_problem(Backend::Github, "a/b/c").is_some());
        assert!(repo_problem(Backend::Github, "just-a-name").is_some());
        assert!(repo_problem(Backend::Gitlab, "council/safeguarding/neglect").is_none());
        assert!(repo_problem(Backend::Gitlab, "a//b").is_some());
        assert!(repo_problem(Backend::Github, "owner/na me").is_some());
    }

    #[test]
    fn written_settings_read_back() {
        let settings = EditorSettings {
            backend: Backend::Gitlab,
            repo: "council/neglect".into(),
            branch: "main".into(),
            server: Some("https://gitlab.council.gov.uk".into()),
            app_id: Some("abc123".into()),
            review: true,
        };
        assert_eq!(parse(&settings.to_file()).unwrap(), settings);
        assert_eq!(settings.api_origin(), "https://gitlab.council.gov.uk");
    }

    #[test]
    fn a_wrong_backend_lists_the_right_ones() {
        let problems = parse("backend: bitbucket\nrepo: a/b\n").unwrap_err();
        assert_eq!(problems[0].position.unwrap().line, 1);
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("`github` or `gitlab`")
        );
    }
}
