//! `signpost check`: every validation of a build, without writing anything, reported for a
//! person or, as stable JSON, for a CI job.

pub mod external;
pub mod pages;

use std::path::PathBuf;

use serde::Serialize;

use crate::content::page::Audience;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::pipeline::{self, BuildOptions, Prepared};

/// What a check found: every diagnostic, and the reading age of each young people's page.
pub struct CheckReport {
    pub diagnostics: Diagnostics,
    pub readability: Vec<Readability>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Readability {
    pub file: PathBuf,
    pub reading_age: f64,
}

/// Runs every check; `external` (with its timeout and concurrency) also checks external links.
pub fn run(options: &BuildOptions, external: Option<&external::Settings>) -> CheckReport {
    match pipeline::prepare(options) {
        Ok(prepared) => {
            let readability = readability(&prepared);
            let mut diagnostics = prepared.warnings.clone();
            if let Some(settings) = external {
                diagnostics.extend(external::check(&prepared.content.site, settings));
            }
            CheckReport {
                diagnostics,
                readability,
            }
        }
        Err(diagnostics) => CheckReport {
            diagnostics,
            readability: Vec::new(),
        },
    }
}

fn readability(prepared: &Prepared) -> Vec<Readability> {
    let site = &prepared.content.site;
    site.pages
        .iter()
        .zip(&site.rendered)
        .filter(|(page, _)| page.front.audience == Audience::YoungPeople)
        .filter_map(|(page, rendered)| {
            Some(Readability {
                file: page.source.path.clone(),
                reading_age: (pages::reading_age(&rendered.text)? * 10.0).round() / 10.0,
            })
        })
        .collect()
}

impl CheckReport {
    /// 0 when clean; 1 on errors, and with `strict` on warnings too.
    pub fn exit_code(&self, strict: bool) -> u8 {
        let failed =
            self.diagnostics.has_errors() || (strict && self.diagnostics.warning_count() > 0);
        u8::from(failed)
    }

    /// The JSON form, version 1: documented in README.md and kept stable for CI jobs.
    pub fn to_json(&self) -> String {
        let diagnostics: Vec<JsonDiagnostic> = self
            .diagnostics
            .sorted()
            .into_iter()
            .map(JsonDiagnostic::from)
            .collect();
        let report = JsonReport {
            version: 1,
            errors: self.diagnostics.error_count(),
            warnings: self.diagnostics.warning_count(),
            diagnostics,
            readability: &self.readability,
        };
        serde_json::to_string_pretty(&report).expect("a report always serialises")
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    readability: &'a [Readability],
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(diagnostic: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            severity: diagnostic.severity,
            file: diagnostic
                .file
                .as_ref()
                .map(|f| f.to_string_lossy().replace('\\', "/")),
            line: diagnostic.position.map(|p| p.line),
            column: diagnostic.position.map(|p| p.column),
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
        }
    }
}
