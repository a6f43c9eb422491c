//! Services from another directory's ORUK feed, with each invalid field reported and left
//! out so the imported files build, and each service filed under the site's categories
//! through its taxonomy terms.

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::vocabulary::{LISTING_ID_TERM, Vocabulary};
use crate::date::Date;
use crate::directory::service::{
    Access, Accessibility, AccessibilityFeature, Address, AttendingType, CostOption, LocalOffer,
    Location, Organization, Phone, PhoneType, Schedule, SendNeed, Service, ServiceAtLocation,
    Status,
};
use crate::directory::taxonomy_map::{TaxonomyMap, TermRef};
use crate::directory::{Directory, validate};
use crate::hours::{ClockTime, Days};

/// The longest id a service can have: it names a file and is part of web addresses.
pub const MAX_ID_LEN: usize = 80;

/// A field of an imported service that was wrong and was left out (or replaced).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportProblem {
    pub field: String,
    pub message: String,
}

/// One service of a feed, converted.
#[derive(Debug, Clone)]
pub struct Converted {
    pub service: Service,
    pub problems: Vec<ImportProblem>,
    /// Its taxonomy terms that match none of the site's categories and are not in the map.
    pub unmapped: Vec<TermRef>,
    /// False when no term gave it a category (and no default was given): it is not written.
    pub categorised: bool,
}

/// How imported services are filed under the site's categories.
pub struct Categoriser<'a> {
    pub directory: &'a Directory,
    pub map: &'a TaxonomyMap,
    /// Given to services whose terms match no category.
    pub default_category: Option<&'a str>,
}

