//! The spare: the site a build replaced, kept beside the output (`.public.spare`) for the
//! next build to update rather than write every file again. Only a folder holding signpost's
//! marker is taken as one; what a build did not write is swept out of it before it is
//! published; and it tells Git to leave it out of the site's repository.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::manifest::{MARKER_FILE, Manifest, by_parent};
use super::staging::{PreviousBuild, remove_if_present};
use super::walk::{ChangeTime, ChangedListing, changed_at, list_changed};

/// The build before last is kept beside the output under this name (`.public.spare`), for
/// the next build to recycle.
const SPARE_SUFFIX: &str = ".spare";

/// Written into the spare, so Git leaves it out of a site's repository (a spare beside
/// `public/` sits in the site's folder) without the site's own `.gitignore` having to say so.
const SPARE_GITIGNORE: &str =
    "# signpost's previous build, kept to make the next one faster: never commit it\n*\n";

/// Where the spare of the output `name` in `parent` is kept.
pub(super) fn spare_of(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}{SPARE_SUFFIX}"))
}

/// What the spare held when it was recycled: its manifest and its folders, and when its
/// marker was written (its folders not changed since hold only what the manifest lists).
#[derive(Default)]
pub(super) struct Recycled {
    pub manifest: Manifest,
    pub folders: HashSet<PathBuf>,
    pub since: Option<ChangeTime>,
}

/// Moves the spare (if there is one signpost wrote, `held` being its manifest and `folders`
/// its folders) into the empty staging folder and returns what it holds; nothing if there is
/// none or it cannot be moved.
pub(super) fn recycle(
    spare: &Path,
    held: Manifest,
    folders: HashSet<PathBuf>,
    staging: &Path,
) -> Recycled {
    if !held.known || std::fs::rename(spare, staging).is_err() {
        return Recycled::default();
    }
    let marker = staging.join(MARKER_FILE);
    let since = changed_at(&marker);
    let _ = std::fs::remove_file(marker);
    Recycled {
        manifest: held,
        folders,
        since,
    }
}

/// Keeps the previous build as the spare, marked for Git to ignore; returns it to be deleted
/// if it cannot be kept (another spare is in the way, say).
pub(super) fn keep_as_spare(previous: PathBuf, spare: &Path) -> Option<PreviousBuild> {
    let kept = std::fs::rename(&previous, spare).is_ok();
    if !kept {
        return Some(PreviousBuild { path: previous });
    }
    let ignore = spare.join(".gitignore");
    let _ = remove_if_present(&ignore).and_then(|()| std::fs::write(ignore, SPARE_GITIGNORE));
    None
}

/// Deletes what a recycled folder holds that this build did not write (pages since removed,
/// the previous search index's files), and the folders that leaves empty. `.git` and the
/// marker file are left alone. Only the folders changed since the spare was written are read:
/// the others hold what its manifest lists.
pub(super) fn sweep(staging: &Path, written: &Manifest, recycled: &Recycled) {
    let known = by_parent(&recycled.folders);
    let ChangedListing { listing, unchanged } = list_changed(staging, &known, recycled.since);
    let in_unchanged = |path: &&PathBuf| {
        let folder = path.parent().unwrap_or(Path::new(""));
        unchanged.contains(folder)
    };
    let recycled_files = recycled.manifest.paths().filter(in_unchanged);
    let files: Vec<&PathBuf> = listing.files.iter().chain(recycled_files).collect();
    (files.par_iter())
        .filter(|path| **path != Path::new(MARKER_FILE) && !written.contains(path))
        .for_each(|path| {
            let _ = std::fs::remove_file(staging.join(path));
        });
    // Only a folder nothing was written to can be left empty: trying every folder cost a
    // failing system call each, 14,000 of them at 10,000 pages. The deepest go first.
    let needed = written.folders();
    for folder in listing.folders.iter().rev() {
        if !needed.contains(folder) {
            // Fails, as it should, for a folder that still holds something.
            let _ = std::fs::remove_dir(staging.join(folder));
        }
    }
}
