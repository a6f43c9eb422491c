//! Reading the strings files of each language, layered: the built-in default theme's, then a
//! theme folder's, then the site's own `strings/`, each file's entries replacing the ones
//! before. The theme's English file is the reference: a language the site declares must have
//! every one of its keys.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::locate::key_lines;
use super::{Entry, Strings, Text, Words};
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::layout::{STRINGS_DIR, THEMES_DIR};
use crate::theme::{self, ThemeSource};
use crate::yaml;

/// The language whose file is the reference every other language is checked against.
const REFERENCE: &str = "en";

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A language to load words for.
pub struct LanguageRequest<'a> {
    pub code: &'a str,
    /// Every key must be there (a language site.yaml declares); else a missing word is the
    /// English one, as on a site in one language whose theme has no file for it.
    pub must_be_complete: bool,
    /// Where site.yaml names the language, for a message when it has no words at all.
    pub declared_at: Option<(PathBuf, Position)>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Node {
    Text(String),
    List(Vec<String>),
    Map(BTreeMap<String, Node>),
}

/// One strings file, read and flattened.
struct Layer {
    file: PathBuf,
    entries: HashMap<String, Entry>,
    /// Each key's line, groups included, for messages about what is missing.
    lines: HashMap<String, usize>,
}

/// The words of each requested language, in the order requested. Problems (a file that is not
/// valid YAML, a missing or unknown key) are added to `problems`; a missing word is then the
/// English one, so rendering can still be checked.
pub fn load(
    root: &Path,
    theme: &ThemeSource,
    languages: &[LanguageRequest],
    problems: &mut Diagnostics,
) -> Strings {
    let reference = layers(root, theme, REFERENCE, problems);
    let english: HashMap<String, Entry> = merged(&reference);
    let words = languages
        .iter()
        .map(|request| {
            let own = if crate::language::primary(request.code) == REFERENCE {
                layers(root, theme, request.code, problems)
                    .into_iter()
                    .filter(|layer| !reference.iter().any(|r| r.file == layer.file))
                    .collect()
            } else {
                layers(root, theme, request.code, problems)
            };
            let mut entries = english.clone();
            if !own.is_empty() && crate::language::primary(request.code) != REFERENCE {
                check_against(&english, &own, request, problems);
            } else if own.is_empty()
                && request.must_be_complete
                && crate::language::primary(request.code) != REFERENCE
            {
                problems.push(no_words(request, theme));
            }
            entries.extend(merged(&own));
            Arc::new(Words::new(request.code, entries))
        })
        .collect();
    Strings::new(words)
}

/// The built-in default theme's English words, as a site with no strings of its own has them.
pub fn english() -> Words {
    let file = theme::built_in_file(&format!("{STRINGS_DIR}/{REFERENCE}.yaml"))
        .expect("the default theme has its English words");
    let text = String::from_utf8(file.bytes).expect("the English words are UTF-8");
    let layer = parse(&file.file, &text).expect("the English words parse");
    Words::new("en-GB", layer.entries)
}

/// The files for `code`, general to specific (`en.yaml` then `en-GB.yaml`), each from the
/// built-in theme, the theme folder and the site, in that order.
fn layers(root: &Path, theme: &ThemeSource, code: &str, problems: &mut Diagnostics) -> Vec<Layer> {
    let primary = crate::language::primary(code);
    let mut names = vec![format!("{primary}.yaml")];
    if primary != code {
        names.push(format!("{code}.yaml"));
    }
    let mut out = Vec::new();
    for name in &names {
        for (file, text) in sources(root, theme, name, problems) {
            match parse(&file, &text) {
                Ok(layer) => out.push(layer),
                Err(problem) => problems.push(problem),
            }
        }
    }
    out
}

