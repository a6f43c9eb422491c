//! What an import would do, worked out before anything is written: each service added,
//! changed (with each field that changed), unchanged, skipped or not written, each file whose
//! service has left the source, and the text of every file to write. `--dry-run` prints this;
//! an import writes it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::files;
use crate::directory::oruk::{Converted, ImportProblem};
use crate::directory::service::{Service, Status};
use crate::directory::taxonomy_map::TermRef;
use crate::layout::SERVICES_DIR;
use crate::yaml;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Changed,
    Unchanged,
    /// The file was edited here since it was imported, and --force was not given.
    EditedHere,
    /// The file was not imported from this source (written by hand, or from another), and
    /// --force was not given.
    NotFromSource(Option<String>),
    /// No taxonomy term gave it a category, so it would not build: not written.
    NoCategory,
}

/// A field that changed: where (`phones[0].number`), and its value before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One service of the source and what the import does with it.
#[derive(Debug, Clone)]
pub struct Planned {
    pub name: String,
    /// Relative to the site root.
    pub file: PathBuf,
    pub outcome: Outcome,
    pub changes: Vec<FieldChange>,
    pub problems: Vec<ImportProblem>,
    /// The text to write, when the import writes this file.
    pub write: Option<String>,
}

/// A service imported from this source before that the source no longer has.
#[derive(Debug, Clone)]
pub struct Removed {
    pub name: String,
    pub file: PathBuf,
    /// It is already inactive or defunct, so not published.
    pub already_inactive: bool,
    /// The file marked inactive, when --prune asks for it.
    pub write: Option<String>,
    /// Why it could not be marked inactive, if it could not.
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub source: String,
    pub services: Vec<Planned>,
    pub removed: Vec<Removed>,
    /// Services of the source that could not be read at all, with why.
    pub rejected: Vec<String>,
    /// Terms no category or mapping matched, with how many services use each.
    pub unmapped: Vec<(TermRef, usize)>,
}

/// How an import treats files that differ from its source.
#[derive(Debug, Clone, Copy, Default)]
pub struct Choices {
    pub force: bool,
    pub prune: bool,
}

/// Works out the import of `converted` (each service of the source, or why it could not be
/// read) from `source` into the site at `root`.
pub fn plan(
    root: &Path,
    source: &str,
    converted: Vec<Result<Converted, String>>,
    choices: Choices,
) -> Plan {
    let mut plan = Plan {
        source: source.to_string(),
        services: Vec::new(),
        removed: Vec::new(),
        rejected: Vec::new(),
        unmapped: Vec::new(),
    };
    let mut counts: BTreeMap<TermRef, usize> = BTreeMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, result) in converted.into_iter().enumerate() {
        let position = index + 1;
        let converted = match result {
            Ok(converted) => converted,
            Err(why) => {
                plan.rejected
                    .push(format!("service {position} of the source: {why}"));
                continue;
            }
        };
        if let Some(first) = seen.insert(converted.service.id.clone(), position) {
            plan.rejected.push(format!(
                "service {position} of the source ({}): it has the same id, `{}`, as service {first}",
                converted.service.name, converted.service.id
            ));
            continue;
        }
        for term in &converted.unmapped {
            *counts.entry(term.clone()).or_default() += 1;
        }
        plan.services
            .push(plan_service(root, source, converted, choices));
    }
    let mut unmapped: Vec<(TermRef, usize)> = counts.into_iter().collect();
    unmapped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    plan.unmapped = unmapped;
    plan.removed = left_the_source(root, source, &seen, choices.prune);
    plan
}

fn service_file(id: &str) -> PathBuf {
    Path::new(SERVICES_DIR).join(format!("{id}.yaml"))
}

fn plan_service(root: &Path, source: &str, converted: Converted, choices: Choices) -> Planned {
    let Converted {
        service,
        problems,
        categorised,
        ..
    } = converted;
    let file = service_file(&service.id);
    let body = yaml::to_string(&service).unwrap_or_default();
    let text = files::write(source, &body);
    let existing = std::fs::read_to_string(root.join(&file)).ok();
    let mut planned = Planned {
        name: service.name.clone(),
        file,
        outcome: Outcome::Added,
        changes: Vec::new(),
        problems,
        write: None,
    };
    let Some(existing) = existing else {
        if categorised {
            planned.write = Some(text);
        } else {
            planned.outcome = Outcome::NoCategory;
        }
        return planned;
    };
    let current = files::read(&existing);
    planned.changes = changes(current.body, &service);
    if current.body == body {
        planned.outcome = Outcome::Unchanged;
        // The listing is the same; the header learns its new source, if it has one.
        planned.write = (existing != text).then_some(text);
        return planned;
    }
    planned.outcome = if !categorised {
        Outcome::NoCategory
    } else if choices.force || current.is_untouched_import_from(source) {
        Outcome::Changed
    } else if current.is_edited_import() {
        Outcome::EditedHere
    } else {
        Outcome::NotFromSource(current.source().map(str::to_string))
    };
    if planned.outcome == Outcome::Changed {
        planned.write = Some(text);
    }
    planned
}

