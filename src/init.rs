//! `signpost init DIR`: a new, buildable site for a partnership starting its own.

use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diagnostics::Diagnostic;

/// The starter site: site.yaml with every setting explained, a few pages, directory data.
static STARTER: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/starter");

pub fn create_site(dir: &Path) -> Result<(), Diagnostic> {
    let has_files = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if has_files {
        return Err(Diagnostic::error(format!(
            "{} already exists and is not empty",
            dir.display()
        ))
        .with_help("choose a new folder name; signpost init never changes existing files"));
    }
    write_dir(&STARTER, dir).map_err(|error| {
        Diagnostic::error(format!(
            "cannot create the site in {}: {error}",
            dir.display()
        ))
    })
}

fn write_dir(source: &Dir<'static>, target: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(target)?;
    for file in source.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, file.contents())?;
    }
    for sub in source.dirs() {
        write_dir(sub, target)?;
    }
    Ok(())
}
