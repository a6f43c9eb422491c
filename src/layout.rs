//! The folder layout of a site: where each kind of source lives, relative to the site's root,
//! and which files are never sources. Every other module takes these names from here.

/// The site's settings.
pub const CONFIG_FILE: &str = "site.yaml";

/// The pages, in Markdown; each folder is a section headed by its `_index.md`.
pub const CONTENT_DIR: &str = "content";
/// The file that heads a section (its folder's own page).
pub const SECTION_FILE: &str = "_index.md";
/// The folder under content/ that holds the sign cells; its _index.md introduces the matrix.
pub const SIGNS_DIR: &str = "signs";
/// The folder under content/ that holds young people's voices, one file per quote.
pub const VOICES_DIR: &str = "voices";
/// The folder under content/ whose _index.md is the services directory's page.
pub const DIRECTORY_DIR: &str = "directory";
/// The young people's section (help for a friend), which sign pages point young readers to.
pub const YOUNG_PEOPLE_DIR: &str = "young-people";
/// The page beside the quick exit that explains it.
pub const STAYING_SAFE_PAGE: &str = "staying-safe-online.md";
/// Words people type, mapped to the site's own words, for search.
pub const SYNONYMS_FILE: &str = "content/search/synonyms.yaml";

/// The services directory's data.
pub const DATA_DIR: &str = "directory_data";
pub const CATEGORIES_FILE: &str = "directory_data/categories.yaml";
pub const SERVICES_DIR: &str = "directory_data/services";
pub const DISTRICTS_FILE: &str = "directory_data/postcode_districts.csv";
/// Other directories' taxonomy terms mapped to the site's categories, for `signpost import`.
pub const TAXONOMY_MAP_FILE: &str = "directory_data/taxonomy_map.yaml";
/// Bank holidays in GOV.UK's format (www.gov.uk/bank-holidays.json), for opening hours.
pub const BANK_HOLIDAYS_FILE: &str = "directory_data/bank-holidays.json";

/// Local figures, one file each, drawn as charts.
pub const FIGURES_DIR: &str = "data";
/// The folder under content/ whose _index.md lists every figure.
pub const FIGURES_PAGE_DIR: &str = "figures";

/// Files copied to the site as they are.
pub const STATIC_DIR: &str = "static";
/// The site's own templates, each replacing the theme's file of the same name.
pub const TEMPLATES_DIR: &str = "templates";
/// The words of the theme in each language (`strings/pl.yaml`): a site's own replace the
/// theme's, word by word.
pub const STRINGS_DIR: &str = "strings";
/// Themes: `themes/NAME/templates` and `themes/NAME/static`.
pub const THEMES_DIR: &str = "themes";

/// The browser editor: where it saves (editor.yaml), and its script and licence.
pub const CMS_DIR: &str = "cms";
pub const EDITOR_SETTINGS_FILE: &str = "cms/editor.yaml";
pub const EDITOR_SCRIPT_FILE: &str = "cms/sveltia-cms.js";
pub const EDITOR_LICENSE_FILE: &str = "cms/sveltia-cms-LICENSE.txt";
pub const EDITOR_FONTS_DIR: &str = "cms/fonts";

/// Folders an output folder must never be, contain, or sit inside.
pub const SOURCE_DIRS: [&str; 8] = [
    CONTENT_DIR,
    STRINGS_DIR,
    THEMES_DIR,
    DATA_DIR,
    TEMPLATES_DIR,
    STATIC_DIR,
    FIGURES_DIR,
    CMS_DIR,
];

/// Hidden files and editors' temporary files: never sources, and never a reason to rebuild.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.') || is_editor_file(name)
}

/// Editors' and operating systems' own files (swap files, backups, folder settings): never
/// published, even from static/, where other hidden files (`.nojekyll`, `.well-known/`) are.
pub fn is_editor_file(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('#')
        || name.starts_with(".#")
        || name.ends_with('~')
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || [".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}
