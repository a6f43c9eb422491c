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
mod translations;

use crate::date::Date;
use crate::diagnostics::Diagnostics;
use crate::site::Site;
use crate::templates::Templates;

pub use pages::{check_age_bands, reading_age};

/// Every check on the content of the site in one language: links and anchors, review dates,
/// headings and reading ages; and, once (in the default language), the site's structure, the
/// directory's listings and the figures, as of `today`.
pub fn content(site: &Site, today: Date, problems: &mut Diagnostics) {
    let once = site.lang.is_default();
    links::check(site, problems);
    if once {
        structure::check(site, problems);
    }
    pages::check(site, today, problems);
    if !once {
        return;
    }
    structure::check_listings(site, today, problems);
    structure::check_placeholder_numbers(site, problems);
    crate::figures::warn_if_stale(&site.figures, &site.config.figures, today, problems);
}

/// Each translation against its original: made from the original's words as they are now,
/// and the same sign or voice.
pub fn translations(sites: &[Site], problems: &mut Diagnostics) {
    translations::check(sites, problems);
}

/// Checks that need the site and its templates together: every template a page asks for
/// exists. (What a template does with a page is found by rendering it.)
pub fn with_templates(site: &Site, templates: &Templates, problems: &mut Diagnostics) {
    templates::check(site, templates, problems);
}
