//! The search index: the site's documents read by its tantivy analyser into an [`Inverted`]
//! index, for the export. tantivy's own index and BM25 query are kept, in tests, as the
//! reference both are tested against.

#[cfg(test)]
use tantivy::collector::TopDocs;
#[cfg(test)]
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
#[cfg(test)]
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
#[cfg(test)]
use tantivy::{DocAddress, Index, Searcher, TantivyDocument, Term};

#[cfg(test)]
use super::FIELDS;
use super::cache::{self, SearchCache};
use super::inverted::Inverted;
use super::{SearchDoc, SearchLanguage, Synonyms};

/// The analysed term of one word with an analyser made once by the caller (making one per
/// word costs more than the analysis).
pub fn term_with(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(word);
    let mut term = None;
    while stream.advance() {
        term.get_or_insert_with(|| stream.token().text.clone());
    }
    term
}

/// The name the analyser is registered under in tantivy's index.
#[cfg(test)]
const ANALYZER: &str = "signpost";

pub struct SearchIndex<'a> {
    pub inverted: Inverted,
    /// How many runs of `docs` were indexed apart.
    pub parts: usize,
    pub docs: Vec<SearchDoc<'a>>,
    /// Whether each document is long enough for its results to link to a section: looked up
    /// for every head posting of every term, so kept apart from the documents, which are
    /// large and scattered in memory.
    pub sectioned: Vec<bool>,
    pub synonyms: Synonyms,
    /// How the words of the documents' language are read.
    pub language: SearchLanguage,
}

/// One ranked result: the document (its position in `docs`) and tantivy's score.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub score: f32,
}

impl<'a> SearchIndex<'a> {
    /// An index of documents in English.
    pub fn build(docs: Vec<SearchDoc<'a>>, synonyms: Synonyms) -> SearchIndex<'a> {
        SearchIndex::build_in(docs, synonyms, SearchLanguage::english())
    }

    /// An index of documents in `language`, indexed a run at a time (see [`cache::runs`]).
    pub fn build_in(
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
    ) -> SearchIndex<'a> {
        SearchIndex::build_cached(docs, synonyms, language, None)
    }

    /// An index of documents in `language`, each run of them read from `cache` when it holds
    /// it and indexed (and kept there) when not.
    pub fn build_cached(
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
        cache: Option<&SearchCache>,
    ) -> SearchIndex<'a> {
        let (inverted, parts) = cache::index(&docs, &language, cache);
        SearchIndex::of(inverted, parts, docs, synonyms, language)
    }

    #[cfg(test)]
    /// An index of documents in `language`, in at most `parts` parts of (nearly) equal size.
    pub fn build_in_parts(
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
        parts: usize,
    ) -> SearchIndex<'a> {
        let part_docs = docs.len().div_ceil(parts.max(1)).max(1);
        let inverted = Inverted::build(&docs, &language, part_docs);
        let parts = docs.len().div_ceil(part_docs);
        SearchIndex::of(inverted, parts, docs, synonyms, language)
    }

    fn of(
        inverted: Inverted,
        parts: usize,
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
    ) -> SearchIndex<'a> {
        SearchIndex {
            inverted,
            parts,
            sectioned: docs.iter().map(|doc| !doc.sections.is_empty()).collect(),
            docs,
            synonyms,
            language,
        }
    }

    /// Whether any field of any document has the (analysed) `term`.
    pub fn has_term(&self, term: &str) -> bool {
        self.inverted.find(term).is_some()
    }

    /// The analysed (stemmed) term of one surface word, or None if the analyser drops it.
    pub fn term_of(&self, word: &str) -> Option<String> {
        term_with(&mut self.language.analyzer(), word)
    }

    /// tantivy's own BM25 ranking for `terms` (each in every field, boosted, scores summed):
    /// the reference the exported impacts are tested against. Ties go to the earlier document.
    #[cfg(test)]
    pub fn reference_search(&self, terms: &[String], limit: usize) -> tantivy::Result<Vec<Hit>> {
        let (searcher, fields) = tantivy_index(&self.docs, &self.language)?;
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .flat_map(|term| {
                fields.iter().zip(FIELDS).map(move |(field, (_, boost))| {
                    let query = TermQuery::new(
                        Term::from_field_text(*field, term),
                        IndexRecordOption::WithFreqs,
                    );
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
                    )
                })
            })
            .collect();
        if clauses.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let found: Vec<(f32, DocAddress)> = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        Ok(found
            .into_iter()
            .map(|(score, address)| Hit {
                doc: address.doc_id as usize,
                score,
            })
            .collect())
    }
}

/// The fields of `FIELDS`, each read by the site's analyser; the body keeps token positions.
#[cfg(test)]
fn schema() -> Schema {
    let mut schema = Schema::builder();
    for (name, _) in FIELDS {
        let record = if name == FIELDS[super::inverted::BODY].0 {
            IndexRecordOption::WithFreqsAndPositions
        } else {
            IndexRecordOption::WithFreqs
        };
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(record);
        schema.add_text_field(name, TextOptions::default().set_indexing_options(indexing));
    }
    schema.build()
}

/// The documents in tantivy's own index, with its fields in `FIELDS`' order: the reference
/// [`Inverted`] and the exported scores are tested against.
#[cfg(test)]
pub fn tantivy_index(
    docs: &[SearchDoc],
    language: &SearchLanguage,
) -> tantivy::Result<(Searcher, Vec<Field>)> {
    let schema = schema();
    let fields: Vec<Field> = schema.fields().map(|(field, _)| field).collect();
    let index = Index::create_in_ram(schema);
    index.tokenizers().register(ANALYZER, language.analyzer());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 50_000_000)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    for doc in docs {
        let mut document = TantivyDocument::default();
        for (field, value) in
            fields
                .iter()
                .zip([doc.title.as_str(), doc.headings.as_str(), &doc.body])
        {
            document.add_text(*field, value);
        }
        writer.add_document(document)?;
    }
    writer.commit()?;
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok((index.reader()?.searcher(), fields))
}
