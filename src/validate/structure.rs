//! The site's shape: a home page, a page for each part the site has (the signs matrix, the
//! directory), every cell of the matrix written or marked not applicable, and directory
//! listings checked recently enough.

use std::path::Path;

use chrono::Months;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{
    CONTENT_DIR, DIRECTORY_DIR, FIGURES_PAGE_DIR, SECTION_FILE, SERVICES_DIR, SIGNS_DIR,
};
use crate::site::Site;

pub fn check(site: &Site, problems: &mut Diagnostics) {
    let section_missing = |folder: &str| {
        let file = Path::new(folder).join(SECTION_FILE);
        site.section(folder).is_none() && !site.unreadable.contains(&file)
    };
    if section_missing("") {
        problems.push(
            Diagnostic::error("the site has no home page")
                .with_help("create content/_index.md with a `title:` in its front matter"),
        );
    }
    if site.has_signs() && section_missing(SIGNS_DIR) {
        problems.push(
            Diagnostic::error("there are sign files but no page to show the matrix on")
                .in_file(Path::new(CONTENT_DIR).join(SIGNS_DIR))
                .with_help(format!(
                    "create content/{SIGNS_DIR}/_index.md with a `title:` (e.g. Signs of neglect by age) and a short introduction"
                )),
        );
    }
    if !site.figures.is_empty() && section_missing(FIGURES_PAGE_DIR) {
        problems.push(
            Diagnostic::error("there are figures in data/ but no page to list them on")
                .in_file(Path::new(CONTENT_DIR).join(FIGURES_PAGE_DIR))
                .with_help("create content/figures/_index.md with a `title:` (e.g. Local figures and their sources) and a short introduction"),
        );
    }
    if site.has_directory() && section_missing(DIRECTORY_DIR) {
        problems.push(
            Diagnostic::error("there are services but no page to show the directory on")
                .in_file(Path::new(CONTENT_DIR).join(DIRECTORY_DIR))
                .with_help("create content/directory/_index.md with a `title:` (e.g. Find local support) and a short introduction"),
        );
    }
    warn_missing_cells(site, problems);
}

/// One warning listing every cell of the matrix with no file, unless marked not applicable.
fn warn_missing_cells(site: &Site, problems: &mut Diagnostics) {
    if !site.has_signs() {
        return;
    }
    let missing = site.matrix.missing(&site.config.taxonomies);
    if missing.is_empty() {
        return;
    }
    problems.push(
        Diagnostic::warning(format!(
            "{} cell(s) of the signs matrix have no file: {}",
            missing.len(),
            missing
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .in_file(Path::new(CONTENT_DIR).join(SIGNS_DIR))
        .with_help(format!(
            "add content/{SIGNS_DIR}/BAND/CATEGORY.md for each, or list a cell that does not apply under `taxonomies: not_applicable:` in site.yaml"
        )),
    );
}

/// One warning naming every service whose phone numbers are placeholders from Ofcom's drama
/// ranges: fine in an example, never on a live site.
pub fn check_placeholder_numbers(site: &Site, problems: &mut Diagnostics) {
    const NAMED: usize = 5;
    let mut placeholders: Vec<String> = site
        .directory
        .listings
        .iter()
        .filter(|l| {
            l.service
                .phones
                .iter()
                .any(|p| crate::phone::is_drama(&p.number))
        })
        .map(|l| l.file.display().to_string())
        .collect();
    if placeholders.is_empty() {
        return;
    }
    placeholders.sort();
    let count = placeholders.len();
    if count > NAMED {
        placeholders.truncate(NAMED);
        placeholders.push(format!("and {} more", count - NAMED));
    }
    problems.push(
        Diagnostic::warning(format!(
            "{count} service(s) have placeholder phone numbers, which Ofcom keeps for TV and radio drama and no phone answers: {}",
            placeholders.join(", ")
        ))
        .in_file(SERVICES_DIR)
        .with_help("put each service's real number in before the site goes live; `signpost check --strict` fails until you do"),
    );
}

/// One warning naming every published listing not checked within the site's limit, and one
/// for each listing dated after the build's date (a typo that would keep it fresh for ever).
pub fn check_listings(site: &Site, today: Date, problems: &mut Diagnostics) {
    for listing in &site.directory.listings {
        let date = listing.service.assured_date;
        if date > today {
            problems.push(
                Diagnostic::warning(format!(
                    "this listing says it was checked on {}, which is after today ({})",
                    date.long(),
                    today.long()
                ))
                .in_file(&listing.file)
                .at(listing.position_of("assured_date"))
                .with_help("set `assured_date:` to the day the listing was last checked"),
            );
        }
    }
    let months = site.config.directory.stale_after_months;
    let Some(limit) = today.0.checked_sub_months(Months::new(months)) else {
        return;
    };
    let stale: Vec<String> = site
        .directory
        .listings
        .iter()
        .filter(|l| l.service.assured_date.0 < limit)
        .map(|l| {
            format!(
                "{} (last checked {})",
                l.file.display(),
                l.service.assured_date.long()
            )
        })
        .collect();
    if stale.is_empty() {
        return;
    }
    problems.push(
        Diagnostic::warning(format!(
            "{} listing(s) have not been checked in the last {months} months: {}",
            stale.len(),
            stale.join(", ")
        ))
        .in_file(SERVICES_DIR)
        .with_help("check each service is still running as described, then set `assured_date:` to the day you checked (directory: stale_after_months in site.yaml sets the limit)"),
    );
}
