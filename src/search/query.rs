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
    self, FACETS_FILE, Facets, FormatError, IN_TITLE, Manifest, MetaEntry, Posting, SECTION_MASK,
    Shard, Tail, TermRef, shard_file, shard_file_key, shard_key, tail_file,
};
use super::query_words;

/// Weights of the kinds of candidate (step 6) and of synonyms (step 7).
const EXACT: f32 = 1.0;
const COMPLETION: f32 = 0.8;
const NEAR_WORD: [f32; 3] = [1.0, 0.6, 0.4];
const NEAR_START: [f32; 3] = [0.7, 0.5, 0.35];
const SYNONYM: f32 = 0.5;
/// At most this many terms per typed group.
const MAX_TERMS: usize = 6;
/// Word endings tried in order (step 6.2): what to remove, and what to add.
const ENDINGS: [(&str, &str); 7] = [
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
];

/// The exported files, by their name under the index's folder (`shard-ab.bin`).
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

/// A term found in a shard: which shard, and its place there.
#[derive(Debug, Clone)]
struct Located {
    shard: Rc<Shard>,
    key: String,
    position: usize,
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
    shards: RefCell<HashMap<String, Option<Rc<Shard>>>>,
}

impl Engine<HashMap<String, Vec<u8>>> {
    /// An engine over the files the export wrote (paths as written under the output folder).
    pub fn from_export(files: &[crate::render::OutputFile]) -> Result<Self, FormatError> {
        let manifest_path = format!("{}index.json", super::INDEX_URL.trim_start_matches('/'));
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
            shards: RefCell::new(HashMap::new()),
        })
    }

    fn shard(&self, key: &str) -> Result<Option<Rc<Shard>>, FormatError> {
        if let Some(shard) = self.shards.borrow().get(key) {
            return Ok(shard.clone());
        }
        let file_key = shard_file_key(key);
        let shard = if self.manifest.shards.contains(&file_key) {
            let bytes = self
                .files
                .read(&shard_file(key))
                .ok_or_else(|| FormatError(format!("{} is missing", shard_file(key))))?;
            Some(Rc::new(Shard::decode(bytes)?))
        } else {
            None
        };
        self.shards
            .borrow_mut()
            .insert(key.to_string(), shard.clone());
        Ok(shard)
    }

    fn locate_ref(
        &self,
        shard: &Rc<Shard>,
        key: &str,
        reference: &TermRef,
    ) -> Result<Option<Located>, FormatError> {
        match reference {
            TermRef::Here(position) => Ok(Some(Located {
                shard: shard.clone(),
                key: key.to_string(),
                position: *position as usize,
            })),
            TermRef::Elsewhere(term) => {
                let key = shard_key(term);
                let Some(other) = self.shard(&key)? else {
                    return Ok(None);
                };
                Ok(other
                    .terms
                    .binary_search_by(|t| t.term.as_str().cmp(term))
                    .ok()
                    .map(|position| Located {
                        shard: other.clone(),
                        key,
                        position,
                    }))
            }
        }
    }

    fn postings(&self, located: &Located, complete: bool) -> Result<Vec<Posting>, FormatError> {
        let entry = &located.shard.terms[located.position];
        let mut postings = entry.head.clone();
        if complete && entry.tail > 0 {
            let name = tail_file(&located.key, located.position);
            let bytes = self
                .files
                .read(&name)
                .ok_or_else(|| FormatError(format!("{name} is missing")))?;
            postings.extend(Tail::decode(bytes)?.postings);
        }
        Ok(postings)
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
        let mut groups: Vec<Working> = Vec::new();
        let mut corrected: Vec<String> = plain.iter().map(|w| w.to_string()).collect();
        let in_phrases: HashSet<&str> = self
            .manifest
            .synonyms
            .iter()
            .filter(|(phrase, _)| contains(&plain, phrase))
            .flat_map(|(phrase, _)| phrase.iter().map(String::as_str))
            .collect();
        for (word, unfinished) in &typed {
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
        self.add_synonyms(&plain, &corrected, &typed, &mut groups)?;
        let typed_count = typed.len();
        let counted: Vec<bool> = (0..typed_count)
            .map(|i| {
                !groups[i].located.is_empty()
                    || groups[typed_count..]
                        .iter()
                        .any(|g| !g.located.is_empty() && g.covers.contains(&i))
            })
            .collect();
        let outcome_groups = groups.iter().map(|g| g.group.clone()).collect();
        let partial = !options.complete
            && groups
                .iter()
                .flat_map(|g| &g.located)
                .any(|place| place.shard.terms[place.position].tail > 0);
        let scored = if groups.iter().any(|g| !g.located.is_empty()) {
            self.score(&groups, &counted, options.complete)?
        } else {
            HashMap::new()
        };
        let ranked = self.order(scored, help, options)?;
        Ok(Outcome {
            groups: outcome_groups,
            help,
            partial,
            total: ranked.len(),
            results: ranked.into_iter().take(options.limit).collect(),
        })
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
        let Some(shard) = self.shard(&key)? else {
            return Ok((group(word, false, Vec::new()), Vec::new(), false));
        };
        let position = |w: &str| {
            shard
                .words
                .binary_search_by(|(x, _)| x.as_str().cmp(w))
                .ok()
        };
        if let Some(at) = position(word) {
            found.push((at, EXACT, How::Exact));
        } else if let Some(at) = ending(word).find_map(|w| position(&w)) {
            found.push((at, EXACT, How::Ending));
        }
        let has_word = !found.is_empty();
        let typed: Vec<char> = word.chars().collect();
        if unfinished {
            for (at, (candidate, _)) in shard.words.iter().enumerate() {
                if candidate != word && candidate.starts_with(word) && !taken(&found, at) {
                    found.push((at, COMPLETION, How::Completion));
                }
            }
        }
        let edits = allowed_edits(typed.len());
        let near_only = !has_word && edits > 0 && may_be_near;
        if near_only {
            for (at, (candidate, _)) in shard.words.iter().enumerate() {
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
        let df = |at: usize| match &shard.words[at].1 {
            TermRef::Here(term) => shard.terms[*term as usize].df,
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
            let (candidate, reference) = &shard.words[at];
            let Some(place) = self.locate_ref(&shard, &key, reference)? else {
                continue;
            };
            let term = &place.shard.terms[place.position].term;
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
                let term = place.shard.terms[place.position].term.clone();
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
        let key = shard_key(word);
        let Some(shard) = self.shard(&key)? else {
            return Ok(None);
        };
        let position = |w: &str| {
            shard
                .words
                .binary_search_by(|(x, _)| x.as_str().cmp(w))
                .ok()
        };
        let found = match position(word) {
            Some(at) => Some((at, How::Exact)),
            None => ending(word)
                .find_map(|w| position(&w))
                .map(|at| (at, How::Ending)),
        };
        let Some((at, how)) = found else {
            return Ok(None);
        };
        let (found_word, reference) = &shard.words[at];
        Ok(self
            .locate_ref(&shard, &key, reference)?
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
                let entry = &place.shard.terms[place.position];
                let common = u64::from(entry.df) * 20 > u64::from(self.manifest.docs);
                for posting in self.postings(place, complete)? {
                    let value = term.weight * format::impact(entry.top, posting.impact);
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

    /// A document's title, address, kind and sections.
    pub fn meta(&self, doc: u32) -> Result<MetaEntry, FormatError> {
        let name = format::meta_file(doc);
        let bytes = self
            .files
            .read(&name)
            .ok_or_else(|| FormatError(format!("{name} is missing")))?;
        let chunk: Vec<MetaEntry> =
            serde_json::from_slice(bytes).map_err(|e| FormatError(format!("{name}: {e}")))?;
        chunk
            .into_iter()
            .nth(doc as usize % format::META_CHUNK)
            .ok_or_else(|| FormatError(format!("{name} has no document {doc}")))
    }
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

/// Step 4: the words that are not stop words, each once; an unfinished word of one letter
/// is left out.
fn typed_groups(sequence: &[(String, bool)], stop_words: &[String]) -> Vec<(String, bool)> {
    let stop: HashSet<&str> = stop_words.iter().map(String::as_str).collect();
    let mut typed: Vec<(String, bool)> = Vec::new();
    for (word, unfinished) in sequence {
        if stop.contains(word.as_str())
            || (*unfinished && word.chars().count() < 2)
            || typed.iter().any(|(w, _)| w == word)
        {
            continue;
        }
        typed.push((word.clone(), *unfinished));
    }
    typed
}

/// The word with each ending of step 6.2 swapped, in order, keeping at least three letters.
fn ending(word: &str) -> impl Iterator<Item = String> + '_ {
    ENDINGS.iter().filter_map(move |(remove, add)| {
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
mod tests;
