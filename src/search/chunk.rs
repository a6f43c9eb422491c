//! Indexing a run of documents on its own: its terms in byte order, each with its postings,
//! laid out flat (a few long lists rather than a few for each term) so that the search cache
//! reads one back quickly and [`join`](super::join) puts many together quickly.

use compact_str::CompactString;
use foldhash::HashMap;
use foldhash::fast::RandomState;
use indexmap::IndexSet;
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
    /// By field: each term's postings, term after term, and where each term's postings end.
    postings: [Vec<Occurrence>; FIELD_COUNT],
    ends: [Vec<u32>; FIELD_COUNT],
    /// For each of `postings[BODY]`: the section of the page that has the term most.
    body_sections: Vec<u8>,
    /// Each field's length in tokens in each document.
    pub lengths: [Vec<u32>; FIELD_COUNT],
    /// Every word the run has as written, lower-cased, once each and in byte order (stop
    /// words too, long ones not): what the browser looks typed words up by.
    pub words: StringList,
}

impl Chunk {
    /// The run `docs` read by `reader`.
    pub fn index(docs: &[SearchDoc], reader: &mut Reader) -> Chunk {
        reader
            .part
            .index(docs, &mut reader.words, &mut reader.analyzer)
    }

    /// The postings of the chunk's `term`th term in `field`.
    pub fn postings(&self, field: usize, term: usize) -> &[Occurrence] {
        &self.postings[field][range(&self.ends[field], term)]
    }

    /// The body sections of the chunk's `term`th term, one for each of its body postings.
    pub fn body_sections(&self, term: usize) -> &[u8] {
        &self.body_sections[range(&self.ends[BODY], term)]
    }

    /// Adds a term after the last, with its lists, which are left empty (with the room they
    /// grew into, for the next run).
    fn push(&mut self, term: &str, lists: &mut TermLists) {
        self.terms.push(term);
        for (field, postings) in lists.fields.iter_mut().enumerate() {
            self.postings[field].append(postings);
            self.ends[field].push(self.postings[field].len() as u32);
        }
        self.body_sections.append(&mut lists.body_sections);
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
    fn sorted(mut strings: Vec<&str>) -> StringList {
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

/// A word as the browser looks it up: lower-cased; None for a word too long to index.
fn lookup_form(word: &str) -> Option<String> {
    (word.len() < LONGEST_WORD).then(|| word.to_lowercase())
}

/// How runs are read: text cut into words, and each word analysed on its own, once for all
/// the runs one reader reads (analysing a word costs far more than looking it up, and most
/// words are in every run).
pub struct Reader {
    words: SimpleTokenizer,
    analyzer: TextAnalyzer,
    part: Part,
}

impl Reader {
    /// A reader of the language's words.
    pub fn new(language: &SearchLanguage) -> Reader {
        Reader {
            words: tokenizer(),
            analyzer: language.analyzer(),
            part: Part::default(),
        }
    }
}

/// What a reader knows of the words and terms of every run it has read, and the postings of
/// the run it is reading, its documents numbered from 0.
#[derive(Default)]
struct Part {
    /// Each word as written, with its term's place in `lists` (None for a word the analyser
    /// drops, a stop word) and the last run that had it.
    words: HashMap<CompactString, Word>,
    /// Each word as the browser looks it up (see [`lookup_form`]), by the order words were met.
    lookup_forms: Vec<Option<String>>,
    /// Each term, at its place in `lists`.
    terms: IndexSet<String, RandomState>,
    lists: Vec<TermLists>,
    /// By term: the last run with a posting of it.
    posted_in: Vec<u32>,
    /// By term, as in `lists`: its count in the field being read. Words are counted here and
    /// each term's postings are written once per field, when it ends: a term's lists are far
    /// apart in memory, and reaching them for every word was most of the time indexing took.
    counts: Vec<Count>,
    /// The terms the field being read has met so far, each once.
    met: Vec<u32>,
    /// The run being read (from 1), its terms and the words it has (each once), and its
    /// documents' lengths.
    run: u32,
    run_terms: Vec<u32>,
    run_words: Vec<u32>,
    lengths: [Vec<u32>; FIELD_COUNT],
}

#[derive(Clone, Copy)]
struct Word {
    term: Option<u32>,
    /// Its place in `lookup_forms`.
    id: u32,
    run: u32,
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
    /// Reads the run `docs`, and returns its index.
    fn index(
        &mut self,
        docs: &[SearchDoc],
        words: &mut SimpleTokenizer,
        analyzer: &mut TextAnalyzer,
    ) -> Chunk {
        self.run += 1;
        for (n, doc) in docs.iter().enumerate() {
            let number = n as u32;
            self.add(number, TITLE, &doc.title, words, analyzer, None);
            self.add(number, HEADINGS, &doc.headings, words, analyzer, None);
            let sections = Sections::of(&doc.sections);
            self.add(number, BODY, &doc.body, words, analyzer, Some(sections));
        }
        self.finish_run(docs.len() as u32)
    }

    fn add(
        &mut self,
        doc: u32,
        field: usize,
        text: &str,
        words: &mut SimpleTokenizer,
        analyzer: &mut TextAnalyzer,
        mut sections: Option<Sections>,
    ) {
        let mut stream = words.token_stream(text);
        let mut length = 0;
        while stream.advance() {
            let token = stream.token();
            let Some(id) = self.id_of_word(&token.text, analyzer) else {
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
            if self.posted_in[id as usize] != self.run {
                self.posted_in[id as usize] = self.run;
                self.run_terms.push(id);
            }
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
        if let Some(known) = self.words.get_mut(word) {
            if known.run != self.run {
                known.run = self.run;
                self.run_words.push(known.id);
            }
            return known.term.map(|id| id as usize);
        }
        let term = term_with(analyzer, word).map(|term| self.id_of_owned(term));
        let (id, run) = (self.lookup_forms.len() as u32, self.run);
        self.lookup_forms.push(lookup_form(word));
        self.words
            .insert(CompactString::from(word), Word { term, id, run });
        self.run_words.push(id);
        term.map(|id| id as usize)
    }

    /// The term's place in `lists`, made for a term seen for the first time.
    fn id_of_owned(&mut self, term: String) -> u32 {
        let (id, new) = self.terms.insert_full(term);
        if new {
            self.lists.push(TermLists::default());
            self.posted_in.push(0);
            self.counts.push(Count::default());
        }
        id as u32
    }

    /// The run's terms in byte order, each with its lists, and the words it has.
    fn finish_run(&mut self, docs: u32) -> Chunk {
        let mut run_terms = std::mem::take(&mut self.run_terms);
        let terms = &self.terms;
        run_terms.sort_unstable_by_key(|&id| &terms[id as usize]);
        let words =
            (self.run_words.drain(..)).filter_map(|id| self.lookup_forms[id as usize].as_deref());
        let mut chunk = Chunk {
            docs,
            lengths: std::mem::take(&mut self.lengths),
            words: StringList::sorted(words.collect()),
            ..Chunk::default()
        };
        for field in 0..FIELD_COUNT {
            let postings = run_terms
                .iter()
                .map(|&id| self.lists[id as usize].fields[field].len());
            chunk.postings[field].reserve_exact(postings.sum());
            chunk.ends[field].reserve_exact(run_terms.len());
        }
        chunk
            .body_sections
            .reserve_exact(chunk.postings[BODY].capacity());
        for id in run_terms {
            chunk.push(&self.terms[id as usize], &mut self.lists[id as usize]);
        }
        chunk
    }
}
