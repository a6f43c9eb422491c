//! Checks on a service's fields that the YAML types cannot express: UK phone numbers and
//! postcodes, email and web addresses, places inside the UK, ages, days and times. Shared by
//! the build and by `signpost import oruk`, which reports the same problems per service.

use super::service::{Schedule, Service};

/// One field that is wrong: where (the YAML key and its value), what is wrong, what is right.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    pub key: &'static str,
    pub value: String,
    pub message: String,
    pub help: &'static str,
}

/// The UK, generously: from the Scilly Isles and Northern Ireland to Shetland and Kent.
const UK_LATITUDE: (f64, f64) = (49.8, 60.9);
const UK_LONGITUDE: (f64, f64) = (-8.7, 1.8);

pub fn check_service(service: &Service, category_ids: &[&str]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut problem = |key: &'static str, value: &str, message: String, help: &'static str| {
        problems.push(FieldProblem {
            key,
            value: value.to_string(),
            message,
            help,
        })
    };
    if !is_id(&service.id) {
        problem(
            "id",
            &service.id,
            format!("the id `{}` cannot be used in a web address", service.id),
            "use lower-case letters, digits and hyphens, e.g. north-family-hub",
        );
    }
    for url in service
        .url
        .iter()
        .chain(service.organization.website.iter())
    {
        if !crate::config::is_http_url(url) {
            problem(
                if service.url.as_ref() == Some(url) {
                    "url"
                } else {
                    "website"
                },
                url,
                format!("`{url}` is not a web address"),
                "only web addresses starting with https:// (or http://) are allowed",
            );
        }
    }
    for email in service.email.iter().chain(service.assurer_email.iter()) {
        if !is_email(email) {
            problem(
                if service.email.as_ref() == Some(email) {
                    "email"
                } else {
                    "assurer_email"
                },
                email,
                format!("`{email}` is not an email address"),
                "write it like name@example.org.uk",
            );
        }
    }
    for phone in &service.phones {
        if !is_uk_phone(&phone.number) {
            problem(
                "number",
                &phone.number,
                format!("`{}` is not a UK phone number", phone.number),
                "write it as 01632 960 123, 0800 1111, 999 or +44 1632 960123",
            );
        }
    }
    if let (Some(min), Some(max)) = (service.minimum_age, service.maximum_age)
        && min > max
    {
        problem(
            "minimum_age",
            &min.to_string(),
            format!("the minimum age ({min}) is more than the maximum age ({max})"),
            "minimum_age must be no more than maximum_age",
        );
    }
    if service.categories.is_empty() {
        problem(
            "categories",
            "",
            "the service has no categories".into(),
            "list one or more ids from directory_data/categories.yaml",
        );
    }
    for category in &service.categories {
        if !category_ids.contains(&category.as_str()) {
            problem(
                "categories",
                category,
                format!("`{category}` is not a category in directory_data/categories.yaml"),
                "use the category ids listed in directory_data/categories.yaml",
            );
        }
    }
    for location in service.service_at_locations.iter().map(|sal| &sal.location) {
        for address in &location.addresses {
            if !is_uk_postcode(&address.postal_code) {
                problem(
                    "postal_code",
                    &address.postal_code,
                    format!("`{}` is not a UK postcode", address.postal_code),
                    "write a full UK postcode, e.g. EB3 4QT",
                );
            }
        }
        if let Some(latitude) = location.latitude
            && !(UK_LATITUDE.0..=UK_LATITUDE.1).contains(&latitude)
        {
            problem(
                "latitude",
                &latitude.to_string(),
                format!("latitude {latitude} is not in the UK"),
                "UK latitudes are between 49.8 and 60.9, e.g. 53.07",
            );
        }
        if let Some(longitude) = location.longitude
            && !(UK_LONGITUDE.0..=UK_LONGITUDE.1).contains(&longitude)
        {
            problem(
                "longitude",
                &longitude.to_string(),
                format!("longitude {longitude} is not in the UK"),
                "UK longitudes are between -8.7 and 1.8, e.g. -2.23",
            );
        }
        if location
            .accessibility
            .iter()
            .any(|a| a.feature.is_none() && a.text().trim().is_empty())
        {
            problem(
                "accessibility",
                "",
                format!(
                    "an accessibility entry at {} has neither a feature nor a description",
                    location.name
                ),
                "give a `feature:` (step-free, accessible-toilet, hearing-loop, quiet-space, accessible-parking or baby-changing), a `description:`, or both",
            );
        }
        if location.latitude.is_some() != location.longitude.is_some() {
            problem(
                "latitude",
                "",
                format!("{} has only one of latitude and longitude", location.name),
                "give both, or neither",
            );
        }
    }
    if let Some(offer) = &service.send_local_offer
        && offer.needs.is_empty()
        && offer.answers.is_empty()
    {
        problem(
            "send_local_offer",
            "",
            "send_local_offer has no needs and no answers".into(),
            "list the areas of need it supports under `needs:` (communication-and-interaction, cognition-and-learning, social-emotional-and-mental-health, sensory-and-physical) and its answers under `answers:`, or remove send_local_offer",
        );
    }
    for schedule in service.all_schedules() {
        check_schedule(schedule, &mut problem);
    }
    check_sizes(service, &mut problem);
    problems
}

