//! The route table: every address the site publishes, each with exactly one owner.
//!
//! It is built once, after the sources are parsed and before anything is rendered. Rendering,
//! the sitemap, link checking and the dev server all read it, so nothing is published at an
//! address the table does not hold, and an address claimed twice is an error naming both
//! claimants rather than one file silently replacing another.
//!
//! A site in several languages claims its addresses once per language (`/worried/`,
//! `/pl/worried/`), all in the one table, so a page and a translation can never share an
//! address either; each route knows its language, and the routes of one page (or one page
//! signpost makes) in every language are its translations.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::az;
use crate::config::Taxonomies;
use crate::content::page::Page;
use crate::content::tree::SectionTree;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::directory::Directory;
use crate::directory::oruk::{Feed, FeedFile};
use crate::figures::{self, Figures};
use crate::hosting::{self, HostFile};
use crate::language::Lang;
use crate::layout::{DIRECTORY_DIR, FIGURES_PAGE_DIR, SIGNS_DIR, VOICES_DIR};

/// Something the site publishes at one address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A page written in content/: a guidance page, a section, or a sign cell.
    Page(usize),
    /// Page `n` (from 2) of a section's list of its pages (by the section page's index).
    SectionPage(usize, usize),
    /// The signs of neglect at one age band (by its position in site.yaml).
    SignsBand(usize),
    /// The signs of one neglect category (by its position in site.yaml).
    SignsCategory(usize),
    /// A directory service's page (by its position among published services).
    Service(usize),
    /// A directory category's page (by its position in categories.yaml).
    DirectoryCategory(usize),
    /// Page N (from 2) of the directory's list of services; page 1 is the directory's own page.
    DirectoryPage(usize),
    /// Page N (from 2) of a directory category's services.
    DirectoryCategoryPage(usize, usize),
    /// A file of the directory's Open Referral UK feed under /api/.
    Feed(FeedFile),
    /// The postcode district centres the directory's distance filter uses.
    Postcodes,
    /// The facts about each service that the directory's filters use.
    DirectoryFilters,
    /// A figure's own page, and its data as JSON and as CSV (by its position in data/).
    FigurePage(usize),
    FigureJson(usize),
    FigureCsv(usize),
    /// Every figure's name, title and data files, as JSON.
    FigureList,
    SearchPage,
    /// Page N (from 1) of the topics starting with one letter (by its place in the A to Z),
    /// when the site has too many topics for the search page to list.
    Topics(usize, usize),
    /// The search index's manifest; the search stage writes it with the rest of the index.
    SearchIndex,
    NotFound,
    Sitemap,
    Robots,
    /// The browser editor's page and its configuration, for staff; the editor stage makes
    /// them, and neither is listed in the sitemap or searched.
    Editor,
    EditorConfig,
    /// A file copied as it is, from static/ or from beside the pages (by its position).
    File(usize),
    /// A settings file for static hosts (`_headers`), which the hosting stage writes.
    Host(HostFile),
}

impl Target {
    /// True for pages people read, which the sitemap lists.
    pub fn is_page(self) -> bool {
        matches!(
            self,
            Target::Page(_)
                | Target::SignsBand(_)
                | Target::SignsCategory(_)
                | Target::Service(_)
                | Target::DirectoryCategory(_)
                | Target::FigurePage(_)
                | Target::SectionPage(..)
                | Target::DirectoryPage(_)
                | Target::DirectoryCategoryPage(..)
                | Target::SearchPage
                | Target::Topics(..)
        )
    }

    /// True for what the render stage makes from templates and data; false for files copied
    /// as they are and for the search index, which other stages write.
    pub fn is_rendered(self) -> bool {
        !matches!(
            self,
            Target::File(_)
                | Target::SearchIndex
                | Target::Editor
                | Target::EditorConfig
                | Target::Host(_)
        )
    }
}

/// One address and what is published there.
#[derive(Debug, Clone)]
pub struct Route {
    /// The address on the site: `/worried/` for a page, `/api/services.json` for a file.
    pub address: String,
    /// Where it is written, relative to the output folder: `worried/index.html`.
    pub output: PathBuf,
    pub target: Target,
    /// The language it is in; the default language for what has none (a copied file).
    pub lang: Lang,
    /// Its translations' routes (this one among them) by index, when the site has more than
    /// one language.
    translations: Option<usize>,
}

