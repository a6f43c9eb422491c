//! The site model to a list of output files: pages through templates, plus 404.html,
//! sitemap.xml and robots.txt. No I/O happens here.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::directory::{self, oruk, views as dir_views};
use crate::figures::{self, Address as FigureAddress, views as figure_views};
use crate::search;
use crate::signs::{self, views as signs_views};
use crate::site::Site;
use crate::templates::Templates;
use crate::views::{self, PageContext, SiteView};
use crate::voices;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Something the site publishes at one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Page(usize),
    /// A signs page for one age band (by its position in site.yaml).
    Band(usize),
    /// A signs page for one neglect category (by its position in site.yaml).
    Category(usize),
    /// A directory service's page (by its position among published services).
    Service(usize),
    /// A directory category's page (by its position in categories.yaml).
    DirectoryCategory(usize),
    /// The directory as an ORUK /services list, and one service as ORUK JSON.
    OrukList,
    OrukService(usize),
    /// The postcode district centres the directory's distance filter uses.
    Postcodes,
    /// The facts about each service that the directory's filters use.
    DirectoryFilters,
    /// The search page.
    SearchPage,
    /// A figure's page, its data as JSON and as CSV (by position in data/), and the list.
    FigurePage(usize),
    FigureJson(usize),
    FigureCsv(usize),
    FigureList,
    NotFound,
    Sitemap,
    Robots,
}

/// Everything the site publishes apart from static files.
pub fn targets(site: &Site) -> Vec<Target> {
    let mut targets: Vec<Target> = (0..site.pages.len()).map(Target::Page).collect();
    if site.has_signs() {
        targets.extend((0..site.config.taxonomies.age_bands.len()).map(Target::Band));
        targets.extend((0..site.config.taxonomies.neglect_categories.len()).map(Target::Category));
    }
    if site.has_directory() {
        let directory = &site.directory;
        targets.extend((0..directory.listings.len()).map(Target::Service));
        targets.extend((0..directory.categories.len()).map(Target::DirectoryCategory));
        targets.extend((0..directory.listings.len()).map(Target::OrukService));
        targets.extend([
            Target::OrukList,
            Target::Postcodes,
            Target::DirectoryFilters,
        ]);
    }
    if site.has_search() {
        targets.push(Target::SearchPage);
    }
    let figure_count = site.figures.list.len();
    targets.extend((0..figure_count).map(Target::FigurePage));
    targets.extend((0..figure_count).map(Target::FigureJson));
    targets.extend((0..figure_count).map(Target::FigureCsv));
    if figure_count > 0 {
        targets.push(Target::FigureList);
    }
    targets.extend([Target::NotFound, Target::Sitemap, Target::Robots]);
    targets
}

/// What the site publishes at `path` (`/worried/`, `/sitemap.xml`), if anything.
pub fn target_at(site: &Site, path: &str) -> Option<Target> {
    match path {
        "/404.html" => return Some(Target::NotFound),
        "/sitemap.xml" => return Some(Target::Sitemap),
        "/robots.txt" => return Some(Target::Robots),
        search::PAGE_URL if site.has_search() => return Some(Target::SearchPage),
        _ => {}
    }
    if let Some(index) = site.page_at(path) {
        return Some(Target::Page(index));
    }
    if let Some(target) = directory_target_at(site, path) {
        return Some(target);
    }
    if let Some(address) = figures::at_path(&site.figures, path) {
        return Some(match address {
            FigureAddress::Page(index) => Target::FigurePage(index),
            FigureAddress::Json(index) => Target::FigureJson(index),
            FigureAddress::Csv(index) => Target::FigureCsv(index),
            FigureAddress::List => Target::FigureList,
        });
    }
    if !site.has_signs() {
        return None;
    }
    let taxonomies = &site.config.taxonomies;
    let band = taxonomies
        .age_bands
        .iter()
        .position(|b| signs::band_url(&b.id) == path);
    let category = || {
        taxonomies
            .neglect_categories
            .iter()
            .position(|c| signs::category_url(&c.id) == path)
    };
    band.map(Target::Band)
        .or_else(|| category().map(Target::Category))
}

fn directory_target_at(site: &Site, path: &str) -> Option<Target> {
    if !site.has_directory() {
        return None;
    }
    let directory = &site.directory;
    if path == dir_views::API_LIST_PATH {
        return Some(Target::OrukList);
    }
    if path == dir_views::POSTCODES_PATH {
        return Some(Target::Postcodes);
    }
    if path == dir_views::FILTERS_PATH {
        return Some(Target::DirectoryFilters);
    }
    let listing = |url_of: fn(&str) -> String| {
        directory
            .listings
            .iter()
            .position(|l| url_of(&l.service.id) == path)
    };
    if let Some(index) = listing(dir_views::service_url) {
        return Some(Target::Service(index));
    }
    if let Some(index) = listing(dir_views::api_service_url) {
        return Some(Target::OrukService(index));
    }
    directory
        .categories
        .iter()
        .position(|c| dir_views::category_url(&c.id) == path)
        .map(Target::DirectoryCategory)
}

