//! The static index the browser and `signpost search` read, exported from the inverted index in
//! the [`format`](super::format) the two share: a dictionary for each pair of first letters,
//! the terms' postings in packs of neighbouring terms, tails, facets, and documents' titles,
//! sections and excerpts in small chunks. Dictionaries' terms are worked out in parallel, one
//! pair of letters at a time, so the whole index is never held in memory as postings lists.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;

use super::format::{
    self, DictTerm, Dictionary, FACETS_FILE, Facets, HEAD, Help, Manifest, MetaEntry, Pack,
    SectionsEntry, TermRef, dictionary_file, pack_file, shard_file_key, shard_key, tail_file,
};
use super::impacts::{self, Stats, TermPostings};
use super::{SearchDoc, SearchIndex};
use crate::output::OutputFile;

/// The kinds of document, in the order the facets file numbers them.
pub const KINDS: [&str; 4] = ["guidance", "sign", "voice", "service"];

pub fn kind_number(kind: &str) -> u8 {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0) as u8
}

/// The exported files: `search/index.json`, and the rest under `search/HASH/`.
pub struct Export {
    pub files: Vec<OutputFile>,
}

/// The index exported for the default language's search page (`/search/`).
pub fn export(index: &SearchIndex) -> Export {
    export_at(index, super::INDEX_URL)
}

/// The index exported for the search page at `root` (`/search/`, `/pl/search/`): its
/// manifest is `root`'s `index.json`, and the rest under `root`'s `HASH/`.
pub fn export_at(index: &SearchIndex, root: &str) -> Export {
    let stats = Stats::of(index);
    let surface = surface_terms(index);
    let mut words_by_key: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (word, term) in &surface {
        words_by_key
            .entry(shard_key(word))
            .or_default()
            .push((word, term));
    }
    let mut terms_by_key = terms_by_key(index.inverted.terms());
    for key in words_by_key.keys() {
        terms_by_key.entry(key.clone()).or_insert(0..0);
    }
    let mut files = Vec::new();
    let mut packer = Packer::default();
    let mut dictionaries = Vec::with_capacity(terms_by_key.len());
    let keys: Vec<(String, Range<usize>)> = terms_by_key.into_iter().collect();
    for some_keys in keys.chunks(KEYS_AT_ONCE) {
        let terms: Vec<Vec<TermPostings>> = some_keys
            .par_iter()
            .map(|(_, range)| impacts::terms(index, &stats, range.clone()))
            .collect();
        for key_terms in terms {
            dictionaries.push(packer.add(key_terms, &mut files));
        }
    }
    packer.finish(&mut files);
    let keys: Vec<String> = keys.into_iter().map(|(key, _)| key).collect();
    for (key, terms) in keys.iter().zip(dictionaries) {
        let words = words_by_key.get(key).map_or(&[][..], Vec::as_slice);
        files.push((dictionary_file(key), dictionary(terms, words).encode()));
    }
    let bands = band_order(&index.docs);
    files.push((
        FACETS_FILE.to_string(),
        facets(&index.docs, &bands).encode(),
    ));
    files.extend(meta_chunks(&index.docs));
    files.extend(text_chunks(&index.docs));
    let base = format!("{root}{}/", content_hash(&files));
    let manifest = manifest(index, &keys, &bands, base.clone());
    let mut files: Vec<OutputFile> = files
        .into_iter()
        .map(|(name, bytes)| {
            OutputFile::new(format!("{}{name}", base.trim_start_matches('/')), bytes)
        })
        .collect();
    files.push(OutputFile::new(
        format!("{}index.json", root.trim_start_matches('/')),
        serde_json::to_vec(&manifest).expect("manifest serialises"),
    ));
    Export { files }
}

