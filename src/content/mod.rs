//! Reading content/: the Markdown sources and the files that sit beside them.

pub mod fenced;
pub mod front_matter;
pub mod markdown;
pub mod page;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};

pub const CONTENT_DIR: &str = "content";

/// A Markdown file's text and where it lives.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Relative to the site root, e.g. `content/worried/what-to-do.md`: what diagnostics show.
    pub path: PathBuf,
    /// Relative to content/, e.g. `worried/what-to-do.md`: what links are resolved against.
    pub content_path: PathBuf,
    pub text: String,
}

/// Everything under content/: Markdown to render, and other files (images, PDFs) to copy.
#[derive(Debug, Default)]
pub struct ContentFiles {
    pub markdown: Vec<SourceFile>,
    /// Paths relative to content/.
    pub assets: Vec<PathBuf>,
}

pub fn read(root: &Path) -> Result<ContentFiles, Diagnostics> {
    let content_root = root.join(CONTENT_DIR);
    if !content_root.is_dir() {
        return Err(Diagnostics::from_iter([Diagnostic::error(format!(
            "there is no {CONTENT_DIR}/ folder in {}",
            root.display()
        ))
        .with_help(
            "create content/_index.md for the home page, or run `signpost init` to start a site",
        )]));
    }
    let mut files = ContentFiles::default();
    let mut problems = Diagnostics::default();
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
                    markdown_paths.push(relative);
                } else if !is_site_data(&relative) {
                    files.assets.push(relative);
                }
            }
            Ok(_) => {}
            Err(error) => problems.push(Diagnostic::error(format!("cannot read content: {error}"))),
        }
    }
    let read: Vec<Result<SourceFile, Diagnostic>> = markdown_paths
        .into_par_iter()
        .map(|content_path| read_source(root, content_path))
        .collect();
    for result in read {
        match result {
            Ok(source) => files.markdown.push(source),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(files)
    }
}

fn read_source(root: &Path, content_path: PathBuf) -> Result<SourceFile, Diagnostic> {
    let path = Path::new(CONTENT_DIR).join(&content_path);
    let bytes = std::fs::read(root.join(&path)).map_err(|error| {
        Diagnostic::error(format!("cannot read this file: {error}")).in_file(&path)
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("this file is not UTF-8 text")
            .in_file(&path)
            .with_help("save it as UTF-8 (most editors offer this under Save As or Encoding)")
    })?;
    Ok(SourceFile {
        path,
        content_path,
        text,
    })
}

/// Files under content/ that configure the site rather than being published (synonyms).
fn is_site_data(relative: &Path) -> bool {
    relative.starts_with("search")
        && relative
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

/// Hidden files and editors' temporary files: never content, and never a reason to rebuild.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}
