//! The section tree: which section each page sits under, and each section's pages in order.
//! Worked out once from the pages' files, before anything is rendered, so the route table can
//! give each long section its numbered pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::page::Page;

#[derive(Debug, Clone, Default)]
pub struct SectionTree {
    /// The page each page sits under (its section), by page index; None for the home page.
    pub parents: Vec<Option<usize>>,
    /// Each section's pages and subsections, ordered by weight then title.
    pub children: Vec<Vec<usize>>,
    /// Section page index by its folder (relative to content/).
    pub sections: HashMap<PathBuf, usize>,
}

impl SectionTree {
    pub fn of(pages: &[Page]) -> SectionTree {
        let sections: HashMap<PathBuf, usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, page)| page.is_section())
            .map(|(index, page)| (page.folder().to_path_buf(), index))
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
        SectionTree {
            parents,
            children,
            sections,
        }
    }
}

/// The nearest folder at or above the page's own (for a section: above) that has an _index.md.
fn parent_section(page: &Page, sections: &HashMap<PathBuf, usize>) -> Option<usize> {
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
