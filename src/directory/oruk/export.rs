//! The directory as ORUK JSON: one service as GET /services/{id} returns it, and the list.

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::{ACCESS_TAXONOMY, ATTENDING_TAXONOMY, CATEGORY_TAXONOMY};
use crate::directory::service::{CostOption, Phone, Schedule, Service, ServiceAtLocation};
use crate::directory::{Category, Directory};

/// Stable ids for the parts of a service that ORUK requires ids for.
fn part_id(service: &str, part: &str) -> String {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("signpost:{service}:{part}").as_bytes(),
    )
    .to_string()
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<impl Into<Value>>) {
    if let Some(value) = value {
        map.insert(key.to_string(), value.into());
    }
}

/// One service as GET /services/{id} returns it.
pub fn service_json(service: &Service, directory: &Directory) -> Value {
    let id = &service.id;
    let organization_id = part_id(&service.organization.name, "organization");
    let mut out = Map::new();
    out.insert("id".into(), json!(id));
    out.insert("organization_id".into(), json!(organization_id));
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
    let mut organization = Map::new();
    organization.insert("id".into(), json!(organization_id));
    organization.insert("name".into(), json!(service.organization.name));
    organization.insert("description".into(), json!(service.organization.name));
    put(
        &mut organization,
        "website",
        service.organization.website.clone(),
    );
    out.insert("organization".into(), Value::Object(organization));
    out.insert(
        "phones".into(),
        service
            .phones
            .iter()
            .enumerate()
            .map(|(i, p)| phone_json(id, i, p))
            .collect(),
    );
    out.insert(
        "schedules".into(),
        schedules_json(id, "service", &service.schedules),
    );
    out.insert(
        "service_at_locations".into(),
        service
            .service_at_locations
            .iter()
            .enumerate()
            .map(|(i, sal)| location_json(id, i, sal))
            .collect(),
    );
    out.insert(
        "cost_options".into(),
        service
            .cost_options
            .iter()
            .enumerate()
            .map(|(i, c)| cost_json(id, i, c))
            .collect(),
    );
    out.insert(
        "languages".into(),
        service
            .languages
            .iter()
            .map(|name| json!({"id": part_id(id, &format!("language:{name}")), "name": name}))
            .collect(),
    );
    out.insert("attributes".into(), attributes_json(service, directory));
    Value::Object(out)
}

fn phone_json(service: &str, index: usize, phone: &Phone) -> Value {
    let mut out = Map::new();
    out.insert(
        "id".into(),
        json!(part_id(service, &format!("phone:{index}"))),
    );
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

fn schedules_json(service: &str, owner: &str, schedules: &[Schedule]) -> Value {
    schedules
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut out = Map::new();
            out.insert(
                "id".into(),
                json!(part_id(service, &format!("{owner}:schedule:{i}"))),
            );
            out.insert("freq".into(), json!("WEEKLY"));
            out.insert("byday".into(), json!(s.byday));
            out.insert("opens_at".into(), json!(s.opens_at));
            out.insert("closes_at".into(), json!(s.closes_at));
            put(&mut out, "description", s.description.clone());
            Value::Object(out)
        })
        .collect()
}

fn location_json(service: &str, index: usize, sal: &ServiceAtLocation) -> Value {
    let location = &sal.location;
    let location_id = part_id(service, &format!("location:{index}"));
    let addresses: Vec<Value> = location
        .addresses
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut out = Map::new();
            out.insert(
                "id".into(),
                json!(part_id(service, &format!("location:{index}:address:{i}"))),
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
        .map(|(i, a)| json!({"id": part_id(service, &format!("location:{index}:accessibility:{i}")), "location_id": location_id, "description": a.description}))
        .collect();
    let mut place = Map::new();
    place.insert("id".into(), json!(location_id));
    place.insert("location_type".into(), json!("physical"));
    place.insert("name".into(), json!(location.name));
    put(&mut place, "latitude", location.latitude);
    put(&mut place, "longitude", location.longitude);
    place.insert("addresses".into(), Value::Array(addresses));
    place.insert("accessibility".into(), Value::Array(accessibility));
    json!({
        "id": part_id(service, &format!("service_at_location:{index}")),
        "service_id": service,
        "location_id": location_id,
        "location": Value::Object(place),
        "schedules": schedules_json(service, &format!("location:{index}"), &sal.schedules),
    })
}

fn cost_json(service: &str, index: usize, cost: &CostOption) -> Value {
    let mut out = Map::new();
    out.insert(
        "id".into(),
        json!(part_id(service, &format!("cost:{index}"))),
    );
    out.insert("service_id".into(), json!(service));
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

/// Categories, how to access and how to attend, as taxonomy terms.
fn attributes_json(service: &Service, directory: &Directory) -> Value {
    let term = |taxonomy: &str, term: &str, name: &str, description: &str| {
        let term_id = part_id(taxonomy, term);
        json!({
            "id": part_id(&service.id, &format!("attribute:{taxonomy}:{term}")),
            "link_type": "service",
            "link_id": service.id,
            "taxonomy_term_id": term_id,
            "taxonomy_term": {"id": term_id, "name": name, "description": description, "taxonomy": taxonomy, "term": term},
        })
    };
    let categories = service.categories.iter().map(|id| {
        let category: Option<&Category> = directory.category(id);
        term(
            CATEGORY_TAXONOMY,
            id,
            category.map_or(id.as_str(), |c| c.label.as_str()),
            category.map_or("", |c| c.description.as_str()),
        )
    });
    let access = service
        .access
        .iter()
        .map(|a| term(ACCESS_TAXONOMY, a.id(), a.label(), a.label()));
    let attending = service.attending_type.iter().map(|a| {
        let id = serde_json::to_value(a).expect("attending type");
        term(
            ATTENDING_TAXONOMY,
            id.as_str().unwrap_or_default(),
            a.label(),
            a.label(),
        )
    });
    categories.chain(access).chain(attending).collect()
}

/// The whole directory as one page of GET /services.
pub fn list_json(directory: &Directory) -> Value {
    let contents: Vec<Value> = directory
        .listings
        .iter()
        .map(|l| service_json(&l.service, directory))
        .collect();
    let total = contents.len();
    json!({
        "total_items": total,
        "total_pages": 1,
        "page_number": 1,
        "size": total,
        "first_page": true,
        "last_page": true,
        "empty": total == 0,
        "contents": contents,
    })
}
