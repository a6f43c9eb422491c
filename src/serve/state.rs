//! What the dev server serves: the last good build, the problems of the latest one, and the
//! browsers waiting to hear about the next.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use serde::Serialize;

use crate::content::stamps::Touched;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::output::{self, OutputFile};
use crate::pipeline::{self, BuildOptions, Content, LastBuild, Theme};
use crate::render;
use crate::search::cache::SearchCache;
use crate::validate;
use crate::views::SiteView;

/// What a change touched, so a rebuild does only the work it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Pages, directory data or static files: the theme is kept.
    Content,
    /// Templates or theme files: the content is kept.
    Theme,
    /// site.yaml: everything.
    Everything,
}

/// A site that built: its content, its theme, and the files served as they are.
pub struct Good {
    pub content: Arc<Content>,
    pub theme: Arc<Theme>,
    /// What every page of each language shares, by language.
    pub site_views: Vec<SiteView>,
    /// Static files by their path on the site (`/assets/style.1a2b.css`).
    pub files: HashMap<String, Arc<OutputFile>>,
    /// The theme's files, named by a hash of their bytes: a changed file gets a new address,
    /// so a browser may keep these rather than ask again on every reload.
    pub hashed: HashSet<String>,
}

/// One problem as the browser overlay shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub severity: Severity,
    pub location: String,
    pub message: String,
    pub help: Option<String>,
}

/// The state after a build: served until the next build replaces it.
pub struct Snapshot {
    /// Counts builds, so a page knows whether it is older than the latest good build.
    pub generation: u64,
    pub good: Option<Arc<Good>>,
    /// Errors of the latest build; empty when it succeeded.
    pub errors: Vec<ProblemView>,
}

#[derive(Serialize)]
pub struct Status<'a> {
    pub generation: u64,
    pub ok: bool,
    pub errors: &'a [ProblemView],
}

impl Snapshot {
    pub fn status(&self) -> Status<'_> {
        Status {
            generation: self.generation,
            ok: self.errors.is_empty(),
            errors: &self.errors,
        }
    }
}

/// The last content and theme stages, kept apart so a rebuild can reuse the one not touched.
struct Stages {
    content: Result<Arc<Content>, Diagnostics>,
    theme: Result<Arc<Theme>, Diagnostics>,
    /// Counts content rebuilds, so a slow search index never replaces a newer one.
    content_version: usize,
}

pub struct State {
    options: BuildOptions,
    stages: Mutex<Stages>,
    snapshot: RwLock<Arc<Snapshot>>,
    listeners: Mutex<Vec<Sender<String>>>,
    /// The search index's files, and the content version they index.
    search: RwLock<(usize, SearchFiles)>,
}

/// How long the sources must stay unchanged before the dev server re-indexes the site for
/// search and renders every page to check the templates: on a large site each takes seconds of
/// both cores, which a preview should not wait behind.
const INDEX_AFTER_PAUSE: std::time::Duration = std::time::Duration::from_millis(1500);

/// The work done once edits pause (the search index, rendering every page) runs here: one
/// thread, at low priority, so that a save's rebuild never waits behind it in rayon's shared
/// pool or for the processor.
fn background() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .thread_name(|_| "signpost-background".into())
            .start_handler(|_| lower_this_threads_priority())
            .build()
            .expect("the system can start a thread")
    })
}

