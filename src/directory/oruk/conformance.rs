//! `signpost check --oruk`: the feed a build makes, checked offline against the UK profile's
//! own openapi description and schemas (copied into tests/oruk-3.0 and compiled in), with
//! format checks on as the ORUK validator makes them, and for what a consumer relies on
//! beyond the schemas: paging that adds up, and every id it points to published.

use std::collections::{BTreeMap, HashSet};

use jsonschema::{Draft, Registry, Resource, Validator};
use serde_json::{Value, json};

use super::feed::{BASE, Endpoint};

const OPENAPI_URL: &str = super::feed::OPENAPI_URL;
const SCHEMA_BASE: &str = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/";

/// The UK profile's files, by name.
const SCHEMAS: [(&str, &str); 7] = [
    (
        "openapi30.json",
        include_str!("../../../tests/oruk-3.0/openapi30.json"),
    ),
    (
        "service.json",
        include_str!("../../../tests/oruk-3.0/service.json"),
    ),
    (
        "service_list.json",
        include_str!("../../../tests/oruk-3.0/service_list.json"),
    ),
    (
        "service_at_location_list.json",
        include_str!("../../../tests/oruk-3.0/service_at_location_list.json"),
    ),
    (
        "organization_list.json",
        include_str!("../../../tests/oruk-3.0/organization_list.json"),
    ),
    (
        "taxonomy.json",
        include_str!("../../../tests/oruk-3.0/taxonomy.json"),
    ),
    (
        "taxonomy_term.json",
        include_str!("../../../tests/oruk-3.0/taxonomy_term.json"),
    ),
];

/// The address each schema is known by in the openapi file's references.
fn address_of(name: &str) -> String {
    match name {
        "openapi30.json" => OPENAPI_URL.to_string(),
        "taxonomy.json" | "taxonomy_term.json" => format!("{SCHEMA_BASE}{name}"),
        compiled => format!("{SCHEMA_BASE}compiled/{compiled}"),
    }
}

/// Every schema at its address, so references resolve to the copies compiled in and nothing
/// is fetched.
fn registry() -> Registry<'static> {
    let resources = SCHEMAS.iter().map(|(name, text)| {
        let contents: Value = serde_json::from_str(text).expect("the ORUK schemas are JSON");
        (address_of(name), Resource::from_contents(contents))
    });
    Registry::new()
        .draft(Draft::Draft202012)
        .extend(resources)
        .and_then(|builder| builder.prepare())
        .expect("the ORUK schemas make a registry")
}

/// What a file of the feed is, which decides the schema it answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    List(Endpoint),
    Item(Endpoint),
}

/// The kind of the feed file at `path` (relative to the output folder: `api/services/index.json`).
fn kind_of(path: &str) -> Option<Kind> {
    let rest = path
        .strip_prefix(BASE.trim_start_matches('/'))?
        .strip_prefix('/')?;
    if rest == "index.json" {
        return Some(Kind::Root);
    }
    if rest == "services.json" {
        return Some(Kind::List(Endpoint::Services));
    }
    let (name, file) = rest.split_once('/')?;
    let endpoint = Endpoint::ALL.into_iter().find(|e| e.name() == name)?;
    if file == "index.json" || (file.starts_with("pages/") && file.ends_with(".json")) {
        return Some(Kind::List(endpoint));
    }
    (endpoint.has_item_files() && !file.contains('/') && file.ends_with(".json"))
        .then_some(Kind::Item(endpoint))
}

