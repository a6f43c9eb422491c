//! Writing the built site: refuse output folders that would overwrite sources, write everything
//! to a staging folder beside the output, and swap it in only once it is complete.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// Left in every output folder, so signpost only ever replaces a folder it made.
pub const MARKER_FILE: &str = ".signpost-output";

/// Source folders an output folder must never be, contain, or sit inside.
const SOURCE_DIRS: [&str; 6] = [
    "content",
    "themes",
    "directory_data",
    "templates",
    "static",
    "data",
];

/// Refuses an output folder that is, or contains, the site or one of its sources, that sits
/// inside a source folder, or that exists with files signpost did not write.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |why: String| {
        Diagnostic::error(format!("refusing to write the site to {}: {why}", output.display()))
            .with_help("choose a new or empty folder for the output, such as `public` inside the site (the default)")
    };
    if root.starts_with(&output) {
        return Err(refuse("it is, or contains, the site itself".into()));
    }
    for dir in SOURCE_DIRS {
        let source = root.join(dir);
        if source.starts_with(&output) || output.starts_with(&source) {
            return Err(refuse(format!(
                "it would overwrite the site's {dir}/ folder"
            )));
        }
    }
    if output.is_file() {
        return Err(refuse("it is a file".into()));
    }
    if output.is_dir() && !output.join(MARKER_FILE).exists() && !is_empty_dir(&output) {
        return Err(refuse(
            "it already holds files that signpost did not write".into(),
        ));
    }
    Ok(())
}

/// A folder beside the output that a build writes into; it replaces the output only when
/// committed, and is removed if dropped (a failed build leaves the previous output as it was).
pub struct Staging {
    dir: tempfile::TempDir,
    output: PathBuf,
    parent: PathBuf,
    name: String,
}

impl Staging {
    pub fn new(output: &Path) -> io::Result<Staging> {
        let output = absolute(output);
        let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(&parent)?;
        Ok(Staging {
            dir,
            output,
            parent,
            name,
        })
    }

    /// Writes one file; safe to call from many threads at once.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        write_file(self.dir.path(), file)
    }

    /// Marks the folder as signpost's and swaps it in place of the output.
    pub fn commit(self) -> io::Result<()> {
        std::fs::write(
            self.dir.path().join(MARKER_FILE),
            "Written by signpost build. This folder is replaced on every build.\n",
        )?;
        swap_in(self.dir.keep(), &self.output, &self.parent, &self.name)
    }
}

fn write_file(dir: &Path, file: &OutputFile) -> io::Result<()> {
    let path = dir.join(&file.path);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, &file.bytes)
}

/// Moves the old output aside, the staging folder into place, then removes the old one.
fn swap_in(staging: PathBuf, output: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if !output.exists() {
        return std::fs::rename(&staging, output);
    }
    let previous = tempfile::Builder::new()
        .prefix(&format!(".{name}.previous-"))
        .tempdir_in(parent)?
        .keep();
    std::fs::remove_dir(&previous)?;
    std::fs::rename(output, &previous)?;
    if let Err(error) = std::fs::rename(&staging, output) {
        std::fs::rename(&previous, output)?;
        return Err(error);
    }
    remove_in_parallel(&previous)
}

/// Removes a folder and everything in it, its top-level entries on every core: deleting
/// thousands of files waits on the disk, and two deletions wait better than one.
fn remove_in_parallel(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.par_iter().try_for_each(|path| {
        if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        }
    })?;
    std::fs::remove_dir(dir)
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// An absolute path with `.` and `..` resolved, and symlinks followed through the part that
/// exists, so two spellings of one folder compare equal even before the output exists.
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            break;
        };
        missing.push(name);
        existing = parent;
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(missing.into_iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sources_and_accepts_public() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir(root.join("content")).unwrap();
        assert!(check_output_folder(root, &root.join("public")).is_ok());
        assert!(check_output_folder(root, root).is_err());
        assert!(check_output_folder(root, &root.join("content")).is_err());
        assert!(check_output_folder(root, &root.join("content/out")).is_err());
        assert!(check_output_folder(root, root.parent().unwrap()).is_err());
        assert!(check_output_folder(root, &root.join("public/../content")).is_err());
    }

    #[test]
    fn a_dropped_staging_folder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        staging.write(&OutputFile::new("x.html", "x")).unwrap();
        drop(staging);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn swaps_in_a_complete_build_and_keeps_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for (path, text) in [("a/index.html", "one"), ("b/index.html", "two")] {
            let staging = Staging::new(&out).unwrap();
            staging.write(&OutputFile::new(path, text)).unwrap();
            staging.commit().unwrap();
        }
        assert!(!out.join("a/index.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "two"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only the output folder remains");
    }
}
