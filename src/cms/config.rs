//! The editor's configuration (Sveltia CMS's `config.yml`), made from the content model: a
//! collection for each folder of guidance pages, the signs matrix, young people's voices and
//! the services directory, each field with the build's rules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::model::{self, Choice, Choices, Field, Kind};
use super::settings::{Backend, EditorSettings};
use crate::config::SiteConfig;
use crate::content::page::Page;
use crate::layout::{CONTENT_DIR, SERVICES_DIR, SIGNS_DIR, STATIC_DIR, VOICES_DIR};

/// Up to this many choices are shown all at once rather than in a drop-down list.
const CHOICES_IN_VIEW: u32 = 8;

/// Where pictures uploaded in the editor go, and their address on the site.
const MEDIA_FOLDER: &str = "images";

#[derive(Serialize)]
pub struct Config {
    backend: BackendConfig,
    app_title: String,
    site_url: String,
    display_url: String,
    publish_mode: &'static str,
    media_folder: String,
    public_folder: String,
    slug: SlugOptions,
    output: Output,
    pub collections: Vec<Collection>,
}

#[derive(Serialize)]
struct BackendConfig {
    name: &'static str,
    repo: String,
    branch: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_root: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<String>,
    auth_methods: Vec<&'static str>,
}

#[derive(Serialize)]
struct SlugOptions {
    encoding: &'static str,
    clean_accents: bool,
}

#[derive(Serialize)]
struct Output {
    /// An empty optional field is left out of the file, not written as `key: ''`, which the
    /// build would read as a value (an empty date, say) and reject.
    omit_empty_optional_fields: bool,
}

#[derive(Serialize)]
pub struct Collection {
    pub name: String,
    pub label: String,
    label_singular: String,
    description: String,
    pub folder: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    extension: &'static str,
    format: &'static str,
    create: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier_field: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_file: Option<IndexFile>,
    pub fields: Vec<FieldConfig>,
}

#[derive(Serialize)]
pub struct IndexFile {
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldConfig>>,
}

