//! The static index the browser client reads, exported from the tantivy index. A query fetches
//! only what it needs:
//!
//! - `index.json`: document count, each field's boost and token count (for BM25), the shard
//!   names, the synonyms, the age bands and kinds for filters;
//! - `shard-KEY.json`, one per leading two characters of the site's words: each surface word
//!   mapped to its stemmed term (so the browser needs no stemmer), each term's postings per
//!   field (`[doc delta, term frequency, field length, ...]`), and the title, URL and kind of the
//!   documents each term ranks highest, so a one-word query shows results from this file alone;
//! - `meta-N.json`: title, URL, kind, bands and categories of documents in chunks;
//! - `text-N.json`: the excerpt of each document, in chunks, fetched after the results show.
//!
//! Everything sits under `/search/HASH/`, the hash taken from the files' contents, so a visitor
//! never mixes two builds.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

use super::{FIELDS, SearchIndex, words};
use crate::render::OutputFile;

/// Documents per metadata chunk, and per excerpt chunk.
pub const META_CHUNK: usize = 500;
pub const TEXT_CHUNK: usize = 100;
/// How many of each term's best documents a shard carries titles for.
const TOP_PER_TERM: usize = 10;

/// The exported files, and the site path they live under (`/search/3fa2b1c0d9/`).
pub struct Export {
    pub base: String,
    pub files: Vec<OutputFile>,
}

/// One posting: document, term frequency in the field, the field's length (tantivy's norm).
type Posting = (u32, u32, u32);

/// A term's postings in each field, in FIELDS order.
type TermPostings = [Vec<Posting>; 3];

pub fn export(index: &SearchIndex) -> tantivy::Result<Export> {
    let searcher = index.reader.searcher();
    let segment = searcher.segment_reader(0);
    let mut postings: BTreeMap<String, TermPostings> = BTreeMap::new();
    let mut total_tokens = [0u64; 3];
    for (slot, field) in index.fields.iter().enumerate() {
        let inverted = segment.inverted_index(*field)?;
        total_tokens[slot] = inverted.total_num_tokens();
        let norms = segment.get_fieldnorms_reader(*field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let term = String::from_utf8_lossy(stream.key()).into_owned();
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
    let stats = Stats::new(index.docs.len() as u64, total_tokens);
    let mut surface = surface_terms(index);
    add_synonym_words(index, &postings, &mut surface);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let shards = shards(index, &surface, &postings, &stats);
    let shard_names: Vec<&String> = shards.keys().collect();
    files.push(("index.json".into(), manifest(index, &stats, &shard_names)));
    for (key, shard) in &shards {
        files.push((
            format!("shard-{}.json", shard_file_key(key)),
            serde_json::to_vec(shard).expect("shard serialises"),
        ));
    }
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
    let base = format!("/search/{}/", content_hash(&files));
    let files = files
        .into_iter()
        .map(|(name, bytes)| {
            OutputFile::new(format!("{}{name}", base.trim_start_matches('/')), bytes)
        })
        .collect();
    Ok(Export { base, files })
}

/// Every word of the site as written (lower-cased), with the term tantivy indexed it as.
fn surface_terms(index: &SearchIndex) -> BTreeMap<String, String> {
    let mut surface: BTreeMap<String, String> = BTreeMap::new();
    for doc in &index.docs {
        for word in [&doc.title, &doc.headings, &doc.body]
            .into_iter()
            .flat_map(|text| words(text))
        {
            if !surface.contains_key(&word)
                && let Some(term) = index.term_of(&word)
            {
                surface.insert(word, term);
            }
        }
    }
    surface
}

/// The words of content/search/synonyms.yaml whose stem the site uses, though the word itself
/// may not appear ("teeth" finds "teething"): the browser has no stemmer to work that out.
fn add_synonym_words(
    index: &SearchIndex,
    postings: &BTreeMap<String, TermPostings>,
    surface: &mut BTreeMap<String, String>,
) {
    let synonym_words = index
        .synonyms
        .0
        .iter()
        .flat_map(|(phrase, targets)| phrase.iter().chain(targets));
    for word in synonym_words {
        if let Some(term) = index.term_of(word)
            && postings.contains_key(&term)
        {
            surface.entry(word.clone()).or_insert(term);
        }
    }
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

fn shards(
    index: &SearchIndex,
    surface: &BTreeMap<String, String>,
    postings: &BTreeMap<String, TermPostings>,
    stats: &Stats,
) -> BTreeMap<String, Value> {
    let mut words_by_shard: BTreeMap<String, BTreeMap<&str, &str>> = BTreeMap::new();
    for (word, term) in surface {
        words_by_shard
            .entry(shard_key(word))
            .or_default()
            .insert(word, term);
    }
    let mut terms_by_shard: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for term in postings.keys() {
        terms_by_shard
            .entry(shard_key(term))
            .or_default()
            .push(term);
    }
    let keys: std::collections::BTreeSet<&String> =
        words_by_shard.keys().chain(terms_by_shard.keys()).collect();
    keys.into_iter()
        .map(|key| {
            let mut terms = serde_json::Map::new();
            let mut docs = serde_json::Map::new();
            for term in terms_by_shard.get(key).into_iter().flatten() {
                let lists = &postings[*term];
                terms.insert(
                    term.to_string(),
                    json!(lists.iter().map(|list| encode(list)).collect::<Vec<_>>()),
                );
                for doc in stats.top_documents(lists, TOP_PER_TERM) {
                    let d = &index.docs[doc as usize];
                    docs.entry(doc.to_string())
                        .or_insert_with(|| json!([d.label, d.url, d.kind]));
                }
            }
            let shard = json!({
                "words": words_by_shard.get(key).cloned().unwrap_or_default(),
                "terms": terms,
                "docs": docs,
            });
            (key.clone(), shard)
        })
        .collect()
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

fn manifest(index: &SearchIndex, stats: &Stats, shards: &[&String]) -> Vec<u8> {
    let fields: Vec<Value> = FIELDS
        .iter()
        .zip(stats.total_tokens)
        .map(|((name, boost), tokens)| json!([name, boost, tokens]))
        .collect();
    let manifest = json!({
        "version": 1,
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

/// The statistics BM25 needs, computed as tantivy computes them (in f32).
struct Stats {
    docs: u64,
    total_tokens: [u64; 3],
}

impl Stats {
    fn new(docs: u64, total_tokens: [u64; 3]) -> Stats {
        Stats { docs, total_tokens }
    }

    /// The documents a one-term query ranks highest, by BM25 over every field.
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
