//! `signpost import oruk FILE`: services from another directory's Open Referral UK feed, written
//! one YAML file each into directory_data/services/. A file that differs from what the feed
//! would write is never replaced without --force.

use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::directory::{self, Directory, oruk};
use crate::{config, yaml};

const HEADER: &str = "# Imported from Open Referral UK data by `signpost import oruk`.\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Changed,
    Unchanged,
    /// The file differs from the feed and --force was not given.
    Skipped,
}

/// What happened to one service of the feed.
pub struct Imported {
    pub name: String,
    pub file: PathBuf,
    pub outcome: Outcome,
    pub problems: Vec<oruk::ImportProblem>,
}

/// What the import did, service by service; `rejected` are those that could not be read.
pub struct Report {
    pub imported: Vec<Imported>,
    pub rejected: Vec<String>,
}

/// How an import treats what it finds.
pub struct Settings<'a> {
    /// Replace files that differ from the feed.
    pub force: bool,
    /// Given to services whose taxonomy terms match none of the site's categories.
    pub default_category: Option<&'a str>,
    /// The date given to a listing the feed does not date.
    pub today: Date,
}

fn problem(message: String) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::error(message)])
}

/// Imports every service in the feed at `feed_path`.
pub fn import_oruk(
    root: &Path,
    feed_path: &Path,
    settings: &Settings,
) -> Result<Report, Diagnostics> {
    let text = std::fs::read_to_string(feed_path)
        .map_err(|error| problem(format!("cannot read {}: {error}", feed_path.display())))?;
    let feed: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
        Diagnostics::from_iter([Diagnostic::error(format!("this is not JSON: {error}"))
            .in_file(feed_path)
            .at(Position::new(error.line(), error.column()))
            .with_help("check the file is the feed's JSON as downloaded (an Open Referral UK /services response, or one service)")])
    })?;
    let services = oruk::services_in(&feed)
        .map_err(|why| Diagnostics::from_iter([Diagnostic::error(why).in_file(feed_path)]))?;
    let directory = existing_directory(root);
    if let Some(category) = settings.default_category
        && directory.category(category).is_none()
    {
        let known: Vec<&str> = directory.categories.iter().map(|c| c.id.as_str()).collect();
        return Err(Diagnostics::from_iter([Diagnostic::error(format!(
            "--category {category} is not one of the directory's categories"
        ))
        .in_file(directory::CATEGORIES_FILE)
        .with_help(format!("the categories are: {}", known.join(", ")))]));
    }
    let folder = Path::new(directory::SERVICES_DIR);
    std::fs::create_dir_all(root.join(folder))
        .map_err(|error| problem(format!("cannot create {}: {error}", folder.display())))?;
    let mut report = Report {
        imported: Vec::new(),
        rejected: Vec::new(),
    };
    for (index, json) in services.into_iter().enumerate() {
        match oruk::import_service(json, &directory, settings.default_category, settings.today) {
            Ok((service, problems)) => {
                let file = folder.join(format!("{}.yaml", service.id));
                let body = yaml::to_string(&service)
                    .map_err(|error| problem(format!("cannot write {}: {error}", service.id)))?;
                let outcome = write(
                    &root.join(&file),
                    &format!("{HEADER}{body}"),
                    settings.force,
                )
                .map_err(|error| problem(format!("cannot write {}: {error}", file.display())))?;
                report.imported.push(Imported {
                    name: service.name,
                    file,
                    outcome,
                    problems,
                });
            }
            Err(why) => report.rejected.push(format!(
                "service {} of the feed was not imported: {why}",
                index + 1
            )),
        }
    }
    Ok(report)
}

/// The site's directory categories, which imported services are matched to. Its services
/// are not read: an import works on a directory that has problems, and only needs the names.
fn existing_directory(root: &Path) -> Directory {
    let Ok((config, _)) = config::load(root) else {
        return Directory::default();
    };
    let mut ignored = crate::diagnostics::Diagnostics::default();
    Directory {
        categories: directory::load_categories(root, &config.taxonomies, &mut ignored),
        ..Directory::default()
    }
}

fn write(path: &Path, text: &str, force: bool) -> std::io::Result<Outcome> {
    let outcome = match std::fs::read_to_string(path) {
        Ok(existing) if existing == text => return Ok(Outcome::Unchanged),
        Ok(_) if !force => return Ok(Outcome::Skipped),
        Ok(_) => Outcome::Changed,
        Err(_) => Outcome::Added,
    };
    std::fs::write(path, text)?;
    Ok(outcome)
}

impl Report {
    /// The report comms staff read: one line per service, its problems beneath, then totals.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for item in &self.imported {
            let (word, note) = match item.outcome {
                Outcome::Added => ("added", ""),
                Outcome::Changed => ("changed", ""),
                Outcome::Unchanged => ("unchanged", ""),
                Outcome::Skipped => (
                    "skipped",
                    " (your file differs from the feed; --force replaces it)",
                ),
            };
            out.push_str(&format!(
                "{word:<10} {}  {}{note}\n",
                item.file.display(),
                item.name
            ));
            for problem in &item.problems {
                out.push_str(&format!(
                    "           {}: {}\n",
                    problem.field, problem.message
                ));
            }
        }
        for rejected in &self.rejected {
            out.push_str(&format!("rejected   {rejected}\n"));
        }
        let count = |outcome| {
            self.imported
                .iter()
                .filter(|i| i.outcome == outcome)
                .count()
        };
        let problems: usize = self.imported.iter().map(|i| i.problems.len()).sum();
        out.push_str(&format!(
            "Added {}, changed {}, unchanged {}, skipped {}, rejected {}; {problems} field problem(s) reported above.\n",
            count(Outcome::Added),
            count(Outcome::Changed),
            count(Outcome::Unchanged),
            count(Outcome::Skipped),
            self.rejected.len()
        ));
        out
    }
}
