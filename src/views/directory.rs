//! What the directory templates see: service summaries for lists (with the data the browser
//! filters on), whole services for their pages, and categories with their counts.

use serde::Serialize;

use super::pager::{self, PagerView};
use super::{tel_link, wording};
use crate::directory::oruk::{Endpoint, FeedFile};
use crate::directory::service::{
    AccessibilityFeature, AttendingType, Schedule, SendNeed, Service, Status, Weekday,
};
use crate::hours;
use crate::routes::{self, Target};
use crate::site::Site;
use crate::strings::Words;

/// One service's facts for the filters and the shortlist, in the order the page lists them.
/// The browser fetches this when someone first uses the filters or shortlists a service, so
/// the page itself stays small.
pub fn filter_data(site: &Site) -> serde_json::Value {
    let services: Vec<serde_json::Value> = site
        .directory
        .listings
        .iter()
        .enumerate()
        .map(|(index, listing)| {
            let s = summary(site, index);
            let service = &listing.service;
            let mut facts = serde_json::json!({
                "id": s.id,
                "name": s.name,
                "url": s.url,
                "summary": s.summary,
                "illustrative": s.illustrative,
                "ages": s.ages,
                "cost": s.cost,
                "town": s.town,
                "closed": s.temporarily_closed,
                "hours": s.hours_data,
                "phone": s.phone,
                "place": s.place,
                "categories": service.categories,
                "min_age": s.minimum_age,
                "max_age": s.maximum_age,
                "free": s.free,
                "access": service.access.iter().map(|a| a.id()).collect::<Vec<_>>(),
                "attending": service.attending_type.iter().map(|a| a.id()).collect::<Vec<_>>(),
                "languages": service.languages,
                "accessibility": service.accessibility_features().iter().map(|f| f.id()).collect::<Vec<_>>(),
                "send": service.send_needs().iter().map(|n| n.id()).collect::<Vec<_>>(),
                "days": service.open_days().iter().map(Weekday::code).collect::<Vec<_>>(),
                "latitude": s.latitude,
                "longitude": s.longitude,
            });
            if let Some(lang) = &s.text_lang {
                facts["lang"] = serde_json::json!(lang);
            }
            facts
        })
        .collect();
    serde_json::Value::Array(services)
}

#[derive(Debug, Serialize, Default)]
pub struct DirectoryView {
    pub categories: Vec<CategoryView>,
    pub services: Vec<ServiceSummary>,
    /// On a category page: that category.
    pub category: Option<CategoryView>,
    /// On a service page: the whole service.
    pub service: Option<Box<ServiceView>>,
    /// Each day, for the "open on" filter.
    pub days: Vec<DayView>,
    /// The filters' choices, each only when some service has it.
    pub languages: Vec<String>,
    pub attending: Vec<ChoiceView>,
    pub accessibility: Vec<ChoiceView>,
    pub send_needs: Vec<ChoiceView>,
    pub postcodes_url: &'static str,
    /// A postcode district from the site's own list, for the postcode field's hint.
    pub postcode_example: Option<String>,
    pub filters_url: String,
    /// The whole directory as one ORUK file, and the feed's root.
    pub api_url: String,
    pub feed_url: String,
    /// How many services the list has in all, and the page of it shown, when it has pages.
    pub total: usize,
    pub pager: Option<PagerView>,
}

/// Page `number` of `services` (indices of published services), as the list shows it, and
/// its pager; `url` gives each page's address.
fn paged(
    site: &Site,
    services: &[usize],
    number: usize,
    url: impl Fn(usize) -> String,
) -> (Vec<ServiceSummary>, Option<PagerView>) {
    let size = site.config.pagination.page_size;
    let shown: Vec<ServiceSummary> = pager::page_of(services, size, number)
        .iter()
        .map(|&i| summary(site, i))
        .collect();
    let label = site.words().text("pager.services");
    let pager = PagerView::of(services.len(), size, number, url, label);
    (shown, pager)
}

#[derive(Debug, Serialize, Clone)]
pub struct DayView {
    pub code: &'static str,
    pub name: String,
}

#[derive(Debug, Serialize, Clone)]
pub struct ChoiceView {
    pub id: &'static str,
    pub label: String,
}

#[derive(Debug, Serialize, Clone)]
pub struct CategoryView {
    pub id: String,
    pub label: String,
    pub description: String,
    pub url: String,
    pub count: usize,
    pub parent: Option<String>,
}