/// Where the terms of each pair of first letters are in `terms` (in byte order, so a pair's
/// terms are together).
fn terms_by_key(terms: &[String]) -> BTreeMap<String, Range<usize>> {
    let mut ranges: BTreeMap<String, Range<usize>> = BTreeMap::new();
    for (at, term) in terms.iter().enumerate() {
        let range = ranges.entry(shard_key(term)).or_insert(at..at);
        range.end = at + 1;
    }
    ranges
}

/// How many pairs of first letters have their terms worked out at once: enough to keep every
/// thread busy, few enough that their postings and cards are never all in memory (at 10,000
/// pages, every term's at once was 90 MB more at the build's peak).
const KEYS_AT_ONCE: usize = 128;

/// Puts the terms' postings into packs, in alphabetical order, each written once it holds
/// [`format::PACK_BYTES`], and their tails into tail files.
#[derive(Default)]
struct Packer {
    pack: Pack,
    pack_id: u32,
    bytes: usize,
}

impl Packer {
    /// Packs one dictionary's terms; returns them with their places.
    fn add(
        &mut self,
        terms: Vec<TermPostings>,
        files: &mut Vec<(String, Vec<u8>)>,
    ) -> Vec<DictTerm> {
        let mut dictionary = Vec::with_capacity(terms.len());
        for term in terms {
            let size = term.pack.encoded_len();
            if !self.pack.terms.is_empty() && self.bytes + size > format::PACK_BYTES {
                self.write_pack(files);
            }
            let slot = self.pack.terms.len() as u32;
            self.pack.terms.push(term.pack);
            self.bytes += size;
            if let Some(tail) = term.tail {
                files.push((tail_file(self.pack_id, slot), tail));
            }
            dictionary.push(DictTerm {
                term: term.term,
                df: term.df,
                pack: self.pack_id,
                slot,
            });
        }
        dictionary
    }

    fn write_pack(&mut self, files: &mut Vec<(String, Vec<u8>)>) {
        files.push((
            pack_file(self.pack_id),
            std::mem::take(&mut self.pack).encode(),
        ));
        self.pack_id += 1;
        self.bytes = 0;
    }

    /// Writes the last pack.
    fn finish(mut self, files: &mut Vec<(String, Vec<u8>)>) {
        if !self.pack.terms.is_empty() {
            self.write_pack(files);
        }
    }
}

/// The dictionary of one pair of first letters: its terms with their places, and its words.
fn dictionary(terms: Vec<DictTerm>, words: &[(&str, &str)]) -> Dictionary {
    let words = words
        .iter()
        .map(|(word, term)| {
            let reference = terms
                .binary_search_by(|entry| entry.term.as_str().cmp(term))
                .map_or_else(
                    |_| TermRef::Elsewhere(term.to_string()),
                    |at| TermRef::Here(at as u32),
                );
            (word.to_string(), reference)
        })
        .collect();
    Dictionary { terms, words }
}

/// Every word of the site as written (lower-cased), with the term tantivy indexed it as; and
/// the words of content/search/synonyms.yaml whose stem the site uses, though the word itself
/// may not appear ("teeth" finds "teething"): the browser has no stemmer to work that out.
fn surface_terms(index: &SearchIndex) -> BTreeMap<String, String> {
    // The index met every word as written: each distinct one, lower-cased, is all it takes.
    let mut surface: BTreeMap<String, String> = (index.inverted.words().par_iter())
        .map_init(
            || index.language.analyzer(),
            |analyzer, word| {
                super::index::term_with(analyzer, word).map(|term| (word.clone(), term))
            },
        )
        .flatten()
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let synonyms = &index.synonyms;
    let listed = synonyms
        .phrases
        .iter()
        .flat_map(|(phrase, targets)| phrase.iter().chain(targets))
        .chain(synonyms.misspellings.iter().flat_map(|(_, right)| right))
        .chain(synonyms.help.phrases.iter().flatten());
    for word in listed {
        if surface.contains_key(word) {
            continue;
        }
        let Some(term) = index.term_of(word) else {
            continue;
        };
        if index.has_term(&term) {
            surface.insert(word.clone(), term);
        }
    }
    surface
}

