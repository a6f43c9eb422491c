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

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::assets;
use crate::config::{self, SiteConfig};
use crate::content::page::Page;
use crate::content::stamps::{Stamps, Touched};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::language::{Direction, Language};
use crate::layout::CONFIG_FILE;
use crate::memo::{DirectoryMemo, RenderMemo};
use crate::output::{self, OutputFile};
use crate::render::{self, Sink};
use crate::render_cache::{Made, RenderCache};
use crate::routes::Target;
use crate::search::cache::SearchCache;
use crate::search::{self, SearchIndex, SearchLanguage, Synonyms};
use crate::site::Site;
use crate::strings::{self, LanguageRequest, Strings};
use crate::templates::Templates;
use crate::theme::{self, ThemeSource};
use crate::validate;

mod content_stage;
mod parse;
mod rendering;

pub use content_stage::{prepare_content, prepare_content_reusing};

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
    // Looking through the output for files someone put there walks every file of the last
    // build, and the staging folder reads what the last two builds wrote: both run beside the
    // content stage, which leaves a core idle at times.
    let ((checked, earlier), prepared) = rayon::join(
        || {
            let earlier = output::Earlier::read(&options.output);
            let checked =
                output::check_output_folder(&options.root, &options.output, earlier.last());
            (checked, earlier)
        },
        || prepare(options, &mut timings),
    );
    checked.map_err(|problem| Diagnostics::from_iter([problem]))?;
    let mut prepared = prepared?;
    prepared.content.release_markdown();
    let staging = output::Staging::reusing(earlier)
        .map_err(|error| Diagnostics::from_iter([write_error(error)]))?
        .renames_folders_in(search_folders(&prepared.content));
    let written = AtomicUsize::new(0);
    let sink = |file: OutputFile| {
        written.fetch_add(1, Ordering::Relaxed);
        staging.write(&file).map_err(write_error)
    };
    let cache_dir = output::cache_of(&options.output);
    let search_cache = SearchCache::at(&cache_dir);
    let render_cache = RenderCache::at(&cache_dir);
    let place = |path: &Path, made: Made| {
        let placed = staging.place_earlier(path, made.hash, made.size);
        if placed {
            written.fetch_add(1, Ordering::Relaxed);
        }
        placed
    };
    let reuse = (render_cache.as_ref()).map(|cache| render::Reuse {
        cache,
        place: &place,
    });
    let caches = Caches {
        search: search_cache.as_ref(),
        renders: reuse.as_ref(),
    };
    let produced = produce(&mut prepared, &sink, &mut timings, caches);
    if let Some(cache) = &search_cache {
        cache.prune();
    }
    if let Some(cache) = &render_cache {
        cache.save();
    }
    produced.map_err(|problems| {
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
    let pages = prepared
        .content
        .editions()
        .iter()
        .map(|s| s.pages.len())
        .sum();
    let Prepared {
        content,
        theme,
        mut warnings,
    } = prepared;
    // Freeing a large site's model takes a twentieth of a second that nobody waits for:
    // the command reports, and may exit before it is done.
    std::thread::spawn(move || drop((content, theme)));
    let previous = match committed.previous {
        Some(previous) if options.defer_cleanup => Some(previous),
        Some(previous) => {
            warnings.extend(previous.remove());
            None
        }
        None => None,
    };
    Ok(BuildReport {
        pages,
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
    if let Err(problems) = produce(&mut prepared, sink, &mut timings, Caches::default()) {
        diagnostics.merge(problems);
    }
    Outcome {
        site: Some(prepared.content.site),
        diagnostics,
    }
}

/// What earlier builds left that a build can reuse: none for `check`.
#[derive(Default, Clone, Copy)]
struct Caches<'a> {
    search: Option<&'a SearchCache>,
    renders: Option<&'a render::Reuse<'a>>,
}

/// Renders the prepared site into `sink`: every route (reusing what earlier builds rendered),
/// the search index (reusing what the cache holds of it), the theme's assets and the copied
/// files. Returns the problems found on the way, if any.
fn produce(
    prepared: &mut Prepared,
    sink: &Sink,
    timings: &mut Timings,
    caches: Caches,
) -> Result<(), Diagnostics> {
    let content = &prepared.content;
    let theme = &prepared.theme;
    let mut search_took = std::time::Duration::ZERO;
    let (rendered, search_written) = timings.time("render and search index, side by side", || {
        rayon::join(
            || render::render_site(&content.editions(), &theme.templates, sink, caches.renders),
            || {
                let started = std::time::Instant::now();
                let files = prepare_search(content, caches.search);
                search_took = started.elapsed();
                // Written here, beside the pages still being rendered, rather than after them.
                files.into_par_iter().try_for_each(sink)
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
    if let Err(problem) = search_written {
        problems.push(problem);
    }
    let theme_files = std::mem::take(&mut prepared.theme.files);
    let copied_files = std::mem::take(&mut prepared.content.files);
    let copied = timings.time("write static files", || {
        theme_files
            .into_par_iter()
            .chain(copied_files.into_par_iter())
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
    /// The site in its default language.
    pub site: Site,
    /// The site in each of its other languages, in site.yaml's order (none for a site in one
    /// language).
    pub translations: Vec<Site>,
    /// What the next build of the dev server can reuse of this one's Markdown, by language.
    pub memos: Vec<RenderMemo>,
    /// The stamps of the files parsed into pages and voices, so the dev server's next build
    /// reads only the files that changed.
    pub stamps: Stamps,
    /// What the dev server's next build needs to reuse this one's directory.
    pub directory_memo: DirectoryMemo,
    /// Files copied as they are: the site's static/ and the files beside its pages.
    pub files: Vec<OutputFile>,
    /// content/search/synonyms.yaml (and each other language's, synonyms.pl.yaml), for the
    /// search index, by language.
    pub synonyms: Vec<Synonyms>,
}

/// The dev server's last good content stage, and what the watcher saw change since.
#[derive(Clone, Copy)]
pub struct LastBuild<'a> {
    pub content: &'a Content,
    pub touched: &'a Touched,
}

impl Content {
    /// The site in each of its languages, the default language's first.
    pub fn editions(&self) -> Vec<&Site> {
        std::iter::once(&self.site)
            .chain(&self.translations)
            .collect()
    }

    /// Drops every page's Markdown, once rendered to HTML (see [`Page::release_body`]). Only
    /// `build` does: `check --external` reads the Markdown again for the lines of the links
    /// it reports, and the dev server to see what a save changed.
    pub fn release_markdown(&mut self) {
        let editions = std::iter::once(&mut self.site).chain(&mut self.translations);
        for site in editions {
            site.pages.iter_mut().for_each(Page::release_body);
        }
    }
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
    let strings = load_strings(&options.root, config.as_ref(), &mut problems);
    let content = timings.time("content", || {
        prepare_content(options, config, &strings, &mut problems)
    });
    let theme = timings.time("theme", || {
        prepare_theme(&options.root, &theme_name, &strings, &mut problems)
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

/// The theme's words in each language of the site (only its default language, for a site in
/// one). Templates, scripts and the views that compose text all take their words from here.
/// A language site.yaml declares under `languages:` must have every word; a site in one
/// language has the theme's English for any word its language's file lacks, as before.
pub fn load_strings(
    root: &Path,
    config: Option<&SiteConfig>,
    problems: &mut Diagnostics,
) -> Strings {
    let name = config.map_or(theme::DEFAULT, |c| c.theme.as_str());
    let source = theme::resolve(root, name).unwrap_or(ThemeSource::BuiltIn);
    let languages = config.map_or_else(|| vec![one_language()], SiteConfig::languages);
    let declared = config.is_some_and(SiteConfig::is_multilingual);
    let site_yaml = declared
        .then(|| crate::text::read(root, Path::new(CONFIG_FILE)).ok())
        .flatten();
    let requests: Vec<LanguageRequest> = languages
        .iter()
        .map(|language| LanguageRequest {
            code: &language.code,
            must_be_complete: declared,
            declared_at: site_yaml.as_deref().map(|text| {
                let (line, column) =
                    crate::yaml::locate_key(text, "code", Some(&language.code)).unwrap_or((1, 1));
                (PathBuf::from(CONFIG_FILE), Position::new(line, column))
            }),
        })
        .collect();
    strings::load(root, &source, &requests, problems)
}

/// The language of a site.yaml that could not be read, so its pages can still be checked.
pub(super) fn one_language() -> Language {
    Language {
        code: "en-GB".into(),
        name: String::new(),
        direction: Direction::Ltr,
    }
}

/// The search stage: each language's documents indexed (reusing what `cache` holds of their
/// index) and exported for the browser at its search page's address (nothing for a language
/// with nothing to search yet).
pub fn prepare_search(content: &Content, cache: Option<&SearchCache>) -> Vec<OutputFile> {
    let mut files = Vec::new();
    for (site, synonyms) in content.editions().into_iter().zip(&content.synonyms) {
        if let Some(index) = search_index(site, synonyms, cache) {
            let root = site.url(Target::SearchPage);
            files.extend(search::export::export_at(&index, &root).files);
        }
    }
    files
}

/// The folders the search indexes are exported to, one per language: each holds the index in
/// a folder named by a hash of its files, so renamed whenever the index changes.
fn search_folders(content: &Content) -> Vec<std::path::PathBuf> {
    let folder = |site: &Site| site.url(Target::SearchPage).trim_matches('/').into();
    let editions = content.editions().into_iter();
    editions
        .filter(|site| site.has_search())
        .map(folder)
        .collect()
}

/// One language's documents indexed, read as that language reads; None for a language with
/// nothing to search yet (only a home page).
pub fn search_index<'a>(
    site: &'a Site,
    synonyms: &Synonyms,
    cache: Option<&SearchCache>,
) -> Option<SearchIndex<'a>> {
    if !site.has_search() {
        return None;
    }
    let documents = search::documents(site);
    if documents.is_empty() {
        return None;
    }
    let language = SearchLanguage::new(&site.language().code, &synonyms.stop_words);
    let synonyms = synonyms.clone();
    Some(SearchIndex::build_cached(
        documents, synonyms, language, cache,
    ))
}

/// The theme stages: its static files hashed, its templates and the site's overrides loaded.
pub fn prepare_theme(
    root: &Path,
    name: &str,
    strings: &Strings,
    problems: &mut Diagnostics,
) -> Option<Theme> {
    let source = theme::resolve(root, name)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    let assets = assets::theme_assets(root, &source, strings)
        .map_err(|found| problems.merge(found))
        .ok()?;
    let templates = Templates::load(root, &source, assets.urls, strings)
        .map_err(|errors| problems.merge(errors))
        .ok()?;
    Some(Theme {
        name: name.to_string(),
        source,
        templates,
        files: assets.files,
    })
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
