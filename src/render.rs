//! The site model to the files it publishes: each rendered route through its template or its
//! data, handed to a sink as soon as it is ready. No I/O happens here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::compact;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::directory::{Readers, oruk};
use crate::figures::views as figure_views;
use crate::layout::{DIRECTORY_DIR, FIGURES_PAGE_DIR};
use crate::output::{OutputFile, manifest};
use crate::render_cache::{self, Made, RenderCache};
use crate::routes::{self, Route, Target};
use crate::site::Site;
use crate::templates::Templates;
use crate::views::directory as dir_views;
use crate::views::signs as signs_views;
use crate::views::{self, PageContext, SiteView};

/// Where rendered files go: the build's staging folder, or nowhere for `check`.
pub type Sink<'a> = dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders every route the render stage owns, in each of the site's languages (`editions`, the
/// default language's first), handing each file to `sink` (so a large site is never held in
/// memory whole). With `reuse`, a page whose fingerprint an earlier build rendered is placed
/// from that build's file rather than rendered. A template error that many pages share is
/// reported once.
pub fn render_site(
    editions: &[&Site],
    templates: &Templates,
    sink: &Sink,
    reuse: Option<&Reuse>,
) -> Result<(), Diagnostics> {
    let views: Vec<SiteView> = editions.iter().map(|site| SiteView::new(site)).collect();
    let failures: Vec<(Diagnostic, &Route)> = editions[0]
        .routes
        .iter()
        .filter(|route| route.target.is_rendered())
        .collect::<Vec<_>>()
        .into_par_iter()
        .filter_map(|route| {
            let lang = route.lang.0;
            let rendering = rendering(editions[lang], &views[lang], route);
            let written = match (rendering, reuse) {
                (Ok(Rendering::Page(page)), Some(reuse)) => {
                    reuse.page(templates, route, &page, sink)
                }
                (rendering, _) => rendering
                    .and_then(|rendering| rendering.render(templates, route))
                    .and_then(sink),
            };
            written.err().map(|problem| (problem, route))
        })
        .collect();
    if failures.is_empty() {
        return Ok(());
    }
    Err(group_by_cause(failures, editions))
}

/// What earlier builds rendered, and how to put one of their files in place.
pub struct Reuse<'a> {
    pub cache: &'a RenderCache,
    /// Places the earlier file with these bytes at the address; false if there is none.
    pub place: &'a (dyn Fn(&Path, Made) -> bool + Sync),
}

impl Reuse<'_> {
    /// Places what an earlier build rendered of the page, or renders it into `sink`.
    fn page(
        &self,
        templates: &Templates,
        route: &Route,
        page: &Page,
        sink: &Sink,
    ) -> Result<(), Diagnostic> {
        let templates_fingerprint = templates.fingerprint(route.lang);
        let fingerprint =
            render_cache::fingerprint(templates_fingerprint, &page.template, &page.context);
        let earlier = fingerprint.and_then(|f| Some((f, self.cache.earlier(f)?)));
        if let Some((fingerprint, made)) = earlier
            && (self.place)(&route.output, made)
        {
            self.cache.remember(fingerprint, made);
            return Ok(());
        }
        let file = page.render(templates, route)?;
        if let Some(fingerprint) = fingerprint {
            let made = Made {
                hash: manifest::hash(&file.bytes),
                size: file.bytes.len() as u64,
            };
            self.cache.remember(fingerprint, made);
        }
        sink(file)
    }
}

/// One diagnostic per distinct problem: a template mistake breaks every page that uses the
/// template, and is one thing to fix.
fn group_by_cause(failures: Vec<(Diagnostic, &Route)>, editions: &[&Site]) -> Diagnostics {
    let mut groups: BTreeMap<(String, String), (Diagnostic, Vec<&Route>)> = BTreeMap::new();
    for (problem, target) in failures {
        let key = (problem.location(), problem.message.clone());
        groups
            .entry(key)
            .or_insert_with(|| (problem, Vec::new()))
            .1
            .push(target);
    }
    groups
        .into_values()
        .map(|(problem, routes)| with_affected_pages(problem, &routes, editions))
        .collect()
}

