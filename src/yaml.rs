//! The one place signpost touches a YAML library. serde_yaml is archived upstream, so everything
//! that parses or writes YAML goes through here and a replacement changes this file only.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position};

/// A YAML problem, positioned in the text that was parsed (1-based line and column).
#[derive(Debug, Clone)]
pub struct YamlError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// Set when the problem is a key the target type does not know: (the key, the keys it knows).
    pub unknown_key: Option<(String, Vec<String>)>,
}

/// Parses `text` into `T`, reporting where in `text` it went wrong.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // An empty document is an empty mapping, so a file with only comments gives a clear
    // "missing field" rather than "invalid type: unit value".
    let text = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map(|at| (at.line(), at.column()))
            .unwrap_or((1, 1));
        let raw = error.to_string();
        let message = strip_location_suffix(&raw);
        // Errors raised by a value's own Deserialize (a date, a time) come without a position,
        // or with the position of the mapping that holds the value; they quote the value, so
        // find the line that holds it, at or after that position.
        let from_line = if (line, column) == (1, 1) { 1 } else { line };
        let (line, column) = quoted_value(&message)
            .and_then(|value| locate_value(text, value, from_line))
            .unwrap_or((line, column));
        YamlError {
            unknown_key: parse_unknown_key(&message),
            message,
            line,
            column,
        }
    })
}

/// A YAML parse error as a diagnostic; `line_offset` maps a front-matter line to the file line.
pub fn diagnostic(error: &YamlError, file: &Path, line_offset: usize) -> Diagnostic {
    let at = Position::new(error.line + line_offset, error.column);
    let diagnostic = Diagnostic::error(error.message.clone())
        .in_file(file)
        .at(at);
    match &error.unknown_key {
        Some((key, known)) => Diagnostic {
            message: format!("unknown setting `{key}`"),
            ..diagnostic
        }
        .with_help(unknown_key_help(key, known)),
        None if error.message.contains("invalid type") => diagnostic.with_help(
            "if this is meant as text, put it in quotes, e.g. title: \"Help: what to do\"",
        ),
        None => diagnostic,
    }
}

/// "did you mean `title`? The known settings are: ..." — the nearest known key first.
pub fn unknown_key_help(key: &str, known: &[String]) -> String {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match crate::suggest::nearest(key, known.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `{near}`? The known settings here are: {list}"),
        None => format!("the known settings here are: {list}"),
    }
}

/// Writes `value` as YAML.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|error| error.to_string())
}

/// serde_yaml appends " at line L column C" to its messages; signpost shows positions itself.
fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// Reads serde's stable wording "unknown field `x`, expected one of `a`, `b`" (or "expected `a`").
fn parse_unknown_key(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.split("unknown field `").nth(1)?;
    let (key, expected) = rest.split_once('`')?;
    let known = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((key.to_string(), known))
}

/// The first `backticked` word of a message.
fn quoted_value(message: &str) -> Option<&str> {
    message.split('`').nth(1).filter(|value| !value.is_empty())
}

/// The line and column where `value` is written as a mapping value, at `from_line` or later.
fn locate_value(text: &str, value: &str, from_line: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .skip(from_line - 1)
        .find_map(|(index, line)| {
            let (_, after) = line.split_once(':')?;
            let written = after.trim().trim_matches(|c| c == '"' || c == '\'');
            (written == value).then(|| (index + 1, line.len() - after.trim_start().len() + 1))
        })
}

/// Finds where `key:` is written in a YAML text, for errors found after parsing (values that
/// parsed but are wrong). Returns the 1-based line and column of the key, or None.
pub fn locate_key(text: &str, key: &str, value_hint: Option<&str>) -> Option<(usize, usize)> {
    let mut first = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ");
        let Some(after) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(value) = after.trim_start().strip_prefix(':') else {
            continue;
        };
        let column = line.len() - trimmed.len() + 1;
        let hit = Some((index + 1, column));
        match value_hint {
            Some(hint) if value.contains(hint) => return hit,
            Some(_) => first = first.or(hit),
            None => return hit,
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        weight: Option<i64>,
    }

    #[test]
    fn unknown_key_lists_the_known_ones() {
        let error = parse::<Sample>("title: a\ntitel: b\n").unwrap_err();
        let (key, known) = error.unknown_key.unwrap();
        assert_eq!(key, "titel");
        assert_eq!(known, vec!["title", "weight"]);
        assert_eq!(error.line, 2);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let error = parse::<Sample>("title: a\nweight: [1\n").unwrap_err();
        assert!(error.line >= 2, "{error:?}");
        assert!(!error.message.contains(" at line "));
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Dated {
        title: String,
        review_by: crate::date::Date,
    }

    #[test]
    fn value_errors_point_at_the_value() {
        let error = parse::<Dated>("title: a\nreview_by: soon\n").unwrap_err();
        assert_eq!((error.line, error.column), (2, 12), "{error:?}");
    }

    #[test]
    fn locates_a_key_with_a_value() {
        let text = "a:\n  - id: x\n  - id: y\n";
        assert_eq!(locate_key(text, "id", Some("y")), Some((3, 5)));
        assert_eq!(locate_key(text, "id", None), Some((2, 5)));
    }
}
