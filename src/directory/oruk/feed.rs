//! The static Open Referral UK feed: the UK profile's endpoints that a static host can serve,
//! each as files under /api/.
//!
//! | endpoint | file |
//! |---|---|
//! | `/` | `/api/index.json` |
//! | `/services` (and the other lists) | `/api/services/index.json`, and page N at `/api/services/pages/N.json` |
//! | `/services/{id}` | `/api/services/{id}.json` |
//! | `/taxonomies/{id}`, `/taxonomy_terms/{id}` | `/api/taxonomies/{id}.json`, `/api/taxonomy_terms/{id}.json` |
//!
//! `/api/services.json` is the whole directory in one file, for people who download it. A
//! host serves the endpoints at their ORUK paths through the rewrites in `hosting`.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::export::Publisher;
use super::vocabulary::{self, Vocabulary};
use crate::directory::Directory;
use crate::directory::service::Service;

/// Services (and other items) on each page of a list.
pub const PAGE_SIZE: usize = 50;

/// Where the feed lives on the site.
pub const BASE: &str = "/api";

/// The UK profile's `/` response: which standard this is, and where it is described.
pub const VERSION: &str = "HSDS-UK-3.0";
pub const PROFILE_URL: &str =
    "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md";
pub const OPENAPI_URL: &str = "https://docs.openreferraluk.org/en/latest/openapi30.json";

/// A list endpoint of the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    Services,
    ServiceAtLocations,
    Organizations,
    Taxonomies,
    TaxonomyTerms,
}

impl Endpoint {
    pub const ALL: [Endpoint; 5] = [
        Endpoint::Services,
        Endpoint::ServiceAtLocations,
        Endpoint::Organizations,
        Endpoint::Taxonomies,
        Endpoint::TaxonomyTerms,
    ];

    /// Its path segment: `services`.
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Services => "services",
            Endpoint::ServiceAtLocations => "service_at_locations",
            Endpoint::Organizations => "organizations",
            Endpoint::Taxonomies => "taxonomies",
            Endpoint::TaxonomyTerms => "taxonomy_terms",
        }
    }

    /// True for the lists whose items each have their own `/{id}` file too.
    pub fn has_item_files(self) -> bool {
        matches!(
            self,
            Endpoint::Services | Endpoint::Taxonomies | Endpoint::TaxonomyTerms
        )
    }
}

/// One file of the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFile {
    /// `/`: the version, profile and openapi_url.
    Root,
    /// The whole directory as one page of `/services`, with every service whole.
    Download,
    /// The first page of a list, at the list's own address.
    Index(Endpoint),
    /// Page N (from 1) of a list.
    Page(Endpoint, usize),
    /// `/services/{id}`: one published service (by its position), whole.
    Service(usize),
    /// `/taxonomies/{id}`, by position in `Vocabulary::ALL`.
    Taxonomy(usize),
    /// `/taxonomy_terms/{id}`, by position in `vocabulary::terms`.
    TaxonomyTerm(usize),
}

/// Everything one site's feed is made from.
#[derive(Clone, Copy)]
pub struct Feed<'a> {
    pub publisher: Publisher<'a>,
}

