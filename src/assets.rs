//! Static files: the theme's (content-hashed under /assets/, so a visitor never mixes two
//! builds), the site's own static/ (copied as they are), and files beside the content.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::layout::{self, CONTENT_DIR, STATIC_DIR};
use crate::output::OutputFile;
use crate::routes::CopiedFile;
use crate::strings::{Strings, script};
use crate::theme::{self, ThemeFile, ThemeSource};

pub struct ThemeAssets {
    pub files: Vec<OutputFile>,
    /// For each language of the site: theme asset name (`style.css`) -> its hashed URL
    /// (`/assets/style.1a2b3c4d.css`). A script with words has one file per language.
    pub urls: Vec<HashMap<String, String>>,
}

/// The theme's static files, minified and under content-hashed names in /assets/; a script
/// that speaks gets its words in each language of `strings` written in.
pub fn theme_assets(
    root: &Path,
    theme: &ThemeSource,
    strings: &Strings,
) -> Result<ThemeAssets, Diagnostics> {
    let mut files: Vec<OutputFile> = Vec::new();
    let mut urls = vec![HashMap::new(); strings.len()];
    let mut problems = Diagnostics::default();
    for file in theme.static_files(root)? {
        let versions = match with_words(&file, strings) {
            Ok(versions) => versions,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        for (lang, bytes) in versions.into_iter().enumerate() {
            let bytes = minified(&file.name, bytes);
            let hashed = hashed_name(&file.name, &bytes);
            urls[lang].insert(file.name.clone(), format!("/assets/{hashed}"));
            let output = Path::new("assets").join(hashed);
            if !files.iter().any(|f| f.path == output) {
                files.push(OutputFile::new(output, bytes));
            }
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(ThemeAssets { files, urls })
}

/// The file's bytes in each language: a script with a strings marker gets each language's
/// words; any other file is the same in all.
fn with_words(file: &ThemeFile, strings: &Strings) -> Result<Vec<Vec<u8>>, Diagnostic> {
    let source = match std::str::from_utf8(&file.bytes) {
        Ok(text) if file.name.ends_with(".js") && script::names(text).is_some() => text,
        _ => return Ok(vec![file.bytes.clone(); strings.len()]),
    };
    strings
        .iter()
        .map(|words| {
            script::fill(source, words)
                .map(String::into_bytes)
                .map_err(|(line, group)| {
                    Diagnostic::error(format!(
                        "this script asks for the words `{group}`, which the strings files do not have"
                    ))
                    .in_file(&file.file)
                    .at(Position::new(line, 1))
                    .with_help("name groups of the theme's strings files, or single words of them, e.g. {/*signpost:strings quick_exit, time.days*/}")
                })
        })
        .collect()
}

fn minified(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => minify_with(bytes, |text| {
            minifier::css::minify(text).map(|m| m.to_string())
        }),
        Some("js") => minify_with(bytes, |text| {
            minifier::js::minify(text).map(|m| m.to_string())
        }),
        _ => bytes,
    }
}

/// A file copied as it is, with its bytes.
pub struct Copied {
    pub file: CopiedFile,
    pub bytes: Vec<u8>,
}

/// The site's own static/ files and the files beside its content, at their own paths.
pub fn site_files(
    root: &Path,
    content_assets: &[PathBuf],
    problems: &mut Diagnostics,
) -> Vec<Copied> {
    let mut files = Vec::new();
    // Hidden files in static/ are published (`.nojekyll`, `.well-known/`); editors' are not.
    match theme::read_tree_skipping(root, Path::new(STATIC_DIR), layout::is_editor_file) {
        Ok(found) => files.extend(found.into_iter().map(|found| Copied {
            file: CopiedFile {
                source: found.file,
                output: PathBuf::from(found.name),
            },
            bytes: found.bytes,
        })),
        Err(found) => problems.merge(found),
    }
    for relative in content_assets {
        let source = Path::new(CONTENT_DIR).join(relative);
        match std::fs::read(root.join(&source)) {
            Ok(bytes) => files.push(Copied {
                file: CopiedFile {
                    source,
                    output: relative.clone(),
                },
                bytes,
            }),
            Err(error) => problems
                .push(Diagnostic::error(format!("cannot read this file: {error}")).in_file(source)),
        }
    }
    files
}

/// Stylesheets and scripts without comments and spare whitespace; a file the minifier cannot
/// read is kept as written.
fn minify_with<E>(bytes: Vec<u8>, minify: impl Fn(&str) -> Result<String, E>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return bytes;
    };
    match minify(text) {
        Ok(minified) => minified.into_bytes(),
        Err(_) => bytes,
    }
}

/// `style.css` with bytes hashing to 1a2b3c4d… -> `style.1a2b3c4d.css`.
pub(crate) fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(5).map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{name}.{hash}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashed_names_change_with_content() {
        let a = super::hashed_name("style.css", b"a");
        let b = super::hashed_name("style.css", b"b");
        assert!(a.starts_with("style.") && a.ends_with(".css"));
        assert_ne!(a, b);
    }
}
