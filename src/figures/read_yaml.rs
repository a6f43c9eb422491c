//! A figure as YAML: its settings as keys, `source:` with `name`, `year` and `link`, and
//! `rows:` as a list of `label` and `value`. Parsed through crate::yaml like every YAML file.

use serde::Deserialize;

use super::load::{Cell, Problem, Raw};
use crate::diagnostics::Position;
use crate::yaml;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    title: Option<Scalar>,
    #[serde(default)]
    unit: Option<Scalar>,
    #[serde(default)]
    source: Option<SourceMap>,
    #[serde(default)]
    period: Option<Scalar>,
    #[serde(default)]
    as_of: Option<Scalar>,
    #[serde(default)]
    notes: Option<Scalar>,
    #[serde(default)]
    illustrative: Option<Scalar>,
    #[serde(default)]
    over_time: Option<Scalar>,
    #[serde(default)]
    whole: Option<Scalar>,
    #[serde(default)]
    rest: Option<Scalar>,
    #[serde(default)]
    chart: Option<Scalar>,
    /// The table's two headings: what the rows are, and what the numbers are.
    #[serde(default)]
    columns: Option<Vec<Scalar>>,
    #[serde(default)]
    rows: Vec<RowMap>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceMap {
    #[serde(default)]
    name: Option<Scalar>,
    #[serde(default)]
    year: Option<Scalar>,
    #[serde(default)]
    link: Option<Scalar>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowMap {
    #[serde(default)]
    label: Option<Scalar>,
    #[serde(default)]
    value: Option<Scalar>,
}

/// One value, whatever YAML made of it: `2019` and `2019/20` are both labels.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Text(t) => t.clone(),
        }
    }
}

pub fn read(text: &str) -> (Option<Raw>, Vec<Problem>) {
    let file: File = match yaml::parse(text) {
        Ok(file) => file,
        Err(error) => return (None, vec![parse_problem(&error)]),
    };
    let mut found = Vec::new();
    let mut raw = Raw {
        top: Position::new(1, 1),
        source_block: key_position(text, "source"),
        ..Raw::default()
    };
    let top_level = [
        ("title", &file.title),
        ("unit", &file.unit),
        ("period", &file.period),
        ("as_of", &file.as_of),
        ("notes", &file.notes),
        ("illustrative", &file.illustrative),
        ("over_time", &file.over_time),
        ("whole", &file.whole),
        ("rest", &file.rest),
        ("chart", &file.chart),
    ];
    for (key, value) in top_level {
        set(&mut raw, text, key, key, value.as_ref());
    }
    if let Some(source) = &file.source {
        set(&mut raw, text, "source", "name", source.name.as_ref());
        set(&mut raw, text, "source_year", "year", source.year.as_ref());
        set(&mut raw, text, "source_link", "link", source.link.as_ref());
    }
    if let Some(columns) = &file.columns {
        let at = key_position(text, "columns").unwrap_or(raw.top);
        match columns.as_slice() {
            [label, value] => {
                raw.headings = Some([label, value].map(|c| Cell { text: c.text(), at }));
            }
            _ => found.push(Problem::new(
                at,
                format!(
                    "`columns` has {} headings, but a figure's table has two",
                    columns.len()
                ),
                "name what the rows are and what the numbers are, e.g. columns: [Year, Children]",
            )),
        }
    }
    let places = row_places(text);
    for (index, row) in file.rows.iter().enumerate() {
        let place = places.get(index).copied();
        let cell = |key: &str, value: &Option<Scalar>| Cell {
            text: value.as_ref().map(Scalar::text).unwrap_or_default(),
            at: place
                .and_then(|(first, last)| key_in_lines(text, first, last, key))
                .or(place.map(|(first, _)| Position::new(first + 1, 1)))
                .unwrap_or(raw.top),
        };
        raw.rows
            .push((cell("label", &row.label), cell("value", &row.value)));
    }
    (Some(raw), found)
}

