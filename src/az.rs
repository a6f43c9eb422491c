//! The A to Z of topics: every page but the home page, by the first letter of its title, for
//! readers without search. A site of up to [`INLINE_LIMIT`] topics lists them all on the search
//! page; a longer one gives each letter pages of its own, [`PAGE_SIZE`] topics a page, so no
//! page outgrows the page budget however large the site.

use std::path::Path;

use crate::content::page::Page;

/// The most topics the search page lists itself.
pub const INLINE_LIMIT: usize = 150;
/// Topics on each page of a letter: with a long title each, a page stays under the budget
/// beside the theme's stylesheet and scripts.
pub const PAGE_SIZE: usize = 60;

/// The topics starting with one letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    /// As shown: `A`, `Ł`.
    pub letter: String,
    /// In its address: `a`, `u141`.
    pub slug: String,
    /// The pages, by title.
    pub pages: Vec<usize>,
}

/// Every page but the home page, by title, grouped by first letter.
pub fn letters(pages: &[Page]) -> Vec<Letter> {
    let mut topics: Vec<(String, usize)> = pages
        .iter()
        .enumerate()
        .filter(|(_, page)| page.source.content_path != Path::new("_index.md"))
        .map(|(index, page)| (page.front.title.to_lowercase(), index))
        .collect();
    topics.sort();
    let mut letters: Vec<Letter> = Vec::new();
    for (title, index) in topics {
        let first = title.chars().next().unwrap_or('#');
        let letter: String = first.to_uppercase().collect();
        match letters.last_mut() {
            Some(last) if last.letter == letter => last.pages.push(index),
            _ => letters.push(Letter {
                slug: slug(first),
                letter,
                pages: vec![index],
            }),
        }
    }
    letters
}

/// True when the topics are too many for the search page, so each letter has its own pages.
pub fn has_letter_pages(letters: &[Letter]) -> bool {
    letters.iter().map(|l| l.pages.len()).sum::<usize>() > INLINE_LIMIT
}

/// A letter as an address segment: itself when it is a plain letter or digit, else its code
/// point (`u141` for `ł`), so addresses stay plain ASCII.
fn slug(lower: char) -> String {
    if lower.is_ascii_alphanumeric() {
        lower.to_string()
    } else {
        format!("u{:x}", lower as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_outside_ascii_get_plain_addresses() {
        assert_eq!(slug('a'), "a");
        assert_eq!(slug('7'), "7");
        assert_eq!(slug('ł'), "u142");
        assert_eq!(slug('ع'), "u639");
    }
}
