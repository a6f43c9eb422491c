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
use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::assets;
use crate::cms;
use crate::config::{self, SiteConfig, Taxonomies};
use crate::content::fenced::NoBlocks;
use crate::content::html::HtmlPolicy;
use crate::content::markdown::{self, Rendered};
use crate::content::page::Page;
use crate::content::stamps::Stamps;
use crate::content::tree::SectionTree;
use crate::content::{self, SourceFile};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::directory::{self, Directory};
use crate::figures::{self, Figures, embed::Embedder};
use crate::hosting;
use crate::language::Lang;
use crate::language::{Direction, Language};
use crate::layout::CONFIG_FILE;
use crate::links::{self, LanguageLinks, LinkIndex};
use crate::memo::{self, DirectoryMemo, Earlier, RenderMemo, Was};
use crate::output::{self, OutputFile};
use crate::render::{self, Sink};
use crate::routes::Target;
use crate::routes::{Claims, Routes};
use crate::search::{self, SearchIndex, SearchLanguage, Synonyms};
use crate::signs::{self, Matrix};
use crate::site::{Parts, Site};
use crate::strings::{self, LanguageRequest, Strings};
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
        pages: prepared
            .content
            .editions()
            .iter()
            .map(|site| site.pages.len())
            .sum(),
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
            || render::render_site(&content.editions(), &theme.templates, sink),
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

