//! The static search index's file format, version 2: the structs the export writes and the
//! query engine reads (`signpost search` in Rust, the visitor's browser in
//! `themes/default/static/search.js`). A change to any file's layout changes [`VERSION`].
//!
//! A query first reads the dictionary of each word's first two letters, then the packs that hold
//! its candidate terms' postings. Files, all but the manifest under the content-hashed folder
//! the manifest names:
//!
//! - `/search/index.json` ([`Manifest`], JSON): counts, the dictionary keys, the word lists of
//!   content/search/synonyms.yaml, the stop words.
//! - `words-KEY.bin` ([`Dictionary`]): every word of the site starting with KEY (its first two
//!   characters) with the term it is indexed as, and every term starting with KEY with its
//!   document frequency and where its postings are (a pack and a slot in it).
//! - `pack-N.bin` ([`Pack`]): the postings of a run of terms in alphabetical order (so the words
//!   that complete what someone is typing are mostly in one or two packs), each term's *head*:
//!   the [`HEAD`] postings with the highest impact, in document order; and *cards* for the
//!   term's best documents (title, address, kind), so suggestions for one word show without
//!   another request.
//! - `tail-N-S.bin` ([`Tail`]): the rest of the postings of pack N's term S, in document
//!   order, fetched only when a query needs every match (a filter, or more results).
//! - `facets.bin` ([`Facets`]): each document's kind and age bands, for the filters.
//! - `meta-N.json` ([`MetaEntry`]), `sections-N.json` and `text-N.json`: documents' titles,
//!   addresses and kinds; the `##` sections of long pages; excerpts; in chunks.
//!
//! Binary files start with the version byte. Numbers are unsigned LEB128 varints, except
//! impacts (one byte), flags (one byte) and a term's top impact (f32, little-endian, rounded up
//! to 10 significant bits so a small edit leaves most packs unchanged). Strings
//! are UTF-8 with their length first; lists of words and terms are front-coded (the length
//! shared with the previous entry, then the rest).

use serde::{Deserialize, Serialize};

/// The format version: the manifest's `version` and the first byte of every binary file.
pub const VERSION: u8 = 2;

/// Documents per metadata, sections and excerpt chunk: small, so a visitor fetches the titles
/// of the few results they see, not of hundreds.
pub const META_CHUNK: usize = 16;
pub const TEXT_CHUNK: usize = 16;

/// A pack is closed once its terms take this many bytes.
pub const PACK_BYTES: usize = 1024;

/// How many of a term's best documents its cards describe: as many as the header box shows.
pub const CARDS: usize = 6;

/// How many postings of a term its head holds: every posting of a term found in at most this
/// many documents, and the highest-impact ones of a commoner term.
pub const HEAD: usize = 96;

/// Impacts are stored as 1..=255, a fraction of the term's top impact.
pub const IMPACT_LEVELS: u8 = 255;

/// A posting's impact: `top × level / 255`, in 32-bit arithmetic.
pub fn impact(top: f32, level: u8) -> f32 {
    top * f32::from(level) / f32::from(IMPACT_LEVELS)
}

/// The flag bit set on a head posting whose document has the term in its title.
pub const IN_TITLE: u8 = 0x80;
/// The flag bits that hold the section (1-based; 0 for none) where the term is most used.
pub const SECTION_MASK: u8 = 0x7f;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u8,
    /// Where the other files are: `/search/HASH/`.
    pub base: String,
    pub docs: u32,
    pub head: u32,
    pub meta_chunk: u32,
    pub text_chunk: u32,
    /// The key of every shard (a file name key: see [`shard_file_key`]).
    pub dictionaries: Vec<String>,
    /// The kinds documents have, in the order [`Facets`] numbers them.
    pub kinds: Vec<String>,
    /// The age band ids, in the order [`Facets`] numbers their bits.
    pub bands: Vec<String>,
    pub stop_words: Vec<String>,
    /// The word endings step 6.2 tries, in order: what to remove and what to add (none for a
    /// language without them).
    pub endings: Vec<(String, String)>,
    /// Each phrase (its words) and the words it adds to a query.
    pub synonyms: Vec<(Vec<String>, Vec<String>)>,
    /// Each misspelt word and the words it stands for.
    pub misspellings: Vec<(String, Vec<String>)>,
    pub help: Help,
}

/// Queries that ask for someone to talk to or what happens next, and the documents that then
/// come first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Help {
    pub phrases: Vec<Vec<String>>,
    pub docs: Vec<u32>,
}

/// One posting: a document and the term's impact in it, with flags in a head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    /// 1..=255: the term's impact in the document is `top × impact / 255`.
    pub impact: u8,
    /// [`IN_TITLE`] and the section bits; always 0 in a tail.
    pub flags: u8,
}