/// A service in a list, with the facts the filters use as data attributes.
#[derive(Debug, Serialize, Clone)]
pub struct ServiceSummary {
    pub id: String,
    pub name: String,
    pub url: String,
    pub summary: String,
    /// A made-up listing, written as an example.
    pub illustrative: bool,
    pub organization: String,
    pub categories: Vec<String>,
    /// Space-separated ids, for the browser's filters.
    pub category_ids: String,
    pub minimum_age: Option<u32>,
    pub maximum_age: Option<u32>,
    pub ages: String,
    pub free: bool,
    pub cost: String,
    pub access_ids: String,
    pub days: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub town: Option<String>,
    pub temporarily_closed: bool,
    pub last_checked: String,
    /// Its opening times in the compact form `hours.js` reads, for "open today until 5pm".
    pub hours_data: String,
    /// The first phone number, and its first place's address on one line, for the shortlist.
    pub phone: Option<String>,
    pub place: Option<String>,
    /// On a page in another language, a service not translated into it: the language (and
    /// its direction) its own words are in, so they are marked as such.
    pub text_lang: Option<String>,
    pub text_dir: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ServiceView {
    pub summary: ServiceSummary,
    pub description: String,
    /// What "What it offers" says: the description, less the sentence the page opens with.
    pub offers: String,
    pub phones: Vec<PhoneView>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub organization_website: Option<String>,
    pub locations: Vec<LocationView>,
    pub opening: Vec<OpeningView>,
    /// Its answers to the SEND Local Offer, when it has them.
    pub local_offer: Option<LocalOfferView>,
    pub costs: Vec<String>,
    pub languages: Vec<String>,
    pub attending: Vec<String>,
    pub access: Vec<String>,
    pub application_process: Option<String>,
    pub checked_by: Option<String>,
    /// A mailto: link to report that the listing is wrong.
    pub report_change: Option<String>,
    /// schema.org JSON-LD, escaped for a <script type="application/ld+json"> block.
    pub json_ld: String,
    pub oruk_url: String,
}

#[derive(Debug, Serialize)]
pub struct PhoneView {
    pub number: String,
    pub tel: String,
    pub description: Option<String>,
    pub is_text: bool,
}

#[derive(Debug, Serialize)]
pub struct LocationView {
    pub name: String,
    pub address_lines: Vec<String>,
    pub map_url: Option<String>,
    pub accessibility: Vec<String>,
    pub opening: Vec<OpeningView>,
}

#[derive(Debug, Serialize)]
pub struct LocalOfferView {
    pub needs: Vec<String>,
    pub answers: Vec<AnswerView>,
}

#[derive(Debug, Serialize)]
pub struct AnswerView {
    pub question: String,
    pub answer: String,
}

#[derive(Debug, Serialize)]
pub struct OpeningView {
    pub days: String,
    pub hours: String,
    pub note: Option<String>,
}

/// Page `number` (from 1) of the directory's own list, with every filter.
pub fn index(site: &Site, number: usize) -> DirectoryView {
    let all: Vec<usize> = (0..site.directory.listings.len()).collect();
    let (shown, pager) = paged(site, &all, number, |n| match n {
        1 => site
            .section(crate::layout::DIRECTORY_DIR)
            .map_or_else(|| "/".into(), |i| site.pages[i].url.clone()),
        n => site.url(Target::DirectoryPage(n)),
    });
    let services = || site.directory.listings.iter().map(|l| &l.service);
    let mut languages: Vec<String> = services().flat_map(|s| s.languages.clone()).collect();
    languages.sort_by_key(|l| l.to_lowercase());
    languages.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    let words = site.words();
    let days = words.list("time.days");
    DirectoryView {
        categories: categories(site),
        services: shown,
        total: all.len(),
        pager,
        days: Weekday::ALL
            .iter()
            .map(|day| DayView {
                code: day.code(),
                name: days.get(day.index()).cloned().unwrap_or_default(),
            })
            .collect(),
        languages,
        attending: AttendingType::ALL
            .into_iter()
            .filter(|a| services().any(|s| s.attending_type.contains(a)))
            .map(|a| ChoiceView {
                id: a.id(),
                label: attending_label(words, a),
            })
            .collect(),
        accessibility: AccessibilityFeature::ALL
            .into_iter()
            .filter(|f| services().any(|s| s.accessibility_features().contains(f)))
            .map(|f| ChoiceView {
                id: f.id(),
                label: feature_label(words, f),
            })
            .collect(),
        send_needs: SendNeed::ALL
            .into_iter()
            .filter(|n| services().any(|s| s.send_needs().contains(n)))
            .map(|n| ChoiceView {
                id: n.id(),
                label: need_label(words, n),
            })
            .collect(),
        postcodes_url: routes::POSTCODES,
        postcode_example: site.directory.districts.first().map(|d| d.district.clone()),
        filters_url: site.url(Target::DirectoryFilters),
        api_url: site.url(Target::Feed(FeedFile::Download)),
        feed_url: site.url(Target::Feed(FeedFile::Index(Endpoint::Services))),
        ..DirectoryView::default()
    }
}

/// Page `number` (from 1) of a category's services.
pub fn category_page(site: &Site, index: usize, number: usize) -> DirectoryView {
    let all = categories(site);
    let category = all[index].clone();
    let members = site.directory.in_category(&category.id);
    let (shown, pager) = paged(site, &members, number, |n| match n {
        1 => site.url(Target::DirectoryCategory(index)),
        n => site.url(Target::DirectoryCategoryPage(index, n)),
    });
    DirectoryView {
        services: shown,
        total: members.len(),
        pager,
        category: Some(category),
        categories: all,
        filters_url: site.url(Target::DirectoryFilters),
        ..DirectoryView::default()
    }
}

pub fn service_page(site: &Site, index: usize) -> DirectoryView {
    DirectoryView {
        service: Some(Box::new(service_view(site, index))),
        filters_url: site.url(Target::DirectoryFilters),
        ..DirectoryView::default()
    }
}

fn categories(site: &Site) -> Vec<CategoryView> {
    let directory = &site.directory;
    let counts = site.category_counts().iter().copied();
    (directory.categories.iter().zip(counts).enumerate())
        .map(|(i, (c, count))| CategoryView {
            id: c.id.clone(),
            label: c.label.clone(),
            description: c.description.clone(),
            url: site.url(Target::DirectoryCategory(i)),
            count,
            parent: c.parent.clone(),
        })
        .collect()
}

/// The listing at `index` among published services, as a list shows it.
pub fn summary(site: &Site, index: usize) -> ServiceSummary {
    let directory = &site.directory;
    let words = site.words();
    let listing = &directory.listings[index];
    let service = &listing.service;
    let original = listing
        .untranslated
        .as_ref()
        .map(|code| (code.clone(), site.config.languages()[0].direction.as_str()));
    let first_place = service
        .service_at_locations
        .iter()
        .map(|sal| &sal.location)
        .find(|l| l.latitude.is_some());
    ServiceSummary {
        id: service.id.clone(),
        name: service.name.clone(),
        url: site.url(Target::Service(index)),
        summary: card_text(service),
        illustrative: service.illustrative,
        organization: service.organization.name.clone(),
        categories: service
            .categories
            .iter()
            .map(|id| {
                directory
                    .category(id)
                    .map_or(id.clone(), |c| c.label.clone())
            })
            .collect(),
        category_ids: service.categories.join(" "),
        minimum_age: service.minimum_age,
        maximum_age: service.maximum_age,
        ages: ages(words, service),
        free: service.is_free(),
        cost: cost(words, service),
        access_ids: service
            .access
            .iter()
            .map(|a| a.id())
            .collect::<Vec<_>>()
            .join(" "),
        days: service
            .open_days()
            .iter()
            .map(Weekday::code)
            .collect::<Vec<_>>()
            .join(" "),
        latitude: first_place.and_then(|l| l.latitude),
        longitude: first_place.and_then(|l| l.longitude),
        town: service
            .service_at_locations
            .iter()
            .flat_map(|sal| &sal.location.addresses)
            .map(|a| a.city.clone())
            .next(),
        temporarily_closed: service.status == Status::TemporarilyClosed,
        last_checked: wording::date(words, service.assured_date),
        hours_data: hours::compact(&service.all_schedules().collect::<Vec<_>>()),
        text_lang: original.as_ref().map(|(code, _)| code.clone()),
        text_dir: original.map(|(_, direction)| direction),
        phone: service.phones.first().map(|p| p.number.clone()),
        place: service
            .service_at_locations
            .iter()
            .flat_map(|sal| &sal.location.addresses)
            .next()
            .map(|a| {
                [
                    Some(a.address_1.as_str()),
                    a.address_2.as_deref(),
                    Some(a.city.as_str()),
                    Some(a.postal_code.as_str()),
                ]
                .into_iter()
                .flatten()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
            }),
    }
}

fn service_view(site: &Site, index: usize) -> ServiceView {
    let words = site.words();
    let service = &site.directory.listings[index].service;
    let report_address = site
        .config
        .directory
        .report_changes_to
        .clone()
        .or_else(|| service.assurer_email.clone());
    let permalink = site.permalink(&site.url(Target::Service(index)));
    let summary = summary(site, index);
    ServiceView {
        offers: without_lead(&service.description, &summary.summary),
        summary,
        description: service.description.clone(),
        phones: service
            .phones
            .iter()
            .map(|p| PhoneView {
                number: p.number.clone(),
                tel: tel_link(&p.number),
                description: p.description.clone(),
                is_text: matches!(p.kind, Some(crate::directory::service::PhoneType::Text)),
            })
            .collect(),
        email: service.email.clone(),
        website: service.url.clone(),
        organization_website: service.organization.website.clone(),
        locations: service
            .service_at_locations
            .iter()
            .map(|sal| {
                let place = &sal.location;
                LocationView {
                    name: place.name.clone(),
                    address_lines: place
                        .addresses
                        .first()
                        .map(|a| {
                            [Some(a.address_1.clone()), a.address_2.clone(), Some(a.city.clone()), Some(a.postal_code.clone())]
                                .into_iter()
                                .flatten()
                                .filter(|line| !line.is_empty())
                                .collect()
                        })
                        .unwrap_or_default(),
                    map_url: place.latitude.zip(place.longitude).map(|(lat, lon)| {
                        format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
                    }),
                    accessibility: place
                        .accessibility
                        .iter()
                        .map(|a| match (&a.description, a.feature) {
                            (Some(description), _) => description.clone(),
                            (None, Some(feature)) => feature_label(words, feature),
                            (None, None) => String::new(),
                        })
                        .collect(),
                    opening: sal.schedules.iter().map(|s| opening(words, s)).collect(),
                }
            })
            .collect(),
        opening: service.schedules.iter().map(|s| opening(words, s)).collect(),
        local_offer: service.send_local_offer.as_ref().map(|offer| LocalOfferView {
            needs: offer.needs.iter().map(|n| need_label(words, *n)).collect(),
            answers: offer
                .answers
                .iter()
                .map(|a| AnswerView {
                    question: a.question.clone(),
                    answer: a.answer.clone(),
                })
                .collect(),
        }),
        costs: service
            .cost_options
            .iter()
            .map(|c| {
                let amount = c.amount.filter(|a| *a > 0.0).map(|a| format!("£{a:.2}"));
                [c.option.clone(), amount, c.amount_description.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(": ")
            })
            .collect(),
        languages: service.languages.clone(),
        attending: service
            .attending_type
            .iter()
            .map(|a| attending_label(words, *a))
            .collect(),
        access: service
            .access
            .iter()
            .map(|a| words.text(&format!("service.access_ways.{}", a.id())).to_string())
            .collect(),
        application_process: service.application_process.clone(),
        checked_by: service.assurer_email.clone(),
        report_change: report_address.map(|address| {
            format!(
                "mailto:{address}?subject={}",
                percent_encoding::utf8_percent_encode(&words.fill("service.report_subject", &[("name", &service.name)]), percent_encoding::NON_ALPHANUMERIC)
            )
        }),
        json_ld: json_ld(service, &permalink),
        oruk_url: site.url(Target::Feed(FeedFile::Service(index))),
    }
}

/// What a list says about a service: its `summary:`, else its description's first sentence.
fn card_text(service: &Service) -> String {
    match &service.summary {
        Some(summary) => summary.trim().to_string(),
        None => first_sentence(&service.description),
    }
}

/// The description without `lead` at its start: a service's page opens with its card text, so
/// "What it offers" goes on from there rather than saying it twice.
fn without_lead(description: &str, lead: &str) -> String {
    let description = description.trim();
    description
        .strip_prefix(lead.trim())
        .map_or(description, str::trim_start)
        .to_string()
}

fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(end) => text[..=end].to_string(),
        None => text.to_string(),
    }
}

