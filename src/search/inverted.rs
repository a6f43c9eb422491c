//! The inverted index the export reads: each term's documents in each field with its
//! frequency in each, the section of a long page that uses it most, and each field's length in
//! every document. Built in memory with the site's tantivy analyser, holding what tantivy's
//! index would (a test compares the two), without what the export never reads: tantivy's
//! writer compresses and serialises a segment that the export then decompressed again, and
//! keeps every position of every word, where the export needs one section per page.

use compact_str::CompactString;
use foldhash::{HashMap, HashSet};
use rayon::prelude::*;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};

use super::documents::DocSection;
use super::format::SECTION_MASK;
use super::index::term_with;
use super::language::tokenizer;
use super::{FIELDS, SearchDoc, SearchLanguage};

/// The number of fields, each a slot in [`FIELDS`].
pub const FIELD_COUNT: usize = FIELDS.len();

/// The slots of the fields in [`FIELDS`]: a word in the title counts most, and the body's words
/// are counted by section.
pub const TITLE: usize = 0;
pub const HEADINGS: usize = 1;
pub const BODY: usize = 2;

/// A term's postings in one field: the documents that have it, in order, each with how many
/// times.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
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
    body_sections: Vec<u8>,
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
    /// Every word as written in the documents, once each (stop words too).
    words: Vec<String>,
}

impl Inverted {
    /// The documents indexed `part_docs` at a time, each part on a thread of its own, then
    /// put together.
    pub fn build(docs: &[SearchDoc], language: &SearchLanguage, part_docs: usize) -> Self {
        let built: Vec<Part> = docs
            .par_chunks(part_docs)
            .enumerate()
            .map(|(n, chunk)| {
                let mut reader = Reader {
                    words: tokenizer(),
                    analyzer: language.analyzer(),
                };
                Part::index(chunk, (n * part_docs) as u32, &mut reader)
            })
            .collect();
        Self::join(built)
    }

    /// The parts' terms merged, in byte order; each part holds later documents than the last.
    fn join(parts: Vec<Part>) -> Self {
        let mut words: HashSet<String> = HashSet::default();
        let mut whole: Option<Part> = None;
        for mut part in parts {
            words.extend(
                std::mem::take(&mut part.words)
                    .into_keys()
                    .map(String::from),
            );
            match &mut whole {
                Some(whole) => whole.append(part),
                None => whole = Some(part),
            }
        }
        let Part {
            ids,
            mut lists,
            lengths,
            ..
        } = whole.unwrap_or_default();
        let mut by_term: Vec<(String, TermLists)> = ids
            .into_iter()
            .map(|(term, id)| (term, std::mem::take(&mut lists[id as usize])))
            .collect();
        by_term.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        // Held through the export: the room each list grew into and did not fill goes back.
        for (_, lists) in &mut by_term {
            lists.fields.iter_mut().for_each(Vec::shrink_to_fit);
            lists.body_sections.shrink_to_fit();
        }
        let (terms, lists) = by_term.into_iter().unzip();
        Inverted {
            terms,
            lists,
            lengths,
            words: words.into_iter().collect(),
        }
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Every word as written in the documents, once each, in no order.
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

/// How a part reads text: cut into words, and each new word analysed on its own.
struct Reader {
    words: SimpleTokenizer,
    analyzer: TextAnalyzer,
}

/// The terms of a contiguous range of documents, numbered as in the whole index.
#[derive(Default)]
struct Part {
    /// Each word as written with its term's place in `lists`, or None for a word the analyser
    /// drops (a stop word): each distinct word is analysed once, not each time it is read.
    words: HashMap<CompactString, Option<u32>>,
    /// Each term's place in `lists`.
    ids: HashMap<String, u32>,
    lists: Vec<TermLists>,
    lengths: [Vec<u32>; FIELD_COUNT],
    /// By term, as in `lists`: its count in the field being read. Words are counted here and
    /// each term's postings are written once per field, when it ends: a term's lists are far
    /// apart in memory, and reaching them for every word was most of the time indexing took.
    counts: Vec<Count>,
    /// The terms the field being read has met so far, each once.
    met: Vec<u32>,
}

/// A term's count in the field being read, and in the sections of a long page's body, which
/// come in order.
#[derive(Default, Clone, Copy)]
struct Count {
    freq: u32,
    section: u8,
    in_section: u32,
    most_in_a_section: u32,
    /// The section that has the term most often, the earliest among equals.
    best_section: u8,
}

impl Count {
    /// Counts the term once more, in `section` when the field has sections.
    fn add(&mut self, section: Option<u8>) {
        self.freq += 1;
        let Some(section) = section else { return };
        if self.freq == 1 || self.section != section {
            self.section = section;
            self.in_section = 0;
        }
        self.in_section += 1;
        if self.in_section > self.most_in_a_section {
            self.most_in_a_section = self.in_section;
            self.best_section = section;
        }
    }
}

/// Which section of a long page each body word is in, as the words come in order.
struct Sections<'a> {
    /// As many of the page's sections as a posting can name.
    sections: &'a [DocSection],
    current: usize,
}

impl<'a> Sections<'a> {
    fn of(sections: &'a [DocSection]) -> Self {
        let named = sections.len().min(usize::from(SECTION_MASK));
        Sections {
            sections: &sections[..named],
            current: 0,
        }
    }

