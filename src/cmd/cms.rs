//! `signpost cms`: turn on the browser editor at /admin/.

use clap::Args;

use super::{Env, SiteArgs};
use crate::cms::settings::Backend;
use crate::cms::setup::{self, Request};
use crate::cms::vendor;
use crate::config;
use crate::diagnostics::Diagnostics;
use crate::layout::{CMS_DIR, EDITOR_SETTINGS_FILE};

#[derive(Args)]
pub struct CmsArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The Git host the site's repository is on. Default: read from the site's Git remote.
    #[arg(long, value_enum)]
    backend: Option<Backend>,
    /// The repository: owner/name on GitHub, group/project on GitLab.
    #[arg(long, value_name = "OWNER/NAME")]
    repo: Option<String>,
    /// The branch the site is published from. Default: main.
    #[arg(long)]
    branch: Option<String>,
    /// A self-hosted GitLab (or GitHub Enterprise) server's address.
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// GitLab: the Application ID of an OAuth application, so editors sign in with GitLab
    /// rather than with a token.
    #[arg(long, value_name = "ID")]
    app_id: Option<String>,
    /// Make each change a pull (merge) request to review before it is published.
    #[arg(long)]
    review: bool,
    /// Replace a cms/editor.yaml that says something else.
    #[arg(long)]
    force: bool,
    /// The npm registry to fetch the editor from (your organisation's mirror, say).
    #[arg(long, value_name = "URL", default_value = vendor::DEFAULT_REGISTRY)]
    registry: String,
}

pub fn run(args: CmsArgs, env: &mut Env) -> u8 {
    let root = match env.root(&args.site) {
        Ok(root) => root,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let request = Request {
        backend: args.backend,
        repo: args.repo,
        branch: args.branch,
        server: args.server,
        app_id: args.app_id,
        review: args.review,
        force: args.force,
        registry: args.registry,
    };
    let done = match setup::set_up(&root, &request) {
        Ok(done) => done,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &root),
    };
    let address = config::load(&root)
        .map(|(site, _)| format!("{}admin/", site.normalised_base_url()))
        .unwrap_or_else(|_| "/admin/ on your site".into());
    let settings = &done.settings;
    let mut lines = Vec::new();
    lines.push(if done.script_fetched {
        format!(
            "Fetched the editor ({} {}) into {CMS_DIR}/.",
            vendor::PACKAGE,
            vendor::VERSION
        )
    } else {
        format!(
            "{CMS_DIR}/ already has the editor ({} {}).",
            vendor::PACKAGE,
            vendor::VERSION
        )
    });
    lines.push(if done.settings_written {
        format!(
            "Wrote {EDITOR_SETTINGS_FILE}: the editor saves to {} on {}, branch {}.",
            settings.repo,
            settings.backend.name(),
            settings.branch
        )
    } else {
        format!(
            "{EDITOR_SETTINGS_FILE} is unchanged: the editor saves to {} on {}, branch {}.",
            settings.repo,
            settings.backend.name(),
            settings.branch
        )
    });
    lines.push(format!(
        "Next: commit the {CMS_DIR}/ folder and publish. The editor will be at {address}"
    ));
    let _ = writeln!(env.out, "{}", lines.join("\n"));
    0
}
