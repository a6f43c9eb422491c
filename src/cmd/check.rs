//! `signpost check`: the whole build with its files thrown away, so it reports exactly what a
//! build would; for a person, or as stable JSON for a CI job.

use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::{DateArgs, Env, SiteArgs};
use crate::annotations;
use crate::content::page::Audience;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity, Skipped};
use crate::pipeline::{self, BuildOptions};
use crate::site::Site;
use crate::validate::{self, external};

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// `human` to read, `json` for a CI job (the format is described in README.md), `github`
    /// for GitHub Actions: each problem becomes an annotation on its file and line in a pull
    /// request (run it from the repository's top folder).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Also visit every link to another website and report the ones that no longer work.
    #[arg(long)]
    external: bool,
    /// With --external: how many seconds to wait for each website before calling it dead.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Also check pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Also check the directory's Open Referral UK feed (/api/) against the standard's own
    /// schemas, offline.
    #[arg(long)]
    oruk: bool,
    #[command(flatten)]
    date: DateArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

/// What a check found: every diagnostic, and the reading age of each young people's page.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub readability: Vec<Readability>,
    /// With --oruk: what the feed check found, in a line.
    pub feed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Readability {
    pub file: PathBuf,
    pub reading_age: f64,
}

pub fn run(args: CheckArgs, env: &mut Env) -> u8 {
    let (root, today) = match env
        .root(&args.site)
        .and_then(|root| Ok((root, env.today(&args.date)?)))
    {
        Ok(found) => found,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let options = BuildOptions {
        output: root.join("public"),
        root: root.clone(),
        base_url: None,
        drafts: args.drafts,
        today,
        preview: false,
        defer_cleanup: false,
    };
    let external = args.external.then(|| external::Settings {
        timeout: std::time::Duration::from_secs(args.timeout),
        ..Default::default()
    });
    let report = check(&options, external.as_ref(), args.oruk);
    match args.format {
        Format::Json => {
            let _ = writeln!(env.out, "{}", report.to_json());
        }
        Format::Github => {
            let prefix = root.strip_prefix(&env.cwd).unwrap_or(Path::new(""));
            let _ = write!(
                env.out,
                "{}",
                annotations::render(&report.diagnostics, prefix)
            );
            let _ = writeln!(env.out, "{}", report.summary());
        }
        Format::Human => {
            env.report(&report.diagnostics, &root);
            for page in &report.readability {
                let _ = writeln!(
                    env.out,
                    "Reading age {:>4.1}  {}",
                    page.reading_age,
                    page.file.display()
                );
            }
            if let Some(feed) = &report.feed {
                let _ = writeln!(env.out, "{feed}");
            }
            let _ = writeln!(env.out, "{}", report.summary());
        }
    }
    report.exit_code(args.strict)
}

/// Runs the whole build into a sink that keeps nothing (but the feed, with `oruk`);
/// `external` also checks external links.
pub fn check(
    options: &BuildOptions,
    external: Option<&external::Settings>,
    oruk: bool,
) -> CheckReport {
    let feed = super::feed_check::Collected::default();
    let sink = |file: crate::output::OutputFile| {
        if oruk {
            feed.keep(file);
        }
        Ok(())
    };
    let outcome = pipeline::run_to(options, &sink);
    let mut diagnostics = outcome.diagnostics;
    let readability = outcome.site.as_ref().map(readability).unwrap_or_default();
    if let (Some(site), Some(settings)) = (&outcome.site, external) {
        diagnostics.extend(external::check(site, settings));
    }
    let mut feed_line = None;
    match (&outcome.site, oruk) {
        (Some(site), true) if !diagnostics.has_errors() => {
            let (problems, line) = feed.check(site);
            diagnostics.extend(problems);
            feed_line = Some(line);
        }
        (_, true) => diagnostics.skip("the Open Referral UK feed", "the site has errors"),
        _ => {}
    }
    CheckReport {
        diagnostics,
        readability,
        feed: feed_line,
    }
}

fn readability(site: &Site) -> Vec<Readability> {
    site.pages
        .iter()
        .zip(&site.rendered)
        .filter(|(page, _)| page.front.audience == Audience::YoungPeople)
        .filter_map(|(page, rendered)| {
            Some(Readability {
                file: page.source.path.clone(),
                reading_age: (validate::reading_age(&rendered.own_words())? * 10.0).round() / 10.0,
            })
        })
        .collect()
}

impl CheckReport {
    /// 0 when clean; 1 on errors, and with `strict` on warnings too.
    pub fn exit_code(&self, strict: bool) -> u8 {
        let failed =
            self.diagnostics.has_errors() || (strict && self.diagnostics.warning_count() > 0);
        u8::from(failed)
    }

    /// "Checked: 1 error(s), 0 warning(s)."
    pub fn summary(&self) -> String {
        format!(
            "Checked: {} error(s), {} warning(s).",
            self.diagnostics.error_count(),
            self.diagnostics.warning_count()
        )
    }

    /// The JSON form, version 1: documented in README.md and kept stable for CI jobs.
    pub fn to_json(&self) -> String {
        let diagnostics: Vec<JsonDiagnostic> = self
            .diagnostics
            .sorted()
            .into_iter()
            .map(JsonDiagnostic::from)
            .collect();
        let report = JsonReport {
            version: 1,
            errors: self.diagnostics.error_count(),
            warnings: self.diagnostics.warning_count(),
            diagnostics,
            skipped: self.diagnostics.skipped(),
            readability: &self.readability,
        };
        serde_json::to_string_pretty(&report).expect("a report always serialises")
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    skipped: &'a [Skipped],
    readability: &'a [Readability],
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(diagnostic: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            severity: diagnostic.severity,
            file: diagnostic
                .file
                .as_ref()
                .map(|f| f.to_string_lossy().replace('\\', "/")),
            line: diagnostic.position.map(|p| p.line),
            column: diagnostic.position.map(|p| p.column),
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
        }
    }
}
