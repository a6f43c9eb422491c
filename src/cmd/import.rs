//! `signpost import`: services from another directory's open data.

use std::path::PathBuf;

use clap::Subcommand;

use super::{DateArgs, Env, SiteArgs};
use crate::diagnostics::Diagnostics;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Read Open Referral UK 3.0 JSON (a /services list, or one service) and write one file per
    /// service into directory_data/services/. Files you have changed are left alone unless
    /// you add --force.
    Oruk {
        /// The JSON file to read.
        file: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
        /// Replace service files that differ from the feed.
        #[arg(long)]
        force: bool,
        /// The category (an id from directory_data/categories.yaml) for services whose own
        /// categories match none of yours.
        #[arg(long, value_name = "ID")]
        category: Option<String>,
        #[command(flatten)]
        date: DateArgs,
    },
}

pub fn run(command: ImportCommand, env: &mut Env) -> u8 {
    let ImportCommand::Oruk {
        file,
        site,
        force,
        category,
        date,
    } = command;
    let (root, today) = match env
        .root(&site)
        .and_then(|root| Ok((root, env.today(&date)?)))
    {
        Ok(found) => found,
        Err(problem) => return env.fail(&Diagnostics::from_iter([problem]), &env.cwd.clone()),
    };
    let feed = env.cwd.join(file);
    let settings = crate::import::Settings {
        force,
        default_category: category.as_deref(),
        today,
    };
    match crate::import::import_oruk(&root, &feed, &settings) {
        Ok(report) => {
            let _ = write!(env.out, "{}", report.to_text());
            0
        }
        Err(problems) => env.fail(&problems, &root),
    }
}
