//! The build, one stage after another, each returning data to the next; problems from every
//! stage that can run are collected and reported together.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::assets;
use crate::check;
use crate::config::Taxonomies;
use crate::config::{self, SiteConfig};
use crate::content::markdown::{self, AnchorCheck, ProblemKind, Rendered};
use crate::content::page::Page;
use crate::content::{self, ContentFiles};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::directory::{self, Directory};
use crate::links::{self, LinkIndex};
use crate::output;
use crate::render::{self, OutputFile};
use crate::search::{self, SearchIndex, Synonyms};
use crate::signs::{self, Matrix};
use crate::site::Site;
use crate::templates::Templates;
use crate::voices::{self, Voice};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// A finished build: what was written, and the warnings it raised.
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// Builds the site and swaps it into the output folder; on any error nothing is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    output::check_output_folder(&options.root, &options.output)
        .map_err(|problem| Diagnostics::from_iter([problem]))?;
    let prepared = prepare(options)?;
    let write_error = |error: std::io::Error| {
        Diagnostic::error(format!(
            "cannot write the site to {}: {error}",
            options.output.display()
        ))
        .with_help(
            "check the folder is writable and the disk has space; the previous output is unchanged",
        )
    };
    let staging = output::Staging::new(&options.output)
        .map_err(|error| Diagnostics::from_iter([write_error(error)]))?;
    let written = AtomicUsize::new(0);
    let write = |file: OutputFile| {
        written.fetch_add(1, Ordering::Relaxed);
        staging.write(&file).map_err(write_error)
    };
    let Prepared {
        content,
        theme,
        warnings,
        mut timings,
    } = prepared;
    let mut search_took = std::time::Duration::ZERO;
    let (rendered, search_files) = timings.time("render and search index, side by side", || {
        rayon::join(
            || render::render_site(&content.site, &theme.templates, write),
            || {
                let started = std::time::Instant::now();
                let files = prepare_search(&content);
                search_took = started.elapsed();
                files
            },
        )
    });
    timings
        .stages
        .push(("of which the search index", search_took, None));
    rendered?;
    let search_files = search_files.map_err(|problem| Diagnostics::from_iter([problem]))?;
    timings.time("write static files", || {
        theme
            .files
            .into_par_iter()
            .chain(content.files.into_par_iter())
            .chain(search_files.into_par_iter())
            .try_for_each(write)
            .map_err(|problem| Diagnostics::from_iter([problem]))
    })?;
    timings
        .time("replace the previous output", || staging.commit())
        .map_err(|error| Diagnostics::from_iter([write_error(error)]))?;
    Ok(BuildReport {
        pages: content.site.pages.len(),
        files: written.into_inner(),
        warnings,
        timings,
    })
}

/// A site ready to render: its content and its theme, and the warnings they raised.
pub struct Prepared {
    pub content: Content,
    pub theme: Theme,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// Everything that comes from site.yaml, content/ and static/.
pub struct Content {
    pub site: Site,
    /// Files copied as they are: the site's static/ and the files beside its pages.
    pub files: Vec<OutputFile>,
    /// content/search/synonyms.yaml, for the search index.
    pub synonyms: Synonyms,
}

/// Everything that comes from the theme and the site's templates/.
pub struct Theme {
    pub name: String,
    pub templates: Templates,
    /// The theme's static files, under content-hashed names.
    pub files: Vec<OutputFile>,
}

/// Every stage up to rendering. Stages run as far as they can after an error, so one build
/// reports every problem it can find.
pub fn prepare(options: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut timings = Timings::default();
    let config = load_config(options, &mut problems);
    let theme_name = config
        .as_ref()
        .map_or("default", |c| c.theme.as_str())
        .to_string();
    let content = timings.time("content", || {
        prepare_content(options, config, &mut problems)
    });
    let theme = timings.time("theme", || {
        prepare_theme(&options.root, &theme_name, &mut problems)
    });
    match (content, theme, problems.has_errors()) {
        (Some(content), Some(theme), false) => Ok(Prepared {
            content,
            theme,
            warnings: problems,
            timings,
        }),
        _ => Err(problems),
    }
}

/// How long each stage of a build took, and how far it raised the process's peak memory.
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub stages: Vec<(&'static str, std::time::Duration, Option<u64>)>,
}

impl Timings {
    pub fn time<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let peak_before = peak_memory_kb();
        let started = std::time::Instant::now();
        let result = work();
        let added = peak_before
            .zip(peak_memory_kb())
            .map(|(before, after)| after.saturating_sub(before));
        self.stages.push((stage, started.elapsed(), added));
        result
    }

    pub fn to_text(&self) -> String {
        self.stages
            .iter()
            .map(|(stage, took, added)| {
                let memory = added.map_or(String::new(), |kb| {
                    format!(", peak memory +{} MB", kb / 1024)
                });
                format!("  {stage}: {:.2} s{memory}\n", took.as_secs_f64())
            })
            .collect()
    }
}

