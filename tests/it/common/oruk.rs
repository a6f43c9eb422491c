//! The UK profile's schemas (tests/oruk-3.0), compiled here for the tests with the jsonschema
//! crate directly, with format checks on, so the feed is judged by the standard and not by
//! signpost's own `check --oruk`.

use std::path::Path;

use jsonschema::{Draft, Registry, Resource, Validator};
use serde_json::{Value, json};

const OPENAPI: &str = "https://docs.openreferraluk.org/en/latest/openapi30.json";
const BASE: &str = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/";

fn read(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/oruk-3.0")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A validator for the openapi response of `path` (`/services`, `/services/{id}`), or for any
/// schema given whole.
pub fn validator(schema: Value) -> Validator {
    let resources = [
        (OPENAPI.to_string(), read("openapi30.json")),
        (format!("{BASE}compiled/service.json"), read("service.json")),
        (
            format!("{BASE}compiled/service_list.json"),
            read("service_list.json"),
        ),
        (
            format!("{BASE}compiled/service_at_location_list.json"),
            read("service_at_location_list.json"),
        ),
        (
            format!("{BASE}compiled/organization_list.json"),
            read("organization_list.json"),
        ),
        (format!("{BASE}taxonomy.json"), read("taxonomy.json")),
        (
            format!("{BASE}taxonomy_term.json"),
            read("taxonomy_term.json"),
        ),
    ]
    .map(|(uri, value)| (uri, Resource::from_contents(value)));
    let registry = Registry::new()
        .draft(Draft::Draft202012)
        .extend(resources)
        .unwrap()
        .prepare()
        .unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&schema)
        .unwrap()
}

/// The response schema the profile's openapi gives for GET `path`.
pub fn response(path: &str) -> Validator {
    let pointer = path
        .replace('/', "~1")
        .replace('{', "%7B")
        .replace('}', "%7D");
    validator(
        json!({"$ref": format!("{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema")}),
    )
}

/// The profile has no /organizations endpoint: a page of them is checked as the other lists
/// are, with the profile's organization schema for each item.
pub fn organizations() -> Validator {
    validator(json!({
        "properties": {"contents": {"type": "array", "items": {"$ref": format!("{BASE}compiled/organization_list.json")}}},
        "allOf": [{"$ref": format!("{OPENAPI}#/components/schemas/Page")}],
    }))
}

/// Every error of `value` against `validator`, as `message at /path`.
pub fn errors(validator: &Validator, value: &Value) -> Vec<String> {
    validator
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}
