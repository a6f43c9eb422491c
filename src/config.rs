//! site.yaml: the typed site settings, parsed then validated.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::yaml;

pub const CONFIG_FILE: &str = "site.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    pub partnership: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub help_contacts: Vec<HelpContact>,
    #[serde(default)]
    pub quick_exit: QuickExit,
    #[serde(default)]
    pub taxonomies: Taxonomies,
    #[serde(default)]
    pub directory: DirectoryConfig,
    /// The reading age young people's pages aim for; `signpost check` warns above it.
    #[serde(default = "default_reading_age")]
    pub young_people_reading_age: f64,
}

/// A number shown in the "Worried about a child?" block on every page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpContact {
    pub label: String,
    pub phone: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuickExit {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default = "default_exit_url")]
    pub url: String,
    /// Moving between the site's pages replaces the tab's history entry, so after the exit
    /// Back leads to what was open before the site.
    #[serde(default = "yes")]
    pub one_page_in_history: bool,
}

/// Settings for the services directory.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectoryConfig {
    /// A listing whose assured_date is older than this many months is a warning.
    #[serde(default = "default_stale_months")]
    pub stale_after_months: u32,
    /// Where readers send corrections to a listing; defaults to the listing's assurer_email.
    #[serde(default)]
    pub report_changes_to: Option<String>,
}

impl Default for DirectoryConfig {
    fn default() -> Self {
        DirectoryConfig {
            stale_after_months: default_stale_months(),
            report_changes_to: None,
        }
    }
}

