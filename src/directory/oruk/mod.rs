//! Open Referral UK 3.0: the directory published as the UK profile's API in static files
//! (`feed`, made of `export`'s objects, with stable `ids`), the rules a host needs to serve it
//! (`hosting`), its check against the standard's schemas (`conformance`), and services read
//! from another directory's feed (`import`).

pub mod conformance;
mod export;
pub mod feed;
pub mod hosting;
mod ids;
mod import;
pub mod vocabulary;

pub use export::Publisher;
pub use feed::{Endpoint, Feed, FeedFile};
pub use ids::{Ids, is_uuid};
pub use import::{Categoriser, Converted, ImportProblem, MAX_ID_LEN, import_service, services_in};