/// The most text and the most entries a field may have: enough for any real service, and a
/// clear error instead of a page of megabytes when a feed or a paste goes wrong.
const TEXT_LIMITS: [(&str, usize); 4] = [
    ("name", 200),
    ("description", 10_000),
    ("summary", 300),
    ("application_process", 5_000),
];
const LIST_LIMIT: usize = 50;

fn check_sizes(
    service: &Service,
    problem: &mut impl FnMut(&'static str, &str, String, &'static str),
) {
    if service.name.trim().is_empty() {
        problem(
            "name",
            "",
            "the service has no name".into(),
            "write the name people know it by after `name:`",
        );
    }
    if service
        .summary
        .as_ref()
        .is_some_and(|s| s.trim().is_empty())
    {
        problem(
            "summary",
            "",
            "the summary is empty".into(),
            "write the one sentence lists of services show, or remove `summary:` to use the description's first sentence",
        );
    }
    let texts = [
        Some(service.name.as_str()),
        Some(service.description.as_str()),
        service.summary.as_deref(),
        service.application_process.as_deref(),
    ];
    for ((key, limit), text) in TEXT_LIMITS.into_iter().zip(texts) {
        let length = text.map_or(0, |t| t.chars().count());
        if length > limit {
            problem(
                key,
                "",
                format!("`{key}` is {length} characters long; the most is {limit}"),
                "shorten it: a listing is read on a phone, and a description that long is usually a paste gone wrong",
            );
        }
    }
    let lists = [
        ("phones", service.phones.len()),
        ("service_at_locations", service.service_at_locations.len()),
        ("schedules", service.all_schedules().count()),
        ("categories", service.categories.len()),
        ("languages", service.languages.len()),
        ("cost_options", service.cost_options.len()),
    ];
    for (key, count) in lists {
        if count > LIST_LIMIT {
            problem(
                key,
                "",
                format!("`{key}` has {count} entries; the most is {LIST_LIMIT}"),
                "keep the ones a family needs; a list that long is usually data gone wrong",
            );
        }
    }
}

fn check_schedule(
    schedule: &Schedule,
    problem: &mut impl FnMut(&'static str, &str, String, &'static str),
) {
    if !schedule.is_ordered() {
        problem(
            "closes_at",
            &schedule.closes_at.to_string(),
            format!(
                "it closes ({}) before it opens ({})",
                schedule.closes_at, schedule.opens_at
            ),
            "closes_at must be later than opens_at on the same day",
        );
    }
}

pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A UK number: 10 or 11 digits starting 0 (or +44), 0800/0808 freephone numbers, or a
/// short code: 999, 112, 111, 101, 105, or a six-digit 116/118 number such as 116 123.
/// See `crate::phone::is_uk`.
pub fn is_uk_phone(number: &str) -> bool {
    crate::phone::is_uk(number)
}

pub fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
}

/// A full UK postcode: outward code (area letters, district) then inward code (digit, two
/// letters), e.g. EB3 4QT, SW1A 1AA.
pub fn is_uk_postcode(postcode: &str) -> bool {
    let compact: String = postcode
        .to_ascii_uppercase()
        .chars()
        .filter(|c| *c != ' ')
        .collect();
    if compact == "GIR0AA" {
        return true;
    }
    if !(5..=7).contains(&compact.len()) {
        return false;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let inward = inward.as_bytes();
    let inward_ok = inward[0].is_ascii_digit()
        && inward[1].is_ascii_alphabetic()
        && inward[2].is_ascii_alphabetic();
    let letters = outward
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .count();
    let rest = &outward[letters..];
    let outward_ok = (1..=2).contains(&letters)
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest.len() <= 2
        && rest.chars().all(|c| c.is_ascii_alphanumeric());
    inward_ok && outward_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_phone_numbers() {
        for good in [
            "01632 960 123",
            "0800 1111",
            "0808 800 5000",
            "999",
            "116 123",
            "+44 1632 960123",
            "07700 900 123",
            "+44 (0)1632 960123",
        ] {
            assert!(is_uk_phone(good), "{good}");
        }
        for bad in ["123", "555-1234", "+1 212 555 0100", "phone us", "01632 96"] {
            assert!(!is_uk_phone(bad), "{bad}");
        }
    }

    #[test]
    fn uk_postcodes() {
        for good in ["EB3 4QT", "SW1A 1AA", "M1 1AE", "eb34qt", "CR2 6XH"] {
            assert!(is_uk_postcode(good), "{good}");
        }
        for bad in ["ABC 1234", "12345", "EB3", "EB3 4Q", "90210"] {
            assert!(!is_uk_postcode(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        assert!(is_email("hub@example-borough.org.uk"));
        assert!(!is_email("hub at example.org") && !is_email("hub@localhost"));
    }
}
