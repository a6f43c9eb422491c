//! `signpost search "QUERY"`: what visitors will find, ranked, with scores.

use clap::Args;

use super::{DateArgs, Env, SiteArgs};
use crate::diagnostics::Diagnostics;
use crate::pipeline::{self, BuildOptions};

#[derive(Args)]
pub struct SearchArgs {
    /// What to search for, in quotes: "my mate never has lunch"
    query: String,
    #[command(flatten)]
    site: SiteArgs,
    /// How many results to show.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print the results as JSON (rank, score, kind, title, url).
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
    let Some(content) = pipeline::prepare_content(&options, config, &mut problems) else {
        return env.fail(&problems, &root);
    };
    match crate::search::cli::run(&content.site, &content.synonyms, &args.query, args.limit) {
        Ok(results) => {
            let text = if args.json {
                format!("{}\n", results.to_json())
            } else {
                results.to_text()
            };
            let _ = write!(env.out, "{text}");
            0
        }
        Err(problems) => env.fail(&problems, &root),
    }
}
