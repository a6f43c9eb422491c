//! `signpost init DIR`: a new site to make your own, and with `--publish` the files that
//! publish it on every push.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Env;
use super::publish_setup::{self, PublishOptions};
use crate::diagnostics::Diagnostics;
use crate::publish::Host;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create, e.g. my-partnership-site
    dir: PathBuf,
    /// Also write the files that check, build and publish the site on every push.
    #[arg(long, value_enum, default_value_t = Publish::None)]
    publish: Publish,
    #[command(flatten)]
    options: PublishOptions,
}

#[derive(Clone, Copy, ValueEnum)]
enum Publish {
    Github,
    Gitlab,
    Netlify,
    None,
}

impl Publish {
    fn host(self) -> Option<Host> {
        match self {
            Publish::Github => Some(Host::Github),
            Publish::Gitlab => Some(Host::Gitlab),
            Publish::Netlify => Some(Host::Netlify),
            Publish::None => None,
        }
    }
}

pub fn run(args: InitArgs, env: &mut Env) -> u8 {
    let dir = env.cwd.join(&args.dir);
    let cwd = env.cwd.clone();
    // Everything that can fail for want of the network is done before anything is written.
    let pin = match args
        .publish
        .host()
        .map(|_| publish_setup::pin(&args.options))
    {
        Some(Err(problem)) => return env.fail(&Diagnostics::from_iter([problem]), &cwd),
        Some(Ok(pin)) => Some(pin),
        None => None,
    };
    if let Err(problem) = crate::init::create_site(&dir) {
        return env.fail(&Diagnostics::from_iter([problem]), &cwd);
    }
    let mut lines = vec![format!("Created a new site in {}.", args.dir.display())];
    let mut next = format!(
        "Next: edit {0}/site.yaml, then run `signpost build --root {0}`.",
        args.dir.display()
    );
    if let (Some(host), Some(pin)) = (args.publish.host(), pin) {
        match publish_setup::write(&dir, host, &pin, &args.options) {
            Ok(message) => {
                lines.push(message.done);
                next = format!("{next} To publish: {}", message.next);
            }
            Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &dir),
        }
    }
    lines.push(next);
    let _ = writeln!(env.out, "{}", lines.join("\n"));
    0
}
