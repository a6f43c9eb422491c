//! Reading content/: the Markdown sources and the files that sit beside them.

pub mod bidi;
pub mod fenced;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod page;
pub mod stamps;
pub mod tables;
pub mod tree;

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::language::{self, Lang};
use crate::layout::{CONTENT_DIR, is_ignored};
use stamps::{Known, Stamp};

/// A Markdown file's text and where it lives.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/worried/what-to-do.pl.md`: what diagnostics
    /// show.
    pub path: PathBuf,
    /// Relative to content/, without a language in the file name, e.g. `worried/what-to-do.md`:
    /// where the page sits and what links are resolved against. A translation has its
    /// original's.
    pub content_path: PathBuf,
    /// The language it is written in: the one its file name names, else the default.
    pub lang: Lang,
    pub text: std::sync::Arc<str>,
}

/// A Markdown file, read; or only named, when its stamp says it is as the last build parsed it.
#[derive(Debug)]
pub enum Source {
    Read(SourceFile),
    /// Its path from the site root.
    Unchanged(PathBuf),
}

/// Everything under content/: Markdown to render, and other files (images, PDFs) to copy.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// In the order of their paths.
    pub markdown: Vec<Source>,
    /// Each Markdown file's stamp, taken before it was read, by its path from the site root.
    pub stamps: HashMap<OsString, Stamp>,
    /// Paths relative to content/.
    pub assets: Vec<PathBuf>,
    /// Markdown files that could not be read (already reported), relative to content/ as
    /// `content_path` is, with their language: checks that depend on them are skipped rather
    /// than reported as invented follow-on errors.
    pub unreadable: Vec<(Lang, PathBuf)>,
}

/// Reads every file under content/; a file that cannot be read is reported and left out, and
/// the rest are still read. `codes` are the site's languages, the default first: a file whose
/// name ends in another one's code (`about.pl.md`) is that language's translation. A file
/// whose stamp `known` holds unchanged is named, not read (nor, when the watcher says nothing
/// happened to it, even looked at).
pub fn read(
    root: &Path,
    codes: &[&str],
    known: Option<Known>,
    problems: &mut Diagnostics,
) -> ContentFiles {
    let content_root = root.join(CONTENT_DIR);
    let mut files = ContentFiles::default();
    if !content_root.is_dir() {
        problems.push(
            Diagnostic::error(format!(
                "there is no {CONTENT_DIR}/ folder in {}",
                root.display()
            ))
            .with_help(
                "create content/_index.md for the home page, or run `signpost init` to start a site",
            ),
        );
        return files;
    }
    let mut markdown_paths = Vec::new();
    let walker = WalkDir::new(&content_root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let relative = entry
                    .path()
                    .strip_prefix(&content_root)
                    .expect("walkdir yields paths under its root")
                    .to_path_buf();
                if relative.extension().is_some_and(|ext| ext == "md") {
                    if codes.len() > 1 {
                        warn_unknown_language(&relative, codes, problems);
                    }
                    markdown_paths.push(relative);
                } else if !is_site_data(&relative) {
                    files.assets.push(relative);
                }
            }
            Ok(entry) if entry.path_is_symlink() => {
                let shown = Path::new(CONTENT_DIR).join(
                    entry
                        .path()
                        .strip_prefix(&content_root)
                        .expect("walkdir yields paths under its root"),
                );
                problems.push(
                    Diagnostic::warning("this is a link to another file or folder, so it is left out")
                        .in_file(shown)
                        .with_help("signpost does not follow links, so it never reads or publishes anything outside the site; copy the file into content/ instead"),
                );
            }
            Ok(_) => {}
            Err(error) => {
                let file = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                problems.push(
                    Diagnostic::error(format!("cannot read this: {error}"))
                        .in_file(file)
                        .with_help(
                            "check that the file or folder can be read by your user account",
                        ),
                );
            }
        }
    }
    let read: Vec<(Option<Stamp>, Result<Source, Unreadable>)> = markdown_paths
        .into_par_iter()
        .map(|relative| {
            let path = Path::new(CONTENT_DIR).join(&relative);
            let (stamp, unchanged) = match known {
                Some(known) => known.check(root, &path),
                None => (Stamp::of(&root.join(&path)), false),
            };
            if unchanged {
                return (stamp, Ok(Source::Unchanged(path)));
            }
            let (lang, content_path) = language_of(&relative, codes);
            let read = read_source(root, &relative, lang, content_path.clone())
                .map(Source::Read)
                .map_err(|problem| (lang, content_path, problem));
            (stamp, read)
        })
        .collect();
    for (stamp, result) in read {
        match result {
            Ok(source) => {
                if let Some(stamp) = stamp {
                    files
                        .stamps
                        .insert(source.path().as_os_str().to_owned(), stamp);
                }
                files.markdown.push(source);
            }
            Err((lang, content_path, problem)) => {
                problems.push(problem);
                files.unreadable.push((lang, content_path));
            }
        }
    }
    files
}

/// A Markdown file that could not be read: its language, its content path, and why.
type Unreadable = (Lang, PathBuf, Diagnostic);

impl Source {
    /// Its path from the site root.
    pub fn path(&self) -> &Path {
        match self {
            Source::Read(source) => &source.path,
            Source::Unchanged(path) => path,
        }
    }
}

/// The language a file is in, and the path of the original it translates (its own path for
/// a file in the default language).
fn language_of(relative: &Path, codes: &[&str]) -> (Lang, PathBuf) {
    match language::split_suffix(relative, codes.get(1..).unwrap_or_default()) {
        Some((original, index)) => (Lang(index + 1), original),
        None => (Lang::DEFAULT, relative.to_path_buf()),
    }
}

/// A file named like a translation into a language the site does not declare
/// (`about.fr.md`) would be published as a page of its own (`/about.fr/`): say so.
fn warn_unknown_language(relative: &Path, codes: &[&str], problems: &mut Diagnostics) {
    let Some(code) = language::unknown_suffix(relative) else {
        return;
    };
    if codes.contains(&code) {
        return;
    }
    problems.push(
        Diagnostic::warning(format!(
            "this file's name ends in `.{code}`, which is not one of the site's languages, so it is published as a page of its own"
        ))
        .in_file(Path::new(CONTENT_DIR).join(relative))
        .with_help(format!(
            "a translation's file name ends in one of the languages site.yaml declares: {}; rename the file if `{code}` is not a language",
            codes[1..].join(", ")
        )),
    );
}

fn read_source(
    root: &Path,
    relative: &Path,
    lang: Lang,
    content_path: PathBuf,
) -> Result<SourceFile, Diagnostic> {
    let path = Path::new(CONTENT_DIR).join(relative);
    let text = crate::text::read(root, &path)?;
    Ok(SourceFile {
        path,
        content_path,
        lang,
        text: text.into(),
    })
}

/// Files under content/ that configure the site rather than being published (synonyms).
fn is_site_data(relative: &Path) -> bool {
    relative.starts_with("search")
        && relative
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
}
