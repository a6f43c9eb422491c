//! Writing the built site: refuse output folders that would overwrite sources or lose
//! someone's files, write everything to a staging folder beside the output, and swap it in
//! only once it is complete.

pub mod cache;
pub mod manifest;
mod spare;
mod staging;
mod walk;

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::layout::SOURCE_DIRS;
pub use manifest::{MARKER_FILE, Manifest};
pub use staging::{Committed, Earlier, NotCommitted, PreviousBuild, Staging};

/// A file to write, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Refuses an output folder that is, or contains, the site or one of its sources, that sits
/// inside a source folder, or that holds files signpost did not write (which replacing the
/// folder would lose, `last` being the manifest of what its last build wrote). A deploy
/// checkout's `.git` is kept, so it does not count.
pub fn check_output_folder(root: &Path, output: &Path, last: &Manifest) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output = absolute(output);
    let refuse = |why: String| {
        Diagnostic::error(format!("refusing to write the site to {}: {why}", output.display()))
            .with_help("choose a new or empty folder for the output, such as `public` inside the site (the default)")
    };
    if root.starts_with(&output) {
        return Err(refuse("it is, or contains, the site itself".into()));
    }
    for dir in SOURCE_DIRS {
        let source = root.join(dir);
        if source.starts_with(&output) || output.starts_with(&source) {
            return Err(refuse(format!(
                "it would overwrite the site's {dir}/ folder"
            )));
        }
    }
    if output.is_file() {
        return Err(refuse("it is a file".into()));
    }
    if output.is_dir() && !output.join(MARKER_FILE).exists() && !is_empty_dir(&output) {
        return Err(refuse(
            "it already holds files that signpost did not write".into(),
        ));
    }
    let foreign = foreign_files(&output, last);
    if !foreign.is_empty() {
        return Err(foreign_files_problem(&output, &foreign));
    }
    Ok(())
}

/// Files in a signpost output folder that its last build did not write (`manifest` lists
/// what it wrote): put there by hand or by another program. The marker file and `.git` are
/// not counted.
pub fn foreign_files(output: &Path, manifest: &Manifest) -> Vec<PathBuf> {
    if !manifest.known {
        return Vec::new();
    }
    // The folders the build left as it wrote them, before it wrote its marker, hold only
    // what it wrote: the ones changed since are read.
    let since = walk::changed_at(&output.join(MARKER_FILE));
    let known = manifest::by_parent(&manifest.folders());
    let files = walk::list_changed(output, &known, since).listing.files;
    let mut foreign: Vec<PathBuf> = (files.into_iter())
        .filter(|path| path != Path::new(MARKER_FILE) && !manifest.contains(path))
        .collect();
    foreign.sort_unstable();
    foreign
}

fn foreign_files_problem(output: &Path, foreign: &[PathBuf]) -> Diagnostic {
    const SHOWN: usize = 10;
    let mut names: Vec<String> = foreign
        .iter()
        .take(SHOWN)
        .map(|path| output.join(path).display().to_string())
        .collect();
    if foreign.len() > SHOWN {
        names.push(format!("and {} more", foreign.len() - SHOWN));
    }
    let example = foreign[0].to_string_lossy().replace('\\', "/");
    Diagnostic::error(format!(
        "{} holds {} file(s) that signpost did not write, which a build would lose: {}",
        output.display(),
        foreign.len(),
        names.join(", ")
    ))
    .with_help(format!(
        "a build replaces the whole folder, so keep such files in the site's static/ folder (static/{example}), which publishes them with every build; or delete them. Nothing was changed"
    ))
}

/// Where the search cache of builds into `output` is kept: beside it, as `.public.cache`.
pub fn cache_of(output: &Path) -> PathBuf {
    let (parent, name) = parent_and_name(&absolute(output));
    parent.join(format!(".{name}{CACHE_SUFFIX}"))
}

const CACHE_SUFFIX: &str = ".cache";

/// The folder an (absolute) output folder is in, and its name.
fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let parent = output.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    (parent, name)
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}