/// The openapi path whose response describes `kind`, as a JSON pointer into the openapi file.
fn response_schema(kind: Kind) -> Value {
    let operation = |path: &str| {
        let escaped = path
            .replace('~', "~0")
            .replace('/', "~1")
            .replace('{', "%7B")
            .replace('}', "%7D");
        json!({"$ref": format!("{OPENAPI_URL}#/paths/{escaped}/get/responses/200/content/application~1json/schema")})
    };
    match kind {
        Kind::Root => operation("/"),
        // The profile's openapi has no /organizations; its list is checked the same way as
        // the others, with the profile's organization schema for each item.
        Kind::List(Endpoint::Organizations) => json!({
            "properties": {"contents": {"type": "array", "items": {"$ref": format!("{SCHEMA_BASE}compiled/organization_list.json")}}},
            "allOf": [{"$ref": format!("{OPENAPI_URL}#/components/schemas/Page")}],
        }),
        Kind::List(endpoint) => operation(&format!("/{}", endpoint.name())),
        Kind::Item(endpoint) => operation(&format!("/{}/{{id}}", endpoint.name())),
    }
}

/// The schema validators, one per kind of file, built once.
pub struct Schemas {
    validators: Vec<(Kind, Validator)>,
}

impl Schemas {
    pub fn new() -> Schemas {
        let mut kinds = vec![Kind::Root];
        kinds.extend(Endpoint::ALL.map(Kind::List));
        kinds.extend(
            Endpoint::ALL
                .into_iter()
                .filter(|e| e.has_item_files())
                .map(Kind::Item),
        );
        let registry = registry();
        let validators = kinds
            .into_iter()
            .map(|kind| {
                let validator = jsonschema::options()
                    .should_validate_formats(true)
                    .with_registry(&registry)
                    .build(&response_schema(kind))
                    .unwrap_or_else(|error| {
                        panic!("the ORUK schema for {kind:?} compiles: {error}")
                    });
                (kind, validator)
            })
            .collect();
        Schemas { validators }
    }

    fn for_kind(&self, kind: Kind) -> &Validator {
        &self
            .validators
            .iter()
            .find(|(k, _)| *k == kind)
            .expect("a validator for every kind")
            .1
    }
}

impl Default for Schemas {
    fn default() -> Self {
        Schemas::new()
    }
}

/// One thing wrong with the feed: the file, where in it (a JSON pointer), and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub file: String,
    pub pointer: String,
    pub message: String,
    /// The id of the service the problem is in, when it is in one.
    pub service: Option<String>,
}

/// The service a pointer into a feed file falls in: the file's own, or a list item's.
fn service_at(kind: Kind, value: &Value, pointer: &str) -> Option<String> {
    let id = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    match kind {
        Kind::Item(Endpoint::Services) => id(value, "id"),
        Kind::List(endpoint @ (Endpoint::Services | Endpoint::ServiceAtLocations)) => {
            let index: usize = pointer
                .strip_prefix("/contents/")?
                .split('/')
                .next()?
                .parse()
                .ok()?;
            let item = value.get("contents")?.get(index)?;
            id(
                item,
                if endpoint == Endpoint::Services {
                    "id"
                } else {
                    "service_id"
                },
            )
        }
        _ => None,
    }
}

/// What the check found.
#[derive(Debug, Default)]
pub struct Report {
    /// Feed files checked.
    pub files: usize,
    pub problems: Vec<Problem>,
}

/// Checks every feed file in `files` (paths relative to the output folder, with their bytes).
/// Files outside the feed are ignored.
pub fn check(files: &[(String, Vec<u8>)], schemas: &Schemas) -> Report {
    let mut report = Report::default();
    let mut parsed: BTreeMap<&str, (Kind, Value)> = BTreeMap::new();
    for (path, bytes) in files {
        let Some(kind) = kind_of(path) else { continue };
        report.files += 1;
        let value: Value = match serde_json::from_slice(bytes) {
            Ok(value) => value,
            Err(error) => {
                report.problems.push(Problem {
                    file: path.clone(),
                    pointer: String::new(),
                    message: format!("is not JSON: {error}"),
                    service: None,
                });
                continue;
            }
        };
        for error in schemas.for_kind(kind).iter_errors(&value) {
            let pointer = error.instance_path().to_string();
            report.problems.push(Problem {
                file: path.clone(),
                service: service_at(kind, &value, &pointer),
                pointer,
                message: error.to_string(),
            });
        }
        parsed.insert(path.as_str(), (kind, value));
    }
    consistency(&parsed, &mut report.problems);
    report
}

