//! The directory as ORUK 3.0 JSON objects: a whole service as `GET /services/{id}` returns it,
//! the one-to-one fields the lists carry, organizations, services at locations, taxonomies
//! and their terms. Every id is a UUID (see `ids`).

use serde_json::{Map, Value, json};

use super::ids::Ids;
use super::vocabulary::{LISTING_ID_TERM, Term, Vocabulary};
use crate::directory::Directory;
use crate::directory::service::{CostOption, Phone, Schedule, Service, ServiceAtLocation};

/// What every object of one site's feed is made from.
#[derive(Clone, Copy)]
pub struct Publisher<'a> {
    pub directory: &'a Directory,
    pub ids: Ids<'a>,
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        map.insert(key.to_string(), value.into());
    }
}

impl Publisher<'_> {
    /// One service as `GET /services/{id}` returns it: every part, nested.
    pub fn service(&self, service: &Service) -> Value {
        let id = self.ids.service(&service.id);
        let Value::Object(mut out) = self.service_fields(service) else {
            unreachable!("service fields are an object")
        };
        out.insert(
            "phones".into(),
            service
                .phones
                .iter()
                .enumerate()
                .map(|(i, p)| self.phone(service, i, p))
                .collect(),
        );
        out.insert(
            "schedules".into(),
            self.schedules(service, "service", &service.schedules, None),
        );
        out.insert(
            "service_at_locations".into(),
            service
                .service_at_locations
                .iter()
                .enumerate()
                .map(|(i, sal)| self.service_at_location(service, i, sal))
                .collect(),
        );
        out.insert(
            "cost_options".into(),
            service
                .cost_options
                .iter()
                .enumerate()
                .map(|(i, c)| self.cost(service, &id, i, c))
                .collect(),
        );
        out.insert(
            "languages".into(),
            service
                .languages
                .iter()
                .map(|name| {
                    json!({
                        "id": self.ids.part(&service.id, &format!("language:{name}")),
                        "service_id": id,
                        "name": name,
                    })
                })
                .collect(),
        );
        out.insert("attributes".into(), self.service_attributes(service));
        Value::Object(out)
    }

    /// The one-to-one fields of a service and its organization: an item of `GET /services`.
    pub fn service_fields(&self, service: &Service) -> Value {
        let mut out = Map::new();
        out.insert("id".into(), json!(self.ids.service(&service.id)));
        out.insert(
            "organization_id".into(),
            json!(self.ids.organization(&service.organization.name)),
        );
        out.insert("name".into(), json!(service.name));
        out.insert("description".into(), json!(service.description));
        put(&mut out, "url", service.url.clone());
        put(&mut out, "email", service.email.clone());
        out.insert("status".into(), json!(service.status.label()));
        put(&mut out, "minimum_age", service.minimum_age);
        put(&mut out, "maximum_age", service.maximum_age);
        out.insert(
            "assured_date".into(),
            json!(service.assured_date.to_string()),
        );
        put(&mut out, "assurer_email", service.assurer_email.clone());
        put(
            &mut out,
            "application_process",
            service.application_process.clone(),
        );
        out.insert(
            "organization".into(),
            self.organization(
                &service.organization.name,
                service.organization.website.as_deref(),
            ),
        );
        Value::Object(out)
    }

    /// An organization's one-to-one fields. signpost knows only its name and website, so the
    /// name is its description too.
    pub fn organization(&self, name: &str, website: Option<&str>) -> Value {
        let mut out = Map::new();
        out.insert("id".into(), json!(self.ids.organization(name)));
        out.insert("name".into(), json!(name));
        out.insert("description".into(), json!(name));
        put(&mut out, "website", website.map(str::to_string));
        Value::Object(out)
    }

    fn phone(&self, service: &Service, index: usize, phone: &Phone) -> Value {
        let mut out = Map::new();
        out.insert(
            "id".into(),
            json!(self.ids.part(&service.id, &format!("phone:{index}"))),
        );
        out.insert("service_id".into(), json!(self.ids.service(&service.id)));
        out.insert("number".into(), json!(phone.number));
        put(
            &mut out,
            "type",
            phone
                .kind
                .map(|k| serde_json::to_value(k).expect("phone type")),
        );
        put(&mut out, "description", phone.description.clone());
        Value::Object(out)
    }

    fn schedules(
        &self,
        service: &Service,
        owner: &str,
        schedules: &[Schedule],
        service_at_location: Option<&str>,
    ) -> Value {
        schedules
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut out = Map::new();
                out.insert(
                    "id".into(),
                    json!(self.ids.part(&service.id, &format!("{owner}:schedule:{i}"))),
                );
                match service_at_location {
                    Some(sal) => out.insert("service_at_location_id".into(), json!(sal)),
                    None => out.insert("service_id".into(), json!(self.ids.service(&service.id))),
                };
                out.insert("freq".into(), json!("WEEKLY"));
                out.insert("byday".into(), json!(s.byday.to_string()));
                out.insert("opens_at".into(), json!(s.opens_at.to_string()));
                out.insert("closes_at".into(), json!(s.closes_at.to_string()));
                put(&mut out, "description", s.description.clone());
                Value::Object(out)
            })
            .collect()
    }

    fn location_id(&self, service: &Service, index: usize) -> String {
        self.ids.part(&service.id, &format!("location:{index}"))
    }

    pub fn service_at_location_id(&self, service: &Service, index: usize) -> String {
        self.ids
            .part(&service.id, &format!("service_at_location:{index}"))
    }

    /// A place's one-to-one fields.
    fn location_fields(&self, service: &Service, index: usize) -> Map<String, Value> {
        let location = &service.service_at_locations[index].location;
        let mut place = Map::new();
        place.insert("id".into(), json!(self.location_id(service, index)));
        place.insert("location_type".into(), json!("physical"));
        place.insert("name".into(), json!(location.name));
        put(&mut place, "latitude", location.latitude);
        put(&mut place, "longitude", location.longitude);
        place
    }

    fn service_at_location(
        &self,
        service: &Service,
        index: usize,
        sal: &ServiceAtLocation,
    ) -> Value {
        let location = &sal.location;
        let location_id = self.location_id(service, index);
        let sal_id = self.service_at_location_id(service, index);
        let addresses: Vec<Value> = location
            .addresses
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut out = Map::new();
                out.insert(
                    "id".into(),
                    json!(
                        self.ids
                            .part(&service.id, &format!("location:{index}:address:{i}"))
                    ),
                );
                out.insert("location_id".into(), json!(location_id));
                out.insert("address_1".into(), json!(a.address_1));
                put(&mut out, "address_2", a.address_2.clone());
                out.insert("city".into(), json!(a.city));
                out.insert("state_province".into(), json!(""));
                out.insert("postal_code".into(), json!(a.postal_code));
                out.insert(
                    "country".into(),
                    json!(a.country.clone().unwrap_or_else(|| "GB".into())),
                );
                out.insert("address_type".into(), json!("physical"));
                Value::Object(out)
            })
            .collect();
        let accessibility: Vec<Value> = location
            .accessibility
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let part = format!("location:{index}:accessibility:{i}");
                let id = self.ids.part(&service.id, &part);
                let attributes: Vec<Value> = a
                    .feature
                    .iter()
                    .map(|f| self.attribute(&id, "accessibility", Vocabulary::Accessibility, f.id(), None))
                    .collect();
                json!({"id": id, "location_id": location_id, "description": a.text(), "attributes": attributes})
            })
            .collect();
        let mut place = self.location_fields(service, index);
        place.insert("addresses".into(), Value::Array(addresses));
        place.insert("accessibility".into(), Value::Array(accessibility));
        json!({
            "id": sal_id,
            "service_id": self.ids.service(&service.id),
            "location_id": location_id,
            "location": Value::Object(place),
            "schedules": self.schedules(service, &format!("location:{index}"), &sal.schedules, Some(&sal_id)),
        })
    }

    /// An item of `GET /service_at_locations`: the link, the place and the service's
    /// one-to-one fields.
    pub fn service_at_location_item(&self, service: &Service, index: usize) -> Value {
        json!({
            "id": self.service_at_location_id(service, index),
            "service_id": self.ids.service(&service.id),
            "location_id": self.location_id(service, index),
            "location": Value::Object(self.location_fields(service, index)),
            "service": self.service_fields(service),
        })
    }

    fn cost(&self, service: &Service, service_id: &str, index: usize, cost: &CostOption) -> Value {
        let mut out = Map::new();
        out.insert(
            "id".into(),
            json!(self.ids.part(&service.id, &format!("cost:{index}"))),
        );
        out.insert("service_id".into(), json!(service_id));
        put(&mut out, "option", cost.option.clone());
        put(&mut out, "amount", cost.amount);
        put(&mut out, "currency", cost.currency.clone());
        put(
            &mut out,
            "amount_description",
            cost.amount_description.clone(),
        );
        Value::Object(out)
    }

    /// A taxonomy term as its own object (`GET /taxonomy_terms/{id}`).
    pub fn term(&self, term: &Term) -> Value {
        let vocabulary = term.vocabulary.name();
        let mut out = Map::new();
        out.insert("id".into(), json!(self.ids.term(vocabulary, &term.code)));
        out.insert("name".into(), json!(term.name));
        out.insert("description".into(), json!(term.description));
        put(
            &mut out,
            "parent_id",
            term.parent.as_ref().map(|p| self.ids.term(vocabulary, p)),
        );
        out.insert("taxonomy".into(), json!(vocabulary));
        out.insert("taxonomy_id".into(), json!(self.ids.taxonomy(vocabulary)));
        out.insert("term".into(), json!(term.code));
        Value::Object(out)
    }

    /// A taxonomy as `GET /taxonomies/{id}` returns it.
    pub fn taxonomy(&self, vocabulary: Vocabulary) -> Value {
        json!({
            "id": self.ids.taxonomy(vocabulary.name()),
            "name": vocabulary.name(),
            "description": vocabulary.description(),
        })
    }

    /// An attribute linking the object `link_id` to a term of `vocabulary`.
    fn attribute(
        &self,
        link_id: &str,
        link_type: &str,
        vocabulary: Vocabulary,
        code: &str,
        value: Option<&str>,
    ) -> Value {
        let term =
            super::vocabulary::term(self.directory, vocabulary, code).unwrap_or_else(|| Term {
                vocabulary,
                code: code.into(),
                name: code.into(),
                description: String::new(),
                parent: None,
            });
        let term_json = self.term(&term);
        let mut out = Map::new();
        out.insert(
            "id".into(),
            json!(
                self.ids
                    .term(&format!("{link_id}:{}", vocabulary.name()), code)
            ),
        );
        out.insert("link_id".into(), json!(link_id));
        out.insert("link_type".into(), json!(link_type));
        out.insert("taxonomy_term_id".into(), term_json["id"].clone());
        put(&mut out, "value", value.map(str::to_string));
        out.insert("taxonomy_term".into(), term_json);
        Value::Object(out)
    }

    /// Categories, how to get in, how it is provided, SEND needs and the listing's id, as
    /// terms of signpost's vocabularies.
    fn service_attributes(&self, service: &Service) -> Value {
        let id = self.ids.service(&service.id);
        let attribute =
            |vocabulary, code: &str| self.attribute(&id, "service", vocabulary, code, None);
        let categories = service
            .categories
            .iter()
            .map(|c| attribute(Vocabulary::Categories, c));
        let access = service
            .access
            .iter()
            .map(|a| attribute(Vocabulary::Access, a.id()));
        let attending = service
            .attending_type
            .iter()
            .map(|a| attribute(Vocabulary::Attending, a.id()));
        let send = service
            .send_needs()
            .iter()
            .map(|n| attribute(Vocabulary::SendNeeds, n.id()));
        let listing = std::iter::once(self.attribute(
            &id,
            "service",
            Vocabulary::Listing,
            LISTING_ID_TERM,
            Some(&service.id),
        ));
        categories
            .chain(access)
            .chain(attending)
            .chain(send)
            .chain(listing)
            .collect()
    }
}
