#![doc = include_str!("ALGORITHM.md")]
//!
//! This module is the Rust implementation, over the exported files; step numbers in comments
//! refer to the specification above.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use serde::Serialize;

use super::edit::{allowed_edits, distances};
use super::format::{
    self, DictTerm, Dictionary, FACETS_FILE, Facets, FormatError, IN_TITLE, Manifest, MetaEntry,
    Pack, Posting, SECTION_MASK, SectionsEntry, Tail, TermRef, dictionary_file, pack_file,
    shard_file_key, shard_key, tail_file,
};
use super::query_words;

/// Weights of the kinds of candidate (step 6) and of synonyms (step 7).
const EXACT: f32 = 1.0;
const COMPLETION: f32 = 0.8;
const NEAR_WORD: [f32; 3] = [1.0, 0.6, 0.4];
const NEAR_START: [f32; 3] = [0.7, 0.5, 0.35];
const SYNONYM: f32 = 0.5;
/// At most this many terms per typed group, and this many typed groups (step 4).
const MAX_TERMS: usize = 6;
const MAX_GROUPS: usize = 10;

/// The exported files, by their name under the index's folder (`words-ab.bin`).
pub trait Files {
    fn read(&self, name: &str) -> Option<&[u8]>;
}

impl Files for HashMap<String, Vec<u8>> {
    fn read(&self, name: &str) -> Option<&[u8]> {
        self.get(name).map(Vec::as_slice)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub typing: bool,
    pub limit: usize,
    pub kinds: Vec<String>,
    pub band: Option<String>,
    pub complete: bool,
}

/// How a candidate was found (step 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    Exact,
    Ending,
    Completion,
    Near,
    Synonym,
}

/// One term a group searches for: the word of the site it came from, and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTerm {
    pub word: String,
    pub term: String,
    pub weight: f32,
    pub how: How,
}

/// A typed word, or a word a synonym phrase added, and what it searches for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub word: String,
    pub synonym: bool,
    pub terms: Vec<GroupTerm>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
    /// The section of a long page the result links to (1-based), or 0.
    pub section: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub groups: Vec<Group>,
    pub help: bool,
    /// True when a term's tail was left out, so more documents may match than `total`.
    pub partial: bool,
    pub total: usize,
    pub results: Vec<Hit>,
}

/// A term found in a dictionary: which dictionary, and its place there.
#[derive(Debug, Clone)]
struct Located {
    dictionary: Rc<Dictionary>,
    position: usize,
}

impl Located {
    fn term(&self) -> &DictTerm {
        &self.dictionary.terms[self.position]
    }
}

/// A group's best match in a document (step 9): its `weight × impact`, the posting's flags,
/// and whether the term is common (in more than one document in 20).
#[derive(Debug, Clone, Copy)]
struct GroupMatch {
    value: f32,
    flags: u8,
    common: bool,
}

/// A group while the query is worked out: its terms with where they are, and the typed groups
/// it covers.
struct Working {
    group: Group,
    located: Vec<Located>,
    covers: Vec<usize>,
}

pub struct Engine<F: Files> {
    pub manifest: Manifest,
    files: F,
    dictionaries: RefCell<HashMap<String, Option<Rc<Dictionary>>>>,
    packs: RefCell<HashMap<u32, Rc<Pack>>>,
}

impl Engine<HashMap<String, Vec<u8>>> {
    /// An engine over the files the export wrote (paths as written under the output folder).
    pub fn from_export(files: &[crate::output::OutputFile]) -> Result<Self, FormatError> {
        Engine::from_export_at(files, super::INDEX_URL)
    }

    /// An engine over the index of the search page at `root` (`/pl/search/`).
    pub fn from_export_at(
        files: &[crate::output::OutputFile],
        root: &str,
    ) -> Result<Self, FormatError> {
        let manifest_path = format!("{}index.json", root.trim_start_matches('/'));
        let manifest_file = files
            .iter()
            .find(|f| f.path.to_string_lossy() == manifest_path)
            .ok_or_else(|| FormatError("no index.json".into()))?;
        let manifest: Manifest = serde_json::from_slice(&manifest_file.bytes)
            .map_err(|e| FormatError(format!("index.json: {e}")))?;
        let base = manifest.base.trim_start_matches('/').to_string();
        let by_name = files
            .iter()
            .filter_map(|f| {
                let path = f.path.to_string_lossy();
                path.strip_prefix(&base)
                    .map(|name| (name.to_string(), f.bytes.clone()))
            })
            .collect();
        Engine::new(manifest, by_name)
    }
}