/// The checks no schema makes: each list's pages add up, and every id it names has its file
/// and every reference points at something published.
fn consistency(files: &BTreeMap<&str, (Kind, Value)>, problems: &mut Vec<Problem>) {
    let mut problem = |file: &str, pointer: &str, message: String| {
        problems.push(Problem {
            file: file.to_string(),
            pointer: pointer.to_string(),
            message,
            service: None,
        })
    };
    let mut listed: BTreeMap<Endpoint, HashSet<String>> = BTreeMap::new();
    for endpoint in Endpoint::ALL {
        let prefix = format!("{}/{}/", BASE.trim_start_matches('/'), endpoint.name());
        let pages: Vec<(&str, &Value)> = files
            .iter()
            .filter(|(path, (kind, _))| *kind == Kind::List(endpoint) && path.starts_with(&prefix))
            .map(|(path, (_, value))| (*path, value))
            .collect();
        let ids = listed.entry(endpoint).or_default();
        check_pages(endpoint, &pages, ids, &mut problem);
    }
    for (path, (kind, value)) in files {
        if let Kind::Item(endpoint) = kind {
            let id = value["id"].as_str().unwrap_or_default();
            let expected = super::feed::item_address(*endpoint, id);
            if expected.trim_start_matches('/') != *path {
                problem(
                    path,
                    "/id",
                    format!("its id `{id}` does not match its file name"),
                );
            }
            if !listed[endpoint].contains(id) {
                problem(
                    path,
                    "/id",
                    format!("`{id}` is not in the {} list", endpoint.name()),
                );
            }
        }
    }
    let organizations = &listed[&Endpoint::Organizations];
    let terms = &listed[&Endpoint::TaxonomyTerms];
    let taxonomies = &listed[&Endpoint::Taxonomies];
    for (path, (kind, value)) in files {
        match kind {
            Kind::Item(Endpoint::Services) => {
                let organization = value["organization_id"].as_str().unwrap_or_default();
                if !organizations.contains(organization) {
                    problem(
                        path,
                        "/organization_id",
                        format!(
                            "the organization `{organization}` is not in the organizations list"
                        ),
                    );
                }
                for (index, attribute) in value["attributes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                {
                    let term = attribute["taxonomy_term_id"].as_str().unwrap_or_default();
                    if !terms.contains(term) {
                        problem(
                            path,
                            &format!("/attributes/{index}/taxonomy_term_id"),
                            format!("the taxonomy term `{term}` is not in the taxonomy_terms list"),
                        );
                    }
                }
            }
            Kind::Item(Endpoint::TaxonomyTerms) => {
                let taxonomy = value["taxonomy_id"].as_str().unwrap_or_default();
                if !taxonomies.contains(taxonomy) {
                    problem(
                        path,
                        "/taxonomy_id",
                        format!("the taxonomy `{taxonomy}` is not in the taxonomies list"),
                    );
                }
            }
            _ => {}
        }
    }
    let services = &listed[&Endpoint::Services];
    for endpoint in [
        Endpoint::Services,
        Endpoint::Taxonomies,
        Endpoint::TaxonomyTerms,
    ] {
        let ids = if endpoint == Endpoint::Services {
            services
        } else {
            &listed[&endpoint]
        };
        for id in ids {
            let file = super::feed::item_address(endpoint, id);
            if !files.contains_key(file.trim_start_matches('/')) {
                problem(
                    &format!(
                        "{}/{}/index.json",
                        BASE.trim_start_matches('/'),
                        endpoint.name()
                    ),
                    "/contents",
                    format!("`{id}` is listed but {file} is not published"),
                );
            }
        }
    }
}

