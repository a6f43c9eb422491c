//! The languages a site is published in: which one a source file is written in (its file name
//! says, `what-to-do.pl.md`), and which way its script runs.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A language of the site, by its place in site.yaml's list; the default language is 0, and a
/// site without `languages:` has only that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Lang(pub usize);

impl Lang {
    pub const DEFAULT: Lang = Lang(0);

    pub fn is_default(self) -> bool {
        self == Lang::DEFAULT
    }
}

/// Which way a language's script runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A language the site is published in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    /// Its name in the language itself (empty for a site in one language).
    pub name: String,
    pub direction: Direction,
}

/// A language tag as HTML's `lang` and `hreflang` take it, kept to what also works in a file
/// name and an address: `pl`, `ar`, `en-GB`, `pt-BR`.
pub fn is_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|part| {
            (2..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// The language without its region: `en-GB` -> `en`.
pub fn primary(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

/// The part of a file name that says its language, if it names one of `codes`:
/// `what-to-do.pl.md` -> (`what-to-do.md`, the index of `pl`). The original's file name is what
/// the translation is filed under.
pub fn split_suffix(content_path: &Path, codes: &[&str]) -> Option<(PathBuf, usize)> {
    let name = content_path.file_name()?.to_str()?;
    let (stem, extension) = name.rsplit_once('.')?;
    let (original, code) = stem.rsplit_once('.')?;
    let index = codes.iter().position(|c| *c == code)?;
    Some((
        content_path.with_file_name(format!("{original}.{extension}")),
        index,
    ))
}

/// A suffix that looks like a language code (`about.fr.md`) but is not one of the site's.
pub fn unknown_suffix(content_path: &Path) -> Option<&str> {
    let name = content_path.file_name()?.to_str()?;
    let (stem, _) = name.rsplit_once('.')?;
    let (_, code) = stem.rsplit_once('.')?;
    (is_code(code) && !code.contains('-') && code != "index").then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_what_lang_and_addresses_accept() {
        for good in ["pl", "ar", "en-GB", "pt-BR", "zh-Hant", "fil"] {
            assert!(is_code(good), "{good}");
        }
        for bad in ["", "p", "PL", "english", "pl_PL", "pl/", "en-", "../x"] {
            assert!(!is_code(bad), "{bad}");
        }
        assert_eq!(primary("en-GB"), "en");
    }

    #[test]
    fn a_translation_is_filed_under_its_original() {
        let codes = ["en-GB", "pl", "ar"];
        assert_eq!(
            split_suffix(Path::new("worried/what-to-do.pl.md"), &codes),
            Some((PathBuf::from("worried/what-to-do.md"), 1))
        );
        assert_eq!(
            split_suffix(Path::new("_index.ar.md"), &codes),
            Some((PathBuf::from("_index.md"), 2))
        );
        assert_eq!(split_suffix(Path::new("a.fr.md"), &codes), None);
        assert_eq!(split_suffix(Path::new("a.md"), &codes), None);
        assert_eq!(unknown_suffix(Path::new("a.fr.md")), Some("fr"));
        assert_eq!(unknown_suffix(Path::new("v2.0.md")), None);
    }
}
