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

/// Renders every page, 404.html, sitemap.xml and robots.txt, handing each file to `sink` as
/// soon as it is ready (so a large site is never held in memory whole).
pub fn render_site<F>(site: &Site, templates: &Templates, sink: F) -> Result<(), Diagnostics>
where
    F: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let site_view = SiteView::new(site);
    let mut problems: Diagnostics = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|index| {
            render_page(site, &site_view, templates, index)
                .and_then(&sink)
                .err()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let extras = generated_pages(site, &site_view, templates)
        .into_iter()
        .chain([
            render_not_found(site, &site_view, templates),
            Ok(sitemap(site)),
            Ok(robots(site)),
        ]);
    for file in extras {
        if let Err(problem) = file.and_then(&sink) {
            problems.push(problem);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(())
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

/// The pages signpost makes itself: one per age band and one per neglect category.
fn generated_pages(
    site: &Site,
    site_view: &SiteView,
    templates: &Templates,
) -> Vec<Result<OutputFile, Diagnostic>> {
    if !site.has_signs() {
        return Vec::new();
    }
    let taxonomies = &site.config.taxonomies;
    let nav = views::navigation_for_section(site, site.section(signs::SIGNS_DIR));
    let bands = taxonomies.age_bands.iter().enumerate().map(|(i, band)| {
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
        ("signs-band.html", page, signs_views::band(site, i), voices)
    });
    let categories = taxonomies
        .neglect_categories
        .iter()
        .enumerate()
        .map(|(i, category)| {
            let page = views::generated_page_view(
                site,
                category.label.clone(),
                category.description.clone(),
                signs::category_url(&category.id),
            );
            let voices = signs_views::matching(site, None, Some(&category.id), 3);
            (
                "signs-category.html",
                page,
                signs_views::category(site, i),
                voices,
            )
        });
    bands
        .chain(categories)
        .map(|(template, page, signs, voices)| {
            let path = output_path(&page.url);
            let context = PageContext {
                site: site_view,
                page,
                nav: nav.clone(),
                signs: Some(signs),
                voices: voices
                    .into_iter()
                    .map(|v| signs_views::voice_view(site, &site.voices[v]))
                    .collect(),
            };
            let html = templates.render(template, &context, Path::new(template))?;
            Ok(OutputFile::new(path, html))
        })
        .collect()
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