impl<F: Files> Engine<F> {
    pub fn new(manifest: Manifest, files: F) -> Result<Self, FormatError> {
        if manifest.version != format::VERSION {
            return Err(FormatError(format!(
                "index.json is version {}, expected {}",
                manifest.version,
                format::VERSION
            )));
        }
        Ok(Engine {
            manifest,
            files,
            dictionaries: RefCell::new(HashMap::new()),
            packs: RefCell::new(HashMap::new()),
        })
    }

    fn read(&self, name: &str) -> Result<&[u8], FormatError> {
        self.files
            .read(name)
            .ok_or_else(|| FormatError(format!("{name} is missing")))
    }

    /// The dictionary of words starting with `key`, if the site has any.
    fn dictionary(&self, key: &str) -> Result<Option<Rc<Dictionary>>, FormatError> {
        if let Some(dictionary) = self.dictionaries.borrow().get(key) {
            return Ok(dictionary.clone());
        }
        let dictionary = if self.manifest.dictionaries.contains(&shard_file_key(key)) {
            Some(Rc::new(Dictionary::decode(
                self.read(&dictionary_file(key))?,
            )?))
        } else {
            None
        };
        self.dictionaries
            .borrow_mut()
            .insert(key.to_string(), dictionary.clone());
        Ok(dictionary)
    }

    fn pack(&self, id: u32) -> Result<Rc<Pack>, FormatError> {
        if let Some(pack) = self.packs.borrow().get(&id) {
            return Ok(pack.clone());
        }
        let pack = Rc::new(Pack::decode(self.read(&pack_file(id))?)?);
        self.packs.borrow_mut().insert(id, pack.clone());
        Ok(pack)
    }

    /// A term's entry in its pack: its top impact, head, tail count and cards.
    fn pack_term(&self, located: &Located) -> Result<(Rc<Pack>, usize), FormatError> {
        let term = located.term();
        let pack = self.pack(term.pack)?;
        if term.slot as usize >= pack.terms.len() {
            return Err(FormatError(format!(
                "{} has no slot {}",
                pack_file(term.pack),
                term.slot
            )));
        }
        Ok((pack, term.slot as usize))
    }

    fn locate_ref(
        &self,
        dictionary: &Rc<Dictionary>,
        reference: &TermRef,
    ) -> Result<Option<Located>, FormatError> {
        match reference {
            TermRef::Here(position) => Ok(Some(Located {
                dictionary: dictionary.clone(),
                position: *position as usize,
            })),
            TermRef::Elsewhere(term) => {
                let Some(other) = self.dictionary(&shard_key(term))? else {
                    return Ok(None);
                };
                Ok(other
                    .terms
                    .binary_search_by(|t| t.term.as_str().cmp(term))
                    .ok()
                    .map(|position| Located {
                        dictionary: other.clone(),
                        position,
                    }))
            }
        }
    }

    /// A term's top impact and postings: its head, and its tail too when `complete`.
    fn postings(
        &self,
        located: &Located,
        complete: bool,
    ) -> Result<(f32, Vec<Posting>), FormatError> {
        let (pack, slot) = self.pack_term(located)?;
        let entry = &pack.terms[slot];
        let mut postings = entry.head.clone();
        if complete && entry.tail > 0 {
            let term = located.term();
            let tail = self.read(&tail_file(term.pack, term.slot))?;
            postings.extend(Tail::decode(tail)?.postings);
        }
        Ok((entry.top, postings))
    }

