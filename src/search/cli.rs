//! `signpost search "query"`: the site's tantivy index queried the way the browser queries the
//! exported one, so comms staff can see what people will find, and how it ranks.

use std::path::Path;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::{self, BuildOptions};

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

pub fn run(root: &Path, query: &str, limit: usize) -> std::result::Result<Results, Diagnostics> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        drafts: false,
    };
    let mut problems = Diagnostics::default();
    let config = pipeline::load_config(&options, &mut problems);
    let content = pipeline::prepare_content(&options, config, &mut problems).ok_or(problems)?;
    let Some(index) = pipeline::search_index(&content).map_err(tantivy_problem)? else {
        return Ok(Results {
            query: query.to_string(),
            terms: Vec::new(),
            results: Vec::new(),
        });
    };
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
