//! The search cache: the index of each run of documents kept on disk between builds, so a
//! rebuild reads again only the runs whose documents changed. A run ends where a document's
//! address says so (its hash), not after a count, so adding or removing a page changes the
//! run it is in and no other. An entry is named by a hash of everything its index is made
//! from (the run's titles, headings, bodies and sections, the language's analyser and the
//! signpost binary that wrote it), so a changed input is a different name, never a stale
//! entry; an entry that cannot be read is indexed again.

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use twox_hash::{XxHash3_64, XxHash3_128};

use super::chunk::{Chunk, Reader};
use super::inverted::Inverted;
use super::join::join;
use super::{SearchDoc, SearchLanguage};
use crate::output::cache;

/// A run ends before a document whose address hashes to a multiple of this, so runs hold
/// about this many documents: at 10,000 pages indexing one again takes about 40 ms, and the
/// runs are few enough to put together quickly (runs of 128 took three times as long).
const RUN_DOCS: u64 = 512;

/// The most documents a run holds, however the addresses hash.
const LONGEST_RUN: usize = 4 * RUN_DOCS as usize;

/// Changed whenever what an entry holds, or how, changes.
const FORMAT: &str = "signpost search cache 1";

const EXTENSION: &str = "chunk";

/// The folder a build's search cache is kept in, and which of its entries this build used.
pub struct SearchCache {
    dir: PathBuf,
    /// Which signpost wrote the entries it reads: another build of signpost may index
    /// differently.
    binary: u64,
    used: Mutex<HashSet<PathBuf>>,
}

impl SearchCache {
    /// The cache kept in `dir` (made when the first entry is written); None when the running
    /// binary cannot be told from another build of signpost, whose entries it must not read.
    pub fn at(dir: &Path) -> Option<SearchCache> {
        Some(SearchCache {
            dir: dir.to_path_buf(),
            binary: cache::binary_identity()?,
            used: Mutex::new(HashSet::new()),
        })
    }

    /// The run's index, read from the cache when it holds it and indexed (and kept)
    /// otherwise.
    fn chunk(&self, run: &[SearchDoc], reader: &mut Option<Reader>, language: &Language) -> Chunk {
        let path = self.entry_path(&language.key, run);
        self.used.lock().expect("used lock").insert(path.clone());
        read(&path).unwrap_or_else(|| {
            let chunk = Chunk::index(run, language.reader(reader));
            write(&path, &chunk);
            chunk
        })
    }

    /// Deletes the entries this build did not use (the runs of pages since changed or
    /// removed) and any half-written one a stopped build left, so the cache never grows past
    /// one build's worth. Nothing else is touched.
    pub fn prune(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let used = self.used.lock().expect("used lock");
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let ours = path.extension().is_some_and(|e| e == EXTENSION)
                || name.to_string_lossy().starts_with(".tmp");
            if ours && !used.contains(&path) {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    fn entry_path(&self, language_key: &str, run: &[SearchDoc]) -> PathBuf {
        let mut hasher = XxHash3_128::new();
        let mut put = |bytes: &[u8]| {
            hasher.write(&(bytes.len() as u64).to_le_bytes());
            hasher.write(bytes);
        };
        put(FORMAT.as_bytes());
        put(&self.binary.to_le_bytes());
        put(language_key.as_bytes());
        for doc in run {
            put(doc.title.as_bytes());
            put(doc.headings.as_bytes());
            put(doc.body.as_bytes());
            let starts: Vec<u8> = (doc.sections.iter())
                .flat_map(|section| section.start.to_le_bytes())
                .collect();
            put(&starts);
        }
        let name = format!("{:032x}.{EXTENSION}", hasher.finish_128());
        self.dir.join(name)
    }
}

/// The documents' index, a run at a time on as many threads as there are, each run read
/// from `cache` when it holds it; with how many runs there were.
pub fn index(
    docs: &[SearchDoc],
    language: &SearchLanguage,
    cache: Option<&SearchCache>,
) -> (Inverted, usize) {
    let language = Language {
        key: language_key(language),
        language,
    };
    let runs = runs(docs);
    let count = runs.len();
    // A thread reads a stretch of runs one after another, so each word is analysed about once
    // a thread rather than once a run.
    let stretch = runs.len().div_ceil(rayon::current_num_threads()).max(1);
    let stretches: Vec<Vec<Chunk>> = runs
        .par_chunks(stretch)
        .map(|stretch| {
            let mut reader = None;
            let mut chunk = |run: &Range<usize>| match cache {
                Some(cache) => cache.chunk(&docs[run.clone()], &mut reader, &language),
                None => Chunk::index(&docs[run.clone()], language.reader(&mut reader)),
            };
            stretch.iter().map(&mut chunk).collect()
        })
        .collect();
    let chunks = stretches.into_iter().flatten().collect();
    (join(chunks), count)
}

/// The language runs are read in, and the key their entries are named by.
struct Language<'a> {
    language: &'a SearchLanguage,
    key: String,
}

impl Language<'_> {
    /// A thread's reader, made when it first has a run to index (not when every run is
    /// cached).
    fn reader<'r>(&self, reader: &'r mut Option<Reader>) -> &'r mut Reader {
        reader.get_or_insert_with(|| Reader::new(self.language))
    }
}

