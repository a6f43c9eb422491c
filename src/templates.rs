//! Tera templates: the theme's, overridden file by file by the site's own templates/.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::layout::TEMPLATES_DIR;
use crate::theme::{self, ThemeFile, ThemeSource};

pub struct Templates {
    tera: Tera,
    /// Template name -> the file it came from (relative to the site root), for error messages.
    sources: HashMap<String, PathBuf>,
}

/// A template's name, its text and where it came from.
struct TemplateSource {
    name: String,
    text: String,
    file: PathBuf,
}

impl Templates {
    /// Loads the theme then the site's overrides; `asset_urls` backs the `asset(path=...)` function.
    pub fn load(
        root: &Path,
        theme: &ThemeSource,
        asset_urls: HashMap<String, String>,
    ) -> Result<Templates, Diagnostics> {
        let mut by_name: HashMap<String, TemplateSource> = HashMap::new();
        let site_templates = theme::read_tree(root, Path::new(TEMPLATES_DIR))?;
        let mut unreadable = Diagnostics::default();
        for file in theme.templates(root)?.into_iter().chain(site_templates) {
            match TemplateSource::try_from(file) {
                Ok(source) => {
                    by_name.insert(source.name.clone(), source);
                }
                Err(problem) => unreadable.merge(problem),
            }
        }
        if unreadable.has_errors() {
            return Err(unreadable);
        }
        let problems: Diagnostics = by_name.values().filter_map(syntax_problem).collect();
        if problems.has_errors() {
            return Err(problems);
        }
        let sources: HashMap<String, PathBuf> = by_name
            .iter()
            .map(|(name, source)| (name.clone(), source.file.clone()))
            .collect();
        let mut tera = Tera::default();
        tera.register_function(
            "asset",
            move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
                let path: &str = kwargs.must_get("path")?;
                asset_urls.get(path).cloned().ok_or_else(|| {
                    tera::Error::message(format!(
                        "there is no theme asset `{path}` (looked in static/ of the theme)"
                    ))
                })
            },
        );
        let loaded =
            tera.add_raw_templates(by_name.values().map(|s| (s.name.as_str(), s.text.as_str())));
        let templates = Templates { tera, sources };
        loaded.map_err(|error| Diagnostics::from_iter([templates.diagnostic(&error, None)]))?;
        Ok(templates)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tera.get_template_names()
    }

    /// The templates a page can be rendered with (not the partials), sorted.
    pub fn page_templates(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .names()
            .filter(|n| !n.starts_with("partials/"))
            .collect();
        names.sort();
        names
    }

    /// Renders `name` with `view` as its context; `for_file` is the page being rendered.
    pub fn render<V: Serialize>(
        &self,
        name: &str,
        view: &V,
        for_file: &Path,
    ) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(view)
            .map_err(|error| self.diagnostic(&error, Some(for_file)))?;
        self.tera
            .render(name, &context)
            .map_err(|error| self.diagnostic(&error, Some(for_file)))
    }

    /// A template error as a diagnostic in the template's file. The page being rendered is
    /// not named in the message, so one mistake shared by many pages reads as one problem.
    fn diagnostic(&self, error: &tera::Error, for_file: Option<&Path>) -> Diagnostic {
        let while_rendering = for_file
            .map(|file| format!(" (while rendering {})", file.display()))
            .unwrap_or_default();
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                let file = self.source_of(report.filename());
                Diagnostic::error(format!("template error: {}", report.message()))
                    .in_file(file)
                    .at(Position::new(span.start_line, span.start_col + 1))
                    .with_help(template_help(report.message()))
            }
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(format!(
                "template `{current}` extends `{parent}`, which does not exist"
            ))
            .in_file(self.source_of(current))
            .with_help(self.known_templates_help()),
            ErrorKind::TemplateNotFound(name) => {
                let mut diagnostic =
                    Diagnostic::error(format!("there is no template `{name}`{while_rendering}"))
                        .with_help(self.known_templates_help());
                if let Some(file) = for_file {
                    diagnostic = diagnostic.in_file(file);
                }
                diagnostic
            }
            other => Diagnostic::error(format!("template error: {other}{while_rendering}")),
        }
    }

    fn source_of(&self, name: &str) -> PathBuf {
        self.sources
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    }

    fn known_templates_help(&self) -> String {
        let mut names: Vec<&str> = self.names().collect();
        names.sort();
        format!(
            "templates come from the theme and the site's templates/ folder; the known ones are: {}",
            names.join(", ")
        )
    }
}

/// Each template parsed alone, so every syntax error of a build is reported, not just the first.
fn syntax_problem(source: &TemplateSource) -> Option<Diagnostic> {
    let mut alone = Tera::default();
    let error = alone.add_raw_template(&source.name, &source.text).err()?;
    let ErrorKind::SyntaxError(report) = error.kind() else {
        return None;
    };
    let span = report.span();
    Some(
        Diagnostic::error(format!("template syntax error: {}", report.message()))
            .in_file(&source.file)
            .at(Position::new(span.start_line, span.start_col + 1))
            .with_help(template_help(report.message())),
    )
}

fn template_help(message: &str) -> String {
    if message.contains("not defined")
        || message.contains("not found in context")
        || message.contains("undefined")
    {
        "templates receive `site`, `page` and `nav` (README.md's Templates section lists their fields); use `{% if page.x %}` for a field that may be missing"
            .into()
    } else {
        "check the tag is closed and spelled as in the Tera documentation: {{ value }}, {% if %}...{% endif %}".into()
    }
}

impl TryFrom<ThemeFile> for TemplateSource {
    type Error = Diagnostics;

    fn try_from(file: ThemeFile) -> Result<Self, Self::Error> {
        let text = String::from_utf8(file.bytes).map_err(|_| {
            Diagnostics::from_iter([Diagnostic::error("this template is not UTF-8 text")
                .in_file(&file.file)
                .with_help("save it as UTF-8 (most editors offer this under Save As or Encoding)")])
        })?;
        Ok(TemplateSource {
            name: file.name,
            text,
            file: file.file,
        })
    }
}
