//! A build is written to a staging folder beside the output and swapped in only when it is
//! complete, so a reader never sees half of two builds and a failed build changes nothing.
//! The build before last, kept beside the output as its spare, becomes the next staging
//! folder: its files with the same bytes stay where they are, so a rebuild writes, links and
//! deletes only what changed, and makes no folder that exists. Files the previous build wrote
//! with the same bytes are hard-linked rather than written again. `.git` in the output (a
//! deploy checkout) is carried across. Every failure says what actually happened to the
//! output.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::OutputFile;
use super::manifest::{self, Entry, MARKER_FILE, Manifest};
use super::spare::{Recycled, keep_as_spare, recycle, spare_of, sweep};
use crate::diagnostics::Diagnostic;

/// Kept in the output across builds: a deploy checkout's repository.
pub(super) const KEPT: &str = ".git";

pub struct Staging {
    dir: tempfile::TempDir,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    previous: Manifest,
    /// The previous build's files by their hash and size: a file whose bytes the previous
    /// build wrote under another name (the search index's files, whose folder is named by a
    /// hash of them all) is linked from there.
    previous_by_bytes: HashMap<(u64, u64), PathBuf>,
    /// What the staging folder held when the build started: the spare's files and folders,
    /// or none.
    recycled: Recycled,
    /// Where the spare is kept: recycled at the start, and the replaced output kept there.
    spare: PathBuf,
    /// Folders each holding one folder whose name changes from build to build (the search
    /// index's, named by a hash of its files), and what each new one was renamed from in the
    /// recycled folder.
    renaming: Vec<PathBuf>,
    renamed: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    written: Mutex<Manifest>,
    reused: AtomicUsize,
    /// Folders already made in the staging folder: making one that exists still locks its
    /// parent, which at 50,000 files was a tenth of a clean build's time.
    folders: Mutex<HashSet<PathBuf>>,
}

/// A build that was put in place.
#[derive(Debug)]
pub struct Committed {
    /// How many files were reused from the previous builds rather than written.
    pub reused: usize,
    /// The previous build, moved aside and still to be deleted, when it could not be kept as
    /// the spare.
    pub previous: Option<PreviousBuild>,
}

/// The previous build, moved aside under a hidden name once the new one is in place. Deleting
/// it is left to the caller, so it can happen after the build has reported (off the critical
/// path) or at once.
#[derive(Debug)]
pub struct PreviousBuild {
    pub path: PathBuf,
}

/// The hidden name a previous build is moved aside to: `.public.previous-XXXX`.
const PREVIOUS_INFIX: &str = ".previous-";

impl PreviousBuild {
    /// Deletes it; a warning naming the folder if it cannot be.
    pub fn remove(self) -> Option<Diagnostic> {
        remove(&self.path)
            .err()
            .map(|error| leftover(&self.path, &error))
    }

    /// The previous build at `path`, if `path` is one: a hidden folder named as signpost names
    /// them, holding signpost's marker file. Nothing else is ever deleted this way.
    pub fn at(path: &Path) -> Option<PreviousBuild> {
        let name = path.file_name()?.to_string_lossy();
        let looks_right = name.starts_with('.') && name.contains(PREVIOUS_INFIX);
        (looks_right && path.join(MARKER_FILE).is_file()).then(|| PreviousBuild {
            path: path.to_path_buf(),
        })
    }
}

/// A build that could not be put in place, and whether the output is as it was.
#[derive(Debug)]
pub struct NotCommitted {
    pub problem: Diagnostic,
    /// True when the output folder holds exactly what it held before the build.
    pub output_unchanged: bool,
}

/// What the last two builds wrote, as their manifests say: read before a build starts (beside
/// its content stage) for its staging folder to reuse.
pub struct Earlier {
    output: PathBuf,
    previous: Manifest,
    /// The previous build's files by their hash and size.
    previous_by_bytes: HashMap<(u64, u64), PathBuf>,
    spare: Manifest,
    spare_folders: HashSet<PathBuf>,
}

impl Earlier {
    /// What the last build wrote to the output.
    pub fn last(&self) -> &Manifest {
        &self.previous
    }

    pub fn read(output: &Path) -> Earlier {
        let output = super::absolute(output);
        let (parent, name) = super::parent_and_name(&output);
        let previous = Manifest::read(&output);
        let spare = Manifest::read(&spare_of(&parent, &name));
        Earlier {
            previous_by_bytes: previous.paths_by_bytes(),
            previous,
            spare_folders: spare.folders(),
            spare,
            output,
        }
    }
}

impl Staging {
    /// A staging folder beside `output` (whose folder is created if missing).
    pub fn new(output: &Path) -> io::Result<Staging> {
        Staging::reusing(Earlier::read(output))
    }