/// A file copied to the site as it is: where it comes from and where it goes.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    /// Relative to the site root: `static/favicon.ico`, `content/worried/leaflet.pdf`.
    pub source: PathBuf,
    /// Relative to the output folder: `favicon.ico`, `worried/leaflet.pdf`.
    pub output: PathBuf,
}

/// What the route table is built from: everything that claims an address, in one language.
pub struct Claims<'a> {
    /// The language of these claims; what belongs to no language (copied files, the feed,
    /// the sitemap) is claimed with the default language's.
    pub lang: Lang,
    /// Where this language's addresses start: empty for the default language, `/pl` for
    /// another.
    pub prefix: &'a str,
    pub pages: &'a [Page],
    pub taxonomies: &'a Taxonomies,
    pub directory: &'a Directory,
    pub figures: &'a Figures,
    pub files: &'a [CopiedFile],
    /// The site has a browser editor (cms/editor.yaml).
    pub editor: bool,
    /// The site's address (ending in `/`), which the feed's ids are made from.
    pub base_url: &'a str,
    /// Which section each page is in, so a long section gets numbered pages.
    pub tree: &'a SectionTree,
    /// How many items a page of a list shows.
    pub page_size: usize,
}

#[derive(Debug, Default)]
pub struct Routes {
    routes: Vec<Route>,
    by_output: HashMap<PathBuf, usize>,
    by_target: HashMap<(Lang, Target), usize>,
    /// The routes of each thing published in several languages, by language.
    translations: Vec<Vec<usize>>,
    groups: HashMap<Group, usize>,
    /// Double claims already reported, so a service whose id is taken is one error, not one
    /// per address it would have had.
    reported: HashSet<(String, String)>,
}

pub const SEARCH_PAGE: &str = "/search/";
pub const SEARCH_INDEX: &str = "/search/index.json";
pub const POSTCODES: &str = "/directory/postcodes.json";
pub const DIRECTORY_FILTERS: &str = "/directory/filters.json";
pub const NOT_FOUND: &str = "/404.html";
pub const SITEMAP: &str = "/sitemap.xml";
pub const ROBOTS: &str = "/robots.txt";
pub const EDITOR: &str = "/admin/";
pub const EDITOR_CONFIG: &str = "/admin/config.yml";

/// The address of the signs cell for `band` and `category`; the cell's file claims it.
pub fn sign_cell_address(band: &str, category: &str) -> String {
    format!("/{SIGNS_DIR}/{band}/{category}/")
}

/// What makes routes in different languages translations of each other: the same source
/// file (a page, or page `n` of its list), or the same page signpost makes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Group {
    Page(PathBuf, usize),
    Made(Target),
}

/// A claim on an address, with what it needs to be filed.
struct Claim<'a> {
    address: String,
    target: Target,
    claims: &'a Claims<'a>,
    /// Filed with its translations (a site in more than one language).
    translated: bool,
}

impl Routes {
    /// Builds the table from the claims of each language, the default language's first;
    /// every address claimed twice is an error naming both claimants.
    pub fn build(languages: &[Claims], problems: &mut Diagnostics) -> Routes {
        let mut routes = Routes::default();
        let translated = languages.len() > 1;
        for claims in languages {
            let made = generated(claims).into_iter();
            let pages = (claims.pages.iter().enumerate())
                .map(|(index, page)| (page.url.clone(), Target::Page(index)));
            for (address, target) in made.chain(pages) {
                let claim = Claim {
                    address,
                    target,
                    claims,
                    translated,
                };
                routes.claim(claim, languages, problems);
            }
            if !claims.lang.is_default() {
                continue;
            }
            for (index, file) in claims.files.iter().enumerate() {
                let claim = Claim {
                    address: format!("/{}", file.output.to_string_lossy().replace('\\', "/")),
                    target: Target::File(index),
                    claims,
                    translated: false,
                };
                routes.claim(claim, languages, problems);
            }
        }
        routes
    }

    fn claim(&mut self, claim: Claim, languages: &[Claims], problems: &mut Diagnostics) {
        let Claim {
            address,
            target,
            claims,
            translated,
        } = claim;
        let output = output_path(&address);
        if let Some(&first) = self.by_output.get(&output) {
            let first = &self.routes[first];
            let problem = double_claim(first, &languages[first.lang.0], target, &address, claims);
            if self
                .reported
                .insert((problem.location(), problem.message.clone()))
            {
                problems.push(problem);
            }
            return;
        }
        let index = self.routes.len();
        self.by_output.insert(output.clone(), index);
        self.by_target.insert((claims.lang, target), index);
        // A letter of one language's A to Z is no translation of another's.
        let translated = translated && !matches!(target, Target::Topics(..));
        let translations = translated.then(|| self.join(group_of(target, claims), index));
        self.routes.push(Route {
            address,
            output,
            target,
            lang: claims.lang,
            translations,
        });
    }