fn ages(words: &Words, service: &Service) -> String {
    let (min, max) = (service.minimum_age, service.maximum_age);
    let (min_text, max_text) = (min.unwrap_or(0).to_string(), max.unwrap_or(0).to_string());
    let values = [("min", min_text.as_str()), ("max", max_text.as_str())];
    let key = match (min, max) {
        (Some(0) | None, None) => "service.all_ages",
        (Some(_), None) => "service.ages_from",
        (None | Some(0), Some(_)) => "service.ages_to",
        (Some(_), Some(_)) => "service.ages",
    };
    words.fill(key, &values)
}

fn attending_label(words: &Words, way: AttendingType) -> String {
    words
        .text(&format!("service.attending.{}", way.id()))
        .to_string()
}

fn feature_label(words: &Words, feature: AccessibilityFeature) -> String {
    words
        .text(&format!("service.accessibility_features.{}", feature.id()))
        .to_string()
}

fn need_label(words: &Words, need: SendNeed) -> String {
    words
        .text(&format!("service.send_needs.{}", need.id()))
        .to_string()
}

fn cost(words: &Words, service: &Service) -> String {
    if service.is_free() {
        return words.text("service.is_free").into();
    }
    service
        .cost_options
        .iter()
        .find_map(|c| {
            c.amount.filter(|a| *a > 0.0).map(|a| {
                format!(
                    "£{a:.2}{}",
                    c.option
                        .as_ref()
                        .map(|o| format!(" ({})", o.to_lowercase()))
                        .unwrap_or_default()
                )
            })
        })
        .unwrap_or_else(|| words.text("service.may_cost").into())
}

