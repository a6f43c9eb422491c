//! `signpost search "query"`: the site indexed and exported in memory, exactly as a build
//! exports it, then queried by the same algorithm the browser runs (ALGORITHM.md), so comms
//! staff see what visitors will find, why, and how it ranks.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::format::{FormatError, MetaEntry, SectionsEntry};
use super::query::{Engine, Group, How, Options};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::Site;

/// What to search for, and how.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub queries: Vec<String>,
    /// Search as the header box does while someone is still typing.
    pub typing: bool,
    pub limit: usize,
    pub kinds: Vec<String>,
    pub band: Option<String>,
}

#[derive(Serialize)]
pub struct Result {
    pub rank: usize,
    pub doc: u32,
    pub score: f32,
    pub section: u8,
    pub kind: String,
    pub title: String,
    /// The address, with the anchor of the section it links to.
    pub url: String,
}

#[derive(Serialize)]
pub struct Results {
    pub query: String,
    pub typing: bool,
    pub help: bool,
    pub partial: bool,
    pub total: usize,
    pub groups: Vec<Group>,
    pub results: Vec<Result>,
}

/// The queries of a file of queries, one a line, as written (a space at the end matters with
/// `--typing`); blank lines and lines starting with `#` are left out.
pub fn read_queries(file: &Path) -> std::result::Result<Vec<String>, Diagnostics> {
    let text = std::fs::read_to_string(file).map_err(|error| {
        Diagnostics::from_iter([Diagnostic::error(format!(
            "cannot read the queries file {}: {error}",
            file.display()
        ))
        .with_help("give a text file with one query a line")])
    })?;
    Ok(text
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// Searches `site`'s exported index (`files`, as the search stage made them; none for a site
/// with nothing to search) for each query of `request`.
pub fn run(
    site: &Site,
    files: &[OutputFile],
    request: &Request,
) -> std::result::Result<Vec<Results>, Diagnostics> {
    check_filters(request, site)?;
    if files.is_empty() {
        return Ok(request
            .queries
            .iter()
            .map(|query| Results::empty(query, request.typing))
            .collect());
    }
    let root = site
        .routes
        .address_in(site.lang, crate::routes::Target::SearchPage)
        .unwrap_or(super::INDEX_URL);
    let engine = Engine::from_export_at(files, root).map_err(format_problem)?;
    let options = Options {
        typing: request.typing,
        limit: request.limit,
        kinds: request.kinds.clone(),
        band: request.band.clone(),
        complete: !request.kinds.is_empty() || request.band.is_some(),
    };
    request
        .queries
        .iter()
        .map(|query| {
            let outcome = engine.search(query, &options).map_err(format_problem)?;
            let results = outcome
                .results
                .iter()
                .enumerate()
                .map(|(rank, hit)| {
                    let meta = engine.meta(hit.doc).map_err(format_problem)?;
                    Ok(result(&engine, rank, hit, meta))
                })
                .collect::<std::result::Result<_, Diagnostics>>()?;
            Ok(Results {
                query: query.clone(),
                typing: request.typing,
                help: outcome.help,
                partial: outcome.partial,
                total: outcome.total,
                groups: outcome.groups,
                results,
            })
        })
        .collect()
}

/// `--kind` and `--band` must name a kind of result and an age band of the site.
fn check_filters(request: &Request, site: &Site) -> std::result::Result<(), Diagnostics> {
    let kinds = super::export::KINDS;
    let bands: Vec<&str> = site
        .config
        .taxonomies
        .age_bands
        .iter()
        .map(|b| b.id.as_str())
        .collect();
    let mut problems = Diagnostics::default();
    for kind in request
        .kinds
        .iter()
        .filter(|k| !kinds.contains(&k.as_str()))
    {
        problems.push(
            Diagnostic::error(format!("`--kind {kind}` is not a kind of result"))
                .with_help(format!("use one of: {}", kinds.join(", "))),
        );
    }
    if let Some(band) = request
        .band
        .as_ref()
        .filter(|b| !bands.contains(&b.as_str()))
    {
        problems.push(
            Diagnostic::error(format!("`--band {band}` is not an age band of this site"))
                .with_help(format!(
                    "use one of the ids in site.yaml: {}",
                    bands.join(", ")
                )),
        );
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn result(
    engine: &Engine<std::collections::HashMap<String, Vec<u8>>>,
    rank: usize,
    hit: &super::query::Hit,
    (MetaEntry(title, url, kind), sections): (MetaEntry, SectionsEntry),
) -> Result {
    let section = (hit.section as usize)
        .checked_sub(1)
        .and_then(|i| sections.get(i));
    Result {
        rank: rank + 1,
        doc: hit.doc,
        score: hit.score,
        section: hit.section,
        kind: engine
            .manifest
            .kinds
            .get(kind as usize)
            .cloned()
            .unwrap_or_default(),
        title: match section {
            Some((_, heading)) => format!("{title}: {heading}"),
            None => title,
        },
        url: match section {
            Some((anchor, _)) => format!("{url}#{anchor}"),
            None => url,
        },
    }
}

fn format_problem(error: FormatError) -> Diagnostics {
    Diagnostics::from_iter([Diagnostic::error(error.to_string())])
}

impl Results {
    fn empty(query: &str, typing: bool) -> Results {
        Results {
            query: query.to_string(),
            typing,
            help: false,
            partial: false,
            total: 0,
            groups: Vec::new(),
            results: Vec::new(),
        }
    }

    pub fn to_text(&self) -> String {
        let typed = if self.typing {
            " (as typed so far)"
        } else {
            ""
        };
        let more = if self.partial { " or more" } else { "" };
        let mut out = format!(
            "Results for \"{}\"{typed}: {}{more} found\n",
            self.query, self.total
        );
        out.push_str(&format!("  read as: {}\n", reading(&self.groups)));
        if self.help {
            out.push_str("  this asks for help, so the pages under asking_for_help: in content/search/synonyms.yaml come first\n");
        }
        if self.results.is_empty() {
            out.push_str("  nothing found. Add the words people use to content/search/synonyms.yaml, or write a page that answers this.\n");
        }
        for result in &self.results {
            out.push_str(&format!(
                "{:>3}. {:>8.4}  {:<9} {}  {}\n",
                result.rank, result.score, result.kind, result.title, result.url
            ));
        }
        out
    }
}

/// How the query's words were read: "hungrey → hungry (a typo); synonyms: food".
fn reading(groups: &[Group]) -> String {
    let typed: Vec<String> = groups
        .iter()
        .filter(|g| !g.synonym)
        .map(|group| {
            let terms: Vec<String> = group
                .terms
                .iter()
                .filter(|t| t.how != How::Exact || t.word != group.word)
                .map(|t| {
                    let how = match t.how {
                        How::Exact | How::Synonym => "",
                        How::Ending => " (another ending)",
                        How::Completion => " (as you type)",
                        How::Near => " (a typo)",
                    };
                    format!("{}{how}", t.word)
                })
                .collect();
            match (group.terms.is_empty(), terms.is_empty()) {
                (true, _) => format!("{} (not a word of this site)", group.word),
                (false, true) => group.word.clone(),
                (false, false) => format!("{} → {}", group.word, terms.join(", ")),
            }
        })
        .collect();
    let synonyms: Vec<&str> = groups
        .iter()
        .filter(|g| g.synonym)
        .flat_map(|g| g.terms.iter().map(|t| t.word.as_str()))
        .collect();
    let mut out = if typed.is_empty() {
        "no words to search for (only short, common words)".to_string()
    } else {
        typed.join("; ")
    };
    if !synonyms.is_empty() {
        out.push_str(&format!("; synonyms: {}", synonyms.join(", ")));
    }
    out
}

pub fn to_json(results: &[Results], many: bool) -> String {
    let json = if many {
        serde_json::to_string_pretty(results)
    } else {
        serde_json::to_string_pretty(&results[0])
    };
    json.expect("results serialise")
}

/// Where the queries come from: the one on the command line, or a file of them.
pub fn queries(
    query: Option<String>,
    file: Option<PathBuf>,
) -> std::result::Result<Vec<String>, Diagnostics> {
    match (query, file) {
        (_, Some(file)) => read_queries(&file),
        (Some(query), None) => Ok(vec![query]),
        (None, None) => Err(Diagnostics::from_iter([Diagnostic::error(
            "say what to search for",
        )
        .with_help(
            "signpost search \"my mate never has lunch\", or --queries FILE with one query a line",
        )])),
    }
}
