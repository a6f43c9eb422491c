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
    /// What would be right, where the library's message alone would not say.
    pub help: Option<String>,
}

/// How deeply `[` and `{` may nest. Real settings nest two or three deep; the YAML library
/// takes time that grows with the square of the depth, so a pathological file is refused
/// before it is parsed.
pub const MAX_NESTING: usize = 32;

/// Parses `text` into `T`, reporting where in `text` it went wrong.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // An empty document is an empty mapping, so a file with only comments gives a clear
    // "missing field" rather than "invalid type: unit value".
    let text = if text.trim().is_empty() { "{}" } else { text };
    if let Some((line, column)) = too_deep(text) {
        return Err(YamlError {
            message: format!("the brackets here are nested more than {MAX_NESTING} deep"),
            line,
            column,
            unknown_key: None,
            help: Some("write lists as `[a, b]` or as lines starting with `- `; settings never need brackets inside brackets this deep".into()),
        });
    }
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
        explain(
            YamlError {
                unknown_key: parse_unknown_key(&message),
                message,
                line,
                column,
                help: None,
            },
            text,
        )
    })
}

/// Where `[` or `{` first nests deeper than `MAX_NESTING`, outside quoted text and comments.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    for (index, line) in text.lines().enumerate() {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (column, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some((index + 1, column + 1));
                    }
                }
                (None, ']' | '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// Turns the library's wording into what a comms officer can act on, pointing at the line
/// to change.
fn explain(mut error: YamlError, text: &str) -> YamlError {
    let message = error.message.clone();
    let line_text = text.lines().nth(error.line.saturating_sub(1)).unwrap_or("");
    if message.contains("tab character") {
        error.message = "this line is indented with a tab, and YAML needs spaces".into();
        error.help = Some(
            "replace the tab at the start of the line with spaces (two for each level)".into(),
        );
    } else if message.contains("expected a boolean") {
        error.help = Some("write `true` or `false`, without quotes".into());
    } else if [
        "expected i64",
        "expected u32",
        "expected u64",
        "expected f64",
        "expected i32",
    ]
    .iter()
    .any(|kind| message.contains(kind))
    {
        error.help = Some("write a number, without quotes, e.g. `weight: 10`".into());
    } else if let Some(key) = message
        .strip_prefix("duplicate field `")
        .and_then(|k| k.strip_suffix('`'))
    {
        if let Some((line, column)) = nth_key(text, key, 2) {
            (error.line, error.column) = (line, column);
        }
        error.message = format!("`{key}` is written twice");
        error.help = Some(format!("keep one `{key}:` and delete the other"));
    } else if message.contains("mapping values are not allowed") {
        error.message = "this value has a colon in it, which YAML reads as a new setting".into();
        error.help = Some(format!(
            "put the whole value in quotes: `{}`",
            quoted(line_text)
        ));
    } else if message.contains("did not find expected ',' or ']'") {
        if let Some((line, column)) = unclosed_bracket(text, error.line) {
            (error.line, error.column) = (line, column);
        }
        error.message = "this list is not closed: a `]` is missing".into();
        error.help = Some("end the list on the same line, e.g. `tags: [food, school]`".into());
    } else if message.contains("repetition limit exceeded") {
        error.help = Some("this file repeats parts of itself through YAML anchors and aliases (`&name`, `*name`) so often that it would be enormous; write the values out instead".into());
    } else if let Some((within, key)) = missing_field(&message) {
        error.message = match within {
            Some(parent) => format!("the setting `{key}` is missing (under `{parent}:`)"),
            None => format!("the setting `{key}` is missing"),
        };
        error.help = Some(format!("add a line `{key}: …` to the settings"));
    } else if message.contains("invalid type") && message.contains("expected a string") {
        error.help = Some(
            "if this is meant as text, put it in quotes, e.g. title: \"Help: what to do\"".into(),
        );
    }
    error
}

/// serde's "missing field `x`", with the path serde_yaml puts before it for a nested mapping
/// ("organization: missing field `name`"): (the parent, the key).
fn missing_field(message: &str) -> Option<(Option<&str>, &str)> {
    let (before, rest) = message.split_once("missing field `")?;
    let key = rest.strip_suffix('`')?;
    let parent = before.trim().trim_end_matches(':').trim();
    Some(((!parent.is_empty()).then_some(parent), key))
}

/// `description: Emergency: call 999` -> `description: "Emergency: call 999"`.
fn quoted(line: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    match line.trim_start().split_once(": ") {
        Some((key, value)) => format!(
            "{indent}{key}: \"{}\"",
            value.trim().replace('\\', "\\\\").replace('"', "\\\"")
        ),
        None => line.trim().to_string(),
    }
}

/// The `n`th line (1-based) where `key:` is written, and its column.
fn nth_key(text: &str, key: &str, n: usize) -> Option<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let is_key = trimmed.strip_prefix(key)?.trim_start().starts_with(':');
            is_key.then(|| (index + 1, line.len() - trimmed.len() + 1))
        })
        .nth(n - 1)
}

