//! Problems found in a site, collected across a whole build and reported together.
//!
//! A diagnostic names the file (relative to the site root), the line and column, says what is
//! wrong and what would be right. Rendering shows the source line, using codespan-reporting.

use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub fn new(line: usize, column: usize) -> Self {
        Position {
            line: line.max(1),
            column: column.max(1),
        }
    }

    /// The position of a byte offset within `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        Position::new(line, before[line_start..].chars().count() + 1)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root; None for problems that belong to no file.
    pub file: Option<PathBuf>,
    pub position: Option<Position>,
    pub message: String,
    /// What would be right: valid values, the nearest known name, the fix.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            position: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, as far as it is known.
    pub fn location(&self) -> String {
        match (&self.file, self.position) {
            (Some(file), Some(at)) => format!("{}:{}:{}", file.display(), at.line, at.column),
            (Some(file), None) => file.display().to_string(),
            (None, _) => String::new(),
        }
    }
}

/// Every problem found so far, in the order found, and the checks that could not run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    skipped: Vec<Skipped>,
}

/// Checks that did not run because what they depend on is broken: reported once, so one
/// mistake gives one error and not a trail of invented ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// What was not checked: "links and anchors".
    pub checks: String,
    /// Why: "site.yaml has errors".
    pub because: String,
}

impl Diagnostics {
    pub fn skip(&mut self, checks: impl Into<String>, because: impl Into<String>) {
        self.skipped.push(Skipped {
            checks: checks.into(),
            because: because.into(),
        });
    }

    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// Adds another set's problems and skipped checks to this one.
    pub fn merge(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.skipped.extend(other.skipped);
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// No problems and no skipped checks: nothing to report.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.skipped.is_empty()
    }

    /// Sorted by file then position, errors and warnings mixed, so a reader works down each file.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut sorted: Vec<&Diagnostic> = self.items.iter().collect();
        sorted.sort_by(|a, b| {
            (&a.file, a.position.map(|p| (p.line, p.column)))
                .cmp(&(&b.file, b.position.map(|p| (p.line, p.column))))
        });
        sorted
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
            skipped: Vec::new(),
        }
    }
}