impl Content {
    /// The site in each of its languages, the default language's first.
    pub fn editions(&self) -> Vec<&Site> {
        std::iter::once(&self.site)
            .chain(&self.translations)
            .collect()
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

/// The content stages: pages, signs and voices parsed, the directory loaded, the routes
/// claimed, Markdown rendered with its links resolved, and the site validated. Returns None
/// when `config` is None or any of them found an error.
pub fn prepare_content(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    strings: &Strings,
    problems: &mut Diagnostics,
) -> Option<Content> {
    prepare_content_reusing(options, config, strings, None, problems)
}

/// [`prepare_content`], reusing the Markdown `previous` rendered for pages whose text and
/// surroundings have not changed (the dev server, between saves).
pub fn prepare_content_reusing(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    strings: &Strings,
    previous: Option<&Content>,
    problems: &mut Diagnostics,
) -> Option<Content> {
    let errors_before = problems.error_count();
    let languages = config
        .as_ref()
        .map_or_else(|| vec![one_language()], SiteConfig::languages);
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    let taxonomies = config.as_ref().map(|c| &c.taxonomies);
    let settings = parse_settings(&codes, taxonomies, options.drafts);
    let known = previous.and_then(|p| p.stamps.under(settings));
    let sources = content::read(&options.root, &codes, known, problems);
    let prefixes: Vec<String> = languages
        .iter()
        .enumerate()
        .map(|(i, l)| prefix(i, l))
        .collect();
    let earlier = previous.map_or_else(Earlier::default, |p| Earlier::of(&p.editions()));
    let mut editions = parse_pages(
        sources.markdown,
        &Parsing {
            prefixes: &prefixes,
            taxonomies,
            include_drafts: options.drafts,
            earlier: &earlier,
        },
        problems,
    );
    drop(earlier);
    for (lang, content_path) in sources.unreadable {
        editions[lang.0].unreadable.insert(content_path);
    }
    let mut stamps = Stamps::new(settings, sources.stamps);
    let parsed: HashSet<&OsStr> = editions
        .iter()
        .flat_map(ParsedPages::files)
        .map(Path::as_os_str)
        .collect();
    stamps.retain(|path| parsed.contains(path.as_os_str()));
    drop(parsed);
    let synonyms: Vec<Synonyms> = (0..languages.len())
        .map(|i| {
            let code = (i > 0).then(|| codes[i]);
            Synonyms::load_file(&options.root, &search::synonyms::file_for(code), problems)
        })
        .collect();
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
    let (directory, directory_memo) = memo::directory(
        &options.root,
        &config,
        previous.map(|p| (&p.site.directory, &p.directory_memo)),
        problems,
    );
    let figures = figures::load(&options.root, problems);
    let editor = cms::published(
        &options.root,
        &config,
        &directory,
        &editions[0].pages,
        problems,
    );
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
    let trees: Vec<SectionTree> = editions.iter().map(|e| SectionTree::of(&e.pages)).collect();
    let has_services = !directory.is_empty();
    let mut directories: Vec<Directory> = editions[1..]
        .iter()
        .zip(&languages[1..])
        .map(|(edition, language)| {
            let original = &languages[0].code;
            directory_of(
                edition,
                &directory,
                (language, original),
                &options.root,
                problems,
            )
        })
        .collect();
    directories.insert(0, directory);
    let no_figures = Figures::default();
    let base_url = config.normalised_base_url();
    let claims: Vec<Claims> = editions
        .iter()
        .enumerate()
        .map(|(i, edition)| Claims {
            lang: Lang(i),
            prefix: &prefixes[i],
            pages: &edition.pages,
            taxonomies: &config.taxonomies,
            directory: &directories[i],
            figures: if i == 0 { &figures } else { &no_figures },
            files: &claimed,
            editor: has_editor,
            base_url: &base_url,
            tree: &trees[i],
            page_size: config.pagination.page_size,
        })
        .collect();
    let routes = Arc::new(Routes::build(&claims, problems));
    drop(claims);
    files.extend(editor_made);
    files.extend(hosting::files(&own_host_rules, has_services, problems));
    let policy = HtmlPolicy::new(&config.markdown.allow_html);
    let sources: Vec<links::Sources> = editions.iter().map(ParsedPages::sources).collect();
    let links = LinkIndex::new(&sources, &routes, &codes);
    let before: Vec<&Site> = previous.map(Content::editions).unwrap_or_default();
    let mut memos = Vec::with_capacity(editions.len());
    let rendered: Vec<_> = (0..editions.len())
        .map(|i| {
            let edition = &editions[i];
            let context = memo_context(edition, &routes, &policy, &figures);
            let reused = match (previous.and_then(|p| p.memos.get(i)), before.get(i)) {
                (Some(memo), Some(site)) => memo.reuse(&site.rendered, &edition.pages, context),
                _ => vec![None; edition.pages.len()],
            };
            memos.push(RenderMemo::new(&edition.pages, context));
            let fresh = Fresh {
                links: &links.in_language(Lang(i)),
                policy: &policy,
                figures: &figures,
                right_to_left: languages[i].direction == Direction::Rtl,
            };
            render_markdown(edition, &fresh, &reused)
        })
        .collect();
    for (i, edition) in editions.iter().enumerate() {
        let links = links.in_language(Lang(i));
        check_links_of_unparsed(&options.root, edition, &links, &policy, problems);
    }
    drop(links);
    drop(sources);
    let mut figures = Some(figures);
    let parts = editions
        .into_iter()
        .zip(rendered)
        .zip(trees)
        .zip(directories);
    let mut sites: Vec<Site> = parts
        .enumerate()
        .map(
            |(i, (((edition, (rendered, voices_rendered)), tree), directory))| {
                let lang = Lang(i);
                Site::new(Parts {
                    config: config.for_language(lang),
                    lang,
                    matrix: Matrix::new(&edition.pages),
                    pages: edition.pages,
                    rendered,
                    voices: edition.voices,
                    voices_rendered,
                    directory,
                    figures: figures.take().unwrap_or_default(),
                    routes: routes.clone(),
                    unreadable: edition.unreadable,
                    today: options.today,
                    preview: options.preview,
                    tree,
                    words: strings.of(lang).clone(),
                })
            },
        )
        .collect();
    for site in &sites {
        validate::content(site, options.today, problems);
    }
    validate::translations(&sites, problems);
    for (site, synonyms) in sites.iter().zip(&synonyms) {
        problems.extend(search::check_settings(site, synonyms));
    }
    if problems.error_count() > errors_before {
        return None;
    }
    let site = sites.remove(0);
    Some(Content {
        site,
        memos,
        stamps,
        directory_memo,
        files,
        synonyms,
        translations: sites,
    })
}

/// The language of a site.yaml that could not be read, so its pages can still be checked.
fn one_language() -> Language {
    Language {
        code: "en-GB".into(),
        name: String::new(),
        direction: Direction::Ltr,
    }
}

/// Where a language's addresses start: nothing for the default language, `/pl` for Polish.
fn prefix(index: usize, language: &Language) -> String {
    if index == 0 {
        String::new()
    } else {
        format!("/{}", language.code)
    }
}

/// The services another language's pages show: the directory in that language's words, when
/// the language has the directory's own page; else none (its help box still knows the bank
/// holidays).
fn directory_of(
    edition: &ParsedPages,
    directory: &Directory,
    (language, original): (&Language, &str),
    root: &Path,
    problems: &mut Diagnostics,
) -> Directory {
    let own_page = Path::new(crate::layout::DIRECTORY_DIR).join(crate::layout::SECTION_FILE);
    if !edition
        .pages
        .iter()
        .any(|p| p.source.content_path == own_page)
    {
        return Directory {
            bank_holidays: directory.bank_holidays.clone(),
            ..Directory::default()
        };
    }
    let translation = directory::translations::load(root, directory, &language.code, problems);
    translation.apply(directory, original)
}

/// The search stage: each language's documents indexed with tantivy and exported for the
/// browser at its search page's address (nothing for a language with nothing to search yet).
pub fn prepare_search(content: &Content) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    for (site, synonyms) in content.editions().into_iter().zip(&content.synonyms) {
        let exported = match search_index(site, synonyms) {
            Ok(Some(index)) => {
                let root = site.url(Target::SearchPage);
                search::export::export_at(&index, &root).map(|export| export.files)
            }
            Ok(None) => Ok(Vec::new()),
            Err(error) => Err(error),
        };
        files.extend(exported.map_err(|error| {
            Diagnostic::error(format!("the search index could not be built: {error}"))
        })?);
    }
    Ok(files)
}

/// One language's documents indexed with tantivy, read as that language reads; None for a
/// language with nothing to search yet (only a home page).
pub fn search_index<'a>(
    site: &'a Site,
    synonyms: &Synonyms,
) -> tantivy::Result<Option<SearchIndex<'a>>> {
    if !site.has_search() {
        return Ok(None);
    }
    let documents = search::documents(site);
    if documents.is_empty() {
        return Ok(None);
    }
    let language = SearchLanguage::new(&site.language().code, &synonyms.stop_words);
    SearchIndex::build_in(documents, synonyms.clone(), language).map(Some)
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