    pub fn search(&self, query: &str, options: &Options) -> Result<Outcome, FormatError> {
        let sequence = self.word_sequence(query, options.typing);
        let plain: Vec<&str> = sequence.iter().map(|(w, _)| w.as_str()).collect();
        let help = self
            .manifest
            .help
            .phrases
            .iter()
            .any(|phrase| contains(&plain, phrase));
        let typed = typed_groups(&sequence, &self.manifest.stop_words);
        let (mut groups, corrected) = self.typed_candidates(&plain, &typed)?;
        self.add_synonyms(&plain, &corrected, &typed, &mut groups)?;
        let counted = counted_groups(&groups, typed.len());
        let mut partial = false;
        for place in groups.iter().flat_map(|g| &g.located) {
            let (pack, slot) = self.pack_term(place)?;
            partial |= !options.complete && pack.terms[slot].tail > 0;
        }
        let scored = if groups.iter().any(|g| !g.located.is_empty()) {
            self.score(&groups, &counted, options.complete)?
        } else {
            HashMap::new()
        };
        let ranked = self.order(scored, help, options)?;
        Ok(Outcome {
            groups: groups.into_iter().map(|g| g.group).collect(),
            help,
            partial,
            total: ranked.len(),
            results: ranked.into_iter().take(options.limit).collect(),
        })
    }

    /// Step 6 for every typed group, and the corrected sequence of step 7: each finished word
    /// found only as near words replaced by its first candidate.
    fn typed_candidates(
        &self,
        plain: &[&str],
        typed: &[(String, bool)],
    ) -> Result<(Vec<Working>, Vec<String>), FormatError> {
        let mut groups: Vec<Working> = Vec::new();
        let mut corrected: Vec<String> = plain.iter().map(|w| w.to_string()).collect();
        let in_phrases: HashSet<&str> = self
            .manifest
            .synonyms
            .iter()
            .filter(|(phrase, _)| contains(plain, phrase))
            .flat_map(|(phrase, _)| phrase.iter().map(String::as_str))
            .collect();
        for (word, unfinished) in typed {
            let may_be_near = !in_phrases.contains(word.as_str());
            let (group, located, near_only) = self.candidates(word, *unfinished, may_be_near)?;
            if near_only
                && !unfinished
                && let Some(first) = group.terms.first()
            {
                for slot in corrected.iter_mut().filter(|w| *w == word) {
                    slot.clone_from(&first.word);
                }
            }
            groups.push(Working {
                group,
                located,
                covers: vec![groups.len()],
            });
        }
        Ok((groups, corrected))
    }

