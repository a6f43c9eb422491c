//! site.yaml: the typed site settings, parsed then validated.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::hours::{BankHolidayRegion, Schedule, TimeZone};
use crate::language::{self, Direction, Lang, Language};
use crate::yaml;

pub use crate::layout::CONFIG_FILE;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    /// The default language: pages without a language in their file name are in it.
    #[serde(default = "default_language")]
    pub language: String,
    /// Every language the site is published in, the default one among them; none for a site
    /// in one language.
    #[serde(default)]
    pub languages: Vec<LanguageConfig>,
    pub partnership: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default)]
    pub help_contacts: Vec<HelpContact>,
    /// The help box on pages written for young people, in place of the adults' box.
    #[serde(default)]
    pub young_people_help: YoungPeopleHelp,
    /// Where the partnership is: opening hours are judged by its clock...
    #[serde(default)]
    pub time_zone: TimeZone,
    /// ...and its bank holidays (a part of directory_data/bank-holidays.json).
    #[serde(default)]
    pub bank_holidays: BankHolidayRegion,
    #[serde(default)]
    pub quick_exit: QuickExit,
    #[serde(default)]
    pub taxonomies: Taxonomies,
    #[serde(default)]
    pub directory: DirectoryConfig,
    #[serde(default)]
    pub figures: FiguresConfig,
    /// The reading age young people's pages aim for; `signpost check` warns above it.
    #[serde(default = "default_reading_age")]
    pub young_people_reading_age: f64,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    #[serde(default)]
    pub pagination: Pagination,
}

/// Long lists (a section's pages, the directory's services) are shown this many to a page,
/// each page at its own address.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    #[serde(default = "default_page_size")]
    pub page_size: usize,
}

impl Default for Pagination {
    fn default() -> Self {
        Pagination {
            page_size: default_page_size(),
        }
    }
}

/// Enough to choose from on a phone, few enough to stay a small page.
fn default_page_size() -> usize {
    12
}

/// How pages' Markdown is published.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// HTML tags a page may use besides the built-in safe list.
    #[serde(default)]
    pub allow_html: Vec<String>,
}

/// A language the site is published in, with the site's title and description in it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    pub code: String,
    /// The language's name in the language itself: Polski, العربية.
    pub name: String,
    #[serde(default)]
    pub direction: Direction,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub partnership: Option<String>,
}

/// What a help contact, an age band or a category says in another language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Translated {
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// A number shown in the "Worried about a child?" block on every page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpContact {
    pub label: String,
    pub phone: String,
    #[serde(default)]
    pub description: String,
    /// The label and description in the site's other languages, by language code.
    #[serde(default)]
    pub translations: BTreeMap<String, Translated>,
    /// When it answers; none means at any time.
    #[serde(default)]
    pub hours: Vec<Schedule>,
    /// Whether it answers on bank holidays within its hours (default: it does not).
    #[serde(default)]
    pub open_on_bank_holidays: bool,
    /// It answers whenever the contacts with hours are closed (an out-of-hours service).
    #[serde(default)]
    pub out_of_hours: bool,
}

/// The help box on pages with `audience: young-people`: written for a young person, with
/// Childline first. What a site leaves out is the theme's (its strings file's
/// `young_people_help:` words, with Childline and 999), in each language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YoungPeopleHelp {
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub contacts: Option<Vec<TalkContact>>,
    /// The heading and text in the site's other languages, by language code.
    #[serde(default)]
    pub translations: BTreeMap<String, YoungPeopleText>,
}

/// The young people's help box's words in another language.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YoungPeopleText {
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
}

/// A number in the young people's help box.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalkContact {
    pub label: String,
    pub phone: String,
    #[serde(default)]
    pub description: String,
    /// The label and description in the site's other languages, by language code.
    #[serde(default)]
    pub translations: BTreeMap<String, Translated>,
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

/// site.yaml's `figures:` settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiguresConfig {
    /// A figure whose `as_of` date is older than this many months is a warning.
    #[serde(default = "default_stale_months")]
    pub stale_after_months: u32,
}

impl Default for FiguresConfig {
    fn default() -> Self {
        FiguresConfig {
            stale_after_months: default_stale_months(),
        }
    }
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
    pub not_applicable: Vec<CellId>,
}

