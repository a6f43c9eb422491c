//! The site model to a list of output files: pages through templates, plus 404.html,
//! sitemap.xml and robots.txt. No I/O happens here.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;
use crate::templates::Templates;
use crate::views::{self, PageContext, SiteView};

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
    let site_view = SiteView::new(&site.config);
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
    let extras = [
        render_not_found(site, &site_view, templates),
        Ok(sitemap(site)),
        Ok(robots(site)),
    ];
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
    };
    let html = templates.render(&template, &context, &page.source.path)?;
    Ok(OutputFile::new(output_path(&page.url), html))
}

fn template_for(site: &Site, index: usize) -> String {
    let page = &site.pages[index];
    if let Some(template) = &page.front.template {
        return template.clone();
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
        nav: views::navigation_from_home(site),
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
    for page in &site.pages {
        let mut loc = String::new();
        let _ = pulldown_cmark_escape::escape_html(&mut loc, &site.permalink(&page.url));
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