/// One field as the editor reads it.
#[derive(Serialize)]
pub struct FieldConfig {
    pub name: &'static str,
    label: &'static str,
    widget: &'static str,
    /// Written out every time (the editor's default is `true`), so the file says it plainly.
    pub required: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    hint: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pattern: Option<[&'static str; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionConfig>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiple: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<u32>,
    /// Up to this many options show as tick boxes or radio buttons, all in view.
    #[serde(skip_serializing_if = "Option::is_none")]
    dropdown_threshold: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value_type: Option<&'static str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    input_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<Vec<FieldConfig>>,
}

#[derive(Serialize)]
pub struct OptionConfig {
    label: String,
    pub value: serde_json::Value,
}

/// A folder of guidance pages under content/ ("" for content/ itself) and its title.
struct Folder {
    path: PathBuf,
    title: Option<String>,
    weight: i64,
}

/// The whole configuration for `site`.
pub fn config(
    settings: &EditorSettings,
    site: &SiteConfig,
    choices: &Choices,
    pages: &[Page],
    has_directory: bool,
) -> Config {
    let mut collections: Vec<Collection> = guidance_folders(pages)
        .into_iter()
        .map(|folder| guidance_collection(&folder, choices))
        .collect();
    collections.push(signs_collection(choices));
    collections.push(voices_collection(choices));
    if has_directory {
        collections.push(services_collection(choices));
    }
    Config {
        backend: backend(settings),
        app_title: format!("{}: editor", site.title),
        site_url: site.normalised_base_url(),
        display_url: site.normalised_base_url(),
        publish_mode: if settings.review {
            "editorial_workflow"
        } else {
            "simple"
        },
        media_folder: format!("{STATIC_DIR}/{MEDIA_FOLDER}"),
        public_folder: format!("/{MEDIA_FOLDER}"),
        slug: SlugOptions {
            encoding: "ascii",
            clean_accents: true,
        },
        output: Output {
            omit_empty_optional_fields: true,
        },
        collections,
    }
}

/// The file served at /admin/config.yml.
pub fn to_yaml(config: &Config) -> String {
    format!(
        "# The browser editor's configuration, made by `signpost build` from site.yaml,\n\
         # directory_data/categories.yaml, the folders in content/ and cms/editor.yaml.\n\
         # Change those, not this file: it is made again on every build.\n{}",
        crate::yaml::to_string(config).expect("the configuration serialises")
    )
}

fn backend(settings: &EditorSettings) -> BackendConfig {
    let server = settings.server.as_deref().map(|s| s.trim_end_matches('/'));
    let (api_root, base_url) = match (settings.backend, server) {
        (Backend::Github, Some(server)) => (Some(format!("{server}/api/v3")), None),
        (Backend::Gitlab, Some(server)) => {
            (Some(format!("{server}/api/v4")), Some(server.to_string()))
        }
        (_, None) => (None, None),
    };
    let pkce = settings.backend == Backend::Gitlab && settings.app_id.is_some();
    BackendConfig {
        name: settings.backend.name(),
        repo: settings.repo.clone(),
        branch: settings.branch.clone(),
        api_root,
        base_url,
        auth_type: pkce.then_some("pkce"),
        app_id: settings.app_id.clone(),
        // Without an OAuth application, editors sign in with a personal access token.
        auth_methods: if pkce || settings.backend == Backend::Github {
            vec!["oauth", "token"]
        } else {
            vec!["token"]
        },
    }
}

/// Every folder of content/ that holds guidance pages, content/ itself first, then in the
/// order the site lists its sections.
fn guidance_folders(pages: &[Page]) -> Vec<Folder> {
    let mut folders: BTreeMap<PathBuf, Folder> = BTreeMap::new();
    folders.insert(
        PathBuf::new(),
        Folder {
            path: PathBuf::new(),
            title: None,
            weight: i64::MIN,
        },
    );
    for page in pages.iter().filter(|page| page.sign().is_none()) {
        let folder = page.folder().to_path_buf();
        if folder.starts_with(SIGNS_DIR) || folder.starts_with(VOICES_DIR) {
            continue;
        }
        let entry = folders.entry(folder.clone()).or_insert(Folder {
            path: folder,
            title: None,
            weight: 0,
        });
        if page.is_section() && !entry.path.as_os_str().is_empty() {
            entry.title = Some(page.front.title.clone());
            entry.weight = page.front.weight;
        }
    }
    let mut folders: Vec<Folder> = folders.into_values().collect();
    folders.sort_by(|a, b| (a.weight, &a.path).cmp(&(b.weight, &b.path)));
    folders
}

fn content_folder(path: &Path) -> String {
    let relative = path.to_string_lossy().replace('\\', "/");
    if relative.is_empty() {
        CONTENT_DIR.to_string()
    } else {
        format!("{CONTENT_DIR}/{relative}")
    }
}

fn guidance_collection(folder: &Folder, choices: &Choices) -> Collection {
    let is_root = folder.path.as_os_str().is_empty();
    let relative = folder.path.to_string_lossy().replace('\\', "/");
    let (name, label, index_label) = if is_root {
        (
            "pages".to_string(),
            "Home page and single pages".to_string(),
            "Home page",
        )
    } else {
        (
            format!("section-{}", slug::slugify(&relative)),
            folder.title.clone().unwrap_or_else(|| relative.clone()),
            "Section page",
        )
    };
    Collection {
        name,
        label,
        label_singular: "Page".into(),
        description: format!("Pages in {}/", content_folder(&folder.path)),
        folder: content_folder(&folder.path),
        path: None,
        extension: "md",
        format: "yaml-frontmatter",
        create: true,
        identifier_field: None,
        slug: None,
        summary: None,
        index_file: Some(IndexFile {
            label: index_label.into(),
            fields: None,
        }),
        fields: fields(&model::guidance(choices)),
    }
}

fn signs_collection(choices: &Choices) -> Collection {
    Collection {
        name: "signs".into(),
        label: "Signs of neglect".into(),
        label_singular: "Sign of neglect".into(),
        description: "One page for each age band and type of neglect.".into(),
        folder: format!("{CONTENT_DIR}/{SIGNS_DIR}"),
        path: Some("{{band}}/{{category}}".into()),
        extension: "md",
        format: "yaml-frontmatter",
        create: true,
        identifier_field: None,
        slug: None,
        summary: Some("{{band}} / {{category}}: {{title}}".into()),
        index_file: Some(IndexFile {
            label: "Signs of neglect page".into(),
            fields: Some(fields(&model::guidance(choices))),
        }),
        fields: fields(&model::sign(choices)),
    }
}

fn voices_collection(choices: &Choices) -> Collection {
    Collection {
        name: "voices".into(),
        label: "Young people's voices".into(),
        label_singular: "Voice".into(),
        description: "Young people's own words, each with recorded consent.".into(),
        folder: format!("{CONTENT_DIR}/{VOICES_DIR}"),
        path: None,
        extension: "md",
        format: "yaml-frontmatter",
        create: true,
        identifier_field: Some("who"),
        // The day the voice was added: `when` may be only a year, or not known.
        slug: Some("{{year}}-{{month}}-{{day}}-{{fields.who}}".into()),
        summary: Some("{{who}}, {{where}} ({{when}})".into()),
        index_file: Some(IndexFile {
            label: "Voices page".into(),
            fields: Some(fields(&model::guidance(choices))),
        }),
        fields: fields(&model::voice(choices)),
    }
}

fn services_collection(choices: &Choices) -> Collection {
    Collection {
        name: "services".into(),
        label: "Services directory".into(),
        label_singular: "Service".into(),
        description: "One file for each local service, with Open Referral UK's field names.".into(),
        folder: SERVICES_DIR.into(),
        path: None,
        extension: "yaml",
        format: "yaml",
        create: true,
        identifier_field: Some("name"),
        slug: Some("{{fields.id}}".into()),
        summary: None,
        index_file: None,
        fields: fields(&model::service(choices)),
    }
}

fn fields(model: &[Field]) -> Vec<FieldConfig> {
    model.iter().map(field_config).collect()
}

fn field_config(field: &Field) -> FieldConfig {
    let mut config = FieldConfig {
        name: field.name,
        label: field.label,
        widget: "string",
        required: field.required,
        hint: field.hint,
        pattern: field.pattern.map(|p| [p.regex, p.message]),
        options: None,
        multiple: None,
        min: None,
        dropdown_threshold: None,
        default: None,
        value_type: None,
        input_type: None,
        fields: None,
    };
    match &field.kind {
        Kind::Line => {}
        Kind::Text => config.widget = "text",
        Kind::Markdown => config.widget = "markdown",
        Kind::Date => {
            config.widget = "datetime";
            config.input_type = Some("date");
        }
        // The editor's switch cannot insist on "on", so a flag that must be true is a choice
        // with one answer, which a required field cannot leave unanswered.
        Kind::Flag { must_be_true: true } => {
            config.widget = "select";
            config.options = Some(vec![OptionConfig {
                label: "Yes".into(),
                value: true.into(),
            }]);
        }
        Kind::Flag {
            must_be_true: false,
        } => {
            config.widget = "boolean";
            config.default = Some(false.into());
        }
        Kind::Whole => {
            config.widget = "number";
            config.value_type = Some("int");
        }
        Kind::Decimal => {
            config.widget = "number";
            config.value_type = Some("float");
        }
        Kind::Choice { options, multiple } => {
            config.widget = "select";
            config.options = Some(options.iter().map(option).collect());
            config.dropdown_threshold = Some(CHOICES_IN_VIEW);
            if *multiple {
                config.multiple = Some(true);
                config.min = field.required.then_some(1);
            } else if !field.example.is_empty() {
                config.default = Some(field.example.into());
            }
        }
        Kind::Words => config.widget = "list",
        Kind::Items(sub) => {
            config.widget = "list";
            config.fields = Some(fields(sub));
            config.min = field.required.then_some(1);
        }
        Kind::Group(sub) => {
            config.widget = "object";
            config.fields = Some(fields(sub));
        }
    }
    config
}

fn option(choice: &Choice) -> OptionConfig {
    OptionConfig {
        label: choice.label.clone(),
        value: choice.value.clone().into(),
    }
}
