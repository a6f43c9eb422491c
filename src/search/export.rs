//! The static index the browser and `signpost search` read, exported from the tantivy index in
//! the [`format`](super::format) the two share.
//!
//! Each term's postings become impacts: the term's BM25 score in the document (every field,
//! with its boost, as tantivy scores it), stored as a fraction of the term's top impact in one
//! byte. The postings with the highest impacts form the term's head, in its shard; the rest go
//! to a tail file a query fetches only when it needs every match. Shards are made in parallel,
//! one per leading pair of letters, so the whole index is never held in memory at once.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tantivy::postings::Postings;
use tantivy::postings::TermInfo;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, SegmentReader, TERMINATED};

use super::format::{
    self, FACETS_FILE, Facets, HEAD, Help, IN_TITLE, Manifest, MetaEntry, Posting, SECTION_MASK,
    Shard, Tail, TermEntry, TermRef, shard_file, shard_file_key, shard_key, tail_file,
};
use super::{FIELDS, SearchDoc, SearchIndex};
use crate::render::OutputFile;

/// The kinds of document, in the order the facets file numbers them.
pub const KINDS: [&str; 4] = ["guidance", "sign", "voice", "service"];

/// BM25's parameters, as tantivy sets them.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The exported files: `search/index.json`, and the rest under `search/HASH/`.
pub struct Export {
    pub files: Vec<OutputFile>,
}

/// What BM25 needs to know about the whole index.
struct Stats {
    docs: u32,
    /// Each field's average length in tokens.
    average: [f32; 3],
}

pub fn export(index: &SearchIndex) -> tantivy::Result<Export> {
    let searcher = index.reader.searcher();
    let segment = searcher.segment_reader(0);
    let docs = index.docs.len() as u32;
    let mut average = [0f32; 3];
    let mut keys: BTreeSet<String> = BTreeSet::new();
    for (slot, field) in index.fields.iter().enumerate() {
        let inverted = segment.inverted_index(*field)?;
        average[slot] = inverted.total_num_tokens() as f32 / docs as f32;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            keys.insert(shard_key(&String::from_utf8_lossy(stream.key())));
        }
    }
    let stats = Stats { docs, average };
    let surface = surface_terms(index, segment)?;
    let mut words_by_shard: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    for (word, term) in &surface {
        words_by_shard
            .entry(shard_key(word))
            .or_default()
            .push((word, term));
    }
    keys.extend(words_by_shard.keys().cloned());
    let keys: Vec<String> = keys.into_iter().collect();
    let shards: Vec<Vec<(String, Vec<u8>)>> = keys
        .par_iter()
        .map(|key| {
            let words = words_by_shard.get(key).map_or(&[][..], Vec::as_slice);
            shard_files(index, segment, &stats, key, words)
        })
        .collect::<tantivy::Result<_>>()?;
    let mut files: Vec<(String, Vec<u8>)> = shards.into_iter().flatten().collect();
    let bands = band_order(&index.docs);
    files.push((
        FACETS_FILE.to_string(),
        facets(&index.docs, &bands).encode(),
    ));
    files.extend(meta_chunks(&index.docs));
    files.extend(text_chunks(&index.docs));
    let base = format!("{}{}/", super::INDEX_URL, content_hash(&files));
    let manifest = manifest(index, &keys, &bands, base.clone());
    let mut files: Vec<OutputFile> = files
        .into_iter()
        .map(|(name, bytes)| {
            OutputFile::new(format!("{}{name}", base.trim_start_matches('/')), bytes)
        })
        .collect();
    files.push(OutputFile::new(
        format!("{}index.json", super::INDEX_URL.trim_start_matches('/')),
        serde_json::to_vec(&manifest).expect("manifest serialises"),
    ));
    Ok(Export { files })
}

