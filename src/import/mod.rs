//! `signpost import`: services brought into directory_data/services/ from another
//! directory's Open Referral UK feed (a file or a web address, followed page by page) or from
//! a spreadsheet, one YAML file each.
//!
//! Every import is worked out first (`plan`), so `--dry-run` can show it field by field and a
//! feed that fails part-way writes nothing. A file someone has edited since it was imported,
//! or wrote by hand, is never replaced without --force; services that have left the source
//! are reported, and marked inactive only with --prune.

mod fetch;
mod files;
mod plan;
mod report;
pub mod spreadsheet;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use fetch::{FetchError, FetchSettings};
pub use report::Report;

use crate::config;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::directory::oruk::{self, Categoriser, Converted};
use crate::directory::taxonomy_map::TaxonomyMap;
use crate::directory::{self, Directory};

/// Where an import reads from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file, relative to where signpost runs.
    File(PathBuf),
    /// A feed's address: its `/services` list or its root.
    Url(String),
}

impl Source {
    /// A command-line argument: a web address, or a file.
    pub fn from_argument(argument: &str, cwd: &Path) -> Source {
        if argument.starts_with("http://") || argument.starts_with("https://") {
            Source::Url(argument.to_string())
        } else {
            Source::File(cwd.join(argument))
        }
    }

    /// How imported files name their source: a feed's address without its query, or a file's
    /// name (so a file downloaded again under the same name is the same source).
    pub fn name(&self) -> String {
        match self {
            Source::Url(url) => url.split(['?', '#']).next().unwrap_or(url).to_string(),
            Source::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }
}

/// How an import treats what it finds.
pub struct Settings<'a> {
    /// Replace files that differ from the source, even when edited here.
    pub force: bool,
    /// Work out and report the import, writing nothing.
    pub dry_run: bool,
    /// Mark services that have left the source inactive.
    pub prune: bool,
    /// Given to ORUK services whose taxonomy terms match none of the site's categories.
    pub default_category: Option<&'a str>,
    /// The date given to a listing the feed does not date.
    pub today: Date,
    pub fetch: FetchSettings,
}

fn problem(message: String, help: &str) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::error(message).with_help(help.to_string())])
}

/// Imports every service of an ORUK feed. `progress` is told each page read.
pub fn import_oruk(
    root: &Path,
    source: &Source,
    settings: &Settings,
    progress: &mut dyn FnMut(&str),
) -> Result<Report, Diagnostics> {
    let directory = existing_directory(root)?;
    let category_ids: Vec<&str> = directory.categories.iter().map(|c| c.id.as_str()).collect();
    if let Some(category) = settings.default_category
        && directory.category(category).is_none()
    {
        return Err(Diagnostics::from_iter([Diagnostic::error(format!(
            "--category {category} is not one of the directory's categories"
        ))
        .in_file(directory::CATEGORIES_FILE)
        .with_help(format!(
            "the categories are: {}",
            category_ids.join(", ")
        ))]));
    }
    let map = TaxonomyMap::load(root, &category_ids)?;
    let feed = read_feed(source, settings, progress)?;
    let categoriser = Categoriser {
        directory: &directory,
        map: &map,
        default_category: settings.default_category,
    };
    let converted = feed
        .iter()
        .map(|json| oruk::import_service(json, &categoriser, settings.today))
        .collect();
    finish(root, source, converted, settings)
}

/// Imports every row of a spreadsheet saved as CSV; a sheet with mistakes writes nothing.
pub fn import_csv(
    root: &Path,
    file: &Path,
    shown: &Path,
    settings: &Settings,
) -> Result<Report, Diagnostics> {
    let directory = existing_directory(root)?;
    let category_ids: Vec<&str> = directory.categories.iter().map(|c| c.id.as_str()).collect();
    let rows = spreadsheet::read(file, shown, &category_ids)?;
    let converted = rows
        .into_iter()
        .map(|row| {
            Ok(Converted {
                service: row.service,
                problems: Vec::new(),
                unmapped: Vec::new(),
                categorised: true,
            })
        })
        .collect();
    finish(root, &Source::File(file.to_path_buf()), converted, settings)
}

/// Plans the import of `converted` and, unless this is a dry run, writes it.
fn finish(
    root: &Path,
    source: &Source,
    converted: Vec<Result<Converted, String>>,
    settings: &Settings,
) -> Result<Report, Diagnostics> {
    let choices = plan::Choices {
        force: settings.force,
        prune: settings.prune,
    };
    let plan = plan::plan(root, &source.name(), converted, choices);
    let mut report = Report {
        plan,
        dry_run: settings.dry_run,
        failures: HashMap::new(),
    };
    if settings.dry_run {
        return Ok(report);
    }
    let writes: Vec<write::Write> = report
        .plan
        .services
        .iter()
        .filter_map(|s| s.write.as_deref().map(|text| (&s.file, text)))
        .chain(
            report
                .plan
                .removed
                .iter()
                .filter_map(|r| r.write.as_deref().map(|text| (&r.file, text))),
        )
        .map(|(file, text)| write::Write { file, text })
        .collect();
    let written = write::apply(root, &writes)?;
    let failures: HashMap<PathBuf, String> = writes
        .iter()
        .zip(written)
        .filter_map(|(w, result)| result.map(|why| (w.file.to_path_buf(), why)))
        .collect();
    report.failures = failures;
    Ok(report)
}

fn read_feed(
    source: &Source,
    settings: &Settings,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<serde_json::Value>, Diagnostics> {
    match source {
        Source::Url(url) => fetch::fetch_services(url, &settings.fetch, progress).map_err(|error| {
            problem(
                format!("could not read {} ({}): {}", error.what, error.url, error.message),
                "nothing was imported and no file was changed; check the address, or try again later",
            )
        }),
        Source::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                problem(format!("cannot read {}: {error}", path.display()), "check the path to the feed's file")
            })?;
            let feed: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
                Diagnostics::from_iter([Diagnostic::error(format!("this is not JSON: {error}"))
                    .in_file(path)
                    .at(Position::new(error.line(), error.column()))
                    .with_help("check the file is the feed's JSON as downloaded (an Open Referral UK /services response, or one service)")])
            })?;
            oruk::services_in(&feed)
                .map(|services| services.into_iter().cloned().collect())
                .map_err(|why| Diagnostics::from_iter([Diagnostic::error(why).in_file(path)]))
        }
    }
}

/// The site's directory categories, which imported services are matched to. Its services
/// are not read: an import works on a directory that has problems, and only needs the names.
/// Without site.yaml's settings or any category, nothing could be filed: that is the error.
fn existing_directory(root: &Path) -> Result<Directory, Diagnostics> {
    let (config, _) = config::load(root)?;
    let mut problems = Diagnostics::default();
    let categories = directory::load_categories(root, &config.taxonomies, &mut problems);
    if categories.is_empty() {
        if !problems.has_errors() {
            problems.push(
                Diagnostic::error("the directory has no categories to file services under")
                    .in_file(directory::CATEGORIES_FILE)
                    .with_help("list your categories in directory_data/categories.yaml first (id, label, description, neglect_categories)"),
            );
        }
        return Err(problems);
    }
    Ok(Directory {
        categories,
        ..Directory::default()
    })
}
