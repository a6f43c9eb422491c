//! Links: each file's broken links and images without alt text, found while its Markdown was
//! rendered, and every anchor checked against the headings and notes of the page it names.

use std::path::Path;

use crate::content::markdown::{AnchorCheck, Rendered};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::site::Site;

pub fn check(site: &Site, problems: &mut Diagnostics) {
    for (page, rendered) in site.pages.iter().zip(&site.rendered) {
        let at = |offset| page.position_in_body(offset);
        report(&page.source.path, rendered, &at, site, problems);
    }
    for (voice, rendered) in site.voices.iter().zip(&site.voices_rendered) {
        let at = |offset| voice.position_in_body(offset);
        report(&voice.source.path, rendered, &at, site, problems);
    }
}

fn report(
    file: &Path,
    rendered: &Rendered,
    at: &dyn Fn(usize) -> Position,
    site: &Site,
    problems: &mut Diagnostics,
) {
    for problem in &rendered.problems {
        let diagnostic = if problem.kind.is_error() {
            Diagnostic::error(problem.message.clone())
        } else {
            Diagnostic::warning(problem.message.clone())
        };
        problems.push(
            diagnostic
                .in_file(file)
                .at(at(problem.offset))
                .with_help(problem.help.clone()),
        );
    }
    for anchor in &rendered.anchors {
        if let Some(problem) = missing_anchor(anchor, site) {
            problems.push(problem.in_file(file).at(at(anchor.offset)));
        }
    }
}

/// An error when the page `check` points at has no heading or note with its anchor.
fn missing_anchor(check: &AnchorCheck, site: &Site) -> Option<Diagnostic> {
    let target = &site.rendered[check.target];
    let known_here = target.headings.iter().map(|h| h.id.as_str());
    if known_here
        .chain(target.ids.iter().map(String::as_str))
        .any(|id| id == check.anchor)
    {
        return None;
    }
    let headings: Vec<String> = target
        .headings
        .iter()
        .map(|h| format!("#{}", h.id))
        .collect();
    let help = match crate::suggest::nearest(
        &format!("#{}", check.anchor),
        headings.iter().map(String::as_str),
    ) {
        Some(near) => format!(
            "did you mean `{near}`? The headings there are: {}",
            headings.join(", ")
        ),
        None if headings.is_empty() => "that page has no headings to link to".to_string(),
        None => format!("the headings there are: {}", headings.join(", ")),
    };
    Some(
        Diagnostic::error(format!(
            "the link points to `#{}` in {}, but no heading there has that anchor",
            check.anchor,
            site.pages[check.target].source.path.display()
        ))
        .with_help(help),
    )
}