/// A term in its dictionary.
#[derive(Debug, Clone, PartialEq)]
pub struct DictTerm {
    pub term: String,
    /// How many documents have the term.
    pub df: u32,
    /// The pack holding its postings, and its place there.
    pub pack: u32,
    pub slot: u32,
}

/// Which term a word of the site is indexed as.
#[derive(Debug, Clone, PartialEq)]
pub enum TermRef {
    /// The term at this position in the same dictionary.
    Here(u32),
    /// A term that belongs to another dictionary (a stem whose first letters differ from the
    /// word's).
    Elsewhere(String),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dictionary {
    /// Sorted by term.
    pub terms: Vec<DictTerm>,
    /// Sorted by word.
    pub words: Vec<(String, TermRef)>,
}

/// One of a term's best documents, as a suggestion shows it. The best are those a query of the
/// term alone ranks first (highest impact level, then lowest document number), so the cards of
/// a word's candidate terms always hold what the header box suggests for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub doc: u32,
    pub title: String,
    pub url: String,
    pub kind: u8,
}

/// A term's postings in its pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PackTerm {
    /// The term's highest impact in any document (BM25 over every field, with boosts).
    pub top: f32,
    pub head: Vec<Posting>,
    /// How many postings the tail file holds.
    pub tail: u32,
    /// Its best documents, best first.
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pack {
    pub terms: Vec<PackTerm>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tail {
    pub postings: Vec<Posting>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facets {
    /// Each document's kind (an index into [`Manifest::kinds`]) and bands (bit i for band i).
    pub docs: Vec<(u8, u32)>,
}

/// One document's entry in a `meta-N.json` chunk: `[title, url, kind]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaEntry(pub String, pub String, pub u8);

/// One document's entry in a `sections-N.json` chunk: `[[anchor, heading], …]`, empty unless it
/// is a long page.
pub type SectionsEntry = Vec<(String, String)>;

/// The file name key of a dictionary: the key itself when plain ASCII letters and digits, else `x`
/// and its bytes in hex.
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

/// The dictionary a word or term belongs to: its first two characters.
pub fn shard_key(word: &str) -> String {
    word.chars().take(2).collect()
}

pub fn dictionary_file(key: &str) -> String {
    format!("words-{}.bin", shard_file_key(key))
}

pub fn pack_file(pack: u32) -> String {
    format!("pack-{pack}.bin")
}

pub fn tail_file(pack: u32, slot: u32) -> String {
    format!("tail-{pack}-{slot}.bin")
}

pub const FACETS_FILE: &str = "facets.bin";

pub fn meta_file(doc: u32) -> String {
    format!("meta-{}.json", doc as usize / META_CHUNK)
}

pub fn sections_file(doc: u32) -> String {
    format!("sections-{}.json", doc as usize / META_CHUNK)
}

pub fn text_file(doc: u32) -> String {
    format!("text-{}.json", doc as usize / TEXT_CHUNK)
}

/// A binary file that is not what its reader expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the search index is damaged or from another version: {}",
            self.0
        )
    }
}

impl Dictionary {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer::new();
        out.varint(self.terms.len() as u64);
        let mut previous = "";
        for entry in &self.terms {
            out.front_coded(previous, &entry.term);
            previous = &entry.term;
            out.varint(u64::from(entry.df));
            out.varint(u64::from(entry.pack));
            out.varint(u64::from(entry.slot));
        }
        out.varint(self.words.len() as u64);
        let mut previous = "";
        for (word, term) in &self.words {
            out.front_coded(previous, word);
            previous = word;
            match term {
                TermRef::Here(index) => out.varint(u64::from(*index) + 1),
                TermRef::Elsewhere(term) => {
                    out.varint(0);
                    out.string(term);
                }
            }
        }
        out.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Dictionary, FormatError> {
        let mut input = Reader::new(bytes)?;
        let mut dictionary = Dictionary::default();
        let mut previous = String::new();
        for _ in 0..input.count()? {
            let term = input.front_coded(&previous)?;
            previous.clone_from(&term);
            dictionary.terms.push(DictTerm {
                term,
                df: input.u32()?,
                pack: input.u32()?,
                slot: input.u32()?,
            });
        }
        let mut previous = String::new();
        for _ in 0..input.count()? {
            let word = input.front_coded(&previous)?;
            let term = match input.u32()? {
                0 => TermRef::Elsewhere(input.string()?),
                n => TermRef::Here(n - 1),
            };
            previous.clone_from(&word);
            dictionary.words.push((word, term));
        }
        input.end()?;
        Ok(dictionary)
    }
}

