//! The static index the browser client reads, exported from the tantivy index. A query fetches
//! only what it needs:
//!
//! - `/search/index.json`: where the rest is, document count, each field's boost and token count (for BM25), the shard
//!   names, the synonyms and stop words;
//! - `shard-KEY.json`, one per leading two characters of the site's words: each surface word
//!   mapped to its stemmed term (so the browser needs no stemmer), each term's postings per
//!   field (`[doc gap, term frequency, field length, ...]`), and the title, URL and kind of the
//!   documents each term ranks highest, so a one-word query shows results from this file alone;
//! - `meta-N.json`: title, URL, kind, bands and categories of documents in chunks;
//! - `text-N.json`: the excerpt of each document, in chunks, fetched after the results show.
//!
//! Everything but the manifest sits under `/search/HASH/`, the hash taken from the files'
//! contents, so a visitor never mixes two builds. Shards are made one at a time on each core, so the whole index is
//! never held in memory as JSON.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, SegmentReader, TERMINATED};

use super::{FIELDS, SearchIndex, words};
use crate::output::OutputFile;

/// Documents per metadata chunk, and per excerpt chunk.
pub const META_CHUNK: usize = 500;
pub const TEXT_CHUNK: usize = 100;
/// How many of each term's best documents a shard carries titles for.
const TOP_PER_TERM: usize = 10;

/// The exported files: `search/index.json`, and the rest under `search/HASH/`.
pub struct Export {
    pub files: Vec<OutputFile>,
}

/// One posting: document, term frequency in the field, the field's length (tantivy's norm).
type Posting = (u32, u32, u32);

/// A term's postings in each field, in FIELDS order.
type TermPostings = [Vec<Posting>; 3];

pub fn export(index: &SearchIndex) -> tantivy::Result<Export> {
    let searcher = index.reader.searcher();
    let segment = searcher.segment_reader(0);
    let mut total_tokens = [0u64; 3];
    let mut term_keys: BTreeSet<String> = BTreeSet::new();
    for (slot, field) in index.fields.iter().enumerate() {
        let inverted = segment.inverted_index(*field)?;
        total_tokens[slot] = inverted.total_num_tokens();
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            term_keys.insert(shard_key(&String::from_utf8_lossy(stream.key())));
        }
    }
    let stats = Stats {
        docs: index.docs.len() as u64,
        total_tokens,
    };
    let mut surface = surface_terms(index);
    add_synonym_words(index, segment, &mut surface)?;
    let mut words_by_shard: BTreeMap<String, BTreeMap<&str, &str>> = BTreeMap::new();
    for (word, term) in &surface {
        words_by_shard
            .entry(shard_key(word))
            .or_default()
            .insert(word, term);
    }
    let keys: Vec<String> = term_keys
        .into_iter()
        .chain(words_by_shard.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let shards: Vec<(String, Vec<u8>)> = keys
        .par_iter()
        .map(|key| {
            let words = words_by_shard.get(key).cloned().unwrap_or_default();
            let shard = shard(index, segment, &stats, key, words)?;
            Ok((format!("shard-{}.json", shard_file_key(key)), shard))
        })
        .collect::<tantivy::Result<_>>()?;
    let mut files: Vec<(String, Vec<u8>)> = shards;
    for (n, chunk) in index.docs.chunks(META_CHUNK).enumerate() {
        let meta: Vec<Value> = chunk
            .iter()
            .map(|d| json!([d.label, d.url, d.kind, d.bands, d.categories]))
            .collect();
        files.push((
            format!("meta-{n}.json"),
            serde_json::to_vec(&meta).expect("meta serialises"),
        ));
    }
    for (n, chunk) in index.docs.chunks(TEXT_CHUNK).enumerate() {
        let text: Vec<&str> = chunk.iter().map(|d| d.excerpt.as_str()).collect();
        files.push((
            format!("text-{n}.json"),
            serde_json::to_vec(&text).expect("text serialises"),
        ));
    }
    let base = format!("{}{}/", super::INDEX_URL, content_hash(&files));
    let mut files: Vec<OutputFile> = files
        .into_iter()
        .map(|(name, bytes)| {
            OutputFile::new(format!("{}{name}", base.trim_start_matches('/')), bytes)
        })
        .collect();
    let manifest_path = format!("{}index.json", super::INDEX_URL.trim_start_matches('/'));
    files.push(OutputFile::new(
        manifest_path,
        manifest(index, &stats, &keys, &base),
    ));
    Ok(Export { files })
}

