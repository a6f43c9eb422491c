//! `signpost cms`: turning the browser editor on for a site. It writes cms/editor.yaml (where
//! the editor saves) and fetches the editor's script into cms/; it never replaces a file that
//! says something else without being told to.

use std::path::Path;

use super::settings::{self, Backend, EditorSettings};
use super::vendor;
use crate::diagnostics::Diagnostic;
use crate::layout::{
    EDITOR_FONTS_DIR, EDITOR_LICENSE_FILE, EDITOR_SCRIPT_FILE, EDITOR_SETTINGS_FILE,
};

/// What the person asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub backend: Option<Backend>,
    pub repo: Option<String>,
    pub branch: Option<String>,
    pub server: Option<String>,
    pub app_id: Option<String>,
    pub review: bool,
    /// Replace a cms/editor.yaml that says something else.
    pub force: bool,
    /// The npm registry to take the editor from.
    pub registry: String,
}

/// What was done, for the command to tell the person.
#[derive(Debug)]
pub struct Done {
    pub settings: EditorSettings,
    pub settings_written: bool,
    pub script_fetched: bool,
}

pub fn set_up(root: &Path, request: &Request) -> Result<Done, Diagnostic> {
    let existing = match settings::load(root) {
        Some(Ok(settings)) => Some(settings),
        Some(Err(mut problems)) => return Err(problems.remove(0)),
        None => None,
    };
    let wanted = wanted_settings(root, request, existing.as_ref())?;
    let settings_written = existing.as_ref() != Some(&wanted);
    if settings_written && existing.is_some() && !request.force {
        return Err(Diagnostic::error(format!(
            "{EDITOR_SETTINGS_FILE} already says where the editor saves, and it is not what you asked for"
        ))
        .in_file(EDITOR_SETTINGS_FILE)
        .with_help(format!(
            "edit {EDITOR_SETTINGS_FILE} yourself, or run the command again with --force to replace it"
        )));
    }
    let script_fetched = !has_editor(root);
    if script_fetched {
        let vendored = vendor::download(&request.registry).map_err(|problem| {
            Diagnostic::error(format!(
                "could not fetch the editor ({} {}): {problem}",
                vendor::PACKAGE,
                vendor::VERSION
            ))
            .with_help("check the computer is online and run the command again, or give --registry with your organisation's npm mirror; nothing was written")
        })?;
        write(root, EDITOR_SCRIPT_FILE, &vendored.script)?;
        write(root, EDITOR_LICENSE_FILE, &vendored.license)?;
        for (name, bytes) in &vendored.fonts {
            write(root, &format!("{EDITOR_FONTS_DIR}/{name}"), bytes)?;
        }
    }
    if settings_written {
        write(root, EDITOR_SETTINGS_FILE, wanted.to_file().as_bytes())?;
    }
    Ok(Done {
        settings: wanted,
        settings_written,
        script_fetched,
    })
}

/// True when cms/ holds the pinned editor and every font it uses.
fn has_editor(root: &Path) -> bool {
    let Ok(script) = std::fs::read(root.join(EDITOR_SCRIPT_FILE)) else {
        return false;
    };
    vendor::is_pinned(&script)
        && vendor::fonts_named_in(&script)
            .iter()
            .all(|font| root.join(EDITOR_FONTS_DIR).join(&font.file).is_file())
}

/// The settings the request asks for: the command line's, over the file's, over what the
/// site's Git remote says.
fn wanted_settings(
    root: &Path,
    request: &Request,
    existing: Option<&EditorSettings>,
) -> Result<EditorSettings, Diagnostic> {
    let remote = || git_remote(root);
    let (backend, repo, server) = match (request.backend, &request.repo, existing) {
        (Some(backend), Some(repo), _) => (backend, repo.clone(), request.server.clone()),
        (None, None, Some(existing)) => (
            existing.backend,
            existing.repo.clone(),
            request.server.clone().or(existing.server.clone()),
        ),
        (None, None, None) => match remote() {
            Some((backend, repo)) => (backend, repo, request.server.clone()),
            None => return Err(no_repository()),
        },
        _ => {
            return Err(
                Diagnostic::error("give both --backend and --repo").with_help(
                    "e.g. signpost cms --backend github --repo example-borough/neglect-site",
                ),
            );
        }
    };
    if let Some(help) = settings::repo_problem(backend, &repo) {
        return Err(
            Diagnostic::error(format!("`{repo}` is not a {} repository", backend.name()))
                .with_help(help),
        );
    }
    let keep = |given: &Option<String>, old: Option<&Option<String>>| {
        given.clone().or_else(|| old.cloned().flatten())
    };
    Ok(EditorSettings {
        backend,
        repo,
        branch: request
            .branch
            .clone()
            .or_else(|| existing.map(|e| e.branch.clone()))
            .unwrap_or_else(|| "main".into()),
        server,
        app_id: keep(&request.app_id, existing.map(|e| &e.app_id)),
        review: request.review || existing.is_some_and(|e| e.review),
    })
}

fn no_repository() -> Diagnostic {
    Diagnostic::error("signpost cannot tell where the site's repository is").with_help(
        "say which Git host and repository the editor saves to, e.g. signpost cms --backend github --repo example-borough/neglect-site (or --backend gitlab --repo group/project)",
    )
}

/// The Git host and repository of the site's `origin` remote, when it is on github.com or
/// gitlab.com.
fn git_remote(root: &Path) -> Option<(Backend, String)> {
    let output = std::process::Command::new("git")
        .args(["remote", "get-url", "origin"])
        .current_dir(root)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    parse_remote(String::from_utf8_lossy(&output.stdout).trim())
}

/// `git@github.com:owner/name.git` or `https://gitlab.com/group/project` -> the host and path.
pub fn parse_remote(url: &str) -> Option<(Backend, String)> {
    let rest = url
        .strip_prefix("git@")
        .map(|r| r.replacen(':', "/", 1))
        .or_else(|| url.split_once("://").map(|(_, r)| r.to_string()))?;
    let rest = rest.rsplit_once('@').map_or(rest.as_str(), |(_, r)| r);
    let (host, path) = rest.split_once('/')?;
    let backend = match host {
        "github.com" => Backend::Github,
        "gitlab.com" => Backend::Gitlab,
        _ => return None,
    };
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    settings::repo_problem(backend, path)
        .is_none()
        .then(|| (backend, path.to_string()))
}

fn write(root: &Path, file: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
    let path = root.join(file);
    let result = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::write(&path, bytes));
    result.map_err(|error| Diagnostic::error(format!("cannot write {file}: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_name_the_host_and_repository() {
        assert_eq!(
            parse_remote("git@github.com:example-borough/neglect-site.git"),
            Some((Backend::Github, "example-borough/neglect-site".into()))
        );
        assert_eq!(
            parse_remote("https://gitlab.com/council/safeguarding/neglect"),
            Some((Backend::Gitlab, "council/safeguarding/neglect".into()))
        );
        assert_eq!(
            parse_remote("https://token@github.com/a/b.git"),
            Some((Backend::Github, "a/b".into()))
        );
        assert_eq!(parse_remote("https://example.org/a/b.git"), None);
        assert_eq!(parse_remote("/srv/git/site.git"), None);
    }
}