/// The text of each file named `name`: the built-in theme's, a theme folder's, the site's.
fn sources(
    root: &Path,
    theme: &ThemeSource,
    name: &str,
    problems: &mut Diagnostics,
) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    if let Some(file) = theme::built_in_file(&format!("{STRINGS_DIR}/{name}")) {
        out.push((file.file, String::from_utf8_lossy(&file.bytes).into_owned()));
    }
    let mut folders = Vec::new();
    if let ThemeSource::Folder(folder) = theme {
        folders.push(folder.join(STRINGS_DIR));
    }
    folders.push(PathBuf::from(STRINGS_DIR));
    for folder in folders {
        let file = folder.join(name);
        if !root.join(&file).is_file() {
            continue;
        }
        match crate::text::read(root, &file) {
            Ok(text) => out.push((file, text)),
            Err(problem) => problems.push(problem),
        }
    }
    out
}

fn parse(file: &Path, text: &str) -> Result<Layer, Diagnostic> {
    let tree: BTreeMap<String, Node> =
        yaml::parse(text).map_err(|error| yaml::diagnostic(&error, file, 0).with_help(
            "a strings file is groups of `key: text`, e.g. `quick_exit:` then `  button: Exit this page`; put text with a colon in quotes",
        ))?;
    let lines = key_lines(text);
    let mut entries = HashMap::new();
    flatten(&tree, "", file, &lines, &mut entries)?;
    Ok(Layer {
        file: file.to_path_buf(),
        entries,
        lines,
    })
}

fn flatten(
    tree: &BTreeMap<String, Node>,
    prefix: &str,
    file: &Path,
    lines: &HashMap<String, usize>,
    out: &mut HashMap<String, Entry>,
) -> Result<(), Diagnostic> {
    for (key, node) in tree {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let line = lines.get(&path).copied().unwrap_or(1);
        let text = match node {
            Node::Text(text) => Text::One(text.clone()),
            Node::List(items) => Text::List(items.clone()),
            Node::Map(map) if is_plural(map) => plural(map, &path, file, line)?,
            Node::Map(map) => {
                flatten(map, &path, file, lines, out)?;
                continue;
            }
        };
        out.insert(
            path,
            Entry {
                text,
                file: file.to_path_buf(),
                line,
            },
        );
    }
    Ok(())
}

fn is_plural(map: &BTreeMap<String, Node>) -> bool {
    !map.is_empty()
        && map.keys().all(|k| PLURAL_CATEGORIES.contains(&k.as_str()))
        && map.values().all(|v| matches!(v, Node::Text(_)))
}

fn plural(
    map: &BTreeMap<String, Node>,
    path: &str,
    file: &Path,
    line: usize,
) -> Result<Text, Diagnostic> {
    if !map.contains_key("other") {
        return Err(
            Diagnostic::error(format!("`{path}` has plural forms but no `other`"))
                .in_file(file)
                .at(Position::new(line, 1))
                .with_help("add `other:`, the form for any number the other forms do not cover"),
        );
    }
    Ok(Text::Plural(
        PLURAL_CATEGORIES
            .iter()
            .filter_map(|c| match map.get(*c) {
                Some(Node::Text(text)) => Some((c.to_string(), text.clone())),
                _ => None,
            })
            .collect(),
    ))
}

/// Later layers' entries replace earlier ones'.
fn merged(layers: &[Layer]) -> HashMap<String, Entry> {
    let mut out = HashMap::new();
    for layer in layers {
        out.extend(layer.entries.iter().map(|(k, e)| (k.clone(), e.clone())));
    }
    out
}

