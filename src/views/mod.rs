//! What templates see: typed view structs built from the site model, never the model itself.

pub mod directory;
pub mod help;
mod navigation;
pub mod pager;
pub mod signs;
pub mod wording;

use std::path::Path;

use serde::Serialize;

use crate::az;
use crate::content::page::Audience;
use crate::layout::{
    DIRECTORY_DIR, FIGURES_PAGE_DIR, SIGNS_DIR, STAYING_SAFE_PAGE, VOICES_DIR, YOUNG_PEOPLE_DIR,
};
use crate::routes::{self, Route, Target};
use crate::site::Site;
use directory::{DirectoryView, ServiceSummary};
use pager::PagerView;
use signs::{SignsView, VoiceView};

#[derive(Debug, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub partnership: String,
    /// The language of the pages: `en-GB`, `pl`.
    pub language: String,
    /// `ltr` or `rtl` on a site in several languages (pages of a site in one language leave
    /// it out, as they always have).
    pub direction: Option<&'static str>,
    pub base_url: String,
    /// The home page's address in this language: `/`, or `/pl/`.
    pub home_url: String,
    pub help_contacts: Vec<help::ContactView>,
    /// The help box on pages written for young people.
    pub young_people_help: help::YoungPeopleHelpView,
    /// When the help contacts answer: the time zone and bank holidays `hours.js` judges by.
    pub help_times: help::HelpTimes,
    /// Where the quick exit goes; None when site.yaml turns it off.
    pub quick_exit: Option<String>,
    /// Whether moving between pages replaces the tab's history entry (with the quick exit only).
    pub one_page_history: bool,
    /// The Content-Security-Policy of every page's <meta> tag.
    pub content_security_policy: &'static str,
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
    /// A preview for staff (`signpost serve`): templates may show what is unfinished.
    pub preview: bool,
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
    /// "31 March 2027", when the page is next due for review (not shown once it has passed).
    pub review_by: Option<String>,
    /// In a preview for staff, the review date that has passed; never in a published site.
    pub review_overdue: Option<String>,
    pub tags: Vec<String>,
    pub kind: PageKind,
    /// On a list shown a page at a time (a long section, the directory): where this page is
    /// among them, and the links to the others.
    pub pager: Option<pager::PagerView>,
    /// The page in each language it is published in (this one among them), when there is
    /// more than one: for the language switcher and the `hreflang` links.
    pub translations: Vec<TranslationView>,
    /// On a translation nobody has checked yet: the address of the original, which the page
    /// points readers to.
    pub unchecked: Option<String>,
}

/// A page in one of the languages it is published in.
#[derive(Debug, Serialize)]
pub struct TranslationView {
    /// The language's code, for `lang` and `hreflang`: `pl`.
    pub code: String,
    /// Its name in the language itself: Polski.
    pub name: String,
    pub direction: &'static str,
    pub url: String,
    pub permalink: String,
    /// True for the language of the page being shown.
    pub current: bool,
    /// True for the site's default language (the `x-default` for search engines).
    pub default: bool,
}

/// The page at `route` in every language it is published in, the site's languages' order;
/// none when it is in only one.
pub fn translations(site: &Site, route: &Route) -> Vec<TranslationView> {
    if !site.config.is_multilingual() {
        return Vec::new();
    }
    let routes = site.routes.translations_of(route);
    if routes.len() < 2 {
        return Vec::new();
    }
    let languages = site.config.languages();
    routes
        .into_iter()
        .map(|other| {
            let language = &languages[other.lang.0];
            TranslationView {
                code: language.code.clone(),
                name: language.name.clone(),
                direction: language.direction.as_str(),
                url: other.address.clone(),
                permalink: site.permalink(&other.address),
                current: other.lang == site.lang,
                default: other.lang.is_default(),
            }
        })
        .collect()
}

/// The address of the original of page `index`, when the page is a translation that says it
/// has not been checked.
fn unchecked_original(site: &Site, index: usize) -> Option<String> {
    if !site.pages[index].front.unchecked_translation || site.lang.is_default() {
        return None;
    }
    let route = site.routes.route_in(site.lang, Target::Page(index))?;
    site.routes
        .translations_of(route)
        .into_iter()
        .find(|r| r.lang.is_default())
        .map(|r| r.address.clone())
}

/// What kind of page a template is rendering; templates see it as a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
    /// A page signpost makes itself: a signs band or category, a service, the search page.
    Generated,
    #[serde(rename = "404")]
    NotFound,
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
    /// On the figures page, every figure; on a figure's own page, that figure.
    pub figures: Option<crate::figures::views::FiguresView>,
}