/// Each field that differs between the file's YAML and the service as imported.
fn changes(before: &str, after: &Service) -> Vec<FieldChange> {
    let old: Value = match yaml::parse(before) {
        Ok(value) => value,
        Err(error) => {
            return vec![FieldChange {
                field: "(the whole file)".into(),
                before: Some(format!("cannot be read: {}", error.message)),
                after: None,
            }];
        }
    };
    let new = serde_json::to_value(after).unwrap_or(Value::Null);
    let mut out = Vec::new();
    diff("", &old, &new, &mut out);
    out
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

fn diff(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                diff(&join(key), x, y, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.iter().chain(b).all(|v| !v.is_object()) => {
            if a != b {
                out.push(FieldChange {
                    field: path.to_string(),
                    before: Some(list_text(a)),
                    after: Some(list_text(b)),
                });
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for index in 0..a.len().max(b.len()) {
                let (x, y) = (
                    a.get(index).unwrap_or(&Value::Null),
                    b.get(index).unwrap_or(&Value::Null),
                );
                diff(&format!("{path}[{index}]"), x, y, out);
            }
        }
        (a, b) if same_value(a, b) => {}
        (a, b) if a.is_object() || b.is_object() || a.is_array() || b.is_array() => {
            out.push(FieldChange {
                field: path.to_string(),
                before: (!a.is_null()).then(|| compact(a)),
                after: (!b.is_null()).then(|| compact(b)),
            });
        }
        (a, b) => out.push(FieldChange {
            field: path.to_string(),
            before: scalar(a),
            after: scalar(b),
        }),
    }
}

/// Numbers compare by value (YAML's 2.0 and JSON's 2 are the same amount).
fn same_value(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

fn list_text(items: &[Value]) -> String {
    let parts: Vec<String> = items.iter().filter_map(scalar).collect();
    format!("[{}]", parts.join(", "))
}

fn compact(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Files imported from `source` whose service the source no longer has.
fn left_the_source(
    root: &Path,
    source: &str,
    in_source: &HashMap<String, usize>,
    prune: bool,
) -> Vec<Removed> {
    let Ok(entries) = std::fs::read_dir(root.join(SERVICES_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| {
            name.ends_with(".yaml") && !crate::layout::is_ignored(std::ffi::OsStr::new(name))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .filter_map(|name| {
            let id = name.trim_end_matches(".yaml");
            if in_source.contains_key(id) {
                return None;
            }
            let file = Path::new(SERVICES_DIR).join(&name);
            let text = std::fs::read_to_string(root.join(&file)).ok()?;
            let current = files::read(&text);
            (current.source() == Some(source)).then(|| removed(file, &current, source, prune))
        })
        .collect()
}

fn removed(file: PathBuf, current: &files::ServiceFile, source: &str, prune: bool) -> Removed {
    let parsed: Result<Service, String> = yaml::parse(current.body).map_err(|e| e.message);
    let name = parsed
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|_| file.display().to_string());
    let already_inactive = parsed.as_ref().is_ok_and(|s| !s.is_published());
    let mut gone = Removed {
        name,
        file,
        already_inactive,
        write: None,
        problem: None,
    };
    if !prune || already_inactive {
        return gone;
    }
    match parsed {
        Ok(mut service) => {
            service.status = Status::Inactive;
            gone.write = yaml::to_string(&service)
                .map(|body| files::write(source, &body))
                .ok();
        }
        Err(why) => {
            gone.problem = Some(format!(
                "it cannot be read, so it was not marked inactive: {why}"
            ))
        }
    }
    gone
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_changed_field_is_named() {
        let mut out = Vec::new();
        diff(
            "",
            &json!({"name": "A", "phones": [{"number": "1"}], "languages": ["English"], "minimum_age": 2}),
            &json!({"name": "B", "phones": [{"number": "2"}], "languages": ["English", "Polish"], "minimum_age": 2.0}),
            &mut out,
        );
        let fields: Vec<&str> = out.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["languages", "name", "phones[0].number"]);
        assert_eq!(out[1].before.as_deref(), Some("A"));
        assert_eq!(out[0].after.as_deref(), Some("[English, Polish]"));
    }
}
