//! The command line: what comms staff type, and what they see back.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::diagnostics::{self, Diagnostic, Diagnostics};
use crate::init;
use crate::pipeline::{self, BuildOptions};

#[derive(Parser)]
#[command(
    name = "signpost",
    version,
    about = "Builds a child-neglect awareness website from Markdown and YAML files.",
    long_about = "Builds a child-neglect awareness website from Markdown and YAML files.\n\n\
        A site is a folder with a site.yaml (the settings), content/ (the pages, written in Markdown) \
        and directory_data/ (local services). `signpost build` turns it into a folder of plain web pages \
        that any web host can serve.\n\n\
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
    Build(BuildArgs),
    /// Preview the site while you edit: builds it, shows it at http://127.0.0.1:1111/, and
    /// updates the open pages each time you save a file.
    Serve(ServeArgs),
    /// Check the site for problems without building it: broken links, page settings,
    /// headings, review dates, how easy young people's pages are to read.
    Check(CheckArgs),
    /// Search the site as visitors will, and see the ranked results with their scores.
    ///
    /// signpost indexes the site in memory and searches it with the same algorithm visitors'
    /// browsers run: misspellings and synonyms from content/search/synonyms.yaml, typos forgiven
    /// after a word's first two letters (one in words of 4 letters or more, two from 8), other
    /// endings of a word (kids finds kid), and the pages listed under asking_for_help: first
    /// when a query asks for someone to talk to. It prints how it read each word, then the
    /// results. Nothing is written.
    Search(SearchArgs),
    /// Bring services into the directory from another directory's open data.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Start a new site in a new folder, with example settings and pages to edit.
    Init {
        /// The folder to create, e.g. my-partnership-site
        dir: PathBuf,
    },
}

