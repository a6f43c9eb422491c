//! Stable UUIDs for everything Open Referral UK gives an id. A service's UUID is the
//! version-5 UUID of its page's address on the site, so it is the same from build to build
//! and differs from every other site's; a service whose own id is already a UUID (imported
//! from another directory's feed) keeps it, so the record can be traced to its source.

use uuid::Uuid;

use crate::layout::DIRECTORY_DIR;

/// Makes the ids of one site's feed.
#[derive(Debug, Clone, Copy)]
pub struct Ids<'a> {
    /// The site's address, ending in `/`.
    base_url: &'a str,
}

impl<'a> Ids<'a> {
    pub fn new(base_url: &'a str) -> Ids<'a> {
        Ids { base_url }
    }

    fn named(&self, name: &str) -> String {
        Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
    }

    fn service_page(&self, service: &str) -> String {
        format!("{}{DIRECTORY_DIR}/{service}/", self.base_url)
    }

    /// The UUID of the service whose signpost id is `service`.
    pub fn service(&self, service: &str) -> String {
        match Uuid::parse_str(service) {
            Ok(uuid) => uuid.hyphenated().to_string(),
            Err(_) => self.named(&self.service_page(service)),
        }
    }

    /// A part of a service (`phone:0`, `location:1`), which ORUK gives its own id.
    pub fn part(&self, service: &str, part: &str) -> String {
        self.named(&format!("{}#{part}", self.service_page(service)))
    }

    pub fn organization(&self, name: &str) -> String {
        self.named(&format!("{}#organization:{name}", self.base_url))
    }

    pub fn taxonomy(&self, taxonomy: &str) -> String {
        self.named(&format!("{}#taxonomy:{taxonomy}", self.base_url))
    }

    pub fn term(&self, taxonomy: &str, term: &str) -> String {
        self.named(&format!("{}#taxonomy:{taxonomy}:{term}", self.base_url))
    }
}

/// True when `text` is a UUID (any version, any case).
pub fn is_uuid(text: &str) -> bool {
    Uuid::parse_str(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_uuids_that_differ_between_sites() {
        let here = Ids::new("https://a.example/");
        let there = Ids::new("https://b.example/");
        assert_eq!(here.service("pantry"), here.service("pantry"));
        assert_ne!(here.service("pantry"), there.service("pantry"));
        assert!(is_uuid(&here.service("pantry")));
        assert_ne!(
            here.part("pantry", "phone:0"),
            here.part("pantry", "phone:1")
        );
    }

    #[test]
    fn a_service_imported_with_a_uuid_keeps_it() {
        let ids = Ids::new("https://a.example/");
        let uuid = "ac148810-d857-441c-9679-408f346de14b";
        assert_eq!(ids.service(uuid), uuid);
    }
}
