//! Internal links: written to source files (`../signs/_index.md`, `@/signs/_index.md`) or as
//! site addresses (`/directory/`), resolved through the route table to the addresses the site
//! publishes. Anchors are recorded here and checked by the validation stage once every page's
//! headings are known.
//!
//! On a site in several languages, a link in a translation goes to the page in the same
//! language when there is one, else to the original (so a translator can leave links as they
//! are); a link to `about.pl.md` goes to that translation.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::content::markdown::{LinkError, LinkResolver, Resolved};
use crate::content::page::Page;
use crate::language::{self, Lang};
use crate::routes::{Routes, Target};

/// The pages of one language, and the files of it that are not pages.
pub struct Sources<'a> {
    pub pages: &'a [Page],
    pub drafts: &'a HashSet<PathBuf>,
    /// Pages whose front matter failed: already reported, so links to them are not.
    pub unreadable: &'a HashSet<PathBuf>,
}

/// One language's pages, by their file (relative to content/, without the language).
struct Pages<'a> {
    by_file: HashMap<&'a Path, usize>,
    drafts: &'a HashSet<PathBuf>,
    unreadable: &'a HashSet<PathBuf>,
}

/// Everything a link may point at.
pub struct LinkIndex<'a> {
    /// Each language's pages, the default language's first.
    languages: Vec<Pages<'a>>,
    routes: &'a Routes,
    /// The site's language codes, the default first.
    codes: &'a [&'a str],
}

impl<'a> LinkIndex<'a> {
    pub fn new(languages: &[Sources<'a>], routes: &'a Routes, codes: &'a [&'a str]) -> Self {
        LinkIndex {
            languages: languages
                .iter()
                .map(|sources| Pages {
                    by_file: sources
                        .pages
                        .iter()
                        .enumerate()
                        .map(|(index, page)| (page.source.content_path.as_path(), index))
                        .collect(),
                    drafts: sources.drafts,
                    unreadable: sources.unreadable,
                })
                .collect(),
            routes,
            codes,
        }
    }

    /// The links of the files written in `lang`.
    pub fn in_language(&'a self, lang: Lang) -> LanguageLinks<'a> {
        LanguageLinks { index: self, lang }
    }

    /// The page `file` is in `lang`, as (its language, its index), falling back to the
    /// original for a link that names no language.
    fn find(&self, lang: Lang, file: &Path, named: bool) -> Option<(Lang, usize)> {
        let find_in = |lang: Lang| {
            self.languages
                .get(lang.0)
                .and_then(|pages| pages.by_file.get(file))
                .map(|&index| (lang, index))
        };
        find_in(lang).or_else(|| (!named).then(|| find_in(Lang::DEFAULT)).flatten())
    }

    /// The page a mistyped link most likely meant: a page with the same file name in another
    /// folder (`@/signs/teenagers/physical.md` meant `signs/12-plus/physical.md`), the one
    /// whose folder is most alike if there are several; else a file name that looks like a
    /// typo of the one written (a page that merely shares the folder is no suggestion).
    fn nearest_page(&self, lang: Lang, written: &Path) -> Option<String> {
        let pages = &self.languages[lang.0].by_file;
        let text = |path: &Path| path.to_string_lossy().into_owned();
        let name_of = |path: &Path| path.file_name().map(text_of).unwrap_or_default();
        let names: Vec<String> = pages.keys().map(|p| name_of(p)).collect();
        let written_name = name_of(written);
        let name = if names.contains(&written_name) {
            written_name
        } else {
            crate::suggest::nearest(&written_name, names.iter().map(String::as_str))?.to_string()
        };
        let folder = text(written.parent().unwrap_or(Path::new("")));
        pages
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

/// The links of the files of one language.
pub struct LanguageLinks<'a> {
    index: &'a LinkIndex<'a>,
    lang: Lang,
}

impl<'a> LanguageLinks<'a> {
    /// The resolver for links written in a file in `folder` (relative to content/); `page` is
    /// the page it is, so `#anchor` links can be checked (None for a voice, shown on many).
    pub fn for_file(&'a self, page: Option<usize>, folder: &'a Path) -> FileLinks<'a> {
        FileLinks {
            index: self.index,
            lang: self.lang,
            page,
            folder,
        }
    }
}

pub struct FileLinks<'a> {
    index: &'a LinkIndex<'a>,
    lang: Lang,
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
        // On a site in several languages, a file name may name its language, the default
        // one's included (`about.en-GB.md` is the original of `about.pl.md`).
        let codes = if self.index.codes.len() > 1 {
            self.index.codes
        } else {
            &[]
        };
        let (lang, file, named) = match language::split_suffix(target, codes) {
            Some((original, index)) => (Lang(index), original, true),
            None => (self.lang, target.to_path_buf(), false),
        };
        let Some((found_in, index)) = self.index.find(lang, &file, named) else {
            let unreadable = |lang: Lang| self.index.languages[lang.0].unreadable.contains(&file);
            if unreadable(lang) || (!named && unreadable(Lang::DEFAULT)) {
                return Ok(None);
            }
            return Err(self.missing_page(lang, &file, target, dest));
        };
        let url = self.index.routes.url_in(found_in, Target::Page(index));
        let href = match &anchor {
            Some(anchor) => format!("{url}#{anchor}"),
            None => url,
        };
        // Anchors are checked against the pages of the file's own language.
        let anchor = anchor.filter(|_| found_in == self.lang);
        Ok(Some(Resolved {
            href,
            anchor: anchor.map(|a| (index, a)),
        }))
    }

    fn missing_page(&self, lang: Lang, file: &Path, target: &Path, dest: &str) -> LinkError {
        let shown = Path::new("content").join(target);
        if self.index.languages[lang.0].drafts.contains(file) {
            return LinkError {
                message: format!("the link `{dest}` points to {}, which is a draft", shown.display()),
                help: "publish that page (remove `draft: true`) or remove the link; `--drafts` builds drafts too".into(),
            };
        }
        let help = match self.index.nearest_page(lang, file) {
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
        let route = routes
            .route_at(path)
            .or_else(|| routes.route_at(&with_slash));
        match route.map(|r| (r.target, r.lang)) {
            Some((Target::Page(index), lang)) => Ok(Some(Resolved {
                href: dest.to_string(),
                anchor: anchor.filter(|_| lang == self.lang).map(|a| (index, a)),
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