fn with_affected_pages(problem: Diagnostic, routes: &[&Route], editions: &[&Site]) -> Diagnostic {
    let mut pages: Vec<String> = routes
        .iter()
        .map(|route| match route.target {
            Target::Page(index) => editions[route.lang.0].pages[index]
                .source
                .path
                .display()
                .to_string(),
            _ => route.address.clone(),
        })
        .collect();
    pages.sort_unstable();
    let affected = match pages.as_slice() {
        [] => return problem,
        [one] => format!("it breaks {one}"),
        [first, ..] => format!("it breaks {} pages, such as {first}", pages.len()),
    };
    let help = match &problem.help {
        Some(help) => format!("{help}; {affected}"),
        None => affected,
    };
    problem.with_help(help)
}

/// Renders what `route` publishes.
pub fn render_route(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    route: &Route,
) -> Result<OutputFile, Diagnostic> {
    rendering(site, site_view, route)?.render(templates, route)
}

/// What a route publishes, before any template is run: a page's template and context, or
/// the bytes of a file made from data.
enum Rendering<'a> {
    Page(Box<Page<'a>>),
    Data(Vec<u8>),
}

/// A page to render: its template and context, and the file a template error is reported
/// against (the page's source, or the template).
struct Page<'a> {
    template: String,
    context: PageContext<'a>,
    source: PathBuf,
}

impl Rendering<'_> {
    fn render(self, templates: &Templates, route: &Route) -> Result<OutputFile, Diagnostic> {
        match self {
            Rendering::Page(page) => page.render(templates, route),
            Rendering::Data(bytes) => Ok(OutputFile::new(route.output.clone(), bytes)),
        }
    }
}

impl Page<'_> {
    fn render(&self, templates: &Templates, route: &Route) -> Result<OutputFile, Diagnostic> {
        let html = templates.render(route.lang, &self.template, &self.context, &self.source)?;
        let bytes = compact::collapse_indentation(html).into_bytes();
        Ok(OutputFile::new(route.output.clone(), bytes))
    }
}

/// The template and context of a page `route` publishes, or the bytes of its data file.
fn rendering<'a>(
    site: &'a Site,
    site_view: &'a SiteView,
    route: &Route,
) -> Result<Rendering<'a>, Diagnostic> {
    let json = |value: &serde_json::Value| {
        Rendering::Data(
            serde_json::to_string_pretty(value)
                .expect("JSON serialises")
                .into_bytes(),
        )
    };
    let page = |template: &str, mut context: PageContext<'a>| {
        context.page.translations = views::translations(site, route);
        Ok(Rendering::Page(Box::new(Page {
            template: template.to_string(),
            context,
            source: template_file(site, route.target, template),
        })))
    };
    match route.target {
        Target::Page(index) => page(
            &views::template_for(site, index),
            page_context(site, site_view, index, 1),
        ),
        Target::SectionPage(index, number) => page(
            &views::template_for(site, index),
            page_context(site, site_view, index, number),
        ),
        Target::SignsBand(index) => page("signs-band.html", band_context(site, site_view, index)),
        Target::SignsCategory(index) => page(
            "signs-category.html",
            category_context(site, site_view, index),
        ),
        Target::Service(index) => page("service.html", service_context(site, site_view, index)),
        Target::DirectoryCategory(index) => page(
            "directory-category.html",
            directory_category_context(site, site_view, index, 1),
        ),
        Target::DirectoryCategoryPage(index, number) => page(
            "directory-category.html",
            directory_category_context(site, site_view, index, number),
        ),
        Target::DirectoryPage(number) => page(
            "directory.html",
            directory_page_context(site, site_view, number),
        ),
        Target::SearchPage => page("search.html", search_context(site, site_view)),
        Target::Topics(index, number) => page(
            "topics.html",
            topics_context(site, site_view, index, number),
        ),
        Target::NotFound => page("404.html", not_found_context(site, site_view)),
        Target::Feed(file) => {
            let base_url = site.config.normalised_base_url();
            Ok(json(
                &oruk::Feed::new(&site.directory, &base_url).render(file),
            ))
        }
        Target::Postcodes => Ok(json(&serde_json::json!(site.directory.districts))),
        Target::DirectoryFilters => Ok(json(&dir_views::filter_data(site))),
        Target::FigurePage(index) => page("figure.html", figure_context(site, site_view, index)),
        Target::FigureJson(index) => Ok(json(&figure_views::json(
            &site.figures.list[index],
            |url| site.permalink(url),
        ))),
        Target::FigureCsv(index) => Ok(Rendering::Data(
            figure_views::csv(&site.figures.list[index]).into_bytes(),
        )),
        Target::FigureList => Ok(json(&figure_views::list_json(&site.figures, |url| {
            site.permalink(url)
        }))),
        Target::Sitemap => Ok(Rendering::Data(sitemap(site).into_bytes())),
        Target::Robots => Ok(Rendering::Data(robots(site).into_bytes())),
        Target::File(_)
        | Target::SearchIndex
        | Target::Editor
        | Target::EditorConfig
        | Target::Host(_) => Err(Diagnostic::error(format!(
            "{} is written by another stage, not rendered",
            route.address
        ))),
    }
}

