//! The signs of neglect: one Markdown file per age band x neglect category, checked against
//! the bands and categories site.yaml declares, and arranged into a matrix.

pub mod views;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::config::{Taxonomies, unknown_id};
use crate::content::SourceFile;
use crate::content::front_matter;
use crate::content::page::{Audience, Page, PageFrontMatter, PageKind, SignCell};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// The folder under content/ that holds the sign cells; its _index.md introduces the matrix.
pub const SIGNS_DIR: &str = "signs";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignFrontMatter {
    title: String,
    band: String,
    category: String,
    summary: String,
    #[serde(default)]
    young_people_summary: String,
    #[serde(default)]
    review_by: Option<Date>,
    #[serde(default)]
    draft: bool,
}

/// True for a cell file: under signs/, but not the section's own _index.md.
pub fn is_cell_file(content_path: &Path) -> bool {
    content_path.starts_with(SIGNS_DIR) && content_path.file_name() != Some("_index.md".as_ref())
}

pub fn band_url(band: &str) -> String {
    format!("/{SIGNS_DIR}/{band}/")
}

pub fn category_url(category: &str) -> String {
    format!("/{SIGNS_DIR}/type/{category}/")
}

pub fn cell_url(band: &str, category: &str) -> String {
    format!("/{SIGNS_DIR}/{band}/{category}/")
}

/// The addresses of the pages signpost makes for the matrix: one per band and per category.
pub fn generated_urls(taxonomies: &Taxonomies) -> HashSet<String> {
    let bands = taxonomies.age_bands.iter().map(|b| band_url(&b.id));
    let categories = taxonomies
        .neglect_categories
        .iter()
        .map(|c| category_url(&c.id));
    bands.chain(categories).collect()
}

/// Parses a cell file into a page; its band and category must be ones site.yaml declares.
pub fn parse_cell(source: SourceFile, taxonomies: Option<&Taxonomies>) -> Result<Page, Diagnostic> {
    let (front, split) = front_matter::parse::<SignFrontMatter>(&source.text, &source.path)?;
    if let Some(taxonomies) = taxonomies {
        let checks = [
            ("band", &front.band, taxonomies.band_ids(), "age bands"),
            (
                "category",
                &front.category,
                taxonomies.category_ids(),
                "neglect categories",
            ),
        ];
        for (key, id, valid, kind) in checks {
            if !valid.contains(&id.as_str()) {
                let (line, column) =
                    crate::yaml::locate_key(split.yaml, key, Some(id)).unwrap_or((0, 1));
                return Err(unknown_id(id, &valid, kind)
                    .in_file(&source.path)
                    .at(Position::new(line + split.yaml_line_offset, column)));
            }
        }
    }
    let weight = taxonomies
        .and_then(|t| {
            t.neglect_categories
                .iter()
                .position(|c| c.id == front.category)
        })
        .unwrap_or(0) as i64;
    Ok(Page {
        url: cell_url(&front.band, &front.category),
        body_offset: split.body_offset,
        front: PageFrontMatter {
            title: front.title,
            description: front.summary.clone(),
            audience: Audience::Public,
            review_by: front.review_by,
            weight,
            tags: vec![front.category.clone()],
            draft: front.draft,
            slug: None,
            template: None,
        },
        kind: PageKind::Sign(SignCell {
            band: front.band,
            category: front.category,
            summary: front.summary,
            young_people_summary: front.young_people_summary,
        }),
        source,
    })
}

/// The matrix: which page holds each (band, category) cell, in site.yaml's order.
#[derive(Debug, Clone)]
pub struct Matrix {
    cells: HashMap<(String, String), usize>,
}

impl Matrix {
    /// Arranges the sign pages; two files for one cell is an error naming both, and every
    /// missing cell (not marked not_applicable) is listed in one warning.
    pub fn build(pages: &[Page], taxonomies: &Taxonomies, problems: &mut Diagnostics) -> Matrix {
        let mut cells: HashMap<(String, String), usize> = HashMap::new();
        for (index, page) in pages.iter().enumerate() {
            let Some(cell) = page.sign() else { continue };
            let key = (cell.band.clone(), cell.category.clone());
            if let Some(&first) = cells.get(&key) {
                problems.push(
                    Diagnostic::error(format!(
                        "this file and {} are both the signs for {} / {}",
                        pages[first].source.path.display(),
                        cell.band,
                        cell.category
                    ))
                    .in_file(&page.source.path)
                    .at(page.position_of_key("band"))
                    .with_help("each age band and category has one file: merge the two, or change `band:` or `category:` in one"),
                );
                continue;
            }
            cells.insert(key, index);
        }
        let matrix = Matrix { cells };
        let has_section = pages
            .iter()
            .any(|page| page.is_section() && page.folder() == Path::new(SIGNS_DIR));
        if !matrix.is_empty() && !has_section {
            problems.push(
                Diagnostic::error("there are sign files but no page to show the matrix on")
                    .in_file(Path::new("content").join(SIGNS_DIR))
                    .with_help(format!(
                        "create content/{SIGNS_DIR}/_index.md with a `title:` (e.g. Signs of neglect by age) and a short introduction"
                    )),
            );
        }
        matrix.warn_missing(taxonomies, problems);
        matrix
    }

    pub fn cell(&self, band: &str, category: &str) -> Option<usize> {
        self.cells
            .get(&(band.to_string(), category.to_string()))
            .copied()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    fn warn_missing(&self, taxonomies: &Taxonomies, problems: &mut Diagnostics) {
        if self.cells.is_empty() {
            return;
        }
        let missing: Vec<String> = taxonomies
            .age_bands
            .iter()
            .flat_map(|band| {
                taxonomies
                    .neglect_categories
                    .iter()
                    .map(move |category| (band, category))
            })
            .filter(|(band, category)| self.cell(&band.id, &category.id).is_none())
            .map(|(band, category)| format!("{}/{}", band.id, category.id))
            .filter(|cell| !taxonomies.not_applicable.contains(cell))
            .collect();
        if missing.is_empty() {
            return;
        }
        problems.push(
            Diagnostic::warning(format!(
                "{} cell(s) of the signs matrix have no file: {}",
                missing.len(),
                missing.join(", ")
            ))
            .in_file(Path::new("content").join(SIGNS_DIR))
            .with_help(format!(
                "add content/{SIGNS_DIR}/BAND/CATEGORY.md for each, or list a cell that does not apply under `taxonomies: not_applicable:` in site.yaml"
            )),
        );
    }
}
