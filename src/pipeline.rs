//! The build, one stage after another, each returning data to the next:
//!
//! 1. settings: site.yaml, with the command line's overrides;
//! 2. content: pages, signs and voices parsed, the directory and files beside the pages read;
//! 3. routes: every address the site will publish, each with one owner;
//! 4. Markdown rendered, links resolved through the routes;
//! 5. the site assembled, then validated (every check that looks across files);
//! 6. the theme: templates and hashed assets, and the checks that need them;
//! 7. output: every route rendered, the search index, the files copied, into a sink.
//!
//! `build`, `check` and `serve` all run these same stages; problems from every stage that can
//! run are collected and reported together, and a stage whose inputs are broken is skipped
//! with a note, so one mistake gives one error.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::assets;
use crate::cms;
use crate::config::{self, SiteConfig, Taxonomies};
use crate::content::fenced::NoBlocks;
use crate::content::html::HtmlPolicy;
use crate::content::markdown::{self, Rendered};
use crate::content::page::Page;
use crate::content::tree::SectionTree;
use crate::content::{self, SourceFile};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::directory;
use crate::figures::{self, Figures, embed::Embedder};
use crate::hosting;
use crate::layout::CONFIG_FILE;
use crate::links::LinkIndex;
use crate::memo::{self, RenderMemo};
use crate::output::{self, OutputFile};
use crate::render::{self, Sink};
use crate::routes::{Claims, Routes};
use crate::search::{self, SearchIndex, Synonyms};
use crate::signs::{self, Matrix};
use crate::site::{Parts, Site};
use crate::templates::Templates;
use crate::theme::{self, ThemeSource};
use crate::validate;
use crate::voices::{self, Voice};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// The build's date: review dates and listings are judged against it. It comes from the
    /// command line (`--today`, SOURCE_DATE_EPOCH or the clock), never from the clock here.
    pub today: Date,
    /// A preview for staff (`signpost serve`): pages also show what is unfinished (cells with
    /// no file yet, review dates passed), which a published site never shows the public.
    pub preview: bool,
    /// Leave deleting the previous build to the caller (`BuildReport::previous`), so the
    /// command can report at once and delete it afterwards, off the build's critical path.
    pub defer_cleanup: bool,
}

/// A finished build: what was written, and the warnings it raised.
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    /// Files the previous build wrote with the same bytes, kept rather than written again.
    pub reused: usize,
    /// The previous build, moved aside, when `defer_cleanup` leaves deleting it to the caller.
    pub previous: Option<output::PreviousBuild>,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// A build that failed: every problem, and whether the output is as it was before.
pub struct BuildFailure {
    pub problems: Diagnostics,
    /// False only when putting the new site in place failed and the previous one could not
    /// be put back; the problems say where it is.
    pub output_unchanged: bool,
}

impl From<Diagnostics> for BuildFailure {
    fn from(problems: Diagnostics) -> Self {
        BuildFailure {
            problems,
            output_unchanged: true,
        }
    }
}

/// Builds the site and swaps it into the output folder; on any error nothing is written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    output::check_output_folder(&options.root, &options.output)
        .map_err(|problem| Diagnostics::from_iter([problem]))?;
    let write_error = |error: std::io::Error| {
        Diagnostic::error(format!(
            "cannot write the site to {}: {error}",
            options.output.display()
        ))
        .with_help(
            "check the folder is writable and the disk has space; the previous output is unchanged",
        )
    };
    let mut timings = Timings::default();
    let mut prepared = prepare(options, &mut timings)?;
    let staging = output::Staging::new(&options.output)
        .map_err(|error| Diagnostics::from_iter([write_error(error)]))?;
    let written = AtomicUsize::new(0);
    let sink = |file: OutputFile| {
        written.fetch_add(1, Ordering::Relaxed);
        staging.write(&file).map_err(write_error)
    };
    produce(&mut prepared, &sink, &mut timings).map_err(|problems| {
        let mut all = prepared.warnings.clone();
        all.merge(problems);
        all
    })?;
    let committed = timings
        .time("replace the previous output", || staging.commit())
        .map_err(|failed| {
            let mut all = prepared.warnings.clone();
            all.push(failed.problem);
            BuildFailure {
                problems: all,
                output_unchanged: failed.output_unchanged,
            }
        })?;
    let mut warnings = prepared.warnings;
    let previous = match committed.previous {
        Some(previous) if options.defer_cleanup => Some(previous),
        Some(previous) => {
            warnings.extend(previous.remove());
            None
        }
        None => None,
    };
    Ok(BuildReport {
        pages: prepared.content.site.pages.len(),
        files: written.into_inner(),
        reused: committed.reused,
        previous,
        warnings,
        timings,
    })
}