/// The process's peak resident memory so far (VmHWM), where the system reports it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Reads site.yaml (with the command line's overrides); None if it is unusable.
pub fn load_config(options: &BuildOptions, problems: &mut Diagnostics) -> Option<SiteConfig> {
    let mut config = config::load(&options.root)
        .map_err(|errors| problems.extend(errors))
        .ok()?;
    if let Some(base_url) = &options.base_url {
        if !config::is_http_url(base_url) {
            problems.push(
                Diagnostic::error(format!("--base-url `{base_url}` is not a web address"))
                    .with_help(
                        "give the full address, e.g. --base-url https://neglect.example.org.uk/",
                    ),
            );
            return None;
        }
        config.base_url = base_url.clone();
    }
    Some(config)
}

/// The content stages: pages, signs and voices parsed, Markdown rendered, links checked.
/// Returns None when `config` is None or any of them found an error.
pub fn prepare_content(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    problems: &mut Diagnostics,
) -> Option<Content> {
    let errors_before = problems.error_count();
    let content = content::read(&options.root).unwrap_or_else(|errors| {
        problems.extend(errors);
        ContentFiles::default()
    });
    let taxonomies = config.as_ref().map(|c| &c.taxonomies);
    let parsed = parse_pages(content.markdown, taxonomies, options.drafts, problems);
    check_unique_urls(&parsed.pages, problems);
    let matrix = taxonomies.map(|t| Matrix::build(&parsed.pages, t, problems));
    if parsed.unreadable.is_empty() {
        check_home_page(&parsed.pages, problems);
    }
    let directory = config
        .as_ref()
        .map(|c| directory::load(&options.root, &c.taxonomies, &c.directory, problems));
    let rendered = render_markdown(
        &parsed,
        taxonomies,
        directory.as_ref(),
        &content.assets,
        problems,
    );
    if let Some(config) = &config {
        check::pages::check_pages(&parsed.pages, &rendered, config, problems);
    }
    if let Some(directory) = &directory {
        check_directory_page(&parsed.pages, directory, problems);
    }
    let synonyms = Synonyms::load(&options.root, problems);
    let files = assets::site_files(&options.root, &content.assets, problems);
    let (Some(config), Some(matrix), Some(directory)) = (config, matrix, directory) else {
        return None;
    };
    if problems.error_count() > errors_before {
        return None;
    }
    let site = Site::new(
        config,
        parsed.pages,
        rendered,
        matrix,
        parsed.voices,
        directory,
    );
    problems.extend(search::check_settings(&site, &synonyms));
    if problems.error_count() > errors_before {
        return None;
    }
    Some(Content {
        site,
        files,
        synonyms,
    })
}

/// The search stage: the site's documents indexed with tantivy and exported for the browser
/// (nothing for a site with nothing to search yet).
pub fn prepare_search(content: &Content) -> Result<Vec<OutputFile>, Diagnostic> {
    let exported = match search_index(content) {
        Ok(Some(index)) => search::export::export(&index).map(|export| export.files),
        Ok(None) => Ok(Vec::new()),
        Err(error) => Err(error),
    };
    exported
        .map_err(|error| Diagnostic::error(format!("the search index could not be built: {error}")))
}

/// The site's documents indexed with tantivy; None for a site with nothing to search yet
/// (only a home page).
pub fn search_index(content: &Content) -> tantivy::Result<Option<SearchIndex<'_>>> {
    let documents = search::documents(&content.site);
    if documents.is_empty() {
        return Ok(None);
    }
    SearchIndex::build(documents, content.synonyms.clone()).map(Some)
}

/// The theme stages: its static files hashed, its templates and the site's overrides loaded.
pub fn prepare_theme(root: &Path, name: &str, problems: &mut Diagnostics) -> Option<Theme> {
    let assets = assets::theme_assets(root, name, problems);
    let templates = Templates::load(root, name, assets.urls)
        .map_err(|errors| problems.extend(errors))
        .ok()?;
    Some(Theme {
        name: name.to_string(),
        templates,
        files: assets.files,
    })
}

/// The pages that parsed, and the content paths of those left out (drafts, or unreadable).
struct ParsedPages {
    pages: Vec<Page>,
    voices: Vec<Voice>,
    drafts: HashSet<PathBuf>,
    unreadable: HashSet<PathBuf>,
}

