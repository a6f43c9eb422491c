//! Long lists a page at a time: a section's pages, the directory's services. Each page of a
//! list has its own address, works without JavaScript, and links to the others.

use serde::Serialize;

use crate::strings::Words;

/// Where a page of a list is among its pages, and the links to the others.
#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct PagerView {
    /// What the pager's navigation is called: "Pages of services".
    pub label: String,
    pub current: usize,
    pub total: usize,
    /// How many items the whole list has.
    pub count: usize,
    /// The numbers of the first and last items shown (from 1).
    pub first: usize,
    pub last: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages are left out before this one (the pager shows "…").
    pub gap_before: bool,
}

pub use crate::routes::page_count;

/// The items on page `number` (from 1).
pub fn page_of<T>(items: &[T], size: usize, number: usize) -> &[T] {
    let start = ((number.max(1) - 1) * size).min(items.len());
    let end = (start + size).min(items.len());
    &items[start..end]
}

impl PagerView {
    /// The pager for page `number` of a list of `count` items, or None when it fits on one
    /// page; `url` gives each page's address.
    pub fn of(
        count: usize,
        size: usize,
        number: usize,
        url: impl Fn(usize) -> String,
        label: &str,
    ) -> Option<PagerView> {
        let total = page_count(count, size);
        if total == 1 {
            return None;
        }
        let first = (number - 1) * size + 1;
        Some(PagerView {
            label: label.to_string(),
            current: number,
            total,
            count,
            first,
            last: (number * size).min(count),
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < total).then(|| url(number + 1)),
            pages: nearby(number, total)
                .into_iter()
                .map(|(n, gap_before)| PageLink {
                    number: n,
                    url: url(n),
                    current: n == number,
                    gap_before,
                })
                .collect(),
        })
    }
}

/// The pages a pager links to: the first, the last, and the one either side of the current
/// one (as GOV.UK's pagination does: each link more is bytes on every page of a long list),
/// each with whether pages are left out before it.
fn nearby(current: usize, total: usize) -> Vec<(usize, bool)> {
    let mut shown: Vec<usize> = (1..=total)
        .filter(|&n| n == 1 || n == total || n.abs_diff(current) <= 1)
        .collect();
    shown.dedup();
    let mut previous = 0;
    shown
        .into_iter()
        .map(|n| {
            let gap = n > previous + 1 && previous > 0;
            previous = n;
            (n, gap)
        })
        .collect()
}

/// "Find local support (page 2 of 3)" for pages after the first.
pub fn paged_title(words: &Words, title: &str, pager: Option<&PagerView>) -> String {
    match pager {
        Some(pager) if pager.current > 1 => words.fill(
            "pager.title",
            &[
                ("title", title),
                ("current", &pager.current.to_string()),
                ("total", &pager.total.to_string()),
            ],
        ),
        _ => title.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pager_links_to_the_ends_and_the_pages_nearby() {
        let numbers = |current, total| {
            nearby(current, total)
                .into_iter()
                .map(|(n, gap)| {
                    if gap {
                        format!("…{n}")
                    } else {
                        n.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(numbers(1, 3), "1 2 3");
        assert_eq!(numbers(1, 134), "1 2 …134");
        assert_eq!(numbers(3, 134), "1 2 3 4 …134");
        assert_eq!(numbers(60, 134), "1 …59 60 61 …134");
        assert_eq!(numbers(134, 134), "1 …133 134");
    }

    #[test]
    fn a_list_is_cut_into_pages_and_one_page_needs_no_pager() {
        let items: Vec<usize> = (1..=25).collect();
        assert_eq!(page_of(&items, 12, 3), &[25]);
        assert_eq!(page_count(25, 12), 3);
        assert_eq!(PagerView::of(12, 12, 1, |n| n.to_string(), "Pages"), None);
        let pager = PagerView::of(25, 12, 2, |n| format!("/p/{n}/"), "Pages").unwrap();
        assert_eq!((pager.first, pager.last), (13, 24));
        assert_eq!(pager.previous.as_deref(), Some("/p/1/"));
        assert_eq!(pager.next.as_deref(), Some("/p/3/"));
    }
}
