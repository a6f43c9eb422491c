//! A guidance page: typed front matter, its place in the site and its URL.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::SourceFile;
use super::front_matter;
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Position};

pub use crate::layout::SECTION_FILE;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub audience: Audience,
    /// The age bands (site.yaml) the page is about: its local support lists services for
    /// those ages.
    #[serde(default)]
    pub age_bands: Vec<String>,
    #[serde(default)]
    pub review_by: Option<Date>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
    /// On a translation: the fingerprint of the original's words it was made from.
    #[serde(default)]
    pub translated_from: Option<String>,
    /// On a translation: nobody has checked it yet, so pages say so and link to the original.
    #[serde(default)]
    pub unchecked_translation: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    #[default]
    Public,
    YoungPeople,
    Professionals,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: SourceFile,
    pub front: PageFrontMatter,
    pub body_offset: usize,
    /// A hash of the Markdown after the front matter, taken once when the file is read (see
    /// [`body_hash`]).
    pub body_hash: u64,
    /// The page's path on the site, always with a leading and trailing slash: `/worried/`.
    pub url: String,
    pub kind: PageKind,
}

/// What a page is, beyond its Markdown: a guidance page, or one cell of the signs matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Guidance,
    Sign(SignCell),
}

/// The signs of one neglect category at one age band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignCell {
    pub band: String,
    pub category: String,
    pub summary: String,
    pub young_people_summary: String,
}

/// XXH3 of a page's Markdown, by which the dev server tells whether a page it parsed again
/// reads as it did: taken when each file is read, on every core, so that a save does not hash
/// 10,000 pages' text again. It is not for telling apart text someone chose to collide.
pub fn body_hash(body: &str) -> u64 {
    twox_hash::XxHash3_64::oneshot(body.as_bytes())
}

impl Page {
    pub fn parse(source: SourceFile) -> Result<Page, Diagnostic> {
        let (front, split) = front_matter::parse::<PageFrontMatter>(&source.text, &source.path)?;
        check_title(&front.title, split.yaml, &source.path)?;
        let body_offset = split.body_offset;
        let url = url_for(&source.content_path, front.slug.as_deref()).map_err(|message| {
            let line = crate::yaml::locate_key(split.yaml, "slug", None).map_or(1, |(l, _)| l + 1);
            Diagnostic::error(message)
                .in_file(&source.path)
                .at(Position::new(line, 1))
                .with_help(
                    "a slug uses lower-case letters, digits and hyphens, e.g. `report-a-concern`",
                )
        })?;
        Ok(Page {
            body_hash: body_hash(&source.text[body_offset..]),
            source,
            front,
            body_offset,
            url,
            kind: PageKind::Guidance,
        })
    }

    pub fn sign(&self) -> Option<&SignCell> {
        match &self.kind {
            PageKind::Sign(cell) => Some(cell),
            PageKind::Guidance => None,
        }
    }

    /// The Markdown after the front matter; empty once [`Page::release_body`] has run.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// Drops the page's Markdown and keeps its front matter, for the positions of problems
    /// found later. A build calls this once every page is rendered to HTML: rendering the
    /// templates and indexing for search never read the Markdown, which at 10,000 pages is
    /// 60 MB held through the build's busiest stage.
    pub fn release_body(&mut self) {
        self.source.text = Arc::from(&self.source.text[..self.body_offset]);
    }

    pub fn is_section(&self) -> bool {
        self.source.content_path.file_name() == Some(SECTION_FILE.as_ref())
    }

    /// The folder (relative to content/) whose section this page belongs to, or which it heads.
    pub fn folder(&self) -> &Path {
        self.source.content_path.parent().unwrap_or(Path::new(""))
    }

    /// The file position of a byte offset in the body.
    pub fn position_in_body(&self, offset: usize) -> Position {
        Position::of_offset(&self.source.text, self.body_offset + offset)
    }

    /// The file position of a front matter key, for errors found after parsing.
    pub fn position_of_key(&self, key: &str) -> Position {
        let (line, column) =
            crate::yaml::locate_key(&self.source.text[..self.body_offset], key, None)
                .unwrap_or((1, 1));
        Position::new(line, column)
    }
}

/// The most characters a title may have: it is the page's heading, its tab's name and the
/// text of every link to it.
pub const MAX_TITLE: usize = 150;

/// A title must say something, briefly.
pub fn check_title(title: &str, yaml: &str, file: &Path) -> Result<(), Diagnostic> {
    let length = title.trim().chars().count();
    let problem = if length == 0 {
        "the title is empty"
    } else if length > MAX_TITLE {
        "the title is too long"
    } else {
        return Ok(());
    };
    let line = crate::yaml::locate_key(yaml, "title", None).map_or(1, |(line, _)| line + 1);
    Err(Diagnostic::error(format!("{problem} ({length} characters)"))
        .in_file(file)
        .at(Position::new(line, 1))
        .with_help(format!(
            "write what the page is about in a few words (at most {MAX_TITLE} characters), e.g. `title: What to do if you are worried`; it is the page's heading and the text of every link to it"
        )))
}

/// `about-neglect/types.md` -> `/about-neglect/types/`; `worried/_index.md` -> `/worried/`.
pub fn url_for(content_path: &Path, slug: Option<&str>) -> Result<String, String> {
    let mut segments: Vec<String> = content_path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| slug::slugify(c.as_os_str().to_string_lossy()))
        .collect();
    let is_section = content_path.file_name() == Some(SECTION_FILE.as_ref());
    if !is_section {
        let stem = content_path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let last = match slug {
            Some(slug) if slug::slugify(slug) == slug && !slug.is_empty() => slug.to_string(),
            Some(slug) => return Err(format!("slug `{slug}` cannot be used in a web address")),
            None => slug::slugify(stem),
        };
        segments.push(last);
    }
    let path = segments.join("/");
    Ok(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_clean() {
        assert_eq!(url_for(Path::new("_index.md"), None).unwrap(), "/");
        assert_eq!(
            url_for(Path::new("worried/_index.md"), None).unwrap(),
            "/worried/"
        );
        assert_eq!(
            url_for(Path::new("About Neglect/Types.md"), None).unwrap(),
            "/about-neglect/types/"
        );
        assert_eq!(
            url_for(Path::new("a/b.md"), Some("report")).unwrap(),
            "/a/report/"
        );
        assert!(url_for(Path::new("a/b.md"), Some("Not OK")).is_err());
    }

    #[test]
    fn a_released_page_keeps_its_front_matter_and_where_each_key_is() {
        let text = "---\ntitle: Food\n\nreview_by: 2027-01-01\n---\n\nWords of the page.\n";
        let source = SourceFile {
            path: "content/food.md".into(),
            content_path: "food.md".into(),
            lang: crate::language::Lang(0),
            text: text.into(),
        };
        let mut page = Page::parse(source).unwrap();
        let before = page.position_of_key("review_by");
        assert_eq!(page.body().trim(), "Words of the page.");
        page.release_body();
        assert_eq!(page.body(), "");
        assert_eq!(page.position_of_key("review_by"), before);
        assert_eq!(before, Position::new(4, 1));
        assert_eq!(page.front.title, "Food");
    }
}