/// The pages of one language that parsed, and the content paths of those left out (drafts,
/// or unreadable).
struct ParsedPages {
    pages: Vec<Page>,
    voices: Vec<Voice>,
    drafts: HashSet<PathBuf>,
    unreadable: HashSet<PathBuf>,
    /// The files whose settings could not be read (relative to the site root), with their
    /// content paths: their links are still checked.
    failed: Vec<(PathBuf, PathBuf)>,
}

impl ParsedPages {
    fn new() -> ParsedPages {
        ParsedPages {
            pages: Vec::new(),
            voices: Vec::new(),
            drafts: HashSet::new(),
            unreadable: HashSet::new(),
            failed: Vec::new(),
        }
    }

    /// The paths from the site root of the files parsed into its pages and voices.
    fn files(&self) -> impl Iterator<Item = &Path> {
        let pages = self.pages.iter().map(|page| page.source.path.as_path());
        pages.chain(self.voices.iter().map(|voice| voice.source.path.as_path()))
    }

    fn sources(&self) -> links::Sources<'_> {
        links::Sources {
            pages: &self.pages,
            drafts: &self.drafts,
            unreadable: &self.unreadable,
        }
    }
}

/// What pages are parsed with: each language's address prefix (`/pl`), the taxonomies sign
/// cells and voices are checked against, whether drafts are published, and the last build's
/// pages for files that have not changed since.
struct Parsing<'a> {
    prefixes: &'a [String],
    taxonomies: Option<&'a Taxonomies>,
    include_drafts: bool,
    earlier: &'a Earlier<'a>,
}

/// Parses every page (or takes the last build's, for an unchanged file), keeping the
/// published ones and noting the rest.
fn parse_pages(
    sources: Vec<content::Source>,
    parsing: &Parsing,
    problems: &mut Diagnostics,
) -> Vec<ParsedPages> {
    let parsed: Vec<(Lang, PathBuf, PathBuf, Result<Parsed, Diagnostic>)> = sources
        .into_par_iter()
        .map(|source| match source {
            content::Source::Unchanged(path) => reused(parsing.earlier, &path),
            content::Source::Read(source) => {
                let (lang, content_path, file) = (
                    source.lang,
                    source.content_path.clone(),
                    source.path.clone(),
                );
                let parsed = parse_source(source, parsing.taxonomies)
                    .map(|parsed| parsed.at(&parsing.prefixes[lang.0]));
                (lang, content_path, file, parsed)
            }
        })
        .collect();
    let mut out: Vec<ParsedPages> = (0..parsing.prefixes.len())
        .map(|_| ParsedPages::new())
        .collect();
    for (lang, content_path, file, result) in parsed {
        let edition = &mut out[lang.0];
        match result {
            Ok(Parsed::Page(page)) if page.front.draft && !parsing.include_drafts => {
                edition.drafts.insert(content_path);
            }
            Ok(Parsed::Page(page)) => edition.pages.push(*page),
            Ok(Parsed::Voice(voice)) => edition.voices.push(*voice),
            Err(problem) => {
                problems.push(problem);
                edition.failed.push((file, content_path.clone()));
                edition.unreadable.insert(content_path);
            }
        }
    }
    out
}

/// A hash of the settings pages are parsed under: a page parsed under others is not reused.
fn parse_settings(codes: &[&str], taxonomies: Option<&Taxonomies>, drafts: bool) -> u64 {
    let mut hash = memo::Context::default();
    let _ = write!(hash, "{codes:?}{taxonomies:?}{drafts}");
    hash.finish()
}