    /// Files route `index` with the others of `group`; returns the group's place.
    fn join(&mut self, group: Group, index: usize) -> usize {
        let next = self.translations.len();
        let place = *self.groups.entry(group).or_insert(next);
        if place == next {
            self.translations.push(Vec::new());
        }
        self.translations[place].push(index);
        place
    }

    /// The routes of `route` in every language it is published in (itself among them), in
    /// the order of the site's languages; just itself on a site in one language.
    pub fn translations_of<'a>(&'a self, route: &'a Route) -> Vec<&'a Route> {
        let Some(place) = route.translations else {
            return vec![route];
        };
        let mut all: Vec<&Route> = self.translations[place]
            .iter()
            .map(|&i| &self.routes[i])
            .collect();
        all.sort_by_key(|r| r.lang);
        all
    }

    pub fn iter(&self) -> impl Iterator<Item = &Route> {
        self.routes.iter()
    }

    /// What is published at `address` (`/worried/`, `/worried/index.html`, `/sitemap.xml`).
    pub fn at(&self, address: &str) -> Option<Target> {
        self.by_output
            .get(&output_path(address))
            .map(|&index| self.routes[index].target)
    }

    /// The route at `address`, if any.
    pub fn route_at(&self, address: &str) -> Option<&Route> {
        self.by_output
            .get(&output_path(address))
            .map(|&index| &self.routes[index])
    }

    /// The route of `target` in the default language, if the site publishes it.
    pub fn route_of(&self, target: Target) -> Option<&Route> {
        self.route_in(Lang::DEFAULT, target)
    }

    /// The route of `target` in `lang`, if the site publishes it in that language.
    pub fn route_in(&self, lang: Lang, target: Target) -> Option<&Route> {
        self.by_target
            .get(&(lang, target))
            .map(|&index| &self.routes[index])
    }

    /// The address of `target` in the default language, if the site publishes it.
    pub fn address(&self, target: Target) -> Option<&str> {
        self.address_in(Lang::DEFAULT, target)
    }

    /// The address of `target` in `lang`, if the site publishes it in that language.
    pub fn address_in(&self, lang: Lang, target: Target) -> Option<&str> {
        self.route_in(lang, target)
            .map(|route| route.address.as_str())
    }

    /// The address of a target that every view of it can assume exists.
    pub fn url(&self, target: Target) -> String {
        self.url_in(Lang::DEFAULT, target)
    }

    /// The address in `lang` of a target that every view of it can assume exists; what
    /// belongs to no language (the feed, a copied file) is at its one address.
    pub fn url_in(&self, lang: Lang, target: Target) -> String {
        self.address_in(lang, target)
            .or_else(|| self.address_in(Lang::DEFAULT, target))
            .unwrap_or_else(|| panic!("{target:?} has no route"))
            .to_string()
    }

    pub fn has(&self, target: Target) -> bool {
        self.has_in(Lang::DEFAULT, target)
    }

    pub fn has_in(&self, lang: Lang, target: Target) -> bool {
        self.by_target.contains_key(&(lang, target))
    }

    pub fn len(&self) -> usize {
        self.routes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.routes.is_empty()
    }
}

/// True when the site publishes the signs matrix's band and category pages.
pub fn has_signs(pages: &[Page]) -> bool {
    pages.iter().any(|page| page.sign().is_some())
}

/// True when there is something to search: a page besides the home page, or a service.
/// (Voices are searched too, but live on their section's page.)
pub fn has_search(pages: &[Page], directory: &Directory) -> bool {
    pages.iter().any(|page| page.url != "/") || !directory.is_empty()
}

/// The addresses signpost makes itself in one language, in a fixed order: the pages in the
/// language's own addresses, and (in the default language) what belongs to no language.
fn generated(claims: &Claims) -> Vec<(String, Target)> {
    let mut out: Vec<(String, Target)> = localized(claims)
        .into_iter()
        .map(|(address, target)| (format!("{}{address}", claims.prefix), target))
        .collect();
    if claims.lang.is_default() {
        out.extend(shared(claims));
    }
    out
}