/// Renders every target, handing each file to `sink` as soon as it is ready (so a large site
/// is never held in memory whole).
pub fn render_site<F>(site: &Site, templates: &Templates, sink: F) -> Result<(), Diagnostics>
where
    F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let site_view = SiteView::new(site);
    let problems: Diagnostics = targets(site)
        .into_par_iter()
        .filter_map(|target| {
            render_target(site, &site_view, templates, target)
                .and_then(&sink)
                .err()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(())
}

pub fn render_target(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    target: Target,
) -> Result<OutputFile, Diagnostic> {
    match target {
        Target::Page(index) => render_page(site, site_view, templates, index),
        Target::Band(index) => render_band(site, site_view, templates, index),
        Target::Category(index) => render_category(site, site_view, templates, index),
        Target::Service(index) => render_service(site, site_view, templates, index),
        Target::DirectoryCategory(index) => {
            render_directory_category(site, site_view, templates, index)
        }
        Target::OrukList => Ok(json_file(
            dir_views::API_LIST_PATH,
            &oruk::list_json(&site.directory),
        )),
        Target::OrukService(index) => {
            let service = &site.directory.listings[index].service;
            Ok(json_file(
                &dir_views::api_service_url(&service.id),
                &oruk::service_json(service, &site.directory),
            ))
        }
        Target::Postcodes => Ok(json_file(
            dir_views::POSTCODES_PATH,
            &serde_json::json!(site.directory.districts),
        )),
        Target::DirectoryFilters => Ok(json_file(
            dir_views::FILTERS_PATH,
            &dir_views::filter_data(&site.directory),
        )),
        Target::SearchPage => render_search_page(site, site_view, templates),
        Target::FigurePage(index) => render_figure_page(site, site_view, templates, index),
        Target::FigureJson(index) => {
            let figure = &site.figures.list[index];
            let value = figure_views::json(figure, |url| site.permalink(url));
            Ok(json_file(&figures::json_url(&figure.name), &value))
        }
        Target::FigureCsv(index) => {
            let figure = &site.figures.list[index];
            let path = figures::csv_url(&figure.name);
            Ok(OutputFile::new(
                path.trim_start_matches('/'),
                figure_views::csv(figure),
            ))
        }
        Target::FigureList => Ok(json_file(
            figures::API_LIST_PATH,
            &figure_views::list_json(&site.figures, |url| site.permalink(url)),
        )),
        Target::NotFound => render_not_found(site, site_view, templates),
        Target::Sitemap => Ok(sitemap(site)),
        Target::Robots => Ok(robots(site)),
    }
}

fn render_page(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    index: usize,
) -> Result<OutputFile, Diagnostic> {
    let page = &site.pages[index];
    let template = template_for(site, index);
    if !templates.has(&template) {
        return Err(
            Diagnostic::error(format!("there is no template `{template}`"))
                .in_file(&page.source.path)
                .at(page.position_of_key("template"))
                .with_help(format!(
                    "add templates/{template} to the site, or choose one of: {}",
                    known_templates(templates)
                )),
        );
    }
    let context = PageContext {
        site: site_view,
        page: views::page_view(site, index),
        nav: views::navigation(site, index),
        signs: signs_views::for_page(site, index),
        voices: signs_views::voices_for_page(site, index),
        directory: (site.has_directory() && site.section(directory::PAGE_DIR) == Some(index))
            .then(|| dir_views::index(&site.directory)),
        support: support_for_page(site, index),
        search: None,
        figures: (!site.figures.is_empty() && site.section(figures::PAGE_DIR) == Some(index))
            .then(|| figure_views::index(&site.figures)),
    };
    let html = templates.render(&template, &context, &page.source.path)?;
    Ok(OutputFile::new(output_path(&page.url), html))
}

fn render_band(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    index: usize,
) -> Result<OutputFile, Diagnostic> {
    let band = &site.config.taxonomies.age_bands[index];
    let page = views::generated_page_view(
        site,
        signs::SIGNS_DIR,
        format!("Signs of neglect: {}", band.label),
        format!(
            "What neglect can look like for {}, for each type of neglect.",
            band.label.to_lowercase()
        ),
        signs::band_url(&band.id),
    );
    let extras = Extras {
        signs: Some(signs_views::band(site, index)),
        voices: signs_views::matching(site, Some(&band.id), None, 3),
        ..Extras::default()
    };
    render_generated(
        site,
        site_view,
        templates,
        "signs-band.html",
        signs::SIGNS_DIR,
        page,
        extras,
    )
}

fn render_category(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    index: usize,
) -> Result<OutputFile, Diagnostic> {
    let category = &site.config.taxonomies.neglect_categories[index];
    let page = views::generated_page_view(
        site,
        signs::SIGNS_DIR,
        category.label.clone(),
        category.description.clone(),
        signs::category_url(&category.id),
    );
    let extras = Extras {
        signs: Some(signs_views::category(site, index)),
        voices: signs_views::matching(site, None, Some(&category.id), 3),
        support: support_for(site, &category.id, None),
        ..Extras::default()
    };
    render_generated(
        site,
        site_view,
        templates,
        "signs-category.html",
        signs::SIGNS_DIR,
        page,
        extras,
    )
}

fn render_service(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    index: usize,
) -> Result<OutputFile, Diagnostic> {
    let service = &site.directory.listings[index].service;
    let view = dir_views::service_page(
        &site.directory,
        index,
        site.config.directory.report_changes_to.as_deref(),
        &site.config.normalised_base_url(),
    );
    let summary = view
        .service
        .as_ref()
        .map(|s| s.summary.summary.clone())
        .unwrap_or_default();
    let page = views::generated_page_view(
        site,
        directory::PAGE_DIR,
        service.name.clone(),
        summary,
        dir_views::service_url(&service.id),
    );
    let extras = Extras {
        directory: Some(view),
        ..Extras::default()
    };
    render_generated(
        site,
        site_view,
        templates,
        "service.html",
        directory::PAGE_DIR,
        page,
        extras,
    )
}

fn render_directory_category(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    index: usize,
) -> Result<OutputFile, Diagnostic> {
    let category = &site.directory.categories[index];
    let page = views::generated_page_view(
        site,
        directory::PAGE_DIR,
        category.label.clone(),
        category.description.clone(),
        dir_views::category_url(&category.id),
    );
    let extras = Extras {
        directory: Some(dir_views::category_page(&site.directory, index)),
        ..Extras::default()
    };
    render_generated(
        site,
        site_view,
        templates,
        "directory-category.html",
        directory::PAGE_DIR,
        page,
        extras,
    )
}

fn render_search_page(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
) -> Result<OutputFile, Diagnostic> {
    let page = views::generated_page_view(
        site,
        "",
        "Search".into(),
        "Find guidance, signs of neglect, young people's words and local services.".into(),
        search::PAGE_URL.into(),
    );
    let extras = Extras {
        search: Some(views::search_page_view(site)),
        ..Extras::default()
    };
    render_generated(site, site_view, templates, "search.html", "", page, extras)
}

fn render_figure_page(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    index: usize,
) -> Result<OutputFile, Diagnostic> {
    let figure = &site.figures.list[index];
    let (view, html) = figure_views::figure_page(&site.figures, index);
    let description = format!(
        "{}: the numbers, where they come from, and the data to download.",
        figure.title.trim_end_matches('.')
    );
    let mut page = views::generated_page_view(
        site,
        figures::PAGE_DIR,
        figure.title.clone(),
        description,
        figures::page_url(&figure.name),
    );
    page.content = html;
    let extras = Extras {
        figures: Some(view),
        ..Extras::default()
    };
    render_generated(
        site,
        site_view,
        templates,
        "figure.html",
        figures::PAGE_DIR,
        page,
        extras,
    )
}

/// What a generated page shows besides its own view.
#[derive(Default)]
struct Extras {
    signs: Option<signs_views::SignsView>,
    voices: Vec<usize>,
    directory: Option<dir_views::DirectoryView>,
    support: Vec<dir_views::ServiceSummary>,
    search: Option<views::SearchPageView>,
    figures: Option<figure_views::FiguresView>,
}

/// A page signpost makes itself, in the section headed by `section_folder`.
fn render_generated(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    template: &str,
    section_folder: &str,
    page: views::PageView,
    extras: Extras,
) -> Result<OutputFile, Diagnostic> {
    let path = output_path(&page.url);
    let context = PageContext {
        site: site_view,
        page,
        nav: views::navigation_for_section(site, site.section(section_folder)),
        signs: extras.signs,
        voices: extras
            .voices
            .into_iter()
            .map(|v| signs_views::voice_view(site, &site.voices[v]))
            .collect(),
        directory: extras.directory,
        support: extras.support,
        search: extras.search,
        figures: extras.figures,
    };
    let html = templates.render(template, &context, Path::new(template))?;
    Ok(OutputFile::new(path, html))
}

/// How many local services a page lists as support.
const SUPPORT_LIMIT: usize = 5;

/// Local services for a page: a sign page's category at its age band, or the neglect
/// categories a guidance page is tagged with.
fn support_for_page(site: &Site, index: usize) -> Vec<dir_views::ServiceSummary> {
    if !site.has_directory() {
        return Vec::new();
    }
    let page = &site.pages[index];
    if let Some(sign) = page.sign() {
        let band = site
            .config
            .taxonomies
            .age_bands
            .iter()
            .find(|b| b.id == sign.band);
        let ages = band.and_then(|b| b.min_age.or(b.max_age).map(|_| (b.min_age, b.max_age)));
        return support_for(site, &sign.category, ages);
    }
    let mut found: Vec<dir_views::ServiceSummary> = Vec::new();
    for tag in &page.front.tags {
        for summary in support_for(site, tag, None) {
            if found.len() < SUPPORT_LIMIT && !found.iter().any(|s| s.id == summary.id) {
                found.push(summary);
            }
        }
    }
    found
}

fn support_for(
    site: &Site,
    neglect_category: &str,
    ages: Option<(Option<u32>, Option<u32>)>,
) -> Vec<dir_views::ServiceSummary> {
    site.directory
        .helping_with(neglect_category, ages)
        .into_iter()
        .take(SUPPORT_LIMIT)
        .map(|i| dir_views::summary(&site.directory, &site.directory.listings[i]))
        .collect()
}

/// A JSON file at a site path.
fn json_file(path: &str, value: &serde_json::Value) -> OutputFile {
    let text = serde_json::to_string_pretty(value).expect("JSON serialises");
    OutputFile::new(path.trim_start_matches('/'), text)
}

fn template_for(site: &Site, index: usize) -> String {
    let page = &site.pages[index];
    if let Some(template) = &page.front.template {
        return template.clone();
    }
    if page.sign().is_some() {
        return "sign.html".into();
    }
    if site.has_signs() && site.section(signs::SIGNS_DIR) == Some(index) {
        return "signs.html".into();
    }
    if site.section(voices::VOICES_DIR) == Some(index) {
        return "voices.html".into();
    }
    if site.has_directory() && site.section(directory::PAGE_DIR) == Some(index) {
        return "directory.html".into();
    }
    if !site.figures.is_empty() && site.section(figures::PAGE_DIR) == Some(index) {
        return "figures.html".into();
    }
    if Some(index) == site.home() {
        "home.html".into()
    } else if page.is_section() {
        "section.html".into()
    } else {
        "page.html".into()
    }
}

fn known_templates(templates: &Templates) -> String {
    let mut names: Vec<&str> = templates
        .names()
        .filter(|n| !n.starts_with("partials/"))
        .collect();
    names.sort();
    names.join(", ")
}

fn render_not_found(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
) -> Result<OutputFile, Diagnostic> {
    let context = PageContext {
        site: site_view,
        page: views::not_found_view(site),
        nav: views::navigation_for_section(site, None),
        signs: None,
        voices: Vec::new(),
        directory: None,
        support: Vec::new(),
        search: None,
        figures: None,
    };
    let html = templates.render("404.html", &context, Path::new("404.html"))?;
    Ok(OutputFile::new("404.html", html))
}

/// `/worried/what-to-do/` -> `worried/what-to-do/index.html`.
pub fn output_path(url: &str) -> PathBuf {
    Path::new(url.trim_start_matches('/')).join("index.html")
}

/// Every page the site publishes, from its targets, so a new kind of page is in the sitemap
/// as soon as it is rendered.
fn sitemap(site: &Site) -> OutputFile {
    let mut urls: Vec<String> = targets(site)
        .into_iter()
        .filter_map(|t| page_url(site, t))
        .collect();
    urls.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let mut loc = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut loc, &site.permalink(&url));
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", xml)
}