impl Pack {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer::new();
        out.varint(self.terms.len() as u64);
        for term in &self.terms {
            term.write(&mut out);
        }
        out.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Pack, FormatError> {
        let mut input = Reader::new(bytes)?;
        let mut pack = Pack::default();
        for _ in 0..input.count()? {
            pack.terms.push(PackTerm::read(&mut input)?);
        }
        input.end()?;
        Ok(pack)
    }
}

impl PackTerm {
    /// The bytes this term adds to a pack.
    pub fn encoded_len(&self) -> usize {
        let mut out = Writer(Vec::new());
        self.write(&mut out);
        out.0.len()
    }

    fn write(&self, out: &mut Writer) {
        out.bytes(&self.top.to_le_bytes());
        out.postings(&self.head, true);
        out.varint(u64::from(self.tail));
        out.varint(self.cards.len() as u64);
        for card in &self.cards {
            out.varint(u64::from(card.doc));
            out.string(&card.title);
            out.string(&card.url);
            out.bytes(&[card.kind]);
        }
    }

    fn read(input: &mut Reader) -> Result<PackTerm, FormatError> {
        let top = f32::from_le_bytes(input.take(4)?.try_into().expect("four bytes"));
        let head = input.postings(true)?;
        let tail = input.u32()?;
        let mut cards = Vec::new();
        for _ in 0..input.count()? {
            let doc = input.u32()?;
            let title = input.string()?;
            let url = input.string()?;
            let kind = input.take(1)?[0];
            cards.push(Card {
                doc,
                title,
                url,
                kind,
            });
        }
        Ok(PackTerm {
            top,
            head,
            tail,
            cards,
        })
    }
}

impl Tail {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer::new();
        out.postings(&self.postings, false);
        out.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Tail, FormatError> {
        let mut input = Reader::new(bytes)?;
        let postings = input.postings(false)?;
        input.end()?;
        Ok(Tail { postings })
    }
}

impl Facets {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Writer::new();
        out.varint(self.docs.len() as u64);
        for &(kind, bands) in &self.docs {
            out.bytes(&[kind]);
            out.varint(u64::from(bands));
        }
        out.finish()
    }

    pub fn decode(bytes: &[u8]) -> Result<Facets, FormatError> {
        let mut input = Reader::new(bytes)?;
        let mut docs = Vec::new();
        for _ in 0..input.count()? {
            let kind = input.take(1)?[0];
            docs.push((kind, input.u32()?));
        }
        input.end()?;
        Ok(Facets { docs })
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn new() -> Writer {
        Writer(vec![VERSION])
    }

    fn varint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.0.push(byte);
                return;
            }
            self.0.push(byte | 0x80);
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn string(&mut self, text: &str) {
        self.varint(text.len() as u64);
        self.bytes(text.as_bytes());
    }

    fn front_coded(&mut self, previous: &str, text: &str) {
        let shared = shared_prefix(previous, text);
        self.varint(shared as u64);
        self.string(&text[shared..]);
    }

    /// Postings in document order: the gap from the previous document, the impact, and in a
    /// head the flags.
    fn postings(&mut self, postings: &[Posting], with_flags: bool) {
        self.varint(postings.len() as u64);
        let mut previous = 0;
        for posting in postings {
            self.varint(u64::from(posting.doc - previous));
            previous = posting.doc;
            self.bytes(&[posting.impact]);
            if with_flags {
                self.bytes(&[posting.flags]);
            }
        }
    }

    fn finish(self) -> Vec<u8> {
        self.0
    }
}