/// A list's pages: the paging fields agree with each other and with what each page holds,
/// the first page is published at the list's own address, and no id is listed twice.
fn check_pages(
    endpoint: Endpoint,
    pages: &[(&str, &Value)],
    ids: &mut HashSet<String>,
    problem: &mut impl FnMut(&str, &str, String),
) {
    let name = endpoint.name();
    let index = format!("{}/{name}/index.json", BASE.trim_start_matches('/'));
    let numbered: BTreeMap<u64, (&str, &Value)> = pages
        .iter()
        .filter(|(path, _)| path.contains("/pages/"))
        .map(|&(path, value)| (value["page_number"].as_u64().unwrap_or(0), (path, value)))
        .collect();
    let Some((first_path, first)) = numbered.get(&1).copied() else {
        if !pages.is_empty() {
            problem(&index, "", format!("the {name} list has no page 1"));
        }
        return;
    };
    match pages.iter().find(|(path, _)| *path == index) {
        Some((_, at_index)) if *at_index != first => {
            problem(
                &index,
                "",
                format!("the {name} list's own address differs from its page 1"),
            );
        }
        None => problem(
            &index,
            "",
            format!("the {name} list is not published at its own address"),
        ),
        Some(_) => {}
    }
    let total_pages = first["total_pages"].as_u64().unwrap_or(0);
    let total_items = first["total_items"].as_u64().unwrap_or(0);
    let mut counted = 0;
    for number in 1..=total_pages.max(1) {
        let Some((path, page)) = numbered.get(&number).copied() else {
            problem(
                first_path,
                "/total_pages",
                format!(
                    "it says there are {total_pages} pages, but page {number} is not published"
                ),
            );
            continue;
        };
        let contents = page["contents"].as_array().map_or(&[][..], Vec::as_slice);
        let expect = |field: &str, value: Value, problem: &mut dyn FnMut(&str, &str, String)| {
            if page[field] != value {
                problem(
                    path,
                    &format!("/{field}"),
                    format!("`{field}` is {} but should be {value}", page[field]),
                );
            }
        };
        expect("page_number", json!(number), problem);
        expect("total_pages", json!(total_pages), problem);
        expect("total_items", json!(total_items), problem);
        expect("size", json!(contents.len()), problem);
        expect("first_page", json!(number == 1), problem);
        expect("last_page", json!(number == total_pages), problem);
        expect("empty", json!(contents.is_empty()), problem);
        counted += contents.len() as u64;
        for (at, item) in contents.iter().enumerate() {
            let id = item["id"].as_str().unwrap_or_default().to_string();
            if !ids.insert(id.clone()) {
                problem(
                    path,
                    &format!("/contents/{at}/id"),
                    format!("`{id}` is listed twice"),
                );
            }
        }
    }
    if numbered.len() as u64 > total_pages.max(1) {
        problem(
            first_path,
            "/total_pages",
            format!(
                "{} pages are published but it says there are {total_pages}",
                numbered.len()
            ),
        );
    }
    if counted != total_items {
        problem(
            first_path,
            "/total_items",
            format!("it says there are {total_items} items but the pages hold {counted}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_paths_have_kinds() {
        assert_eq!(kind_of("api/index.json"), Some(Kind::Root));
        assert_eq!(
            kind_of("api/services.json"),
            Some(Kind::List(Endpoint::Services))
        );
        assert_eq!(
            kind_of("api/services/pages/2.json"),
            Some(Kind::List(Endpoint::Services))
        );
        assert_eq!(
            kind_of("api/services/abc.json"),
            Some(Kind::Item(Endpoint::Services))
        );
        assert_eq!(kind_of("api/organizations/abc.json"), None);
        assert_eq!(kind_of("directory/index.html"), None);
    }

    #[test]
    fn every_schema_compiles_from_the_copies_compiled_in() {
        let schemas = Schemas::new();
        assert!(schemas.for_kind(Kind::Root).is_valid(&json!({
            "version": "HSDS-UK-3.0", "profile": "https://example.org/", "openapi_url": "https://example.org/o.json"
        })));
        assert!(
            !schemas
                .for_kind(Kind::Item(Endpoint::Services))
                .is_valid(&json!({"id": "not-a-uuid", "name": "x", "status": "active"}))
        );
    }
}
