//! The directory in another language: a service's words in a file of the same name in the
//! language's folder (`services/pl/food-bank.yaml` for `services/food-bank.yaml`), and the
//! categories' in `categories.pl.yaml`, named as a page's translation is. Not inside the
//! service's file: an import from another directory rewrites that file, and must not take its
//! translations with it. In a folder of their own rather than beside it: the services folder is
//! what the importer and the browser editor read as services, one file each.
//!
//! A service with no translation is still listed in that language, in its own words marked as
//! such (`lang`): its phone number and opening times are what a family needs, and leaving out
//! a food bank because its description is not translated would hide help.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{CATEGORIES_FILE, Directory, SERVICES_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::yaml;

/// What a service says in another language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceText {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub application_process: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryText {
    id: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesText {
    categories: Vec<CategoryText>,
}

/// The directory's words in one language.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    /// By the service's file (`directory_data/services/food-bank.yaml`).
    services: HashMap<PathBuf, ServiceText>,
    categories: Vec<CategoryText>,
}

/// The directory's words in the language whose code is `code`, checked against `directory`:
/// a translation of a service or category the directory does not have is an error.
pub fn load(
    root: &Path,
    directory: &Directory,
    code: &str,
    problems: &mut Diagnostics,
) -> Translation {
    let mut translation = Translation::default();
    let folder = Path::new(SERVICES_DIR).join(code);
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(&folder))
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter(|path| {
            path.file_name()
                .is_some_and(|n| !crate::layout::is_ignored(n))
        })
        .filter_map(|path| path.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    for file in files {
        let original = Path::new(SERVICES_DIR).join(file.file_name().expect("a file"));
        if !directory.listings.iter().any(|l| l.file == original) {
            problems.push(
                Diagnostic::error(format!(
                    "this translates {}, which is not a published service",
                    original.display()
                ))
                .in_file(&file)
                .at(Position::new(1, 1))
                .with_help(format!("a service's translation has its file's name, in the language's folder ({SERVICES_DIR}/food-bank.yaml -> {SERVICES_DIR}/{code}/food-bank.yaml); an inactive service is not published in any language")),
            );
            continue;
        }
        if let Some(text) = read::<ServiceText>(root, &file, problems) {
            translation.services.insert(original, text);
        }
    }
    let categories = with_code(Path::new(CATEGORIES_FILE), code);
    if root.join(&categories).is_file()
        && let Some(text) = read::<CategoriesText>(root, &categories, problems)
    {
        let source = crate::text::read(root, &categories).unwrap_or_default();
        for category in &text.categories {
            if directory.category(&category.id).is_none() {
                let (line, column) =
                    yaml::locate_key(&source, "id", Some(&category.id)).unwrap_or((1, 1));
                problems.push(
                    Diagnostic::error(format!(
                        "`{}` is not one of the directory's categories",
                        category.id
                    ))
                    .in_file(&categories)
                    .at(Position::new(line, column))
                    .with_help(format!(
                        "translate the categories in {CATEGORIES_FILE}, by their ids"
                    )),
                );
            }
        }
        translation.categories = text.categories;
    }
    translation
}

/// `categories.yaml` -> `categories.pl.yaml`.
fn with_code(file: &Path, code: &str) -> PathBuf {
    let stem = file.file_stem().unwrap_or_default().to_string_lossy();
    let extension = file.extension().unwrap_or_default().to_string_lossy();
    file.with_file_name(format!("{stem}.{code}.{extension}"))
}

fn read<T: serde::de::DeserializeOwned>(
    root: &Path,
    file: &Path,
    problems: &mut Diagnostics,
) -> Option<T> {
    let text = crate::text::read(root, file)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    yaml::parse(&text)
        .map_err(|error| {
            problems.push(yaml::diagnostic(&error, file, 0).with_help(
                "a translation gives only the words, in the language of its file name: `name:`, `description:` and `application_process:` for a service; `categories:` with each `id:` and its `label:` and `description:`",
            ))
        })
        .ok()
}

impl Translation {
    /// `directory` in this translation's words; a service not translated is marked as in
    /// `original_lang`. Services keep their order, so each is at the same place in every
    /// language.
    pub fn apply(&self, directory: &Directory, original_lang: &str) -> Directory {
        let mut translated = directory.clone();
        for listing in &mut translated.listings {
            match self.services.get(&listing.file) {
                Some(text) => {
                    let service = &mut listing.service;
                    replace(&mut service.name, &text.name);
                    replace(&mut service.description, &text.description);
                    if let Some(process) = text.application_process.clone() {
                        service.application_process = Some(process);
                    }
                }
                None => listing.untranslated = Some(original_lang.to_string()),
            }
        }
        for text in &self.categories {
            if let Some(category) = translated.categories.iter_mut().find(|c| c.id == text.id) {
                replace(&mut category.label, &text.label);
                replace(&mut category.description, &text.description);
            }
        }
        translated
    }
}

fn replace(field: &mut String, translation: &Option<String>) {
    if let Some(text) = translation.as_ref().filter(|t| !t.trim().is_empty()) {
        *field = text.clone();
    }
}
