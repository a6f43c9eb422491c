//! `signpost init DIR`: a new site to make your own.

use std::path::PathBuf;

use clap::Args;

use super::Env;
use crate::diagnostics::Diagnostics;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to create, e.g. my-partnership-site
    dir: PathBuf,
}

pub fn run(args: InitArgs, env: &mut Env) -> u8 {
    let dir = env.cwd.join(&args.dir);
    match crate::init::create_site(&dir) {
        Ok(()) => {
            let _ = writeln!(
                env.out,
                "Created a new site in {0}.\nNext: edit {0}/site.yaml, then run `signpost build --root {0}`.",
                args.dir.display()
            );
            0
        }
        Err(problem) => env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    }
}