/// What is published in each language: the signs' and the directory's pages, search, and the
/// pages of long sections.
fn localized(claims: &Claims) -> Vec<(String, Target)> {
    let mut out = Vec::new();
    if has_signs(claims.pages) {
        let taxonomies = claims.taxonomies;
        out.extend(
            taxonomies
                .age_bands
                .iter()
                .enumerate()
                .map(|(i, band)| (format!("/{SIGNS_DIR}/{}/", band.id), Target::SignsBand(i))),
        );
        out.extend(
            taxonomies
                .neglect_categories
                .iter()
                .enumerate()
                .map(|(i, category)| {
                    (
                        format!("/{SIGNS_DIR}/type/{}/", category.id),
                        Target::SignsCategory(i),
                    )
                }),
        );
    }
    let directory = claims.directory;
    if !directory.is_empty() {
        for (i, listing) in directory.listings.iter().enumerate() {
            let id = &listing.service.id;
            out.push((format!("/{DIRECTORY_DIR}/{id}/"), Target::Service(i)));
        }
        out.extend(
            directory
                .categories
                .iter()
                .enumerate()
                .map(|(i, category)| {
                    (
                        format!("/{DIRECTORY_DIR}/category/{}/", category.id),
                        Target::DirectoryCategory(i),
                    )
                }),
        );
        out.extend(list_pages(directory, claims.page_size));
        out.push((DIRECTORY_FILTERS.into(), Target::DirectoryFilters));
    }
    for (i, figure) in claims.figures.list.iter().enumerate() {
        out.push((figures::page_url(&figure.name), Target::FigurePage(i)));
    }
    if has_search(claims.pages, directory) {
        out.push((SEARCH_PAGE.into(), Target::SearchPage));
        out.push((SEARCH_INDEX.into(), Target::SearchIndex));
        out.extend(topic_pages(claims.pages));
    }
    out.extend(section_pages(claims));
    out
}

/// What belongs to no language: the directory's and the figures' open data, the browser
/// editor, "page not found" (hosts show the one /404.html for every missing address), the
/// sitemap, robots.txt and the hosts' settings files.
fn shared(claims: &Claims) -> Vec<(String, Target)> {
    let mut out = Vec::new();
    let directory = claims.directory;
    if !directory.is_empty() {
        let feed = Feed::new(directory, claims.base_url).files();
        out.extend(
            feed.into_iter()
                .map(|(address, file)| (address, Target::Feed(file))),
        );
        out.push((POSTCODES.into(), Target::Postcodes));
    }
    for (i, figure) in claims.figures.list.iter().enumerate() {
        out.push((figures::json_url(&figure.name), Target::FigureJson(i)));
        out.push((figures::csv_url(&figure.name), Target::FigureCsv(i)));
    }
    if !claims.figures.is_empty() {
        out.push((figures::API_LIST_PATH.into(), Target::FigureList));
    }
    if claims.editor {
        out.push((EDITOR.into(), Target::Editor));
        out.push((EDITOR_CONFIG.into(), Target::EditorConfig));
    }
    out.push((NOT_FOUND.into(), Target::NotFound));
    out.push((SITEMAP.into(), Target::Sitemap));
    out.push((ROBOTS.into(), Target::Robots));
    out.extend(
        hosting::published(!directory.is_empty())
            .into_iter()
            .map(|file| (file.address(), Target::Host(file))),
    );
    out
}

/// The group a route is filed in with its translations.
fn group_of(target: Target, claims: &Claims) -> Group {
    match target {
        Target::Page(index) => Group::Page(claims.pages[index].source.content_path.clone(), 1),
        Target::SectionPage(index, n) => {
            Group::Page(claims.pages[index].source.content_path.clone(), n)
        }
        other => Group::Made(other),
    }
}

/// The directory's list pages after the first: `/directory/page/2/`, and each category's,
/// `/directory/category/food/page/2/`.
fn list_pages(directory: &Directory, size: usize) -> Vec<(String, Target)> {
    let mut out: Vec<(String, Target)> = (2..=page_count(directory.listings.len(), size))
        .map(|n| {
            (
                format!("/{DIRECTORY_DIR}/page/{n}/"),
                Target::DirectoryPage(n),
            )
        })
        .collect();
    for (index, category) in directory.categories.iter().enumerate() {
        for n in 2..=page_count(directory.in_category(&category.id).len(), size) {
            out.push((
                format!("/{DIRECTORY_DIR}/category/{}/page/{n}/", category.id),
                Target::DirectoryCategoryPage(index, n),
            ));
        }
    }
    out
}

/// How many pages a list of `count` items takes at `size` a page (at least one).
pub fn page_count(count: usize, size: usize) -> usize {
    count.div_ceil(size.max(1)).max(1)
}

