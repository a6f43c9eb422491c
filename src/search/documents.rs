//! What search finds: one document per page (the home page included), sign band and category
//! page, voice, published service and directory category, with the facts its results show and
//! filter on, and the sections of long pages.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

use crate::content::markdown::Rendered;
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
    /// The `##` sections of a long page, so a result can link to the one that matches.
    pub sections: Vec<DocSection>,
}

/// A section of a long page: its heading, its anchor, and the position of its first word in
/// the body (counted as tantivy counts token positions).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocSection {
    pub anchor: String,
    pub heading: String,
    pub start: u32,
}

/// A page is long enough for its results to link to a section when it has this many words and
/// `##` sections.
const LONG_PAGE_WORDS: usize = 350;
const LONG_PAGE_SECTIONS: usize = 3;

/// How much of a document's text its result shows.
const EXCERPT_CHARS: usize = 300;

pub fn documents(site: &Site) -> Vec<SearchDoc<'_>> {
    if !site.has_search() {
        return Vec::new();
    }
    let mut docs: Vec<SearchDoc> = site
        .pages
        .par_iter()
        .zip(&site.rendered)
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
                sections: sections(rendered),
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
                sections: Vec::new(),
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
                    sections: Vec::new(),
                }
            }),
    );
    docs.extend(directory_categories(site));
    docs
}

/// The directory's category pages ("Mental health and wellbeing"), each with what its services
/// say about themselves: often the best answer to a need put in a few words.
fn directory_categories(site: &Site) -> Vec<SearchDoc<'static>> {
    let directory = &site.directory;
    directory
        .categories
        .iter()
        .enumerate()
        .filter_map(|(index, category)| {
            let services = directory.in_category(&category.id);
            if services.is_empty() {
                return None;
            }
            let listed = |i: &usize| &directory.listings[*i].service;
            let body = services
                .iter()
                .map(|i| format!("{}. {}", listed(i).name, listed(i).description))
                .collect::<Vec<_>>()
                .join("\n\n");
            let mut bands: Vec<String> = Vec::new();
            for service in services.iter().map(listed) {
                for band in bands_for_ages(site, service.minimum_age, service.maximum_age) {
                    if !bands.contains(&band) {
                        bands.push(band);
                    }
                }
            }
            Some(SearchDoc {
                title: category.label.clone(),
                label: category.label.clone(),
                headings: category.description.clone(),
                excerpt: excerpt(&category.description),
                body: Cow::Owned(body),
                kind: "service",
                url: site.url(Target::DirectoryCategory(index)),
                bands,
                categories: category.neglect_categories.clone(),
                audience: Audience::Public,
                sections: Vec::new(),
            })
        })
        .collect()
}

/// The `##` sections of a long page, found in its plain text in order (each heading's text is
/// followed there by ". " and a blank line).
fn sections(rendered: &Rendered) -> Vec<DocSection> {
    let text = rendered.text.as_str();
    let level_two = rendered.headings.iter().filter(|h| h.level == 2).count();
    if level_two < LONG_PAGE_SECTIONS {
        return Vec::new();
    }
    let mut sections = Vec::new();
    let mut cursor = 0;
    let mut tokens = 0;
    for heading in &rendered.headings {
        let written = format!("{}.\n\n", heading.text);
        let Some(found) = memchr::memmem::find(&text.as_bytes()[cursor..], written.as_bytes())
        else {
            return Vec::new();
        };
        let at = cursor + found;
        // Headings follow a blank line, so no word spans the cut.
        tokens += token_count(&text[cursor..at]);
        if heading.level == 2 {
            sections.push(DocSection {
                anchor: heading.id.clone(),
                heading: heading.text.clone(),
                start: tokens,
            });
        }
        tokens += token_count(&written);
        cursor = at + written.len();
    }
    tokens += token_count(&text[cursor..]);
    if (tokens as usize) < LONG_PAGE_WORDS {
        return Vec::new();
    }
    sections
}

/// How many tokens tantivy's SimpleTokenizer finds in `text` (runs of letters and digits).
fn token_count(text: &str) -> u32 {
    // Most pages are ASCII, and a byte is much cheaper to look at than a char.
    if text.is_ascii() {
        return runs(text.bytes().map(|b| b.is_ascii_alphanumeric()));
    }
    runs(text.chars().map(char::is_alphanumeric))
}

/// How many runs of `true` there are.
fn runs(letters: impl Iterator<Item = bool>) -> u32 {
    let mut count = 0;
    let mut in_word = false;
    for letter in letters {
        count += u32::from(letter && !in_word);
        in_word = letter;
    }
    count
}

/// The address of every document [`documents`] makes, without the cost of making them: for
/// checks that only need to know what search can find.
pub fn urls(site: &Site) -> Vec<String> {
    if !site.has_search() {
        return Vec::new();
    }
    let directory = &site.directory;
    let searched = |target: Target| match target {
        Target::Page(_) | Target::SignsBand(_) | Target::SignsCategory(_) | Target::Service(_) => {
            true
        }
        Target::DirectoryCategory(index) => !directory
            .in_category(&directory.categories[index].id)
            .is_empty(),
        _ => false,
    };
    let mut urls: Vec<String> = site
        .routes
        .iter()
        .filter(|route| searched(route.target))
        .map(|route| route.address.clone())
        .collect();
    if let Some(voices) = site.section(VOICES_DIR) {
        let voices_url = &site.pages[voices].url;
        urls.extend(
            site.voices
                .iter()
                .map(|voice| format!("{voices_url}#{}", voice.anchor())),
        );
    }
    urls
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
                sections: Vec::new(),
            }
        };
    let bands = taxonomies.age_bands.iter().enumerate().map(|(i, band)| {
        page(
            site.words()
                .fill("signs.band_title", &[("band", &band.label)]),
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

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};

    use super::token_count;

    #[test]
    fn tokens_are_counted_as_tantivy_counts_them() {
        for text in [
            "",
            "Is your friend hungry a lot? Tell a teacher, or call 0800 1111.",
            "  --  ",
            "Café au lait, naïve façade: l'élève 3ème",
            "Dziecko głodne — zaniedbanie; طفل جائع",
        ] {
            let mut tokenizer = SimpleTokenizer::default();
            let mut stream = tokenizer.token_stream(text);
            let mut tantivy = 0;
            while stream.advance() {
                tantivy += 1;
            }
            assert_eq!(token_count(text), tantivy, "{text}");
        }
    }
}
