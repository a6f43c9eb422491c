//! Static files: the theme's (content-hashed under /assets/, so a visitor never mixes two
//! builds), the site's own static/ (copied as they are), and files beside the content.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::content::CONTENT_DIR;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::OutputFile;
use crate::templates::DEFAULT_THEME;

pub const SITE_STATIC_DIR: &str = "static";

pub struct ThemeAssets {
    pub files: Vec<OutputFile>,
    /// Theme asset name (`style.css`) -> its hashed URL (`/assets/style.1a2b3c4d.css`).
    pub urls: HashMap<String, String>,
}

/// The theme's static files, under content-hashed names in /assets/.
pub fn theme_assets(root: &Path, theme: &str, problems: &mut Diagnostics) -> ThemeAssets {
    let mut files = Vec::new();
    let mut urls = HashMap::new();
    for (name, bytes) in theme_static(root, theme, problems) {
        let bytes = match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("css") => minify_with(bytes, |text| {
                minifier::css::minify(text).map(|m| m.to_string())
            }),
            Some("js") => minify_with(bytes, |text| {
                minifier::js::minify(text).map(|m| m.to_string())
            }),
            _ => bytes,
        };
        let hashed = hashed_name(&name, &bytes);
        urls.insert(name, format!("/assets/{hashed}"));
        files.push(OutputFile::new(Path::new("assets").join(hashed), bytes));
    }
    ThemeAssets { files, urls }
}

/// The site's own static/ files and the files beside its content, at their own paths.
pub fn site_files(
    root: &Path,
    content_assets: &[PathBuf],
    problems: &mut Diagnostics,
) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (relative, bytes) in read_tree(root, Path::new(SITE_STATIC_DIR), problems) {
        files.push(OutputFile::new(relative, bytes));
    }
    for relative in content_assets {
        let source = Path::new(CONTENT_DIR).join(relative);
        match std::fs::read(root.join(&source)) {
            Ok(bytes) => files.push(OutputFile::new(relative.clone(), bytes)),
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

fn theme_static(root: &Path, theme: &str, problems: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let on_disk = Path::new("themes").join(theme).join("static");
    if root.join("themes").join(theme).is_dir() {
        return read_tree(root, &on_disk, problems)
            .into_iter()
            .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
            .collect();
    }
    let mut out = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("static") {
        collect_embedded(dir, &mut out);
    }
    out
}

fn collect_embedded(dir: &include_dir::Dir<'static>, out: &mut Vec<(String, Vec<u8>)>) {
    for file in dir.files() {
        let name = file.path().strip_prefix("static").unwrap_or(file.path());
        out.push((
            name.to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        ));
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every file under `root/dir`, with its path relative to `dir`.
fn read_tree(root: &Path, dir: &Path, problems: &mut Diagnostics) -> Vec<(PathBuf, Vec<u8>)> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&full).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(error) => {
                problems.push(Diagnostic::error(format!(
                    "cannot read {}: {error}",
                    dir.display()
                )));
                continue;
            }
        };
        if crate::content::is_ignored(entry.file_name()) {
            continue;
        }
        let relative = entry
            .path()
            .strip_prefix(&full)
            .expect("under its root")
            .to_path_buf();
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push((relative, bytes)),
            Err(error) => problems.push(
                Diagnostic::error(format!("cannot read this file: {error}"))
                    .in_file(dir.join(&relative)),
            ),
        }
    }
    out
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
