//! The site model: published pages, their rendered Markdown, and the section tree.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::az::{self, Letter};
use crate::config::SiteConfig;
use crate::content::markdown::Rendered;
use crate::content::page::Page;
use crate::content::tree::SectionTree;
use crate::date::Date;
use crate::directory::Directory;
use crate::figures::Figures;
use crate::language::{Lang, Language};
use crate::routes::{Routes, Target};
use crate::signs::Matrix;
use crate::strings::Words;
use crate::voices::Voice;

/// The parts a site is assembled from, each already parsed and checked on its own.
pub struct Parts {
    pub config: SiteConfig,
    pub lang: Lang,
    pub pages: Vec<Page>,
    pub rendered: Vec<Arc<Rendered>>,
    pub matrix: Matrix,
    pub voices: Vec<Voice>,
    pub voices_rendered: Vec<Rendered>,
    pub directory: Directory,
    pub figures: Figures,
    pub routes: Arc<Routes>,
    pub unreadable: HashSet<PathBuf>,
    pub today: Date,
    pub preview: bool,
    pub tree: SectionTree,
    /// The theme's words in the site's language.
    pub words: Arc<Words>,
}

/// The site in one of its languages: that language's pages, and everything shown with them.
pub struct Site {
    /// The settings, with the title, help contacts and labels in this language.
    pub config: SiteConfig,
    /// The language of these pages.
    pub lang: Lang,
    /// Published pages, ordered by source path.
    pub pages: Vec<Page>,
    /// Each page's rendered Markdown, by page index.
    pub rendered: Vec<Arc<Rendered>>,
    /// Which sign page fills each cell of the signs matrix.
    pub matrix: Matrix,
    pub voices: Vec<Voice>,
    /// Each voice's words rendered, by voice index.
    pub voices_rendered: Vec<Rendered>,
    pub directory: Directory,
    /// The figures in data/.
    pub figures: Figures,
    /// Every address the site publishes, in every language.
    pub routes: Arc<Routes>,
    /// Content files that could not be read or parsed (already reported), relative to
    /// content/: checks that depend on them are skipped.
    pub unreadable: HashSet<PathBuf>,
    /// The build's date.
    pub today: Date,
    /// A preview for staff (`serve`): unfinished parts are shown, marked as such.
    pub preview: bool,
    /// The page each page sits under (its section), by page index; None for the home page.
    parents: Vec<Option<usize>>,
    /// Each section's pages and subsections, ordered by weight then title.
    children: Vec<Vec<usize>>,
    /// Page index by URL.
    by_url: HashMap<String, usize>,
    /// Section page index by its folder (relative to content/).
    sections: HashMap<PathBuf, usize>,
    /// The theme's words in the language of these pages.
    words: Arc<Words>,
    /// The A to Z of the pages' titles, worked out when first asked for: every page of the A
    /// to Z shows every letter, and a site of 10,000 pages has a hundred such pages.
    letters: OnceLock<Vec<Letter>>,
    /// How many services each category of the directory has, worked out when first asked
    /// for: every page of the directory and of the A to Z shows them.
    category_counts: OnceLock<Vec<usize>>,
}

impl Site {
    pub fn new(parts: Parts) -> Site {
        let Parts {
            config,
            lang,
            pages,
            rendered,
            matrix,
            voices,
            voices_rendered,
            directory,
            figures,
            routes,
            unreadable,
            today,
            preview,
            tree,
            words,
        } = parts;
        let SectionTree {
            parents,
            children,
            sections,
        } = tree;
        let by_url = pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.url.clone(), index))
            .collect();
        Site {
            by_url,
            sections,
            config,
            lang,
            pages,
            rendered,
            matrix,
            voices,
            voices_rendered,
            directory,
            figures,
            routes,
            unreadable,
            today,
            preview,
            parents,
            children,
            words,
            letters: OnceLock::new(),
            category_counts: OnceLock::new(),
        }
    }

    /// Every page but the home page by title, grouped by first letter ([`az::letters`]).
    pub fn letters(&self) -> &[Letter] {
        self.letters.get_or_init(|| az::letters(&self.pages))
    }

    /// How many published services each category of the directory has, its sub-categories'
    /// included, in the order of its categories ([`Directory::category_counts`]).
    pub fn category_counts(&self) -> &[usize] {
        self.category_counts
            .get_or_init(|| self.directory.category_counts())
    }

    /// The language of these pages.
    pub fn language(&self) -> Language {
        self.config.languages().swap_remove(self.lang.0)
    }

    /// The theme's words in the language of these pages.
    pub fn words(&self) -> &Words {
        &self.words
    }

    /// The page published at `url` (`/worried/`), if any.
    pub fn page_at(&self, url: &str) -> Option<usize> {
        self.by_url.get(url).copied()
    }

    /// The page written in `content_path` (relative to content/), if it is published.
    pub fn page_from_file(&self, content_path: &Path) -> Option<usize> {
        self.pages
            .iter()
            .position(|page| page.source.content_path == content_path)
    }

    pub fn home(&self) -> Option<usize> {
        self.pages
            .iter()
            .position(|page| page.source.content_path == Path::new("_index.md"))
    }

    pub fn children(&self, page: usize) -> &[usize] {
        &self.children[page]
    }

    /// The sections from the home page down to (not including) `page`.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = self.parents[page];
        while let Some(parent) = current {
            chain.push(parent);
            current = self.parents[parent];
        }
        chain.reverse();
        chain
    }

    /// The home page's sections: the site's main navigation.
    pub fn main_navigation(&self) -> Vec<usize> {
        self.home_children(true)
    }

    /// The home page's single pages (about, accessibility): the footer's links.
    pub fn footer_navigation(&self) -> Vec<usize> {
        self.home_children(false)
    }

    fn home_children(&self, sections: bool) -> Vec<usize> {
        self.home()
            .map(|home| {
                self.children(home)
                    .iter()
                    .copied()
                    .filter(|&i| self.pages[i].is_section() == sections)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The section page heading `folder` (relative to content/), if there is one.
    pub fn section(&self, folder: &str) -> Option<usize> {
        self.sections.get(Path::new(folder)).copied()
    }

    /// True when the site has sign pages, so the band and category pages are made.
    pub fn has_signs(&self) -> bool {
        !self.matrix.is_empty()
    }

    /// True when the site publishes a search page in this language (it has something to
    /// search).
    pub fn has_search(&self) -> bool {
        self.routes.has_in(self.lang, Target::SearchPage)
    }

    /// True when the site has published services, so the directory pages are made.
    pub fn has_directory(&self) -> bool {
        !self.directory.is_empty()
    }

    /// The address of something the site publishes in this language; see `Routes::url`.
    pub fn url(&self, target: Target) -> String {
        self.routes.url_in(self.lang, target)
    }

    pub fn permalink(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.config.normalised_base_url().trim_end_matches('/'),
            url
        )
    }
}
