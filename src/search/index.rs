//! The tantivy index: built in memory from the site's documents (with token positions in the
//! body, so a long page's best section can be found), for the export to read. Its own BM25
//! query is kept as the reference the exported impacts are tested against.

#[cfg(test)]
use tantivy::collector::TopDocs;
#[cfg(test)]
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
#[cfg(test)]
use tantivy::{DocAddress, Term};
use tantivy::{Index, IndexReader, TantivyDocument};

use super::{FIELDS, SearchDoc, SearchLanguage, Synonyms};

/// The name the analyser is registered under in the tantivy index.
const ANALYZER: &str = "signpost";

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

/// The field whose token positions are kept.
pub const BODY: &str = "body";

/// Room for the indexing thread's buffer; a site that outgrows it gets more than one segment,
/// which are merged back into one so document ids stay in the order documents were added.
const WRITER_MEMORY: usize = 120_000_000;

pub struct SearchIndex<'a> {
    pub reader: IndexReader,
    pub fields: Vec<Field>,
    pub docs: Vec<SearchDoc<'a>>,
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
    pub fn build(docs: Vec<SearchDoc<'a>>, synonyms: Synonyms) -> tantivy::Result<SearchIndex<'a>> {
        SearchIndex::build_in(docs, synonyms, SearchLanguage::english())
    }

    /// An index of documents in `language`.
    pub fn build_in(
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
    ) -> tantivy::Result<SearchIndex<'a>> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let with_positions = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields: Vec<Field> = FIELDS
            .iter()
            .map(|(name, _)| {
                let options = if *name == BODY {
                    &with_positions
                } else {
                    &text
                };
                schema.add_text_field(name, options.clone())
            })
            .collect();
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(ANALYZER, language.analyzer());
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for doc in &docs {
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
        let reader = index.reader()?;
        Ok(SearchIndex {
            reader,
            fields,
            docs,
            synonyms,
            language,
        })
    }

    /// The analysed (stemmed) term of one surface word, or None if the analyser drops it.
    pub fn term_of(&self, word: &str) -> Option<String> {
        term_with(&mut self.language.analyzer(), word)
    }

    /// tantivy's own BM25 ranking for `terms` (each in every field, boosted, scores summed):
    /// the reference the exported impacts are tested against. Ties go to the earlier document.
    #[cfg(test)]
    pub fn reference_search(&self, terms: &[String], limit: usize) -> tantivy::Result<Vec<Hit>> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .flat_map(|term| {
                self.fields
                    .iter()
                    .zip(FIELDS)
                    .map(move |(field, (_, boost))| {
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
        let searcher = self.reader.searcher();
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
