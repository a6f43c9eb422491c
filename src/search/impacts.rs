//! Each term's postings as impacts, from the inverted index: the term's BM25 score in each
//! document (every field with its boost, as tantivy scores it), stored as a fraction of the
//! term's top impact in one byte; the head (the highest impacts) and the tail; the section of a
//! long page where the term is used most; and cards for the term's best documents.

use std::ops::Range;

use super::format::{self, CARDS, Card, HEAD, IN_TITLE, PackTerm, Posting, Tail};
use super::inverted::{TITLE, TermLists};
use super::{FIELDS, SearchIndex};

/// BM25's parameters, as tantivy sets them.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// What BM25 needs to know about the whole index.
pub struct Stats {
    docs: u32,
    /// By field, each document's length as BM25 weighs it against the field's average:
    /// worked out once per document, not once per term in it.
    lengths: [Vec<f32>; 3],
}

impl Stats {
    pub fn of(index: &SearchIndex) -> Stats {
        let docs = index.docs.len() as u32;
        let lengths = std::array::from_fn(|field| {
            let average = index.inverted.total_tokens(field) as f32 / docs as f32;
            (0..docs)
                .map(|doc| {
                    let norm = index.inverted.norm(field, doc) as f32;
                    K1 * (1.0 - B + B * norm / average)
                })
                .collect()
        });
        Stats { docs, lengths }
    }
}

/// A term ready to export: its dictionary facts, its pack entry and its tail file's bytes
/// (encoded at once: a common term's tail is most of its postings).
pub struct TermPostings {
    pub term: String,
    pub df: u32,
    pub pack: PackTerm,
    pub tail: Option<Vec<u8>>,
}

/// The terms at `range` of the index's terms (those of one pair of first letters), in order.
pub fn terms(index: &SearchIndex, stats: &Stats, range: Range<usize>) -> Vec<TermPostings> {
    range
        .map(|term| {
            let lists = index.inverted.lists(term);
            let mut split = split_head(matches(stats, lists));
            mark_sections(index, lists, &mut split.head);
            let cards = cards(index, &split.best);
            TermPostings {
                term: index.inverted.terms()[term].clone(),
                df: split.df,
                pack: PackTerm {
                    top: split.top,
                    tail: split.tail.postings.len() as u32,
                    head: split.head,
                    cards,
                },
                tail: (!split.tail.postings.is_empty()).then(|| split.tail.encode()),
            }
        })
        .collect()
}

/// One term's match in one document, before quantising.
#[derive(Debug, Clone, Copy)]
struct Match {
    doc: u32,
    impact: f32,
    flags: u8,
}

/// A term's matches in document order: the impact summed over the fields (title, headings,
/// body, in that order) and whether the title has it.
fn matches(stats: &Stats, lists: &TermLists) -> Vec<Match> {
    let mut matches = Vec::new();
    for (slot, postings) in lists.fields.iter().enumerate() {
        if postings.is_empty() {
            continue;
        }
        let weight = bm25_weight(stats, postings.len() as u32, FIELDS[slot].1);
        let flags = if slot == TITLE { IN_TITLE } else { 0 };
        for occurrence in postings {
            let tf = occurrence.freq as f32;
            let length = stats.lengths[slot][occurrence.doc as usize];
            matches.push(Match {
                doc: occurrence.doc,
                impact: weight * (tf / (tf + length)),
                flags,
            });
        }
    }
    // A stable sort keeps each document's fields in order, so impacts add up as they did.
    matches.sort_by_key(|m| m.doc);
    matches.dedup_by(|later, earlier| {
        let same = later.doc == earlier.doc;
        if same {
            earlier.impact += later.impact;
            earlier.flags |= later.flags;
        }
        same
    });
    matches
}