/// A translation's keys against the English ones: each missing key is an error (when the
/// language must be complete), each key English does not have a warning, and a list must have
/// as many items as English's.
fn check_against(
    english: &HashMap<String, Entry>,
    own: &[Layer],
    request: &LanguageRequest,
    problems: &mut Diagnostics,
) {
    let translated = merged(own);
    let last = own
        .last()
        .expect("checked only when the language has a file");
    let mut missing: Vec<(&String, &Entry)> = english
        .iter()
        .filter(|(key, _)| !translated.contains_key(*key))
        .collect();
    missing.sort_by(|a, b| a.0.cmp(b.0));
    if request.must_be_complete {
        for (key, entry) in missing {
            problems.push(missing_entry(key, entry, last, request.code));
        }
    }
    let mut keys: Vec<&String> = translated.keys().collect();
    keys.sort();
    let known: Vec<String> = english.keys().cloned().collect();
    for key in keys {
        let entry = &translated[key];
        match (english.get(key), &entry.text) {
            (None, _) => problems.push(
                Diagnostic::warning(format!("`{key}` is not one of the theme's words"))
                    .in_file(&entry.file)
                    .at(Position::new(entry.line, 1))
                    .with_help(yaml::unknown_key_help(key, &known)),
            ),
            (Some(reference), Text::List(items)) => {
                if let Text::List(wanted) = &reference.text
                    && wanted.len() != items.len()
                {
                    problems.push(
                        Diagnostic::error(format!(
                            "`{key}` has {} items; it needs {}, as in {}:{}",
                            items.len(),
                            wanted.len(),
                            reference.file.display(),
                            reference.line
                        ))
                        .in_file(&entry.file)
                        .at(Position::new(entry.line, 1))
                        .with_help(format!(
                            "write them in the same order: {}",
                            wanted.join(", ")
                        )),
                    );
                }
            }
            (Some(reference), _) if matches!(reference.text, Text::List(_)) => problems.push(
                Diagnostic::error(format!(
                    "`{key}` must be a list, as in {}",
                    reference.file.display()
                ))
                .in_file(&entry.file)
                .at(Position::new(entry.line, 1))
                .with_help("write it as [first, second, ...]"),
            ),
            _ => {}
        }
    }
}

/// A key the translation lacks, pointed at where it would go: its group's line in the
/// language's file, or the file's first line.
fn missing_entry(key: &str, english: &Entry, file: &Layer, code: &str) -> Diagnostic {
    let group = key.rsplit_once('.').map(|(group, _)| group);
    let line = group.and_then(|g| file.lines.get(g).copied()).unwrap_or(1);
    let (under, name) = match key.rsplit_once('.') {
        Some((group, name)) => (format!(" under `{group}:`"), name),
        None => (String::new(), key),
    };
    let shown = match &english.text {
        Text::One(text) => format!("\"{text}\""),
        Text::Plural(forms) => format!("\"{}\"", forms.last().map_or("", |(_, t)| t.as_str())),
        Text::List(items) => format!("[{}]", items.join(", ")),
    };
    Diagnostic::error(format!(
        "the words in `{code}` have no `{key}` (in English, {}:{}: {shown})",
        english.file.display(),
        english.line
    ))
    .in_file(&file.file)
    .at(Position::new(line, 1))
    .with_help(format!(
        "add `{name}:`{under}, in the language of this file; pages in `{code}` would otherwise show the English words"
    ))
}

/// A language with no strings file at all: one error, not one per word.
fn no_words(request: &LanguageRequest, theme: &ThemeSource) -> Diagnostic {
    let theme_file = match theme {
        ThemeSource::Folder(folder) => folder.join(STRINGS_DIR).join("en.yaml"),
        ThemeSource::BuiltIn => Path::new(THEMES_DIR)
            .join(theme::DEFAULT)
            .join(STRINGS_DIR)
            .join("en.yaml"),
    };
    let mut problem = Diagnostic::error(format!(
        "there are no theme words in `{}`: the exit button, the help box and the search would be in English",
        request.code
    ))
    .with_help(format!(
        "copy {} to {STRINGS_DIR}/{}.yaml and translate each text (keep the keys and the {{names}})",
        theme_file.display(),
        request.code
    ));
    if let Some((file, at)) = &request.declared_at {
        problem = problem.in_file(file).at(*at);
    }
    problem
}
