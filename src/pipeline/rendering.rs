//! Rendering each page's Markdown with its links resolved, reusing the last build's where
//! nothing it reads has changed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content;
use crate::content::fenced::NoBlocks;
use crate::content::html::HtmlPolicy;
use crate::content::markdown::{self, Rendered};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::figures::{Figures, embed::Embedder};
use crate::links::LanguageLinks;
use crate::memo;
use crate::routes::Routes;

use super::parse::ParsedPages;

/// What a page's Markdown is rendered with: the links of its language, the raw HTML policy,
/// the figures it may embed, and whether its language is written right to left.
pub(super) struct Fresh<'a> {
    pub(super) links: &'a LanguageLinks<'a>,
    pub(super) policy: &'a HtmlPolicy,
    pub(super) figures: &'a Figures,
    pub(super) right_to_left: bool,
}

/// Renders every page's and every voice's Markdown in parallel, resolving links through the
/// routes, reusing a page's earlier rendering where `reused` has one. Problems stay with each
/// file's output, for the validation stage to report.
pub(super) fn render_markdown(
    parsed: &ParsedPages,
    fresh: &Fresh,
    reused: &[Option<&Arc<Rendered>>],
) -> (Vec<Arc<Rendered>>, Vec<Rendered>) {
    let pages = parsed
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            if let Some(rendered) = reused[i] {
                return rendered.clone();
            }
            let links = fresh.links.for_file(Some(i), page.folder());
            // One per page: it numbers the page's charts so their ids are unique.
            let charts = Embedder::new(fresh.figures);
            Arc::new(fresh.finished(markdown::render(page.body(), &links, fresh.policy, &charts)))
        })
        .collect();
    let voices = parsed
        .voices
        .par_iter()
        .map(|voice| {
            let folder = voice.source.content_path.parent().unwrap_or(Path::new(""));
            let links = fresh.links.for_file(None, folder);
            fresh.finished(markdown::render(
                voice.body(),
                &links,
                fresh.policy,
                &NoBlocks,
            ))
        })
        .collect();
    (pages, voices)
}

impl Fresh<'_> {
    /// Numbers written in groups ("0808 800 5000") read left to right in right-to-left pages.
    fn finished(&self, mut rendered: Rendered) -> Rendered {
        if self.right_to_left {
            rendered.html = content::bidi::isolate_numbers(&rendered.html);
        }
        rendered
    }
}

/// A hash of what a page's Markdown is rendered with besides its own text: where every page
/// is and what it is called in the route table, the figures it may embed, the raw HTML policy.
pub(super) fn memo_context(
    parsed: &ParsedPages,
    routes: &Routes,
    policy: &HtmlPolicy,
    figures: &Figures,
) -> u64 {
    let mut sets: Vec<&Path> = [&parsed.drafts, &parsed.unreadable]
        .iter()
        .flat_map(|set| set.iter().map(PathBuf::as_path))
        .collect();
    sets.sort();
    let mut hash = memo::Context::default();
    for page in &parsed.pages {
        let _ = writeln!(hash, "{}\t{}", page.source.content_path.display(), page.url);
    }
    for route in routes.iter() {
        let _ = writeln!(hash, "{}", route.address);
    }
    for path in sets {
        let _ = writeln!(hash, "{}", path.display());
    }
    let _ = write!(hash, "{policy:?}{figures:?}");
    hash.finish()
}

/// A page whose settings could not be read still has its links checked, so one build reports
/// both kinds of mistake in the file rather than the second only after the first is fixed.
pub(super) fn check_links_of_unparsed(
    root: &Path,
    parsed: &ParsedPages,
    links: &LanguageLinks,
    policy: &HtmlPolicy,
    problems: &mut Diagnostics,
) {
    let mut failed: Vec<&(PathBuf, PathBuf)> = parsed.failed.iter().collect();
    failed.sort();
    for (file, content_path) in failed {
        let Ok(text) = crate::text::read(root, file) else {
            continue;
        };
        let Ok(split) = content::front_matter::split(&text) else {
            continue;
        };
        let folder = content_path.parent().unwrap_or(Path::new(""));
        let body = &text[split.body_offset..];
        let rendered = markdown::render(body, &links.for_file(None, folder), policy, &NoBlocks);
        for problem in rendered.problems.into_iter().filter(|p| p.kind.is_error()) {
            problems.push(
                Diagnostic::error(problem.message)
                    .in_file(file)
                    .at(crate::diagnostics::Position::of_offset(
                        &text,
                        split.body_offset + problem.offset,
                    ))
                    .with_help(problem.help),
            );
        }
    }
}
