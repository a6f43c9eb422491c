//! Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`),
//! so a pull request shows each problem on the line it is about.
//!
//! The escaping follows the Actions toolkit (`@actions/core`, command.ts): in a message `%`,
//! carriage return and line feed are percent-encoded; in a property value `:` and `,` are too,
//! because they separate the properties.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

/// Every diagnostic as a workflow command, one a line, sorted by file and line; then a notice
/// for each check that could not run. `file_prefix` is where the site is relative to the
/// folder the job runs in (empty when the job runs in the site's folder).
pub fn render(diagnostics: &Diagnostics, file_prefix: &Path) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.sorted() {
        out.push_str(&command(diagnostic, file_prefix));
        out.push('\n');
    }
    for skipped in diagnostics.skipped() {
        out.push_str("::notice::");
        out.push_str(&escape_data(&format!(
            "not checked: {}, because {}",
            skipped.checks, skipped.because
        )));
        out.push('\n');
    }
    out
}

/// One diagnostic as a workflow command. The message repeats the location, so the job's log
/// reads well on its own, and ends with the help on a line of its own.
pub fn command(diagnostic: &Diagnostic, file_prefix: &Path) -> String {
    let name = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let file = diagnostic
        .file
        .as_ref()
        .map(|file| slashes(&file_prefix.join(file)));
    let mut properties = Vec::new();
    if let Some(file) = &file {
        properties.push(format!("file={}", escape_property(file)));
        if let Some(at) = diagnostic.position {
            properties.push(format!("line={}", at.line));
            properties.push(format!("col={}", at.column));
        }
    }
    let location = match (&file, diagnostic.position) {
        (Some(file), Some(at)) => format!("{file}:{}:{}: ", at.line, at.column),
        (Some(file), None) => format!("{file}: "),
        (None, _) => String::new(),
    };
    let mut message = format!("{location}{}", diagnostic.message);
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let properties = if properties.is_empty() {
        String::new()
    } else {
        format!(" {}", properties.join(","))
    };
    format!("::{name}{properties}::{}", escape_data(&message))
}

/// A path with forward slashes, as GitHub names files in a repository.
fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The text after `::`: `%`, CR and LF percent-encoded.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as data, and `:` and `,` too.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Position;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("100% done\r\nnext"), "100%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn a_diagnostic_without_a_file_has_no_properties() {
        let problem = Diagnostic::warning("no file here");
        assert_eq!(command(&problem, Path::new("")), "::warning::no file here");
    }

    #[test]
    fn a_file_without_a_position_names_only_the_file() {
        let problem = Diagnostic::error("missing").in_file("directory_data/categories.yaml");
        assert_eq!(
            command(&problem, Path::new("site")),
            "::error file=site/directory_data/categories.yaml::site/directory_data/categories.yaml: missing"
        );
    }

    #[test]
    fn the_position_and_help_are_kept() {
        let problem = Diagnostic::error("bad")
            .in_file("content/a.md")
            .at(Position::new(3, 7))
            .with_help("fix it");
        assert_eq!(
            command(&problem, Path::new("")),
            "::error file=content/a.md,line=3,col=7::content/a.md:3:7: bad%0Ahelp: fix it"
        );
    }
}