/// What a build found, when its files went to a sink rather than the output folder.
pub struct Outcome {
    /// The site, when its content could be prepared (for reports about it).
    pub site: Option<Site>,
    /// Every error and warning, exactly as `build` reports them.
    pub diagnostics: Diagnostics,
}

/// Everything a build does, with every file handed to `sink` instead of the output folder.
/// `check` runs this with a sink that keeps nothing, so it cannot disagree with `build`.
pub fn run_to(options: &BuildOptions, sink: &Sink) -> Outcome {
    let mut timings = Timings::default();
    let mut prepared = match prepare(options, &mut timings) {
        Ok(prepared) => prepared,
        Err(diagnostics) => {
            return Outcome {
                site: None,
                diagnostics,
            };
        }
    };
    let mut diagnostics = prepared.warnings.clone();
    if let Err(problems) = produce(&mut prepared, sink, &mut timings) {
        diagnostics.merge(problems);
    }
    Outcome {
        site: Some(prepared.content.site),
        diagnostics,
    }
}

/// Renders the prepared site into `sink`: every route, the search index, the theme's assets
/// and the copied files. Returns the problems found on the way, if any.
fn produce(prepared: &mut Prepared, sink: &Sink, timings: &mut Timings) -> Result<(), Diagnostics> {
    let content = &prepared.content;
    let theme = &prepared.theme;
    let mut search_took = std::time::Duration::ZERO;
    let (rendered, search_files) = timings.time("render and search index, side by side", || {
        rayon::join(
            || render::render_site(&content.site, &theme.templates, sink),
            || {
                let started = std::time::Instant::now();
                let files = prepare_search(content);
                search_took = started.elapsed();
                files
            },
        )
    });
    timings
        .stages
        .push(("of which the search index", search_took, None));
    let mut problems = Diagnostics::default();
    if let Err(found) = rendered {
        problems.merge(found);
    }
    let search_files = search_files.unwrap_or_else(|problem| {
        problems.push(problem);
        Vec::new()
    });
    let theme_files = std::mem::take(&mut prepared.theme.files);
    let copied_files = std::mem::take(&mut prepared.content.files);
    let copied = timings.time("write static files", || {
        theme_files
            .into_par_iter()
            .chain(copied_files.into_par_iter())
            .chain(search_files.into_par_iter())
            .try_for_each(sink)
    });
    if let Err(problem) = copied {
        problems.push(problem);
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}

/// A site ready to render: its content and its theme, and the warnings they raised.
pub struct Prepared {
    pub content: Content,
    pub theme: Theme,
    pub warnings: Diagnostics,
}

/// Everything that comes from site.yaml, content/, directory_data/ and static/.
pub struct Content {
    pub site: Site,
    /// What the next build of the dev server can reuse of this one's Markdown.
    pub memo: RenderMemo,
    /// Files copied as they are: the site's static/ and the files beside its pages.
    pub files: Vec<OutputFile>,
    /// content/search/synonyms.yaml, for the search index.
    pub synonyms: Synonyms,
}

/// Everything that comes from the theme and the site's templates/.
pub struct Theme {
    /// The name site.yaml gives it.
    pub name: String,
    pub source: ThemeSource,
    pub templates: Templates,
    /// The theme's static files, under content-hashed names.
    pub files: Vec<OutputFile>,
}

/// Every stage up to rendering, with validation. Stages run as far as they can after an
/// error, so one build reports every problem it can find.
pub fn prepare(options: &BuildOptions, timings: &mut Timings) -> Result<Prepared, Diagnostics> {
    let mut problems = Diagnostics::default();
    let config = load_config(options, &mut problems);
    let theme_name = config
        .as_ref()
        .map_or(theme::DEFAULT, |c| c.theme.as_str())
        .to_string();
    let content = timings.time("content", || {
        prepare_content(options, config, &mut problems)
    });
    let theme = timings.time("theme", || {
        prepare_theme(&options.root, &theme_name, &mut problems)
    });
    match (&content, &theme) {
        (Some(content), Some(theme)) => {
            validate::with_templates(&content.site, &theme.templates, &mut problems)
        }
        (Some(_), None) => problems.skip(
            "whether each page's template exists, and what the templates make of the pages",
            "the templates have errors",
        ),
        _ => {}
    }
    match (content, theme, problems.has_errors()) {
        (Some(content), Some(theme), false) => Ok(Prepared {
            content,
            theme,
            warnings: problems,
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
    let (mut config, warnings) = config::load(&options.root)
        .map_err(|errors| problems.merge(errors))
        .ok()?;
    problems.merge(warnings);
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

/// The content stages: pages, signs and voices parsed, the directory loaded, the routes
/// claimed, Markdown rendered with its links resolved, and the site validated. Returns None
/// when `config` is None or any of them found an error.
pub fn prepare_content(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    problems: &mut Diagnostics,
) -> Option<Content> {
    prepare_content_reusing(options, config, None, problems)
}

/// [`prepare_content`], reusing the Markdown `previous` rendered for pages whose text and
/// surroundings have not changed (the dev server, between saves).
pub fn prepare_content_reusing(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    previous: Option<&Content>,
    problems: &mut Diagnostics,
) -> Option<Content> {
    let errors_before = problems.error_count();
    let sources = content::read(&options.root, problems);
    let taxonomies = config.as_ref().map(|c| &c.taxonomies);
    let mut parsed = parse_pages(sources.markdown, taxonomies, options.drafts, problems);
    parsed.unreadable.extend(sources.unreadable);
    let synonyms = Synonyms::load(&options.root, problems);
    let mut copied = assets::site_files(&options.root, &sources.assets, problems);
    let mut own_host_rules = hosting::OwnRules::default();
    copied.retain(|copied| !own_host_rules.keep(&copied.file.output, &copied.bytes));
    let Some(config) = config else {
        problems.skip(
            "links and anchors, the signs matrix, the services directory, review dates, headings and reading ages",
            format!("{CONFIG_FILE} has errors"),
        );
        return None;
    };
    let directory = directory::load(&options.root, &config, problems);
    let figures = figures::load(&options.root, problems);
    let matrix = Matrix::new(&parsed.pages);
    let editor = cms::published(&options.root, &config, &directory, &parsed.pages, problems);
    let has_editor = editor.is_some();
    let (editor_made, editor_copied) = editor.map_or_else(Default::default, |e| (e.made, e.copied));
    let (claimed, mut files): (Vec<_>, Vec<_>) = copied
        .into_iter()
        .chain(editor_copied)
        .map(|copied| {
            let output = OutputFile::new(copied.file.output.clone(), copied.bytes);
            (copied.file, output)
        })
        .unzip();
    let tree = SectionTree::of(&parsed.pages);
    let routes = Routes::build(
        &Claims {
            pages: &parsed.pages,
            taxonomies: &config.taxonomies,
            directory: &directory,
            figures: &figures,
            files: &claimed,
            editor: has_editor,
            base_url: &config.normalised_base_url(),
            tree: &tree,
            page_size: config.pagination.page_size,
        },
        problems,
    );
    files.extend(editor_made);
    files.extend(hosting::files(
        &own_host_rules,
        !directory.is_empty(),
        problems,
    ));
    let policy = HtmlPolicy::new(&config.markdown.allow_html);
    let context = memo_context(&parsed, &routes, &policy, &figures);
    let reused = previous.map_or_else(
        || vec![None; parsed.pages.len()],
        |previous| {
            previous
                .memo
                .reuse(&previous.site.rendered, &parsed.pages, context)
        },
    );
    let memo = RenderMemo::new(&parsed.pages, context);
    let (rendered, voices_rendered) = render_markdown(&parsed, &routes, &policy, &figures, &reused);
    check_links_of_unparsed(&options.root, &parsed, &routes, &policy, problems);
    let site = Site::new(Parts {
        config,
        pages: parsed.pages,
        rendered,
        matrix,
        voices: parsed.voices,
        voices_rendered,
        directory,
        figures,
        routes,
        unreadable: parsed.unreadable,
        today: options.today,
        preview: options.preview,
        tree,
    });
    validate::content(&site, options.today, problems);
    problems.extend(search::check_settings(&site, &synonyms));
    if problems.error_count() > errors_before {
        return None;
    }
    Some(Content {
        site,
        memo,
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
    if !content.site.has_search() {
        return Ok(None);
    }
    let documents = search::documents(&content.site);
    if documents.is_empty() {
        return Ok(None);
    }
    SearchIndex::build(documents, content.synonyms.clone()).map(Some)
}

/// The theme stages: its static files hashed, its templates and the site's overrides loaded.
pub fn prepare_theme(root: &Path, name: &str, problems: &mut Diagnostics) -> Option<Theme> {
    let source = theme::resolve(root, name)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    let assets = assets::theme_assets(root, &source)
        .map_err(|found| problems.merge(found))
        .ok()?;
    let templates = Templates::load(root, &source, assets.urls)
        .map_err(|errors| problems.merge(errors))
        .ok()?;
    Some(Theme {
        name: name.to_string(),
        source,
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
    sources: Vec<SourceFile>,
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
fn parse_source(source: SourceFile, taxonomies: Option<&Taxonomies>) -> Result<Parsed, Diagnostic> {
    let path = source.content_path.clone();
    if signs::is_cell_file(&path) {
        signs::parse_cell(source, taxonomies).map(|page| Parsed::Page(Box::new(page)))
    } else if voices::is_voice_file(&path) {
        voices::parse(source, taxonomies).map(|voice| Parsed::Voice(Box::new(voice)))
    } else {
        Page::parse(source).map(|page| Parsed::Page(Box::new(page)))
    }
}

/// Renders every page's and every voice's Markdown in parallel, resolving links through the
/// routes. Problems stay with each file's output, for the validation stage to report.
fn render_markdown(
    parsed: &ParsedPages,
    routes: &Routes,
    policy: &HtmlPolicy,
    figures: &Figures,
    reused: &[Option<&Rendered>],
) -> (Vec<Rendered>, Vec<Rendered>) {
    let index = LinkIndex::new(&parsed.pages, routes, &parsed.drafts, &parsed.unreadable);
    let pages = parsed
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            if let Some(rendered) = reused[i] {
                return rendered.clone();
            }
            let links = index.for_file(Some(i), page.folder());
            // One per page: it numbers the page's charts so their ids are unique.
            let charts = Embedder::new(figures);
            markdown::render(page.body(), &links, policy, &charts)
        })
        .collect();
    let voices = parsed
        .voices
        .par_iter()
        .map(|voice| {
            let folder = voice.source.content_path.parent().unwrap_or(Path::new(""));
            markdown::render(
                voice.body(),
                &index.for_file(None, folder),
                policy,
                &NoBlocks,
            )
        })
        .collect();
    (pages, voices)
}

/// A hash of what a page's Markdown is rendered with besides its own text: where every page
/// is and what it is called in the route table, the figures it may embed, the raw HTML policy.
fn memo_context(
    parsed: &ParsedPages,
    routes: &Routes,
    policy: &HtmlPolicy,
    figures: &Figures,
) -> u64 {
    let mut sets: Vec<String> = [&parsed.drafts, &parsed.unreadable]
        .iter()
        .flat_map(|set| set.iter().map(|path| path.display().to_string()))
        .collect();
    sets.sort();
    let pages = parsed
        .pages
        .iter()
        .map(|page| format!("{}\t{}", page.source.content_path.display(), page.url));
    let settings = [format!("{policy:?}"), format!("{figures:?}")];
    let parts: Vec<String> = pages
        .chain(routes.iter().map(|route| route.address.clone()))
        .chain(sets)
        .chain(settings)
        .collect();
    memo::context(parts.iter().map(String::as_str))
}

/// A page whose settings could not be read still has its links checked, so one build reports
/// both kinds of mistake in the file rather than the second only after the first is fixed.
fn check_links_of_unparsed(
    root: &Path,
    parsed: &ParsedPages,
    routes: &Routes,
    policy: &HtmlPolicy,
    problems: &mut Diagnostics,
) {
    let index = LinkIndex::new(&parsed.pages, routes, &parsed.drafts, &parsed.unreadable);
    let mut failed: Vec<&PathBuf> = parsed.unreadable.iter().collect();
    failed.sort();
    for content_path in failed {
        let file = Path::new(crate::layout::CONTENT_DIR).join(content_path);
        let Ok(text) = crate::text::read(root, &file) else {
            continue;
        };
        let Ok(split) = content::front_matter::split(&text) else {
            continue;
        };
        let folder = content_path.parent().unwrap_or(Path::new(""));
        let body = &text[split.body_offset..];
        let rendered = markdown::render(body, &index.for_file(None, folder), policy, &NoBlocks);
        for problem in rendered.problems.into_iter().filter(|p| p.kind.is_error()) {
            problems.push(
                Diagnostic::error(problem.message)
                    .in_file(&file)
                    .at(crate::diagnostics::Position::of_offset(
                        &text,
                        split.body_offset + problem.offset,
                    ))
                    .with_help(problem.help),
            );
        }
    }
}

/// The site root: the nearest folder at or above `start` that holds a site.yaml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE).is_file())
        .map(Path::to_path_buf)
}

/// A sink that keeps nothing: rendering is checked, nothing is written.
pub fn discard(_: OutputFile) -> Result<(), Diagnostic> {
    Ok(())
}