/// Every word of the site as written (lower-cased), with the term tantivy indexed it as; and
/// the words of content/search/synonyms.yaml whose stem the site uses, though the word itself
/// may not appear ("teeth" finds "teething"): the browser has no stemmer to work that out.
fn surface_terms(
    index: &SearchIndex,
    segment: &SegmentReader,
) -> tantivy::Result<BTreeMap<String, String>> {
    let distinct: HashSet<String> = index
        .docs
        .par_iter()
        .fold(HashSet::new, |mut seen: HashSet<String>, doc| {
            for text in [doc.title.as_str(), doc.headings.as_str(), &doc.body] {
                for word in text.split(|c: char| !c.is_alphanumeric()) {
                    // Most words are seen before and already lower case: no allocation then.
                    if word.is_empty() || word.len() >= super::LONGEST_WORD || seen.contains(word) {
                        continue;
                    }
                    seen.insert(word.to_lowercase());
                }
            }
            seen
        })
        .reduce(HashSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    let mut surface: BTreeMap<String, String> = distinct
        .into_par_iter()
        .map_init(super::index::analyzer, |analyzer, word| {
            super::index::term_with(analyzer, &word).map(|term| (word, term))
        })
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
        for field in &index.fields {
            if segment
                .inverted_index(*field)?
                .terms()
                .get(term.as_bytes())?
                .is_some()
            {
                surface.insert(word.clone(), term);
                break;
            }
        }
    }
    Ok(surface)
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

/// One term's match in one document, before quantising.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    impact: f32,
    flags: u8,
}

/// A shard and the tail files of its terms.
fn shard_files(
    index: &SearchIndex,
    segment: &SegmentReader,
    stats: &Stats,
    key: &str,
    words: &[(&str, &str)],
) -> tantivy::Result<Vec<(String, Vec<u8>)>> {
    let terms = term_matches(index, segment, stats, key)?;
    let mut shard = Shard::default();
    let mut files = Vec::new();
    for (position, (term, found)) in terms.into_iter().enumerate() {
        let (mut entry, tail) = split_head(term, found.matches);
        if let Some(info) = found.body {
            mark_sections(index, segment, &info, &mut entry.head)?;
        }
        if !tail.postings.is_empty() {
            files.push((tail_file(key, position), tail.encode()));
        }
        shard.terms.push(entry);
    }
    shard.words = words
        .iter()
        .map(|(word, term)| {
            let reference = shard
                .terms
                .binary_search_by(|entry| entry.term.as_str().cmp(term))
                .map_or_else(
                    |_| TermRef::Elsewhere(term.to_string()),
                    |at| TermRef::Here(at as u32),
                );
            (word.to_string(), reference)
        })
        .collect();
    files.push((shard_file(key), shard.encode()));
    Ok(files)
}

/// A term's matches in document order, and where its body postings are (to find sections).
#[derive(Default)]
struct TermMatches {
    matches: Vec<Match>,
    body: Option<TermInfo>,
}

/// Every term of the shard with its matches: the impact summed over the fields (title, headings,
/// body, in that order) and whether the title has it.
fn term_matches(
    index: &SearchIndex,
    segment: &SegmentReader,
    stats: &Stats,
    key: &str,
) -> tantivy::Result<BTreeMap<String, TermMatches>> {
    let mut by_term: BTreeMap<String, TermMatches> = BTreeMap::new();
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
            let mut postings = inverted
                .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
            let weight = bm25_weight(stats, postings.doc_freq(), FIELDS[slot].1);
            let found = by_term.entry(term).or_default();
            if FIELDS[slot].0 == super::index::BODY {
                found.body = Some(stream.value().clone());
            }
            let flags = if slot == 0 { IN_TITLE } else { 0 };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let tf = postings.term_freq() as f32;
                let length = K1 * (1.0 - B + B * norms.fieldnorm(doc) as f32 / stats.average[slot]);
                found.matches.push(Match {
                    doc,
                    impact: weight * (tf / (tf + length)),
                    flags,
                });
                doc = postings.advance();
            }
        }
    }
    for found in by_term.values_mut() {
        // A stable sort keeps each document's fields in order, so impacts add up as they did.
        found.matches.sort_by_key(|m| m.doc);
        found.matches.dedup_by(|later, earlier| {
            let same = later.doc == earlier.doc;
            if same {
                earlier.impact += later.impact;
                earlier.flags |= later.flags;
            }
            same
        });
    }
    Ok(by_term)
}