/// The age bands documents belong to, in the order they first appear.
fn band_order(docs: &[SearchDoc]) -> Vec<String> {
    let mut bands: Vec<String> = Vec::new();
    for band in docs.iter().flat_map(|d| &d.bands) {
        if !bands.contains(band) {
            bands.push(band.clone());
        }
    }
    bands
}

fn facets(docs: &[SearchDoc], bands: &[String]) -> Facets {
    Facets {
        docs: docs
            .iter()
            .map(|doc| {
                let kind = kind_number(doc.kind);
                let mask = doc
                    .bands
                    .iter()
                    .filter_map(|band| bands.iter().position(|b| b == band))
                    .fold(0u32, |mask, bit| mask | (1 << bit.min(31)));
                (kind, mask)
            })
            .collect(),
    }
}

/// The `meta-N.json` and `sections-N.json` chunks.
fn meta_chunks(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    docs.chunks(format::META_CHUNK)
        .enumerate()
        .flat_map(|(n, chunk)| {
            let first = (n * format::META_CHUNK) as u32;
            let meta: Vec<MetaEntry> = chunk
                .iter()
                .map(|doc| MetaEntry(doc.label.clone(), doc.url.clone(), kind_number(doc.kind)))
                .collect();
            let sections: Vec<SectionsEntry> = chunk
                .iter()
                .map(|doc| {
                    doc.sections
                        .iter()
                        .map(|s| (s.anchor.clone(), s.heading.clone()))
                        .collect()
                })
                .collect();
            [
                (
                    format::meta_file(first),
                    serde_json::to_vec(&meta).expect("meta serialises"),
                ),
                (
                    format::sections_file(first),
                    serde_json::to_vec(&sections).expect("sections serialise"),
                ),
            ]
        })
        .collect()
}

fn text_chunks(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    docs.chunks(format::TEXT_CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let text: Vec<&str> = chunk.iter().map(|d| d.excerpt.as_str()).collect();
            (
                format::text_file((n * format::TEXT_CHUNK) as u32),
                serde_json::to_vec(&text).expect("text serialises"),
            )
        })
        .collect()
}

fn manifest(index: &SearchIndex, keys: &[String], bands: &[String], base: String) -> Manifest {
    let synonyms = &index.synonyms;
    let help_docs = synonyms
        .help
        .pages
        .iter()
        .filter_map(|(url, _)| index.docs.iter().position(|doc| &doc.url == url))
        .map(|doc| doc as u32)
        .collect();
    Manifest {
        version: format::VERSION,
        base,
        docs: index.docs.len() as u32,
        head: HEAD as u32,
        meta_chunk: format::META_CHUNK as u32,
        text_chunk: format::TEXT_CHUNK as u32,
        dictionaries: keys.iter().map(|k| shard_file_key(k)).collect(),
        kinds: KINDS.iter().map(|k| k.to_string()).collect(),
        bands: bands.to_vec(),
        stop_words: index.language.stop_words.clone(),
        endings: index.language.endings.clone(),
        synonyms: synonyms.phrases.clone(),
        misspellings: synonyms.misspellings.clone(),
        help: Help {
            phrases: synonyms.help.phrases.clone(),
            docs: help_docs,
        },
    }
}

/// The index folder's name: 40 bits of a hash of every file, so a changed index gets a new
/// address and browsers never mix files of two builds. Not a secret, so not SHA-256, which
/// took a tenth of the build's instructions over 30 MB of files at 10,000 pages.
fn content_hash(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = twox_hash::XxHash3_128::new();
    for (name, bytes) in files {
        hasher.write(name.as_bytes());
        hasher.write(&(bytes.len() as u64).to_le_bytes());
        hasher.write(bytes);
    }
    format!("{:010x}", hasher.finish_128() >> 88)
}
