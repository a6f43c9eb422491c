//! What the dev server remembers of each file it read (the Markdown under content/, the files
//! under directory_data/): its size and the time it was last changed. On the next save a file
//! whose stamp is the same is not read or parsed again; what the last build made of it is
//! reused. At 10,000 pages, reading and parsing every file was most of a save's rebuild.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A file's size and modification time, taken before it is read: a save that lands between
/// the two leaves a stamp older than the file, so the next build reads it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: SystemTime,
}

impl Stamp {
    /// The file's stamp, or None where the system cannot say when it changed.
    pub fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok()?,
        })
    }
}

/// The stamps of the files one build parsed, by their path from the site root (as a string:
/// hashing a `Path` walks its components, a cost 10,000 files notice), and a hash of
/// the settings they were parsed under (languages, taxonomies, drafts): a page parsed under
/// other settings is never reused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps {
    settings: u64,
    files: HashMap<OsString, Stamp>,
}

impl Stamps {
    pub fn new(settings: u64, files: HashMap<OsString, Stamp>) -> Stamps {
        Stamps { settings, files }
    }

    /// The stamps of every file under `folder` (a path from `root`), taken now.
    pub fn of_folder(root: &Path, folder: &str, settings: u64) -> Stamps {
        let files = walkdir::WalkDir::new(root.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .filter_map(|entry| {
                let stamp = Stamp::of(entry.path())?;
                let path = entry.path().strip_prefix(root).ok()?.as_os_str().to_owned();
                Some((path, stamp))
            })
            .collect();
        Stamps { settings, files }
    }

    /// These stamps, if they were taken under `settings`.
    pub fn under(&self, settings: u64) -> Option<&Stamps> {
        (self.settings == settings).then_some(self)
    }

    /// Keeps only the files `keep` says were parsed into the site.
    pub fn retain(&mut self, keep: impl Fn(&Path) -> bool) {
        self.files.retain(|path, _| keep(Path::new(path)));
    }
}

/// The last build's stamps, and what the watcher saw change since.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub stamps: &'a Stamps,
    pub touched: &'a Touched,
}

impl Known<'_> {
    /// `path`'s stamp now (from the site root), and whether it is the one it was parsed with.
    /// A file the watcher says nothing happened to keeps its recorded stamp, unasked.
    pub fn check(&self, root: &Path, path: &Path) -> (Option<Stamp>, bool) {
        let recorded = self.stamps.files.get(path.as_os_str()).copied();
        let now = match recorded {
            Some(stamp) if self.touched.leaves_alone(path) => Some(stamp),
            _ => Stamp::of(&root.join(path)),
        };
        (now, now.is_some() && now == recorded)
    }
}

/// What the file watcher saw change since the last build: the paths (from the site root) of
/// the files and folders it named. A file that neither it nor a folder holding it names is as
/// the last build left it, so the dev server need not ask the disk about each of 10,000 files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Touched {
    /// The first build, or the watcher lost track: every file is looked at.
    #[default]
    Unknown,
    Only(HashSet<PathBuf>),
}

impl Touched {
    /// Whether nothing happened to `path` (from the site root) or a folder holding it.
    pub fn leaves_alone(&self, path: &Path) -> bool {
        match self {
            Touched::Unknown => false,
            Touched::Only(paths) => !path.ancestors().any(|above| paths.contains(above)),
        }
    }

    /// Whether nothing happened to `folder` (from the site root), a folder holding it, or
    /// anything in it.
    pub fn leaves_folder_alone(&self, folder: &Path) -> bool {
        match self {
            Touched::Unknown => false,
            Touched::Only(paths) => !paths
                .iter()
                .any(|path| path.starts_with(folder) || folder.starts_with(path)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_unchanged_only_while_its_size_and_time_are() {
        let folder = tempfile::tempdir().unwrap();
        let root = folder.path();
        std::fs::write(root.join("page.md"), "# One").unwrap();
        let stamps = Stamps::new(
            7,
            HashMap::from([("page.md".into(), Stamp::of(&root.join("page.md")).unwrap())]),
        );
        let known = Known {
            stamps: &stamps,
            touched: &Touched::Unknown,
        };
        assert!(known.check(root, Path::new("page.md")).1);
        std::fs::write(root.join("page.md"), "# One, and more").unwrap();
        assert!(!known.check(root, Path::new("page.md")).1);
        std::fs::write(root.join("other.md"), "# One").unwrap();
        assert!(!known.check(root, Path::new("other.md")).1, "never parsed");
        assert!(!known.check(root, Path::new("gone.md")).1, "no stamp");
        assert!(stamps.under(7).is_some() && stamps.under(8).is_none());
    }

    #[test]
    fn a_file_is_left_alone_unless_it_or_a_folder_holding_it_was_touched() {
        let touched = Touched::Only(HashSet::from([
            PathBuf::from("content/a.md"),
            PathBuf::from("content/moved"),
        ]));
        assert!(touched.leaves_alone(Path::new("content/b.md")));
        assert!(!touched.leaves_alone(Path::new("content/a.md")));
        assert!(!touched.leaves_alone(Path::new("content/moved/deep/c.md")));
        assert!(!Touched::Unknown.leaves_alone(Path::new("content/b.md")));
        assert!(touched.leaves_folder_alone(Path::new("directory_data")));
        assert!(!touched.leaves_folder_alone(Path::new("content")));
        assert!(!touched.leaves_folder_alone(Path::new("content/moved/deep")));
        assert!(!Touched::Unknown.leaves_folder_alone(Path::new("directory_data")));
    }

    #[test]
    fn an_untouched_file_keeps_its_recorded_stamp_and_a_touched_one_is_read_again() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("page.md"), "# One").unwrap();
        let stamps = Stamps::of_folder(folder.path(), "", 0);
        let path = Path::new("page.md");
        std::fs::write(folder.path().join("page.md"), "# One, and more").unwrap();
        let untouched = Touched::Only(HashSet::new());
        let known = |touched| Known {
            stamps: &stamps,
            touched,
        };
        assert!(known(&untouched).check(folder.path(), path).1);
        assert!(!known(&Touched::Unknown).check(folder.path(), path).1);
    }
}
