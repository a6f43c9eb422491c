//! Internal links: written to source files (`../signs/_index.md`, `@/signs/_index.md`), resolved
//! to URLs, and their anchors checked once every page's headings are known.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::content::markdown::{AnchorCheck, Heading, LinkError, LinkResolver, Resolved};
use crate::content::page::Page;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Everything a link may point at.
pub struct LinkIndex<'a> {
    pages: HashMap<&'a Path, usize>,
    urls: &'a [String],
    /// Page index by URL, for links written as site paths.
    by_url: HashMap<&'a str, usize>,
    /// Pages made by signpost rather than written (the signs band and category pages).
    generated: &'a HashSet<String>,
    drafts: &'a HashSet<PathBuf>,
    /// Pages whose front matter failed: already reported, so links to them are not.
    unreadable: &'a HashSet<PathBuf>,
    assets: HashSet<&'a Path>,
}

impl<'a> LinkIndex<'a> {
    pub fn new(
        pages: &'a [Page],
        urls: &'a [String],
        generated: &'a HashSet<String>,
        drafts: &'a HashSet<PathBuf>,
        unreadable: &'a HashSet<PathBuf>,
        assets: &'a [PathBuf],
    ) -> Self {
        LinkIndex {
            pages: pages
                .iter()
                .enumerate()
                .map(|(index, page)| (page.source.content_path.as_path(), index))
                .collect(),
            urls,
            by_url: urls
                .iter()
                .enumerate()
                .map(|(index, url)| (url.as_str(), index))
                .collect(),
            generated,
            drafts,
            unreadable,
            assets: assets.iter().map(PathBuf::as_path).collect(),
        }
    }

    /// The resolver for links written in page `page`, whose file sits in `folder`.
    pub fn for_page(&'a self, page: usize, folder: &'a Path) -> PageLinks<'a> {
        PageLinks {
            index: self,
            page,
            folder,
        }
    }

    fn nearest_page(&self, written: &Path) -> Option<String> {
        let written = written.to_string_lossy();
        let candidates: Vec<String> = self
            .pages
            .keys()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        crate::suggest::nearest(&written, candidates.iter().map(String::as_str)).map(str::to_string)
    }
}

pub struct PageLinks<'a> {
    index: &'a LinkIndex<'a>,
    page: usize,
    folder: &'a Path,
}

impl LinkResolver for PageLinks<'_> {
    fn resolve(&self, dest: &str) -> Result<Option<Resolved>, LinkError> {
        if dest.is_empty() || is_external(dest) {
            return Ok(None);
        }
        let (path, anchor) = match dest.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_string())),
            None => (dest, None),
        };
        if path.is_empty() {
            return Ok(Some(Resolved {
                href: dest.to_string(),
                anchor: anchor.map(|a| (self.page, a)),
            }));
        }
        if path.starts_with('/') && !path.starts_with("//") {
            return self.resolve_site_path(path, dest);
        }
        let content_path = match path.strip_prefix("@/") {
            Some(from_root) => normalise(Path::new(from_root)),
            None => normalise(&self.folder.join(path)),
        }
        .ok_or_else(|| LinkError {
            message: format!("the link `{dest}` points outside the content folder"),
            help: "link to a file inside content/, e.g. `@/worried/what-to-do.md`".into(),
        })?;
        if content_path.extension().is_some_and(|ext| ext == "md") {
            self.resolve_page(&content_path, anchor, dest)
        } else {
            self.resolve_asset(&content_path, anchor, dest)
        }
    }
}

