//! What the signs templates see: the matrix, a band's or a category's cells, a cell's
//! neighbours across both axes, and the voices beside them.

use serde::Serialize;

use super::LinkView;
use crate::config::CellId;
use crate::layout::{SIGNS_DIR, VOICES_DIR};
use crate::routes::Target;
use crate::site::Site;

#[derive(Debug, Serialize, Default)]
pub struct SignsView {
    pub bands: Vec<TaxonView>,
    pub categories: Vec<TaxonView>,
    /// The matrix: one row per age band, one cell per category.
    pub rows: Vec<MatrixRow>,
    /// The band or category a page is about, if it is about one.
    pub band: Option<TaxonView>,
    pub category: Option<TaxonView>,
    /// A band page's cells (across categories) or a category page's (across bands).
    pub cells: Vec<CellView>,
    /// On a cell page: this cell.
    pub cell: Option<CellView>,
    pub neighbours: Option<Neighbours>,
}

#[derive(Debug, Serialize, Clone)]
pub struct TaxonView {
    pub id: String,
    pub label: String,
    pub description: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub band: TaxonView,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Serialize, Clone)]
pub struct CellView {
    pub band: TaxonView,
    pub category: TaxonView,
    pub title: String,
    /// None when the cell has no page.
    pub url: Option<String>,
    pub summary: String,
    pub young_people_summary: String,
    /// Declared in site.yaml as not applying at this age.
    pub not_applicable: bool,
}

