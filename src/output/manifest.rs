//! What a build wrote: every file of the output with a hash of its bytes and the size and time
//! it had on disk. It lives in the output folder's marker file, so the next build knows which
//! files are signpost's (and which a person put there), and which it can reuse unchanged.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Left in every output folder, so signpost only ever replaces a folder it made.
pub const MARKER_FILE: &str = ".signpost-output";

const HEADER: &str = "Written by signpost build: this folder is replaced on every build. Put files you want\npublished in the site's static/ folder. The lines below list what the build wrote.\n";

/// A file as a build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub hash: u64,
    pub size: u64,
    /// Modification time in nanoseconds since 1970, so a file changed by hand is noticed.
    pub modified: u128,
}

#[derive(Debug, Default, Clone)]
pub struct Manifest {
    entries: HashMap<PathBuf, Entry>,
    /// False for a marker written before signpost kept manifests: it cannot tell whose
    /// files are whose, so nothing is reused and no file is called foreign.
    pub known: bool,
}

/// The hash a manifest keeps of a file's bytes.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = twox_hash::XxHash3_64::default();
    hasher.write(bytes);
    hasher.finish()
}

/// A file's size and modification time on disk, as a manifest records them.
pub fn stamp(path: &Path) -> Option<(u64, u128)> {
    stamp_of(&std::fs::symlink_metadata(path).ok()?)
}

/// The size and modification time in `metadata`, as [`stamp`] gives them.
pub fn stamp_of(metadata: &std::fs::Metadata) -> Option<(u64, u128)> {
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

impl Manifest {
    /// The manifest in `output`'s marker file; empty when there is none or it cannot be read.
    pub fn read(output: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(output.join(MARKER_FILE)) else {
            return Manifest::default();
        };
        let entries: HashMap<PathBuf, Entry> = text.lines().filter_map(parse_line).collect();
        Manifest {
            known: !entries.is_empty() || text.contains("The lines below"),
            entries,
        }
    }

    pub fn insert(&mut self, path: PathBuf, entry: Entry) {
        self.entries.insert(path, entry);
    }

    pub fn get(&self, path: &Path) -> Option<&Entry> {
        self.entries.get(path)
    }

    /// Each file's path by its hash and size: where the same bytes were, under any name.
    pub fn paths_by_bytes(&self) -> HashMap<(u64, u64), PathBuf> {
        self.entries
            .iter()
            .map(|(path, entry)| ((entry.hash, entry.size), path.clone()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every folder holding a file, at any depth (the top folder itself excluded).
    pub fn folders(&self) -> HashSet<PathBuf> {
        let mut folders = HashSet::new();
        for path in self.entries.keys() {
            for folder in path.ancestors().skip(1) {
                if folder.as_os_str().is_empty() || !folders.insert(folder.to_path_buf()) {
                    break;
                }
            }
        }
        folders
    }

    /// Every file's path.
    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.entries.keys()
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.entries.contains_key(path)
    }

    /// The marker file's text: a note for people, then one line per file.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        // Sorted as text: comparing paths part by part took a tenth of a second at 50,000.
        let mut lines: Vec<(String, &Entry)> = (self.entries.iter())
            .map(|(path, entry)| (path.to_string_lossy().replace('\\', "/"), entry))
            .collect();
        lines.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut text = String::with_capacity(HEADER.len() + lines.len() * 80);
        text.push_str(HEADER);
        for (path, entry) in lines {
            let (hash, size, modified) = (entry.hash, entry.size, entry.modified);
            let _ = writeln!(text, "{hash:016x} {size} {modified} {path}");
        }
        text
    }
}

/// Each of `folders` (every folder holding a file, at any depth, as [`Manifest::folders`] gives
/// them) listed under the folder it is in, the top folder being the empty path; each folder
/// has an entry.
pub fn by_parent(folders: &HashSet<PathBuf>) -> HashMap<PathBuf, Vec<PathBuf>> {
    let mut by_parent: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
    by_parent.insert(PathBuf::new(), Vec::new());
    for folder in folders {
        let parent = folder.parent().unwrap_or(Path::new("")).to_path_buf();
        by_parent.entry(folder.clone()).or_default();
        by_parent.entry(parent).or_default().push(folder.clone());
    }
    by_parent
}

fn parse_line(line: &str) -> Option<(PathBuf, Entry)> {
    let mut parts = line.splitn(4, ' ');
    let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
    let size = parts.next()?.parse().ok()?;
    let modified = parts.next()?.parse().ok()?;
    let path = PathBuf::from(parts.next()?);
    Some((
        path,
        Entry {
            hash,
            size,
            modified,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        let entry = Entry {
            hash: hash(b"<p>hi</p>"),
            size: 9,
            modified: 1_700_000_000_123_456_789,
        };
        manifest.insert(PathBuf::from("a b/index.html"), entry);
        std::fs::write(dir.path().join(MARKER_FILE), manifest.to_text()).unwrap();
        let read = Manifest::read(dir.path());
        assert!(read.known);
        assert_eq!(read.get(Path::new("a b/index.html")), Some(&entry));
    }

    #[test]
    fn an_old_marker_without_a_manifest_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MARKER_FILE),
            "Written by signpost build. This folder is replaced on every build.\n",
        )
        .unwrap();
        assert!(!Manifest::read(dir.path()).known);
    }
}
