//! `signpost search "QUERY"`: what visitors will find, ranked, with scores.

use clap::Args;

use super::{DateArgs, Env, SiteArgs};
use crate::diagnostics::Diagnostics;
use crate::pipeline::{self, BuildOptions};
use crate::search::cli;
use std::path::PathBuf;

#[derive(Args)]
pub struct SearchArgs {
    /// What to search for, in quotes: "my mate never has lunch"
    #[arg(required_unless_present = "queries")]
    query: Option<String>,
    #[command(flatten)]
    site: SiteArgs,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Search as the header box suggests while someone is still typing: the last word also
    /// finds the words that start with it ("safeg" finds safeguarding).
    #[arg(long)]
    typing: bool,
    /// Search for every query in FILE (one a line; # starts a comment) instead of one.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    queries: Option<PathBuf>,
    /// Only results of this kind, as the search page's filters: guidance, sign, voice or
    /// service (repeat for more than one).
    #[arg(long, value_name = "KIND")]
    kind: Vec<String>,
    /// Only results for this age band (an id from site.yaml), and pages for any age.
    #[arg(long, value_name = "BAND")]
    band: Option<String>,
    /// Search the pages in this language (a code from site.yaml's `languages:`), as readers
    /// of its pages do; the default language otherwise.
    #[arg(long, value_name = "CODE")]
    language: Option<String>,
    /// Print the results as JSON: how each word was read, and each result's rank, score,
    /// kind, title and address.
    #[arg(long)]
    json: bool,
}

pub fn run(args: SearchArgs, env: &mut Env) -> u8 {
    let no_date = DateArgs { today: None };
    let (root, today) = match env
        .root(&args.site)
        .and_then(|root| Ok((root, env.today(&no_date)?)))
    {
        Ok(found) => found,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let options = BuildOptions {
        output: root.join("public"),
        root: root.clone(),
        base_url: None,
        drafts: false,
        today,
        preview: false,
        defer_cleanup: false,
    };
    let mut problems = Diagnostics::default();
    let config = pipeline::load_config(&options, &mut problems);
    let strings = pipeline::load_strings(&root, config.as_ref(), &mut problems);
    let Some(content) = pipeline::prepare_content(&options, config, &strings, &mut problems) else {
        return env.fail(&problems, &root);
    };
    let many = args.queries.is_some();
    let searched =
        cli::queries(args.query, args.queries.map(|file| env.cwd.join(file))).and_then(|queries| {
            let files = pipeline::prepare_search(&content, None);
            let request = cli::Request {
                queries,
                typing: args.typing,
                limit: args.limit,
                kinds: args.kind,
                band: args.band,
            };
            let site = edition(&content, args.language.as_deref())?;
            cli::run(site, &files, &request)
        });
    match searched {
        Ok(results) => {
            let text = if args.json {
                format!("{}\n", cli::to_json(&results, many))
            } else {
                results.iter().map(cli::Results::to_text).collect()
            };
            let _ = write!(env.out, "{text}");
            0
        }
        Err(problems) => env.fail(&problems, &root),
    }
}

/// The site in the language `code` names (the default language when none does), or an error
/// listing the site's languages.
fn edition<'a>(
    content: &'a pipeline::Content,
    code: Option<&str>,
) -> Result<&'a crate::site::Site, Diagnostics> {
    let Some(code) = code else {
        return Ok(&content.site);
    };
    let editions = content.editions();
    let codes: Vec<String> = editions.iter().map(|site| site.language().code).collect();
    match codes.iter().position(|c| c == code) {
        Some(index) => Ok(editions[index]),
        None => Err(Diagnostics::from_iter([
            crate::diagnostics::Diagnostic::error(format!(
                "--language {code} is not one of the site's languages"
            ))
            .with_help(format!(
                "the site's languages (site.yaml, `languages:`) are: {}",
                codes.join(", ")
            )),
        ])),
    }
}
