//! The browser editor: Sveltia CMS, served at /admin/ from the site's own address, with forms
//! made from signpost's content model so comms staff edit pages, signs, voices and services
//! without touching a file, and cannot save one the build would reject for a missing field.
//!
//! A site has an editor when it has cms/editor.yaml (where to save: the Git host and
//! repository) and cms/sveltia-cms.js (the editor, from its npm package), both written by
//! `signpost cms`. Each build makes the editor's configuration afresh from site.yaml,
//! directory_data/categories.yaml and the folders in content/, so its choices are never out
//! of date.

pub mod admin;
pub mod config;
pub mod model;
pub mod settings;
pub mod setup;
pub mod vendor;

use std::path::Path;

use crate::assets::Copied;
use crate::config::SiteConfig;
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::directory::Directory;
use crate::layout::{
    CMS_DIR, DATA_DIR, EDITOR_FONTS_DIR, EDITOR_SCRIPT_FILE, EDITOR_SETTINGS_FILE, is_ignored,
};
use crate::output::OutputFile;
use crate::routes::{self, CopiedFile};
use model::Choices;

/// The editor's files for a build: its page and configuration (made here), and its script
/// and licence (copied from cms/).
pub struct Published {
    pub made: Vec<OutputFile>,
    pub copied: Vec<Copied>,
}

/// The editor's files, when the site has one; None when it has none, or when cms/ has a
/// mistake (reported in `problems`).
pub fn published(
    root: &Path,
    site: &SiteConfig,
    directory: &Directory,
    pages: &[Page],
    problems: &mut Diagnostics,
) -> Option<Published> {
    let settings = match settings::load(root)? {
        Ok(settings) => settings,
        Err(found) => {
            problems.extend(found);
            return None;
        }
    };
    let copied = editor_files(root, problems)?;
    let choices = Choices {
        taxonomies: &site.taxonomies,
        directory_categories: &directory.categories,
    };
    let has_directory = root.join(DATA_DIR).is_dir();
    let config = config::config(&settings, site, &choices, pages, has_directory);
    let page = admin::page(
        &site.title,
        &settings,
        &format!("{}{}", routes::EDITOR, script_name()),
        routes::EDITOR_CONFIG,
    );
    Some(Published {
        made: vec![
            OutputFile::new(routes::output_path(routes::EDITOR), page),
            OutputFile::new(
                routes::output_path(routes::EDITOR_CONFIG),
                config::to_yaml(&config),
            ),
        ],
        copied,
    })
}

fn script_name() -> String {
    Path::new(EDITOR_SCRIPT_FILE)
        .file_name()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

/// Everything in cms/ but editor.yaml, published under /admin/; the script with its fonts
/// taken from there too. None (with the problem reported) when the script or a font is
/// missing.
fn editor_files(root: &Path, problems: &mut Diagnostics) -> Option<Vec<Copied>> {
    let missing = |what: String| {
        Diagnostic::error(format!(
            "{EDITOR_SETTINGS_FILE} turns the browser editor on, but {what}"
        ))
        .in_file(EDITOR_SETTINGS_FILE)
        .with_help(format!(
            "run `signpost cms` to fetch the editor into {CMS_DIR}/, or remove {EDITOR_SETTINGS_FILE} to publish the site without it"
        ))
    };
    let Ok(script) = std::fs::read(root.join(EDITOR_SCRIPT_FILE)) else {
        problems.push(missing(format!("{EDITOR_SCRIPT_FILE} is missing")));
        return None;
    };
    let fonts = vendor::fonts_named_in(&script);
    if let Some(font) = fonts
        .iter()
        .find(|font| !root.join(EDITOR_FONTS_DIR).join(&font.file).is_file())
    {
        problems.push(missing(format!(
            "{EDITOR_FONTS_DIR}/{} is missing",
            font.file
        )));
        return None;
    }
    let admin = routes::output_path(routes::EDITOR)
        .parent()
        .expect("the editor's folder")
        .to_path_buf();
    let fonts_address = format!("{}{}/", routes::EDITOR, fonts_folder_name());
    let mut copied = Vec::new();
    for entry in walkdir::WalkDir::new(root.join(CMS_DIR))
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_ignored(entry.file_name()))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
    {
        let source = entry
            .path()
            .strip_prefix(root)
            .expect("inside the site")
            .to_path_buf();
        if source == Path::new(EDITOR_SETTINGS_FILE) {
            continue;
        }
        let bytes = match std::fs::read(entry.path()) {
            Ok(bytes) if source == Path::new(EDITOR_SCRIPT_FILE) => {
                vendor::self_hosted(&bytes, &fonts_address)
            }
            Ok(bytes) => bytes,
            Err(error) => {
                problems.push(
                    Diagnostic::error(format!("cannot read this file: {error}")).in_file(&source),
                );
                continue;
            }
        };
        let relative = source.strip_prefix(CMS_DIR).expect("in cms/").to_path_buf();
        copied.push(Copied {
            file: CopiedFile {
                output: admin.join(relative),
                source,
            },
            bytes,
        });
    }
    Some(copied)
}

/// `fonts`, the folder beside the script that holds its fonts.
fn fonts_folder_name() -> String {
    Path::new(EDITOR_FONTS_DIR)
        .file_name()
        .expect("a folder name")
        .to_string_lossy()
        .into_owned()
}
