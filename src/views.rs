//! What templates see: typed view structs built from the site model, never the model itself.

use serde::Serialize;

use crate::config::HelpContact;
use crate::content::page::Audience;
use crate::directory::views::{DirectoryView, ServiceSummary};
use crate::signs::views::{SignsView, VoiceView};
use crate::site::Site;

/// The page beside the quick exit that explains it (content/staying-safe-online.md).
pub const STAYING_SAFE_URL: &str = "/staying-safe-online/";

/// The folder of the young people's section, which sign pages point young readers to.
pub const YOUNG_PEOPLE_DIR: &str = "young-people";

#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub partnership: String,
    pub language: String,
    pub base_url: String,
    pub help_contacts: Vec<ContactView>,
    /// Where the quick exit goes; None when site.yaml turns it off.
    pub quick_exit: Option<String>,
    /// The signs matrix page and the voices page, when the site has them.
    pub signs_url: Option<String>,
    pub voices_url: Option<String>,
    /// Links in every page's footer: the home page's single pages (about, accessibility).
    pub footer_links: Vec<LinkView>,
    /// The page explaining what the quick exit does and does not do, when the site has one.
    pub staying_safe_url: Option<String>,
    /// The services directory's page, when the site has services.
    pub directory_url: Option<String>,
    /// Where the search box finds the exported index (`/search/`), when the site has search.
    pub search_index: Option<String>,
    /// The young people's section (help for a friend), when the site has one.
    pub young_people_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub label: String,
    pub phone: String,
    /// The number as a tap-to-call `tel:` link.
    pub tel: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub title: String,
    pub url: String,
    pub description: String,
    /// The `aria-current` value: "page" for the page being shown, "true" for the section it
    /// is in; None otherwise.
    pub current: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct HeadingView {
    pub level: u8,
    pub text: String,
    pub id: String,
}

#[derive(Debug, Serialize)]
pub struct PageView {
    pub title: String,
    pub description: String,
    pub url: String,
    /// The canonical address: base_url + url.
    pub permalink: String,
    /// The page body as HTML.
    pub content: String,
    pub toc: Vec<HeadingView>,
    pub breadcrumbs: Vec<LinkView>,
    pub children: Vec<LinkView>,
    pub audience: Audience,
    /// "31 March 2027", when the page is due for review.
    pub review_by: Option<String>,
    pub tags: Vec<String>,
    /// "home", "section" or "page".
    pub kind: &'static str,
}

/// The whole context of one page's template.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub site: &'a SiteView,
    pub page: PageView,
    pub nav: Vec<LinkView>,
    /// The signs matrix, band, category or cell the page shows, if any.
    pub signs: Option<SignsView>,
    /// Young people's voices shown beside the page.
    pub voices: Vec<VoiceView>,
    /// The directory list, a category of it, or one service, on directory pages.
    pub directory: Option<DirectoryView>,
    /// Local services that help with what the page is about.
    pub support: Vec<ServiceSummary>,
    /// On the search page: its filters and the A to Z of topics for readers without JavaScript.
    pub search: Option<SearchPageView>,
}

#[derive(Debug, Serialize)]
pub struct SearchPageView {
    pub kinds: Vec<Choice>,
    pub bands: Vec<Choice>,
    pub letters: Vec<LetterView>,
    pub categories: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub struct LetterView {
    pub letter: String,
    pub links: Vec<LinkView>,
}

/// The search page: result filters, every page from A to Z, and the directory's categories.
pub fn search_page_view(site: &Site) -> SearchPageView {
    let choice = |id: &str, label: &str| Choice {
        id: id.into(),
        label: label.into(),
    };
    let mut kinds = vec![choice("guidance", "Guidance")];
    if site.has_signs() {
        kinds.push(choice("sign", "Signs of neglect"));
    }
    if !site.voices.is_empty() {
        kinds.push(choice("voice", "Young people's words"));
    }
    if site.has_directory() {
        kinds.push(choice("service", "Local support"));
    }
    let mut pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.home() != Some(i))
        .collect();
    pages.sort_by_key(|&i| site.pages[i].front.title.to_lowercase());
    let mut letters: Vec<LetterView> = Vec::new();
    for index in pages {
        let letter = site.pages[index]
            .front
            .title
            .chars()
            .next()
            .unwrap_or('#')
            .to_uppercase()
            .to_string();
        let entry = link(site, index, None);
        match letters.last_mut() {
            Some(last) if last.letter == letter => last.links.push(entry),
            _ => letters.push(LetterView {
                letter,
                links: vec![entry],
            }),
        }
    }
    SearchPageView {
        kinds,
        bands: site
            .config
            .taxonomies
            .age_bands
            .iter()
            .map(|b| choice(&b.id, &b.label))
            .collect(),
        letters,
        categories: site
            .directory
            .categories
            .iter()
            .filter(|c| !site.directory.in_category(&c.id).is_empty())
            .map(|c| LinkView {
                title: c.label.clone(),
                url: crate::directory::views::category_url(&c.id),
                description: String::new(),
                current: None,
            })
            .collect(),
    }
}

