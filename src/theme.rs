//! Finding a theme's files: `themes/NAME/` in the site, or the default theme built into the
//! binary. Templates and static assets are resolved here, once, so they never disagree about
//! which theme a site uses.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::{self, CONFIG_FILE, THEMES_DIR};

/// The default theme, so a new site needs no copy of it.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const DEFAULT: &str = "default";

/// Where a theme's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThemeSource {
    /// The default theme, built into signpost.
    BuiltIn,
    /// A theme folder in the site, relative to its root: `themes/NAME`.
    Folder(PathBuf),
}

/// A file of a theme (or of the site's templates/): its name below its folder, its bytes,
/// and the file it came from, relative to the site root.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub file: PathBuf,
}

/// The theme called `name`: the site's own `themes/NAME/` when it exists (so a site can
/// replace even the default theme), else the built-in default.
pub fn resolve(root: &Path, name: &str) -> Result<ThemeSource, Diagnostic> {
    let folder = Path::new(THEMES_DIR).join(name);
    if root.join(&folder).is_dir() {
        return Ok(ThemeSource::Folder(folder));
    }
    if name == DEFAULT {
        return Ok(ThemeSource::BuiltIn);
    }
    Err(
        Diagnostic::error(format!("the theme `{name}` does not exist"))
            .in_file(CONFIG_FILE)
            .with_help(format!(
                "put the theme in {}/ (with templates/ and static/ inside), or use `theme: default`",
                folder.display()
            )),
    )
}

impl ThemeSource {
    /// The theme's templates, named by their path below `templates/`.
    pub fn templates(&self, root: &Path) -> Result<Vec<ThemeFile>, Diagnostics> {
        self.files(root, "templates")
    }

    /// The theme's static files, named by their path below `static/`.
    pub fn static_files(&self, root: &Path) -> Result<Vec<ThemeFile>, Diagnostics> {
        self.files(root, "static")
    }

    fn files(&self, root: &Path, part: &str) -> Result<Vec<ThemeFile>, Diagnostics> {
        match self {
            ThemeSource::Folder(folder) => read_tree(root, &folder.join(part)),
            ThemeSource::BuiltIn => Ok(DEFAULT_THEME
                .get_dir(part)
                .map(|dir| embedded(dir, part))
                .unwrap_or_default()),
        }
    }
}

/// A file of the built-in default theme (`strings/en.yaml`), if it has one.
pub fn built_in_file(path: &str) -> Option<ThemeFile> {
    DEFAULT_THEME.get_file(path).map(|file| ThemeFile {
        name: path.to_string(),
        bytes: file.contents().to_vec(),
        file: Path::new(THEMES_DIR).join(DEFAULT).join(path),
    })
}

fn embedded(dir: &Dir<'static>, part: &str) -> Vec<ThemeFile> {
    let mut out = Vec::new();
    collect_embedded(dir, part, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn collect_embedded(dir: &Dir<'static>, part: &str, out: &mut Vec<ThemeFile>) {
    for file in dir.files() {
        let name = file.path().strip_prefix(part).unwrap_or(file.path());
        out.push(ThemeFile {
            name: name.to_string_lossy().replace('\\', "/"),
            bytes: file.contents().to_vec(),
            file: Path::new(THEMES_DIR).join(DEFAULT).join(file.path()),
        });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, part, out);
    }
}

/// Every file under `root/dir` (hidden and temporary files left out), named by its path below
/// `dir`, in name order. A missing folder has no files.
pub fn read_tree(root: &Path, dir: &Path) -> Result<Vec<ThemeFile>, Diagnostics> {
    read_tree_skipping(root, dir, layout::is_ignored)
}

/// Like `read_tree`, leaving out the files `skip` names.
pub fn read_tree_skipping(
    root: &Path,
    dir: &Path,
    skip: fn(&std::ffi::OsStr) -> bool,
) -> Result<Vec<ThemeFile>, Diagnostics> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut problems = Diagnostics::default();
    let walker = walkdir::WalkDir::new(&full)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !skip(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(error) => {
                problems.push(
                    Diagnostic::error(format!("cannot read this folder: {error}")).in_file(dir),
                );
                continue;
            }
        };
        let relative = entry.path().strip_prefix(&full).expect("under its root");
        let file = dir.join(relative);
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push(ThemeFile {
                name: relative.to_string_lossy().replace('\\', "/"),
                bytes,
                file,
            }),
            Err(error) => problems
                .push(Diagnostic::error(format!("cannot read this file: {error}")).in_file(file)),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_theme_is_an_error_for_templates_and_assets_alike() {
        let site = tempfile::tempdir().unwrap();
        let problem = resolve(site.path(), "fancy").unwrap_err();
        assert!(problem.message.contains("`fancy` does not exist"));
        assert!(matches!(
            resolve(site.path(), DEFAULT),
            Ok(ThemeSource::BuiltIn)
        ));
    }

    #[test]
    fn a_site_folder_replaces_the_built_in_default() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("themes/default/static")).unwrap();
        std::fs::write(site.path().join("themes/default/static/a.css"), "a{}").unwrap();
        let theme = resolve(site.path(), DEFAULT).unwrap();
        assert_eq!(theme, ThemeSource::Folder(PathBuf::from("themes/default")));
        let files = theme.static_files(site.path()).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "a.css");
    }

    #[test]
    fn the_built_in_theme_has_its_templates_and_assets() {
        let theme = ThemeSource::BuiltIn;
        let root = Path::new(".");
        let templates = theme.templates(root).unwrap();
        assert!(templates.iter().any(|t| t.name == "base.html"));
        let assets = theme.static_files(root).unwrap();
        assert!(assets.iter().any(|a| a.name == "style.css"));
    }
}