/// The last `[` at or before `line` that its line does not close.
fn unclosed_bracket(text: &str, line: usize) -> Option<(usize, usize)> {
    text.lines()
        .take(line)
        .enumerate()
        .filter_map(|(index, written)| {
            let opens = written.matches('[').count();
            let closes = written.matches(']').count();
            (opens > closes).then(|| (index + 1, written.rfind('[').map_or(1, |at| at + 1)))
        })
        .last()
}

/// A YAML parse error as a diagnostic; `line_offset` maps a front-matter line to the file line.
pub fn diagnostic(error: &YamlError, file: &Path, line_offset: usize) -> Diagnostic {
    let at = Position::new(error.line + line_offset, error.column);
    let diagnostic = Diagnostic::error(error.message.clone())
        .in_file(file)
        .at(at);
    match (&error.unknown_key, &error.help) {
        (Some((key, known)), _) => Diagnostic {
            message: format!("unknown setting `{key}`"),
            ..diagnostic
        }
        .with_help(unknown_key_help(key, known)),
        (None, Some(help)) => diagnostic.with_help(help.clone()),
        (None, None) => diagnostic,
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

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Voice {
        who: String,
        consent: bool,
        tags: Option<Vec<String>>,
    }

    #[test]
    fn mistakes_get_words_a_comms_officer_can_act_on() {
        let cases = [
            (
                "who: a\n\tconsent: true\n",
                "indented with a tab",
                2,
                "spaces",
            ),
            (
                "who: a\nconsent: \"yes\"\n",
                "expected a boolean",
                2,
                "`true` or `false`",
            ),
            (
                "who: a\nconsent: true\nwho: b\n",
                "`who` is written twice",
                3,
                "keep one",
            ),
            (
                "who: Young person: 14\nconsent: true\n",
                "has a colon in it",
                1,
                "`who: \"Young person: 14\"`",
            ),
            (
                "who: a\ntags: [a, b\nconsent: true\n",
                "not closed",
                2,
                "tags: [food, school]",
            ),
            (
                "consent: true\n",
                "the setting `who` is missing",
                1,
                "add a line `who: …`",
            ),
        ];
        for (text, message, line, help) in cases {
            let error = parse::<Voice>(text).unwrap_err();
            assert!(error.message.contains(message), "{text:?}: {error:?}");
            assert_eq!(error.line, line, "{text:?}: {error:?}");
            assert!(
                error.help.as_deref().unwrap_or("").contains(help),
                "{text:?}: {error:?}"
            );
        }
    }

    #[test]
    fn deep_brackets_are_refused_at_once() {
        let text = format!("who: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        let started = std::time::Instant::now();
        let error = parse::<Voice>(&text).unwrap_err();
        assert!(error.message.contains("nested more than"), "{error:?}");
        assert!(started.elapsed() < std::time::Duration::from_millis(500));
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let voice: Voice = parse("\u{feff}who: a\nconsent: true\n").unwrap();
        assert_eq!(voice.who, "a");
    }

    #[test]
    fn locates_a_key_with_a_value() {
        let text = "a:\n  - id: x\n  - id: y\n";
        assert_eq!(locate_key(text, "id", Some("y")), Some((3, 5)));
        assert_eq!(locate_key(text, "id", None), Some((2, 5)));
    }
}