/// Renders every diagnostic with the source line it points at. Files are read from `root`.
pub fn render(diagnostics: &Diagnostics, root: &Path, color: bool) -> String {
    let mut files = SimpleFiles::new();
    let mut out = Vec::new();
    {
        let mut writer: Box<dyn termcolor::WriteColor> = if color {
            Box::new(termcolor::Ansi::new(&mut out))
        } else {
            Box::new(termcolor::NoColor::new(&mut out))
        };
        let config = Config::default();
        for diagnostic in diagnostics.sorted() {
            let report = to_report(diagnostic, root, &mut files);
            let _ = term::emit_to_write_style(&mut *writer, &config, &files, &report);
        }
        for skipped in diagnostics.skipped() {
            let report = Report::note().with_message(format!(
                "not checked: {}, because {}",
                skipped.checks, skipped.because
            ));
            let _ = term::emit_to_write_style(&mut *writer, &config, &files, &report);
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn to_report(
    diagnostic: &Diagnostic,
    root: &Path,
    files: &mut SimpleFiles<String, String>,
) -> Report<usize> {
    let mut report = match diagnostic.severity {
        Severity::Error => Report::error(),
        Severity::Warning => Report::warning(),
    }
    .with_message(&diagnostic.message);
    if let Some(file) = &diagnostic.file {
        let source = visible(std::fs::read_to_string(root.join(file)).unwrap_or_default());
        let range = diagnostic
            .position
            .map(|at| byte_range(&source, at))
            .unwrap_or(0..0);
        let located = range.start < source.len() || diagnostic.position.is_none();
        let long_line = diagnostic
            .position
            .and_then(|at| excerpt_of_long_line(&source, at));
        if let Some(excerpt) = long_line {
            report = report.with_notes(vec![format!("in {}\n{excerpt}", diagnostic.location())]);
        } else if located && !source.is_empty() {
            let id = files.add(file.display().to_string(), source);
            report = report.with_labels(vec![Label::primary(id, range)]);
        } else {
            report = report.with_notes(vec![format!("in {}", diagnostic.location())]);
        }
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_notes(vec![format!("help: {help}")]);
    }
    report
}

/// The source with control characters shown as their symbols (NUL as ␀), one character for
/// one, so they show in a terminal and columns still line up.
fn visible(source: String) -> String {
    if !source.chars().any(is_hidden_control) {
        return source;
    }
    source
        .chars()
        .map(|c| match c {
            c if is_hidden_control(c) && u32::from(c) < 0x20 => {
                char::from_u32(0x2400 + u32::from(c)).unwrap_or('�')
            }
            c if is_hidden_control(c) => '�',
            c => c,
        })
        .collect()
}

fn is_hidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Lines longer than this are shown as an excerpt around the problem, not whole.
const LONG_LINE: usize = 160;

/// For a problem on a very long line (a minified paste, a whole document on one line), the
/// part of the line around it with a caret under the column; None for ordinary lines.
fn excerpt_of_long_line(source: &str, at: Position) -> Option<String> {
    let line: Vec<char> = source.lines().nth(at.line - 1)?.chars().collect();
    if line.len() <= LONG_LINE {
        return None;
    }
    let column = (at.column - 1).min(line.len());
    let start = column.saturating_sub(60);
    let end = (column + 80).min(line.len());
    let before = if start > 0 { "…" } else { "" };
    let after = if end < line.len() { "…" } else { "" };
    let window: String = line[start..end].iter().collect();
    let caret = " ".repeat(before.chars().count() + column - start);
    Some(format!("    {before}{window}{after}\n    {caret}^"))
}

/// The bytes from `at` to the end of its word, so the underline marks the offending text.
fn byte_range(source: &str, at: Position) -> std::ops::Range<usize> {
    let line_start = source
        .split_inclusive('\n')
        .take(at.line - 1)
        .map(str::len)
        .sum::<usize>();
    let line = source[line_start..].lines().next().unwrap_or("");
    let column_offset = line
        .char_indices()
        .nth(at.column - 1)
        .map_or(line.len(), |(offset, _)| offset);
    let start = line_start + column_offset;
    let word_len = line[column_offset..]
        .find(|c: char| c.is_whitespace() || matches!(c, ':' | ','))
        .unwrap_or(line.len() - column_offset)
        .max(1);
    start..(start + word_len).min(source.len().max(start))
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(Position::of_offset(text, 0), Position::new(1, 1));
        assert_eq!(Position::of_offset(text, 4), Position::new(2, 2));
        assert_eq!(Position::of_offset(text, 8), Position::new(3, 1));
    }

    #[test]
    fn a_very_long_line_is_shown_as_an_excerpt_around_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let line = format!("{}MISTAKE{}", "a".repeat(5000), "b".repeat(5000));
        std::fs::write(dir.path().join("a.md"), format!("---\n{line}\n")).unwrap();
        let diagnostics: Diagnostics = [Diagnostic::error("wrong")
            .in_file("a.md")
            .at(Position::new(2, 5001))]
        .into_iter()
        .collect();
        let text = render(&diagnostics, dir.path(), false);
        assert!(text.contains("a.md:2:5001"), "{text}");
        assert!(
            text.contains("aaaaMISTAKEbbbb") && text.contains("…a"),
            "{text}"
        );
        assert!(text.len() < 1000, "{} bytes:\n{text}", text.len());
    }

    #[test]
    fn rendering_shows_the_source_line_and_help() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ntitel: x\n---\n").unwrap();
        let diagnostics: Diagnostics = [Diagnostic::error("unknown key `titel`")
            .in_file("a.md")
            .at(Position::new(2, 1))
            .with_help("did you mean `title`?")]
        .into_iter()
        .collect();
        let text = render(&diagnostics, dir.path(), false);
        assert!(text.contains("a.md:2:1"), "{text}");
        assert!(text.contains("titel: x"), "{text}");
        assert!(text.contains("did you mean `title`?"), "{text}");
    }
}
