//! What search finds: one document per guidance page, sign, voice and published service, with
//! the facts its results show and filter on.

use std::borrow::Cow;

use serde::Serialize;

use crate::content::page::{Audience, PageKind};
use crate::layout::VOICES_DIR;
use crate::routes::Target;
use crate::site::Site;

/// A document's text is borrowed from the site where it can be: at 10,000 pages a copy of
/// every body would cost tens of megabytes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc<'a> {
    /// The title as indexed: words in it count most.
    pub title: String,
    /// The title results show.
    pub label: String,
    /// Headings, and the page's description or summary: they say what a page is about.
    pub headings: String,
    pub body: Cow<'a, str>,
    /// guidance, sign, voice or service.
    pub kind: &'static str,
    pub url: String,
    pub bands: Vec<String>,
    pub categories: Vec<String>,
    pub audience: Audience,
    /// A short text shown under the result, with the query's words highlighted.
    pub excerpt: String,
}

/// How much of a document's text its result shows.
const EXCERPT_CHARS: usize = 300;

pub fn documents(site: &Site) -> Vec<SearchDoc<'_>> {
    let mut docs: Vec<SearchDoc> = site
        .pages
        .iter()
        .zip(&site.rendered)
        .filter(|(page, _)| page.url != "/")
        .map(|(page, rendered)| {
            let headings = rendered
                .headings
                .iter()
                .map(|h| h.text.as_str())
                .collect::<Vec<_>>()
                .join(". ");
            let (kind, bands, categories, extra) = match &page.kind {
                PageKind::Sign(cell) => (
                    "sign",
                    vec![cell.band.clone()],
                    vec![cell.category.clone()],
                    format!("{} {}", cell.summary, cell.young_people_summary),
                ),
                PageKind::Guidance => (
                    "guidance",
                    Vec::new(),
                    neglect_categories(site, &page.front.tags),
                    page.front.description.clone(),
                ),
            };
            let excerpt_source = if extra.trim().is_empty() {
                rendered.text.as_str()
            } else {
                extra.as_str()
            };
            SearchDoc {
                title: page.front.title.clone(),
                label: page.front.title.clone(),
                excerpt: excerpt(excerpt_source),
                headings: format!("{headings}. {extra}"),
                body: Cow::Borrowed(rendered.text.as_str()),
                kind,
                url: page.url.clone(),
                bands,
                categories,
                audience: page.front.audience,
            }
        })
        .collect();
    docs.extend(matrix_pages(site));
    let voices_url = site.section(VOICES_DIR).map(|i| site.pages[i].url.clone());
    if let Some(voices_url) = voices_url {
        docs.extend(site.voices.iter().map(|voice| {
            let words = voice.words();
            SearchDoc {
                title: voice.who.clone(),
                label: format!("“{}” ({})", first_words(words, 8), voice.who),
                headings: String::new(),
                excerpt: excerpt(words),
                body: Cow::Borrowed(words),
                kind: "voice",
                url: format!("{voices_url}#{}", voice.anchor()),
                bands: voice.age_bands.clone(),
                categories: voice.categories.clone(),
                audience: Audience::Public,
            }
        }));
    }
    docs.extend(
        site.directory
            .listings
            .iter()
            .enumerate()
            .map(|(index, listing)| {
                let service = &listing.service;
                let category_labels: Vec<String> = service
                    .categories
                    .iter()
                    .filter_map(|id| site.directory.category(id))
                    .map(|c| c.label.clone())
                    .collect();
                let places: Vec<String> = service
                    .service_at_locations
                    .iter()
                    .flat_map(|sal| sal.location.addresses.iter().map(|a| a.city.clone()))
                    .collect();
                let body = [
                    service.description.clone(),
                    service.application_process.clone().unwrap_or_default(),
                    places.join(", "),
                    service.languages.join(", "),
                ]
                .join("\n\n");
                SearchDoc {
                    title: service.name.clone(),
                    label: service.name.clone(),
                    headings: format!(
                        "{}. {}",
                        category_labels.join(". "),
                        service.organization.name
                    ),
                    excerpt: excerpt(&service.description),
                    body: Cow::Owned(body),
                    kind: "service",
                    url: site.url(Target::Service(index)),
                    bands: bands_for_ages(site, service.minimum_age, service.maximum_age),
                    categories: service
                        .categories
                        .iter()
                        .filter_map(|id| site.directory.category(id))
                        .flat_map(|c| c.neglect_categories.iter().cloned())
                        .collect(),
                    audience: Audience::Public,
                }
            }),
    );
    docs
}

/// The pages signpost makes for each age band and category: what they gather, searchable.
fn matrix_pages(site: &Site) -> Vec<SearchDoc<'static>> {
    if !site.has_signs() {
        return Vec::new();
    }
    let taxonomies = &site.config.taxonomies;
    let summaries = |band: Option<&str>, category: Option<&str>| -> String {
        site.pages
            .iter()
            .filter_map(|p| p.sign())
            .filter(|s| {
                band.is_none_or(|b| s.band == b) && category.is_none_or(|c| s.category == c)
            })
            .map(|s| s.summary.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let page =
        |title: String, body: String, url: String, bands: Vec<String>, categories: Vec<String>| {
            SearchDoc {
                label: title.clone(),
                title,
                headings: String::new(),
                excerpt: excerpt(&body),
                body: Cow::Owned(body),
                kind: "sign",
                url,
                bands,
                categories,
                audience: Audience::Public,
            }
        };
    let bands = taxonomies.age_bands.iter().enumerate().map(|(i, band)| {
        page(
            format!("Signs of neglect: {}", band.label),
            summaries(Some(&band.id), None),
            site.url(Target::SignsBand(i)),
            vec![band.id.clone()],
            Vec::new(),
        )
    });
    let categories = taxonomies
        .neglect_categories
        .iter()
        .enumerate()
        .map(|(i, category)| {
            page(
                category.label.clone(),
                format!(
                    "{}\n\n{}",
                    category.description,
                    summaries(None, Some(&category.id))
                ),
                site.url(Target::SignsCategory(i)),
                Vec::new(),
                vec![category.id.clone()],
            )
        });
    bands.chain(categories).collect()
}

fn neglect_categories(site: &Site, tags: &[String]) -> Vec<String> {
    let known = site.config.taxonomies.category_ids();
    tags.iter()
        .filter(|t| known.contains(&t.as_str()))
        .cloned()
        .collect()
}

/// The age bands a service's age range reaches.
fn bands_for_ages(site: &Site, min: Option<u32>, max: Option<u32>) -> Vec<String> {
    site.config
        .taxonomies
        .age_bands
        .iter()
        .filter(|band| band.min_age.is_some() || band.max_age.is_some())
        .filter(|band| {
            let starts_before_band_ends = match (min, band.max_age) {
                (Some(min), Some(end)) => min <= end,
                _ => true,
            };
            let ends_after_band_starts = match (max, band.min_age) {
                (Some(max), Some(start)) => max >= start,
                _ => true,
            };
            starts_before_band_ends && ends_after_band_starts
        })
        .map(|band| band.id.clone())
        .collect()
}

fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => {
            let at_word = flat[..cut].rfind(' ').unwrap_or(cut);
            format!("{}…", &flat[..at_word])
        }
        None => flat,
    }
}

fn first_words(text: &str, count: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= count {
        words.join(" ")
    } else {
        format!("{}…", words[..count].join(" "))
    }
}