/// Marks each head posting of a long page with the section where the term is used most.
fn mark_sections(index: &SearchIndex, lists: &TermLists, head: &mut [Posting]) {
    let long = |posting: &Posting| index.sectioned[posting.doc as usize];
    if !head.iter().any(long) {
        return;
    }
    // Both in document order; a head document may have the term in its title or headings only.
    let mut body = lists.body_sections().peekable();
    for posting in head.iter_mut().filter(|p| long(p)) {
        while body.next_if(|(doc, _)| *doc < posting.doc).is_some() {}
        if let Some((_, section)) = body.next_if(|(doc, _)| *doc == posting.doc) {
            posting.flags |= section;
        }
    }
}

/// tantivy's BM25 weight for a term in a field: its idf, times 1 + k1, times the field's boost.
fn bm25_weight(stats: &Stats, df: u32, boost: f32) -> f32 {
    let n = stats.docs as f32;
    let df = df as f32;
    let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    idf * (1.0 + K1) * boost
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
/// first among equals, as the engine ranks them); the rest is the tail. `list` is in document
/// order, and so are the head and the tail: the head is picked out, not sorted out, since a
/// common term has thousands of matches and only [`HEAD`] of them are its head.
fn split_head(list: Vec<Match>) -> Split {
    let top = coarse(list.iter().map(|m| m.impact).fold(0.0f32, f32::max));
    let df = list.len() as u32;
    let postings: Vec<Posting> = list
        .into_iter()
        .map(|m| Posting {
            doc: m.doc,
            impact: quantise(m.impact, top),
            flags: m.flags,
        })
        .collect();
    debug_assert!(postings.is_sorted_by_key(|p| p.doc));
    let rank = |p: &Posting| (std::cmp::Reverse(p.impact), p.doc);
    let (head, mut tail): (Vec<Posting>, Vec<Posting>) = match postings.len() {
        n if n > HEAD => {
            let mut ranks: Vec<_> = postings.iter().map(rank).collect();
            let last = *ranks.select_nth_unstable(HEAD - 1).1;
            postings.into_iter().partition(|p| rank(p) <= last)
        }
        _ => (postings, Vec::new()),
    };
    for posting in &mut tail {
        posting.flags = 0;
    }
    let mut ranked: Vec<_> = head.iter().map(rank).collect();
    ranked.sort_unstable();
    let best = ranked.iter().take(CARDS).map(|(_, doc)| *doc).collect();
    Split {
        df,
        top,
        tail: Tail { postings: tail },
        head,
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

/// How many significant bits of a term's top impact are kept.
const TOP_BITS: u32 = 10;

/// The top impact rounded up to [`TOP_BITS`] significant bits (at most 0.1% more, well within
/// the impacts' steps of 1/255). Editing one page moves every score of the site a little (the
/// average lengths change); rounded, most terms' packs stay byte for byte the same, so a
/// rebuild rewrites and a deploy uploads only the few that changed.
fn coarse(top: f32) -> f32 {
    const DROPPED: u32 = (1 << (f32::MANTISSA_DIGITS - 1 - TOP_BITS)) - 1;
    f32::from_bits((top.to_bits() + DROPPED) & !DROPPED)
}

/// An impact as a fraction of the term's top impact, 1 to 255.
fn quantise(impact: f32, top: f32) -> u8 {
    let levels = f32::from(format::IMPACT_LEVELS);
    ((impact / top * levels).round() as u8).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_top_impact_is_rounded_up_to_ten_significant_bits() {
        for top in [0.001f32, 0.37, 1.0, 2.5, 7.123_456, 12_345.678] {
            let rounded = coarse(top);
            assert!(
                rounded >= top && rounded <= top * (1.0 + 1.0 / 1024.0),
                "{top}"
            );
            assert_eq!(rounded.to_bits() & ((1 << 13) - 1), 0, "{top}");
        }
        assert_eq!(coarse(1.0), 1.0, "a value it can hold stays as it is");
        assert_eq!(
            coarse(7.123_456),
            coarse(7.123_457),
            "a change in the sixth figure is lost"
        );
    }
}
