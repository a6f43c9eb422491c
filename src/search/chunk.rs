//! Indexing a run of documents on its own: its terms in byte order, each with its postings,
//! laid out flat (a few long lists rather than a few for each term) so that the search cache
//! reads one back quickly and [`join`](super::join) puts many together quickly.

use compact_str::CompactString;
use foldhash::HashMap;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};

use super::documents::DocSection;
use super::format::SECTION_MASK;
use super::index::term_with;
use super::inverted::{BODY, FIELD_COUNT, HEADINGS, Occurrence, TITLE, TermLists};
use super::language::tokenizer;
use super::{LONGEST_WORD, SearchDoc, SearchLanguage};

/// The index of a run of documents, numbered from 0.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Chunk {
    /// How many documents the run has.
    pub docs: u32,
    /// The run's terms, in byte order.
    pub terms: StringList,
    /// By field: each term's postings, term after term, and where each term's end.
    pub postings: [Vec<Occurrence>; FIELD_COUNT],
    pub ends: [Vec<u32>; FIELD_COUNT],
    /// For each of `postings[BODY]`: the section of the page that has the term most.
    pub body_sections: Vec<u8>,
    /// Each field's length in tokens in each document.
    pub lengths: [Vec<u32>; FIELD_COUNT],
    /// Every word the run has as written, lower-cased, once each and in byte order (stop
    /// words too, long ones not): what the browser looks typed words up by.
    pub words: StringList,
}

impl Chunk {
    /// The run `docs` read with the language's analyser.
    pub fn index(docs: &[SearchDoc], language: &SearchLanguage) -> Chunk {
        let mut reader = Reader {
            words: tokenizer(),
            analyzer: language.analyzer(),
        };
        Part::index(docs, &mut reader).into_chunk(docs.len() as u32)
    }

    /// The postings of the chunk's `term`th term in `field`.
    pub fn postings(&self, field: usize, term: usize) -> &[Occurrence] {
        &self.postings[field][range(&self.ends[field], term)]
    }

    /// The body sections of the chunk's `term`th term, one for each of its body postings.
    pub fn body_sections(&self, term: usize) -> &[u8] {
        &self.body_sections[range(&self.ends[BODY], term)]
    }

    /// Adds a term after the last, with its lists.
    fn push(&mut self, term: &str, lists: TermLists) {
        self.terms.push(term);
        for (field, postings) in lists.fields.into_iter().enumerate() {
            self.postings[field].extend(postings);
            self.ends[field].push(self.postings[field].len() as u32);
        }
        self.body_sections.extend(lists.body_sections);
    }
}

/// The `n`th range of a list cut at `ends`.
fn range(ends: &[u32], n: usize) -> std::ops::Range<usize> {
    let start = if n == 0 { 0 } else { ends[n - 1] as usize };
    start..ends[n] as usize
}

/// Strings end to end in one, and where each ends: one allocation for thousands of terms.
#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StringList {
    text: String,
    ends: Vec<u32>,
}

impl StringList {
    /// The strings, sorted and each kept once.
    fn sorted(mut strings: Vec<String>) -> StringList {
        strings.sort_unstable();
        strings.dedup();
        let mut list = StringList::default();
        for string in &strings {
            list.push(string);
        }
        list
    }

    fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, n: usize) -> &str {
        &self.text[range(&self.ends, n)]
    }

    /// The place of the first string not before `string`.
    pub fn partition_point(&self, string: &str) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = (low + high) / 2;
            if self.get(middle) < string {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// The words as the browser looks them up: lower-cased, each once; words too long to index
/// are left out.
fn lowercase_words(words: impl Iterator<Item = CompactString>) -> Vec<String> {
    words
        .filter(|word| word.len() < LONGEST_WORD)
        .map(|word| word.as_str().to_lowercase())
        .collect()
}

/// How a part reads text: cut into words, and each new word analysed on its own.
struct Reader {
    words: SimpleTokenizer,
    analyzer: TextAnalyzer,
}

/// A run of documents being indexed, numbered from 0.
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
    fn index(docs: &[SearchDoc], reader: &mut Reader) -> Part {
        let mut part = Part::default();
        for (n, doc) in docs.iter().enumerate() {
            let number = n as u32;
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

    /// The terms read in byte order, each with its lists, and the words they were read from.
    fn into_chunk(self, docs: u32) -> Chunk {
        let Part {
            words,
            ids,
            mut lists,
            lengths,
            ..
        } = self;
        let mut terms: Vec<(String, u32)> = ids.into_iter().collect();
        terms.sort_unstable();
        let mut chunk = Chunk {
            docs,
            lengths,
            words: StringList::sorted(lowercase_words(words.into_keys())),
            ..Chunk::default()
        };
        for (term, id) in &terms {
            chunk.push(term, std::mem::take(&mut lists[*id as usize]));
        }
        chunk
    }
}
