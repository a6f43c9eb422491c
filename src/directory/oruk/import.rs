//! Services from another directory's ORUK feed, with each invalid field reported and left
//! out so the imported files build.

use serde_json::{Value, json};

use super::{ACCESS_TAXONOMY, ATTENDING_TAXONOMY, CATEGORY_TAXONOMY};
use crate::date::Date;
use crate::directory::service::{
    Access, Accessibility, Address, AttendingType, CostOption, Location, Organization, Phone,
    PhoneType, Schedule, Service, ServiceAtLocation, Status,
};
use crate::directory::{Directory, validate};

/// A field of an imported service that was wrong and was left out (or replaced).
#[derive(Debug, Clone, PartialEq)]
pub struct ImportProblem {
    pub field: String,
    pub message: String,
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

/// Converts one feed service; invalid fields are left out and reported, so the imported file
/// builds. Err when the service cannot be imported at all (no id or name).
pub fn import_service(
    json: &Value,
    directory: &Directory,
    default_category: Option<&str>,
    today: Date,
) -> Result<(Service, Vec<ImportProblem>), String> {
    let mut problems = Vec::new();
    let mut report = |field: &str, message: String| {
        problems.push(ImportProblem {
            field: field.into(),
            message,
        })
    };
    let raw_id = text(json, "id").ok_or("it has no `id`")?;
    let name = text(json, "name").ok_or("it has no `name`")?;
    let id = raw_id.to_ascii_lowercase();
    let id = if validate::is_id(&id) {
        id
    } else {
        slug::slugify(&raw_id)
    };
    if id.is_empty() {
        return Err("its `id` has no letters or digits to name a file with".into());
    }
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
    let url = text(json, "url").filter(|u| {
        keep(
            crate::config::is_http_url(u),
            "url",
            u,
            "is not an http(s) web address",
            &mut report,
        )
    });
    let email = text(json, "email").filter(|e| {
        keep(
            validate::is_email(e),
            "email",
            e,
            "is not an email address",
            &mut report,
        )
    });
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
            website: text(org, "website").filter(|w| {
                keep(
                    crate::config::is_http_url(w),
                    "organization.website",
                    w,
                    "is not an http(s) web address",
                    &mut report,
                )
            }),
        },
    };
    let phones = list(json, "phones")
        .chain(list(json, "contacts").flat_map(|c| list(c, "phones")))
        .filter_map(|p| {
            let number = text(p, "number")?;
            keep(
                validate::is_uk_phone(&number),
                "phones.number",
                &number,
                "is not a UK phone number",
                &mut report,
            )
            .then(|| Phone {
                number,
                kind: p
                    .get("type")
                    .and_then(|t| serde_json::from_value::<PhoneType>(t.clone()).ok()),
                description: text(p, "description"),
            })
        })
        .collect();
    let age = |key: &str| {
        json.get(key)
            .and_then(Value::as_f64)
            .filter(|a| (0.0..=130.0).contains(a))
            .map(|a| a as u32)
    };
    let (mut minimum_age, mut maximum_age) = (age("minimum_age"), age("maximum_age"));
    if let (Some(min), Some(max)) = (minimum_age, maximum_age)
        && min > max
    {
        report(
            "minimum_age",
            format!("the minimum age {min} is above the maximum age {max}; both left out"),
        );
        (minimum_age, maximum_age) = (None, None);
    }
    let terms = |taxonomy: &'static str| {
        list(json, "attributes")
            .filter_map(|a| a.get("taxonomy_term"))
            .filter(move |t| text(t, "taxonomy").as_deref() == Some(taxonomy))
            .filter_map(|t| text(t, "term"))
    };
    let mut categories: Vec<String> = terms(CATEGORY_TAXONOMY)
        .filter(|c| directory.category(c).is_some())
        .collect();
    if categories.is_empty() {
        categories = list(json, "attributes")
            .filter_map(|a| a.get("taxonomy_term"))
            .filter_map(|t| text(t, "name"))
            .filter_map(|name| {
                directory
                    .categories
                    .iter()
                    .find(|c| c.label.eq_ignore_ascii_case(&name) || c.id == slug::slugify(&name))
            })
            .map(|c| c.id.clone())
            .collect();
    }
    if categories.is_empty() {
        match default_category {
            Some(category) => categories.push(category.to_string()),
            None => report(
                "categories",
                "no taxonomy term matches a category in directory_data/categories.yaml; add one before building (or import with --category ID)".into(),
            ),
        }
    }
    let access = terms(ACCESS_TAXONOMY)
        .filter_map(|t| serde_json::from_value::<Access>(json!(t)).ok())
        .collect();
    let attending_type = terms(ATTENDING_TAXONOMY)
        .filter_map(|t| serde_json::from_value::<AttendingType>(json!(t)).ok())
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
        .filter_map(|l| text(l, "name"))
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
    let assurer_email = text(json, "assurer_email").filter(|e| {
        keep(
            validate::is_email(e),
            "assurer_email",
            e,
            "is not an email address",
            &mut report,
        )
    });
    let service = Service {
        id,
        name,
        description: text(json, "description").unwrap_or_default(),
        organization,
        status,
        url,
        email,
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
        assured_date,
        assurer_email,
    };
    Ok((service, problems))
}

/// Reports a value that fails `ok` ("`value` why, so it was left out"); returns `ok`, for
/// use in `filter`.
fn keep(
    ok: bool,
    field: &str,
    value: &str,
    why: &str,
    report: &mut impl FnMut(&str, String),
) -> bool {
    if !ok {
        report(field, format!("`{value}` {why}, so it was left out"));
    }
    ok
}

fn import_schedules(
    json: &Value,
    key: &str,
    report: &mut impl FnMut(&str, String),
) -> Vec<Schedule> {
    list(json, key)
        .filter_map(|s| {
            let byday = text(s, "byday")?;
            let opens_at = text(s, "opens_at").and_then(|t| short_time(&t));
            let closes_at = text(s, "closes_at").and_then(|t| short_time(&t));
            let (Some(opens_at), Some(closes_at)) = (opens_at, closes_at) else {
                report(
                    "schedules",
                    format!("a schedule for {byday} has no valid opening times; left out"),
                );
                return None;
            };
            let schedule = Schedule {
                byday,
                opens_at,
                closes_at,
                description: text(s, "description"),
            };
            let days_ok = schedule.days().all(|d| {
                crate::directory::service::DAYS
                    .iter()
                    .any(|(code, _)| *code == d)
            });
            keep(
                days_ok,
                "schedules.byday",
                &schedule.byday,
                "is not a list of days (MO,TU,...)",
                report,
            )
            .then_some(schedule)
        })
        .collect()
}

/// "10:00:00" or "10:00Z" -> "10:00".
fn short_time(time: &str) -> Option<String> {
    let minutes = validate::minutes(time)?;
    Some(format!("{:02}:{:02}", minutes / 60, minutes % 60))
}

fn import_location(
    sal: &Value,
    report: &mut impl FnMut(&str, String),
) -> Option<ServiceAtLocation> {
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
        .filter_map(|a| text(a, "description").or_else(|| text(a, "accessibility")))
        .map(|description| Accessibility { description })
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