impl<'a> Feed<'a> {
    pub fn new(directory: &'a Directory, base_url: &'a str) -> Feed<'a> {
        Feed {
            publisher: Publisher {
                directory,
                ids: super::ids::Ids::new(base_url),
            },
        }
    }

    fn directory(&self) -> &'a Directory {
        self.publisher.directory
    }

    fn services(&self) -> impl Iterator<Item = &'a Service> {
        self.directory().listings.iter().map(|l| &l.service)
    }

    /// How many items a list has.
    pub fn count(&self, endpoint: Endpoint) -> usize {
        match endpoint {
            Endpoint::Services => self.directory().listings.len(),
            Endpoint::ServiceAtLocations => {
                self.services().map(|s| s.service_at_locations.len()).sum()
            }
            Endpoint::Organizations => self.organizations().len(),
            Endpoint::Taxonomies => Vocabulary::ALL.len(),
            Endpoint::TaxonomyTerms => vocabulary::terms(self.directory()).len(),
        }
    }

    pub fn pages(&self, endpoint: Endpoint) -> usize {
        self.count(endpoint).div_ceil(PAGE_SIZE).max(1)
    }

    /// Each organization once, by name, with the first website given for it.
    fn organizations(&self) -> Vec<(&'a str, Option<&'a str>)> {
        let mut seen = HashSet::new();
        self.services()
            .filter(|s| seen.insert(s.organization.name.as_str()))
            .map(|s| {
                (
                    s.organization.name.as_str(),
                    s.organization.website.as_deref(),
                )
            })
            .collect()
    }

    /// Every file of the feed and its address on the site, in a fixed order.
    pub fn files(&self) -> Vec<(String, FeedFile)> {
        let mut out = vec![
            (format!("{BASE}/index.json"), FeedFile::Root),
            (format!("{BASE}/services.json"), FeedFile::Download),
        ];
        for endpoint in Endpoint::ALL {
            out.push((
                format!("{BASE}/{}/index.json", endpoint.name()),
                FeedFile::Index(endpoint),
            ));
            for page in 1..=self.pages(endpoint) {
                out.push((page_address(endpoint, page), FeedFile::Page(endpoint, page)));
            }
        }
        let ids = self.publisher.ids;
        for (index, service) in self.services().enumerate() {
            out.push((
                item_address(Endpoint::Services, &ids.service(&service.id)),
                FeedFile::Service(index),
            ));
        }
        for (index, vocabulary) in Vocabulary::ALL.into_iter().enumerate() {
            out.push((
                item_address(Endpoint::Taxonomies, &ids.taxonomy(vocabulary.name())),
                FeedFile::Taxonomy(index),
            ));
        }
        for (index, term) in vocabulary::terms(self.directory()).iter().enumerate() {
            out.push((
                item_address(
                    Endpoint::TaxonomyTerms,
                    &ids.term(term.vocabulary.name(), &term.code),
                ),
                FeedFile::TaxonomyTerm(index),
            ));
        }
        out
    }

    /// The JSON of one file.
    pub fn render(&self, file: FeedFile) -> Value {
        let publisher = &self.publisher;
        match file {
            FeedFile::Root => json!({
                "version": VERSION,
                "profile": PROFILE_URL,
                "openapi_url": OPENAPI_URL,
            }),
            FeedFile::Download => {
                let all: Vec<Value> = self.services().map(|s| publisher.service(s)).collect();
                envelope(all.len(), 1, 1, all)
            }
            FeedFile::Index(endpoint) => self.page(endpoint, 1),
            FeedFile::Page(endpoint, page) => self.page(endpoint, page),
            FeedFile::Service(index) => {
                publisher.service(&self.directory().listings[index].service)
            }
            FeedFile::Taxonomy(index) => self.taxonomy(Vocabulary::ALL[index]),
            FeedFile::TaxonomyTerm(index) => {
                publisher.term(&vocabulary::terms(self.directory())[index])
            }
        }
    }

    fn taxonomy(&self, vocabulary: Vocabulary) -> Value {
        let mut taxonomy = self.publisher.taxonomy(vocabulary);
        let terms: Vec<Value> = vocabulary::terms(self.directory())
            .iter()
            .filter(|t| t.vocabulary == vocabulary)
            .map(|t| self.publisher.term(t))
            .collect();
        taxonomy["taxonomy_terms"] = Value::Array(terms);
        taxonomy
    }

    /// Page `page` of a list, with the paging fields ORUK puts around it.
    fn page(&self, endpoint: Endpoint, page: usize) -> Value {
        let total = self.count(endpoint);
        let skip = (page - 1) * PAGE_SIZE;
        let publisher = &self.publisher;
        let contents: Vec<Value> = match endpoint {
            Endpoint::Services => self
                .services()
                .skip(skip)
                .take(PAGE_SIZE)
                .map(|s| publisher.service_fields(s))
                .collect(),
            Endpoint::ServiceAtLocations => self
                .services()
                .flat_map(|s| (0..s.service_at_locations.len()).map(move |i| (s, i)))
                .skip(skip)
                .take(PAGE_SIZE)
                .map(|(s, i)| publisher.service_at_location_item(s, i))
                .collect(),
            Endpoint::Organizations => self
                .organizations()
                .into_iter()
                .skip(skip)
                .take(PAGE_SIZE)
                .map(|(name, website)| publisher.organization(name, website))
                .collect(),
            Endpoint::Taxonomies => Vocabulary::ALL
                .into_iter()
                .skip(skip)
                .take(PAGE_SIZE)
                .map(|v| publisher.taxonomy(v))
                .collect(),
            Endpoint::TaxonomyTerms => vocabulary::terms(self.directory())
                .iter()
                .skip(skip)
                .take(PAGE_SIZE)
                .map(|t| publisher.term(t))
                .collect(),
        };
        envelope(total, self.pages(endpoint), page, contents)
    }
}

/// The address of page `page` of a list.
pub fn page_address(endpoint: Endpoint, page: usize) -> String {
    format!("{BASE}/{}/pages/{page}.json", endpoint.name())
}

/// The address of an item's own file.
pub fn item_address(endpoint: Endpoint, id: &str) -> String {
    format!("{BASE}/{}/{id}.json", endpoint.name())
}

/// A page of a list response: the paging fields ORUK defines, then its contents.
fn envelope(total: usize, pages: usize, page: usize, contents: Vec<Value>) -> Value {
    let mut envelope = json!({
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": contents.len(),
        "first_page": page == 1,
        "last_page": page == pages,
        "empty": contents.is_empty(),
    });
    // Moved in: `json!` would serialise the contents again into a copy.
    envelope["contents"] = Value::Array(contents);
    envelope
}
