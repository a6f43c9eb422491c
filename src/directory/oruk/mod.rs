//! Open Referral UK 3.0 JSON: the directory published as the standard's /services responses
//! (export), and services read from another directory's feed (import).

mod export;
mod import;

pub use export::{list_json, service_json};
pub use import::{ImportProblem, import_service, services_in};

/// Taxonomies signpost uses in `attributes` for what ORUK has no field for.
const CATEGORY_TAXONOMY: &str = "signpost-directory";
const ACCESS_TAXONOMY: &str = "signpost-access";
const ATTENDING_TAXONOMY: &str = "signpost-attending-type";
