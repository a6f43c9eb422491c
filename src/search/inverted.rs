//! The inverted index the export reads: each term's documents in each field with its
//! frequency in each, the section of a long page that uses it most, and each field's length in
//! every document. Built in memory with the site's tantivy analyser, holding what tantivy's
//! index would (a test compares the two), without what the export never reads: tantivy's
//! writer compresses and serialises a segment that the export then decompressed again, and
//! keeps every position of every word, where the export needs one section per page.

use serde::{Deserialize, Serialize};
use tantivy::fieldnorm::FieldNormReader;

use super::FIELDS;

/// The number of fields, each a slot in [`FIELDS`].
pub const FIELD_COUNT: usize = FIELDS.len();

/// The slots of the fields in [`FIELDS`]: a word in the title counts most, and the body's words
/// are counted by section.
pub const TITLE: usize = 0;
pub const HEADINGS: usize = 1;
pub const BODY: usize = 2;

/// A term's postings in one field: the documents that have it, in order, each with how many
/// times.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    pub doc: u32,
    pub freq: u32,
}

/// Everything indexed about one term.
#[derive(Debug, Default)]
pub struct TermLists {
    /// By field slot.
    pub fields: [Vec<Occurrence>; FIELD_COUNT],
    /// For each of `fields[BODY]`, in order: the section of the page (1-based, or 0 for the
    /// text before the first) that has the term most often, the earliest among equals; 0 on a
    /// page without sections.
    pub(super) body_sections: Vec<u8>,
}

impl TermLists {
    /// Each document with the term in its body, with the section that has it most.
    pub fn body_sections(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        let docs = self.fields[BODY].iter().map(|occurrence| occurrence.doc);
        docs.zip(self.body_sections.iter().copied())
    }
}

pub struct Inverted {
    /// Every term, in byte order.
    terms: Vec<String>,
    /// Each term's postings, in the order of `terms`.
    lists: Vec<TermLists>,
    /// Each field's length in tokens in each document.
    lengths: [Vec<u32>; FIELD_COUNT],
    /// Every word of the documents as the browser looks it up (lower-cased), once each and in
    /// byte order (stop words too).
    words: Vec<String>,
}

impl Inverted {
    /// The documents indexed `part_docs` at a time, each part on a thread of its own, then
    /// put together: for tests, which compare indexes cut in different places (a build cuts
    /// runs where [`runs`](super::cache::runs) says).
    #[cfg(test)]
    pub fn build(
        docs: &[super::SearchDoc],
        language: &super::SearchLanguage,
        part_docs: usize,
    ) -> Self {
        use super::chunk::{Chunk, Reader};
        use rayon::prelude::*;
        let chunks: Vec<Chunk> = docs
            .par_chunks(part_docs)
            .map_init(
                || Reader::new(language),
                |reader, run| Chunk::index(run, reader),
            )
            .collect();
        super::join::join(chunks)
    }