/// The page or voice the last build parsed from `file`, as `parse_pages` takes it.
fn reused(earlier: &Earlier, file: &Path) -> (Lang, PathBuf, PathBuf, Result<Parsed, Diagnostic>) {
    let (source, parsed) = match earlier.get(file) {
        Some(Was::Page(page)) => (&page.source, Parsed::Page(Box::new((*page).clone()))),
        Some(Was::Voice(voice)) => (&voice.source, Parsed::Voice(Box::new((*voice).clone()))),
        None => unreachable!("only the files of the last build's pages and voices are reused"),
    };
    let (lang, content_path) = (source.lang, source.content_path.clone());
    (lang, content_path, file.to_path_buf(), Ok(parsed))
}

enum Parsed {
    Page(Box<Page>),
    Voice(Box<Voice>),
}

impl Parsed {
    /// A page at its language's addresses: `/pl/worried/` for `prefix` `/pl`.
    fn at(self, prefix: &str) -> Parsed {
        match self {
            Parsed::Page(mut page) if !prefix.is_empty() => {
                page.url = format!("{prefix}{}", page.url);
                Parsed::Page(page)
            }
            other => other,
        }
    }
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

/// What a page's Markdown is rendered with: the links of its language, the raw HTML policy,
/// the figures it may embed, and whether its language is written right to left.
struct Fresh<'a> {
    links: &'a LanguageLinks<'a>,
    policy: &'a HtmlPolicy,
    figures: &'a Figures,
    right_to_left: bool,
}

/// Renders every page's and every voice's Markdown in parallel, resolving links through the
/// routes, reusing a page's earlier rendering where `reused` has one. Problems stay with each
/// file's output, for the validation stage to report.
fn render_markdown(
    parsed: &ParsedPages,
    fresh: &Fresh,
    reused: &[Option<&Arc<Rendered>>],
) -> (Vec<Arc<Rendered>>, Vec<Rendered>) {
    let pages = parsed
        .pages
        .par_iter()
        .enumerate()
        .map(|(i, page)| {
            if let Some(rendered) = reused[i] {
                return rendered.clone();
            }
            let links = fresh.links.for_file(Some(i), page.folder());
            // One per page: it numbers the page's charts so their ids are unique.
            let charts = Embedder::new(fresh.figures);
            Arc::new(fresh.finished(markdown::render(page.body(), &links, fresh.policy, &charts)))
        })
        .collect();
    let voices = parsed
        .voices
        .par_iter()
        .map(|voice| {
            let folder = voice.source.content_path.parent().unwrap_or(Path::new(""));
            let links = fresh.links.for_file(None, folder);
            fresh.finished(markdown::render(
                voice.body(),
                &links,
                fresh.policy,
                &NoBlocks,
            ))
        })
        .collect();
    (pages, voices)
}

impl Fresh<'_> {
    /// Numbers written in groups ("0808 800 5000") read left to right in right-to-left pages.
    fn finished(&self, mut rendered: Rendered) -> Rendered {
        if self.right_to_left {
            rendered.html = content::bidi::isolate_numbers(&rendered.html);
        }
        rendered
    }
}

/// A hash of what a page's Markdown is rendered with besides its own text: where every page
/// is and what it is called in the route table, the figures it may embed, the raw HTML policy.
fn memo_context(
    parsed: &ParsedPages,
    routes: &Routes,
    policy: &HtmlPolicy,
    figures: &Figures,
) -> u64 {
    let mut sets: Vec<&Path> = [&parsed.drafts, &parsed.unreadable]
        .iter()
        .flat_map(|set| set.iter().map(PathBuf::as_path))
        .collect();
    sets.sort();
    let mut hash = memo::Context::default();
    for page in &parsed.pages {
        let _ = writeln!(hash, "{}\t{}", page.source.content_path.display(), page.url);
    }
    for route in routes.iter() {
        let _ = writeln!(hash, "{}", route.address);
    }
    for path in sets {
        let _ = writeln!(hash, "{}", path.display());
    }
    let _ = write!(hash, "{policy:?}{figures:?}");
    hash.finish()
}

/// A page whose settings could not be read still has its links checked, so one build reports
/// both kinds of mistake in the file rather than the second only after the first is fixed.
fn check_links_of_unparsed(
    root: &Path,
    parsed: &ParsedPages,
    links: &LanguageLinks,
    policy: &HtmlPolicy,
    problems: &mut Diagnostics,
) {
    let mut failed: Vec<&(PathBuf, PathBuf)> = parsed.failed.iter().collect();
    failed.sort();
    for (file, content_path) in failed {
        let Ok(text) = crate::text::read(root, file) else {
            continue;
        };
        let Ok(split) = content::front_matter::split(&text) else {
            continue;
        };
        let folder = content_path.parent().unwrap_or(Path::new(""));
        let body = &text[split.body_offset..];
        let rendered = markdown::render(body, &links.for_file(None, folder), policy, &NoBlocks);
        for problem in rendered.problems.into_iter().filter(|p| p.kind.is_error()) {
            problems.push(
                Diagnostic::error(problem.message)
                    .in_file(file)
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