impl PageLinks<'_> {
    fn resolve_page(
        &self,
        target: &Path,
        anchor: Option<String>,
        dest: &str,
    ) -> Result<Option<Resolved>, LinkError> {
        let Some(&index) = self.index.pages.get(target) else {
            if self.index.unreadable.contains(target) {
                return Ok(None);
            }
            return Err(self.missing_page(target, dest));
        };
        let url = &self.index.urls[index];
        let href = match &anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url.clone(),
        };
        Ok(Some(Resolved {
            href,
            anchor: anchor.map(|a| (index, a)),
        }))
    }

    fn missing_page(&self, target: &Path, dest: &str) -> LinkError {
        let shown = Path::new("content").join(target);
        if self.index.drafts.contains(target) {
            return LinkError {
                message: format!("the link `{dest}` points to {}, which is a draft", shown.display()),
                help: "publish that page (remove `draft: true`) or remove the link; `--drafts` builds drafts too".into(),
            };
        }
        let help = match self.index.nearest_page(target) {
            Some(near) => format!("did you mean content/{near}? Links are written to the .md file, relative to this file or from content/ with `@/`"),
            None => "links are written to the .md file, relative to this file or from content/ with `@/`, e.g. `@/worried/what-to-do.md`".into(),
        };
        LinkError {
            message: format!(
                "the link `{dest}` points to {}, which does not exist",
                shown.display()
            ),
            help,
        }
    }

    fn resolve_asset(
        &self,
        target: &Path,
        anchor: Option<String>,
        dest: &str,
    ) -> Result<Option<Resolved>, LinkError> {
        if !self.index.assets.contains(target) {
            return Err(LinkError {
                message: format!(
                    "the link `{dest}` points to content/{}, which does not exist",
                    target.display()
                ),
                help: "put the file inside content/ and link to it relative to this page".into(),
            });
        }
        let mut href = format!("/{}", target.to_string_lossy().replace('\\', "/"));
        if let Some(anchor) = anchor {
            href = format!("{href}#{anchor}");
        }
        Ok(Some(Resolved { href, anchor: None }))
    }

    /// A link written as a site path (`/worried/`): allowed when a page or file has that path.
    fn resolve_site_path(&self, path: &str, dest: &str) -> Result<Option<Resolved>, LinkError> {
        let with_slash = format!("{}/", path.trim_end_matches('/'));
        if let Some(&index) = self.index.by_url.get(with_slash.as_str()) {
            let anchor = dest.split_once('#').map(|(_, a)| (index, a.to_string()));
            return Ok(Some(Resolved {
                href: dest.to_string(),
                anchor,
            }));
        }
        if self.index.generated.contains(&with_slash)
            || self
                .index
                .assets
                .contains(Path::new(path.trim_start_matches('/')))
        {
            return Ok(None);
        }
        Err(LinkError {
            message: format!("the link `{dest}` matches no page on this site"),
            help: "link to the page's source file instead, e.g. `@/worried/what-to-do.md`, so the link is checked and follows the page if it moves".into(),
        })
    }
}

/// Web addresses, email and phone links: anything with a scheme, or protocol-relative.
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => !dest[..colon].contains('/') && !dest.starts_with("@/"),
        None => false,
    }
}

/// Resolves `.` and `..`; None if the path climbs above the content root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// Every anchor link must name a heading on its target page.
pub fn check_anchors(
    checks: &[(usize, Vec<AnchorCheck>)],
    headings: &[Vec<Heading>],
    pages: &[Page],
) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for (source, anchors) in checks {
        let page = &pages[*source];
        for check in anchors {
            let target_headings = &headings[check.target];
            if target_headings.iter().any(|h| h.id == check.anchor) || is_footnote(&check.anchor) {
                continue;
            }
            let target = &pages[check.target];
            let known = target_headings
                .iter()
                .map(|h| format!("#{}", h.id))
                .collect::<Vec<_>>();
            let help = match crate::suggest::nearest(
                &format!("#{}", check.anchor),
                known.iter().map(String::as_str),
            ) {
                Some(near) => format!(
                    "did you mean `{near}`? The headings there are: {}",
                    known.join(", ")
                ),
                None if known.is_empty() => "that page has no headings to link to".to_string(),
                None => format!("the headings there are: {}", known.join(", ")),
            };
            problems.push(
                Diagnostic::error(format!(
                    "the link points to `#{}` in {}, but no heading there has that anchor",
                    check.anchor,
                    target.source.path.display()
                ))
                .in_file(&page.source.path)
                .at(page.position_in_body(check.offset))
                .with_help(help),
            );
        }
    }
    problems
}

/// pulldown-cmark's footnote anchors are generated, not headings.
fn is_footnote(anchor: &str) -> bool {
    anchor.starts_with("fn")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_external_links() {
        assert!(is_external("https://www.nspcc.org.uk/"));
        assert!(is_external("tel:08001111"));
        assert!(is_external("mailto:a@b.uk"));
        assert!(!is_external("../signs/_index.md"));
        assert!(!is_external("@/signs/_index.md"));
    }

    #[test]
    fn normalises_relative_paths() {
        assert_eq!(
            normalise(Path::new("worried/../signs/_index.md")),
            Some(PathBuf::from("signs/_index.md"))
        );
        assert_eq!(normalise(Path::new("../x.md")), None);
    }
}
