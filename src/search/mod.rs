//! Site search: every page, sign, voice, service and directory category read with tantivy's
//! analyser into an [`inverted`] index at build time and exported as a static index
//! ([`format`]); one query algorithm ([`query`], specified in `ALGORITHM.md`) runs over that
//! index in the visitor's browser (`themes/default/static/search.js`) and in `signpost search`.

pub mod cache;
pub mod chunk;
pub mod cli;
pub mod documents;
pub mod edit;
pub mod export;
pub mod format;
pub mod impacts;
pub mod index;
pub mod inverted;
pub mod join;
pub mod language;
pub mod query;
pub mod synonyms;

pub use documents::{SearchDoc, documents};
pub use index::SearchIndex;
pub use language::SearchLanguage;
pub use synonyms::Synonyms;

use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// The fields searched, with the boost a match in each gets: a word in a title counts most.
pub const FIELDS: [(&str, f32); 3] = [("title", 3.0), ("headings", 2.0), ("body", 1.0)];

/// Words of 40 bytes or more are dropped, as tantivy's RemoveLongFilter drops them.
pub(crate) const LONGEST_WORD: usize = 40;

/// Splits what someone typed into words: lower-cased, apostrophes dropped ("mum's" is "mums",
/// "can't" is "cant"), then runs of letters and digits. Step 1 of ALGORITHM.md.
pub fn query_words(text: &str) -> impl Iterator<Item = String> {
    let text: String = text
        .to_lowercase()
        .chars()
        .filter(|c| !APOSTROPHES.contains(c))
        .collect();
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.len() < LONGEST_WORD)
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// ' ’ ‘ ʼ
pub const APOSTROPHES: [char; 4] = ['\'', '\u{2019}', '\u{2018}', '\u{2bc}'];

/// The search page's address.
pub const PAGE_URL: &str = crate::routes::SEARCH_PAGE;

/// Where the exported index's manifest (`index.json`) lives. It names the content-hashed
/// folder the rest of the index is in, so pages need not wait for the index to be built.
pub const INDEX_URL: &str = crate::routes::SEARCH_PAGE;

/// The checks of content/search/synonyms.yaml that need the whole site: every page listed
/// under `asking_for_help:` must be one search can find.
pub fn check_settings(site: &Site, synonyms: &Synonyms) -> Vec<Diagnostic> {
    if synonyms.help.pages.is_empty() {
        return Vec::new();
    }
    let urls = documents::urls(site);
    let urls: Vec<&str> = urls.iter().map(String::as_str).collect();
    synonyms.check_help_pages(&urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_words_lose_their_apostrophes() {
        let typed: Vec<String> = query_words("My MUM'S depressed, can’t cope!! 🙁").collect();
        assert_eq!(typed, ["my", "mums", "depressed", "cant", "cope"]);
        assert_eq!(query_words("🙁 ?!").count(), 0);
    }
}