    /// Steps 1 and 2: the words, misspellings replaced, each marked when unfinished.
    fn word_sequence(&self, query: &str, typing: bool) -> Vec<(String, bool)> {
        let words: Vec<String> = query_words(query).collect();
        let unfinished_last = typing && !query.ends_with(char::is_whitespace);
        let mut sequence = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let unfinished = unfinished_last && i + 1 == words.len();
            let replacement = self
                .manifest
                .misspellings
                .iter()
                .find(|(wrong, _)| wrong == word)
                .filter(|_| !unfinished);
            match replacement {
                Some((_, right)) => sequence.extend(right.iter().map(|w| (w.clone(), false))),
                None => sequence.push((word.clone(), unfinished)),
            }
        }
        sequence
    }

    /// Step 6: a typed word's group, where its terms are, and whether only near words found it.
    fn candidates(
        &self,
        word: &str,
        unfinished: bool,
        may_be_near: bool,
    ) -> Result<(Group, Vec<Located>, bool), FormatError> {
        let key = shard_key(word);
        let mut found: Vec<(usize, f32, How)> = Vec::new();
        let Some(dictionary) = self.dictionary(&key)? else {
            return Ok((group(word, false, Vec::new()), Vec::new(), false));
        };
        let position = |w: &str| {
            dictionary
                .words
                .binary_search_by(|(x, _)| x.as_str().cmp(w))
                .ok()
        };
        if let Some(at) = position(word) {
            found.push((at, EXACT, How::Exact));
        } else if let Some(at) = ending(&self.manifest.endings, word).find_map(|w| position(&w)) {
            found.push((at, EXACT, How::Ending));
        }
        let has_word = !found.is_empty();
        let typed: Vec<char> = word.chars().collect();
        if unfinished {
            for (at, (candidate, _)) in dictionary.words.iter().enumerate() {
                if candidate != word && candidate.starts_with(word) && !taken(&found, at) {
                    found.push((at, COMPLETION, How::Completion));
                }
            }
        }
        let edits = allowed_edits(typed.len());
        let near_only = !has_word && edits > 0 && may_be_near;
        if near_only {
            for (at, (candidate, _)) in dictionary.words.iter().enumerate() {
                if taken(&found, at) {
                    continue;
                }
                let d = distances(&typed, &candidate.chars().collect::<Vec<_>>());
                let as_word = (d.whole <= edits).then(|| NEAR_WORD[d.whole]);
                let as_start = (d.prefix <= edits).then(|| NEAR_START[d.prefix]);
                if let Some(weight) = as_word.into_iter().chain(as_start).reduce(f32::max) {
                    found.push((at, weight, How::Near));
                }
            }
        }
        let df = |at: usize| match &dictionary.words[at].1 {
            TermRef::Here(term) => dictionary.terms[*term as usize].df,
            TermRef::Elsewhere(_) => 0,
        };
        found.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(df(b.0).cmp(&df(a.0)))
                .then(a.0.cmp(&b.0))
        });
        let mut terms: Vec<GroupTerm> = Vec::new();
        let mut located: Vec<Located> = Vec::new();
        for (at, weight, how) in found {
            if terms.len() == MAX_TERMS {
                break;
            }
            let (candidate, reference) = &dictionary.words[at];
            let Some(place) = self.locate_ref(&dictionary, reference)? else {
                continue;
            };
            let term = &place.term().term;
            if terms.iter().any(|t| &t.term == term) {
                continue;
            }
            terms.push(GroupTerm {
                word: candidate.clone(),
                term: term.clone(),
                weight,
                how,
            });
            located.push(place);
        }
        let near_only = near_only && !terms.is_empty() && terms.iter().all(|t| t.how == How::Near);
        Ok((group(word, false, terms), located, near_only))
    }

    /// Step 7: the synonym groups of the phrases found in the sequence or the corrected one.
    fn add_synonyms(
        &self,
        plain: &[&str],
        corrected: &[String],
        typed: &[(String, bool)],
        groups: &mut Vec<Working>,
    ) -> Result<(), FormatError> {
        let corrected: Vec<&str> = corrected.iter().map(String::as_str).collect();
        for (phrase, targets) in &self.manifest.synonyms {
            if !contains(plain, phrase) && !contains(&corrected, phrase) {
                continue;
            }
            let covers: Vec<usize> = typed
                .iter()
                .enumerate()
                .filter(|(_, (word, _))| {
                    phrase.contains(word)
                        || plain
                            .iter()
                            .zip(&corrected)
                            .any(|(p, c)| p == word && phrase.iter().any(|w| w == c))
                })
                .map(|(i, _)| i)
                .collect();
            for target in targets {
                let Some((word, how, place)) = self.resolve_exact(target)? else {
                    continue;
                };
                let term = place.term().term.clone();
                let used = groups
                    .iter()
                    .any(|g| g.group.terms.iter().any(|t| t.term == term));
                if used {
                    continue;
                }
                let how = if how == How::Exact { How::Synonym } else { how };
                groups.push(Working {
                    group: group(
                        target,
                        true,
                        vec![GroupTerm {
                            word,
                            term,
                            weight: SYNONYM,
                            how,
                        }],
                    ),
                    located: vec![place],
                    covers: covers.clone(),
                });
            }
        }
        Ok(())
    }

    /// Steps 6.1 and 6.2 alone: a word of the site, or the same word with another ending.
    fn resolve_exact(&self, word: &str) -> Result<Option<(String, How, Located)>, FormatError> {
        let Some(dictionary) = self.dictionary(&shard_key(word))? else {
            return Ok(None);
        };
        let position = |w: &str| {
            dictionary
                .words
                .binary_search_by(|(x, _)| x.as_str().cmp(w))
                .ok()
        };
        let found = match position(word) {
            Some(at) => Some((at, How::Exact)),
            None => ending(&self.manifest.endings, word)
                .find_map(|w| position(&w))
                .map(|at| (at, How::Ending)),
        };
        let Some((at, how)) = found else {
            return Ok(None);
        };
        let (found_word, reference) = &dictionary.words[at];
        Ok(self
            .locate_ref(&dictionary, reference)?
            .map(|place| (found_word.clone(), how, place)))
    }

    /// Steps 9 to 11 and the section tally of step 13, for every document any group found.
    fn score(
        &self,
        groups: &[Working],
        counted: &[bool],
        complete: bool,
    ) -> Result<HashMap<u32, Hit>, FormatError> {
        let mut matches: HashMap<u32, Vec<Option<GroupMatch>>> = HashMap::new();
        for (g, working) in groups.iter().enumerate() {
            for (term, place) in working.group.terms.iter().zip(&working.located) {
                let common = u64::from(place.term().df) * 20 > u64::from(self.manifest.docs);
                let (top, postings) = self.postings(place, complete)?;
                for posting in postings {
                    let value = term.weight * format::impact(top, posting.impact);
                    let slot = &mut matches
                        .entry(posting.doc)
                        .or_insert_with(|| vec![None; groups.len()])[g];
                    if slot.is_none_or(|best| value > best.value) {
                        *slot = Some(GroupMatch {
                            value,
                            flags: posting.flags,
                            common,
                        });
                    }
                }
            }
        }
        let typed_count = counted.len();
        let g = counted.iter().filter(|c| **c).count();
        Ok(matches
            .into_iter()
            .map(|(doc, found)| {
                let mut score = 0f32;
                for found in found.iter().flatten() {
                    score += found.value;
                }
                let m = (0..typed_count)
                    .filter(|&i| {
                        counted[i]
                            && (found[i].is_some()
                                || groups[typed_count..].iter().enumerate().any(|(s, w)| {
                                    found[typed_count + s].is_some() && w.covers.contains(&i)
                                }))
                    })
                    .count();
                score *= (1 + m) as f32 / (1 + g) as f32;
                let only: Vec<&GroupMatch> = found.iter().flatten().collect();
                if g >= 2
                    && m == 1
                    && only.len() == 1
                    && only[0].flags & IN_TITLE != 0
                    && only[0].common
                {
                    score *= 0.5;
                }
                let section = best_section(&found);
                (
                    doc,
                    Hit {
                        doc,
                        score,
                        section,
                    },
                )
            })
            .collect())
    }

    /// Step 12: help pages first when asked for, then by score; filters applied.
    fn order(
        &self,
        mut scored: HashMap<u32, Hit>,
        help: bool,
        options: &Options,
    ) -> Result<Vec<Hit>, FormatError> {
        let mut ranked: Vec<Hit> = Vec::new();
        if help {
            for &doc in &self.manifest.help.docs {
                let hit = scored.remove(&doc).unwrap_or(Hit {
                    doc,
                    score: 0.0,
                    section: 0,
                });
                if !ranked.iter().any(|h| h.doc == doc) {
                    ranked.push(hit);
                }
            }
            // A stable sort: the order listed breaks ties.
            ranked.sort_by(|a, b| b.score.total_cmp(&a.score));
        }
        let mut rest: Vec<Hit> = scored.into_values().collect();
        rest.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        ranked.extend(rest);
        if options.kinds.is_empty() && options.band.is_none() {
            return Ok(ranked);
        }
        let facets = Facets::decode(
            self.files
                .read(FACETS_FILE)
                .ok_or_else(|| FormatError(format!("{FACETS_FILE} is missing")))?,
        )?;
        let band_bit = options
            .band
            .as_ref()
            .map(|band| self.manifest.bands.iter().position(|b| b == band));
        ranked.retain(|hit| {
            let Some(&(kind, bands)) = facets.docs.get(hit.doc as usize) else {
                return false;
            };
            let kind_ok = options.kinds.is_empty()
                || self
                    .manifest
                    .kinds
                    .get(kind as usize)
                    .is_some_and(|k| options.kinds.contains(k));
            let band_ok = match band_bit {
                None => true,
                Some(None) => bands == 0,
                Some(Some(bit)) => bands == 0 || bands & (1 << bit.min(31)) != 0,
            };
            kind_ok && band_ok
        });
        Ok(ranked)
    }

    /// A document's title, address and kind, and the sections of a long page.
    pub fn meta(&self, doc: u32) -> Result<(MetaEntry, SectionsEntry), FormatError> {
        let nth = doc as usize % format::META_CHUNK;
        let meta_name = format::meta_file(doc);
        let chunk: Vec<MetaEntry> = serde_json::from_slice(self.read(&meta_name)?)
            .map_err(|e| FormatError(format!("{meta_name}: {e}")))?;
        let sections_name = format::sections_file(doc);
        let sections: Vec<SectionsEntry> = serde_json::from_slice(self.read(&sections_name)?)
            .map_err(|e| FormatError(format!("{sections_name}: {e}")))?;
        match (chunk.into_iter().nth(nth), sections.into_iter().nth(nth)) {
            (Some(meta), Some(sections)) => Ok((meta, sections)),
            _ => Err(FormatError(format!("{meta_name} has no document {doc}"))),
        }
    }
}