/// An absolute path with `.` and `..` resolved, and symlinks followed through the part that
/// exists, so two spellings of one folder compare equal even before the output exists.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut lexical = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                lexical.pop();
            }
            std::path::Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut missing = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            break;
        };
        missing.push(name);
        existing = parent;
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(missing.into_iter().rev());
    resolved
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_output(root: &Path, output: &Path) -> Result<(), Diagnostic> {
        check_output_folder(root, output, &Manifest::read(output))
    }

    #[test]
    fn refuses_sources_and_accepts_public() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        std::fs::create_dir(root.join("content")).unwrap();
        assert!(check_output(root, &root.join("public")).is_ok());
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, &root.join("content")).is_err());
        assert!(check_output(root, &root.join("content/out")).is_err());
        assert!(check_output(root, root.parent().unwrap()).is_err());
        assert!(check_output(root, &root.join("public/../content")).is_err());
    }

    fn build(out: &Path, files: &[(&str, &str)]) -> Committed {
        build_pausing(out, files, std::time::Duration::ZERO)
    }

    /// A build that pauses between writing its files and its marker.
    fn build_pausing(out: &Path, files: &[(&str, &str)], pause: std::time::Duration) -> Committed {
        let staging = Staging::new(out)
            .unwrap()
            .renames_folders_in(vec![PathBuf::from("search")]);
        for (path, text) in files {
            staging.write(&OutputFile::new(*path, *text)).unwrap();
        }
        std::thread::sleep(pause);
        let mut committed = staging.commit().unwrap();
        if let Some(previous) = committed.previous.take() {
            assert!(
                PreviousBuild::at(&previous.path).is_some(),
                "named and marked as signpost's"
            );
            assert!(previous.remove().is_none());
        }
        committed
    }

    #[test]
    fn only_a_previous_build_can_be_removed_as_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("documents")).unwrap();
        std::fs::write(dir.path().join("documents/.signpost-output"), "x").unwrap();
        assert!(PreviousBuild::at(&dir.path().join("documents")).is_none());
        std::fs::create_dir(dir.path().join(".public.previous-abc")).unwrap();
        assert!(
            PreviousBuild::at(&dir.path().join(".public.previous-abc")).is_none(),
            "no marker"
        );
    }

    #[test]
    fn a_dropped_staging_folder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        staging.write(&OutputFile::new("x.html", "x")).unwrap();
        drop(staging);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn swaps_in_a_complete_build_and_keeps_the_last_one_as_a_spare_git_ignores() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("a/index.html", "one")]);
        build(&out, &[("b/index.html", "two")]);
        assert!(!out.join("a/index.html").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "two"
        );
        let mut leftovers: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, [".public.spare", "public"]);
        let spare = dir.path().join(".public.spare");
        assert_eq!(read(&spare.join("a/index.html")), "one");
        let ignore = read(&spare.join(".gitignore"));
        assert!(ignore.lines().any(|line| line == "*"), "{ignore}");
        assert!(!out.join(".gitignore").exists(), "not published");
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    fn inode(path: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).unwrap().ino()
    }

    #[test]
    fn a_rebuild_recycles_the_spare_leaving_its_unchanged_files_where_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let spare = dir.path().join(".public.spare");
        let first = [
            ("same/index.html", "same"),
            ("changes/index.html", "one"),
            ("gone/deep/index.html", "gone"),
            ("search/abc/pack-1.bin", "pack"),
            ("search/a-z/index.html", "a to z"),
        ];
        // The folders of the first build are older than its marker, so when it is recycled as
        // the spare, those the third build leaves as they were are not read but taken from
        // the spare's manifest.
        build_pausing(&out, &first, std::time::Duration::from_millis(20));
        build(&out, &first);
        let kept = inode(&spare.join("same/index.html"));
        let moved = inode(&spare.join("search/abc/pack-1.bin"));
        // The output's copy is replaced by hand, so only the spare's can be reused.
        std::fs::write(dir.path().join("pack"), "pack").unwrap();
        std::fs::rename(dir.path().join("pack"), out.join("search/abc/pack-1.bin")).unwrap();
        // A file put in the spare by hand is not published.
        std::fs::write(spare.join("same/notes.txt"), "mine").unwrap();
        let third = build(
            &out,
            &[
                ("same/index.html", "same"),
                ("changes/index.html", "two"),
                ("new/index.html", "new"),
                ("search/def/pack-1.bin", "pack"),
                ("search/a-z/index.html", "a to z"),
            ],
        );
        assert_eq!(
            third.reused, 3,
            "two unchanged pages and the renamed index file"
        );
        assert_eq!(
            inode(&out.join("same/index.html")),
            kept,
            "left where it was"
        );
        let renamed = inode(&out.join("search/def/pack-1.bin"));
        assert_eq!(
            renamed, moved,
            "the index's folder was renamed, its file kept"
        );
        assert_eq!(read(&out.join("changes/index.html")), "two");
        assert_eq!(read(&out.join("new/index.html")), "new");
        assert_eq!(read(&out.join("search/def/pack-1.bin")), "pack");
        for gone in ["gone", "search/abc", ".gitignore", "same/notes.txt"] {
            assert!(!out.join(gone).exists(), "{gone} is swept away");
        }
        assert!(foreign_files(&out, &Manifest::read(&out)).is_empty());
        // The output the third build replaced is now the spare, whole.
        assert_eq!(read(&spare.join("changes/index.html")), "one");
        assert_eq!(read(&spare.join("gone/deep/index.html")), "gone");
    }

    #[test]
    fn a_spare_changed_by_hand_publishes_what_the_build_wrote_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let spare = dir.path().join(".public.spare");
        let files = [
            ("page/index.html", "as built"),
            ("other/index.html", "other"),
        ];
        build(&out, &files);
        build(&out, &files);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(spare.join("page/index.html"), "edited by hand!").unwrap();
        std::fs::write(spare.join("stray.txt"), "put here by hand").unwrap();
        std::fs::create_dir_all(spare.join("stray/deep")).unwrap();
        std::fs::write(spare.join("stray/deep/notes.txt"), "and here").unwrap();
        std::fs::write(spare.join("page/notes.txt"), "and beside the page").unwrap();
        std::fs::remove_dir_all(spare.join("other")).unwrap();
        let again = build(&out, &files);
        assert_eq!(
            again.reused, 1,
            "`other` is linked from the output; the page is written"
        );
        assert_eq!(read(&out.join("page/index.html")), "as built");
        assert_eq!(read(&out.join("other/index.html")), "other");
        assert!(!out.join("stray.txt").exists());
        assert!(
            !out.join("stray").exists(),
            "a folder added by hand goes whole"
        );
        assert!(!out.join("page/notes.txt").exists());
    }

    #[test]
    fn a_recycled_page_that_became_a_section_or_back_makes_way() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("guide", "a file")]);
        build(&out, &[("other", "x")]);
        build(&out, &[("guide/index.html", "now a folder")]);
        assert_eq!(read(&out.join("guide/index.html")), "now a folder");
        build(&out, &[("other", "x")]);
        build(&out, &[("guide", "a file again")]);
        assert_eq!(read(&out.join("guide")), "a file again");
    }

    #[test]
    fn a_file_the_output_shares_with_the_spare_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("a.html", "one")]);
        build(&out, &[("a.html", "one")]);
        // The output's a.html is a link to the spare's: the next build changes the spare's.
        build(&out, &[("a.html", "two")]);
        assert_eq!(read(&out.join("a.html")), "two");
        assert_eq!(read(&dir.path().join(".public.spare/a.html")), "one");
    }

    #[test]
    fn unchanged_files_are_reused_and_changed_ones_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("same.html", "same"), ("changes.html", "one")]);
        let again = build(&out, &[("same.html", "same"), ("changes.html", "two")]);
        assert_eq!(again.reused, 1);
        assert_eq!(
            std::fs::read_to_string(out.join("changes.html")).unwrap(),
            "two"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("same.html")).unwrap(),
            "same"
        );
    }

    #[test]
    fn a_file_changed_by_hand_is_written_again_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("page.html", "as built")]);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("page.html"), "edited by hand!").unwrap();
        let again = build(&out, &[("page.html", "as built")]);
        assert_eq!(again.reused, 0);
        assert_eq!(
            std::fs::read_to_string(out.join("page.html")).unwrap(),
            "as built"
        );
    }

    #[test]
    fn a_deploy_checkouts_git_folder_is_carried_across() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("index.html", "one")]);
        std::fs::create_dir_all(out.join(".git/refs")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
        assert!(
            foreign_files(&out, &Manifest::read(&out)).is_empty(),
            ".git is not someone's stray file"
        );
        build(&out, &[("index.html", "two")]);
        assert_eq!(
            std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
            "ref: refs/heads/gh-pages\n"
        );
    }

    #[test]
    fn files_the_build_did_not_write_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("index.html", "one")]);
        std::fs::write(out.join("CNAME"), "neglect.example.org.uk").unwrap();
        assert_eq!(
            foreign_files(&out, &Manifest::read(&out)),
            vec![PathBuf::from("CNAME")]
        );
        let problem = check_output(dir.path(), &out).unwrap_err();
        assert!(problem.message.contains("CNAME"), "{}", problem.message);
        assert!(problem.help.unwrap().contains("static/CNAME"));
    }
}