/// True for a section whose pages the section page lists (not the home page, nor the
/// sections signpost fills itself: the signs, voices, directory and figures).
pub fn lists_its_pages(page: &Page) -> bool {
    let folder = page.folder();
    page.is_section()
        && !folder.as_os_str().is_empty()
        && ![SIGNS_DIR, VOICES_DIR, DIRECTORY_DIR, FIGURES_PAGE_DIR]
            .iter()
            .any(|special| folder == Path::new(special))
}

/// A long section's pages after the first: `/worried/page/2/`.
fn section_pages(claims: &Claims) -> Vec<(String, Target)> {
    let mut out = Vec::new();
    for (index, page) in claims.pages.iter().enumerate() {
        if !lists_its_pages(page) {
            continue;
        }
        let pages = page_count(claims.tree.children[index].len(), claims.page_size);
        for n in 2..=pages {
            out.push((
                format!("{}page/{n}/", page.url),
                Target::SectionPage(index, n),
            ));
        }
    }
    out
}

/// Each letter's pages of the A to Z, when the search page cannot list every topic:
/// `/search/a-z/a/`, `/search/a-z/a/page/2/`.
fn topic_pages(pages: &[Page]) -> Vec<(String, Target)> {
    let letters = az::letters(pages);
    if !az::has_letter_pages(&letters) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (index, letter) in letters.iter().enumerate() {
        let first = topics_address(&letter.slug);
        out.push((first.clone(), Target::Topics(index, 1)));
        for n in 2..=page_count(letter.pages.len(), az::PAGE_SIZE) {
            out.push((format!("{first}page/{n}/"), Target::Topics(index, n)));
        }
    }
    out
}

/// The first page of the topics starting with the letter whose address segment is `slug`.
pub fn topics_address(slug: &str) -> String {
    format!("{SEARCH_PAGE}a-z/{slug}/")
}

/// `/worried/` -> `worried/index.html`; `/api/services.json` -> `api/services.json`.
pub fn output_path(address: &str) -> PathBuf {
    let path = address.split(['#', '?']).next().unwrap_or(address);
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || path.ends_with('/') {
        Path::new(relative).join("index.html")
    } else {
        PathBuf::from(relative)
    }
}

/// The service a target belongs to: its page and its Open Referral UK file are both its.
fn service_of(target: Target) -> Option<usize> {
    match target {
        Target::Service(index) | Target::Feed(FeedFile::Service(index)) => Some(index),
        _ => None,
    }
}

/// Who claims an address, as a message names it, and the file and line to point at.
struct Claimant {
    description: String,
    file: Option<(PathBuf, Position)>,
}

fn claimant(target: Target, claims: &Claims) -> Claimant {
    let built_in = |description: String| Claimant {
        description,
        file: None,
    };
    match target {
        Target::Page(index) => {
            let page = &claims.pages[index];
            let key = if page.sign().is_some() {
                "band"
            } else if page.front.slug.is_some() {
                "slug"
            } else {
                "title"
            };
            Claimant {
                description: page.source.path.display().to_string(),
                file: Some((page.source.path.clone(), page.position_of_key(key))),
            }
        }
        Target::SectionPage(index, n) => built_in(format!(
            "page {n} of the list of pages in {}, which signpost makes",
            claims.pages[index].source.path.display()
        )),
        Target::File(index) => {
            let source = &claims.files[index].source;
            Claimant {
                description: source.display().to_string(),
                file: Some((source.clone(), Position::new(1, 1))),
            }
        }
        Target::SignsBand(i) => built_in(format!(
            "the signs page signpost makes for the age band `{}`",
            claims.taxonomies.age_bands[i].id
        )),
        Target::SignsCategory(i) => built_in(format!(
            "the signs page signpost makes for the category `{}`",
            claims.taxonomies.neglect_categories[i].id
        )),
        Target::Service(i) | Target::Feed(FeedFile::Service(i)) => built_in(format!(
            "the page signpost makes for the service in {}",
            claims.directory.listings[i].file.display()
        )),
        Target::DirectoryCategory(i) | Target::DirectoryCategoryPage(i, _) => built_in(format!(
            "the page signpost makes for the directory category `{}`",
            claims.directory.categories[i].id
        )),
        Target::FigurePage(i) | Target::FigureJson(i) | Target::FigureCsv(i) => built_in(format!(
            "the page signpost makes for the figure in {}",
            claims.figures.list[i].file.display()
        )),
        Target::FigureList => built_in("the list of figures signpost makes".into()),
        Target::DirectoryPage(n) => built_in(format!(
            "page {n} of the directory's services, which signpost makes"
        )),
        Target::Feed(_) | Target::Postcodes | Target::DirectoryFilters => {
            built_in("a file signpost makes for the services directory".into())
        }
        Target::SearchPage | Target::SearchIndex | Target::Topics(..) => {
            built_in("the search page signpost makes".into())
        }
        Target::NotFound => built_in("the \"page not found\" page signpost makes".into()),
        Target::Sitemap => built_in("the sitemap signpost makes".into()),
        Target::Robots => built_in("the robots.txt signpost makes".into()),
        Target::Host(file) => built_in(format!(
            "the {} signpost makes for web hosts (yours in {} is added to it)",
            file.name(),
            crate::layout::STATIC_DIR
        )),
        Target::Editor | Target::EditorConfig => {
            built_in("the browser editor signpost makes (cms/editor.yaml)".into())
        }
    }
}

