//! The tantivy index: built in memory from the site's documents (with token positions in the
//! body, so a long page's best section can be found), for the export to read. Its own BM25
//! query is kept as the reference the exported impacts are tested against.

use rayon::prelude::*;
#[cfg(test)]
use tantivy::collector::TopDocs;
#[cfg(test)]
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
#[cfg(test)]
use tantivy::{DocAddress, Term};
use tantivy::{Index, Searcher, SegmentReader, TantivyDocument};

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

/// Room for each indexing thread's buffer; a part that outgrows it gets more than one segment,
/// which are merged back into one so document ids stay in the order documents were added.
const WRITER_MEMORY: usize = 120_000_000;

/// The fewest documents worth a part (and a thread) of their own.
const PART_DOCS: usize = 1_000;

pub struct SearchIndex<'a> {
    /// Contiguous ranges of `docs`, each indexed on its own thread, in order.
    pub parts: Vec<Part>,
    pub fields: Vec<Field>,
    pub docs: Vec<SearchDoc<'a>>,
    /// Whether each document is long enough for its results to link to a section: looked up
    /// for every head posting of every term, so kept apart from the documents, which are
    /// large and scattered in memory.
    pub sectioned: Vec<bool>,
    pub synonyms: Synonyms,
    /// How the words of the documents' language are read.
    pub language: SearchLanguage,
}

/// One range of the documents in an index of its own: its document `n` is the site's
/// document `first_doc + n`. The export adds the parts' statistics up, so a term's scores are
/// what one index of every document would give.
pub struct Part {
    searcher: Searcher,
    pub first_doc: u32,
}

impl Part {
    pub fn segment(&self) -> &SegmentReader {
        self.searcher.segment_reader(0)
    }
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

    /// An index of documents in `language`, in as many parts as there are threads to index
    /// them (each of at least [`PART_DOCS`] documents).
    pub fn build_in(
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
    ) -> tantivy::Result<SearchIndex<'a>> {
        let parts = rayon::current_num_threads().min(docs.len().div_ceil(PART_DOCS));
        SearchIndex::build_in_parts(docs, synonyms, language, parts)
    }

    /// An index of documents in `language`, in at most `parts` parts of (nearly) equal size.
    pub fn build_in_parts(
        docs: Vec<SearchDoc<'a>>,
        synonyms: Synonyms,
        language: SearchLanguage,
        parts: usize,
    ) -> tantivy::Result<SearchIndex<'a>> {
        let schema = schema();
        let fields: Vec<Field> = schema.fields().map(|(field, _)| field).collect();
        let part_docs = docs.len().div_ceil(parts.max(1)).max(1);
        let parts = docs
            .par_chunks(part_docs)
            .enumerate()
            .map(|(n, chunk)| {
                let searcher = index_part(&schema, &fields, &language, chunk)?;
                Ok(Part {
                    searcher,
                    first_doc: (n * part_docs) as u32,
                })
            })
            .collect::<tantivy::Result<Vec<Part>>>()?;
        Ok(SearchIndex {
            parts,
            fields,
            sectioned: docs.iter().map(|doc| !doc.sections.is_empty()).collect(),
            docs,
            synonyms,
            language,
        })
    }

    /// Whether any field of any part has the (analysed) `term`.
    pub fn has_term(&self, term: &str) -> tantivy::Result<bool> {
        for part in &self.parts {
            for field in &self.fields {
                let inverted = part.segment().inverted_index(*field)?;
                if inverted.terms().get(term.as_bytes())?.is_some() {
                    return Ok(true);
                }
            }
        }
        Ok(false)
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
        let [part] = &self.parts[..] else {
            panic!("tantivy's own ranking needs the index in one part");
        };
        let searcher = &part.searcher;
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
fn schema() -> Schema {
    let mut schema = Schema::builder();
    for (name, _) in FIELDS {
        let record = if name == BODY {
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

/// One part's documents indexed in memory by one thread, in one segment.
fn index_part(
    schema: &Schema,
    fields: &[Field],
    language: &SearchLanguage,
    docs: &[SearchDoc],
) -> tantivy::Result<Searcher> {
    let index = Index::create_in_ram(schema.clone());
    index.tokenizers().register(ANALYZER, language.analyzer());
    let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, WRITER_MEMORY)?;
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
    Ok(index.reader()?.searcher())
}