/// One cell of the signs matrix: an age band and a neglect category, written `band/category`
/// in site.yaml and parsed once, here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CellId {
    pub band: String,
    pub category: String,
}

impl std::fmt::Display for CellId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.band, self.category)
    }
}

impl<'de> Deserialize<'de> for CellId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.split_once('/') {
            Some((band, category)) if !band.is_empty() && !category.is_empty() => Ok(CellId {
                band: band.trim().to_string(),
                category: category.trim().to_string(),
            }),
            _ => Err(serde::de::Error::custom(format!(
                "`{text}` is not a cell of the signs matrix: write it as band/category, e.g. pre-birth/educational"
            ))),
        }
    }
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
    #[serde(default)]
    pub translations: BTreeMap<String, Translated>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NeglectCategory {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub translations: BTreeMap<String, Translated>,
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
        translations: BTreeMap::new(),
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
        translations: BTreeMap::new(),
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

/// Loads and validates `root/site.yaml`. Errors name the line in site.yaml; warnings (a
/// placeholder phone number, say) come back with the settings.
pub fn load(root: &Path) -> Result<(SiteConfig, Diagnostics), Diagnostics> {
    let file = PathBuf::from(CONFIG_FILE);
    let text =
        crate::text::read(root, &file).map_err(|problem| Diagnostics::from_iter([problem]))?;
    let config: SiteConfig = yaml::parse(&text)
        .map_err(|error| Diagnostics::from_iter([yaml::diagnostic(&error, &file, 0)]))?;
    let mut problems = validate(&config, &text, &file);
    let numbers = config
        .help_contacts
        .iter()
        .map(|c| (c.label.as_str(), c.phone.as_str()))
        .chain(
            config
                .young_people_help
                .contacts
                .iter()
                .flatten()
                .map(|c| (c.label.as_str(), c.phone.as_str())),
        );
    problems.merge(check_help_numbers(numbers, &text, &file));
    problems.merge(check_languages(&config, &text, &file));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok((config, problems))
}

/// The numbers on every page must be ones a reader can ring; a number from Ofcom's drama
/// ranges is a placeholder, fine in an example but never on a live site.
/// Each help number as (label, phone), from the adults' box and the young people's.
fn check_help_numbers<'a>(
    numbers: impl Iterator<Item = (&'a str, &'a str)>,
    text: &str,
    file: &Path,
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for (label, phone) in numbers {
        let (line, column) = yaml::locate_key(text, "phone", Some(phone)).unwrap_or((1, 1));
        let at = Position::new(line, column);
        if !crate::phone::is_uk(phone) {
            problems.push(
                Diagnostic::error(format!(
                    "`{phone}` ({label}) is not a UK phone number a reader can ring"
                ))
                .in_file(file)
                .at(at)
                .with_help("every page shows it as a tap-to-call link: write digits only (a letter O is not a zero), e.g. 0808 800 5000, 0800 1111 or 999"),
            );
        } else if crate::phone::is_drama(phone) {
            problems.push(
                Diagnostic::warning(format!(
                    "`{phone}` ({label}) is a placeholder: Ofcom keeps it for TV and radio drama, and no phone answers it"
                ))
                .in_file(file)
                .at(at)
                .with_help("put the real number here before the site goes live; `signpost check --strict` fails until you do"),
            );
        }
    }
    problems
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
    for (key, value) in [
        ("title", &config.title),
        ("partnership", &config.partnership),
    ] {
        if value.trim().is_empty() {
            report(
                key,
                None,
                format!("`{key}` is empty"),
                "it is shown on every page: write the site's name (title) and the partnership's (partnership)",
            );
        }
    }
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
        let known = config
            .taxonomies
            .age_bands
            .iter()
            .any(|b| b.id == cell.band)
            && config
                .taxonomies
                .neglect_categories
                .iter()
                .any(|c| c.id == cell.category);
        if !known {
            report(
                "not_applicable",
                None,
                format!("`{cell}` in not_applicable is not a cell of the signs matrix"),
                "write each as band/category using the ids above, e.g. pre-birth/educational",
            );
        }
    }
    for tag in crate::content::html::HtmlPolicy::never_allowed(&config.markdown.allow_html) {
        report(
            "allow_html",
            None,
            format!("<{tag}> cannot be allowed in pages"),
            "script, style, iframe, forms, meta and similar tags could run code, load other websites or send readers' words away, so no site may allow them",
        );
    }
    for contact in &config.help_contacts {
        if contact.out_of_hours && !contact.hours.is_empty() {
            report(
                "out_of_hours",
                None,
                format!("`{}` has both hours and out_of_hours", contact.label),
                "out_of_hours: true means it answers whenever the contacts with hours are closed, so give it no hours (or remove out_of_hours)",
            );
        }
        if contact.out_of_hours && config.help_contacts.iter().all(|c| c.hours.is_empty()) {
            report(
                "out_of_hours",
                None,
                format!(
                    "`{}` is out_of_hours, but no help contact has hours",
                    contact.label
                ),
                "give the daytime contact (the front door) its `hours:`, so signpost knows when the out-of-hours number is the one to call",
            );
        }
        for schedule in contact.hours.iter().filter(|s| !s.is_ordered()) {
            report(
                "closes_at",
                Some(&schedule.closes_at.to_string()),
                format!(
                    "`{}` closes ({}) before it opens ({})",
                    contact.label, schedule.closes_at, schedule.opens_at
                ),
                "closes_at must be later than opens_at on the same day; an out-of-hours line is a contact with out_of_hours: true",
            );
        }
    }
    if config
        .young_people_help
        .heading
        .as_ref()
        .is_some_and(|heading| heading.trim().is_empty())
    {
        report(
            "heading",
            None,
            "the young people's help box has an empty heading".into(),
            "write what a young person would look for, e.g. `heading: Talk to someone`, or remove `heading:` to use that",
        );
    }
    if !(1..=100).contains(&config.pagination.page_size) {
        report(
            "page_size",
            None,
            format!(
                "page_size {} is not between 1 and 100",
                config.pagination.page_size
            ),
            "lists are shown this many to a page; 12 suits a phone",
        );
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

/// The languages: codes a web address and `lang` accept, each once, the default among them,
/// and translations only into languages the site declares.
fn check_languages(config: &SiteConfig, text: &str, file: &Path) -> Diagnostics {
    let mut problems = Diagnostics::default();
    let at = |key: &str, hint: Option<&str>| {
        let (line, column) = yaml::locate_key(text, key, hint).unwrap_or((1, 1));
        Position::new(line, column)
    };
    let mut report = |position: Position, message: String, help: String| {
        problems.push(
            Diagnostic::error(message)
                .in_file(file)
                .at(position)
                .with_help(help),
        );
    };
    if config.languages.is_empty() {
        for (code, key) in translation_codes(config) {
            report(
                at(code, None),
                format!("`{code}:` translates {key}, but site.yaml declares no other languages"),
                "declare the site's languages under `languages:` (each with `code:` and `name:`), or remove this translation".into(),
            );
        }
        return problems;
    }
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    for (index, language) in config.languages.iter().enumerate() {
        let position = at("code", Some(&language.code));
        if !language::is_code(&language.code) {
            report(
                position,
                format!("`{}` is not a language code", language.code),
                "write the language's code as web pages name it: `pl`, `ar`, `ro`, `ur`, or with a region, `en-GB`; it is the pages' `lang`, the end of their file names (what-to-do.pl.md) and the start of their addresses (/pl/)".into(),
            );
        } else if codes[..index].contains(&language.code.as_str()) {
            report(
                position,
                format!("the language `{}` is declared twice", language.code),
                "declare each language once".into(),
            );
        }
        if language.name.trim().is_empty() {
            report(
                position,
                format!("the language `{}` has no name", language.code),
                "give its name in the language itself, as its readers would look for it: `name: Polski`, `name: العربية`".into(),
            );
        }
    }
    if !codes.contains(&config.language.as_str()) {
        report(
            at("languages", None),
            format!(
                "the default language `{}` (`language:`) is not among `languages:`",
                config.language
            ),
            format!(
                "list it too, e.g. `- code: {}` with `name: English`; the languages declared are: {}",
                config.language,
                codes.join(", ")
            ),
        );
    }
    for (code, key) in translation_codes(config) {
        if !codes.contains(&code) || code == config.language {
            report(
                at(code, None),
                format!("`{code}:` translates {key} into a language the site does not publish"),
                format!(
                    "translations are by code, one of the site's other languages: {}",
                    codes
                        .iter()
                        .filter(|c| **c != config.language)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
    problems
}

/// Every language code a `translations:` in site.yaml names, with what it translates.
fn translation_codes(config: &SiteConfig) -> Vec<(&str, String)> {
    let contacts = config.help_contacts.iter().flat_map(|c| {
        c.translations
            .keys()
            .map(move |code| (code.as_str(), format!("the help contact `{}`", c.label)))
    });
    let bands = config.taxonomies.age_bands.iter().flat_map(|b| {
        b.translations
            .keys()
            .map(move |code| (code.as_str(), format!("the age band `{}`", b.id)))
    });
    let categories = config.taxonomies.neglect_categories.iter().flat_map(|c| {
        c.translations
            .keys()
            .map(move |code| (code.as_str(), format!("the neglect category `{}`", c.id)))
    });
    let talk = config
        .young_people_help
        .contacts
        .iter()
        .flatten()
        .flat_map(|c| {
            c.translations.keys().map(move |code| {
                (
                    code.as_str(),
                    format!("the young people's contact `{}`", c.label),
                )
            })
        });
    let box_words = config
        .young_people_help
        .translations
        .keys()
        .map(|code| (code.as_str(), "the young people's help box".to_string()));
    contacts
        .chain(bands)
        .chain(categories)
        .chain(talk)
        .chain(box_words)
        .collect()
}

impl SiteConfig {
    /// The languages the site is published in, the default first (the only one, for a site
    /// in one language); a language's place here is its [`Lang`].
    pub fn languages(&self) -> Vec<Language> {
        let default = self.languages.iter().find(|l| l.code == self.language);
        let mut out = vec![Language {
            code: self.language.clone(),
            name: default.map(|l| l.name.clone()).unwrap_or_default(),
            direction: default.map(|l| l.direction).unwrap_or_default(),
        }];
        out.extend(
            self.languages
                .iter()
                .filter(|l| l.code != self.language)
                .map(|l| Language {
                    code: l.code.clone(),
                    name: l.name.clone(),
                    direction: l.direction,
                }),
        );
        out
    }

    /// True when the site declares `languages:`: its pages then say which way their script
    /// runs, and link to their translations.
    pub fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// The settings as pages in `lang` see them: the site's title, description, help contacts
    /// and taxonomy labels in that language where site.yaml gives them. (`language` stays the
    /// default language's code: the languages' order is read from it.)
    pub fn for_language(&self, lang: Lang) -> SiteConfig {
        let mut config = self.clone();
        if lang.is_default() {
            return config;
        }
        let language = &self.languages()[lang.0];
        let code = language.code.as_str();
        if let Some(own) = self.languages.iter().find(|l| l.code == code) {
            replace(&mut config.title, &own.title);
            replace(&mut config.description, &own.description);
            replace(&mut config.partnership, &own.partnership);
        }
        for contact in &mut config.help_contacts {
            if let Some(text) = contact.translations.get(code) {
                replace(&mut contact.label, &text.label);
                replace(&mut contact.description, &text.description);
            }
        }
        let young = &mut config.young_people_help;
        if let Some(text) = young.translations.get(code) {
            young.heading = text.heading.clone().or(young.heading.take());
            young.text = text.text.clone().or(young.text.take());
        }
        for contact in young.contacts.iter_mut().flatten() {
            if let Some(text) = contact.translations.get(code) {
                replace(&mut contact.label, &text.label);
                replace(&mut contact.description, &text.description);
            }
        }
        for band in &mut config.taxonomies.age_bands {
            if let Some(text) = band.translations.get(code) {
                replace(&mut band.label, &text.label);
            }
        }
        for category in &mut config.taxonomies.neglect_categories {
            if let Some(text) = category.translations.get(code) {
                replace(&mut category.label, &text.label);
                replace(&mut category.description, &text.description);
            }
        }
        config
    }

    /// The base URL with exactly one trailing slash.
    pub fn normalised_base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

/// `field` replaced by `translation`, when there is one.
fn replace(field: &mut String, translation: &Option<String>) {
    if let Some(text) = translation.as_ref().filter(|t| !t.trim().is_empty()) {
        *field = text.clone();
    }
}
