//! `signpost serve`: a live preview on this computer.

use std::path::PathBuf;

use clap::Args;

use super::{DateArgs, Env, SiteArgs};
use crate::diagnostics::Diagnostics;
use crate::serve::{self, ServeOptions};

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The port to serve on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. The default is only reachable from this computer; another
    /// address lets other devices on your network see the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in your web browser.
    #[arg(long)]
    open: bool,
    /// Also show pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    #[command(flatten)]
    date: DateArgs,
}

pub fn run(args: ServeArgs, env: &mut Env) -> u8 {
    let (root, today): (PathBuf, _) = match env
        .root(&args.site)
        .and_then(|root| Ok((root, env.today(&args.date)?)))
    {
        Ok(found) => found,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let options = ServeOptions {
        root: root.clone(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
        today,
    };
    match serve::run(options) {
        Ok(()) => 0,
        Err(problem) => env.fail(&Diagnostics::from_iter([problem]), &root),
    }
}
