//! `signpost publish-setup HOST`: the files that check, build and publish an existing site on
//! every push; also run by `signpost init --publish HOST`.

use std::path::Path;

use clap::Args;

use super::{Env, SiteArgs};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::publish::{self, Host, Written, release};

#[derive(Args)]
pub struct PublishSetupArgs {
    /// Where the site is published: github (GitHub Pages), gitlab (GitLab Pages) or netlify.
    #[arg(value_enum)]
    host: Host,
    #[command(flatten)]
    site: SiteArgs,
    #[command(flatten)]
    options: PublishOptions,
}

/// How the CI files are written, shared with `signpost init --publish`.
#[derive(Args, Clone)]
pub struct PublishOptions {
    /// The branch that is published (on GitHub and GitLab; Netlify publishes the production
    /// branch chosen in its own settings).
    #[arg(long, default_value = "main")]
    branch: String,
    /// Where signpost releases are downloaded from (a mirror, say).
    #[arg(long, value_name = "URL", default_value_t = release::default_releases())]
    releases: String,
    /// The SHA-256 of this version's Linux release binary, if you have read it from the
    /// release page; otherwise it is read from the release's SHA256SUMS.
    #[arg(long, value_name = "HEX")]
    sha256: Option<String>,
    /// Replace a file of the same name that says something else (your changes to it are lost).
    #[arg(long)]
    force: bool,
}

pub fn run(args: PublishSetupArgs, env: &mut Env) -> u8 {
    let root = match env.root(&args.site) {
        Ok(root) => root,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    match set_up(&root, args.host, &args.options) {
        Ok(message) => {
            let _ = writeln!(env.out, "{}\nNext: {}", message.done, message.next);
            0
        }
        Err(problem) => env.fail(&Diagnostics::from_iter([problem]), &root),
    }
}

/// The release this signpost's CI files run, read before anything is written.
pub fn pin(options: &PublishOptions) -> Result<release::Pin, Diagnostic> {
    release::pin(&options.releases, options.sha256.as_deref())
}

/// What was done, and what the person does next.
pub struct Message {
    pub done: String,
    pub next: &'static str,
}

/// Writes the host's file into the site at `root`; returns what to tell the person.
pub fn set_up(root: &Path, host: Host, options: &PublishOptions) -> Result<Message, Diagnostic> {
    let pin = pin(options)?;
    write(root, host, &pin, options)
}

pub fn write(
    root: &Path,
    host: Host,
    pin: &release::Pin,
    options: &PublishOptions,
) -> Result<Message, Diagnostic> {
    let written = publish::write(root, host, pin, &options.branch, options.force)?;
    let what = match &written {
        Written::Created(file) => format!("Wrote {}", file.display()),
        Written::Unchanged(file) => format!("{} is already set up", file.display()),
        Written::Beside { ours, theirs } => format!(
            "{theirs} already exists, so the settings were written to {ours} instead: {}",
            bring_in(host, ours),
            theirs = theirs.display(),
            ours = ours.display()
        ),
    };
    let version = &pin.version;
    let branch = &options.branch;
    let done = match host {
        Host::Github => format!(
            "{what}: each push to {branch} is checked, built with signpost {version} and published to GitHub Pages."
        ),
        Host::Gitlab => format!(
            "{what}: each push to {branch} is checked, built with signpost {version} and published to GitLab Pages."
        ),
        // Netlify publishes the production branch chosen in its own settings.
        Host::Netlify => format!(
            "{what}: each push is checked and built with signpost {version}, and Netlify publishes the production branch."
        ),
    };
    Ok(Message {
        done,
        next: next_step(host),
    })
}

fn bring_in(host: Host, ours: &Path) -> String {
    match host {
        Host::Gitlab => format!(
            "add `include: {}` to the top of .gitlab-ci.yml",
            ours.display()
        ),
        _ => format!("copy its [build] settings into {} by hand", host.file()),
    }
}

fn next_step(host: Host) -> &'static str {
    match host {
        Host::Github => {
            "commit and push, then in the repository's Settings > Pages choose Source: GitHub Actions (README.md, \"Publishing\")."
        }
        Host::Gitlab => {
            "commit and push; the site appears under Deploy > Pages (README.md, \"Publishing\")."
        }
        Host::Netlify => {
            "commit and push, then import the repository in Netlify (README.md, \"Publishing\")."
        }
    }
}