    /// A staging folder beside the output the `earlier` builds wrote.
    pub fn reusing(earlier: Earlier) -> io::Result<Staging> {
        let Earlier {
            output,
            previous,
            previous_by_bytes,
            spare: held,
            spare_folders,
        } = earlier;
        let (parent, name) = super::parent_and_name(&output);
        std::fs::create_dir_all(&parent)?;
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.staging-"))
            .tempdir_in(&parent)?;
        let spare = spare_of(&parent, &name);
        let recycled = recycle(&spare, held, spare_folders, dir.path());
        Ok(Staging {
            spare,
            renaming: Vec::new(),
            renamed: Mutex::new(HashMap::new()),
            previous_by_bytes,
            previous,
            folders: Mutex::new(
                (recycled.folders.iter())
                    .map(|folder| dir.path().join(folder))
                    .collect(),
            ),
            recycled,
            dir,
            output,
            parent,
            name,
            written: Mutex::new(Manifest::default()),
            reused: AtomicUsize::new(0),
        })
    }

    /// Says that each folder in `folders` holds one folder whose name changes from build to
    /// build (the search index's): the recycled one is renamed to the new name when the first
    /// file is written to it, so its files with the same bytes stay where they are.
    pub fn renames_folders_in(mut self, folders: Vec<PathBuf>) -> Staging {
        self.renaming = folders;
        self
    }