/// The address of a target that is a page people read; None for data files and 404.html.
fn page_url(site: &Site, target: Target) -> Option<String> {
    let taxonomies = &site.config.taxonomies;
    let directory = &site.directory;
    match target {
        Target::Page(index) => Some(site.pages[index].url.clone()),
        Target::Band(index) => Some(signs::band_url(&taxonomies.age_bands[index].id)),
        Target::Category(index) => Some(signs::category_url(
            &taxonomies.neglect_categories[index].id,
        )),
        Target::Service(index) => Some(dir_views::service_url(
            &directory.listings[index].service.id,
        )),
        Target::DirectoryCategory(index) => {
            Some(dir_views::category_url(&directory.categories[index].id))
        }
        Target::SearchPage => Some(search::PAGE_URL.to_string()),
        Target::FigurePage(index) => Some(figures::page_url(&site.figures.list[index].name)),
        Target::OrukList
        | Target::OrukService(_)
        | Target::Postcodes
        | Target::DirectoryFilters
        | Target::FigureJson(_)
        | Target::FigureCsv(_)
        | Target::FigureList
        | Target::NotFound
        | Target::Sitemap
        | Target::Robots => None,
    }
}

fn robots(site: &Site) -> OutputFile {
    OutputFile::new(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.permalink("/sitemap.xml")
        ),
    )
}
