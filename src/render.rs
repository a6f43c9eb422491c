//! The site model to a list of output files: pages through templates, plus 404.html,
//! sitemap.xml and robots.txt. No I/O happens here.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
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
    targets.extend([Target::NotFound, Target::Sitemap, Target::Robots]);
    targets
}

/// What the site publishes at `path` (`/worried/`, `/sitemap.xml`), if anything.
pub fn target_at(site: &Site, path: &str) -> Option<Target> {
    match path {
        "/404.html" => return Some(Target::NotFound),
        "/sitemap.xml" => return Some(Target::Sitemap),
        "/robots.txt" => return Some(Target::Robots),
        _ => {}
    }
    if let Some(index) = site.page_at(path) {
        return Some(Target::Page(index));
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
        format!("Signs of neglect: {}", band.label),
        format!(
            "What neglect can look like for {}, for each type of neglect.",
            band.label.to_lowercase()
        ),
        signs::band_url(&band.id),
    );
    let voices = signs_views::matching(site, Some(&band.id), None, 3);
    render_generated(
        site,
        site_view,
        templates,
        "signs-band.html",
        page,
        signs_views::band(site, index),
        voices,
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
        category.label.clone(),
        category.description.clone(),
        signs::category_url(&category.id),
    );
    let voices = signs_views::matching(site, None, Some(&category.id), 3);
    render_generated(
        site,
        site_view,
        templates,
        "signs-category.html",
        page,
        signs_views::category(site, index),
        voices,
    )
}

/// A page signpost makes itself, in the signs section.
fn render_generated(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
    template: &str,
    page: views::PageView,
    signs: signs_views::SignsView,
    voices: Vec<usize>,
) -> Result<OutputFile, Diagnostic> {
    let path = output_path(&page.url);
    let context = PageContext {
        site: site_view,
        page,
        nav: views::navigation_for_section(site, site.section(signs::SIGNS_DIR)),
        signs: Some(signs),
        voices: voices
            .into_iter()
            .map(|v| signs_views::voice_view(site, &site.voices[v]))
            .collect(),
    };
    let html = templates.render(template, &context, Path::new(template))?;
    Ok(OutputFile::new(path, html))
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
    };
    let html = templates.render("404.html", &context, Path::new("404.html"))?;
    Ok(OutputFile::new("404.html", html))
}

/// `/worried/what-to-do/` -> `worried/what-to-do/index.html`.
pub fn output_path(url: &str) -> PathBuf {
    Path::new(url.trim_start_matches('/')).join("index.html")
}

fn sitemap(site: &Site) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let generated = if site.has_signs() {
        signs::generated_urls(&site.config.taxonomies)
            .into_iter()
            .collect()
    } else {
        Vec::new()
    };
    let mut urls: Vec<&str> = site.pages.iter().map(|page| page.url.as_str()).collect();
    urls.extend(generated.iter().map(String::as_str));
    urls.sort_unstable();
    for url in urls {
        let mut loc = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut loc, &site.permalink(url));
        xml.push_str(&format!("  <url><loc>{loc}</loc></url>\n"));
    }
    xml.push_str("</urlset>\n");
    OutputFile::new("sitemap.xml", xml)
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
