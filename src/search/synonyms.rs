//! content/search/synonyms.yaml: the words people type, mapped to the site's own words.
//!
//! ```yaml
//! hungry: [nutritional, food]
//! no lunch: [nutritional]
//! home alone: [supervision]
//! ```
//! A query containing a phrase on the left (as whole words) also searches for the words on
//! the right. The browser client applies the same list, exported with the index.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::words;
use crate::diagnostics::Diagnostics;

pub use crate::layout::SYNONYMS_FILE;

/// Each phrase (as its words) and the words it adds to a query.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Synonyms(pub Vec<(Vec<String>, Vec<String>)>);

impl Synonyms {
    pub fn load(root: &Path, problems: &mut Diagnostics) -> Synonyms {
        let file = PathBuf::from(SYNONYMS_FILE);
        if !root.join(&file).is_file() {
            return Synonyms::default();
        }
        let text = match crate::text::read(root, &file) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(problem);
                return Synonyms::default();
            }
        };
        match crate::yaml::parse::<BTreeMap<String, Vec<String>>>(&text) {
            Ok(map) => Synonyms(
                map.into_iter()
                    .map(|(phrase, targets)| {
                        (
                            words(&phrase).collect(),
                            targets.iter().flat_map(|t| words(t)).collect(),
                        )
                    })
                    .filter(|(phrase, _): &(Vec<String>, Vec<String>)| !phrase.is_empty())
                    .collect(),
            ),
            Err(error) => {
                problems.push(
                    crate::yaml::diagnostic(&error, &file, 0)
                        .with_help("each line is a phrase people type, a colon, and a list of the site's words: `no lunch: [nutritional, hungry]`"),
                );
                Synonyms::default()
            }
        }
    }

    /// The query's words followed by the words its phrases add (each word once).
    pub fn expand(&self, query_words: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut push = |word: &String| {
            if !out.contains(word) {
                out.push(word.clone());
            }
        };
        query_words.iter().for_each(&mut push);
        for (phrase, targets) in &self.0 {
            if query_words
                .windows(phrase.len())
                .any(|window| window == phrase.as_slice())
            {
                targets.iter().for_each(&mut push);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_add_the_sites_words_once() {
        let synonyms = Synonyms(vec![
            (
                vec!["no".into(), "lunch".into()],
                vec!["nutritional".into()],
            ),
            (
                vec!["hungry".into()],
                vec!["nutritional".into(), "food".into()],
            ),
        ]);
        let query: Vec<String> = words("My mate has no lunch and is hungry").collect();
        let expanded = synonyms.expand(&query);
        assert_eq!(&expanded[query.len()..], ["nutritional", "food"]);
        assert_eq!(synonyms.expand(&["lunch".into()]), ["lunch"]);
    }
}