#[derive(Args)]
struct SearchArgs {
    /// What to search for, in quotes: "my mate never has lunch"
    #[arg(required_unless_present = "queries")]
    query: Option<String>,
    /// The site's folder (the one with site.yaml). Default: found by looking up from where you are.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
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
    /// Print the results as JSON: how each word was read, and each result's rank, score,
    /// kind, title and address.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Read Open Referral UK 3.0 JSON (a /services list, or one service) and write one file per
    /// service into directory_data/services/. Files you have changed are left alone unless
    /// you add --force.
    Oruk {
        /// The JSON file to read.
        file: PathBuf,
        /// The site's folder (the one with site.yaml). Default: found by looking up from where you are.
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Replace service files that differ from the feed.
        #[arg(long)]
        force: bool,
        /// The category (an id from directory_data/categories.yaml) for services whose own
        /// categories match none of yours.
        #[arg(long, value_name = "ID")]
        category: Option<String>,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// The site's folder (the one with site.yaml). Default: found by looking up from where you are.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Where to put the built website. Default: public/ inside the site's folder.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// The address the site will be published at, instead of base_url in site.yaml.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Also build pages marked `draft: true`, to preview them.
    #[arg(long)]
    drafts: bool,
    /// Also print how long each stage took and the memory it added (for benchmarks).
    #[arg(long)]
    timings: bool,
}

#[derive(Args)]
struct CheckArgs {
    /// The site's folder (the one with site.yaml). Default: found by looking up from where you are.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// `human` to read, `json` for a CI job (the format is described in README.md).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    strict: bool,
    /// Also visit every link to another website and report the ones that no longer work.
    #[arg(long)]
    external: bool,
    /// With --external: how many seconds to wait for each website before calling it dead.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    timeout: u64,
    /// Also check pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The site's folder (the one with site.yaml). Default: found by looking up from where you are.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// The port to serve on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. The default is only reachable from this computer; another
    /// address lets other devices on your network see the preview.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in your web browser.
    #[arg(long)]
    open: bool,
    /// Also show pages marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(args),
        Command::Check(args) => check(args),
        Command::Serve(args) => serve(args),
        Command::Search(args) => search(args),
        Command::Import(ImportCommand::Oruk {
            file,
            root,
            force,
            category,
        }) => import(&file, root, force, category.as_deref()),
        Command::Init { dir } => match init::create_site(&dir) {
            Ok(()) => {
                println!(
                    "Created a new site in {0}.\nNext: edit {0}/site.yaml, then run `signpost build --root {0}`.",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(problem) => fail(&Diagnostics::from_iter([problem]), Path::new(".")),
        },
    }
}

fn build(args: BuildArgs) -> ExitCode {
    let root = match resolve_root(args.root) {
        Ok(root) => root,
        Err(problem) => return fail(&Diagnostics::from_iter([problem]), Path::new(".")),
    };
    let output = args.output.unwrap_or_else(|| root.join("public"));
    let options = BuildOptions {
        root: root.clone(),
        output: output.clone(),
        base_url: args.base_url,
        drafts: args.drafts,
    };
    let started = Instant::now();
    match pipeline::build(&options) {
        Ok(report) => {
            print_diagnostics(&report.warnings, &root);
            println!(
                "Built {} pages ({} files) into {} in {:.2} s{}.",
                report.pages,
                report.files,
                output.display(),
                started.elapsed().as_secs_f64(),
                warning_summary(report.warnings.warning_count())
            );
            if args.timings {
                print!("{}", report.timings.to_text());
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems, &root);
            eprintln!(
                "Build failed: {} error(s), {} warning(s). Nothing was written: the site in {} is unchanged.",
                problems.error_count(),
                problems.warning_count(),
                output.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn search(args: SearchArgs) -> ExitCode {
    let root = match resolve_root(args.root) {
        Ok(root) => root,
        Err(problem) => return fail(&Diagnostics::from_iter([problem]), Path::new(".")),
    };
    let many = args.queries.is_some();
    let request = crate::search::cli::queries(args.query, args.queries).map(|queries| {
        crate::search::cli::Request {
            queries,
            typing: args.typing,
            limit: args.limit,
            kinds: args.kind,
            band: args.band,
        }
    });
    match request.and_then(|request| crate::search::cli::run(&root, &request)) {
        Ok(results) if args.json => {
            println!("{}", crate::search::cli::to_json(&results, many));
            ExitCode::SUCCESS
        }
        Ok(results) => {
            for result in &results {
                print!("{}", result.to_text());
            }
            ExitCode::SUCCESS
        }
        Err(problems) => fail(&problems, &root),
    }
}

fn import(file: &Path, root: Option<PathBuf>, force: bool, category: Option<&str>) -> ExitCode {
    let root = match resolve_root(root) {
        Ok(root) => root,
        Err(problem) => return fail(&Diagnostics::from_iter([problem]), Path::new(".")),
    };
    match crate::import::import_oruk(&root, file, force, category) {
        Ok(report) => {
            print!("{}", report.to_text());
            ExitCode::SUCCESS
        }
        Err(message) => fail(
            &Diagnostics::from_iter([Diagnostic::error(message)]),
            Path::new("."),
        ),
    }
}

fn serve(args: ServeArgs) -> ExitCode {
    let root = match resolve_root(args.root) {
        Ok(root) => root,
        Err(problem) => return fail(&Diagnostics::from_iter([problem]), Path::new(".")),
    };
    let options = crate::serve::ServeOptions {
        root,
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    };
    match crate::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(
            &Diagnostics::from_iter([Diagnostic::error(message)]),
            Path::new("."),
        ),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let root = match resolve_root(args.root) {
        Ok(root) => root,
        Err(problem) => return fail(&Diagnostics::from_iter([problem]), Path::new(".")),
    };
    let options = BuildOptions {
        output: root.join("public"),
        root: root.clone(),
        base_url: None,
        drafts: args.drafts,
    };
    let external = args.external.then(|| crate::check::external::Settings {
        timeout: std::time::Duration::from_secs(args.timeout),
        ..Default::default()
    });
    let report = crate::check::run(&options, external.as_ref());
    match args.format {
        Format::Json => println!("{}", report.to_json()),
        Format::Human => {
            print_diagnostics(&report.diagnostics, &root);
            for page in &report.readability {
                println!(
                    "Reading age {:>4.1}  {}",
                    page.reading_age,
                    page.file.display()
                );
            }
            println!(
                "Checked: {} error(s), {} warning(s).",
                report.diagnostics.error_count(),
                report.diagnostics.warning_count()
            );
        }
    }
    ExitCode::from(report.exit_code(args.strict))
}

fn warning_summary(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => ", with 1 warning".into(),
        n => format!(", with {n} warnings"),
    }
}

fn resolve_root(given: Option<PathBuf>) -> Result<PathBuf, Diagnostic> {
    if let Some(root) = given {
        if root.join(crate::config::CONFIG_FILE).is_file() {
            return Ok(root);
        }
        return Err(
            Diagnostic::error(format!("there is no site.yaml in {}", root.display()))
                .with_help("--root must be the site's folder, the one that holds site.yaml"),
        );
    }
    let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    pipeline::find_root(&here).ok_or_else(|| {
        Diagnostic::error(format!("there is no site.yaml in {} or any folder above it", here.display()))
            .with_help("run signpost inside a site's folder, give --root DIR, or start a site with `signpost init DIR`")
    })
}

fn print_diagnostics(problems: &Diagnostics, root: &Path) {
    if problems.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", diagnostics::render(problems, root, color));
}

fn fail(problems: &Diagnostics, root: &Path) -> ExitCode {
    print_diagnostics(problems, root);
    ExitCode::FAILURE
}