/// "Monday to Friday", "9am to 5pm": the way GOV.UK writes opening times.
fn opening(words: &Words, schedule: &Schedule) -> OpeningView {
    OpeningView {
        days: wording::days(words, schedule.byday),
        hours: wording::hours(words, schedule),
        note: schedule.description.clone(),
    }
}

/// schema.org markup for a service, safe inside a <script> block.
fn json_ld(service: &Service, permalink: &str) -> String {
    let places: Vec<serde_json::Value> = service
        .service_at_locations
        .iter()
        .map(|sal| {
            let place = &sal.location;
            let address = place.addresses.first().map(|a| {
                let street = [Some(a.address_1.as_str()), a.address_2.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                serde_json::json!({
                    "@type": "PostalAddress",
                    "streetAddress": street,
                    "addressLocality": a.city,
                    "postalCode": a.postal_code,
                    "addressCountry": a.country.clone().unwrap_or_else(|| "GB".into()),
                })
            });
            let geo = place.latitude.zip(place.longitude).map(|(lat, lon)| serde_json::json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon}));
            serde_json::json!({"@type": "Place", "name": place.name, "address": address, "geo": geo})
        })
        .collect();
    let value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "description": service.description,
        "url": permalink,
        "provider": {"@type": "Organization", "name": service.organization.name, "url": service.organization.website},
        "availableChannel": {
            "@type": "ServiceChannel",
            "serviceUrl": service.url,
            "servicePhone": service.phones.first().map(|p| serde_json::json!({"@type": "ContactPoint", "telephone": p.number})),
            "serviceLocation": places,
        },
        "isAccessibleForFree": service.is_free(),
    });
    serde_json::to_string(&value)
        .expect("JSON-LD serialises")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(byday: &str, opens: &str, closes: &str) -> Schedule {
        Schedule {
            byday: byday.parse().unwrap(),
            opens_at: opens.parse().unwrap(),
            closes_at: closes.parse().unwrap(),
            description: None,
        }
    }

    #[test]
    fn what_it_offers_goes_on_from_the_lead_sentence() {
        let description = "Free food for families. Come on Tuesdays.";
        assert_eq!(
            without_lead(description, "Free food for families."),
            "Come on Tuesdays."
        );
        assert_eq!(
            without_lead(description, "A food bank."),
            description,
            "a summary of its own leaves the description whole"
        );
        assert_eq!(without_lead("One sentence only.", "One sentence only."), "");
    }

    #[test]
    fn opening_times_read_like_gov_uk() {
        let words = crate::strings::english();
        let opening = |s: &Schedule| opening(&words, s);
        let weekdays = opening(&schedule("MO,TU,WE,TH,FR", "09:00", "17:30"));
        assert_eq!(
            (weekdays.days.as_str(), weekdays.hours.as_str()),
            ("Monday to Friday", "9am to 5:30pm")
        );
        let always = opening(&schedule("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59"));
        assert_eq!(
            (always.days.as_str(), always.hours.as_str()),
            ("Every day", "24 hours")
        );
        let some = opening(&schedule("MO,WE", "12:00", "13:00"));
        assert_eq!(
            (some.days.as_str(), some.hours.as_str()),
            ("Monday, Wednesday", "midday to 1pm")
        );
    }
}
