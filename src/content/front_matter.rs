//! Splits a Markdown file into its YAML front matter and body, and parses the front matter with
//! positions reported in the .md file (not in the front matter block).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Position};
use crate::yaml;

const FENCE: &str = "---";

/// A Markdown file cut at its front matter fences.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// How many lines of the file come before the first YAML line.
    pub yaml_line_offset: usize,
    /// Byte offset of the body within the file.
    pub body_offset: usize,
}

pub fn split(text: &str) -> Result<Split<'_>, (Position, String, String)> {
    let example = "start the file with a line `---`, then settings such as `title: About us`, then a line `---`";
    let text_no_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - text_no_bom.len();
    let mut lines = text_no_bom.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err((
            Position::new(1, 1),
            "this page has no front matter".into(),
            example.into(),
        ));
    }
    let yaml_start = bom + first.len();
    let mut offset = yaml_start;
    for line in lines {
        if line.trim_end() == FENCE {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line_offset: 1,
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err((
        Position::new(1, 1),
        "the front matter that starts here is never closed".into(),
        "end the settings with a line containing only `---`, before the page text".into(),
    ))
}

/// Splits and parses `text`, the contents of `file` (relative to the site root).
pub fn parse<'a, T: DeserializeOwned>(
    text: &'a str,
    file: &Path,
) -> Result<(T, Split<'a>), Diagnostic> {
    let split = split(text).map_err(|(at, message, help)| {
        Diagnostic::error(message)
            .in_file(file)
            .at(at)
            .with_help(help)
    })?;
    let value = yaml::parse(split.yaml)
        .map_err(|error| yaml::diagnostic(&error, file, split.yaml_line_offset))?;
    Ok((value, split))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_from_body() {
        let split = split("---\ntitle: A\n---\nHello\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body_offset, 17);
    }

    #[test]
    fn unclosed_and_missing_are_errors() {
        assert!(
            split("---\ntitle: A\nHello\n")
                .unwrap_err()
                .1
                .contains("never closed")
        );
        assert!(
            split("title: A\n")
                .unwrap_err()
                .1
                .contains("no front matter")
        );
    }
}