impl SiteView {
    pub fn new(site: &Site) -> SiteView {
        let config = &site.config;
        let section_url = |folder: &str| site.section(folder).map(|i| site.pages[i].url.clone());
        SiteView {
            signs_url: section_url(crate::signs::SIGNS_DIR).filter(|_| site.has_signs()),
            voices_url: section_url(crate::voices::VOICES_DIR),
            directory_url: section_url(crate::directory::PAGE_DIR).filter(|_| site.has_directory()),
            young_people_url: section_url(YOUNG_PEOPLE_DIR),
            footer_links: site
                .footer_navigation()
                .into_iter()
                .map(|i| link(site, i, None))
                .collect(),
            staying_safe_url: site
                .page_at(STAYING_SAFE_URL)
                .map(|_| STAYING_SAFE_URL.to_string()),
            search_index: site
                .has_search()
                .then(|| crate::search::INDEX_URL.to_string()),
            title: config.title.clone(),
            description: config.description.clone(),
            partnership: config.partnership.clone(),
            language: config.language.clone(),
            base_url: config.normalised_base_url(),
            help_contacts: config.help_contacts.iter().map(ContactView::new).collect(),
            quick_exit: config
                .quick_exit
                .enabled
                .then(|| config.quick_exit.url.clone()),
        }
    }
}

impl ContactView {
    fn new(contact: &HelpContact) -> ContactView {
        ContactView {
            label: contact.label.clone(),
            phone: contact.phone.clone(),
            tel: tel_link(&contact.phone),
            description: contact.description.clone(),
        }
    }
}

/// `0800 1111` -> `tel:08001111`; keeps a leading +.
pub fn tel_link(phone: &str) -> String {
    let digits: String = phone
        .replace("(0)", "")
        .chars()
        .enumerate()
        .filter(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '+'))
        .map(|(_, c)| c)
        .collect();
    format!("tel:{digits}")
}

pub fn link(site: &Site, index: usize, current: Option<&'static str>) -> LinkView {
    let page = &site.pages[index];
    LinkView {
        title: page.front.title.clone(),
        url: page.url.clone(),
        description: page.front.description.clone(),
        current,
    }
}

pub fn page_view(site: &Site, index: usize) -> PageView {
    let page = &site.pages[index];
    let rendered = &site.rendered[index];
    let kind = if Some(index) == site.home() {
        "home"
    } else if page.is_section() {
        "section"
    } else {
        "page"
    };
    PageView {
        title: page.front.title.clone(),
        description: page.front.description.clone(),
        url: page.url.clone(),
        permalink: site.permalink(&page.url),
        content: rendered.html.clone(),
        toc: rendered
            .headings
            .iter()
            .filter(|h| h.level == 2)
            .map(|h| HeadingView {
                level: h.level,
                text: h.text.clone(),
                id: h.id.clone(),
            })
            .collect(),
        breadcrumbs: breadcrumbs(site, index),
        children: site
            .children(index)
            .iter()
            .map(|&c| link(site, c, None))
            .collect(),
        audience: page.front.audience,
        review_by: page.front.review_by.map(|d| d.long()),
        tags: page.front.tags.clone(),
        kind,
    }
}

/// The sections above a page; a sign page also has its age band's page.
fn breadcrumbs(site: &Site, index: usize) -> Vec<LinkView> {
    let mut crumbs: Vec<LinkView> = site
        .ancestors(index)
        .into_iter()
        .map(|a| link(site, a, None))
        .collect();
    if let Some(sign) = site.pages[index].sign()
        && let Some(band) = site
            .config
            .taxonomies
            .age_bands
            .iter()
            .find(|b| b.id == sign.band)
    {
        crumbs.push(LinkView {
            title: band.label.clone(),
            url: crate::signs::band_url(&band.id),
            description: String::new(),
            current: None,
        });
    }
    crumbs
}

/// The main navigation, marking the entry the page is in.
pub fn navigation(site: &Site, index: usize) -> Vec<LinkView> {
    navigation_marking(site, Some(index), &site.ancestors(index))
}

/// The main navigation, marking `page` as the page shown and `within` as the sections it is in.
fn navigation_marking(site: &Site, page: Option<usize>, within: &[usize]) -> Vec<LinkView> {
    site.main_navigation()
        .iter()
        .map(|&entry| {
            let current = if Some(entry) == page {
                Some("page")
            } else if within.contains(&entry) {
                Some("true")
            } else {
                None
            };
            link(site, entry, current)
        })
        .collect()
}

/// The view of the "page not found" page, which has no source file.
pub fn not_found_view(site: &Site) -> PageView {
    PageView {
        breadcrumbs: Vec::new(),
        kind: "404",
        ..generated_page_view(
            site,
            "",
            "Page not found".into(),
            String::new(),
            "/404.html".into(),
        )
    }
}

/// The main navigation for a page outside the page tree, marking `section` (if any) as the
/// one it belongs to.
pub fn navigation_for_section(site: &Site, section: Option<usize>) -> Vec<LinkView> {
    navigation_marking(site, None, section.as_slice())
}

/// The view of a page signpost makes itself (a signs band or category page, a directory
/// category or service), which sits under the section page heading `section_folder`.
pub fn generated_page_view(
    site: &Site,
    section_folder: &str,
    title: String,
    description: String,
    url: String,
) -> PageView {
    let breadcrumbs = site
        .home()
        .into_iter()
        .chain(
            site.section(section_folder)
                .filter(|&s| Some(s) != site.home()),
        )
        .map(|index| link(site, index, None))
        .collect();
    PageView {
        permalink: site.permalink(&url),
        title,
        description,
        url,
        content: String::new(),
        toc: Vec::new(),
        breadcrumbs,
        children: Vec::new(),
        audience: Audience::Public,
        review_by: None,
        tags: Vec::new(),
        kind: "generated",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(super::tel_link("0800 1111"), "tel:08001111");
        assert_eq!(super::tel_link("+44 (0)1632 960 123"), "tel:+441632960123");
    }
}