    /// The section (1-based, 0 before the first) of the word at `position`, no earlier than
    /// the last word's.
    fn at(&mut self, position: u32) -> u8 {
        let later = &self.sections[self.current..];
        self.current += later.iter().take_while(|s| s.start <= position).count();
        self.current as u8
    }
}

impl Part {
    fn index(docs: &[SearchDoc], first_doc: u32, reader: &mut Reader) -> Part {
        let mut part = Part::default();
        for (n, doc) in docs.iter().enumerate() {
            let number = first_doc + n as u32;
            part.add(number, TITLE, &doc.title, reader, None);
            part.add(number, HEADINGS, &doc.headings, reader, None);
            let sections = Sections::of(&doc.sections);
            part.add(number, BODY, &doc.body, reader, Some(sections));
        }
        part
    }

    fn add(
        &mut self,
        doc: u32,
        field: usize,
        text: &str,
        reader: &mut Reader,
        mut sections: Option<Sections>,
    ) {
        let mut stream = reader.words.token_stream(text);
        let mut length = 0;
        while stream.advance() {
            let token = stream.token();
            let Some(id) = self.id_of_word(&token.text, &mut reader.analyzer) else {
                continue;
            };
            let section = sections
                .as_mut()
                .map(|sections| sections.at(token.position as u32));
            let count = &mut self.counts[id];
            if count.freq == 0 {
                self.met.push(id as u32);
            }
            count.add(section);
            length += 1;
        }
        self.lengths[field].push(length);
        self.post(doc, field);
    }

    /// Writes the postings of the field just read, one per term it has.
    fn post(&mut self, doc: u32, field: usize) {
        for id in self.met.drain(..) {
            let count = std::mem::take(&mut self.counts[id as usize]);
            let lists = &mut self.lists[id as usize];
            lists.fields[field].push(Occurrence {
                doc,
                freq: count.freq,
            });
            if field == BODY {
                lists.body_sections.push(count.best_section);
            }
        }
    }

    /// The place in `lists` of the term of `word` (as written), or None when the analyser
    /// drops it. Looked up by `&str`: most words were read before, and need no allocation.
    fn id_of_word(&mut self, word: &str, analyzer: &mut TextAnalyzer) -> Option<usize> {
        if let Some(id) = self.words.get(word) {
            return id.map(|id| id as usize);
        }
        let id = term_with(analyzer, word).map(|term| self.id_of_owned(term));
        self.words
            .insert(CompactString::from(word), id.map(|id| id as u32));
        id
    }

    /// The term's place in `lists`, made for a term seen for the first time.
    fn id_of_owned(&mut self, term: String) -> usize {
        let next = self.lists.len();
        let id = *self.ids.entry(term).or_insert(next as u32) as usize;
        if id == next {
            self.lists.push(TermLists::default());
            self.counts.push(Count::default());
        }
        id
    }

    /// Adds a part of later documents.
    fn append(&mut self, later: Part) {
        let mut later_lists = later.lists;
        for (term, later_id) in later.ids {
            let later = std::mem::take(&mut later_lists[later_id as usize]);
            let id = self.id_of_owned(term);
            let lists = &mut self.lists[id];
            for (field, postings) in later.fields.into_iter().enumerate() {
                lists.fields[field].reserve_exact(postings.len());
                lists.fields[field].extend(postings);
            }
            lists.body_sections.reserve_exact(later.body_sections.len());
            lists.body_sections.extend(later.body_sections);
        }
        for (field, lengths) in later.lengths.into_iter().enumerate() {
            self.lengths[field].extend(lengths);
        }
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
    use crate::search::SearchLanguage;
    use crate::search::index::tantivy_index;

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