    /// Writes one file: leaves the recycled copy where it is, or links the previous build's
    /// copy, when its bytes are the same and nobody has changed it since; safe to call from
    /// many threads at once.
    pub fn write(&self, file: &OutputFile) -> io::Result<()> {
        let target = self.dir.path().join(&file.path);
        let hash = manifest::hash(&file.bytes);
        let size = file.bytes.len() as u64;
        let was = self.recycled_path(&file.path);
        let entry = match self.kept(&was, hash, size, &target) {
            Some(entry) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                entry
            }
            None => match self.place(file, hash, &was, &target) {
                Err(error) if !self.recycled.manifest.is_empty() => {
                    let in_spare = |error| self.in_spare(error, &file.path);
                    self.clear_way(&target).map_err(|_| in_spare(error))?;
                    self.place(file, hash, &was, &target).map_err(in_spare)?
                }
                placed => placed?,
            },
        };
        self.record(file.path.clone(), entry);
        Ok(())
    }

    /// Puts the file an earlier build wrote with these bytes (`hash` and `size`, as the
    /// manifest keeps them) at `path`, without the bytes: the recycled copy there, or a link
    /// to the output's copy, if nobody has changed it. False when there is none, or it could
    /// not be placed: the caller then makes the bytes and writes them.
    pub fn place_earlier(&self, path: &Path, hash: u64, size: u64) -> bool {
        let target = self.dir.path().join(path);
        let was = self.recycled_path(path);
        let entry = self.kept(&was, hash, size, &target).or_else(|| {
            self.make_room(&was, &target).ok()?;
            self.reuse(path, hash, size, &target)
        });
        let Some(entry) = entry else { return false };
        self.reused.fetch_add(1, Ordering::Relaxed);
        self.record(path.to_path_buf(), entry);
        true
    }

    /// Notes a file the build put in the staging folder, for its manifest.
    fn record(&self, path: PathBuf, entry: Entry) {
        self.written
            .lock()
            .expect("manifest lock")
            .insert(path, entry);
    }

    /// Where the recycled folder had the file at `path` before any folder of it was renamed.
    fn recycled_path(&self, path: &Path) -> PathBuf {
        if self.recycled.manifest.is_empty() {
            return path.to_path_buf();
        }
        let renamed = self.renaming.iter().find_map(|parent| {
            let name = path.strip_prefix(parent).ok()?.components().next()?;
            let rest = path.strip_prefix(parent.join(name)).ok()?;
            if rest.as_os_str().is_empty() {
                return None;
            }
            let from = self.rename_once(parent, &parent.join(name), rest)?;
            Some(from.join(rest))
        });
        renamed.unwrap_or_else(|| path.to_path_buf())
    }

    /// Renames a recycled folder in `parent` to `folder`, the first time a file is written to
    /// it (at `rest` within it): only when `folder` is new and exactly one other folder there
    /// had a file at `rest`.
    fn rename_once(&self, parent: &Path, folder: &Path, rest: &Path) -> Option<PathBuf> {
        let mut renamed = self.renamed.lock().expect("renamed lock");
        if let Some(from) = renamed.get(folder) {
            return from.clone();
        }
        let mut others = self.recycled.folders.iter().filter(|other| {
            other.parent() == Some(parent)
                && *other != folder
                && self.recycled.manifest.contains(&other.join(rest))
        });
        let from = match (others.next(), others.next()) {
            (Some(only), None) if !self.recycled.folders.contains(folder) => {
                let root = self.dir.path();
                let moved = std::fs::rename(root.join(only), root.join(folder)).is_ok();
                moved.then(|| only.clone())
            }
            _ => None,
        };
        if from.is_some() {
            self.folders
                .lock()
                .expect("folders lock")
                .insert(self.dir.path().join(folder));
        }
        renamed.insert(folder.to_path_buf(), from.clone());
        from
    }

    /// The recycled copy of a file, if it has these bytes and nobody has changed it.
    fn kept(&self, path: &Path, hash: u64, size: u64, target: &Path) -> Option<Entry> {
        let before = self.recycled.manifest.get(path)?;
        let same = before.hash == hash && before.size == size;
        (same && manifest::stamp(target) == Some((before.size, before.modified))).then_some(*before)
    }

    /// Links the previous build's copy of the file into the staging folder, or writes it;
    /// `was` is where the recycled folder had it.
    fn place(&self, file: &OutputFile, hash: u64, was: &Path, target: &Path) -> io::Result<Entry> {
        self.make_room(was, target)?;
        if let Some(entry) = self.reuse(&file.path, hash, file.bytes.len() as u64, target) {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return Ok(entry);
        }
        let (size, modified) = write_new(target, &file.bytes)?;
        Ok(Entry {
            hash,
            size,
            modified,
        })
    }

    /// Makes `target`'s folder, and takes away the recycled copy at `target` (`was` being
    /// where the recycled folder had it) that is not kept.
    fn make_room(&self, was: &Path, target: &Path) -> io::Result<()> {
        if let Some(parent) = target.parent() {
            self.make_folder(parent)?;
        }
        if self.recycled.manifest.contains(was) {
            // A recycled file may be a link to the output's copy: never write through it.
            remove_if_present(target)?;
        }
        Ok(())
    }

    /// Makes room for `target` in a recycled folder where something else is in the way: a
    /// file where a folder is needed (a page that became a section), a folder where the file
    /// goes, a folder someone deleted or made read-only.
    fn clear_way(&self, target: &Path) -> io::Result<()> {
        let root = self.dir.path();
        let ancestors: Vec<&Path> = target
            .ancestors()
            .skip(1)
            .take_while(|folder| *folder != root)
            .collect();
        make_writable_folder(root);
        for folder in ancestors.into_iter().rev() {
            match std::fs::symlink_metadata(folder) {
                Ok(found) if found.is_dir() => make_writable_folder(folder),
                Ok(_) => std::fs::remove_file(folder)?,
                Err(_) => {}
            }
        }
        if std::fs::symlink_metadata(target).is_ok_and(|found| found.is_dir()) {
            std::fs::remove_dir_all(target)?;
        }
        self.folders
            .lock()
            .expect("folders lock")
            .retain(|folder| !folder.starts_with(target) && !target.starts_with(folder));
        Ok(())
    }

    fn make_folder(&self, folder: &Path) -> io::Result<()> {
        if self.folders.lock().expect("folders lock").contains(folder) {
            return Ok(());
        }
        std::fs::create_dir_all(folder)?;
        self.folders
            .lock()
            .expect("folders lock")
            .insert(folder.to_path_buf());
        Ok(())
    }

    /// Links the previous build's copy of these bytes into the staging folder: the file at
    /// the same path, else one with the same hash and size elsewhere; only if nobody has
    /// changed it since.
    fn reuse(&self, path: &Path, hash: u64, size: u64, target: &Path) -> Option<Entry> {
        let from = match self.previous.get(path) {
            Some(before) if before.hash == hash => path,
            _ => self.previous_by_bytes.get(&(hash, size))?,
        };
        let before = self.previous.get(from)?;
        let previous = self.output.join(from);
        let untouched = manifest::stamp(&previous) == Some((before.size, before.modified));
        (untouched && std::fs::hard_link(&previous, target).is_ok()).then_some(*before)
    }

    /// A failure to change the recycled spare, saying so: the output is not what failed.
    fn in_spare(&self, error: io::Error, path: &Path) -> io::Error {
        io::Error::new(
            error.kind(),
            format!(
                "{error} while replacing {} in the build before last (kept in {}, which signpost updates rather than writing every file again); if this happens again, delete that folder",
                path.display(),
                self.spare.display()
            ),
        )
    }

    /// Marks the folder as signpost's and swaps it in place of the output.
    pub fn commit(self) -> Result<Committed, NotCommitted> {
        let written = std::mem::take(&mut *self.written.lock().expect("manifest lock"));
        if !self.recycled.manifest.is_empty() {
            sweep(self.dir.path(), &written, &self.recycled);
        }
        let reused = self.reused.load(Ordering::Relaxed);
        let unchanged = |error: io::Error, what: &str| {
            NotCommitted {
            problem: Diagnostic::error(format!("{what}: {error}")).with_help(
                "check that the output folder and the folder it is in can be changed by your user account (not read-only, not in use by another program); the previous site is unchanged",
            ),
            output_unchanged: true,
        }
        };
        std::fs::write(self.dir.path().join(MARKER_FILE), written.to_text())
            .map_err(|e| unchanged(e, "the new site could not be finished"))?;
        if !self.output.exists() {
            std::fs::rename(self.dir.path(), &self.output)
                .map_err(|e| unchanged(e, "the new site could not be put in place"))?;
            return Ok(Committed {
                reused,
                previous: None,
            });
        }
        let previous = self.aside()?;
        let kept = self.dir.path().join(KEPT);
        let carried = move_if_present(&previous.join(KEPT), &kept)
            .map_err(|e| self.put_back(&previous, e, "the output's .git could not be kept"))?;
        if let Err(error) = std::fs::rename(self.dir.path(), &self.output) {
            if carried {
                let _ = std::fs::rename(&kept, previous.join(KEPT));
            }
            return Err(self.put_back(&previous, error, "the new site could not be put in place"));
        }
        Ok(Committed {
            reused,
            previous: keep_as_spare(previous, &self.spare),
        })
    }

    /// Moves the output aside, under a hidden name beside it.
    fn aside(&self) -> Result<PathBuf, NotCommitted> {
        let failed = |error: io::Error| {
            NotCommitted {
            problem: Diagnostic::error(format!(
                "the new site could not replace {}: {error}",
                self.output.display()
            ))
            .with_help("check that the output folder can be renamed by your user account (not read-only, immutable or open in another program); the previous site is unchanged"),
            output_unchanged: true,
        }
        };
        let previous = tempfile::Builder::new()
            .prefix(&format!(".{}{PREVIOUS_INFIX}", self.name))
            .tempdir_in(&self.parent)
            .map_err(failed)?
            .keep();
        std::fs::remove_dir(&previous).map_err(failed)?;
        std::fs::rename(&self.output, &previous).map_err(failed)?;
        Ok(previous)
    }

    /// Puts the previous output back after a failed swap, and says what happened.
    fn put_back(&self, previous: &Path, error: io::Error, what: &str) -> NotCommitted {
        match std::fs::rename(previous, &self.output) {
            Ok(()) => NotCommitted {
                problem: Diagnostic::error(format!("{what}: {error}")).with_help(
                    "check that the output folder can be changed by your user account; the previous site is unchanged",
                ),
                output_unchanged: true,
            },
            Err(back) => NotCommitted {
                problem: Diagnostic::error(format!(
                    "{what}: {error}; and the previous site could not be put back ({back}): it is in {}",
                    previous.display()
                ))
                .with_help(format!(
                    "rename {} to {} to restore the previous site, then build again",
                    previous.display(),
                    self.output.display()
                )),
                output_unchanged: false,
            },
        }
    }
}