/// The file a template error is reported against: the page's source, or the template.
fn template_file(site: &Site, target: Target, template: &str) -> PathBuf {
    match target {
        Target::Page(index) => site.pages[index].source.path.clone(),
        _ => Path::new(template).to_path_buf(),
    }
}

/// Page `number` of a written page (only a long section has more than one).
fn page_context<'a>(
    site: &'a Site,
    site_view: &'a SiteView,
    index: usize,
    number: usize,
) -> PageContext<'a> {
    let is_directory = site.has_directory() && site.section(DIRECTORY_DIR) == Some(index);
    let directory = is_directory.then(|| dir_views::index(site, 1));
    let mut page = views::page_view_numbered(site, index, number);
    if let Some(listing) = &directory {
        page.pager = listing.pager.clone();
    }
    PageContext {
        site: site_view,
        page,
        nav: views::navigation(site, index),
        signs: signs_views::for_page(site, index),
        voices: signs_views::voices_for_page(site, index),
        directory,
        support: support_for_page(site, index),
        search: None,
        figures: (!site.figures.is_empty() && site.section(FIGURES_PAGE_DIR) == Some(index))
            .then(|| figure_views::index(&site.figures)),
    }
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
fn generated<'a>(
    site: &'a Site,
    site_view: &'a SiteView,
    section_folder: &str,
    page: views::PageView,
    extras: Extras,
) -> PageContext<'a> {
    PageContext {
        site: site_view,
        page,
        nav: views::navigation_for_section(site, site.section(section_folder)),
        signs: extras.signs,
        voices: extras
            .voices
            .into_iter()
            .map(|v| signs_views::voice_view(site, v))
            .collect(),
        directory: extras.directory,
        support: extras.support,
        search: extras.search,
        figures: extras.figures,
    }
}

fn band_context<'a>(site: &'a Site, site_view: &'a SiteView, index: usize) -> PageContext<'a> {
    let band = &site.config.taxonomies.age_bands[index];
    let words = site.words();
    let page = views::generated_page_view(
        site,
        crate::layout::SIGNS_DIR,
        words.fill("signs.band_title", &[("band", &band.label)]),
        words.fill(
            "signs.band_description",
            &[("band", &band.label.to_lowercase())],
        ),
        site.url(Target::SignsBand(index)),
    );
    let extras = Extras {
        signs: Some(signs_views::band(site, index)),
        voices: signs_views::matching(site, Some(&band.id), None, 3),
        ..Extras::default()
    };
    generated(site, site_view, crate::layout::SIGNS_DIR, page, extras)
}

fn category_context<'a>(site: &'a Site, site_view: &'a SiteView, index: usize) -> PageContext<'a> {
    let category = &site.config.taxonomies.neglect_categories[index];
    let page = views::generated_page_view(
        site,
        crate::layout::SIGNS_DIR,
        category.label.clone(),
        category.description.clone(),
        site.url(Target::SignsCategory(index)),
    );
    let extras = Extras {
        signs: Some(signs_views::category(site, index)),
        voices: signs_views::matching(site, None, Some(&category.id), 3),
        support: support_for(site, &category.id, &Readers::default()),
        ..Extras::default()
    };
    generated(site, site_view, crate::layout::SIGNS_DIR, page, extras)
}