/// Step 10's *g*: for each typed group, whether it counts (known, or covered by a synonym group).
fn counted_groups(groups: &[Working], typed: usize) -> Vec<bool> {
    (0..typed)
        .map(|i| {
            !groups[i].located.is_empty()
                || groups[typed..]
                    .iter()
                    .any(|g| !g.located.is_empty() && g.covers.contains(&i))
        })
        .collect()
}

fn group(word: &str, synonym: bool, terms: Vec<GroupTerm>) -> Group {
    Group {
        word: word.to_string(),
        synonym,
        terms,
    }
}

fn taken(found: &[(usize, f32, How)], at: usize) -> bool {
    found.iter().any(|(x, _, _)| *x == at)
}

/// Step 4: the words that are not stop words, each once; an unfinished word of fewer than
/// three letters is left out.
fn typed_groups(sequence: &[(String, bool)], stop_words: &[String]) -> Vec<(String, bool)> {
    let stop: HashSet<&str> = stop_words.iter().map(String::as_str).collect();
    let mut typed: Vec<(String, bool)> = Vec::new();
    for (word, unfinished) in sequence {
        if stop.contains(word.as_str())
            || (*unfinished && word.chars().count() < 3)
            || typed.iter().any(|(w, _)| w == word)
        {
            continue;
        }
        typed.push((word.clone(), *unfinished));
    }
    typed.truncate(MAX_GROUPS);
    typed
}