/// Marks each head posting of a long page with the section where the term is used most. Only
/// the head's few documents are read with positions.
fn mark_sections(
    index: &SearchIndex,
    segment: &SegmentReader,
    body: &TermInfo,
    head: &mut [Posting],
) -> tantivy::Result<()> {
    let long = |posting: &&mut Posting| !index.docs[posting.doc as usize].sections.is_empty();
    if !head.iter_mut().any(|p| long(&p)) {
        return Ok(());
    }
    let field = index.fields[FIELDS
        .iter()
        .position(|(name, _)| *name == super::index::BODY)
        .expect("a body field")];
    let mut postings = segment
        .inverted_index(field)?
        .read_postings_from_terminfo(body, IndexRecordOption::WithFreqsAndPositions)?;
    let mut positions = Vec::new();
    for posting in head.iter_mut().filter(|p| long(p)) {
        // A head document may have the term in its title or headings only.
        if postings.doc() <= posting.doc && postings.seek(posting.doc) == posting.doc {
            positions.clear();
            postings.positions(&mut positions);
            posting.flags |= best_section(&index.docs[posting.doc as usize].sections, &positions);
        }
    }
    Ok(())
}

/// tantivy's BM25 weight for a term in a field: its idf, times 1 + k1, times the field's boost.
fn bm25_weight(stats: &Stats, df: u32, boost: f32) -> f32 {
    let n = stats.docs as f32;
    let df = df as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    idf * (1.0 + K1) * boost
}

/// The section (1-based) holding most of a term's positions, or 0 when that is the text before
/// the first section.
fn best_section(sections: &[super::documents::DocSection], positions: &[u32]) -> u8 {
    let mut counts = [0u32; SECTION_MASK as usize + 1];
    let sections = &sections[..sections.len().min(SECTION_MASK as usize)];
    for &position in positions {
        let section = sections.partition_point(|s| s.start <= position);
        counts[section] += 1;
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))
        .map_or(0, |(section, _)| section);
    (best as u8) & SECTION_MASK
}

/// The term's entry with its head, and its tail: the head holds the [`HEAD`] matches with
/// the highest impact (the earlier document first among equals), each list in document order.
fn split_head(term: String, mut list: Vec<Match>) -> (TermEntry, Tail) {
    let top = list.iter().map(|m| m.impact).fold(0.0f32, f32::max);
    let df = list.len() as u32;
    list.sort_by(|a, b| b.impact.total_cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let rest = if list.len() > HEAD {
        list.split_off(HEAD)
    } else {
        Vec::new()
    };
    let postings = |matches: Vec<Match>, with_flags: bool| -> Vec<Posting> {
        let mut postings: Vec<Posting> = matches
            .into_iter()
            .map(|m| Posting {
                doc: m.doc,
                impact: quantise(m.impact, top),
                flags: if with_flags { m.flags } else { 0 },
            })
            .collect();
        postings.sort_by_key(|p| p.doc);
        postings
    };
    let tail = Tail {
        postings: postings(rest, false),
    };
    let entry = TermEntry {
        term,
        df,
        top,
        head: postings(list, true),
        tail: tail.postings.len() as u32,
    };
    (entry, tail)
}

/// An impact as a fraction of the term's top impact, 1 to 255.
fn quantise(impact: f32, top: f32) -> u8 {
    let levels = f32::from(format::IMPACT_LEVELS);
    ((impact / top * levels).round() as u8).max(1)
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
                let kind = KINDS.iter().position(|k| *k == doc.kind).unwrap_or(0) as u8;
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

fn meta_chunks(docs: &[SearchDoc]) -> Vec<(String, Vec<u8>)> {
    docs.chunks(format::META_CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let entries: Vec<MetaEntry> = chunk
                .iter()
                .map(|doc| {
                    MetaEntry(
                        doc.label.clone(),
                        doc.url.clone(),
                        KINDS.iter().position(|k| *k == doc.kind).unwrap_or(0) as u8,
                        doc.sections
                            .iter()
                            .map(|s| (s.anchor.clone(), s.heading.clone()))
                            .collect(),
                    )
                })
                .collect();
            (
                format::meta_file((n * format::META_CHUNK) as u32),
                serde_json::to_vec(&entries).expect("meta serialises"),
            )
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
        shards: keys.iter().map(|k| shard_file_key(k)).collect(),
        kinds: KINDS.iter().map(|k| k.to_string()).collect(),
        bands: bands.to_vec(),
        stop_words: super::index::STOP_WORDS
            .iter()
            .map(|w| w.to_string())
            .collect(),
        synonyms: synonyms.phrases.clone(),
        misspellings: synonyms.misspellings.clone(),
        help: Help {
            phrases: synonyms.help.phrases.clone(),
            docs: help_docs,
        },
    }
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
