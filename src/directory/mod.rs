//! The local services directory: directory_data/categories.yaml, one YAML file per service in
//! directory_data/services/, and the postcode district centroids used for distance.

pub mod bank_holidays;
pub mod oruk;
pub mod service;
pub mod taxonomy_map;
pub mod translations;
pub mod validate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::{SiteConfig, Taxonomies, unknown_id};
use crate::content::page::Audience;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::yaml;
use service::Service;

pub use crate::layout::{CATEGORIES_FILE, DATA_DIR, DISTRICTS_FILE, SERVICES_DIR};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    categories: Vec<CategoryEntry>,
}

/// A category as categories.yaml writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryEntry {
    id: String,
    label: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    neglect_categories: NeglectIds,
}

/// `neglect_categories:` as written: a list of site.yaml's ids, or the word `all`, so a
/// category that helps with every type of neglect (a helpline, family support) keeps working
/// when a partnership changes site.yaml's types to its own.
#[derive(Debug, Clone)]
enum NeglectIds {
    All,
    Listed(Vec<String>),
}

impl Default for NeglectIds {
    fn default() -> Self {
        NeglectIds::Listed(Vec::new())
    }
}

impl<'de> Deserialize<'de> for NeglectIds {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Word(String),
            List(Vec<String>),
        }
        match Written::deserialize(deserializer) {
            Ok(Written::List(ids)) => Ok(NeglectIds::Listed(ids)),
            Ok(Written::Word(word)) if word == "all" => Ok(NeglectIds::All),
            Ok(Written::Word(word)) => Err(serde::de::Error::custom(format!(
                "`{word}` is not a list of types of neglect: write `[{word}]`, a list such as `[nutritional, physical]`, or `all`"
            ))),
            Err(_) => Err(serde::de::Error::custom(
                "neglect_categories is a list of types of neglect from site.yaml, such as `[nutritional, physical]`, or `all`",
            )),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub parent: Option<String>,
    pub description: String,
    /// The neglect categories (site.yaml) this kind of service helps with.
    pub neglect_categories: Vec<String>,
}

impl CategoryEntry {
    /// The category, with `all` read as every type of neglect site.yaml declares.
    fn into_category(self, taxonomies: &Taxonomies) -> Category {
        let neglect_categories = match self.neglect_categories {
            NeglectIds::All => taxonomies
                .category_ids()
                .into_iter()
                .map(str::to_string)
                .collect(),
            NeglectIds::Listed(ids) => ids,
        };
        Category {
            id: self.id,
            label: self.label,
            parent: self.parent,
            description: self.description,
            neglect_categories,
        }
    }
}

/// A service and the file it came from.
#[derive(Debug, Clone)]
pub struct Listing {
    pub service: Service,
    /// Relative to the site root.
    pub file: PathBuf,
    /// The file's YAML, for positioning problems found after parsing.
    pub text: String,
    /// In another language's directory, a service with no translation: the language its
    /// words are in.
    pub untranslated: Option<String>,
}

impl Listing {
    /// The position of `key:` in the file (its first line if the key is not written there).
    pub fn position_of(&self, key: &str) -> Position {
        let (line, column) = yaml::locate_key(&self.text, key, None).unwrap_or((1, 1));
        Position::new(line, column)
    }
}

