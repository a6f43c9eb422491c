//! What the dev server remembers of each Markdown file it parsed: its size and the time it was
//! last changed. On the next save a file whose stamp is the same is not read or parsed again;
//! its page from the last build is reused. At 10,000 pages, reading and parsing every file was
//! most of a save's rebuild.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::Path;
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

    /// Whether `path` (from the site root) has the stamp it had when it was parsed.
    pub fn unchanged(&self, path: &Path, now: Option<Stamp>) -> bool {
        now.is_some() && self.files.get(path.as_os_str()).copied() == now
    }

    /// Keeps only the files `keep` says were parsed into the site.
    pub fn retain(&mut self, keep: impl Fn(&Path) -> bool) {
        self.files.retain(|path, _| keep(Path::new(path)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_unchanged_only_while_its_size_and_time_are() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("page.md");
        std::fs::write(&file, "# One").unwrap();
        let first = Stamp::of(&file);
        let stamps = Stamps::new(
            7,
            HashMap::from([(file.clone().into_os_string(), first.unwrap())]),
        );
        assert!(stamps.unchanged(&file, Stamp::of(&file)));
        std::fs::write(&file, "# One, and more").unwrap();
        assert!(!stamps.unchanged(&file, Stamp::of(&file)));
        assert!(!stamps.unchanged(&folder.path().join("other.md"), first));
        assert!(!stamps.unchanged(&file, None));
        assert!(stamps.under(7).is_some() && stamps.under(8).is_none());
    }
}