/// Two claims on one address: `first` (claimed in the language of `earlier`) and `second`.
fn double_claim(
    first: &Route,
    earlier: &Claims,
    second: Target,
    address: &str,
    claims: &Claims,
) -> Diagnostic {
    if let (Some(x), Some(y)) = (service_of(first.target), service_of(second)) {
        let listings = &claims.directory.listings;
        return Diagnostic::error(format!(
            "this service and {} both have the id `{}`",
            listings[x].file.display(),
            listings[y].service.id
        ))
        .in_file(&listings[y].file)
        .at(Position::new(1, 1))
        .with_help("give each service its own id (the file name without .yaml is a good choice)");
    }
    let (a, b) = (claimant(first.target, earlier), claimant(second, claims));
    if let (Target::Page(x), Target::Page(y)) = (first.target, second)
        && let (Some(cell), Some(_)) = (earlier.pages[x].sign(), claims.pages[y].sign())
    {
        let (file, at) = b.file.expect("a page has a file");
        return Diagnostic::error(format!(
            "this file and {} are both the signs for {} / {}",
            a.description, cell.band, cell.category
        ))
        .in_file(file)
        .at(at)
        .with_help("each age band and category has one file: merge the two, or change `band:` or `category:` in one");
    }
    // Point at a file the user wrote, preferring the later claimant.
    let (written, other) = match (&b.file, &a.file) {
        (Some(_), _) => (b, a),
        (None, Some(_)) => (a, b),
        (None, None) => {
            return Diagnostic::error(format!(
                "{} and {} would both be published at {address}",
                a.description, b.description
            ))
            .with_help("rename one of them so each has its own address");
        }
    };
    let (file, at) = written.file.expect("chosen for its file");
    let both_pages = matches!(first.target, Target::Page(_)) && matches!(second, Target::Page(_));
    let any_page = matches!(first.target, Target::Page(_)) || matches!(second, Target::Page(_));
    let (message, help) = if both_pages {
        (
            format!(
                "this page and {} both have the address {address}",
                other.description
            ),
            "give one of them a different file name, or a different `slug:`",
        )
    } else if any_page {
        (
            format!(
                "this page would be published at {address}, which {} already has",
                other.description
            ),
            "give the page another file name or another `slug:`. signpost makes these addresses itself: /search/, /signs/BAND/ and /signs/type/CATEGORY/, /directory/ID/, /directory/page/N/ and /directory/category/ID/, /api/, /404.html, /sitemap.xml and /robots.txt",
        )
    } else {
        (
            format!(
                "this file would be published at {address}, which {} already has",
                other.description
            ),
            "rename or move the file so it has its own address; files in static/ and beside the pages are published at their own paths",
        )
    };
    let help = if claims.editor && any_page {
        format!("{help}, and /admin/ for the browser editor")
    } else {
        help.to_string()
    };
    Diagnostic::error(message)
        .in_file(file)
        .at(at)
        .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_map_to_output_files() {
        assert_eq!(output_path("/"), PathBuf::from("index.html"));
        assert_eq!(
            output_path("/worried/"),
            PathBuf::from("worried/index.html")
        );
        assert_eq!(
            output_path("/worried/index.html"),
            PathBuf::from("worried/index.html")
        );
        assert_eq!(
            output_path("/api/services.json"),
            PathBuf::from("api/services.json")
        );
        assert_eq!(
            output_path("/worried/#top"),
            PathBuf::from("worried/index.html")
        );
    }
}
