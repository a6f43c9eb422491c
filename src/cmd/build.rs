//! `signpost build`: the site into a folder of web pages.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use super::{DateArgs, Env, SiteArgs};
use crate::diagnostics::Diagnostics;
use crate::pipeline::{self, BuildOptions};

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Where to put the built website. Default: public/ inside the site's folder.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site will be published at, instead of base_url in site.yaml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Also build pages marked `draft: true`, to preview them.
    #[arg(long)]
    drafts: bool,
    #[command(flatten)]
    date: DateArgs,
    /// Also print how long each stage took and the memory it added (for benchmarks).
    #[arg(long)]
    timings: bool,
}

pub fn run(args: BuildArgs, env: &mut Env) -> u8 {
    let (root, today) = match env
        .root(&args.site)
        .and_then(|root| Ok((root, env.today(&args.date)?)))
    {
        Ok(found) => found,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let output = args
        .output
        .map(|dir| env.cwd.join(dir))
        .unwrap_or_else(|| root.join("public"));
    let options = BuildOptions {
        root: root.clone(),
        output: output.clone(),
        base_url: args.base_url,
        drafts: args.drafts,
        today,
        preview: false,
        defer_cleanup: env.cleanup_in_background,
    };
    let started = Instant::now();
    match pipeline::build(&options) {
        Ok(report) => {
            env.report(&report.warnings, &root);
            let _ = writeln!(
                env.out,
                "Built {} pages ({} files, kept {} unchanged) into {} in {:.2} s{}.",
                report.pages,
                report.files,
                report.reused,
                output.display(),
                started.elapsed().as_secs_f64(),
                warning_summary(report.warnings.warning_count())
            );
            if args.timings {
                let _ = write!(env.out, "{}", report.timings.to_text());
            }
            if let Some(previous) = report.previous {
                remove_in_background(previous, env, &root);
            }
            0
        }
        Err(failure) => {
            let problems = &failure.problems;
            env.report(problems, &root);
            let outcome = if failure.output_unchanged {
                format!(
                    "Nothing was written: the site in {} is unchanged.",
                    output.display()
                )
            } else {
                "The output folder could not be restored: see the error above for where the previous site is.".to_string()
            };
            let _ = writeln!(
                env.err,
                "Build failed: {} error(s), {} warning(s). {outcome}",
                problems.error_count(),
                problems.warning_count(),
            );
            1
        }
    }
}

fn warning_summary(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => ", with 1 warning".into(),
        n => format!(", with {n} warnings"),
    }
}

/// Deletes the previous build in a process of its own, so the command (and a CI job waiting
/// on it) is done as soon as the new site is in place; deletes it here if that cannot start.
fn remove_in_background(
    previous: crate::output::PreviousBuild,
    env: &mut Env,
    root: &std::path::Path,
) {
    let spawned = std::env::current_exe().and_then(|signpost| {
        std::process::Command::new(signpost)
            .arg(super::REMOVE_PREVIOUS)
            .arg(&previous.path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
    });
    if spawned.is_err()
        && let Some(warning) = previous.remove()
    {
        env.report(&Diagnostics::from_iter([warning]), root);
    }
}
