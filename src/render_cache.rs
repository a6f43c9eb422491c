//! What earlier builds' templates made: for each page rendered, a fingerprint of everything
//! its HTML is made from (its template, its context, the templates' text, words and assets'
//! addresses, the signpost that rendered it) with the hash and size of that HTML. A rebuild
//! computes each page's context as before, and where the fingerprint is one an earlier build
//! rendered and that build's file is still there untouched, links that file rather than
//! rendering the page again: after a one-page edit, most of a large site is not rendered.
//!
//! It is kept in the output's cache folder (see [`crate::output::cache`]). Each entry says
//! only "these inputs make these bytes", which stays true whatever happens to the output
//! folder, so a failed build or a deleted output never makes an entry wrong.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use twox_hash::XxHash3_128;

use crate::output::cache;

const FILE: &str = "renders.bin";

/// Changed whenever the file's layout changes.
const FORMAT: &[u8; 8] = b"renders1";

/// The bytes a page's template made: their hash (as the output's manifest keeps it) and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub hash: u64,
    pub size: u64,
}

/// The fingerprints earlier builds rendered, and those this build rendered or reused.
pub struct RenderCache {
    file: PathBuf,
    binary: u64,
    earlier: HashMap<u128, Made>,
    now: Mutex<Vec<(u128, Made)>>,
}

impl RenderCache {
    /// The cache kept in `dir`, with what the last build there rendered (nothing when it was
    /// another signpost, or the file cannot be read); None when the running binary cannot be
    /// told from another build of signpost.
    pub fn at(dir: &Path) -> Option<RenderCache> {
        let binary = cache::binary_identity()?;
        let file = dir.join(FILE);
        let earlier = cache::read(&file)
            .and_then(|bytes| decode(&bytes, binary))
            .unwrap_or_default();
        Some(RenderCache {
            file,
            binary,
            earlier,
            now: Mutex::new(Vec::new()),
        })
    }

    /// What an earlier build's templates made of a page with this fingerprint.
    pub fn earlier(&self, fingerprint: u128) -> Option<Made> {
        self.earlier.get(&fingerprint).copied()
    }

    /// Notes what this build's templates made (or found made) of a page with this fingerprint.
    pub fn remember(&self, fingerprint: u128, made: Made) {
        self.now
            .lock()
            .expect("render cache lock")
            .push((fingerprint, made));
    }

    /// Keeps what this build rendered, in place of what the last one did, so the file never
    /// holds more than one build's pages.
    pub fn save(&self) {
        let now = self.now.lock().expect("render cache lock");
        let mut bytes = Vec::with_capacity(16 + now.len() * 32);
        bytes.extend_from_slice(FORMAT);
        bytes.extend_from_slice(&self.binary.to_le_bytes());
        for (fingerprint, made) in now.iter() {
            bytes.extend_from_slice(&fingerprint.to_le_bytes());
            bytes.extend_from_slice(&made.hash.to_le_bytes());
            bytes.extend_from_slice(&made.size.to_le_bytes());
        }
        cache::write(&self.file, bytes);
    }
}

/// The entries of a renders file written by the signpost `binary`.
fn decode(bytes: &[u8], binary: u64) -> Option<HashMap<u128, Made>> {
    let rest = bytes.strip_prefix(FORMAT)?;
    let (written_by, entries) = rest.split_at_checked(8)?;
    if written_by != binary.to_le_bytes() || entries.len() % 32 != 0 {
        return None;
    }
    let number = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
    let entries = entries.chunks_exact(32).map(|entry| {
        let fingerprint = u128::from_le_bytes(entry[..16].try_into().expect("16 bytes"));
        let made = Made {
            hash: number(&entry[16..24]),
            size: number(&entry[24..]),
        };
        (fingerprint, made)
    });
    Some(entries.collect())
}

/// A page's fingerprint: the templates' own (see [`crate::templates::Templates::fingerprint`]),
/// the template it is rendered with, and its context as JSON; None if the context cannot be
/// written as JSON (the page is then rendered, and the template reports why).
pub fn fingerprint(templates: u128, template: &str, context: &impl Serialize) -> Option<u128> {
    let mut hasher = HashingWriter(XxHash3_128::new());
    hasher.0.write(&templates.to_le_bytes());
    hasher.0.write(&(template.len() as u64).to_le_bytes());
    hasher.0.write(template.as_bytes());
    serde_json::to_writer(&mut hasher, context).ok()?;
    Some(hasher.0.finish_128())
}

/// Feeds what is written to it to a hasher, so a context is hashed without being held as text.
struct HashingWriter(XxHash3_128);

impl std::io::Write for HashingWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_build_rendered_is_what_the_next_finds() {
        let dir = tempfile::tempdir().unwrap();
        let first = RenderCache::at(dir.path()).unwrap();
        let page = fingerprint(7, "page.html", &("Title", "<p>Body</p>")).unwrap();
        let made = Made { hash: 42, size: 9 };
        assert_eq!(first.earlier(page), None);
        first.remember(page, made);
        first.save();
        let second = RenderCache::at(dir.path()).unwrap();
        assert_eq!(second.earlier(page), Some(made));
        second.save();
        let third = RenderCache::at(dir.path()).unwrap();
        assert_eq!(
            third.earlier(page),
            None,
            "a page the last build did not have is gone"
        );
    }

    #[test]
    fn a_fingerprint_changes_with_each_of_its_inputs() {
        let base = fingerprint(7, "page.html", &("Title", "<p>Body</p>"));
        assert_eq!(base, fingerprint(7, "page.html", &("Title", "<p>Body</p>")));
        for other in [
            fingerprint(8, "page.html", &("Title", "<p>Body</p>")),
            fingerprint(7, "section.html", &("Title", "<p>Body</p>")),
            fingerprint(7, "page.html", &("Title", "<p>Body.</p>")),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn another_signpost_s_renders_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = FORMAT.to_vec();
        bytes.extend_from_slice(&0_u64.to_le_bytes());
        bytes.extend_from_slice(&[1; 32]);
        assert!(decode(&bytes, 0).is_some_and(|entries| entries.len() == 1));
        assert_eq!(decode(&bytes, 1), None);
        cache::write(&dir.path().join(FILE), bytes);
        let cache = RenderCache::at(dir.path()).unwrap();
        assert!(cache.earlier.is_empty(), "this binary did not write it");
    }
}