/// Every word of the site as written (lower-cased), with the term tantivy indexed it as.
fn surface_terms(index: &SearchIndex) -> BTreeMap<String, String> {
    let distinct: HashSet<String> = index
        .docs
        .par_iter()
        .fold(HashSet::new, |mut seen, doc| {
            for text in [doc.title.as_str(), doc.headings.as_str(), &doc.body] {
                seen.extend(words(text));
            }
            seen
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    distinct
        .into_par_iter()
        .filter_map(|word| index.term_of(&word).map(|term| (word, term)))
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The words of content/search/synonyms.yaml whose stem the site uses, though the word itself
/// may not appear ("teeth" finds "teething"): the browser has no stemmer to work that out.
fn add_synonym_words(
    index: &SearchIndex,
    segment: &SegmentReader,
    surface: &mut BTreeMap<String, String>,
) -> tantivy::Result<()> {
    let synonym_words = index
        .synonyms
        .0
        .iter()
        .flat_map(|(phrase, targets)| phrase.iter().chain(targets));
    for word in synonym_words {
        let Some(term) = index.term_of(word) else {
            continue;
        };
        for field in &index.fields {
            if segment
                .inverted_index(*field)?
                .terms()
                .get(term.as_bytes())?
                .is_some()
            {
                surface.entry(word.clone()).or_insert(term);
                break;
            }
        }
    }
    Ok(())
}

/// The shard a word belongs to: its first two characters.
pub fn shard_key(word: &str) -> String {
    word.chars().take(2).collect()
}

/// A shard's file name: its key when plain ASCII letters and digits, else `x` and hex bytes.
pub fn shard_file_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        key.to_string()
    } else {
        format!(
            "x{}",
            key.bytes().map(|b| format!("{b:02x}")).collect::<String>()
        )
    }
}

/// The smallest byte string greater than every string that starts with `prefix`.
fn successor(prefix: &str) -> Vec<u8> {
    let mut bytes = prefix.as_bytes().to_vec();
    while let Some(last) = bytes.pop() {
        if last < u8::MAX {
            bytes.push(last + 1);
            return bytes;
        }
    }
    vec![u8::MAX; prefix.len() + 1]
}

/// One shard as JSON: its words, its terms' postings, and its terms' best documents.
fn shard(
    index: &SearchIndex,
    segment: &SegmentReader,
    stats: &Stats,
    key: &str,
    words: BTreeMap<&str, &str>,
) -> tantivy::Result<Vec<u8>> {
    let mut postings: BTreeMap<String, TermPostings> = BTreeMap::new();
    for (slot, field) in index.fields.iter().enumerate() {
        let inverted = segment.inverted_index(*field)?;
        let norms = segment.get_fieldnorms_reader(*field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(key.as_bytes())
            .lt(successor(key))
            .into_stream()?;
        while stream.advance() {
            let term = String::from_utf8_lossy(stream.key()).into_owned();
            if shard_key(&term) != key {
                continue;
            }
            let mut docs = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let list = &mut postings.entry(term).or_default()[slot];
            let mut doc = docs.doc();
            while doc != TERMINATED {
                list.push((doc, docs.term_freq(), norms.fieldnorm(doc)));
                doc = docs.advance();
            }
        }
    }
    let mut terms = serde_json::Map::new();
    let mut docs = serde_json::Map::new();
    for (term, lists) in &postings {
        terms.insert(
            term.clone(),
            json!(lists.iter().map(|list| encode(list)).collect::<Vec<_>>()),
        );
        for doc in stats.top_documents(lists, TOP_PER_TERM) {
            let d = &index.docs[doc as usize];
            docs.entry(doc.to_string())
                .or_insert_with(|| json!([d.label, d.url, d.kind]));
        }
    }
    Ok(
        serde_json::to_vec(&json!({ "words": words, "terms": terms, "docs": docs }))
            .expect("shard serialises"),
    )
}

/// Postings as one flat list: document gaps, term frequencies and field lengths.
fn encode(list: &[Posting]) -> Vec<u32> {
    let mut out = Vec::with_capacity(list.len() * 3);
    let mut previous = 0;
    for &(doc, tf, norm) in list {
        out.extend([doc - previous, tf, norm]);
        previous = doc;
    }
    out
}

fn manifest(index: &SearchIndex, stats: &Stats, shards: &[String], base: &str) -> Vec<u8> {
    let fields: Vec<Value> = FIELDS
        .iter()
        .zip(stats.total_tokens)
        .map(|((name, boost), tokens)| json!([name, boost, tokens]))
        .collect();
    let manifest = json!({
        "version": 1,
        "base": base,
        "docs": stats.docs,
        "fields": fields,
        "meta_chunk": META_CHUNK,
        "text_chunk": TEXT_CHUNK,
        "shards": shards.iter().map(|k| shard_file_key(k)).collect::<Vec<_>>(),
        "synonyms": index.synonyms.0,
        "stop_words": super::index::STOP_WORDS,
    });
    serde_json::to_vec(&manifest).expect("manifest serialises")
}

fn content_hash(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The statistics BM25 needs.
struct Stats {
    docs: u64,
    total_tokens: [u64; 3],
}

impl Stats {
    /// The documents a one-term query ranks highest, by BM25 over every field (as tantivy
    /// scores, in f32).
    fn top_documents(&self, lists: &TermPostings, limit: usize) -> Vec<u32> {
        let mut scores: HashMap<u32, f32> = HashMap::new();
        for (slot, list) in lists.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let average = self.total_tokens[slot] as f32 / self.docs as f32;
            let n = list.len() as f32;
            let idf = (1.0 + ((self.docs as f32 - n) + 0.5) / (n + 0.5)).ln();
            let weight = idf * 2.2 * FIELDS[slot].1;
            for &(doc, tf, norm) in list {
                let tf = tf as f32;
                let length = 1.2 * (1.0 - 0.75 + 0.75 * norm as f32 / average);
                *scores.entry(doc).or_default() += weight * (tf / (tf + length));
            }
        }
        let mut ranked: Vec<(u32, f32)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(doc, _)| doc).collect()
    }
}