/// Parses every page, keeping the published ones and noting the rest.
fn parse_pages(
    sources: Vec<content::SourceFile>,
    taxonomies: Option<&Taxonomies>,
    include_drafts: bool,
    problems: &mut Diagnostics,
) -> ParsedPages {
    let parsed: Vec<(PathBuf, Result<Parsed, Diagnostic>)> = sources
        .into_par_iter()
        .map(|source| {
            (
                source.content_path.clone(),
                parse_source(source, taxonomies),
            )
        })
        .collect();
    let mut out = ParsedPages {
        pages: Vec::with_capacity(parsed.len()),
        voices: Vec::new(),
        drafts: HashSet::new(),
        unreadable: HashSet::new(),
    };
    for (content_path, result) in parsed {
        match result {
            Ok(Parsed::Page(page)) if page.front.draft && !include_drafts => {
                out.drafts.insert(content_path);
            }
            Ok(Parsed::Page(page)) => out.pages.push(*page),
            Ok(Parsed::Voice(voice)) => out.voices.push(*voice),
            Err(problem) => {
                problems.push(problem);
                out.unreadable.insert(content_path);
            }
        }
    }
    out
}

enum Parsed {
    Page(Box<Page>),
    Voice(Box<Voice>),
}

/// The folder a file is in decides what it is: a sign cell, a voice, or a guidance page.
fn parse_source(
    source: content::SourceFile,
    taxonomies: Option<&Taxonomies>,
) -> Result<Parsed, Diagnostic> {
    let path = source.content_path.clone();
    if signs::is_cell_file(&path) {
        signs::parse_cell(source, taxonomies).map(|page| Parsed::Page(Box::new(page)))
    } else if voices::is_voice_file(&path) {
        voices::parse(source, taxonomies).map(|voice| Parsed::Voice(Box::new(voice)))
    } else {
        Page::parse(source).map(|page| Parsed::Page(Box::new(page)))
    }
}

fn check_unique_urls(pages: &[Page], problems: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.url, page) {
            problems.push(
                Diagnostic::error(format!(
                    "this page and {} both have the address {}",
                    first.source.path.display(),
                    page.url
                ))
                .in_file(&page.source.path)
                .at(page.position_of_key(if page.front.slug.is_some() {
                    "slug"
                } else {
                    "title"
                }))
                .with_help("give one of them a different file name, or a different `slug:`"),
            );
        }
    }
}

/// Published services need content/directory/_index.md, the page the directory is shown on.
fn check_directory_page(pages: &[Page], directory: &Directory, problems: &mut Diagnostics) {
    let has_page = pages
        .iter()
        .any(|page| page.is_section() && page.folder() == Path::new(directory::PAGE_DIR));
    if !directory.is_empty() && !has_page {
        problems.push(
            Diagnostic::error("there are services but no page to show the directory on")
                .in_file(Path::new("content").join(directory::PAGE_DIR))
                .with_help("create content/directory/_index.md with a `title:` (e.g. Find local support) and a short introduction"),
        );
    }
}

fn check_home_page(pages: &[Page], problems: &mut Diagnostics) {
    if !pages.iter().any(|page| page.url == "/") {
        problems.push(
            Diagnostic::error("the site has no home page")
                .with_help("create content/_index.md with a `title:` in its front matter"),
        );
    }
}

/// Renders every page's Markdown in parallel, then checks anchors against every page's headings.
fn render_markdown(
    parsed: &ParsedPages,
    taxonomies: Option<&Taxonomies>,
    directory: Option<&Directory>,
    assets: &[PathBuf],
    problems: &mut Diagnostics,
) -> Vec<Rendered> {
    let pages = &parsed.pages;
    let urls: Vec<String> = pages.iter().map(|page| page.url.clone()).collect();
    let mut generated = match taxonomies {
        Some(taxonomies) if pages.iter().any(|page| page.sign().is_some()) => {
            signs::generated_urls(taxonomies)
        }
        _ => HashSet::new(),
    };
    generated.extend(directory.map(directory::generated_urls).unwrap_or_default());
    let index = LinkIndex::new(
        pages,
        &urls,
        &generated,
        &parsed.drafts,
        &parsed.unreadable,
        assets,
    );
    let mut rendered: Vec<Rendered> = pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| markdown::render(page.body(), &index.for_page(i, page.folder())))
        .collect();
    let mut anchor_checks: Vec<(usize, Vec<AnchorCheck>)> = Vec::new();
    for (i, output) in rendered.iter_mut().enumerate() {
        let page = &pages[i];
        for problem in output.problems.drain(..) {
            let diagnostic = match problem.kind {
                ProblemKind::BrokenLink => Diagnostic::error(problem.message),
                ProblemKind::MissingAltText => Diagnostic::warning(problem.message),
            };
            problems.push(
                diagnostic
                    .in_file(&page.source.path)
                    .at(page.position_in_body(problem.offset))
                    .with_help(problem.help),
            );
        }
        anchor_checks.push((i, std::mem::take(&mut output.anchors)));
    }
    let headings: Vec<_> = rendered.iter().map(|r| r.headings.clone()).collect();
    problems.extend(links::check_anchors(&anchor_checks, &headings, pages));
    rendered
}

/// The site root: the nearest folder at or above `start` that holds a site.yaml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(config::CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}
