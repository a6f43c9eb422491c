//! Tera templates: the theme's (from themes/<theme>/ or, for the default theme, built into the
//! binary), overridden file by file by the site's own templates/.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::Serialize;
use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// The default theme, so a new site needs no copy of it.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

pub const SITE_TEMPLATES_DIR: &str = "templates";

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
        theme: &str,
        asset_urls: HashMap<String, String>,
    ) -> Result<Templates, Diagnostics> {
        let mut by_name: HashMap<String, TemplateSource> = HashMap::new();
        for source in theme_templates(root, theme)?
            .into_iter()
            .chain(read_dir_templates(root, Path::new(SITE_TEMPLATES_DIR))?)
        {
            by_name.insert(source.name.clone(), source);
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

    fn diagnostic(&self, error: &tera::Error, for_file: Option<&Path>) -> Diagnostic {
        let while_rendering = for_file
            .map(|file| format!(" (while rendering {})", file.display()))
            .unwrap_or_default();
        match error.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                let file = self.source_of(report.filename());
                Diagnostic::error(format!(
                    "template error: {}{while_rendering}",
                    report.message()
                ))
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
    if message.contains("not found in context") || message.contains("undefined") {
        "templates receive `site` and `page`; see the theme's templates for the fields each has"
            .into()
    } else {
        "check the tag is closed and spelled as in the Tera documentation: {{ value }}, {% if %}...{% endif %}".into()
    }
}

fn theme_templates(root: &Path, theme: &str) -> Result<Vec<TemplateSource>, Diagnostics> {
    let theme_dir = Path::new("themes").join(theme);
    if root.join(&theme_dir).is_dir() {
        return read_dir_templates(root, &theme_dir.join("templates"));
    }
    if theme == "default" {
        return Ok(embedded_templates());
    }
    Err(Diagnostics::from_iter([Diagnostic::error(format!(
        "the theme `{theme}` does not exist"
    ))
    .in_file(crate::config::CONFIG_FILE)
    .with_help(format!(
        "put the theme in {}/ or use `theme: default`",
        theme_dir.display()
    ))]))
}

fn embedded_templates() -> Vec<TemplateSource> {
    let Some(dir) = DEFAULT_THEME.get_dir("templates") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    collect_embedded(dir, &mut out);
    out
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<TemplateSource>) {
    for file in dir.files() {
        let name = file
            .path()
            .strip_prefix("templates")
            .unwrap_or(file.path())
            .to_string_lossy()
            .replace('\\', "/");
        out.push(TemplateSource {
            text: file.contents_utf8().unwrap_or_default().to_string(),
            file: Path::new("themes/default").join(file.path()),
            name,
        });
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}

/// Every .html/.xml/.txt template under `root/dir`, named by its path below `dir`.
fn read_dir_templates(root: &Path, dir: &Path) -> Result<Vec<TemplateSource>, Diagnostics> {
    let full = root.join(dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut problems = Diagnostics::default();
    for entry in walkdir::WalkDir::new(&full).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(error) => {
                problems.push(Diagnostic::error(format!("cannot read templates: {error}")));
                continue;
            }
        };
        if crate::content::is_ignored(entry.file_name()) {
            continue;
        }
        let relative = entry.path().strip_prefix(&full).expect("under its root");
        let file = dir.join(relative);
        match std::fs::read_to_string(entry.path()) {
            Ok(text) => out.push(TemplateSource {
                name: relative.to_string_lossy().replace('\\', "/"),
                text,
                file,
            }),
            Err(error) => problems.push(
                Diagnostic::error(format!("cannot read this template: {error}")).in_file(file),
            ),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(out)
    }
}
