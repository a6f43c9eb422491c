//! Static files: the theme's (content-hashed under /assets/, so a visitor never mixes two
//! builds), the site's own static/ (copied as they are), and files beside the content.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{self, CONTENT_DIR, STATIC_DIR};
use crate::output::OutputFile;
use crate::routes::CopiedFile;
use crate::theme::{self, ThemeSource};

pub struct ThemeAssets {
    pub files: Vec<OutputFile>,
    /// Theme asset name (`style.css`) -> its hashed URL (`/assets/style.1a2b3c4d.css`).
    pub urls: HashMap<String, String>,
}

/// The theme's static files, minified and under content-hashed names in /assets/.
pub fn theme_assets(root: &Path, theme: &ThemeSource) -> Result<ThemeAssets, Diagnostics> {
    let mut files = Vec::new();
    let mut urls = HashMap::new();
    for file in theme.static_files(root)? {
        let bytes = match file.name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("css") => minify_with(file.bytes, |text| {
                minifier::css::minify(text).map(|m| m.to_string())
            }),
            Some("js") => minify_with(file.bytes, |text| {
                minifier::js::minify(text).map(|m| m.to_string())
            }),
            _ => file.bytes,
        };
        let hashed = hashed_name(&file.name, &bytes);
        urls.insert(file.name, format!("/assets/{hashed}"));
        files.push(OutputFile::new(Path::new("assets").join(hashed), bytes));
    }
    Ok(ThemeAssets { files, urls })
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
fn hashed_name(name: &str, bytes: &[u8]) -> String {
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