#[cfg(target_os = "linux")]
fn lower_this_threads_priority() {
    // SAFETY: setpriority only reads its arguments. On Linux, "process" 0 is the calling
    // thread alone, so the server's own threads keep their priority.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_threads_priority() {}

/// The search index's files by their path on the site.
type SearchFiles = HashMap<String, Arc<Vec<u8>>>;

/// The folder the search index's files live in (`/search/`, `/pl/search/`); the dev server
/// builds them after the pages, so a preview never waits for the index.
pub const SEARCH_FOLDER: &str = "search";

impl State {
    /// A server with nothing built yet: call `rebuild(Change::Everything)` next.
    pub fn new(options: BuildOptions) -> State {
        State {
            options,
            stages: Mutex::new(Stages {
                content: Err(Diagnostics::default()),
                theme: Err(Diagnostics::default()),
                content_version: 0,
            }),
            snapshot: RwLock::new(Arc::new(Snapshot {
                generation: 0,
                good: None,
                errors: Vec::new(),
            })),
            listeners: Mutex::new(Vec::new()),
            search: RwLock::new((0, HashMap::new())),
        }
    }

    /// A file of the current search index (`/search/live/index.json`), if it is built.
    pub fn search_file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.search
            .read()
            .expect("search lock")
            .1
            .get(path)
            .cloned()
    }

    /// Indexes `content` on another thread once edits pause (at 10,000 pages it takes
    /// seconds, and a preview should not wait for it); a newer rebuild's index replaces an
    /// older one's, never the other way round.
    fn index_in_background(self: &Arc<Self>, content: Arc<Content>, version: usize) {
        let state = self.clone();
        let started = std::time::Instant::now();
        std::thread::spawn(move || {
            // Wait for the editor to pause: a save that comes sooner makes this index stale.
            std::thread::sleep(INDEX_AFTER_PAUSE);
            if state.stages.lock().expect("stages lock").content_version != version {
                return;
            }
            // The build's search cache, beside public/: only the run of pages a save
            // changed is indexed again, not all of them, so the next save's rebuild does not
            // share the computer with seconds of indexing.
            let cache = SearchCache::at(&output::cache_of(&state.options.output));
            let exported =
                background().install(|| pipeline::prepare_search(&content, cache.as_ref()));
            if let Some(cache) = &cache {
                cache.prune();
            }
            let files = exported
                .into_iter()
                .map(|file| {
                    (
                        format!("/{}", file.path.to_string_lossy()),
                        Arc::new(file.bytes),
                    )
                })
                .collect();
            let mut search = state.search.write().expect("search lock");
            if version > search.0 {
                *search = (version, files);
                eprintln!(
                    "Search index ready in {} ms.",
                    started.elapsed().as_millis()
                );
            }
        });
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot.read().expect("snapshot lock").clone()
    }

    pub fn root(&self) -> &std::path::Path {
        &self.options.root
    }

    /// A channel that receives a server-sent event after every build.
    pub fn subscribe(&self) -> Receiver<String> {
        let (sender, receiver) = channel();
        self.listeners.lock().expect("listeners lock").push(sender);
        receiver
    }

    /// Rebuilds what `change` touched (and anything that failed last time), then tells every
    /// open page. The last good site is served until a build succeeds. `touched` are the
    /// paths the watcher saw change since the last build.
    pub fn rebuild(self: &Arc<Self>, change: Change, touched: &Touched) -> Diagnostics {
        let mut stages = self.stages.lock().expect("stages lock");
        let mut problems = Diagnostics::default();
        let config = pipeline::load_config(&self.options, &mut problems);
        let strings = pipeline::load_strings(&self.options.root, config.as_ref(), &mut problems);
        let theme_name = config.as_ref().map(|c| c.theme.clone());
        let theme_changed = match (&stages.theme, &theme_name) {
            (Ok(theme), Some(name)) => theme.name != *name,
            _ => true,
        };
        if change != Change::Theme || stages.content.is_err() {
            let mut content_problems = Diagnostics::default();
            stages.content_version += 1;
            let version = stages.content_version;
            let previous = stages.content.as_ref().ok().cloned();
            let last = previous
                .as_deref()
                .map(|content| LastBuild { content, touched });
            stages.content = pipeline::prepare_content_reusing(
                &self.options,
                config,
                &strings,
                last,
                &mut content_problems,
            )
            .map(|content| {
                let content = Arc::new(content);
                self.index_in_background(content.clone(), version);
                content
            })
            .ok_or_else(|| content_problems.clone());
            problems.merge(content_problems);
        }
        if change != Change::Content || stages.theme.is_err() || theme_changed {
            let name = theme_name.unwrap_or_else(|| crate::theme::DEFAULT.into());
            let mut theme_problems = Diagnostics::default();
            stages.theme =
                pipeline::prepare_theme(&self.options.root, &name, &strings, &mut theme_problems)
                    .map(Arc::new)
                    .ok_or_else(|| theme_problems.clone());
            problems.merge(theme_problems);
        }
        if let (Ok(content), Ok(theme)) = (&stages.content, &stages.theme) {
            validate::with_templates(&content.site, &theme.templates, &mut problems);
        }
        let previous = self.current();
        let (good, errors) = match (&stages.content, &stages.theme) {
            (Ok(content), Ok(theme)) if !problems.has_errors() => {
                self.check_rendering_in_background(
                    content.clone(),
                    theme.clone(),
                    previous.generation + 1,
                );
                (Some(Arc::new(good(content, theme))), Vec::new())
            }
            (content, theme) => {
                let mut all = problems.clone();
                for stage_errors in [content.as_ref().err(), theme.as_ref().err()]
                    .into_iter()
                    .flatten()
                {
                    all.merge(stage_errors.clone());
                }
                (previous.good.clone(), views_of(&all))
            }
        };
        let snapshot = Arc::new(Snapshot {
            generation: previous.generation + 1,
            good,
            errors,
        });
        *self.snapshot.write().expect("snapshot lock") = snapshot.clone();
        self.announce(&snapshot);
        problems
    }

    /// Renders every page once edits pause, as a build would, and shows any template error
    /// in the overlay (pages are otherwise rendered only when a browser asks for them).
    fn check_rendering_in_background(
        self: &Arc<Self>,
        content: Arc<Content>,
        theme: Arc<Theme>,
        generation: u64,
    ) {
        let state = self.clone();
        std::thread::spawn(move || {
            std::thread::sleep(INDEX_AFTER_PAUSE);
            if state.current().generation != generation {
                return;
            }
            let render_all = || {
                render::render_site(
                    &content.editions(),
                    &theme.templates,
                    &pipeline::discard,
                    None,
                )
            };
            let Err(problems) = background().install(render_all) else {
                return;
            };
            eprint!(
                "{}",
                crate::diagnostics::render(&problems, state.root(), false)
            );
            let mut current = state.snapshot.write().expect("snapshot lock");
            if current.generation != generation {
                return;
            }
            let snapshot = Arc::new(Snapshot {
                generation: generation + 1,
                good: current.good.clone(),
                errors: views_of(&problems),
            });
            *current = snapshot.clone();
            drop(current);
            state.announce(&snapshot);
        });
    }

    fn announce(&self, snapshot: &Snapshot) {
        let data = serde_json::to_string(&snapshot.status()).expect("status serialises");
        let event = format!("event: build\ndata: {data}\n\n");
        self.listeners
            .lock()
            .expect("listeners lock")
            .retain(|listener| listener.send(event.clone()).is_ok());
    }
}

