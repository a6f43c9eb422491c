//! Each term's postings as impacts, from the tantivy index: the term's BM25 score in each
//! document (every field with its boost, as tantivy scores it), stored as a fraction of the
//! term's top impact in one byte; the head (the highest impacts) and the tail; the section of a
//! long page where the term is used most; and cards for the term's best documents.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::InvertedIndexReader;
use tantivy::postings::{Postings, TermInfo};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, TERMINATED};

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
pub fn terms(index: &SearchIndex, stats: &Stats, key: &str) -> tantivy::Result<Vec<TermPostings>> {
    term_matches(index, stats, key)?
        .into_iter()
        .map(|(term, found)| {
            let mut split = split_head(found.matches);
            if !found.body.is_empty() {
                mark_sections(index, &found.body, &mut split.head)?;
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

/// A term's matches in document order, and where its body postings are in each part that
/// has them (to find sections).
#[derive(Default)]
struct TermMatches {
    matches: Vec<Match>,
    body: Vec<(usize, TermInfo)>,
}

/// Every term starting with `key`, with its matches: the impact summed over the fields (title, headings,
/// body, in that order) and whether the title has it.
fn term_matches(
    index: &SearchIndex,
    stats: &Stats,
    key: &str,
) -> tantivy::Result<BTreeMap<String, TermMatches>> {
    let mut by_term: BTreeMap<String, TermMatches> = BTreeMap::new();
    for (slot, field) in index.fields.iter().enumerate() {
        let inverted = index
            .parts
            .iter()
            .map(|part| part.segment().inverted_index(*field))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let norms = index
            .parts
            .iter()
            .map(|part| part.segment().get_fieldnorms_reader(*field))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let flags = if slot == 0 { IN_TITLE } else { 0 };
        for (term, infos) in terms_in_parts(&inverted, key)? {
            // The idf counts the documents of every part, as one index would.
            let df = infos.iter().map(|(_, info)| info.doc_freq).sum();
            let weight = bm25_weight(stats, df, FIELDS[slot].1);
            let found = by_term.entry(term).or_default();
            for (part, info) in &infos {
                let first_doc = index.parts[*part].first_doc;
                let mut postings = inverted[*part]
                    .read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
                let mut doc = postings.doc();
                while doc != TERMINATED {
                    let tf = postings.term_freq() as f32;
                    let norm = norms[*part].fieldnorm(doc) as f32;
                    let length = K1 * (1.0 - B + B * norm / stats.average[slot]);
                    found.matches.push(Match {
                        doc: first_doc + doc,
                        impact: weight * (tf / (tf + length)),
                        flags,
                    });
                    doc = postings.advance();
                }
            }
            if FIELDS[slot].0 == super::index::BODY {
                found.body = infos;
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

/// Every term of one field starting with `key`, with where its postings are in each part that
/// has it (by the part's number), in part order.
fn terms_in_parts(
    inverted: &[Arc<InvertedIndexReader>],
    key: &str,
) -> tantivy::Result<BTreeMap<String, Vec<(usize, TermInfo)>>> {
    let mut found: BTreeMap<String, Vec<(usize, TermInfo)>> = BTreeMap::new();
    for (part, inverted) in inverted.iter().enumerate() {
        let mut stream = inverted
            .terms()
            .range()
            .ge(key.as_bytes())
            .lt(successor(key))
            .into_stream()?;
        while stream.advance() {
            let term = String::from_utf8_lossy(stream.key());
            if shard_key(&term) != key {
                continue;
            }
            found
                .entry(term.into_owned())
                .or_default()
                .push((part, stream.value().clone()));
        }
    }
    Ok(found)
}

/// Marks each head posting of a long page with the section where the term is used most. Only
/// the head's few documents are read with positions, from the parts (`body`: the term's place
/// in each part's body field) that hold them.
fn mark_sections(
    index: &SearchIndex,
    body: &[(usize, TermInfo)],
    head: &mut [Posting],
) -> tantivy::Result<()> {
    let long = |posting: &&mut Posting| index.sectioned[posting.doc as usize];
    if !head.iter_mut().any(|p| long(&p)) {
        return Ok(());
    }
    let field = index.fields[FIELDS
        .iter()
        .position(|(name, _)| *name == super::index::BODY)
        .expect("a body field")];
    let mut positions = Vec::new();
    for (part, info) in body {
        let part = &index.parts[*part];
        let mut postings = part
            .segment()
            .inverted_index(field)?
            .read_postings_from_terminfo(info, IndexRecordOption::WithFreqsAndPositions)?;
        let (first, end) = (part.first_doc, part.first_doc + part.segment().max_doc());
        let in_part = head
            .iter_mut()
            .filter(|p| (first..end).contains(&p.doc))
            .filter(|p| long(p));
        for posting in in_part {
            let doc = posting.doc - first;
            // A head document may have the term in its title or headings only.
            if postings.doc() <= doc && postings.seek(doc) == doc {
                positions.clear();
                postings.positions(&mut positions);
                posting.flags |=
                    best_section(&index.docs[posting.doc as usize].sections, &positions);
            }
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
    // Only the text before the first section and the sections themselves can have counts.
    let best = counts[..=sections.len()]
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
