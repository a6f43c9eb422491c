//! What the dev server keeps from one build to reuse in the next: each page's rendered
//! Markdown, by the hash of its text. A page's HTML depends on its own text and on what its
//! links can point at (every page's address, the route table, the figures, the raw HTML
//! policy), so it is reused only when that context hashes the same as last time: saving one
//! page of 10,000 re-renders that page alone.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::content::markdown::Rendered;
use crate::content::page::Page;

/// The hashes of one build's pages and of the context their links were resolved in.
#[derive(Debug, Clone, Default)]
pub struct RenderMemo {
    context: u64,
    /// Each page's text and folder, hashed, in the order of the build's pages.
    pages: Vec<u64>,
}

impl RenderMemo {
    /// The memo of pages rendered in `context` (a hash from [`context`]).
    pub fn new(pages: &[Page], context: u64) -> RenderMemo {
        RenderMemo {
            context,
            pages: pages.iter().map(page_hash).collect(),
        }
    }

    /// For each of `pages`, the previous build's rendering (`previous`) of the same text when
    /// the context is the same, else None (the page must be rendered). The same context means
    /// the same pages in the same order, so a page is compared with the one at its place.
    pub fn reuse<'a>(
        &self,
        previous: &'a [Rendered],
        pages: &[Page],
        context: u64,
    ) -> Vec<Option<&'a Rendered>> {
        let same_site = self.context == context
            && self.pages.len() == pages.len()
            && previous.len() == pages.len();
        pages
            .iter()
            .enumerate()
            .map(|(index, page)| {
                (same_site && self.pages[index] == page_hash(page)).then(|| &previous[index])
            })
            .collect()
    }
}

fn page_hash(page: &Page) -> u64 {
    let mut hasher = DefaultHasher::new();
    page.body().hash(&mut hasher);
    hasher.finish()
}

/// A hash of everything besides a page's own text that its rendering reads, given as the
/// parts' `Debug` forms and addresses.
pub fn context<'a>(parts: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut hasher = DefaultHasher::new();
    for part in parts {
        part.hash(&mut hasher);
    }
    hasher.finish()
}