#[derive(Debug, Serialize)]
pub struct Neighbours {
    pub previous_band: Option<LinkView>,
    pub next_band: Option<LinkView>,
    pub previous_category: Option<LinkView>,
    pub next_category: Option<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct VoiceView {
    pub words: String,
    pub who: String,
    pub gathered_at: Option<String>,
    /// "June 2025" or "2021", as much as is known; None when undated.
    pub gathered_on: Option<String>,
    /// Who said it, where and when, as far as each is known: "young person, 14, Youth forum,
    /// June 2025".
    pub attribution: String,
    /// Where the words were published before (a strategy), if anywhere.
    pub source: Option<String>,
    pub illustrative: bool,
    /// The signs this voice speaks to, as links to category and band pages.
    pub topics: Vec<LinkView>,
}

fn bands(site: &Site) -> Vec<TaxonView> {
    site.config
        .taxonomies
        .age_bands
        .iter()
        .enumerate()
        .map(|(i, band)| TaxonView {
            id: band.id.clone(),
            label: band.label.clone(),
            description: String::new(),
            url: site.url(Target::SignsBand(i)),
        })
        .collect()
}

fn categories(site: &Site) -> Vec<TaxonView> {
    site.config
        .taxonomies
        .neglect_categories
        .iter()
        .enumerate()
        .map(|(i, category)| TaxonView {
            id: category.id.clone(),
            label: category.label.clone(),
            description: category.description.clone(),
            url: site.url(Target::SignsCategory(i)),
        })
        .collect()
}

fn cell_view(site: &Site, band: &TaxonView, category: &TaxonView) -> CellView {
    let page = site
        .matrix
        .cell(&band.id, &category.id)
        .map(|i| &site.pages[i]);
    let sign = page.and_then(|p| p.sign());
    let key = CellId {
        band: band.id.clone(),
        category: category.id.clone(),
    };
    CellView {
        band: band.clone(),
        category: category.clone(),
        title: page.map_or_else(
            || format!("{}: {}", category.label, band.label),
            |p| p.front.title.clone(),
        ),
        url: page.map(|p| p.url.clone()),
        summary: sign.map(|s| s.summary.clone()).unwrap_or_default(),
        young_people_summary: sign
            .map(|s| s.young_people_summary.clone())
            .unwrap_or_default(),
        not_applicable: site.config.taxonomies.not_applicable.contains(&key),
    }
}

/// The whole matrix, for the signs section page.
pub fn matrix(site: &Site) -> SignsView {
    let categories = categories(site);
    let rows = bands(site)
        .into_iter()
        .map(|band| MatrixRow {
            cells: categories
                .iter()
                .map(|c| cell_view(site, &band, c))
                .collect(),
            band,
        })
        .collect();
    SignsView {
        bands: bands(site),
        categories,
        rows,
        ..SignsView::default()
    }
}

/// One age band's cells across every category.
pub fn band(site: &Site, band_index: usize) -> SignsView {
    let band = bands(site).swap_remove(band_index);
    SignsView {
        cells: categories(site)
            .iter()
            .map(|c| cell_view(site, &band, c))
            .collect(),
        band: Some(band),
        bands: bands(site),
        categories: categories(site),
        ..SignsView::default()
    }
}

/// One category's cells across every age band.
pub fn category(site: &Site, category_index: usize) -> SignsView {
    let category = categories(site).swap_remove(category_index);
    SignsView {
        cells: bands(site)
            .iter()
            .map(|b| cell_view(site, b, &category))
            .collect(),
        category: Some(category),
        bands: bands(site),
        categories: categories(site),
        ..SignsView::default()
    }
}

/// A cell page: the cell, and its neighbours in both directions that have pages.
pub fn cell(site: &Site, band_id: &str, category_id: &str) -> SignsView {
    let bands = bands(site);
    let categories = categories(site);
    let band_at = bands.iter().position(|b| b.id == band_id).unwrap_or(0);
    let category_at = categories
        .iter()
        .position(|c| c.id == category_id)
        .unwrap_or(0);
    let link_to = |band: &TaxonView, category: &TaxonView, label: &str| {
        let index = site.matrix.cell(&band.id, &category.id)?;
        Some(LinkView {
            title: label.to_string(),
            url: site.pages[index].url.clone(),
            description: site.pages[index].front.title.clone(),
            current: None,
        })
    };
    let category = &categories[category_at];
    let band = &bands[band_at];
    let neighbours = Neighbours {
        previous_band: bands[..band_at]
            .iter()
            .rev()
            .find_map(|b| link_to(b, category, &b.label)),
        next_band: bands[band_at + 1..]
            .iter()
            .find_map(|b| link_to(b, category, &b.label)),
        previous_category: categories[..category_at]
            .iter()
            .rev()
            .find_map(|c| link_to(band, c, &c.label)),
        next_category: categories[category_at + 1..]
            .iter()
            .find_map(|c| link_to(band, c, &c.label)),
    };
    SignsView {
        cell: Some(cell_view(site, band, category)),
        band: Some(band.clone()),
        category: Some(category.clone()),
        neighbours: Some(neighbours),
        bands,
        categories,
        ..SignsView::default()
    }
}

pub fn voice_view(site: &Site, index: usize) -> VoiceView {
    let voice = &site.voices[index];
    let topics = if site.has_signs() {
        let categories = categories(site)
            .into_iter()
            .filter(|c| voice.categories.contains(&c.id));
        let bands = bands(site)
            .into_iter()
            .filter(|b| voice.age_bands.contains(&b.id));
        categories
            .chain(bands)
            .map(|taxon| LinkView {
                title: taxon.label,
                url: taxon.url,
                description: String::new(),
                current: None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let words = site.words();
    let gathered_on = voice
        .gathered_on
        .map(|d| super::wording::for_a_quote(words, d));
    VoiceView {
        words: site.voices_rendered[index].html.clone(),
        who: voice.who.clone(),
        gathered_at: voice.gathered_at.clone(),
        gathered_on: gathered_on.clone(),
        attribution: [
            Some(voice.who.clone()),
            voice.gathered_at.clone(),
            gathered_on,
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(words.text("voices.attribution_separator")),
        source: voice.source_note.clone(),
        illustrative: voice.illustrative,
        topics,
    }
}

/// The signs view a page's template gets: the matrix on the signs section page, the cell on
/// a sign page, nothing elsewhere.
pub fn for_page(site: &Site, index: usize) -> Option<SignsView> {
    let page = &site.pages[index];
    if let Some(sign) = page.sign() {
        return Some(cell(site, &sign.band, &sign.category));
    }
    (site.has_signs() && site.section(SIGNS_DIR) == Some(index)).then(|| matrix(site))
}

/// Voices to show beside a page: all on the voices page, the newest on the home page, and
/// those about the same signs on sign pages and on guidance pages tagged with a category.
pub fn voices_for_page(site: &Site, index: usize) -> Vec<VoiceView> {
    let page = &site.pages[index];
    let chosen: Vec<usize> = if site.section(VOICES_DIR) == Some(index) {
        crate::voices::featured(&site.voices, site.voices.len())
    } else if site.home() == Some(index) {
        crate::voices::featured(&site.voices, 2)
    } else if let Some(sign) = page.sign() {
        let exact = matching(site, Some(&sign.band), Some(&sign.category), 3);
        if exact.is_empty() {
            matching(site, None, Some(&sign.category), 2)
        } else {
            exact
        }
    } else {
        let mut found = Vec::new();
        for tag in &page.front.tags {
            for voice in matching(site, None, Some(tag), 2) {
                if !found.contains(&voice) && found.len() < 2 {
                    found.push(voice);
                }
            }
        }
        found
    };
    chosen
        .into_iter()
        .filter(|&v| !quotes_voice(site, index, v))
        .map(|v| voice_view(site, v))
        .collect()
}

/// True when page `page` already quotes voice `voice` word for word, so the voices beside it
/// need not repeat it.
fn quotes_voice(site: &Site, page: usize, voice: usize) -> bool {
    let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = flat(&site.voices_rendered[voice].text);
    !words.is_empty() && flat(&site.rendered[page].text).contains(&words)
}

/// Up to `limit` voices about a band and/or category, newest first.
pub fn matching(
    site: &Site,
    band: Option<&str>,
    category: Option<&str>,
    limit: usize,
) -> Vec<usize> {
    crate::voices::featured(&site.voices, site.voices.len())
        .into_iter()
        .filter(|&v| site.voices[v].is_about(band, category))
        .take(limit)
        .collect()
}
