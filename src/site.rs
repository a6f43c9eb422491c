//! The site model: published pages, their rendered Markdown, and the section tree.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::markdown::Rendered;
use crate::content::page::Page;
use crate::directory::Directory;
use crate::signs::Matrix;
use crate::voices::Voice;

pub struct Site {
    pub config: SiteConfig,
    /// Published pages, ordered by source path.
    pub pages: Vec<Page>,
    /// Each page's rendered Markdown, by page index.
    pub rendered: Vec<Rendered>,
    /// Which sign page fills each cell of the signs matrix.
    pub matrix: Matrix,
    pub voices: Vec<Voice>,
    pub directory: Directory,
    /// The figures in data/ (set after the site is made).
    pub figures: crate::figures::Figures,
    /// The page each page sits under (its section), by page index; None for the home page.
    parents: Vec<Option<usize>>,
    /// Each section's pages and subsections, ordered by weight then title.
    children: Vec<Vec<usize>>,
    /// Page index by URL.
    by_url: HashMap<String, usize>,
    /// Section page index by its folder (relative to content/).
    sections: HashMap<PathBuf, usize>,
}

impl Site {
    pub fn new(
        config: SiteConfig,
        pages: Vec<Page>,
        rendered: Vec<Rendered>,
        matrix: Matrix,
        voices: Vec<Voice>,
        directory: Directory,
    ) -> Site {
        let sections: HashMap<&Path, usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, page)| page.is_section())
            .map(|(index, page)| (page.folder(), index))
            .collect();
        let parents: Vec<Option<usize>> = pages
            .iter()
            .enumerate()
            .map(|(index, page)| parent_section(page, &sections).filter(|&parent| parent != index))
            .collect();
        let mut children = vec![Vec::new(); pages.len()];
        for (index, parent) in parents.iter().enumerate() {
            if let Some(parent) = parent {
                children[*parent].push(index);
            }
        }
        for list in &mut children {
            list.sort_by(|&a, &b| {
                let (a, b) = (&pages[a].front, &pages[b].front);
                (a.weight, &a.title).cmp(&(b.weight, &b.title))
            });
        }
        let by_url = pages
            .iter()
            .enumerate()
            .map(|(index, page)| (page.url.clone(), index))
            .collect();
        let sections = sections
            .into_iter()
            .map(|(folder, index)| (folder.to_path_buf(), index))
            .collect();
        Site {
            by_url,
            sections,
            config,
            pages,
            rendered,
            matrix,
            voices,
            directory,
            figures: Default::default(),
            parents,
            children,
        }
    }

    /// The page published at `url` (`/worried/`), if any.
    pub fn page_at(&self, url: &str) -> Option<usize> {
        self.by_url.get(url).copied()
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

    /// True when there is something to search: a page besides the home page, a voice or a
    /// service. Such a site has a search box and a search page.
    pub fn has_search(&self) -> bool {
        self.pages.iter().any(|page| page.url != "/")
            || !self.voices.is_empty()
            || self.has_directory()
    }

    /// True when the site has published services, so the directory pages are made.
    pub fn has_directory(&self) -> bool {
        !self.directory.is_empty()
    }

    pub fn permalink(&self, url: &str) -> String {
        format!(
            "{}{}",
            self.config.normalised_base_url().trim_end_matches('/'),
            url
        )
    }
}

/// The nearest folder at or above the page's own (for a section: above) that has an _index.md.
fn parent_section(page: &Page, sections: &HashMap<&Path, usize>) -> Option<usize> {
    let mut folder: Option<PathBuf> = if page.is_section() {
        page.folder().parent().map(Path::to_path_buf)
    } else {
        Some(page.folder().to_path_buf())
    };
    while let Some(current) = folder {
        if let Some(&index) = sections.get(current.as_path()) {
            return Some(index);
        }
        folder = current.parent().map(Path::to_path_buf);
    }
    None
}
