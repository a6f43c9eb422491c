//! The signs of neglect: one Markdown file per age band x neglect category, checked against
//! the bands and categories site.yaml declares, and arranged into a matrix.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::config::{CellId, Taxonomies, unknown_id};
use crate::content::SourceFile;
use crate::content::front_matter;
use crate::content::page::{Audience, Page, PageFrontMatter, PageKind, SignCell};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Position};
use crate::layout::{SECTION_FILE, SIGNS_DIR};
use crate::routes::sign_cell_address;

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
    #[serde(default)]
    translated_from: Option<String>,
    #[serde(default)]
    unchecked_translation: bool,
}

/// True for a cell file: under signs/, but not the section's own _index.md.
pub fn is_cell_file(content_path: &Path) -> bool {
    content_path.starts_with(SIGNS_DIR) && content_path.file_name() != Some(SECTION_FILE.as_ref())
}

/// Parses a cell file into a page; its band and category must be ones site.yaml declares.
pub fn parse_cell(source: SourceFile, taxonomies: Option<&Taxonomies>) -> Result<Page, Diagnostic> {
    let (front, split) = front_matter::parse::<SignFrontMatter>(&source.text, &source.path)?;
    crate::content::page::check_title(&front.title, split.yaml, &source.path)?;
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
        url: sign_cell_address(&front.band, &front.category),
        body_offset: split.body_offset,
        body_hash: crate::content::page::body_hash(&source.text[split.body_offset..]),
        front: PageFrontMatter {
            title: front.title,
            description: front.summary.clone(),
            audience: Audience::Public,
            age_bands: vec![front.band.clone()],
            review_by: front.review_by,
            weight,
            tags: vec![front.category.clone()],
            draft: front.draft,
            slug: None,
            template: None,
            translated_from: front.translated_from,
            unchecked_translation: front.unchecked_translation,
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
    /// Arranges the sign pages into cells. Two files for one cell claim one address, which
    /// the route table reports; the first keeps the cell.
    pub fn new(pages: &[Page]) -> Matrix {
        let mut cells: HashMap<(String, String), usize> = HashMap::new();
        for (index, page) in pages.iter().enumerate() {
            if let Some(cell) = page.sign() {
                cells
                    .entry((cell.band.clone(), cell.category.clone()))
                    .or_insert(index);
            }
        }
        Matrix { cells }
    }

    pub fn cell(&self, band: &str, category: &str) -> Option<usize> {
        self.cells
            .get(&(band.to_string(), category.to_string()))
            .copied()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The cells with no file that site.yaml does not mark as not applicable.
    pub fn missing(&self, taxonomies: &Taxonomies) -> Vec<CellId> {
        taxonomies
            .age_bands
            .iter()
            .flat_map(|band| {
                taxonomies
                    .neglect_categories
                    .iter()
                    .map(move |category| (band, category))
            })
            .filter(|(band, category)| self.cell(&band.id, &category.id).is_none())
            .map(|(band, category)| CellId {
                band: band.id.clone(),
                category: category.id.clone(),
            })
            .filter(|cell| !taxonomies.not_applicable.contains(cell))
            .collect()
    }
}
