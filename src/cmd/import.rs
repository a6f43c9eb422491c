//! `signpost import`: services from another directory's open data, or from a spreadsheet.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand};

use super::{DateArgs, Env, SiteArgs};
use crate::diagnostics::Diagnostics;
use crate::import::{self, FetchSettings, Settings, Source};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Read Open Referral UK 3.0 data (a /services list, its pages, or one service) from a
    /// web address or a file, and write one file per service into directory_data/services/.
    /// Each service is reported as added, changed (with each field), unchanged, skipped or not
    /// written. Files edited here since they were imported are left alone unless you add
    /// --force; services no longer in the feed are reported, and marked inactive with --prune.
    Oruk {
        /// The feed: its /services address (https://...), its root, or a downloaded JSON file.
        source: String,
        #[command(flatten)]
        common: CommonArgs,
        /// The category (an id from directory_data/categories.yaml) for services whose own
        /// taxonomy terms match none of yours, even through directory_data/taxonomy_map.yaml.
        #[arg(long, value_name = "ID")]
        category: Option<String>,
        /// Give up on a request after this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
        /// Refuse an answer larger than this many megabytes.
        #[arg(long, value_name = "MB", default_value_t = 50)]
        max_size: u64,
        /// Try a failed request this many more times, waiting longer each time.
        #[arg(long, value_name = "N", default_value_t = 3)]
        retries: u32,
    },
    /// Read services from a spreadsheet saved as CSV (UTF-8), one row per service, with the
    /// columns described in README.md; every mistake is listed with its row and column, and
    /// a sheet with mistakes writes nothing. `--template` prints a sheet to start from.
    Csv {
        /// The CSV file.
        #[arg(required_unless_present = "template")]
        file: Option<PathBuf>,
        /// Print the template (the header row and an example row) instead of importing.
        #[arg(long)]
        template: bool,
        #[command(flatten)]
        common: CommonArgs,
    },
}

/// Options every import takes.
#[derive(Args)]
pub struct CommonArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Show what the import would do, field by field, and write nothing.
    #[arg(long)]
    dry_run: bool,
    /// Replace service files that differ from the source, even ones edited here.
    #[arg(long)]
    force: bool,
    /// Mark services that are no longer in the source as inactive (they stop being published).
    #[arg(long)]
    prune: bool,
    #[command(flatten)]
    date: DateArgs,
}

pub fn run(command: ImportCommand, env: &mut Env) -> u8 {
    match command {
        ImportCommand::Oruk {
            source,
            common,
            category,
            timeout,
            max_size,
            retries,
        } => {
            let fetch = FetchSettings {
                timeout: Duration::from_secs(timeout.max(1)),
                max_bytes: max_size.max(1) * 1024 * 1024,
                retries,
                ..FetchSettings::default()
            };
            let source = Source::from_argument(&source, &env.cwd);
            run_import(
                env,
                &common,
                category.as_deref(),
                fetch,
                |root, settings, env| {
                    let err = &mut *env.err;
                    let mut progress = |line: &str| {
                        let _ = writeln!(err, "{line}");
                    };
                    import::import_oruk(root, &source, settings, &mut progress)
                },
            )
        }
        ImportCommand::Csv {
            file,
            template,
            common,
        } => {
            if template {
                let _ = write!(env.out, "{}", import::spreadsheet::template());
                return 0;
            }
            let file = file.expect("clap requires a file without --template");
            let path = env.cwd.join(&file);
            run_import(
                env,
                &common,
                None,
                FetchSettings::default(),
                |root, settings, _| {
                    // A sheet inside the site is named from the site's folder, as its files are.
                    let shown = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
                    import::import_csv(root, &path, &shown, settings)
                },
            )
        }
    }
}

fn run_import(
    env: &mut Env,
    common: &CommonArgs,
    category: Option<&str>,
    fetch: FetchSettings,
    import: impl FnOnce(&std::path::Path, &Settings, &mut Env) -> Result<import::Report, Diagnostics>,
) -> u8 {
    let (root, today) = match env
        .root(&common.site)
        .and_then(|root| Ok((root, env.today(&common.date)?)))
    {
        Ok(found) => found,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let settings = Settings {
        force: common.force,
        dry_run: common.dry_run,
        prune: common.prune,
        default_category: category,
        today,
        fetch,
    };
    match import(&root, &settings, env) {
        Ok(report) => {
            let _ = write!(env.out, "{}", report.to_text());
            u8::from(report.failed())
        }
        Err(problems) => env.fail(&problems, &root),
    }
}