fn service_context<'a>(site: &'a Site, site_view: &'a SiteView, index: usize) -> PageContext<'a> {
    let service = &site.directory.listings[index].service;
    let view = dir_views::service_page(site, index);
    let summary = view
        .service
        .as_ref()
        .map(|s| s.summary.summary.clone())
        .unwrap_or_default();
    let page = views::generated_page_view(
        site,
        DIRECTORY_DIR,
        service.name.clone(),
        summary,
        site.url(Target::Service(index)),
    );
    let extras = Extras {
        directory: Some(view),
        ..Extras::default()
    };
    generated(site, site_view, DIRECTORY_DIR, page, extras)
}

fn directory_category_context<'a>(
    site: &'a Site,
    site_view: &'a SiteView,
    index: usize,
    number: usize,
) -> PageContext<'a> {
    let category = &site.directory.categories[index];
    let view = dir_views::category_page(site, index, number);
    let target = match number {
        1 => Target::DirectoryCategory(index),
        n => Target::DirectoryCategoryPage(index, n),
    };
    let mut page = views::generated_page_view(
        site,
        DIRECTORY_DIR,
        views::pager::paged_title(site.words(), &category.label, view.pager.as_ref()),
        category.description.clone(),
        site.url(target),
    );
    page.pager = view.pager.clone();
    let extras = Extras {
        directory: Some(view),
        ..Extras::default()
    };
    generated(site, site_view, DIRECTORY_DIR, page, extras)
}

/// Page `number` (from 2) of the directory's services: the directory's page without its
/// introduction.
fn directory_page_context<'a>(
    site: &'a Site,
    site_view: &'a SiteView,
    number: usize,
) -> PageContext<'a> {
    let view = dir_views::index(site, number);
    let section = site.section(DIRECTORY_DIR).map(|i| &site.pages[i].front);
    let title = section.map_or(site.words().text("directory.title"), |front| {
        front.title.as_str()
    });
    let mut page = views::generated_page_view(
        site,
        DIRECTORY_DIR,
        views::pager::paged_title(site.words(), title, view.pager.as_ref()),
        section
            .map(|front| front.description.clone())
            .unwrap_or_default(),
        site.url(Target::DirectoryPage(number)),
    );
    page.pager = view.pager.clone();
    let extras = Extras {
        directory: Some(view),
        ..Extras::default()
    };
    generated(site, site_view, DIRECTORY_DIR, page, extras)
}

fn search_context<'a>(site: &'a Site, site_view: &'a SiteView) -> PageContext<'a> {
    let page = views::generated_page_view(
        site,
        "",
        site.words().text("search.title").into(),
        site.words().text("search.description").into(),
        routes::SEARCH_PAGE.into(),
    );
    let extras = Extras {
        search: Some(views::search_page_view(site)),
        ..Extras::default()
    };
    generated(site, site_view, "", page, extras)
}

fn topics_context<'a>(
    site: &'a Site,
    site_view: &'a SiteView,
    index: usize,
    number: usize,
) -> PageContext<'a> {
    let (search, pager) = views::topics_page_view(site, index, number);
    let letter = &search.letters[0].letter;
    let words = site.words();
    let title = words.fill("search.topics_title", &[("letter", letter)]);
    let mut page = views::generated_page_view(
        site,
        "",
        views::pager::paged_title(words, &title, pager.as_ref()),
        words.fill("search.topics_description", &[("letter", letter)]),
        site.url(Target::Topics(index, number)),
    );
    page.breadcrumbs.push(views::LinkView {
        title: words.text("search.title").into(),
        url: site.url(Target::SearchPage),
        description: String::new(),
        current: None,
    });
    page.pager = pager;
    let extras = Extras {
        search: Some(search),
        ..Extras::default()
    };
    generated(site, site_view, "", page, extras)
}