/// The word with each ending of step 6.2 swapped, in order, keeping at least three letters.
fn ending<'a>(endings: &'a [(String, String)], word: &'a str) -> impl Iterator<Item = String> + 'a {
    endings.iter().filter_map(move |(remove, add)| {
        let stem = word.strip_suffix(remove)?;
        let candidate = format!("{stem}{add}");
        (candidate.chars().count() >= 3).then_some(candidate)
    })
}

/// True when `words` holds `phrase` as consecutive words.
fn contains(words: &[&str], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && words
            .windows(phrase.len())
            .any(|window| window.iter().zip(phrase).all(|(a, b)| a == b))
}

/// Step 13: the section holding at least half the document's matched weight, if any.
fn best_section(found: &[Option<GroupMatch>]) -> u8 {
    let mut tally = [0f32; (SECTION_MASK as usize) + 1];
    let mut total = 0f32;
    for found in found.iter().flatten() {
        tally[(found.flags & SECTION_MASK) as usize] += found.value;
        total += found.value;
    }
    let mut best = 0usize;
    let mut best_value = 0f32;
    for (section, &value) in tally.iter().enumerate().skip(1) {
        if value > best_value {
            best = section;
            best_value = value;
        }
    }
    if best != 0 && best_value * 2.0 >= total {
        best as u8
    } else {
        0
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
pub(crate) mod tests;
