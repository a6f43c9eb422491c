//! The spare: the site a build replaced, kept beside the output (`.public.spare`) for the
//! next build to update rather than write every file again. Only a folder holding signpost's
//! marker is taken as one; what a build did not write is swept out of it before it is
//! published; and it tells Git to leave it out of the site's repository.

use std::path::{Path, PathBuf};

use super::manifest::{MARKER_FILE, Manifest};
use super::staging::{KEPT, PreviousBuild, remove_if_present};

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

/// Moves the spare (if there is one signpost wrote) into the empty staging folder and returns
/// what it holds; nothing if there is none or it cannot be moved.
pub(super) fn recycle(spare: &Path, staging: &Path) -> Manifest {
    let held = Manifest::read(spare);
    if !held.known || std::fs::rename(spare, staging).is_err() {
        return Manifest::default();
    }
    let _ = std::fs::remove_file(staging.join(MARKER_FILE));
    held
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
/// marker file are left alone.
pub(super) fn sweep(staging: &Path, written: &Manifest) {
    // Only a folder nothing was written to can be left empty: trying every folder cost a
    // failing system call each, 14,000 of them at 10,000 pages.
    let needed = written.folders();
    let walk = walkdir::WalkDir::new(staging)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() != 1 || entry.file_name() != KEPT);
    for entry in walk.flatten() {
        let Ok(path) = entry.path().strip_prefix(staging) else {
            continue;
        };
        if entry.file_type().is_dir() {
            if !needed.contains(path) {
                // Fails, as it should, for a folder that still holds something.
                let _ = std::fs::remove_dir(entry.path());
            }
        } else if path != Path::new(MARKER_FILE) && !written.contains(path) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
