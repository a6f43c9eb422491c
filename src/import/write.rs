//! Writing a planned import. Every file is first written beside its target under a hidden
//! name; if any of those writes fails, they are all removed and nothing has changed. Only
//! then is each moved into place, and a move that fails is reported against its service,
//! so no import is ever left half-done without saying which files it wrote.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layout::SERVICES_DIR;

/// A file to write: relative to the site root, and its text.
pub struct Write<'a> {
    pub file: &'a Path,
    pub text: &'a str,
}

/// What happened to each file: None when it was written, else why not.
pub type Written = Vec<Option<String>>;

fn staged_name(file: &Path) -> PathBuf {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    file.with_file_name(format!(".{name}.signpost-import"))
}

/// Writes every file, or none (Err) when one cannot be staged.
pub fn apply(root: &Path, writes: &[Write]) -> Result<Written, Diagnostics> {
    if writes.is_empty() {
        return Ok(Vec::new());
    }
    std::fs::create_dir_all(root.join(SERVICES_DIR)).map_err(|error| {
        Diagnostics::from_iter([Diagnostic::error(format!(
            "cannot create {SERVICES_DIR}: {error}"
        ))
        .with_help("check the folder is writable; nothing was imported")])
    })?;
    let mut staged: Vec<PathBuf> = Vec::with_capacity(writes.len());
    for write in writes {
        let temporary = root.join(staged_name(write.file));
        if let Err(error) = std::fs::write(&temporary, write.text) {
            for done in staged.iter().chain([&temporary]) {
                let _ = std::fs::remove_file(done);
            }
            return Err(Diagnostics::from_iter([Diagnostic::error(format!(
                "cannot write {}: {error}",
                write.file.display()
            ))
            .with_help("nothing was imported and no file was changed: check the folder is writable and the disk has space, then import again")]));
        }
        staged.push(temporary);
    }
    Ok(writes
        .iter()
        .zip(staged)
        .map(|(write, temporary)| {
            std::fs::rename(&temporary, root.join(write.file))
                .map_err(|error| {
                    let _ = std::fs::remove_file(&temporary);
                    format!("it could not be written: {error}")
                })
                .err()
        })
        .collect())
}
