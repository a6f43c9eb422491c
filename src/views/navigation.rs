//! The main navigation: the home page's sections, the one a page is in marked, and no more of
//! them than a phone's menu can hold.

use super::{LinkView, link};
use crate::routes::Target;
use crate::site::Site;

/// The main navigation, marking the entry the page is in.
pub fn navigation(site: &Site, index: usize) -> Vec<LinkView> {
    navigation_marking(site, Some(index), &site.ancestors(index))
}

/// The most sections the main navigation lists. A site with more (a county's, with a section
/// per topic) would have a menu too long to use on a phone, and every page kilobytes heavier
/// for it: the navigation lists the first of them, the section the page is in, and a link to
/// the A to Z of topics, where every page is.
const MAIN_NAVIGATION_LIMIT: usize = 12;

/// The main navigation, marking `page` as the page shown and `within` as the sections it is in.
fn navigation_marking(site: &Site, page: Option<usize>, within: &[usize]) -> Vec<LinkView> {
    let marked = |entry: usize| {
        let current = if Some(entry) == page {
            Some("page")
        } else if within.contains(&entry) {
            Some("true")
        } else {
            None
        };
        link(site, entry, current)
    };
    let sections = site.main_navigation();
    if sections.len() <= MAIN_NAVIGATION_LIMIT || !site.has_search() {
        return sections.into_iter().map(marked).collect();
    }
    let (first, rest) = sections.split_at(MAIN_NAVIGATION_LIMIT);
    let here = rest
        .iter()
        .copied()
        .filter(|entry| Some(*entry) == page || within.contains(entry));
    let mut links: Vec<LinkView> = first.iter().copied().chain(here).map(marked).collect();
    links.push(LinkView {
        title: site.words().text("search.topics").to_string(),
        url: format!("{}#topics", site.url(Target::SearchPage)),
        description: String::new(),
        current: None,
    });
    links
}

/// The main navigation for a page outside the page tree, marking `section` (if any) as the
/// one it belongs to.
pub fn navigation_for_section(site: &Site, section: Option<usize>) -> Vec<LinkView> {
    navigation_marking(site, None, section.as_slice())
}
