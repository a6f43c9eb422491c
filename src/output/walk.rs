//! Listing everything in an output folder, a level at a time with every folder of a level
//! read side by side: a site of 10,000 pages has 14,000 folders, and reading them one after
//! another was most of the time a rebuild spent putting its output in place.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::staging::KEPT;

/// What a folder holds, at any depth, relative to it: not `.git` at the top (a deploy
/// checkout, kept across builds), nor what that holds.
#[derive(Debug, Default)]
pub(super) struct Listing {
    pub files: Vec<PathBuf>,
    /// Every folder, each after the folder it is in.
    pub folders: Vec<PathBuf>,
}

pub(super) fn list(root: &Path) -> Listing {
    let mut listing = Listing::default();
    let mut level = vec![PathBuf::new()];
    while !level.is_empty() {
        let read: Vec<(Vec<PathBuf>, Vec<PathBuf>)> = level
            .par_iter()
            .map(|folder| read_folder(root, folder))
            .collect();
        level = Vec::new();
        for (files, folders) in read {
            listing.files.extend(files);
            level.extend(folders);
        }
        listing.folders.extend(level.iter().cloned());
    }
    listing
}

/// The files and folders directly in `folder` (relative to `root`); none if it cannot be read.
fn read_folder(root: &Path, folder: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let (mut files, mut folders) = (Vec::new(), Vec::new());
    let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
        return (files, folders);
    };
    for entry in entries.flatten() {
        let path = folder.join(entry.file_name());
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => {
                if path != Path::new(KEPT) {
                    folders.push(path);
                }
            }
            Ok(_) => files.push(path),
            Err(_) => {}
        }
    }
    (files, folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_file_and_folder_but_the_deploy_checkout() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "index.html",
            "a/index.html",
            "a/b/c/page.html",
            ".git/HEAD",
            "x/.git/y",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        std::fs::create_dir_all(dir.path().join("empty")).unwrap();
        let mut listing = list(dir.path());
        listing.files.sort();
        let files: Vec<&str> = listing.files.iter().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(
            files,
            ["a/b/c/page.html", "a/index.html", "index.html", "x/.git/y"]
        );
        let folders: Vec<&str> = listing
            .folders
            .iter()
            .map(|p| p.to_str().unwrap())
            .collect();
        for (n, folder) in folders.iter().enumerate() {
            let parent = Path::new(folder).parent().unwrap();
            let before = &folders[..n];
            assert!(parent == Path::new("") || before.contains(&parent.to_str().unwrap()));
        }
        let mut sorted = folders.clone();
        sorted.sort();
        assert_eq!(sorted, ["a", "a/b", "a/b/c", "empty", "x", "x/.git"]);
    }
}
