//! Runs of documents indexed apart ([`Chunk`]s), put together into one [`Inverted`] index:
//! each chunk's terms are in byte order, so they are merged as sorted lists are, a term's
//! postings copied once into a list of the size they fill. The terms are cut into as many
//! ranges as there are threads, each merged on its own.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::ops::Range;

use rayon::prelude::*;

use super::chunk::{Chunk, StringList};
use super::inverted::{BODY, FIELD_COUNT, Inverted, Occurrence, TermLists};

/// The chunks' index, each chunk's documents numbered after the last chunk's.
pub fn join(chunks: Vec<Chunk>) -> Inverted {
    let mut first_docs = Vec::with_capacity(chunks.len());
    let mut lengths: [Vec<u32>; FIELD_COUNT] = Default::default();
    let mut docs = 0;
    for chunk in &chunks {
        first_docs.push(docs);
        docs += chunk.docs;
        for (field, chunk_lengths) in chunk.lengths.iter().enumerate() {
            lengths[field].extend_from_slice(chunk_lengths);
        }
    }
    let term_lists: Vec<&StringList> = chunks.iter().map(|chunk| &chunk.terms).collect();
    let word_lists: Vec<&StringList> = chunks.iter().map(|chunk| &chunk.words).collect();
    let ((terms, lists), words) = rayon::join(
        || {
            let slices = slices(&term_lists, rayon::current_num_threads());
            let merged: Vec<(Vec<String>, Vec<TermLists>)> = slices
                .into_par_iter()
                .map(|ranges| merge_terms(&chunks, &first_docs, &ranges))
                .collect();
            let (terms, lists): (Vec<_>, Vec<_>) = merged.into_iter().unzip();
            (terms.concat(), lists.into_iter().flatten().collect())
        },
        || {
            let mut words = Vec::new();
            merge(&word_lists, &whole(&word_lists), |word, _| {
                words.push(word.to_string())
            });
            words
        },
    );
    Inverted::of(terms, lists, lengths, words)
}

/// Every string of each list.
fn whole(lists: &[&StringList]) -> Vec<Range<usize>> {
    lists.iter().map(|list| 0..list.len()).collect()
}

/// The lists cut into `count` slices of strings, each slice a range of each list: the cuts
/// fall at strings of the longest list, so each slice has about as many.
fn slices(lists: &[&StringList], count: usize) -> Vec<Vec<Range<usize>>> {
    let Some(longest) = lists.iter().max_by_key(|list| list.len()) else {
        return Vec::new();
    };
    let count = count.clamp(1, longest.len().max(1));
    let cuts: Vec<&str> = (1..count)
        .map(|n| longest.get(n * longest.len() / count))
        .collect();
    let bounds = |list: &StringList| -> Vec<usize> {
        let inner = cuts.iter().map(|cut| list.partition_point(cut));
        std::iter::once(0)
            .chain(inner)
            .chain([list.len()])
            .collect()
    };
    let bounds: Vec<Vec<usize>> = lists.iter().map(|list| bounds(list)).collect();
    (0..count)
        .map(|slice| {
            let range = |b: &Vec<usize>| b[slice]..b[slice + 1];
            bounds.iter().map(range).collect()
        })
        .collect()
}

/// The terms at `ranges` of the chunks, each with its lists.
fn merge_terms(
    chunks: &[Chunk],
    first_docs: &[u32],
    ranges: &[Range<usize>],
) -> (Vec<String>, Vec<TermLists>) {
    let term_lists: Vec<&StringList> = chunks.iter().map(|chunk| &chunk.terms).collect();
    let (mut terms, mut lists) = (Vec::new(), Vec::new());
    merge(&term_lists, ranges, |term, holders| {
        terms.push(term.to_string());
        lists.push(term_lists_of(chunks, first_docs, holders));
    });
    (terms, lists)
}

/// One term's lists: the postings of each chunk that has it (`holders`: the chunk and the
/// term's place in it), in the chunks' order.
fn term_lists_of(chunks: &[Chunk], first_docs: &[u32], holders: &[(usize, usize)]) -> TermLists {
    let mut lists = TermLists::default();
    for (field, list) in lists.fields.iter_mut().enumerate() {
        let size = holders
            .iter()
            .map(|&(chunk, term)| chunks[chunk].postings(field, term).len())
            .sum();
        list.reserve_exact(size);
        for &(chunk, term) in holders {
            let first_doc = first_docs[chunk];
            list.extend(
                chunks[chunk]
                    .postings(field, term)
                    .iter()
                    .map(|o| Occurrence {
                        doc: o.doc + first_doc,
                        freq: o.freq,
                    }),
            );
        }
    }
    lists.body_sections.reserve_exact(lists.fields[BODY].len());
    for &(chunk, term) in holders {
        let sections = chunks[chunk].body_sections(term);
        lists.body_sections.extend_from_slice(sections);
    }
    lists
}

/// Walks the sorted lists' strings at `ranges` in byte order: calls `each` once for each
/// distinct string, with every list that has it (the list and the string's place in it), in
/// the lists' order.
fn merge<'a>(
    lists: &[&'a StringList],
    ranges: &[Range<usize>],
    mut each: impl FnMut(&'a str, &[(usize, usize)]),
) {
    let mut heads: BinaryHeap<Reverse<(&str, usize, usize)>> = ranges
        .iter()
        .enumerate()
        .filter(|(_, range)| !range.is_empty())
        .map(|(list, range)| Reverse((lists[list].get(range.start), list, range.start)))
        .collect();
    let mut holders = Vec::new();
    while let Some(Reverse((string, list, place))) = heads.pop() {
        holders.clear();
        holders.push((list, place));
        while let Some(Reverse((next, ..))) = heads.peek()
            && *next == string
        {
            let Some(Reverse((_, list, place))) = heads.pop() else {
                break;
            };
            holders.push((list, place));
        }
        holders.sort_unstable();
        each(string, &holders);
        for &(list, place) in &holders {
            if place + 1 < ranges[list].end {
                heads.push(Reverse((lists[list].get(place + 1), list, place + 1)));
            }
        }
    }
}
