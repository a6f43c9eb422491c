//! The cache folder beside the output (`.public.cache`): what one build keeps to make the next
//! faster (the search index of runs of pages, what each page's templates made). Every entry
//! is written whole under another name first and ends with a hash of its bytes, so a build
//! never reads half of one; a cache that cannot be read or written only makes a build slower,
//! so its failures are not reported.

use std::io::Write;
use std::path::Path;

use twox_hash::XxHash3_64;

/// Written into the cache, so Git leaves it out of a site's repository (a cache beside
/// `public/` sits in the site's folder).
const GITIGNORE: &str =
    "# signpost's cache, kept to make the next build faster: never commit it\n*\n";

/// The running signpost binary's size and modification time, with its version: what another
/// build of signpost wrote, which may index or render differently, is not read.
pub fn binary_identity() -> Option<u64> {
    let binary = std::env::current_exe().and_then(std::fs::metadata).ok()?;
    let modified = binary.modified().ok()?;
    let identity = format!(
        "{} {} {modified:?}",
        env!("CARGO_PKG_VERSION"),
        binary.len()
    );
    Some(XxHash3_64::oneshot(identity.as_bytes()))
}

/// The entry at `path`, if it is there and whole: its bytes end with their own hash.
pub fn read(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = std::fs::read(path).ok()?;
    let length = bytes.len().checked_sub(8)?;
    let (payload, hash) = bytes.split_at(length);
    if XxHash3_64::oneshot(payload).to_le_bytes() != hash {
        return None;
    }
    bytes.truncate(length);
    Some(bytes)
}

/// Keeps `payload` as the entry at `path`, written in full under another name first.
pub fn write(path: &Path, mut payload: Vec<u8>) {
    let hash = XxHash3_64::oneshot(&payload);
    payload.extend_from_slice(&hash.to_le_bytes());
    let Some(dir) = path.parent() else { return };
    let written = made(dir)
        .and_then(|()| tempfile::NamedTempFile::new_in(dir))
        .and_then(|mut file| {
            file.write_all(&payload)?;
            file.persist(path).map_err(|error| error.error)?;
            Ok(())
        });
    let _ = written;
}

/// Makes the cache's folder, with its `.gitignore`, if it is not there yet.
fn made(dir: &Path) -> std::io::Result<()> {
    let ignore = dir.join(".gitignore");
    if ignore.exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(ignore, GITIGNORE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache").join("entry");
        write(&path, b"what a build kept".to_vec());
        assert_eq!(read(&path).as_deref(), Some(&b"what a build kept"[..]));
        assert!(dir.path().join("cache/.gitignore").is_file());
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(read(&path), None, "a cut-off entry is not read");
    }
}
