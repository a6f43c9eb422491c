//! Each term's postings as impacts, from the tantivy index: the term's BM25 score in each
//! document (every field with its boost, as tantivy scores it), stored as a fraction of the
//! term's top impact in one byte; the head (the highest impacts) and the tail; the section of a
//! long page where the term is used most; and cards for the term's best documents.

use std::collections::BTreeMap;

use tantivy::postings::{Postings, TermInfo};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, SegmentReader, TERMINATED};

use super::format::{
    self, CARDS, Card, HEAD, IN_TITLE, PackTerm, Posting, SECTION_MASK, Tail, shard_key,
};
use super::{FIELDS, SearchIndex};

/// BM25's parameters, as tantivy sets them.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// What BM25 needs to know about the whole index.
pub struct Stats {
    pub docs: u32,
    /// Each field's average length in tokens.
    pub average: [f32; 3],
}

/// A term ready to export: its dictionary facts, its pack entry and its tail file's bytes
/// (encoded at once: a common term's tail is most of its postings).
pub struct TermPostings {
    pub term: String,
    pub df: u32,
    pub pack: PackTerm,
    pub tail: Option<Vec<u8>>,
}

/// Every term whose first two characters are `key`, in order.
pub fn terms(
    index: &SearchIndex,
    segment: &SegmentReader,
    stats: &Stats,
    key: &str,
) -> tantivy::Result<Vec<TermPostings>> {
    term_matches(index, segment, stats, key)?
        .into_iter()
        .map(|(term, found)| {
            let mut split = split_head(found.matches);
            if let Some(info) = found.body {
                mark_sections(index, segment, &info, &mut split.head)?;
            }
            let cards = cards(index, &split.best);
            Ok(TermPostings {
                term,
                df: split.df,
                pack: PackTerm {
                    top: split.top,
                    tail: split.tail.postings.len() as u32,
                    head: split.head,
                    cards,
                },
                tail: (!split.tail.postings.is_empty()).then(|| split.tail.encode()),
            })
        })
        .collect()
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

/// A term's matches in document order, and where its body postings are (to find sections).
#[derive(Default)]
struct TermMatches {
    matches: Vec<Match>,
    body: Option<TermInfo>,
}

/// Every term starting with `key`, with its matches: the impact summed over the fields (title, headings,
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

/// A term's matches split into head and tail, each in document order.
struct Split {
    df: u32,
    top: f32,
    head: Vec<Posting>,
    tail: Tail,
    /// The documents with the highest impacts, best first, for cards.
    best: Vec<u32>,
}

/// The head holds the [`HEAD`] matches with the highest impact level (the lower document
/// first among equals, as the engine ranks them); the rest is the tail.
fn split_head(list: Vec<Match>) -> Split {
    let top = list.iter().map(|m| m.impact).fold(0.0f32, f32::max);
    let df = list.len() as u32;
    let mut postings: Vec<Posting> = list
        .into_iter()
        .map(|m| Posting {
            doc: m.doc,
            impact: quantise(m.impact, top),
            flags: m.flags,
        })
        .collect();
    postings.sort_by(|a, b| b.impact.cmp(&a.impact).then(a.doc.cmp(&b.doc)));
    let best = postings.iter().take(CARDS).map(|p| p.doc).collect();
    let mut tail = if postings.len() > HEAD {
        postings.split_off(HEAD)
    } else {
        Vec::new()
    };
    for posting in &mut tail {
        posting.flags = 0;
    }
    tail.sort_by_key(|p| p.doc);
    postings.sort_by_key(|p| p.doc);
    Split {
        df,
        top,
        tail: Tail { postings: tail },
        head: postings,
        best,
    }
}

/// Cards for the term's best documents: what a suggestion shows.
fn cards(index: &SearchIndex, best: &[u32]) -> Vec<Card> {
    best.iter()
        .map(|&doc| {
            let found = &index.docs[doc as usize];
            Card {
                doc,
                title: found.label.clone(),
                url: found.url.clone(),
                kind: super::export::kind_number(found.kind),
            }
        })
        .collect()
}

/// An impact as a fraction of the term's top impact, 1 to 255.
fn quantise(impact: f32, top: f32) -> u8 {
    let levels = f32::from(format::IMPACT_LEVELS);
    ((impact / top * levels).round() as u8).max(1)
}
