//! The command line: what comms staff type, and what they see back. Each command is a thin
//! driver over the same pipeline stages; every one reports `Diagnostics`.

mod build;
mod check;
mod cms;
mod feed_check;
mod import;
mod init;
mod publish_setup;
mod search;
mod serve;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::date::Date;
use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::layout::CONFIG_FILE;
use crate::pipeline;

#[derive(Parser)]
#[command(
    name = "signpost",
    version,
    about = "Builds a child-neglect awareness website from Markdown and YAML files.",
    long_about = "Builds a child-neglect awareness website from Markdown and YAML files.\n\n\
        A site is a folder with a site.yaml (the settings), content/ (the pages, written in Markdown), \
        directory_data/ (local services) and data/ (local figures, drawn as charts). `signpost build` \
        turns it into a folder of plain web pages that any web host can serve.\n\n\
        If anything is wrong, signpost lists every problem with the file and line to fix, and leaves \
        the previous website untouched."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the website into a folder of web pages (public/ unless you say otherwise).
    Build(build::BuildArgs),
    /// Preview the site while you edit: builds it, shows it at http://127.0.0.1:1111/, and
    /// updates the open pages each time you save a file.
    Serve(serve::ServeArgs),
    /// Check the site for problems without writing anything: every check a build makes
    /// (page settings, links, figures, templates, headings, review dates (of pages and
    /// figures), how easy young people's pages are to read).
    Check(check::CheckArgs),
    /// Search the site as visitors will, and see the ranked results with their scores.
    ///
    /// signpost indexes the site in memory and searches it with the same algorithm visitors'
    /// browsers run: misspellings and synonyms from content/search/synonyms.yaml, typos forgiven
    /// after a word's first two letters (one in words of 4 letters or more, two from 8), other
    /// endings of a word (kids finds kid), and the pages listed under asking_for_help: first
    /// when a query asks for someone to talk to. It prints how it read each word, then the
    /// results. Nothing is written.
    Search(search::SearchArgs),
    /// Bring services into the directory from another directory's open data.
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Start a new site in a new folder, with example settings and pages to edit.
    Init(init::InitArgs),
    /// Add the files that check, build and publish the site on every push: for GitHub
    /// Pages, GitLab Pages or Netlify.
    PublishSetup(publish_setup::PublishSetupArgs),
    /// Turn on the browser editor at /admin/, where staff edit pages, signs, voices and
    /// services in forms and save them to the site's Git repository.
    Cms(cms::CmsArgs),
    /// Used by `build` itself: deletes a previous build it moved aside. Refuses any folder that
    /// is not one (a hidden `.NAME.previous-…` folder holding signpost's marker file).
    #[command(name = "__remove-previous", hide = true)]
    RemovePrevious { dir: PathBuf },
}

/// The hidden command that deletes a previous build after `build` has reported.
pub const REMOVE_PREVIOUS: &str = "__remove-previous";

/// Options every command that reads a site shares.
#[derive(Args, Clone)]
struct SiteArgs {
    /// The site's folder (the one with site.yaml). Default: found by looking up from where you are.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// The build's date, for commands that judge review dates and listings.
#[derive(Args, Clone)]
struct DateArgs {
    /// Judge review dates and listings as on this day (YYYY-MM-DD) instead of today.
    /// Without it, SOURCE_DATE_EPOCH (seconds since 1970) is used when set, else the clock.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    today: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date: write it as YYYY-MM-DD"))
}

/// Where a command runs and where it writes: the process's own, or a test's.
pub struct Env<'a> {
    /// The folder the command is run from.
    pub cwd: PathBuf,
    /// The value of SOURCE_DATE_EPOCH, if set.
    pub source_date_epoch: Option<String>,
    /// Colour in diagnostics.
    pub color: bool,
    /// After a build, delete the previous one in a process of its own (the real command);
    /// in a test, delete it before returning.
    pub cleanup_in_background: bool,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Env<'_> {
    /// The build's date: `--today`, else SOURCE_DATE_EPOCH, else this computer's clock.
    fn today(&self, given: &DateArgs) -> Result<Date, Diagnostic> {
        if let Some(date) = given.today {
            return Ok(date);
        }
        match &self.source_date_epoch {
            Some(value) => Date::from_source_date_epoch(value).map_err(|message| {
                Diagnostic::error(message).with_help(
                    "unset SOURCE_DATE_EPOCH, or set it to a number of seconds such as 1767225600, or give --today YYYY-MM-DD",
                )
            }),
            None => Ok(Date::local_today()),
        }
    }

    /// The site's folder: `--root`, or the nearest folder at or above this one with site.yaml.
    fn root(&self, given: &SiteArgs) -> Result<PathBuf, Diagnostic> {
        if let Some(root) = &given.root {
            let root = self.cwd.join(root);
            if root.join(CONFIG_FILE).is_file() {
                return Ok(root);
            }
            return Err(
                Diagnostic::error(format!("there is no site.yaml in {}", root.display()))
                    .with_help("--root must be the site's folder, the one that holds site.yaml"),
            );
        }
        pipeline::find_root(&self.cwd).ok_or_else(|| {
            Diagnostic::error(format!("there is no site.yaml in {} or any folder above it", self.cwd.display()))
                .with_help("run signpost inside a site's folder, give --root DIR, or start a site with `signpost init DIR`")
        })
    }

    /// Prints problems (with the source lines they point at) to the error stream.
    fn report(&mut self, problems: &Diagnostics, root: &Path) {
        if !problems.is_empty() {
            let _ = write!(
                self.err,
                "{}",
                diagnostics::render(problems, root, self.color)
            );
        }
    }

    /// Reports a command's failure and returns the exit code for it.
    fn fail(&mut self, problems: &Diagnostics, root: &Path) -> u8 {
        self.report(problems, root);
        1
    }
}

/// Runs the command line `args` (the program's name first) in `env`; returns the exit code.
pub fn run<I, T>(args: I, env: &mut Env) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error, env),
    };
    match cli.command {
        Command::Build(args) => build::run(args, env),
        Command::Check(args) => check::run(args, env),
        Command::Serve(args) => serve::run(args, env),
        Command::Search(args) => search::run(args, env),
        Command::Import(command) => import::run(command, env),
        Command::Init(args) => init::run(args, env),
        Command::Cms(args) => cms::run(args, env),
        Command::PublishSetup(args) => publish_setup::run(args, env),
        Command::RemovePrevious { dir } => {
            match crate::output::PreviousBuild::at(&env.cwd.join(dir)) {
                Some(previous) => u8::from(previous.remove().is_some()),
                None => 2,
            }
        }
    }
}

/// `--help` and `--version` print to standard output and succeed; a mistake in the command
/// line prints clap's explanation to the error stream and exits 2.
fn usage_error(error: &clap::Error, env: &mut Env) -> u8 {
    let text = if env.color {
        error.render().ansi().to_string()
    } else {
        error.render().to_string()
    };
    if error.use_stderr() {
        let _ = write!(env.err, "{text}");
    } else {
        let _ = write!(env.out, "{text}");
    }
    u8::try_from(error.exit_code()).unwrap_or(2)
}

/// The program's entry point: the process's arguments, folder, clock and terminal.
pub fn main() -> ExitCode {
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    let color = err.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut env = Env {
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH").ok(),
        color,
        cleanup_in_background: true,
        out: &mut out,
        err: &mut err,
    };
    ExitCode::from(run(std::env::args_os(), &mut env))
}
