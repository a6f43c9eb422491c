//! Parsing the Markdown sources into each language's pages and voices, or taking the last
//! build's for files that have not changed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Taxonomies;
use crate::content::page::Page;
use crate::content::{self, SourceFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::language::Lang;
use crate::links;
use crate::memo::{self, Earlier, Was};
use crate::signs;
use crate::voices::{self, Voice};

/// The pages of one language that parsed, and the content paths of those left out (drafts,
/// or unreadable).
pub(super) struct ParsedPages {
    pub(super) pages: Vec<Page>,
    pub(super) voices: Vec<Voice>,
    pub(super) drafts: HashSet<PathBuf>,
    pub(super) unreadable: HashSet<PathBuf>,
    /// The files whose settings could not be read (relative to the site root), with their
    /// content paths: their links are still checked.
    pub(super) failed: Vec<(PathBuf, PathBuf)>,
}

impl ParsedPages {
    fn new() -> ParsedPages {
        ParsedPages {
            pages: Vec::new(),
            voices: Vec::new(),
            drafts: HashSet::new(),
            unreadable: HashSet::new(),
            failed: Vec::new(),
        }
    }

    /// The paths from the site root of the files parsed into its pages and voices.
    pub(super) fn files(&self) -> impl Iterator<Item = &Path> {
        let pages = self.pages.iter().map(|page| page.source.path.as_path());
        pages.chain(self.voices.iter().map(|voice| voice.source.path.as_path()))
    }

    pub(super) fn sources(&self) -> links::Sources<'_> {
        links::Sources {
            pages: &self.pages,
            drafts: &self.drafts,
            unreadable: &self.unreadable,
        }
    }
}

/// What pages are parsed with: each language's address prefix (`/pl`), the taxonomies sign
/// cells and voices are checked against, whether drafts are published, and the last build's
/// pages for files that have not changed since.
pub(super) struct Parsing<'a> {
    pub(super) prefixes: &'a [String],
    pub(super) taxonomies: Option<&'a Taxonomies>,
    pub(super) include_drafts: bool,
    pub(super) earlier: &'a Earlier<'a>,
}

/// Parses every page (or takes the last build's, for an unchanged file), keeping the
/// published ones and noting the rest.
pub(super) fn parse_pages(
    sources: Vec<content::Source>,
    parsing: &Parsing,
    problems: &mut Diagnostics,
) -> Vec<ParsedPages> {
    let parsed: Vec<(Lang, PathBuf, PathBuf, Result<Parsed, Diagnostic>)> = sources
        .into_par_iter()
        .map(|source| match source {
            content::Source::Unchanged(path) => reused(parsing.earlier, &path),
            content::Source::Read(source) => {
                let (lang, content_path, file) = (
                    source.lang,
                    source.content_path.clone(),
                    source.path.clone(),
                );
                let parsed = parse_source(source, parsing.taxonomies)
                    .map(|parsed| parsed.at(&parsing.prefixes[lang.0]));
                (lang, content_path, file, parsed)
            }
        })
        .collect();
    let mut out: Vec<ParsedPages> = (0..parsing.prefixes.len())
        .map(|_| ParsedPages::new())
        .collect();
    for (lang, content_path, file, result) in parsed {
        let edition = &mut out[lang.0];
        match result {
            Ok(Parsed::Page(page)) if page.front.draft && !parsing.include_drafts => {
                edition.drafts.insert(content_path);
            }
            Ok(Parsed::Page(page)) => edition.pages.push(*page),
            Ok(Parsed::Voice(voice)) => edition.voices.push(*voice),
            Err(problem) => {
                problems.push(problem);
                edition.failed.push((file, content_path.clone()));
                edition.unreadable.insert(content_path);
            }
        }
    }
    out
}

/// A hash of the settings pages are parsed under: a page parsed under others is not reused.
pub(super) fn parse_settings(codes: &[&str], taxonomies: Option<&Taxonomies>, drafts: bool) -> u64 {
    let mut hash = memo::Context::default();
    let _ = write!(hash, "{codes:?}{taxonomies:?}{drafts}");
    hash.finish()
}

/// The page or voice the last build parsed from `file`, as `parse_pages` takes it.
fn reused(earlier: &Earlier, file: &Path) -> (Lang, PathBuf, PathBuf, Result<Parsed, Diagnostic>) {
    let (source, parsed) = match earlier.get(file) {
        Some(Was::Page(page)) => (&page.source, Parsed::Page(Box::new((*page).clone()))),
        Some(Was::Voice(voice)) => (&voice.source, Parsed::Voice(Box::new((*voice).clone()))),
        None => unreachable!("only the files of the last build's pages and voices are reused"),
    };
    let (lang, content_path) = (source.lang, source.content_path.clone());
    (lang, content_path, file.to_path_buf(), Ok(parsed))
}

enum Parsed {
    Page(Box<Page>),
    Voice(Box<Voice>),
}

impl Parsed {
    /// A page at its language's addresses: `/pl/worried/` for `prefix` `/pl`.
    fn at(self, prefix: &str) -> Parsed {
        match self {
            Parsed::Page(mut page) if !prefix.is_empty() => {
                page.url = format!("{prefix}{}", page.url);
                Parsed::Page(page)
            }
            other => other,
        }
    }
}

/// The folder a file is in decides what it is: a sign cell, a voice, or a guidance page.
fn parse_source(source: SourceFile, taxonomies: Option<&Taxonomies>) -> Result<Parsed, Diagnostic> {
    let path = source.content_path.clone();
    if signs::is_cell_file(&path) {
        signs::parse_cell(source, taxonomies).map(|page| Parsed::Page(Box::new(page)))
    } else if voices::is_voice_file(&path) {
        voices::parse(source, taxonomies).map(|voice| Parsed::Voice(Box::new(voice)))
    } else {
        Page::parse(source).map(|page| Parsed::Page(Box::new(page)))
    }
}