    /// An index of these terms (in byte order), each with its lists; the documents' lengths;
    /// and every word the documents have.
    pub(super) fn of(
        terms: Vec<String>,
        lists: Vec<TermLists>,
        lengths: [Vec<u32>; FIELD_COUNT],
        words: Vec<String>,
    ) -> Self {
        Inverted {
            terms,
            lists,
            lengths,
            words,
        }
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Every word of the documents, lower-cased, once each and in byte order.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    pub fn lists(&self, term: usize) -> &TermLists {
        &self.lists[term]
    }

    /// The position of `term` in [`Inverted::terms`], if any document has it.
    pub fn find(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }

    /// The field's tokens in every document together.
    pub fn total_tokens(&self, field: usize) -> u64 {
        self.lengths[field].iter().map(|&n| u64::from(n)).sum()
    }

    /// The field's length in `doc` as BM25 reads it: rounded to one of 256 steps, as tantivy
    /// (and Lucene) store it.
    pub fn norm(&self, field: usize, doc: u32) -> u32 {
        let length = self.lengths[field][doc as usize];
        FieldNormReader::id_to_fieldnorm(FieldNormReader::fieldnorm_to_id(length))
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use tantivy::postings::Postings;
    use tantivy::schema::IndexRecordOption;
    use tantivy::{DocSet, TERMINATED};

    use super::*;
    use crate::content::page::Audience;
    use crate::search::documents::DocSection;
    use crate::search::format::SECTION_MASK;
    use crate::search::index::tantivy_index;
    use crate::search::{SearchDoc, SearchLanguage};

    const ENGLISH: &str = "The child's teeth were hurting, and nobody took them to the dentist. \
        She is often HUNGRY at school; her clothes are too small and not warm enough in winter. \
        Neglect is the persistent failure to meet a child's basic physical or psychological needs. \
        Pneumonoultramicroscopicsilicovolcanoconiosisandmoreletters is dropped, 2025 is kept.";
    const RUSSIAN: &str = "Ребёнок часто голоден в школе, его одежда слишком мала. \
        Пренебрежение нуждами детей: врачи, учителя и соседи могут помочь.";

    /// Documents cut from `text` at different places, with headings and sections some of
    /// the time and a repeated word, so terms recur within and across documents and parts.
    /// Every tenth is long, with more sections than a posting can name.
    fn docs(text: &str, count: usize) -> Vec<SearchDoc<'static>> {
        let words: Vec<&str> = text.split(' ').collect();
        (0..count)
            .map(|i| {
                let start = i % words.len();
                let length = if i % 10 == 0 {
                    2_000
                } else {
                    3 + (i * 7) % words.len()
                };
                let body: Vec<&str> = words
                    .iter()
                    .cycle()
                    .skip(start)
                    .take(length)
                    .copied()
                    .collect();
                SearchDoc {
                    title: words[(i * 3) % words.len()].to_string(),
                    label: String::new(),
                    headings: if i % 4 == 0 {
                        String::new()
                    } else {
                        body[..2].join(" ")
                    },
                    body: Cow::Owned(format!("{} {}", body.join(" "), body[0])),
                    kind: "guidance",
                    url: format!("/page-{i}/"),
                    bands: Vec::new(),
                    categories: Vec::new(),
                    audience: Audience::Public,
                    excerpt: String::new(),
                    sections: sections(i),
                }
            })
            .collect()
    }

    fn sections(page: usize) -> Vec<DocSection> {
        let starts: Vec<u32> = match page % 10 {
            0 => (0..200).map(|n| 3 + n * 9).collect(),
            3 | 6 => vec![2, 5, 9],
            _ => Vec::new(),
        };
        let section = |start| DocSection {
            anchor: String::new(),
            heading: String::new(),
            start,
        };
        starts.into_iter().map(section).collect()
    }

    /// The section (1-based, 0 before the first) holding most of `positions`, the earliest
    /// among equals, counting only the sections a posting can name: worked out the long way.
    fn most_used_section(sections: &[DocSection], positions: &[u32]) -> u8 {
        if sections.is_empty() {
            return 0;
        }
        let sections = &sections[..sections.len().min(usize::from(SECTION_MASK))];
        let mut counts = vec![0u32; sections.len() + 1];
        for &position in positions {
            counts[sections.partition_point(|s| s.start <= position)] += 1;
        }
        let most = *counts.iter().max().unwrap();
        counts.iter().position(|&count| count == most).unwrap() as u8
    }

    /// Every term's documents and frequencies, every field's lengths and total, compared with
    /// tantivy's index of the same documents; and the section each page uses a term most in,
    /// compared with what tantivy's positions say.
    fn assert_same_as_tantivy(docs: &[SearchDoc], language: &SearchLanguage, part_docs: usize) {
        let ours = Inverted::build(docs, language, part_docs);
        let (searcher, fields) = tantivy_index(docs, language).unwrap();
        let segment = searcher.segment_reader(0);
        for (slot, field) in fields.iter().enumerate() {
            let theirs = segment.inverted_index(*field).unwrap();
            assert_eq!(
                ours.total_tokens(slot),
                theirs.total_num_tokens(),
                "field {slot}"
            );
            let norms = segment.get_fieldnorms_reader(*field).unwrap();
            for doc in 0..docs.len() as u32 {
                assert_eq!(ours.norm(slot, doc), norms.fieldnorm(doc), "doc {doc}");
            }
            let mut their_terms = Vec::new();
            let mut stream = theirs.terms().stream().unwrap();
            while stream.advance() {
                let term = String::from_utf8(stream.key().to_vec()).unwrap();
                let record = IndexRecordOption::WithFreqsAndPositions;
                let mut postings = theirs
                    .read_postings_from_terminfo(stream.value(), record)
                    .unwrap();
                let (mut occurrences, mut positions) = (Vec::new(), Vec::new());
                while postings.doc() != TERMINATED {
                    let (doc, freq) = (postings.doc(), postings.term_freq());
                    occurrences.push(Occurrence { doc, freq });
                    let mut these = Vec::new();
                    postings.positions(&mut these);
                    let sections = &docs[doc as usize].sections;
                    positions.push((doc, most_used_section(sections, &these)));
                    postings.advance();
                }
                let lists = ours.lists(ours.find(&term).expect("tantivy's term is ours"));
                assert_eq!(lists.fields[slot], occurrences, "{term:?} in field {slot}");
                if slot == BODY {
                    let ours: Vec<(u32, u8)> = lists.body_sections().collect();
                    assert_eq!(ours, positions, "{term:?}");
                }
                their_terms.push(term);
            }
            let our_terms: Vec<&String> = (0..ours.terms().len())
                .filter(|&term| !ours.lists(term).fields[slot].is_empty())
                .map(|term| &ours.terms()[term])
                .collect();
            assert_eq!(
                our_terms,
                their_terms.iter().collect::<Vec<_>>(),
                "field {slot}"
            );
        }
    }

    #[test]
    fn holds_what_tantivys_own_index_holds_in_one_part_or_several() {
        let english = SearchLanguage::english();
        let russian = SearchLanguage::new("ru", &[]);
        for part_docs in [1_000, 97, 1] {
            assert_same_as_tantivy(&docs(ENGLISH, 300), &english, part_docs);
            assert_same_as_tantivy(&docs(RUSSIAN, 120), &russian, part_docs);
        }
    }

    #[test]
    fn a_field_with_no_words_has_length_zero() {
        let mut docs = docs(ENGLISH, 3);
        docs[1].headings = "the and of".into();
        let index = Inverted::build(&docs, &SearchLanguage::english(), 10);
        assert_eq!(index.norm(1, 0), 0);
        assert_eq!(index.norm(1, 1), 0);
        assert!(index.find("the").is_none());
        assert!(index.find("child").is_some());
    }
}
