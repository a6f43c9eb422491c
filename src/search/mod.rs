//! Site search: every guidance page, sign, voice and service indexed with tantivy at build time,
//! exported as a static index the browser client reads, and queried from the terminal with
//! `signpost search`. Both apply content/search/synonyms.yaml the same way.

pub mod cli;
pub mod documents;
pub mod export;
pub mod index;
pub mod synonyms;

pub use documents::{SearchDoc, documents};
pub use index::SearchIndex;
pub use synonyms::Synonyms;

/// The fields searched, with the boost a match in each gets: a word in a title counts most.
pub const FIELDS: [(&str, f32); 3] = [("title", 3.0), ("headings", 2.0), ("body", 1.0)];

/// Splits text the way tantivy's SimpleTokenizer does (runs of letters and digits), lower-cased,
/// dropping words of 40 bytes or more as tantivy's RemoveLongFilter does.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && word.len() < 40)
        .map(str::to_lowercase)
}

/// The folder the exported index's manifest (`index.json`) lives in. The manifest names the
/// content-hashed folder the rest of the index is in, so pages need not wait for the index.
pub const INDEX_URL: &str = crate::routes::SEARCH_PAGE;