fn figure_context<'a>(site: &'a Site, site_view: &'a SiteView, index: usize) -> PageContext<'a> {
    let figure = &site.figures.list[index];
    let (view, html) = figure_views::figure_page(&site.figures, index);
    let description = format!(
        "{}: the numbers, where they come from, and the data to download.",
        figure.title.trim_end_matches('.')
    );
    let mut page = views::generated_page_view(
        site,
        FIGURES_PAGE_DIR,
        figure.title.clone(),
        description,
        site.url(Target::FigurePage(index)),
    );
    page.content = html;
    let extras = Extras {
        figures: Some(view),
        ..Extras::default()
    };
    generated(site, site_view, FIGURES_PAGE_DIR, page, extras)
}

fn not_found_context<'a>(site: &'a Site, site_view: &'a SiteView) -> PageContext<'a> {
    PageContext {
        site: site_view,
        page: views::not_found_view(site),
        nav: views::navigation_for_section(site, None),
        signs: None,
        voices: Vec::new(),
        directory: None,
        support: Vec::new(),
        search: None,
        figures: None,
    }
}

/// How many local services a page lists as support.
const SUPPORT_LIMIT: usize = 5;

/// Local services for a page: a sign page's category at its age band, or the neglect
/// categories a guidance page is tagged with, for the page's readers and age bands.
fn support_for_page(site: &Site, index: usize) -> Vec<dir_views::ServiceSummary> {
    if !site.has_directory() {
        return Vec::new();
    }
    let page = &site.pages[index];
    let readers = readers_of(site, page);
    let topics = match page.sign() {
        Some(sign) => std::slice::from_ref(&sign.category),
        None => page.front.tags.as_slice(),
    };
    let mut found: Vec<dir_views::ServiceSummary> = Vec::new();
    for topic in topics {
        for summary in support_for(site, topic, &readers) {
            if found.len() < SUPPORT_LIMIT && !found.iter().any(|s| s.id == summary.id) {
                found.push(summary);
            }
        }
    }
    found
}

/// Who reads a page, and the ages of its age bands that say how old they are.
fn readers_of(site: &Site, page: &crate::content::page::Page) -> Readers {
    let ages = site
        .config
        .taxonomies
        .age_bands
        .iter()
        .filter(|band| page.front.age_bands.contains(&band.id))
        .filter(|band| band.min_age.is_some() || band.max_age.is_some())
        .map(|band| (band.min_age, band.max_age))
        .collect();
    Readers {
        audience: page.front.audience,
        ages,
    }
}

fn support_for(
    site: &Site,
    neglect_category: &str,
    readers: &Readers,
) -> Vec<dir_views::ServiceSummary> {
    site.directory
        .helping_with(neglect_category, readers)
        .into_iter()
        .take(SUPPORT_LIMIT)
        .map(|i| dir_views::summary(site, i))
        .collect()
}

/// Every page people read, from the route table, so a new kind of page is in the sitemap as
/// soon as it has a route. On a site in several languages, each page lists its translations
/// (itself among them), as search engines read them from a sitemap.
fn sitemap(site: &Site) -> String {
    let mut routes: Vec<&Route> = site
        .routes
        .iter()
        .filter(|route| route.target.is_page())
        .collect();
    routes.sort_unstable_by(|a, b| a.address.cmp(&b.address));
    let languages = site.config.languages();
    let several = site.config.is_multilingual();
    let namespaces = if several {
        " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""
    } else {
        ""
    };
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"{namespaces}>\n"
    );
    for route in routes {
        let loc = escaped(&site.permalink(&route.address));
        let translations = site.routes.translations_of(route);
        if !several || translations.len() < 2 {
            xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
            continue;
        }
        xml.push_str(&format!("  <url><loc>{loc}</loc>\n"));
        for other in translations {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                languages[other.lang.0].code,
                escaped(&site.permalink(&other.address))
            ));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escaped(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Everything may be crawled but the browser editor, which is for staff.
fn robots(site: &Site) -> String {
    let editor = match site.routes.address(Target::Editor) {
        Some(address) => format!("Disallow: {address}\n"),
        None => String::new(),
    };
    format!(
        "User-agent: *\nAllow: /\n{editor}\nSitemap: {}\n",
        site.permalink(routes::SITEMAP)
    )
}
