//! content/search/synonyms.yaml: the words people type, mapped to the site's own words; the
//! misspellings search should read as another word; and the pages that come first when someone
//! asks for help.
//!
//! ```yaml
//! synonyms:
//!   hungry: [nutritional, food]
//!   home alone: [supervision]
//! misspellings:
//!   nutrishun: nutrition
//! asking_for_help:
//!   phrases: [someone to talk to, who can i tell]
//!   pages: [/young-people/talking-to-an-adult/, /directory/childline/]
//! ```
//!
//! A file of phrases alone (`hungry: [nutritional, food]` at the top level) is read as the
//! `synonyms:` list, as before these settings existed. The export carries all three lists to
//! the browser, and `signpost search` reads them from there too.
//!
//! Each language of a site has its own file, named as a translation is
//! (`content/search/synonyms.pl.yaml`), which may also list the language's `stop_words:`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::query_words;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

pub use crate::layout::SYNONYMS_FILE;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synonyms {
    /// The file they were read from, relative to the site root.
    pub file: PathBuf,
    /// Words too common in the language to say what a page is about, besides those signpost
    /// knows (it knows English's).
    pub stop_words: Vec<String>,
    /// Each phrase (as its words) and the words it adds to a query.
    pub phrases: Vec<(Vec<String>, Vec<String>)>,
    /// Each misspelt word and the words search reads it as.
    pub misspellings: Vec<(String, Vec<String>)>,
    pub help: HelpSettings,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpSettings {
    /// Phrases that show someone is asking for help (as their words).
    pub phrases: Vec<Vec<String>>,
    /// The addresses of the pages that then come first, in order, with where each is written.
    pub pages: Vec<(String, Position)>,
}

/// The top-level settings of the file.
const SETTINGS: [&str; 4] = ["synonyms", "misspellings", "asking_for_help", "stop_words"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    synonyms: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    misspellings: BTreeMap<String, String>,
    #[serde(default)]
    asking_for_help: HelpFile,
    #[serde(default)]
    stop_words: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct HelpFile {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    pages: Vec<String>,
}

/// The synonyms file of the language whose code is `code`; None for the default language.
pub fn file_for(code: Option<&str>) -> PathBuf {
    match code {
        None => PathBuf::from(SYNONYMS_FILE),
        Some(code) => PathBuf::from(SYNONYMS_FILE.replace(".yaml", &format!(".{code}.yaml"))),
    }
}

impl Synonyms {
    /// The default language's synonyms (content/search/synonyms.yaml), if the site has them.
    pub fn load(root: &Path, problems: &mut Diagnostics) -> Synonyms {
        Synonyms::load_file(root, &file_for(None), problems)
    }

    /// The synonyms in `file` (relative to the site root), if the site has it.
    pub fn load_file(root: &Path, file: &Path, problems: &mut Diagnostics) -> Synonyms {
        let none = Synonyms {
            file: file.to_path_buf(),
            ..Synonyms::default()
        };
        if !root.join(file).is_file() {
            return none;
        }
        match crate::text::read(root, file) {
            Ok(text) => Synonyms::parse_file(&text, file, problems),
            Err(problem) => {
                problems.push(problem);
                none
            }
        }
    }

    pub fn parse(text: &str, problems: &mut Diagnostics) -> Synonyms {
        Synonyms::parse_file(text, Path::new(SYNONYMS_FILE), problems)
    }

    /// The synonyms written in `text`, the contents of `file`.
    pub fn parse_file(text: &str, file: &Path, problems: &mut Diagnostics) -> Synonyms {
        let file = file.to_path_buf();
        let structured = text.lines().any(|line| {
            SETTINGS
                .iter()
                .any(|key| line.strip_prefix(key).is_some_and(|r| r.starts_with(':')))
        });
        let parsed = if structured {
            crate::yaml::parse::<File>(text)
        } else {
            crate::yaml::parse::<BTreeMap<String, Vec<String>>>(text).map(|synonyms| File {
                synonyms,
                misspellings: BTreeMap::new(),
                asking_for_help: HelpFile::default(),
                stop_words: Vec::new(),
            })
        };
        let file_contents = match parsed {
            Ok(contents) => contents,
            Err(error) => {
                problems.push(crate::yaml::diagnostic(&error, &file, 0).with_help(
                    "the file has up to three parts: `synonyms:` (a phrase people type, a colon, and a list of the site's words: `no lunch: [nutritional, hungry]`), `misspellings:` (`nutrishun: nutrition`) and `asking_for_help:` (`phrases:` and `pages:` lists)",
                ));
                return Synonyms {
                    file,
                    ..Synonyms::default()
                };
            }
        };
        let mut misspellings = Vec::new();
        for (wrong, right) in &file_contents.misspellings {
            let wrong_words: Vec<String> = query_words(wrong).collect();
            let right_words: Vec<String> = query_words(right).collect();
            if wrong_words.len() != 1 || right_words.is_empty() {
                let at = crate::yaml::locate_key(text, wrong, None).unwrap_or((1, 1));
                problems.push(
                    Diagnostic::error(format!(
                        "the misspelling `{wrong}: {right}` must be one word and what it stands for"
                    ))
                    .in_file(&file)
                    .at(Position::new(at.0, at.1))
                    .with_help("write one misspelt word, a colon, and the right word or words: `nutrishun: nutrition`"),
                );
                continue;
            }
            misspellings.push((wrong_words[0].clone(), right_words));
        }
        Synonyms {
            stop_words: file_contents.stop_words.clone(),
            phrases: file_contents
                .synonyms
                .iter()
                .map(|(phrase, targets)| {
                    (
                        query_words(phrase).collect(),
                        targets.iter().flat_map(|t| query_words(t)).collect(),
                    )
                })
                .filter(|(phrase, _): &(Vec<String>, Vec<String>)| !phrase.is_empty())
                .collect(),
            misspellings,
            help: HelpSettings {
                phrases: file_contents
                    .asking_for_help
                    .phrases
                    .iter()
                    .map(|phrase| query_words(phrase).collect::<Vec<_>>())
                    .filter(|words| !words.is_empty())
                    .collect(),
                pages: file_contents
                    .asking_for_help
                    .pages
                    .iter()
                    .map(|page| (page.clone(), position_of_page(text, page)))
                    .collect(),
            },
            file,
        }
    }

    /// Errors for pages listed under `asking_for_help:` that search cannot find.
    pub fn check_help_pages(&self, known: &[&str]) -> Vec<Diagnostic> {
        self.help
            .pages
            .iter()
            .filter(|(url, _)| !known.contains(&url.as_str()))
            .map(|(url, at)| {
                let suggestion = crate::suggest::nearest(url, known.iter().copied())
                    .map(|near| format!("did you mean {near}? "))
                    .unwrap_or_default();
                Diagnostic::error(format!(
                    "`{url}` under asking_for_help: pages is not a page of this site"
                ))
                .in_file(&self.file)
                .at(*at)
                .with_help(format!(
                    "{suggestion}write each page's address as the browser shows it after the site's address, such as /young-people/ or /directory/childline/"
                ))
            })
            .collect()
    }
}

/// Where a page's address is written under `asking_for_help:`.
fn position_of_page(text: &str, page: &str) -> Position {
    let start = text
        .lines()
        .position(|line| line.starts_with("asking_for_help:"))
        .unwrap_or(0);
    text.lines()
        .enumerate()
        .skip(start)
        .find_map(|(index, line)| line.find(page).map(|column| (index, column)))
        .map_or(Position::new(start + 1, 1), |(index, column)| {
            Position::new(index + 1, column + 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_old_flat_file_is_the_synonyms_list() {
        let mut problems = Diagnostics::default();
        let synonyms = Synonyms::parse(
            "no lunch: [nutritional]\nMum's sad: [emotional]\n",
            &mut problems,
        );
        assert!(problems.is_empty());
        assert_eq!(
            synonyms.phrases,
            [
                (
                    vec!["mums".to_string(), "sad".into()],
                    vec!["emotional".to_string()]
                ),
                (
                    vec!["no".to_string(), "lunch".into()],
                    vec!["nutritional".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn all_three_settings_are_read() {
        let mut problems = Diagnostics::default();
        let text = "synonyms:\n  hungry: [food]\nmisspellings:\n  nutrishun: nutrition\n  cant: can not\nasking_for_help:\n  phrases: [someone to talk to]\n  pages:\n    - /young-people/\n";
        let synonyms = Synonyms::parse(text, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(synonyms.phrases.len(), 1);
        assert_eq!(
            synonyms.misspellings,
            [
                ("cant".to_string(), vec!["can".to_string(), "not".into()]),
                ("nutrishun".to_string(), vec!["nutrition".to_string()]),
            ]
        );
        assert_eq!(synonyms.help.phrases, [["someone", "to", "talk", "to"]]);
        assert_eq!(
            synonyms.help.pages,
            [("/young-people/".to_string(), Position::new(9, 7))]
        );
    }

    #[test]
    fn an_unknown_page_is_named_with_its_line_and_the_nearest_page() {
        let mut problems = Diagnostics::default();
        let synonyms = Synonyms::parse(
            "asking_for_help:\n  pages: [/young-people/, /directory/chidline/]\n",
            &mut problems,
        );
        let errors = synonyms.check_help_pages(&["/young-people/", "/directory/childline/"]);
        assert_eq!(errors.len(), 1);
        let error = &errors[0];
        assert!(error.message.contains("/directory/chidline/"), "{error:?}");
        assert_eq!(error.position, Some(Position::new(2, 27)));
        assert!(
            error
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean /directory/childline/?")
        );
    }

    #[test]
    fn a_misspelling_of_two_words_is_an_error_naming_its_line() {
        let mut problems = Diagnostics::default();
        Synonyms::parse(
            "misspellings:\n  nutrishun: nutrition\n  cant afford: poor\n",
            &mut problems,
        );
        let error = problems.sorted()[0].clone();
        assert!(error.message.contains("cant afford"), "{error:?}");
        assert_eq!(error.position, Some(Position::new(3, 3)));
    }
}
