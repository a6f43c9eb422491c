//! How search reads the words of one language: the stemmer tantivy has for it (none where it
//! has none, so a word is then found only as written, by its endings the site itself uses, or
//! by a typo's distance), its stop words, and the word endings the query tries (step 6.2 of
//! ALGORITHM.md), which the manifest carries to the browser.

use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};

use super::LONGEST_WORD;

/// Lucene's English stop words (tantivy's list) and the pronouns and helper verbs people use
/// when they describe a worry in their own words.
pub const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with", "i", "im", "me", "my", "we", "our", "you", "your",
    "he", "him", "his", "she", "her", "its", "has", "have", "had", "do", "does", "did", "am",
    "been", "so", "what", "when", "who", "how", "can", "from", "about", "s", "t",
    // Contractions as people type them without the apostrophe.
    "cant", "dont", "wont", "doesnt", "didnt", "isnt", "arent", "wasnt", "ive", "youre", "theyre",
    "thats", "theres", "whats",
];

/// English word endings, tried in order: what to remove, and what to add ("kids" -> "kid",
/// "worrying" -> "worry").
const ENGLISH_ENDINGS: [(&str, &str); 7] = [
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct SearchLanguage {
    pub stemmer: Option<Language>,
    pub stop_words: Vec<String>,
    pub endings: Vec<(String, String)>,
}

impl SearchLanguage {
    /// The language whose code is `code` (`en-GB`, `pl`, `ar`), with the site's own stop words
    /// for it added to any signpost has.
    pub fn new(code: &str, own_stop_words: &[String]) -> SearchLanguage {
        let primary = crate::language::primary(code);
        let english = primary == "en";
        let mut stop_words: Vec<String> = if english {
            ENGLISH_STOP_WORDS.iter().map(|w| w.to_string()).collect()
        } else {
            Vec::new()
        };
        for word in own_stop_words.iter().flat_map(|w| super::query_words(w)) {
            if !stop_words.contains(&word) {
                stop_words.push(word);
            }
        }
        SearchLanguage {
            stemmer: stemmer(primary),
            stop_words,
            endings: if english {
                ENGLISH_ENDINGS
                    .iter()
                    .map(|(remove, add)| (remove.to_string(), add.to_string()))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    pub fn english() -> SearchLanguage {
        SearchLanguage::new("en", &[])
    }

    /// tantivy's analyser for the language: its tokenizer, lower-casing, the stop words
    /// removed, and its stemmer if it has one. Each filter reads one word at a time, so a
    /// word's term is the same wherever it is written.
    pub fn analyzer(&self) -> TextAnalyzer {
        let words = TextAnalyzer::builder(tokenizer())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(StopWordFilter::remove(self.stop_words.iter().cloned()));
        match self.stemmer {
            Some(language) => words.filter(Stemmer::new(language)).build(),
            None => words.build(),
        }
    }
}

/// How the analyser cuts text into words, before its filters.
pub fn tokenizer() -> SimpleTokenizer {
    SimpleTokenizer::default()
}

/// The stemmer tantivy has for a language, by its ISO 639-1 code.
fn stemmer(primary: &str) -> Option<Language> {
    Some(match primary {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "nl" => Language::Dutch,
        "en" => Language::English,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "de" => Language::German,
        "el" => Language::Greek,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "no" | "nb" | "nn" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "es" => Language::Spanish,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::term_with;

    #[test]
    fn each_language_stems_with_its_own_stemmer_or_none() {
        let english = SearchLanguage::new("en-GB", &[]);
        assert_eq!(
            term_with(&mut english.analyzer(), "worrying").as_deref(),
            Some("worri")
        );
        assert_eq!(term_with(&mut english.analyzer(), "the"), None);
        let arabic = SearchLanguage::new("ar", &["في".to_string()]);
        assert_eq!(arabic.stemmer, Some(Language::Arabic));
        assert_eq!(
            term_with(&mut arabic.analyzer(), "في"),
            None,
            "its own stop word"
        );
        assert!(arabic.endings.is_empty());
        let polish = SearchLanguage::new("pl", &["się".to_string()]);
        assert_eq!(polish.stemmer, None);
        assert_eq!(
            term_with(&mut polish.analyzer(), "Dzieci").as_deref(),
            Some("dzieci"),
            "found as written, lower-cased"
        );
        assert_eq!(polish.stop_words, ["się"]);
    }
}