fn set(raw: &mut Raw, text: &str, canonical: &'static str, key: &str, value: Option<&Scalar>) {
    if let Some(value) = value {
        let at = key_position(text, key)
            .map(|at| value_position(text, at, key))
            .unwrap_or(raw.top);
        raw.settings.insert(
            canonical,
            Cell {
                text: value.text(),
                at,
            },
        );
    }
}

fn parse_problem(error: &yaml::YamlError) -> Problem {
    let at = Position::new(error.line, error.column);
    if let Some((key, known)) = &error.unknown_key {
        return Problem::new(
            at,
            format!("unknown setting `{key}`"),
            crate::yaml::unknown_key_help(key, known),
        );
    }
    if error.message.contains("untagged enum Scalar") {
        return Problem::new(
            at,
            "this setting holds a list or a group where one value belongs",
            "write a single value after the colon, e.g. unit: children",
        );
    }
    if error.message.contains("expected struct SourceMap") {
        return Problem::new(
            at,
            "`source:` needs its `name:` and `year:` on lines of their own",
            "write source:, then indented below it name: Example Borough Children's Services and year: 2024 (and link: if there is one)",
        );
    }
    Problem::new(
        at,
        error.message.clone(),
        "check the indentation and the colons; text with a colon or # in it goes in quotes",
    )
}

/// Where `key:` is written, as a position.
fn key_position(text: &str, key: &str) -> Option<Position> {
    yaml::locate_key(text, key, None).map(|(line, column)| Position::new(line, column))
}

/// Where the value after `key:` on the key's line starts (the key itself for a block value).
fn value_position(text: &str, key_at: Position, key: &str) -> Position {
    let line = text.lines().nth(key_at.line - 1).unwrap_or("");
    let after_key: String = line
        .chars()
        .skip(key_at.column - 1 + key.len() + 1)
        .collect();
    let spaces = after_key.chars().take_while(|c| *c == ' ').count();
    if after_key.trim().is_empty() {
        return key_at;
    }
    Position::new(key_at.line, key_at.column + key.len() + 1 + spaces)
}

/// Each item of `rows:` as its first and last line (0-based), in order.
fn row_places(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let is_rows = |line: &&str| line.split(" #").next().unwrap_or("").trim_end() == "rows:";
    let Some(start) = lines.iter().position(is_rows) else {
        return Vec::new();
    };
    let base = indent(lines[start]);
    let mut items: Vec<(usize, usize)> = Vec::new();
    for (index, line) in lines.iter().enumerate().skip(start + 1) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent(line) <= base && !trimmed.starts_with('-') {
            break;
        }
        if trimmed.starts_with('-') {
            items.push((index, index));
        } else if let Some(last) = items.last_mut() {
            last.1 = index;
        }
    }
    items
}

/// Where the value of `key:` is written within lines `first..=last`.
fn key_in_lines(text: &str, first: usize, last: usize, key: &str) -> Option<Position> {
    let pattern = format!("{key}:");
    text.lines()
        .enumerate()
        .skip(first)
        .take(last - first + 1)
        .find_map(|(index, line)| {
            let at = line.find(&pattern)?;
            let before = line[..at].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            let column = line[..at].chars().count() + 1;
            Some(value_position(text, Position::new(index + 1, column), key))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_settings_keep_their_positions() {
        let text = "title: Plans\nsource:\n  name: Council\n  year: 2024\nrows:  # the numbers\n  - label: 2019\n    value: 12a\n  - {label: 2020, value: 14}\n";
        let (raw, found) = read(text);
        assert!(found.is_empty());
        let raw = raw.unwrap();
        assert_eq!(raw.settings["source_year"].at, Position::new(4, 9));
        let (label, value) = &raw.rows[0];
        assert_eq!(label.text, "2019");
        assert_eq!(
            (value.text.as_str(), value.at),
            ("12a", Position::new(7, 12))
        );
        assert_eq!(raw.rows[1].1.at, Position::new(8, 26));
    }

    #[test]
    fn an_unknown_setting_names_the_known_ones() {
        let (_, found) = read("titel: Plans\n");
        assert_eq!(found[0].message, "unknown setting `titel`");
        assert!(
            found[0].help.contains("did you mean `title`?"),
            "{}",
            found[0].help
        );
    }
}