fn good(content: &Arc<Content>, theme: &Arc<Theme>) -> Good {
    let files = theme
        .files
        .iter()
        .chain(&content.files)
        .map(|file| (site_path(file), Arc::new(file.clone())))
        .collect();
    Good {
        hashed: theme.files.iter().map(site_path).collect(),
        site_views: content.editions().into_iter().map(SiteView::new).collect(),
        content: content.clone(),
        theme: theme.clone(),
        files,
    }
}

/// A file's address on the site: `/assets/style.1a2b.css`.
fn site_path(file: &OutputFile) -> String {
    format!("/{}", file.path.to_string_lossy().replace('\\', "/"))
}

/// Errors only, de-duplicated (a stage that failed twice reports once), in file order.
fn views_of(problems: &Diagnostics) -> Vec<ProblemView> {
    let mut views: Vec<ProblemView> = Vec::new();
    for problem in problems.sorted().into_iter().filter(|p| p.is_error()) {
        let view = view_of(problem);
        if !views
            .iter()
            .any(|v| v.location == view.location && v.message == view.message)
        {
            views.push(view);
        }
    }
    views
}

fn view_of(problem: &Diagnostic) -> ProblemView {
    ProblemView {
        severity: problem.severity,
        location: problem.location(),
        message: problem.message.clone(),
        help: problem.help.clone(),
    }
}
