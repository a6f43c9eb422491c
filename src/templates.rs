//! Tera templates: the theme's, overridden file by file by the site's own templates/.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use std::sync::Arc;

use tera::{Context, ErrorKind, Kwargs, State, Tera, TeraResult, Value};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::language::Lang;
use crate::layout::TEMPLATES_DIR;
use crate::strings::{Strings, Words};
use crate::theme::{self, ThemeFile, ThemeSource};

pub struct Templates {
    /// One Tera per language of the site (by its place in site.yaml's list): the same
    /// templates, with `t(...)` and `asset(...)` giving that language's words and scripts.
    by_lang: Vec<Tera>,
    /// Template name -> the file it came from (relative to the site root), for error messages.
    sources: HashMap<String, PathBuf>,
    /// By language: a hash of everything the templates can put in a page besides its context
    /// (their text, the words and the assets' addresses), so a page whose context is as it
    /// was makes the same HTML, and a rebuild need not render it again.
    fingerprints: Vec<u128>,
}

/// A template's name, its text and where it came from.
struct TemplateSource {
    name: String,
    text: String,
    file: PathBuf,
}

impl Templates {
    /// Loads the theme then the site's overrides; for each language, `asset_urls` backs the
    /// `asset(path=...)` function and `strings` the `t(key=...)` function.
    pub fn load(
        root: &Path,
        theme: &ThemeSource,
        asset_urls: Vec<HashMap<String, String>>,
        strings: &Strings,
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
        let mut problems: Diagnostics = by_name.values().filter_map(syntax_problem).collect();
        if let Some(english) = strings.iter().next() {
            problems.extend(by_name.values().flat_map(|s| unknown_words(s, english)));
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let sources: HashMap<String, PathBuf> = by_name
            .iter()
            .map(|(name, source)| (name.clone(), source.file.clone()))
            .collect();
        let mut by_lang = Vec::new();
        let mut fingerprints = Vec::new();
        for (words, urls) in strings.iter().zip(asset_urls) {
            fingerprints.push(fingerprint(&by_name, words, &urls));
            let mut tera = Tera::default();
            register_asset(&mut tera, urls);
            register_words(&mut tera, words.clone());
            let loaded = tera
                .add_raw_templates(by_name.values().map(|s| (s.name.as_str(), s.text.as_str())));
            by_lang.push(tera);
            if let Err(error) = loaded {
                let templates = Templates {
                    by_lang,
                    sources,
                    fingerprints,
                };
                return Err(Diagnostics::from_iter([templates.diagnostic(&error, None)]));
            }
        }
        Ok(Templates {
            by_lang,
            sources,
            fingerprints,
        })
    }

    /// A hash of what the templates in `lang` can put in a page besides its context.
    pub fn fingerprint(&self, lang: Lang) -> u128 {
        self.fingerprints[lang.0]
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera().contains_template(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.tera().get_template_names()
    }

    /// The default language's templates, for what every language shares (their names).
    fn tera(&self) -> &Tera {
        &self.by_lang[0]
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

    /// Renders `name` in `lang` with `view` as its context; `for_file` is the page being
    /// rendered.
    pub fn render<V: Serialize>(
        &self,
        lang: Lang,
        name: &str,
        view: &V,
        for_file: &Path,
    ) -> Result<String, Diagnostic> {
        let context = Context::from_serialize(view)
            .map_err(|error| self.diagnostic(&error, Some(for_file)))?;
        self.by_lang[lang.0]
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

/// A hash of the templates' text, the words and the assets' addresses, each in a fixed order.
fn fingerprint(
    templates: &HashMap<String, TemplateSource>,
    words: &Words,
    asset_urls: &HashMap<String, String>,
) -> u128 {
    let mut hasher = twox_hash::XxHash3_128::new();
    let mut put = |text: &str| {
        hasher.write(&(text.len() as u64).to_le_bytes());
        hasher.write(text.as_bytes());
    };
    let mut names: Vec<&String> = templates.keys().collect();
    names.sort_unstable();
    for name in names {
        put(name);
        put(&templates[name].text);
    }
    put(words.code());
    let mut entries: Vec<(&String, String)> = words
        .entries()
        .map(|(key, entry)| (key, format!("{:?}", entry.text)))
        .collect();
    entries.sort_unstable();
    for (key, text) in &entries {
        put(key);
        put(text);
    }
    let mut urls: Vec<(&String, &String)> = asset_urls.iter().collect();
    urls.sort_unstable();
    for (path, url) in urls {
        put(path);
        put(url);
    }
    hasher.finish_128()
}

/// `asset(path="style.css")`: a theme file's content-hashed address.
fn register_asset(tera: &mut Tera, urls: HashMap<String, String>) {
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            urls.get(path).cloned().ok_or_else(|| {
                tera::Error::message(format!(
                    "there is no theme asset `{path}` (looked in static/ of the theme)"
                ))
            })
        },
    );
}

/// `t(key="quick_exit.button")`: the theme's words in the page's language, as HTML. Any other
/// argument fills in its `{name}`; `count` also picks the plural form.
fn register_words(tera: &mut Tera, words: Arc<Words>) {
    // Most calls name only the key: their HTML is made once, not on each of every page's calls.
    let plain: HashMap<String, Value> = words
        .entries()
        .map(|(key, _)| (key.clone(), Value::safe_string(&words.html(key, None, &[]))))
        .collect();
    tera.register_function(
        "t",
        move |kwargs: Kwargs, state: &State| -> TeraResult<Value> {
            let key: &str = kwargs.must_get("key")?;
            let key_only = kwargs.iter().all(|(name, _)| name.as_str() == Some("key"));
            if let Some(html) = plain.get(key).filter(|_| key_only) {
                return Ok(html.clone());
            }
            if words.entry(key).is_none() {
                return Err(tera::Error::message(format!(
                    "there are no words `{key}` in the strings files (strings/{}.yaml)",
                    words.code()
                )));
            }
            let count = kwargs.get::<u64>("count")?;
            let mut values: Vec<(String, String)> = Vec::new();
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str().filter(|n| *n != "key") else {
                    continue;
                };
                values.push((name.to_string(), state.escape_if_needed(value)?));
            }
            let values: Vec<(&str, &str)> = values
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            Ok(Value::safe_string(&words.html(key, count, &values)))
        },
    );
}

/// Each `t(key="...")` whose key the theme's words do not have, at its line in the template.
fn unknown_words(source: &TemplateSource, words: &Words) -> Vec<Diagnostic> {
    const CALL: &str = "t(key=\"";
    let mut out = Vec::new();
    for (number, line) in source.text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(CALL) {
            let after = &rest[at + CALL.len()..];
            let Some(end) = after.find('"') else { break };
            let key = &after[..end];
            if words.entry(key).is_none() {
                let column = line.len() - rest.len() + at + 1;
                out.push(
                    Diagnostic::error(format!("there are no words `{key}` in the strings files"))
                        .in_file(&source.file)
                        .at(Position::new(number + 1, column))
                        .with_help(format!(
                            "add `{key}` to strings/en.yaml (and to each language's file), or use one of the theme's words: {}",
                            crate::suggest::nearest(key, words.entries().map(|(k, _)| k.as_str()))
                                .map(|near| format!("did you mean `{near}`?"))
                                .unwrap_or_else(|| "see themes/default/strings/en.yaml".into())
                        )),
                );
            }
            rest = &after[end..];
        }
    }
    out
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
