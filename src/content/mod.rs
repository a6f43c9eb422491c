//! Reading content/: the Markdown sources and the files that sit beside them.

pub mod fenced;
pub mod front_matter;
pub mod html;
pub mod markdown;
pub mod page;
pub mod tables;
pub mod tree;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{CONTENT_DIR, is_ignored};

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
    /// Markdown files that could not be read (already reported), relative to content/: checks
    /// that depend on them are skipped rather than reported as invented follow-on errors.
    pub unreadable: Vec<PathBuf>,
}

/// Reads every file under content/; a file that cannot be read is reported and left out, and
/// the rest are still read.
pub fn read(root: &Path, problems: &mut Diagnostics) -> ContentFiles {
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
    let read: Vec<(PathBuf, Result<SourceFile, Diagnostic>)> = markdown_paths
        .into_par_iter()
        .map(|content_path| (content_path.clone(), read_source(root, content_path)))
        .collect();
    for (content_path, result) in read {
        match result {
            Ok(source) => files.markdown.push(source),
            Err(problem) => {
                problems.push(problem);
                files.unreadable.push(content_path);
            }
        }
    }
    files
}

fn read_source(root: &Path, content_path: PathBuf) -> Result<SourceFile, Diagnostic> {
    let path = Path::new(CONTENT_DIR).join(&content_path);
    let text = crate::text::read(root, &path)?;
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