#[derive(Debug, Serialize)]
pub struct SearchPageView {
    pub kinds: Vec<Choice>,
    pub bands: Vec<Choice>,
    /// Every topic, by letter, when the search page lists them all; otherwise, on a letter's
    /// page, that page's topics.
    pub letters: Vec<LetterView>,
    /// When the topics are too many for one page: a link to each letter's pages.
    pub letter_pages: Vec<LetterLink>,
    pub categories: Vec<LinkView>,
}

#[derive(Debug, Serialize)]
pub struct LetterLink {
    pub letter: String,
    pub url: String,
    /// How many topics start with it.
    pub count: usize,
    pub current: bool,
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
    let words = site.words();
    let kind = |id: &str| choice(id, words.text(&format!("search.kinds.{id}")));
    let mut kinds = vec![kind("guidance")];
    if site.has_signs() {
        kinds.push(kind("sign"));
    }
    if !site.voices.is_empty() {
        kinds.push(kind("voice"));
    }
    if site.has_directory() {
        kinds.push(kind("service"));
    }
    let letters = site.letters();
    let (letters, letter_pages) = if az::has_letter_pages(letters) {
        (Vec::new(), letter_links(site, letters, None))
    } else {
        let all = letters
            .iter()
            .map(|letter| letter_view(site, letter, &letter.pages))
            .collect();
        (all, Vec::new())
    };
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
        letter_pages,
        categories: (site.directory.categories.iter().enumerate())
            .zip(site.category_counts())
            .filter(|(_, count)| **count > 0)
            .map(|((i, c), _)| LinkView {
                title: c.label.clone(),
                url: site.url(Target::DirectoryCategory(i)),
                description: String::new(),
                current: None,
            })
            .collect(),
    }
}

/// Page `number` of the topics starting with the letter at `index` in the A to Z: the search
/// page's view, with that page's topics and every letter's link.
pub fn topics_page_view(
    site: &Site,
    index: usize,
    number: usize,
) -> (SearchPageView, Option<PagerView>) {
    let letters = site.letters();
    let letter = &letters[index];
    let pager = PagerView::of(
        letter.pages.len(),
        az::PAGE_SIZE,
        number,
        |n| site.url(Target::Topics(index, n)),
        site.words().text("pager.topics"),
    );
    let shown = pager::page_of(&letter.pages, az::PAGE_SIZE, number);
    let mut view = search_page_view(site);
    view.letters = vec![letter_view(site, letter, shown)];
    view.letter_pages = letter_links(site, letters, Some(index));
    (view, pager)
}

fn letter_view(site: &Site, letter: &az::Letter, pages: &[usize]) -> LetterView {
    LetterView {
        letter: letter.letter.clone(),
        links: pages.iter().map(|&i| link(site, i, None)).collect(),
    }
}

fn letter_links(site: &Site, letters: &[az::Letter], current: Option<usize>) -> Vec<LetterLink> {
    letters
        .iter()
        .enumerate()
        .map(|(i, letter)| LetterLink {
            letter: letter.letter.clone(),
            url: site.url(Target::Topics(i, 1)),
            count: letter.pages.len(),
            current: current == Some(i),
        })
        .collect()
}

impl SiteView {
    pub fn new(site: &Site) -> SiteView {
        let config = &site.config;
        let section_url = |folder: &str| site.section(folder).map(|i| site.pages[i].url.clone());
        SiteView {
            signs_url: section_url(SIGNS_DIR).filter(|_| site.has_signs()),
            voices_url: section_url(VOICES_DIR),
            directory_url: section_url(DIRECTORY_DIR).filter(|_| site.has_directory()),
            young_people_url: section_url(YOUNG_PEOPLE_DIR),
            preview: site.preview,
            footer_links: site
                .footer_navigation()
                .into_iter()
                .map(|i| link(site, i, None))
                .collect(),
            staying_safe_url: site
                .page_from_file(Path::new(STAYING_SAFE_PAGE))
                .map(|i| site.pages[i].url.clone()),
            search_index: site.has_search().then(|| site.url(Target::SearchPage)),
            title: config.title.clone(),
            description: config.description.clone(),
            partnership: config.partnership.clone(),
            language: config.languages()[site.lang.0].code.clone(),
            direction: config
                .is_multilingual()
                .then(|| config.languages()[site.lang.0].direction.as_str()),
            base_url: config.normalised_base_url(),
            home_url: site
                .home()
                .map_or_else(|| "/".into(), |i| site.pages[i].url.clone()),
            help_contacts: help::contacts(config, site.words()),
            young_people_help: help::young_people(&config.young_people_help, site.words()),
            help_times: help::times(config, &site.directory.bank_holidays),
            quick_exit: config
                .quick_exit
                .enabled
                .then(|| config.quick_exit.url.clone()),
            one_page_history: config.quick_exit.enabled && config.quick_exit.one_page_in_history,
            content_security_policy: crate::hosting::META_CSP,
        }
    }
}

