//! Watching the site's sources: which files count, and what a change to them touches.

use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::state::Change;
use crate::config::CONFIG_FILE;
use crate::content::stamps::Touched;

/// Long enough to gather an editor's save (write, rename, chmod: a few milliseconds apart)
/// into one rebuild, short enough not to be felt: every millisecond of it is in save-to-reload.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// Folders whose changes rebuild the content, and those that rebuild the theme.
const CONTENT_DIRS: [&str; 5] = ["content", "directory_data", "static", "data", "cms"];
const THEME_DIRS: [&str; 2] = ["themes", "templates"];
/// The theme's words (strings/, and a theme's own strings/): both stages use them.
const STRINGS_DIR: &str = crate::layout::STRINGS_DIR;

/// Every folder of the site that is watched.
fn watched_dirs() -> impl Iterator<Item = &'static str> {
    CONTENT_DIRS
        .into_iter()
        .chain(THEME_DIRS)
        .chain([STRINGS_DIR])
}

type Debouncer = notify_debouncer_full::Debouncer<
    notify::RecommendedWatcher,
    notify_debouncer_full::RecommendedCache,
>;

/// Keeps the watch running; dropping it stops watching.
pub struct Watching {
    _debouncer: Arc<Mutex<Debouncer>>,
}

/// Starts watching `root` before returning (so no save after this call is missed), and calls
/// `on_change` on a background thread for each debounced batch of relevant changes, with the
/// paths the batch named.
pub fn start(
    root: &Path,
    mut on_change: impl FnMut(Change, Touched) + Send + 'static,
) -> notify::Result<Watching> {
    let (sender, receiver) = channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, None, sender)?;
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for dir in watched_dirs() {
        let path = root.join(dir);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let debouncer = Arc::new(Mutex::new(debouncer));
    let watcher = debouncer.clone();
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        for result in receiver {
            let Ok(events) = result else {
                // Events were lost: only a look at every file can say what changed.
                on_change(Change::Everything, Touched::Unknown);
                continue;
            };
            let paths: Vec<PathBuf> = events
                .iter()
                .filter(|event| !event.kind.is_access())
                .flat_map(|event| event.paths.iter().cloned())
                .collect();
            watch_new_source_dirs(&root, &paths, &watcher);
            if let Some(change) = classify(&root, &paths) {
                let lost_track = events.iter().any(|event| event.need_rescan());
                on_change(change, touched(&root, paths, lost_track));
            }
        }
    });
    Ok(Watching {
        _debouncer: debouncer,
    })
}

/// The batch's paths from the site root, or Unknown when the watcher lost track of some.
fn touched(root: &Path, paths: Vec<PathBuf>, lost_track: bool) -> Touched {
    if lost_track {
        return Touched::Unknown;
    }
    let relative = paths
        .iter()
        .filter_map(|path| path.strip_prefix(root).ok())
        .map(Path::to_path_buf)
        .collect();
    Touched::Only(relative)
}

/// A source folder created after the server started (templates/, say) is watched from then on.
fn watch_new_source_dirs(root: &Path, paths: &[PathBuf], debouncer: &Mutex<Debouncer>) {
    for dir in watched_dirs() {
        let path = root.join(dir);
        if paths.contains(&path) && path.is_dir() {
            let _ = debouncer
                .lock()
                .expect("watcher lock")
                .watch(&path, RecursiveMode::Recursive);
        }
    }
}

/// What a batch of changed paths touches; None if nothing that matters changed (editors'
/// temporary files, the output folder, files beside site.yaml).
pub fn classify(root: &Path, paths: &[PathBuf]) -> Option<Change> {
    let mut change = None;
    for path in paths {
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        if is_temporary(relative) {
            continue;
        }
        let touched = if relative == Path::new(CONFIG_FILE) || is_words(relative) {
            Change::Everything
        } else if THEME_DIRS.iter().any(|dir| relative.starts_with(dir)) {
            Change::Theme
        } else if CONTENT_DIRS.iter().any(|dir| relative.starts_with(dir)) {
            Change::Content
        } else {
            continue;
        };
        change = Some(match (change, touched) {
            (None, touched) => touched,
            (Some(previous), touched) if previous == touched => touched,
            _ => Change::Everything,
        });
    }
    change
}

/// The site's strings/ or a theme's (`themes/NAME/strings/`).
fn is_words(relative: &Path) -> bool {
    let in_a_theme = relative.starts_with(crate::layout::THEMES_DIR)
        && relative.components().nth(2).map(|c| c.as_os_str()) == Some(STRINGS_DIR.as_ref());
    relative.starts_with(STRINGS_DIR) || in_a_theme
}

/// Editors' swap, backup and test files: never content, never a reason to rebuild.
fn is_temporary(relative: &Path) -> bool {
    relative.components().any(|part| {
        let name = part.as_os_str();
        crate::layout::is_ignored(name)
            || name
                .to_str()
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change_for(paths: &[&str]) -> Option<Change> {
        let root = Path::new("/site");
        let paths: Vec<PathBuf> = paths.iter().map(|p| root.join(p)).collect();
        classify(root, &paths)
    }

    #[test]
    fn changes_are_classified_by_what_they_touch() {
        assert_eq!(change_for(&["content/a.md"]), Some(Change::Content));
        assert_eq!(change_for(&["data/contacts.csv"]), Some(Change::Content));
        assert_eq!(change_for(&["templates/page.html"]), Some(Change::Theme));
        assert_eq!(change_for(&["site.yaml"]), Some(Change::Everything));
        assert_eq!(change_for(&["cms/editor.yaml"]), Some(Change::Content));
        assert_eq!(change_for(&["strings/pl.yaml"]), Some(Change::Everything));
        assert_eq!(
            change_for(&["themes/mine/strings/en.yaml"]),
            Some(Change::Everything)
        );
        assert_eq!(change_for(&["content/strings/a.md"]), Some(Change::Content));
        assert_eq!(
            change_for(&["content/a.md", "themes/x/templates/b.html"]),
            Some(Change::Everything)
        );
    }

    #[test]
    fn editors_temporary_files_and_the_output_are_ignored() {
        for path in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/#a.md#",
            "content/4913",
            "content/.#a.md",
            "public/index.html",
            "target/x",
        ] {
            assert_eq!(change_for(&[path]), None, "{path}");
        }
    }
}