/// The length in bytes of the longest common prefix of two strings, at a character boundary.
fn shared_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
        .min(b.len())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Reader<'a>, FormatError> {
        match bytes.first() {
            Some(&VERSION) => Ok(Reader { bytes, at: 1 }),
            Some(other) => Err(FormatError(format!("version {other}, expected {VERSION}"))),
            None => Err(FormatError("an empty file".into())),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| FormatError("the file ends too soon".into()))?;
        self.at += n;
        Ok(slice)
    }

    fn varint(&mut self) -> Result<u64, FormatError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(FormatError("a number is too long".into()))
    }

    fn u32(&mut self) -> Result<u32, FormatError> {
        u32::try_from(self.varint()?).map_err(|_| FormatError("a number is too large".into()))
    }

    /// A count of entries, each at least one byte: larger than what remains is damage.
    fn count(&mut self) -> Result<usize, FormatError> {
        let count = self.u32()? as usize;
        if count > self.bytes.len() - self.at {
            return Err(FormatError("a count larger than the file".into()));
        }
        Ok(count)
    }

    fn string(&mut self) -> Result<String, FormatError> {
        let length = self.u32()? as usize;
        let bytes = self.take(length)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| FormatError("text that is not UTF-8".into()))
    }

    fn front_coded(&mut self, previous: &str) -> Result<String, FormatError> {
        let shared = self.u32()? as usize;
        let prefix = previous
            .get(..shared)
            .ok_or_else(|| FormatError("a word shares more than the previous one".into()))?;
        Ok(format!("{prefix}{}", self.string()?))
    }

    fn postings(&mut self, with_flags: bool) -> Result<Vec<Posting>, FormatError> {
        let count = self.count()?;
        let mut postings = Vec::with_capacity(count);
        let mut doc = 0u32;
        for _ in 0..count {
            doc = doc
                .checked_add(self.u32()?)
                .ok_or_else(|| FormatError("a document number overflows".into()))?;
            let impact = self.take(1)?[0];
            let flags = if with_flags { self.take(1)?[0] } else { 0 };
            postings.push(Posting { doc, impact, flags });
        }
        Ok(postings)
    }

    fn end(&self) -> Result<(), FormatError> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err(FormatError("bytes left over at the end".into()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(doc: u32, impact: u8, flags: u8) -> Posting {
        Posting { doc, impact, flags }
    }

    #[test]
    fn a_dictionary_reads_back_as_it_was_written() {
        let dictionary = Dictionary {
            terms: vec![
                DictTerm {
                    term: "hungri".into(),
                    df: 300,
                    pack: 7,
                    slot: 0,
                },
                DictTerm {
                    term: "hunt".into(),
                    df: 1,
                    pack: 7,
                    slot: 1,
                },
            ],
            words: vec![
                ("hungrier".into(), TermRef::Here(0)),
                ("hungry".into(), TermRef::Here(0)),
                ("hunt".into(), TermRef::Here(1)),
                ("hunté".into(), TermRef::Elsewhere("hunté".into())),
            ],
        };
        let bytes = dictionary.encode();
        assert_eq!(bytes[0], VERSION);
        assert_eq!(Dictionary::decode(&bytes), Ok(dictionary));
    }

    #[test]
    fn a_pack_reads_back_with_its_cards() {
        let card = |doc| Card {
            doc,
            title: "Report a concern".into(),
            url: "/worried/report/".into(),
            kind: 0,
        };
        let pack = Pack {
            terms: vec![
                PackTerm {
                    top: 7.25,
                    head: vec![posting(3, 255, IN_TITLE | 2), posting(200, 17, 0)],
                    tail: 298,
                    cards: vec![card(3), card(200)],
                },
                PackTerm {
                    top: 1.5,
                    head: vec![posting(70_000, 255, 0)],
                    tail: 0,
                    cards: Vec::new(),
                },
            ],
        };
        let bytes = pack.encode();
        assert_eq!(Pack::decode(&bytes), Ok(pack.clone()));
        let parts: usize = pack.terms.iter().map(PackTerm::encoded_len).sum();
        assert_eq!(bytes.len(), 1 + 1 + parts, "version, count, terms");
    }

    #[test]
    fn tails_and_facets_read_back() {
        let tail = Tail {
            postings: vec![
                posting(1, 3, 0),
                posting(129, 1, 0),
                posting(100_000, 200, 0),
            ],
        };
        assert_eq!(Tail::decode(&tail.encode()), Ok(tail));
        let facets = Facets {
            docs: vec![(0, 0), (3, 0b10110), (1, 1 << 20)],
        };
        assert_eq!(Facets::decode(&facets.encode()), Ok(facets));
    }

    #[test]
    fn damaged_or_foreign_files_are_refused_not_misread() {
        assert!(Dictionary::decode(&[]).is_err());
        let foreign = Dictionary::decode(&[1, 0, 0]).unwrap_err();
        assert!(foreign.0.contains("version 1"));
        let mut bytes = Dictionary {
            terms: Vec::new(),
            words: vec![("word".into(), TermRef::Here(0))],
        }
        .encode();
        bytes.pop();
        assert!(Dictionary::decode(&bytes).is_err());
        assert!(Pack::decode(&[VERSION, 1, 0, 0]).is_err());
        assert!(Tail::decode(&[VERSION, 200, 200, 200, 200, 200, 200]).is_err());
    }

    #[test]
    fn front_coding_keeps_characters_whole() {
        assert_eq!(shared_prefix("hunté", "huntè"), 4);
        assert_eq!(shared_prefix("abc", "abcd"), 3);
        assert_eq!(shared_prefix("abcd", "abc"), 3);
    }

    #[test]
    fn file_names_are_safe_for_any_word() {
        assert_eq!(dictionary_file("hu"), "words-hu.bin");
        assert_eq!(dictionary_file("é!"), "words-xc3a921.bin");
        assert_eq!(meta_file(33), "meta-2.json");
        assert_eq!(tail_file(3, 1), "tail-3-1.bin");
    }
}
