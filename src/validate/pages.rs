//! Checks on pages that are not errors but that comms staff should hear about: review dates,
//! heading levels, and how easy young people's pages are to read.

use crate::config::{Taxonomies, unknown_id};
use crate::content::markdown::Rendered;
use crate::content::page::{Audience, Page};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

/// Fewer words than this and a readability score means little.
const MIN_WORDS_FOR_READABILITY: usize = 50;

pub fn check(site: &Site, today: Date, problems: &mut Diagnostics) {
    let target = site.config.young_people_reading_age;
    // The reading age is the Flesch-Kincaid grade, which counts English syllables.
    let english = crate::language::primary(&site.language().code) == "en";
    for (page, output) in site.pages.iter().zip(&site.rendered) {
        if let Err(problem) = check_age_bands(page, &site.config.taxonomies) {
            problems.push(problem);
        }
        check_review_date(page, today, problems);
        check_heading_levels(page, output, problems);
        if english && page.front.audience == Audience::YoungPeople {
            check_reading_age(page, output, target, problems);
        }
    }
}

/// A page's `age_bands:` must be ones site.yaml declares.
pub fn check_age_bands(page: &Page, taxonomies: &Taxonomies) -> Result<(), Diagnostic> {
    let valid = taxonomies.band_ids();
    match page
        .front
        .age_bands
        .iter()
        .find(|band| !valid.contains(&band.as_str()))
    {
        Some(unknown) => Err(unknown_id(unknown, &valid, "age bands")
            .in_file(&page.source.path)
            .at(page.position_of_key("age_bands"))),
        None => Ok(()),
    }
}

fn check_review_date(page: &Page, today: Date, problems: &mut Diagnostics) {
    if let Some(review_by) = page.front.review_by
        && review_by < today
    {
        problems.push(
            Diagnostic::warning(format!(
                "this page was due for review on {}",
                review_by.long()
            ))
            .in_file(&page.source.path)
            .at(page.position_of_key("review_by"))
            .with_help(
                "check the page is still right, then set `review_by:` to the next review date",
            ),
        );
    }
}

/// The title is the page's only h1, so the body starts at ## and never skips a level.
fn check_heading_levels(page: &Page, output: &Rendered, problems: &mut Diagnostics) {
    let mut previous = 1;
    for heading in &output.headings {
        let problem = if heading.level == 1 {
            Some((
                "a `#` heading repeats the page's title level".to_string(),
                "the title is the page's only top-level heading: start the body's headings at `##`"
                    .to_string(),
            ))
        } else if heading.level > previous + 1 {
            Some((
                format!(
                    "this heading skips from level {previous} to level {}",
                    heading.level
                ),
                format!(
                    "use {} here, so screen reader users can follow the page's outline",
                    "#".repeat(previous as usize + 1)
                ),
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            problems.push(
                Diagnostic::warning(message)
                    .in_file(&page.source.path)
                    .at(page.position_in_body(heading.offset))
                    .with_help(help),
            );
        }
        previous = heading.level;
    }
}

/// The UK reading age of a text: the Flesch-Kincaid (US school) grade plus five.
pub fn reading_age(text: &str) -> Option<f64> {
    (textstat::lexicon_count(text) >= MIN_WORDS_FOR_READABILITY)
        .then(|| textstat::flesch_kincaid_grade(text) + 5.0)
}

fn check_reading_age(page: &Page, output: &Rendered, target: f64, problems: &mut Diagnostics) {
    let Some(age) = reading_age(&output.own_words()) else {
        return;
    };
    if age > target {
        problems.push(
            Diagnostic::warning(format!(
                "this young people's page has a reading age of about {age:.0}; the target is {target:.0}"
            ))
            .in_file(&page.source.path)
            .at(page.position_of_key("audience"))
            .with_help("use shorter sentences and everyday words (the score is the Flesch-Kincaid grade plus five; young_people_reading_age in site.yaml sets the target)"),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_words_read_younger_than_long_ones() {
        let plain =
            "Is your friend hungry a lot? Tell a teacher. You can call Childline. It is free. "
                .repeat(6);
        let hard = "Practitioners should consider the cumulative impact of persistent deprivation on developmental outcomes. ".repeat(6);
        assert!(super::reading_age(&plain).unwrap() < 9.0);
        assert!(super::reading_age(&hard).unwrap() > 16.0);
        assert_eq!(super::reading_age("Too short."), None);
    }
}