fn default_stale_months() -> u32 {
    12
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Taxonomies {
    #[serde(default = "default_age_bands")]
    pub age_bands: Vec<AgeBand>,
    #[serde(default = "default_neglect_categories")]
    pub neglect_categories: Vec<NeglectCategory>,
    /// Cells of the signs matrix that do not apply, written `band/category`: shown as such,
    /// and not warned about when they have no file.
    #[serde(default)]
    pub not_applicable: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeBand {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub min_age: Option<u32>,
    #[serde(default)]
    pub max_age: Option<u32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeglectCategory {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
}

impl Default for QuickExit {
    fn default() -> Self {
        QuickExit {
            enabled: true,
            url: default_exit_url(),
            one_page_in_history: true,
        }
    }
}

impl Default for Taxonomies {
    fn default() -> Self {
        Taxonomies {
            age_bands: default_age_bands(),
            neglect_categories: default_neglect_categories(),
            not_applicable: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

fn default_reading_age() -> f64 {
    11.0
}

fn default_language() -> String {
    "en-GB".into()
}

fn default_theme() -> String {
    "default".into()
}

fn default_exit_url() -> String {
    "https://www.bbc.co.uk/weather".into()
}

fn band(id: &str, label: &str, min_age: Option<u32>, max_age: Option<u32>) -> AgeBand {
    AgeBand {
        id: id.into(),
        label: label.into(),
        min_age,
        max_age,
    }
}

fn default_age_bands() -> Vec<AgeBand> {
    vec![
        band("pre-birth", "Before birth", None, None),
        band("0-2", "Babies (0 to 2)", Some(0), Some(2)),
        band("2-4", "Toddlers and pre-school (2 to 4)", Some(2), Some(4)),
        band("5-11", "Primary school age (5 to 11)", Some(5), Some(11)),
        band("12-plus", "Young people (12 and over)", Some(12), None),
    ]
}

fn category(id: &str, label: &str, description: &str) -> NeglectCategory {
    NeglectCategory {
        id: id.into(),
        label: label.into(),
        description: description.into(),
    }
}

/// Horwath's six classifications of neglect.
fn default_neglect_categories() -> Vec<NeglectCategory> {
    vec![
        category("medical", "Medical neglect", "Health needs are not met."),
        category(
            "nutritional",
            "Nutritional neglect",
            "A child does not get enough, or the right, food.",
        ),
        category(
            "emotional",
            "Emotional neglect",
            "A child's need for warmth and attention is ignored.",
        ),
        category(
            "educational",
            "Educational neglect",
            "A child is not helped to learn or get to school.",
        ),
        category(
            "physical",
            "Physical neglect",
            "A child lacks clean clothes, warmth or a safe home.",
        ),
        category(
            "supervision",
            "Lack of supervision",
            "A child is left alone or with unsafe people.",
        ),
    ]
}

/// Loads and validates `root/site.yaml`. Errors name the line in site.yaml.
pub fn load(root: &Path) -> Result<SiteConfig, Diagnostics> {
    let path = root.join(CONFIG_FILE);
    let file = PathBuf::from(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).map_err(|error| {
        Diagnostics::from_iter([Diagnostic::error(format!(
            "cannot read {}: {error}",
            path.display()
        ))
        .with_help(
            "signpost needs a site.yaml at the root of the site; `signpost init` creates one",
        )])
    })?;
    let config: SiteConfig = yaml::parse(&text)
        .map_err(|error| Diagnostics::from_iter([yaml_diagnostic(&error, &file, 0)]))?;
    let problems = validate(&config, &text, &file);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(config)
}

/// A YAML parse error as a diagnostic; `line_offset` maps a front-matter line to the file line.
pub fn yaml_diagnostic(error: &yaml::YamlError, file: &Path, line_offset: usize) -> Diagnostic {
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

fn validate(config: &SiteConfig, text: &str, file: &Path) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let mut report = |key: &str, hint: Option<&str>, message: String, help: &str| {
        let (line, column) = yaml::locate_key(text, key, hint).unwrap_or((1, 1));
        problems.push(
            Diagnostic::error(message)
                .in_file(file)
                .at(Position::new(line, column))
                .with_help(help),
        );
    };
    if !is_http_url(&config.base_url) {
        report(
            "base_url",
            None,
            format!("base_url `{}` is not a web address", config.base_url),
            "write the address the site will be published at, e.g. https://neglect.example.org.uk/",
        );
    }
    if config.quick_exit.enabled && !is_http_url(&config.quick_exit.url) {
        report(
            "url",
            Some(&config.quick_exit.url),
            format!(
                "quick exit url `{}` is not a web address",
                config.quick_exit.url
            ),
            "use a neutral site starting with https://, e.g. https://www.bbc.co.uk/weather",
        );
    }
    let bands = config.taxonomies.age_bands.iter().map(|b| b.id.as_str());
    let categories = config
        .taxonomies
        .neglect_categories
        .iter()
        .map(|c| c.id.as_str());
    for (kind, ids) in [
        ("age band", bands.collect::<Vec<_>>()),
        ("neglect category", categories.collect()),
    ] {
        for (index, id) in ids.iter().enumerate() {
            if !is_url_safe_id(id) {
                report(
                    "id",
                    Some(id),
                    format!("{kind} id `{id}` cannot be used in a web address"),
                    "ids use lower-case letters, digits and hyphens only, e.g. `12-plus`",
                );
            } else if ids[..index].contains(id) {
                report(
                    "id",
                    Some(id),
                    format!("{kind} id `{id}` is declared twice"),
                    "give each one its own id",
                );
            }
        }
    }
    if let Some(band) = config.taxonomies.age_bands.iter().find(|b| b.id == "type") {
        report(
            "id",
            Some(&band.id),
            "the age band id `type` is taken: /signs/type/ lists the categories".into(),
            "choose another id, e.g. `types`",
        );
    }
    for cell in &config.taxonomies.not_applicable {
        let known = cell.split_once('/').is_some_and(|(band, category)| {
            config.taxonomies.age_bands.iter().any(|b| b.id == band)
                && config
                    .taxonomies
                    .neglect_categories
                    .iter()
                    .any(|c| c.id == category)
        });
        if !known {
            report(
                "not_applicable",
                None,
                format!("`{cell}` in not_applicable is not a cell of the signs matrix"),
                "write each as band/category using the ids above, e.g. pre-birth/educational",
            );
        }
    }
    for band in &config.taxonomies.age_bands {
        if let (Some(min), Some(max)) = (band.min_age, band.max_age)
            && min > max
        {
            report(
                "min_age",
                Some(&min.to_string()),
                format!("age band `{}` starts at {min} but ends at {max}", band.id),
                "min_age must not be more than max_age",
            );
        }
    }
    problems
}

pub fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|host| !host.is_empty() && !host.starts_with('/') && !host.contains(' '))
}

fn is_url_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl Taxonomies {
    pub fn band_ids(&self) -> Vec<&str> {
        self.age_bands.iter().map(|b| b.id.as_str()).collect()
    }

    pub fn category_ids(&self) -> Vec<&str> {
        self.neglect_categories
            .iter()
            .map(|c| c.id.as_str())
            .collect()
    }
}

/// An id that site.yaml does not declare: the message, with the nearest valid id and all of
/// them as the help. `kind` is plural: "age bands".
pub fn unknown_id(id: &str, valid: &[&str], kind: &str) -> Diagnostic {
    let near = crate::suggest::nearest(id, valid.iter().copied())
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default();
    Diagnostic::error(format!(
        "`{id}` is not one of the {kind} declared in site.yaml"
    ))
    .with_help(format!(
        "{near}the {kind} are: {} (site.yaml, under taxonomies)",
        valid.join(", ")
    ))
}

impl SiteConfig {
    /// The base URL with exactly one trailing slash.
    pub fn normalised_base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}
