//! The validation stage: every check that looks across files, run by `build`, `check` and
//! `serve` alike on the assembled site, so none of them can pass a site another rejects.
//!
//! Checks of one file on its own (its front matter, a service's fields) run where the file is
//! parsed; everything that needs more than one file, or the build's date, lives here.

pub mod external;
mod links;
mod pages;
mod structure;
mod templates;

use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::site::Site;
use crate::templates::Templates;

pub use pages::{check_age_bands, reading_age};

/// Every check on the site's content: links and anchors, the site's structure, review dates,
/// headings, reading ages and the directory's listings, as of `today`.
pub fn content(site: &Site, today: Date, problems: &mut Diagnostics) {
    links::check(site, problems);
    structure::check(site, problems);
    pages::check(site, today, problems);
    structure::check_listings(site, today, problems);
    structure::check_placeholder_numbers(site, problems);
    crate::figures::warn_if_stale(&site.figures, &site.config.figures, today, problems);
}

/// Checks that need the site and its templates together: every template a page asks for
/// exists. (What a template does with a page is found by rendering it.)
pub fn with_templates(site: &Site, templates: &Templates, problems: &mut Diagnostics) {
    templates::check(site, templates, problems);
}
