//! What the dev server keeps from one build to reuse in the next: each page's rendered
//! Markdown, by the hash of its text. A page's HTML depends on its own text and on what its
//! links can point at (every page's address, the route table, the figures, the raw HTML
//! policy), so it is reused only when that context hashes the same as last time: saving one
//! page of 10,000 re-renders that page alone.

use std::hash::Hasher;
use std::sync::Arc;

use twox_hash::XxHash3_64;

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
        previous: &'a [Arc<Rendered>],
        pages: &[Page],
        context: u64,
    ) -> Vec<Option<&'a Arc<Rendered>>> {
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

/// XXH3: saving one page of 10,000 hashes every page's text again, 80 MB on a large site, so
/// the hash must be fast. It is not for telling apart text someone chose to collide.
fn page_hash(page: &Page) -> u64 {
    XxHash3_64::oneshot(page.body().as_bytes())
}

/// A hash of everything besides a page's own text that its rendering reads, written into it
/// as text (`write!(context, "{}", ...)`) without making the text first.
#[derive(Default)]
pub struct Context(XxHash3_64);

impl Context {
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

impl std::fmt::Write for Context {
    fn write_str(&mut self, part: &str) -> std::fmt::Result {
        self.0.write(part.as_bytes());
        Ok(())
    }
}
