//! Internal links: written to source files (`../signs/_index.md`, `@/signs/_index.md`) or as
//! site addresses (`/directory/`), resolved through the route table to the addresses the site
//! publishes. Anchors are recorded here and checked by the validation stage once every page's
//! headings are known.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::content::markdown::{LinkError, LinkResolver, Resolved};
use crate::content::page::Page;
use crate::routes::{Routes, Target};

/// Everything a link may point at.
pub struct LinkIndex<'a> {
    /// Page index by its file, relative to content/.
    pages: HashMap<&'a Path, usize>,
    routes: &'a Routes,
    drafts: &'a HashSet<PathBuf>,
    /// Pages whose front matter failed: already reported, so links to them are not.
    unreadable: &'a HashSet<PathBuf>,
}

impl<'a> LinkIndex<'a> {
    pub fn new(
        pages: &'a [Page],
        routes: &'a Routes,
        drafts: &'a HashSet<PathBuf>,
        unreadable: &'a HashSet<PathBuf>,
    ) -> Self {
        LinkIndex {
            pages: pages
                .iter()
                .enumerate()
                .map(|(index, page)| (page.source.content_path.as_path(), index))
                .collect(),
            routes,
            drafts,
            unreadable,
        }
    }

    /// The resolver for links written in a file in `folder` (relative to content/); `page` is
    /// the page it is, so `#anchor` links can be checked (None for a voice, shown on many).
    pub fn for_file(&'a self, page: Option<usize>, folder: &'a Path) -> FileLinks<'a> {
        FileLinks {
            index: self,
            page,
            folder,
        }
    }

    /// The page a mistyped link most likely meant: a page with the same file name in another
    /// folder (`@/signs/teenagers/physical.md` meant `signs/12-plus/physical.md`), the one
    /// whose folder is most alike if there are several; else a file name that looks like a
    /// typo of the one written (a page that merely shares the folder is no suggestion).
    fn nearest_page(&self, written: &Path) -> Option<String> {
        let text = |path: &Path| path.to_string_lossy().into_owned();
        let name_of = |path: &Path| path.file_name().map(text_of).unwrap_or_default();
        let names: Vec<String> = self.pages.keys().map(|p| name_of(p)).collect();
        let written_name = name_of(written);
        let name = if names.contains(&written_name) {
            written_name
        } else {
            crate::suggest::nearest(&written_name, names.iter().map(String::as_str))?.to_string()
        };
        let folder = text(written.parent().unwrap_or(Path::new("")));
        self.pages
            .keys()
            .copied()
            .filter(|page| name_of(page) == name)
            .max_by(|a, b| {
                let score = |p: &Path| {
                    strsim::jaro_winkler(&folder, &text(p.parent().unwrap_or(Path::new(""))))
                };
                score(a).total_cmp(&score(b)).then_with(|| b.cmp(a))
            })
            .map(text)
    }
}

fn text_of(name: &std::ffi::OsStr) -> String {
    name.to_string_lossy().into_owned()
}

pub struct FileLinks<'a> {
    index: &'a LinkIndex<'a>,
    page: Option<usize>,
    folder: &'a Path,
}

impl LinkResolver for FileLinks<'_> {
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
                anchor: self.page.zip(anchor),
            }));
        }
        if path.starts_with('/') && !path.starts_with("//") {
            return self.resolve_address(path, anchor, dest);
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
            self.resolve_file(&content_path, anchor, dest)
        }
    }
}

impl FileLinks<'_> {
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
        let url = self.index.routes.url(Target::Page(index));
        let href = match &anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url,
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

    /// A file beside the pages (an image, a PDF), linked relative to this file.
    fn resolve_file(
        &self,
        target: &Path,
        anchor: Option<String>,
        dest: &str,
    ) -> Result<Option<Resolved>, LinkError> {
        let address = format!("/{}", target.to_string_lossy().replace('\\', "/"));
        if !matches!(self.index.routes.at(&address), Some(Target::File(_))) {
            return Err(LinkError {
                message: format!(
                    "the link `{dest}` points to content/{}, which does not exist",
                    target.display()
                ),
                help: "put the file inside content/ and link to it relative to this page".into(),
            });
        }
        let href = match anchor {
            Some(anchor) => format!("{address}#{anchor}"),
            None => address,
        };
        Ok(Some(Resolved { href, anchor: None }))
    }

    /// A link written as a site address (`/worried/`): allowed when the site publishes it.
    fn resolve_address(
        &self,
        path: &str,
        anchor: Option<String>,
        dest: &str,
    ) -> Result<Option<Resolved>, LinkError> {
        let routes = self.index.routes;
        let with_slash = format!("{}/", path.trim_end_matches('/'));
        let target = routes.at(path).or_else(|| routes.at(&with_slash));
        match target {
            Some(Target::Page(index)) => Ok(Some(Resolved {
                href: dest.to_string(),
                anchor: anchor.map(|a| (index, a)),
            })),
            Some(_) => Ok(None),
            None => Err(LinkError {
                message: format!("the link `{dest}` matches no page on this site"),
                help: "link to the page's source file instead, e.g. `@/worried/what-to-do.md`, so the link is checked and follows the page if it moves".into(),
            }),
        }
    }
}

/// Web addresses, email and phone links: anything with a scheme, or protocol-relative.
pub fn is_external(dest: &str) -> bool {
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
