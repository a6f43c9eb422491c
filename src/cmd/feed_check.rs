//! `signpost check --oruk`: the Open Referral UK feed the build makes, kept in memory as it
//! is rendered and checked against the UK profile's schemas. A problem in a service is
//! reported once, against the service's own file and the field's line there, however many
//! feed files repeat it.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::directory::oruk::{Ids, conformance};
use crate::output::OutputFile;
use crate::site::Site;

/// The feed's files, as the build hands them over.
#[derive(Default)]
pub struct Collected(Mutex<Vec<(String, Vec<u8>)>>);

impl Collected {
    /// Keeps `file` if it is part of the feed.
    pub fn keep(&self, file: OutputFile) {
        let path = file.path.to_string_lossy().replace('\\', "/");
        if path.starts_with("api/") {
            self.0.lock().expect("unpoisoned").push((path, file.bytes));
        }
    }

    /// Checks what was kept: the problems, and a line saying what was checked.
    pub fn check(self, site: &Site) -> (Diagnostics, String) {
        let files = self.0.into_inner().expect("unpoisoned");
        let report = conformance::check(&files, &conformance::Schemas::new());
        let base_url = site.config.normalised_base_url();
        let ids = Ids::new(&base_url);
        let sources: HashMap<String, usize> = site
            .directory
            .listings
            .iter()
            .enumerate()
            .map(|(index, listing)| (ids.service(&listing.service.id), index))
            .collect();
        // One diagnostic per service, field and message; the feed files it appears in.
        let mut grouped: BTreeMap<(Option<usize>, String, String), Vec<String>> = BTreeMap::new();
        for problem in &report.problems {
            let listing = problem
                .service
                .as_ref()
                .and_then(|id| sources.get(id))
                .copied();
            // Within a service, the same field in the list, its own file and the services at
            // locations is one problem.
            let field = match listing {
                Some(_) => {
                    let field = strip_item(&problem.pointer);
                    match field.strip_prefix("/service/") {
                        Some(rest) => format!("/{rest}"),
                        None => field,
                    }
                }
                None => problem.pointer.clone(),
            };
            grouped
                .entry((listing, field, problem.message.clone()))
                .or_default()
                .push(problem.file.clone());
        }
        let problems: Diagnostics = grouped
            .into_iter()
            .map(|((listing, field, message), files)| {
                diagnostic(site, listing, &field, &message, &files)
            })
            .collect();
        let summary = if report.files == 0 {
            "The site has no services, so no Open Referral UK feed to check.".to_string()
        } else if report.problems.is_empty() {
            format!(
                "The Open Referral UK feed: {} files under /api/, valid against the UK profile (HSDS-UK-3.0).",
                report.files
            )
        } else {
            format!(
                "The Open Referral UK feed: {} files under /api/, {} problem(s).",
                report.files,
                problems.error_count()
            )
        };
        (problems, summary)
    }
}

/// `/contents/3/url` -> `/url`: the field within the list item (`/service/url` within a
/// service at a location).
fn strip_item(pointer: &str) -> String {
    match pointer.strip_prefix("/contents/") {
        Some(rest) => rest
            .find('/')
            .map_or(String::new(), |at| rest[at..].to_string()),
        None => pointer.to_string(),
    }
}

fn diagnostic(
    site: &Site,
    listing: Option<usize>,
    field: &str,
    message: &str,
    files: &[String],
) -> Diagnostic {
    let place = match files {
        [one] => format!("in the feed's {one}"),
        [first, ..] => format!("in {} of the feed's files, such as {first}", files.len()),
        [] => String::new(),
    };
    let at = if field.is_empty() {
        String::new()
    } else {
        format!(" at {field}")
    };
    let help = "the feed must meet the Open Referral UK 3.0 profile (tests/oruk-3.0 in signpost's source lists its schemas)";
    match listing.map(|index| &site.directory.listings[index]) {
        Some(listing) => {
            let key = field
                .rsplit('/')
                .find(|part| !part.is_empty() && part.parse::<usize>().is_err());
            let file: PathBuf = listing.file.clone();
            let diagnostic = Diagnostic::error(format!("{message}{at}, {place}"))
                .in_file(file)
                .with_help(format!(
                    "this service's `{}` is published in its feed; {help}",
                    key.unwrap_or("fields")
                ));
            match key {
                Some(key) => diagnostic.at(listing.position_of(key)),
                None => diagnostic,
            }
        }
        None => Diagnostic::error(format!("{message}{at}, {place}")).with_help(help),
    }
}