pub use crate::phone::tel_link;
pub use navigation::{navigation, navigation_for_section};

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
    page_view_numbered(site, index, 1)
}

/// Page `number` of a page that lists its section's pages a page at a time; any other page
/// has only page 1. The introduction is shown on the first page only.
pub fn page_view_numbered(site: &Site, index: usize, number: usize) -> PageView {
    let page = &site.pages[index];
    let rendered = &site.rendered[index];
    let all_children = site.children(index);
    let (children, pager) = if routes::lists_its_pages(page) {
        let size = site.config.pagination.page_size;
        let url = |n: usize| match n {
            1 => page.url.clone(),
            n => site.url(Target::SectionPage(index, n)),
        };
        (
            pager::page_of(all_children, size, number),
            pager::PagerView::of(
                all_children.len(),
                size,
                number,
                url,
                site.words().text("pager.section"),
            ),
        )
    } else {
        (all_children, None)
    };
    let url = match number {
        1 => page.url.clone(),
        n => site.url(Target::SectionPage(index, n)),
    };
    let kind = if Some(index) == site.home() {
        PageKind::Home
    } else if page.is_section() {
        PageKind::Section
    } else {
        PageKind::Page
    };
    PageView {
        title: pager::paged_title(site.words(), &page.front.title, pager.as_ref()),
        description: page.front.description.clone(),
        permalink: site.permalink(&url),
        url,
        content: if number == 1 {
            rendered.html.clone()
        } else {
            String::new()
        },
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
        children: children.iter().map(|&c| link(site, c, None)).collect(),
        audience: page.front.audience,
        review_by: page
            .front
            .review_by
            .filter(|d| *d >= site.today)
            .map(|d| wording::date(site.words(), d)),
        review_overdue: page
            .front
            .review_by
            .filter(|d| *d < site.today && site.preview)
            .map(|d| wording::date(site.words(), d)),
        tags: page.front.tags.clone(),
        kind,
        pager,
        translations: Vec::new(),
        unchecked: unchecked_original(site, index),
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
        && let Some(band_index) = site
            .config
            .taxonomies
            .age_bands
            .iter()
            .position(|b| b.id == sign.band)
    {
        let band = &site.config.taxonomies.age_bands[band_index];
        crumbs.push(LinkView {
            title: band.label.clone(),
            url: site.url(Target::SignsBand(band_index)),
            description: String::new(),
            current: None,
        });
    }
    crumbs
}

/// The view of the "page not found" page, which has no source file.
pub fn not_found_view(site: &Site) -> PageView {
    PageView {
        breadcrumbs: Vec::new(),
        kind: PageKind::NotFound,
        ..generated_page_view(
            site,
            "",
            site.words().text("not_found.title").into(),
            String::new(),
            routes::NOT_FOUND.into(),
        )
    }
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
        review_overdue: None,
        tags: Vec::new(),
        kind: PageKind::Generated,
        pager: None,
        translations: Vec::new(),
        unchecked: None,
    }
}

/// The template a page is rendered with: the one its front matter names, else the one for
/// what it is (a sign cell, a section signpost fills, the home page, a section or a page).
pub fn template_for(site: &Site, index: usize) -> String {
    let page = &site.pages[index];
    if let Some(template) = &page.front.template {
        return template.clone();
    }
    let heads = |folder: &str| site.section(folder) == Some(index);
    let name = if page.sign().is_some() {
        "sign.html"
    } else if site.has_signs() && heads(SIGNS_DIR) {
        "signs.html"
    } else if heads(VOICES_DIR) {
        "voices.html"
    } else if site.has_directory() && heads(DIRECTORY_DIR) {
        "directory.html"
    } else if !site.figures.is_empty() && heads(FIGURES_PAGE_DIR) {
        "figures.html"
    } else if Some(index) == site.home() {
        "home.html"
    } else if page.is_section() {
        "section.html"
    } else {
        "page.html"
    };
    name.to_string()
}
