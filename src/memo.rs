//! What the dev server keeps from one build to reuse in the next: the pages parsed from files
//! that have not changed ([`Earlier`]), the services directory while directory_data/ has not
//! changed ([`directory`]), and each page's rendered Markdown, by the hash of its text. A
//! page's HTML depends on its own text and on what its links can point at (every page's
//! address, the route table, the figures, the raw HTML policy), so it is reused only when that
//! context hashes the same as last time: saving one page of 10,000 re-renders that page alone.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::hash::Hasher;
use std::path::Path;
use std::sync::Arc;

use twox_hash::XxHash3_64;

use crate::config::SiteConfig;
use crate::content::markdown::Rendered;
use crate::content::page::Page;
use crate::content::stamps::{Stamps, Touched};
use crate::diagnostics::Diagnostics;
use crate::directory::{self, Directory};
use crate::site::Site;
use crate::voices::Voice;

/// The hashes of one build's pages and of the context their links were resolved in.
#[derive(Debug, Clone, Default)]
pub struct RenderMemo {
    context: u64,
    /// Each page's [`Page::body_hash`], in the order of the build's pages.
    pages: Vec<u64>,
}

impl RenderMemo {
    /// The memo of pages rendered in `context` (a hash from [`context`]).
    pub fn new(pages: &[Page], context: u64) -> RenderMemo {
        RenderMemo {
            context,
            pages: pages.iter().map(|page| page.body_hash).collect(),
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
                (same_site && self.pages[index] == page.body_hash).then(|| &previous[index])
            })
            .collect()
    }
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

/// The last build's pages and voices by their file's path from the site root, for the files
/// that have not changed since.
#[derive(Default)]
pub struct Earlier<'a> {
    by_file: HashMap<&'a OsStr, Was<'a>>,
}

/// What the last build parsed a file into.
pub enum Was<'a> {
    Page(&'a Page),
    Voice(&'a Voice),
}

impl<'a> Earlier<'a> {
    /// The pages and voices of the last build's `editions` (the site in each language).
    pub fn of(editions: &[&'a Site]) -> Earlier<'a> {
        let mut by_file = HashMap::new();
        for site in editions {
            for page in &site.pages {
                by_file.insert(page.source.path.as_os_str(), Was::Page(page));
            }
            for voice in &site.voices {
                by_file.insert(voice.source.path.as_os_str(), Was::Voice(voice));
            }
        }
        Earlier { by_file }
    }

    /// What the last build parsed from `file` (its path from the site root).
    pub fn get(&self, file: &Path) -> Option<&Was<'a>> {
        self.by_file.get(file.as_os_str())
    }
}

/// The stamps of the files under directory_data/ a directory was loaded from; none when
/// loading it said anything (so that nothing it says is lost by reusing it).
#[derive(Default)]
pub struct DirectoryMemo(Option<Stamps>);

/// The services directory, loaded; or the last build's (`earlier`), when neither site.yaml
/// nor any file under directory_data/ has changed since (the watcher saw nothing `touched`
/// there, or each file's stamp is as it was).
pub fn directory(
    root: &Path,
    config: &SiteConfig,
    earlier: Option<(&Directory, &DirectoryMemo)>,
    touched: &Touched,
    problems: &mut Diagnostics,
) -> (Directory, DirectoryMemo) {
    let mut settings = Context::default();
    let _ = write!(settings, "{config:?}");
    let settings = settings.finish();
    if let Some((directory, memo)) = earlier
        && let Some(recorded) = memo.0.as_ref().and_then(|stamps| stamps.under(settings))
    {
        let folder = Path::new(crate::layout::DATA_DIR);
        if touched.leaves_folder_alone(folder) {
            return (directory.clone(), DirectoryMemo(Some(recorded.clone())));
        }
    }
    let stamps = Stamps::of_folder(root, crate::layout::DATA_DIR, settings);
    if let Some((directory, _)) = earlier.filter(|(_, memo)| memo.0.as_ref() == Some(&stamps)) {
        return (directory.clone(), DirectoryMemo(Some(stamps)));
    }
    let mut said = Diagnostics::default();
    let directory = directory::load(root, config, &mut said);
    let memo = DirectoryMemo(said.is_empty().then_some(stamps));
    problems.merge(said);
    (directory, memo)
}
