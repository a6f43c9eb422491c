//! directory_data/taxonomy_map.yaml: which of this site's categories each term of another
//! directory's vocabulary (the LGA service list, the ORUK taxonomy, a council's own) means,
//! so `signpost import` can file every service it brings in under a category.
//!
//! ```yaml
//! terms:
//!   - taxonomy: esdServiceTypes   # the term's `taxonomy`, `taxonomy_id` or its taxonomy's name
//!     term: "1103"                # the term's code (`term`), its `id` or its `name`
//!     categories: [food]          # [] says "known, but no category here"
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::layout::TAXONOMY_MAP_FILE;
use crate::yaml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    terms: Vec<Mapping>,
}

/// One term of another vocabulary and the categories it means here.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub taxonomy: String,
    pub term: String,
    /// A note for the reader: the term's name in its own vocabulary.
    #[serde(default)]
    pub name: Option<String>,
    pub categories: Vec<String>,
}

/// A taxonomy term as a feed gives it: every name it might be known by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermRef {
    /// The `taxonomy` field, else the taxonomy's name, else `taxonomy_id`.
    pub taxonomy: String,
    /// Every other name of its taxonomy (`taxonomy_id`, the taxonomy's name).
    pub taxonomy_aliases: Vec<String>,
    /// The `term` code, else the term's `id`, else its `name`.
    pub term: String,
    /// Every other name of the term.
    pub term_aliases: Vec<String>,
    /// Its human name, for reports.
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct TaxonomyMap {
    pub mappings: Vec<Mapping>,
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl TermRef {
    fn in_taxonomy(&self, taxonomy: &str) -> bool {
        std::iter::once(&self.taxonomy)
            .chain(&self.taxonomy_aliases)
            .any(|t| same(t, taxonomy))
    }

    fn is_term(&self, term: &str) -> bool {
        std::iter::once(&self.term)
            .chain(&self.term_aliases)
            .any(|t| same(t, term))
    }
}

impl TaxonomyMap {
    /// The map's categories for `term`: None when the map does not mention it.
    pub fn categories_for(&self, term: &TermRef) -> Option<&[String]> {
        self.mappings
            .iter()
            .find(|m| term.in_taxonomy(&m.taxonomy) && term.is_term(&m.term))
            .map(|m| m.categories.as_slice())
    }

    /// Reads the map (an empty one when the site has none), checking each category against
    /// `category_ids`. Errors name the line.
    pub fn load(root: &Path, category_ids: &[&str]) -> Result<TaxonomyMap, Diagnostics> {
        let file = Path::new(TAXONOMY_MAP_FILE);
        let text = match std::fs::read_to_string(root.join(file)) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(TaxonomyMap::default());
            }
            Err(error) => {
                return Err(Diagnostics::from_iter([Diagnostic::error(format!(
                    "cannot read this file: {error}"
                ))
                .in_file(file)]));
            }
        };
        let parsed: MapFile = yaml::parse(&text)
            .map_err(|error| Diagnostics::from_iter([yaml::diagnostic(&error, file, 0)]))?;
        let problems = check(&parsed.terms, &text, file, category_ids);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(TaxonomyMap {
            mappings: parsed.terms,
        })
    }
}

fn check(mappings: &[Mapping], text: &str, file: &Path, category_ids: &[&str]) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let at = |key: &str, value: &str| {
        let (line, column) = yaml::locate_key(text, key, Some(value)).unwrap_or((1, 1));
        Position::new(line, column)
    };
    for (index, mapping) in mappings.iter().enumerate() {
        if mapping.taxonomy.trim().is_empty() || mapping.term.trim().is_empty() {
            problems.push(
                Diagnostic::error("a mapping without its taxonomy or its term")
                    .in_file(file)
                    .at(at("taxonomy", &mapping.taxonomy))
                    .with_help("give both, as `signpost import` lists them: taxonomy: esdServiceTypes, term: \"1103\""),
            );
        }
        let earlier = mappings[..index]
            .iter()
            .any(|m| same(&m.taxonomy, &mapping.taxonomy) && same(&m.term, &mapping.term));
        if earlier {
            problems.push(
                Diagnostic::error(format!(
                    "the term `{}` of `{}` is mapped twice",
                    mapping.term, mapping.taxonomy
                ))
                .in_file(file)
                .at(at("term", &mapping.term))
                .with_help("keep one mapping per term, listing all its categories"),
            );
        }
        for category in &mapping.categories {
            if !category_ids.contains(&category.as_str()) {
                let near = crate::suggest::nearest(category, category_ids.iter().copied())
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                problems.push(
                    Diagnostic::error(format!(
                        "`{category}` is not a category in directory_data/categories.yaml"
                    ))
                    .in_file(file)
                    .at(at("categories", category))
                    .with_help(format!(
                        "{near}the categories are: {}",
                        category_ids.join(", ")
                    )),
                );
            }
        }
    }
    problems
}

/// The lines to paste into the map for terms it does not mention yet, with how many services
/// use each: the thing to map next.
pub fn suggestions(unmapped: &[(TermRef, usize)]) -> String {
    let mut out = String::new();
    for (term, count) in unmapped {
        let services = if *count == 1 { "service" } else { "services" };
        out.push_str(&format!(
            "  - taxonomy: {}\n    term: {}\n    name: {}   # {count} {services}\n    categories: []\n",
            quoted(&term.taxonomy),
            quoted(&term.term),
            quoted(&term.name),
        ));
    }
    out
}

/// A YAML scalar in double quotes, so codes such as `1103` and `no` stay text.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(taxonomy: &str, code: &str, name: &str) -> TermRef {
        TermRef {
            taxonomy: taxonomy.into(),
            taxonomy_aliases: vec!["tax-uuid".into()],
            term: code.into(),
            term_aliases: vec![name.into()],
            name: name.into(),
        }
    }

    #[test]
    fn a_term_is_found_by_any_of_its_names() {
        let map = TaxonomyMap {
            mappings: vec![Mapping {
                taxonomy: "esdServiceTypes".into(),
                term: "food banks".into(),
                name: None,
                categories: vec!["food".into()],
            }],
        };
        let found = map.categories_for(&term("ESDServiceTypes", "1103", "Food banks"));
        assert_eq!(found, Some(&["food".to_string()][..]));
        assert_eq!(
            map.categories_for(&term("other", "1103", "Food banks")),
            None
        );
    }

    #[test]
    fn suggestions_are_yaml_to_paste() {
        let text = suggestions(&[(term("esdServiceTypes", "1103", "Food banks"), 3)]);
        let parsed: MapFile = yaml::parse(&format!("terms:\n{text}")).unwrap();
        assert_eq!(parsed.terms[0].term, "1103");
        assert!(text.contains("# 3 services"));
    }
}