/// Reads a feed: a /services list response (with `contents`) or one full service.
pub fn services_in(feed: &Value) -> Result<Vec<&Value>, String> {
    match feed {
        Value::Object(map) if map.contains_key("contents") => map["contents"]
            .as_array()
            .map(|items| items.iter().collect())
            .ok_or_else(|| "`contents` is not a list of services".into()),
        Value::Object(map) if ["id", "name", "status"].iter().all(|k| map.contains_key(*k)) => Ok(vec![feed]),
        _ => Err("this is neither an ORUK /services list (with `contents`) nor one service (with `id`, `name` and `status`)".into()),
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn list<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// The taxonomy terms of an object's `attributes`.
fn terms(value: &Value) -> impl Iterator<Item = &Value> {
    list(value, "attributes").filter_map(|a| a.get("taxonomy_term"))
}

/// The codes of an object's terms in one of signpost's own vocabularies.
fn codes(value: &Value, vocabulary: Vocabulary) -> impl Iterator<Item = String> + '_ {
    terms(value)
        .filter(move |t| text(t, "taxonomy").as_deref() == Some(vocabulary.name()))
        .filter_map(|t| text(t, "term"))
}

/// Each of an object's terms as a map entry would name it.
fn term_ref(term: &Value) -> TermRef {
    let detail_name = term.get("taxonomy_detail").and_then(|d| text(d, "name"));
    let taxonomy_names: Vec<String> = [
        text(term, "taxonomy"),
        detail_name,
        text(term, "taxonomy_id"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let term_names: Vec<String> = [text(term, "term"), text(term, "id"), text(term, "name")]
        .into_iter()
        .flatten()
        .collect();
    let mut taxonomy_names = taxonomy_names.into_iter();
    let mut term_names = term_names.into_iter();
    TermRef {
        taxonomy: taxonomy_names.next().unwrap_or_default(),
        taxonomy_aliases: taxonomy_names.collect(),
        term: term_names.next().unwrap_or_default(),
        term_aliases: term_names.collect(),
        name: text(term, "name").unwrap_or_default(),
    }
}

fn is_own_vocabulary(term: &Value) -> bool {
    let taxonomy = text(term, "taxonomy").unwrap_or_default();
    Vocabulary::ALL.iter().any(|v| v.name() == taxonomy)
}

impl Categoriser<'_> {
    /// The site's categories for a feed service, and the terms that gave none.
    fn categorise(&self, json: &Value) -> (Vec<String>, Vec<TermRef>) {
        let directory = self.directory;
        let mut categories: Vec<String> = codes(json, Vocabulary::Categories)
            .filter(|c| directory.category(c).is_some())
            .collect();
        let mut unmapped = Vec::new();
        for term in terms(json).filter(|t| !is_own_vocabulary(t)) {
            let found = term_ref(&term.clone());
            match self.map.categories_for(&found) {
                Some(mapped) => categories.extend(mapped.iter().cloned()),
                None => match by_name(directory, &found.name) {
                    Some(category) => categories.push(category),
                    None if !found.term.is_empty() => unmapped.push(found),
                    None => {}
                },
            }
        }
        if categories.is_empty()
            && let Some(default) = self.default_category
        {
            categories.push(default.to_string());
        }
        let mut seen = std::collections::HashSet::new();
        categories.retain(|c| seen.insert(c.clone()));
        (categories, unmapped)
    }
}

/// A category whose label or id is the term's name.
fn by_name(directory: &Directory, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    directory
        .categories
        .iter()
        .find(|c| c.label.eq_ignore_ascii_case(name) || c.id == slug::slugify(name))
        .map(|c| c.id.clone())
}

/// The file id for a feed service: the id it had on the signpost site it came from, else its
/// own id as a file name can hold it.
fn file_id(
    json: &Value,
    raw_id: &str,
    report: &mut impl FnMut(&str, String),
) -> Result<String, String> {
    let listed = list(json, "attributes")
        .filter(|a| {
            a.get("taxonomy_term").is_some_and(|t| {
                text(t, "taxonomy").as_deref() == Some(Vocabulary::Listing.name())
                    && text(t, "term").as_deref() == Some(LISTING_ID_TERM)
            })
        })
        .find_map(|a| text(a, "value"))
        .filter(|id| validate::is_id(id) && id.len() <= MAX_ID_LEN);
    if let Some(id) = listed {
        return Ok(id);
    }
    let lower = raw_id.to_ascii_lowercase();
    let id = if validate::is_id(&lower) {
        lower
    } else {
        slug::slugify(raw_id)
    };
    if id.is_empty() {
        return Err("its `id` has no letters or digits to name a file with".into());
    }
    if id.len() <= MAX_ID_LEN {
        return Ok(id);
    }
    let digest = Sha256::digest(raw_id.as_bytes());
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    let short = format!("{}-{hash}", id[..MAX_ID_LEN - 9].trim_end_matches('-'));
    report(
        "id",
        format!(
            "the id is {} characters long, too long to name a file; shortened to `{short}`",
            raw_id.chars().count()
        ),
    );
    Ok(short)
}

/// Converts one feed service; invalid fields are left out and reported, so the imported file
/// builds. Err when the service cannot be imported at all (no id or name).
pub fn import_service(
    json: &Value,
    categoriser: &Categoriser,
    today: Date,
) -> Result<Converted, String> {
    let mut problems = Vec::new();
    let mut report = |field: &str, message: String| {
        problems.push(ImportProblem {
            field: field.into(),
            message,
        })
    };
    let raw_id = text(json, "id").ok_or("it has no `id`")?;
    let name = text(json, "name").ok_or("it has no `name`")?;
    let id = file_id(json, &raw_id, &mut report)?;
    let status = match text(json, "status").as_deref() {
        Some("active") => Status::Active,
        Some("inactive") => Status::Inactive,
        Some("defunct") => Status::Defunct,
        Some("temporarily closed") => Status::TemporarilyClosed,
        other => {
            report(
                "status",
                format!(
                    "{:?} is not an ORUK status; imported as active",
                    other.unwrap_or("(none)")
                ),
            );
            Status::Active
        }
    };
    let http = |key: &str, value: Option<String>, report: &mut dyn FnMut(&str, String)| {
        value.filter(|u| {
            keep(
                crate::config::is_http_url(u),
                key,
                u,
                "is not an http(s) web address",
                report,
            )
        })
    };
    let email = |key: &str, value: Option<String>, report: &mut dyn FnMut(&str, String)| {
        value.filter(|e| {
            keep(
                validate::is_email(e),
                key,
                e,
                "is not an email address",
                report,
            )
        })
    };
    let url = http("url", text(json, "url"), &mut report);
    let service_email = email("email", text(json, "email"), &mut report);
    let organization = match json.get("organization") {
        None => {
            report(
                "organization",
                "there is no organization; imported as the service's own name".into(),
            );
            Organization {
                name: name.clone(),
                website: None,
            }
        }
        Some(org) => Organization {
            name: text(org, "name").unwrap_or_else(|| name.clone()),
            website: http("organization.website", text(org, "website"), &mut report),
        },
    };
    let phones = import_phones(json, &mut report);
    let (minimum_age, maximum_age) = import_ages(json, &mut report);
    let (categories, unmapped) = categoriser.categorise(json);
    let access = codes(json, Vocabulary::Access)
        .filter_map(|t| serde_json::from_value::<Access>(json!(t)).ok())
        .collect();
    let attending_type = codes(json, Vocabulary::Attending)
        .filter_map(|t| serde_json::from_value::<AttendingType>(json!(t)).ok())
        .collect();
    let needs: Vec<SendNeed> = codes(json, Vocabulary::SendNeeds)
        .filter_map(|t| serde_json::from_value::<SendNeed>(json!(t)).ok())
        .collect();
    let schedules = import_schedules(json, "schedules", &mut report);
    let service_at_locations = list(json, "service_at_locations")
        .filter_map(|sal| import_location(sal, &mut report))
        .collect();
    let cost_options = list(json, "cost_options")
        .map(|c| CostOption {
            option: text(c, "option"),
            amount: c.get("amount").and_then(Value::as_f64),
            currency: text(c, "currency"),
            amount_description: text(c, "amount_description"),
        })
        .collect();
    let languages = list(json, "languages")
        .filter_map(|l| text(l, "name").or_else(|| text(l, "code")))
        .collect();
    let assured_date =
        match text(json, "assured_date").and_then(|d| Date::parse(d.get(..10).unwrap_or(&d))) {
            Some(date) => date,
            None => {
                report(
                    "assured_date",
                    "there is no valid assured_date; set to today, so check the listing".into(),
                );
                today
            }
        };
    let assurer_email = email("assurer_email", text(json, "assurer_email"), &mut report);
    let categorised = !categories.is_empty();
    let service = Service {
        id,
        name,
        description: text(json, "description").unwrap_or_default(),
        summary: None,
        audience: Vec::new(),
        illustrative: false,
        organization,
        status,
        url,
        email: service_email,
        phones,
        minimum_age,
        maximum_age,
        categories,
        cost_options,
        attending_type,
        access,
        application_process: text(json, "application_process"),
        service_at_locations,
        schedules,
        languages,
        send_local_offer: (!needs.is_empty()).then(|| LocalOffer {
            needs,
            answers: Vec::new(),
        }),
        assured_date,
        assurer_email,
    };
    Ok(Converted {
        service,
        problems,
        unmapped,
        categorised,
    })
}

/// Reports a value that fails `ok` ("`value` why, so it was left out"); returns `ok`, for
/// use in `filter`.
fn keep(
    ok: bool,
    field: &str,
    value: &str,
    why: &str,
    report: &mut dyn FnMut(&str, String),
) -> bool {
    if !ok {
        report(field, format!("`{value}` {why}, so it was left out"));
    }
    ok
}

fn import_phones(json: &Value, report: &mut dyn FnMut(&str, String)) -> Vec<Phone> {
    list(json, "phones")
        .chain(list(json, "contacts").flat_map(|c| list(c, "phones")))
        .filter_map(|p| {
            let number = text(p, "number")?;
            keep(
                validate::is_uk_phone(&number),
                "phones.number",
                &number,
                "is not a UK phone number",
                report,
            )
            .then(|| Phone {
                number,
                kind: p
                    .get("type")
                    .and_then(|t| serde_json::from_value::<PhoneType>(t.clone()).ok()),
                description: text(p, "description"),
            })
        })
        .collect()
}

fn import_ages(json: &Value, report: &mut dyn FnMut(&str, String)) -> (Option<u32>, Option<u32>) {
    let age = |key: &str| {
        json.get(key)
            .and_then(Value::as_f64)
            .filter(|a| (0.0..=130.0).contains(a))
            .map(|a| a as u32)
    };
    match (age("minimum_age"), age("maximum_age")) {
        (Some(min), Some(max)) if min > max => {
            report(
                "minimum_age",
                format!("the minimum age {min} is above the maximum age {max}; both left out"),
            );
            (None, None)
        }
        ages => ages,
    }
}

fn import_schedules(
    json: &Value,
    key: &str,
    report: &mut dyn FnMut(&str, String),
) -> Vec<Schedule> {
    list(json, key)
        .filter_map(|s| {
            let byday = text(s, "byday")?;
            if let Some(freq) = text(s, "freq").filter(|f| !f.eq_ignore_ascii_case("WEEKLY")) {
                report("schedules", format!("a {freq} schedule for {byday} was left out: signpost shows weekly opening times"));
                return None;
            }
            let time = |key: &str| text(s, key).and_then(|t| t.parse::<ClockTime>().ok());
            let (Some(opens_at), Some(closes_at)) = (time("opens_at"), time("closes_at")) else {
                report(
                    "schedules",
                    format!("a schedule for {byday} has no valid opening times; left out"),
                );
                return None;
            };
            let days = byday.parse::<Days>();
            if !keep(days.is_ok(), "schedules.byday", &byday, "is not a list of days (MO,TU,...)", report) {
                return None;
            }
            let schedule = Schedule {
                byday: days.ok()?,
                opens_at,
                closes_at,
                description: text(s, "description"),
            };
            keep(
                schedule.is_ordered(),
                "schedules.closes_at",
                &closes_at.to_string(),
                "is not after the opening time",
                report,
            )
            .then_some(schedule)
        })
        .collect()
}

fn import_location(sal: &Value, report: &mut dyn FnMut(&str, String)) -> Option<ServiceAtLocation> {
    let place = sal.get("location")?;
    let addresses: Vec<Address> = list(place, "addresses")
        .chain(place.get("address"))
        .filter_map(|a| {
            let postal_code = text(a, "postal_code")?;
            if !keep(
                validate::is_uk_postcode(&postal_code),
                "addresses.postal_code",
                &postal_code,
                "is not a UK postcode; the address",
                report,
            ) {
                return None;
            }
            Some(Address {
                address_1: text(a, "address_1").unwrap_or_default(),
                address_2: text(a, "address_2"),
                city: text(a, "city").unwrap_or_default(),
                postal_code,
                country: text(a, "country"),
            })
        })
        .collect();
    let mut coordinate = |key: &str, range: (f64, f64)| {
        let value = place.get(key).and_then(Value::as_f64)?;
        let ok = (range.0..=range.1).contains(&value);
        keep(
            ok,
            &format!("location.{key}"),
            &value.to_string(),
            "is not in the UK",
            report,
        )
        .then_some(value)
    };
    let latitude = coordinate("latitude", (49.8, 60.9));
    let longitude = coordinate("longitude", (-8.7, 1.8));
    let (latitude, longitude) = match (latitude, longitude) {
        (Some(lat), Some(lon)) => (Some(lat), Some(lon)),
        _ => (None, None),
    };
    let accessibility = list(place, "accessibility")
        .filter_map(|a| {
            let feature = codes(a, Vocabulary::Accessibility)
                .find_map(|t| serde_json::from_value::<AccessibilityFeature>(json!(t)).ok());
            let description = text(a, "description").or_else(|| text(a, "accessibility"));
            let description = description.filter(|d| feature.is_none_or(|f| d != f.label()));
            (feature.is_some() || description.is_some()).then_some(Accessibility {
                feature,
                description,
            })
        })
        .collect();
    let name = text(place, "name").or_else(|| addresses.first().map(|a| a.address_1.clone()))?;
    Some(ServiceAtLocation {
        location: Location {
            name,
            addresses,
            latitude,
            longitude,
            accessibility,
        },
        schedules: import_schedules(sal, "schedules", report),
    })
}