/// A postcode district's centre, for "distance from".
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct District {
    pub district: String,
    pub latitude: f64,
    pub longitude: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Directory {
    pub categories: Vec<Category>,
    /// The published services (active or temporarily closed), by name.
    pub listings: Vec<Listing>,
    pub districts: Vec<District>,
    /// The bank holidays of the partnership's part of the UK, in date order.
    pub bank_holidays: Vec<Date>,
}

impl Directory {
    pub fn is_empty(&self) -> bool {
        self.listings.is_empty()
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Published services in `category` or one of its sub-categories.
    pub fn in_category(&self, id: &str) -> Vec<usize> {
        let family: Vec<&str> = self
            .categories
            .iter()
            .filter(|c| c.id == id || c.parent.as_deref() == Some(id))
            .map(|c| c.id.as_str())
            .collect();
        (0..self.listings.len())
            .filter(|&i| {
                self.listings[i]
                    .service
                    .categories
                    .iter()
                    .any(|c| family.contains(&c.as_str()))
            })
            .collect()
    }

    /// How many published services each category has, its sub-categories' included, in the
    /// order of `categories`: `in_category(id).len()` for each, in one pass over the services
    /// (every page of the directory shows these counts).
    pub fn category_counts(&self) -> Vec<usize> {
        let position: HashMap<&str, usize> = (self.categories.iter().enumerate())
            .map(|(index, category)| (category.id.as_str(), index))
            .rev()
            .collect();
        let mut counts = vec![0; self.categories.len()];
        let mut families = Vec::new();
        for listing in &self.listings {
            families.clear();
            for id in &listing.service.categories {
                let Some(&index) = position.get(id.as_str()) else {
                    continue;
                };
                families.push(index);
                let parent = self.categories[index].parent.as_deref();
                families.extend(parent.and_then(|parent| position.get(parent)));
            }
            families.sort_unstable();
            families.dedup();
            families.iter().for_each(|&index| counts[index] += 1);
        }
        counts
    }

    /// Published services whose categories help with the neglect category `neglect`, that
    /// `readers` can use.
    pub fn helping_with(&self, neglect: &str, readers: &Readers) -> Vec<usize> {
        let helpful: Vec<&str> = self
            .categories
            .iter()
            .filter(|c| c.neglect_categories.iter().any(|n| n == neglect))
            .map(|c| c.id.as_str())
            .collect();
        (0..self.listings.len())
            .filter(|&i| {
                let service = &self.listings[i].service;
                service
                    .categories
                    .iter()
                    .any(|c| helpful.contains(&c.as_str()))
                    && readers.can_use(service)
            })
            .collect()
    }
}

/// Who a list of local support is for: a page's readers and the ages it is about.
#[derive(Debug, Clone, Default)]
pub struct Readers {
    pub audience: Audience,
    /// Age ranges (min, max); none means any age.
    pub ages: Vec<(Option<u32>, Option<u32>)>,
}

impl Readers {
    /// A young reader is shown only services for young people; every reader only services
    /// whose ages meet one of the page's.
    fn can_use(&self, service: &Service) -> bool {
        let for_them = self.audience != Audience::YoungPeople
            || service.audience.contains(&Audience::YoungPeople);
        let ages_meet =
            self.ages.is_empty() || self.ages.iter().any(|&band| overlaps(service, band));
        for_them && ages_meet
    }
}

/// Whether a service's age range meets an age band's (open ends meet everything).
fn overlaps(service: &Service, (band_min, band_max): (Option<u32>, Option<u32>)) -> bool {
    let starts_before_band_ends = match (service.minimum_age, band_max) {
        (Some(min), Some(max)) => min <= max,
        _ => true,
    };
    let ends_after_band_starts = match (service.maximum_age, band_min) {
        (Some(max), Some(min)) => max >= min,
        _ => true,
    };
    starts_before_band_ends && ends_after_band_starts
}

/// Loads and checks the directory; a site without directory_data/ has an empty one.
pub fn load(root: &Path, config: &SiteConfig, problems: &mut Diagnostics) -> Directory {
    if !root.join(DATA_DIR).is_dir() {
        return Directory::default();
    }
    let bank_holidays = bank_holidays::load(root, config.bank_holidays, problems);
    let categories = load_categories(root, &config.taxonomies, problems);
    let ids: Vec<&str> = categories.iter().map(|c| c.id.as_str()).collect();
    let mut all = load_services(root, &ids, problems);
    all.retain(|listing| listing.service.is_published());
    all.sort_by(|a, b| {
        a.service
            .name
            .to_lowercase()
            .cmp(&b.service.name.to_lowercase())
    });
    Directory {
        categories,
        listings: all,
        districts: load_districts(root, problems),
        bank_holidays,
    }
}

fn read(root: &Path, file: &Path, problems: &mut Diagnostics) -> Option<String> {
    crate::text::read(root, file)
        .map_err(|problem| problems.push(problem))
        .ok()
}

/// Reads directory_data/categories.yaml alone (no services), checking it against site.yaml.
pub fn load_categories(
    root: &Path,
    taxonomies: &Taxonomies,
    problems: &mut Diagnostics,
) -> Vec<Category> {
    let file = Path::new(CATEGORIES_FILE);
    if !root.join(file).is_file() {
        problems.push(
            Diagnostic::error("the directory has no categories file")
                .in_file(file)
                .with_help("create directory_data/categories.yaml with a `categories:` list (id, label, description, neglect_categories)"),
        );
        return Vec::new();
    }
    let Some(text) = read(root, file, problems) else {
        return Vec::new();
    };
    let categories: Vec<Category> = match yaml::parse::<CategoriesFile>(&text) {
        Ok(parsed) => parsed
            .categories
            .into_iter()
            .map(|entry| entry.into_category(taxonomies))
            .collect(),
        Err(error) => {
            problems.push(crate::yaml::diagnostic(&error, file, 0));
            return Vec::new();
        }
    };
    let neglect_ids = taxonomies.category_ids();
    let at = |key: &str, value: &str| {
        let (line, column) = yaml::locate_key(&text, key, Some(value)).unwrap_or((1, 1));
        Position::new(line, column)
    };
    for (index, category) in categories.iter().enumerate() {
        if !validate::is_id(&category.id) {
            problems.push(
                Diagnostic::error(format!(
                    "the category id `{}` cannot be used in a web address",
                    category.id
                ))
                .in_file(file)
                .at(at("id", &category.id))
                .with_help("use lower-case letters, digits and hyphens"),
            );
        }
        if category.label.trim().is_empty() {
            problems.push(
                Diagnostic::error(format!("the category `{}` has an empty label", category.id))
                    .in_file(file)
                    .at(at("id", &category.id))
                    .with_help("write the name families will see after `label:`, e.g. label: Food banks and food help"),
            );
        }
        if let Some(loop_path) = parent_loop(&categories, index) {
            problems.push(
                Diagnostic::error(format!(
                    "the category `{}` is its own ancestor: {}",
                    category.id,
                    loop_path.join(" → ")
                ))
                .in_file(file)
                .at(at("parent", category.parent.as_deref().unwrap_or("")))
                .with_help("a category's parent chain must end at a category with `parent: null`; change one of these parents"),
            );
        }
        if categories[..index].iter().any(|c| c.id == category.id) {
            problems.push(
                Diagnostic::error(format!("the category id `{}` is used twice", category.id))
                    .in_file(file)
                    .at(at("id", &category.id))
                    .with_help("give each category its own id"),
            );
        }
        if let Some(parent) = &category.parent
            && !categories.iter().any(|c| &c.id == parent)
        {
            problems.push(
                Diagnostic::error(format!("the parent `{parent}` is not a category here"))
                    .in_file(file)
                    .at(at("parent", parent))
                    .with_help("a parent is another category's id, or null"),
            );
        }
        for neglect in &category.neglect_categories {
            if !neglect_ids.contains(&neglect.as_str()) {
                problems.push(
                    unknown_id(neglect, &neglect_ids, "neglect categories")
                        .in_file(file)
                        .at(at("neglect_categories", neglect)),
                );
            }
        }
    }
    categories
}

/// The chain of parents from the category at `index` back to itself, if it loops.
fn parent_loop(categories: &[Category], index: usize) -> Option<Vec<String>> {
    let start = &categories[index].id;
    let mut chain = vec![start.clone()];
    let mut current = categories[index].parent.as_ref()?;
    while chain.len() <= categories.len() {
        chain.push(current.clone());
        if current == start {
            return Some(chain);
        }
        current = categories
            .iter()
            .find(|c| &c.id == current)?
            .parent
            .as_ref()?;
    }
    None
}

fn load_services(root: &Path, category_ids: &[&str], problems: &mut Diagnostics) -> Vec<Listing> {
    let dir = root.join(SERVICES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| !crate::layout::is_ignored(name))
        })
        .filter_map(|path| path.strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    let loaded: Vec<(Option<Listing>, Diagnostics)> = files
        .into_par_iter()
        .map(|file| {
            let mut found = Diagnostics::default();
            (load_service(root, file, category_ids, &mut found), found)
        })
        .collect();
    let mut listings = Vec::with_capacity(loaded.len());
    for (listing, found) in loaded {
        problems.extend(found);
        listings.extend(listing);
    }
    listings
}

fn load_service(
    root: &Path,
    file: PathBuf,
    category_ids: &[&str],
    problems: &mut Diagnostics,
) -> Option<Listing> {
    let text = read(root, &file, problems)?;
    let service: Service = yaml::parse(&text)
        .map_err(|error| problems.push(crate::yaml::diagnostic(&error, &file, 0)))
        .ok()?;
    let field_problems = validate::check_service(&service, category_ids);
    for problem in &field_problems {
        let hint = (!problem.value.is_empty()).then_some(problem.value.as_str());
        let (line, column) = yaml::locate_key(&text, problem.key, hint).unwrap_or((1, 1));
        let mut diagnostic = Diagnostic::error(problem.message.clone())
            .in_file(&file)
            .at(Position::new(line, column))
            .with_help(problem.help);
        if problem.key == "categories" {
            diagnostic =
                diagnostic.with_help(format!("the categories are: {}", category_ids.join(", ")));
        }
        problems.push(diagnostic);
    }
    field_problems.is_empty().then_some(Listing {
        service,
        file,
        text,
        untranslated: None,
    })
}

fn load_districts(root: &Path, problems: &mut Diagnostics) -> Vec<District> {
    let file = Path::new(DISTRICTS_FILE);
    // Lines starting with # are notes, as in the starter's file.
    let Ok(mut reader) = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(root.join(file))
    else {
        return Vec::new();
    };
    let mut districts = Vec::new();
    for row in reader.deserialize::<District>() {
        match row {
            Ok(district) => districts.push(District {
                district: district.district.trim().to_ascii_uppercase(),
                ..district
            }),
            Err(error) => {
                let line = error.position().map_or(1, |at| at.line() as usize);
                problems.push(
                    Diagnostic::error(format!("this row cannot be read: {error}"))
                        .in_file(file)
                        .at(Position::new(line, 1))
                        .with_help("each row is a district, the latitude and the longitude of its centre, e.g. CV1,52.4081,-1.5106"),
                )
            }
        }
    }
    districts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_categorys_count_is_how_many_services_it_lists_sub_categories_included() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::load(root).ok().unwrap().0;
        let mut problems = Diagnostics::default();
        let mut directory = load(root, &config, &mut problems);
        assert!(directory.categories.iter().any(|c| c.parent.is_some()));
        // A service in a sub-category and in its parent counts once for the parent.
        let child = directory
            .categories
            .iter()
            .find(|c| c.parent.is_some())
            .unwrap();
        let both = vec![child.id.clone(), child.parent.clone().unwrap()];
        directory.listings[0].service.categories = both;
        let counts = directory.category_counts();
        for (category, count) in directory.categories.iter().zip(counts) {
            assert_eq!(
                count,
                directory.in_category(&category.id).len(),
                "{}",
                category.id
            );
        }
    }
}
