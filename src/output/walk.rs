//! Listing everything in an output folder, a level at a time with every folder of a level
//! read side by side: a site of 10,000 pages has 14,000 folders, and reading them one after
//! another was most of the time a rebuild spent putting its output in place.

use std::collections::{HashMap, HashSet};
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

/// What `root` holds, reading only the folders that changed since `since` (every folder when
/// there is no `since`): a folder whose entries changed no later than `since` is known to
/// hold only what `known` says (the files a manifest lists, and the folders listed here by
/// the folder they are in), so it is not read, only looked at, and its files are not listed.
/// A site of 10,000 pages has 14,000 folders, and reading each was most of the time a rebuild
/// spent checking the output for files someone put there, and clearing the spare of files it
/// no longer publishes.
///
/// A folder's change time is what is compared, which nobody can set back (copying with
/// `cp -p` or `rsync -a` sets a folder's modification time, not when it changed).
pub(super) fn list_changed(
    root: &Path,
    known: &HashMap<PathBuf, Vec<PathBuf>>,
    since: Option<ChangeTime>,
) -> ChangedListing {
    let mut listing = ChangedListing::default();
    let mut level = vec![PathBuf::new()];
    while !level.is_empty() {
        let read: Vec<(Vec<PathBuf>, Vec<PathBuf>, bool)> = level
            .par_iter()
            .map(|folder| match known.get(folder) {
                Some(folders) if since.is_some_and(|since| unchanged(root, folder, since)) => {
                    (Vec::new(), folders.clone(), true)
                }
                _ => {
                    let (files, folders) = read_folder(root, folder);
                    (files, folders, false)
                }
            })
            .collect();
        for (folder, (files, _, skipped)) in level.iter().zip(&read) {
            listing.listing.files.extend(files.iter().cloned());
            if *skipped {
                listing.unchanged.insert(folder.clone());
            }
        }
        level = read
            .into_iter()
            .flat_map(|(_, folders, _)| folders)
            .collect();
        listing.listing.folders.extend(level.iter().cloned());
    }
    listing
}

/// What [`list_changed`] found: the files of the folders it read, every folder, and the
/// folders it did not read because they had not changed.
#[derive(Debug, Default)]
pub(super) struct ChangedListing {
    pub listing: Listing,
    pub unchanged: HashSet<PathBuf>,
}

/// Whether `folder` (not the top one, which is always read) has not changed since `since`.
fn unchanged(root: &Path, folder: &Path, since: ChangeTime) -> bool {
    let top = folder.as_os_str().is_empty();
    !top && changed_at(&root.join(folder)).is_some_and(|time| time < since)
}

/// When a file's or folder's entry last changed (its contents, its name, its entries), in
/// seconds and nanoseconds.
pub(super) type ChangeTime = (i64, i64);

#[cfg(unix)]
pub(super) fn changed_at(path: &Path) -> Option<ChangeTime> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::symlink_metadata(path).ok()?;
    Some((metadata.ctime(), metadata.ctime_nsec()))
}

/// Elsewhere no time is trusted, and every folder is read.
#[cfg(not(unix))]
pub(super) fn changed_at(_: &Path) -> Option<ChangeTime> {
    None
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
    fn only_folders_changed_since_are_read_for_files() {
        let dir = tempfile::tempdir().unwrap();
        let write = |file: &str| {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        };
        write("a/index.html");
        write("b/c/index.html");
        let known: HashMap<PathBuf, Vec<PathBuf>> = [
            ("", vec!["a", "b"]),
            ("a", vec![]),
            ("b", vec!["b/c"]),
            ("b/c", vec![]),
        ]
        .into_iter()
        .map(|(folder, folders)| {
            (
                folder.into(),
                folders.into_iter().map(PathBuf::from).collect(),
            )
        })
        .collect();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write("marker");
        let since = changed_at(&dir.path().join("marker")).unwrap();
        let found = |known| {
            let mut files = list_changed(dir.path(), known, Some(since)).listing.files;
            files.sort();
            files
        };
        assert_eq!(
            found(&known),
            [PathBuf::from("marker")],
            "only the top is read"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        write("b/c/new.txt");
        write("b/c/d/deeper.txt");
        let expected: Vec<PathBuf> = [
            "b/c/d/deeper.txt",
            "b/c/index.html",
            "b/c/new.txt",
            "marker",
        ]
        .map(PathBuf::from)
        .into();
        assert_eq!(found(&known), expected);
        assert_eq!(found(&HashMap::new()).len(), 5, "an unknown folder is read");
    }

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
        let mut listing = list_changed(dir.path(), &HashMap::new(), None).listing;
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