/// The documents cut into runs: a run ends before a document whose address hashes to a
/// multiple of [`RUN_DOCS`], or once it holds [`LONGEST_RUN`].
pub fn runs(docs: &[SearchDoc]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    for (n, doc) in docs.iter().enumerate().skip(1) {
        let marked = XxHash3_64::oneshot(doc.url.as_bytes()).is_multiple_of(RUN_DOCS);
        if marked || n - start == LONGEST_RUN {
            runs.push(start..n);
            start = n;
        }
    }
    if start < docs.len() {
        runs.push(start..docs.len());
    }
    runs
}

/// What the language's analyser is made from: its stemmer and stop words.
fn language_key(language: &SearchLanguage) -> String {
    format!("{:?} {:?}", language.stemmer, language.stop_words)
}

/// An entry's chunk, if it is there and whole.
fn read(path: &Path) -> Option<Chunk> {
    postcard::from_bytes(&cache::read(path)?).ok()
}

/// Keeps the chunk as the entry at `path`.
fn write(path: &Path, chunk: &Chunk) {
    if let Ok(payload) = postcard::to_stdvec(chunk) {
        cache::write(path, payload);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::search::query::tests::synthetic;
    use crate::search::{SearchIndex, Synonyms, export};

    /// The addresses of each run's documents.
    fn run_addresses(docs: &[SearchDoc]) -> BTreeSet<Vec<String>> {
        let addresses = |run: Range<usize>| docs[run].iter().map(|d| d.url.clone()).collect();
        runs(docs).into_iter().map(addresses).collect()
    }

    #[test]
    fn a_new_page_changes_only_the_run_it_is_in() {
        let docs = synthetic(3_000);
        let before = run_addresses(&docs);
        assert!(before.len() >= 3, "{} runs", before.len());
        assert!(before.iter().all(|run| run.len() <= LONGEST_RUN));
        for at in [0, 1_234, 3_000] {
            let mut more = synthetic(3_000);
            let mut new = synthetic(1).remove(0);
            new.url = "/a-new-page/".into();
            more.insert(at, new);
            let after = run_addresses(&more);
            let gone = before.difference(&after).count();
            let came = after.difference(&before).count();
            assert_eq!(gone, 1, "a new page at {at}");
            assert!(
                (1..=2).contains(&came),
                "a new page at {at}: {came} new runs"
            );
        }
    }

    #[test]
    fn a_run_ends_after_the_longest_whatever_the_addresses() {
        let mut docs = synthetic(3 * LONGEST_RUN);
        for doc in &mut docs {
            doc.url = "/never-a-boundary/".into();
        }
        while XxHash3_64::oneshot(docs[0].url.as_bytes()).is_multiple_of(RUN_DOCS) {
            docs.iter_mut().for_each(|doc| doc.url.push('x'));
        }
        let lengths: Vec<usize> = runs(&docs).into_iter().map(|run| run.len()).collect();
        assert_eq!(lengths, [LONGEST_RUN; 3]);
    }

    /// The exported index of `docs`, with `cache` or without one, file by file.
    fn exported(
        docs: Vec<SearchDoc<'static>>,
        cache: Option<&SearchCache>,
    ) -> Vec<(String, Vec<u8>)> {
        let language = SearchLanguage::english();
        let index = SearchIndex::build_cached(docs, Synonyms::default(), language, cache);
        let files = export::export(&index).files.into_iter();
        let mut files: Vec<_> = files
            .map(|file| (file.path.to_string_lossy().into_owned(), file.bytes))
            .collect();
        files.sort();
        files
    }

    /// The cache's entries, each with when it was written.
    fn entries(dir: &Path) -> BTreeSet<(PathBuf, std::time::SystemTime)> {
        let entries = std::fs::read_dir(dir).unwrap().map(Result::unwrap);
        entries
            .filter(|entry| entry.path().extension().is_some_and(|e| e == EXTENSION))
            .map(|entry| (entry.path(), entry.metadata().unwrap().modified().unwrap()))
            .collect()
    }

    #[test]
    fn an_index_read_from_the_cache_is_the_index_made_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = exported(synthetic(2_000), None);
        let cache = SearchCache::at(dir.path()).unwrap();
        assert_eq!(exported(synthetic(2_000), Some(&cache)), fresh);
        let written = entries(dir.path());
        assert_eq!(written.len(), runs(&synthetic(2_000)).len());
        assert!(dir.path().join(".gitignore").is_file());

        let cache = SearchCache::at(dir.path()).unwrap();
        assert_eq!(exported(synthetic(2_000), Some(&cache)), fresh);
        assert_eq!(
            entries(dir.path()),
            written,
            "every run was read, none written"
        );

        let changed = || {
            let mut docs = synthetic(2_000);
            docs[1_500].body = "a carer who sings lullabies".into();
            docs.remove(700);
            docs
        };
        let cache = SearchCache::at(dir.path()).unwrap();
        assert_eq!(exported(changed(), Some(&cache)), exported(changed(), None));
        cache.prune();
        let now = entries(dir.path());
        assert_eq!(
            now.len(),
            runs(&changed()).len(),
            "the unused entries are gone"
        );
        assert_eq!(
            now.difference(&written).count(),
            2,
            "two runs written again"
        );
    }

    #[test]
    fn a_damaged_entry_is_indexed_again() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = exported(synthetic(1_000), None);
        exported(
            synthetic(1_000),
            Some(&SearchCache::at(dir.path()).unwrap()),
        );
        for (n, (entry, _)) in entries(dir.path()).into_iter().enumerate() {
            let bytes = std::fs::read(&entry).unwrap();
            let damaged = match n % 3 {
                0 => bytes[..bytes.len() / 2].to_vec(),
                1 => bytes.iter().map(|b| b ^ 0x55).collect(),
                _ => Vec::new(),
            };
            std::fs::write(&entry, damaged).unwrap();
        }
        let cache = SearchCache::at(dir.path()).unwrap();
        assert_eq!(exported(synthetic(1_000), Some(&cache)), fresh);
        assert_eq!(exported(synthetic(1_000), Some(&cache)), fresh);
    }

    #[test]
    fn pruning_leaves_what_is_not_the_caches_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        std::fs::write(dir.path().join("0123.chunk"), "stale").unwrap();
        std::fs::write(dir.path().join(".tmpAbC"), "half written").unwrap();
        let cache = SearchCache::at(dir.path()).unwrap();
        exported(synthetic(10), Some(&cache));
        cache.prune();
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.ends_with(EXTENSION))
            .collect();
        left.sort();
        assert_eq!(left, [".gitignore", "notes.txt"]);
        assert_eq!(entries(dir.path()).len(), 1);
    }
}