pub(super) fn remove_if_present(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Moves `from` to `to` if `from` exists; true if it moved.
fn move_if_present(from: &Path, to: &Path) -> io::Result<bool> {
    if std::fs::symlink_metadata(from).is_err() {
        return Ok(false);
    }
    std::fs::rename(from, to).map(|()| true)
}

/// Removes a previous build. A folder someone made read-only is made writable first: it is
/// signpost's own output, and leaving it behind would be the worse surprise.
fn remove(dir: &Path) -> io::Result<()> {
    if remove_in_parallel(dir).is_ok() {
        return Ok(());
    }
    make_writable(dir);
    remove_in_parallel(dir)
}

fn make_writable(dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_dir() {
            make_writable_folder(entry.path());
        }
    }
}

fn make_writable_folder(folder: &Path) {
    if let Ok(metadata) = std::fs::metadata(folder)
        && metadata.permissions().readonly()
    {
        let mut permissions = metadata.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        let _ = std::fs::set_permissions(folder, permissions);
    }
}

/// Removes a folder and everything in it, its top-level entries on every core: deleting
/// thousands of files waits on the disk, and two deletions wait better than one.
fn remove_in_parallel(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.par_iter().try_for_each(|path| {
        if path.is_dir() && !path.is_symlink() {
            std::fs::remove_dir_all(path)
        } else {
            std::fs::remove_file(path)
        }
    })?;
    std::fs::remove_dir(dir)
}

fn leftover(previous: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::warning(format!(
        "the new site is in place, but the previous one could not be deleted: {error}. It is in {}",
        previous.display()
    ))
    .with_help("delete that folder yourself; it is not published")
}

/// Writes a new file and returns its stamp, read from the open file rather than by its path.
fn write_new(target: &Path, bytes: &[u8]) -> io::Result<(u64, u128)> {
    let mut file = std::fs::File::create(target)?;
    file.write_all(bytes)?;
    Ok(manifest::stamp_of(&file.metadata()?).unwrap_or_default())
}
