//! `signpost search "query"`: the site's tantivy index queried the way the browser queries the
//! exported one, so comms staff can see what people will find, and how it ranks.

use serde::Serialize;

use super::{SearchIndex, Synonyms};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

#[derive(Serialize)]
pub struct Result {
    pub rank: usize,
    pub score: f32,
    pub kind: &'static str,
    pub title: String,
    pub url: String,
}

pub struct Results {
    pub query: String,
    pub terms: Vec<String>,
    pub results: Vec<Result>,
}

pub fn run(
    site: &Site,
    synonyms: &Synonyms,
    query: &str,
    limit: usize,
) -> std::result::Result<Results, Diagnostics> {
    let documents = super::documents(site);
    if !site.has_search() || documents.is_empty() {
        return Ok(Results {
            query: query.to_string(),
            terms: Vec::new(),
            results: Vec::new(),
        });
    }
    let index = SearchIndex::build(documents, synonyms.clone()).map_err(tantivy_problem)?;
    let hits = index.search(query, limit).map_err(tantivy_problem)?;
    Ok(Results {
        query: query.to_string(),
        terms: index.query_terms(query),
        results: hits
            .into_iter()
            .enumerate()
            .map(|(rank, hit)| {
                let doc = &index.docs[hit.doc];
                Result {
                    rank: rank + 1,
                    score: hit.score,
                    kind: doc.kind,
                    title: doc.label.clone(),
                    url: doc.url.clone(),
                }
            })
            .collect(),
    })
}

fn tantivy_problem(error: tantivy::TantivyError) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::error(format!(
        "the search index could not be built: {error}"
    ))])
}

impl Results {
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Results for \"{}\" (searching for the terms: {}):\n",
            self.query,
            self.terms.join(", ")
        );
        if self.results.is_empty() {
            out.push_str("  nothing found. Add words people use to content/search/synonyms.yaml, or write a page that answers this.\n");
        }
        for result in &self.results {
            out.push_str(&format!(
                "{:>3}. {:>8.4}  {:<9} {}  {}\n",
                result.rank, result.score, result.kind, result.title, result.url
            ));
        }
        out
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&serde_json::json!({
            "query": self.query,
            "terms": self.terms,
            "results": self.results,
        }))
        .expect("results serialise")
    }
}
