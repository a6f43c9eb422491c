//! Reading another directory's ORUK feed over the web: every page of `/services`, then each
//! service's own `/services/{id}` where the list gives only its one-to-one fields. Each
//! request has a time limit, a size limit and retries; a page that still fails stops the
//! whole import before anything is written.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;

/// How patient and how generous a fetch is.
#[derive(Debug, Clone)]
pub struct FetchSettings {
    /// The longest one request may take.
    pub timeout: Duration,
    /// The largest response accepted, in bytes.
    pub max_bytes: u64,
    /// How many times a failed request is tried again.
    pub retries: u32,
    /// The wait before the first retry; each later one waits twice as long.
    pub retry_wait: Duration,
    /// How many services' details are fetched at once.
    pub parallel: usize,
}

impl Default for FetchSettings {
    fn default() -> Self {
        FetchSettings {
            timeout: Duration::from_secs(30),
            max_bytes: 50 * 1024 * 1024,
            retries: 3,
            retry_wait: Duration::from_millis(500),
            parallel: 4,
        }
    }
}

/// Why a feed could not be read: which address, and what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub url: String,
    /// What was being read: "page 3 of 5", "the details of service X".
    pub what: String,
    pub message: String,
}

/// The most pages a feed may have: beyond it, its `total_pages` is not believed.
const MAX_PAGES: u64 = 100_000;

/// Fields a whole service has and a list's one-to-one item does not.
const DETAIL_FIELDS: [&str; 6] = [
    "service_at_locations",
    "phones",
    "contacts",
    "schedules",
    "attributes",
    "languages",
];

struct Client<'a> {
    agent: ureq::Agent,
    settings: &'a FetchSettings,
}

/// Every service of the feed at `url` (its `/services` address, or its root), whole.
pub fn fetch_services(
    url: &str,
    settings: &FetchSettings,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<Value>, FetchError> {
    let client = Client::new(settings);
    let first = client.get_json(url, "the feed")?;
    let (list_url, first) = if is_api_root(&first) {
        let services = format!("{}/services", strip_query(url).trim_end_matches('/'));
        let page = client.get_json(&with_page(&services, 1), "page 1")?;
        (services, page)
    } else {
        (strip_query(url).to_string(), first)
    };
    let Some(contents) = first.get("contents") else {
        return match crate::directory::oruk::services_in(&first) {
            Ok(_) => Ok(vec![first]),
            Err(why) => Err(FetchError {
                url: url.into(),
                what: "the feed".into(),
                message: why,
            }),
        };
    };
    let mut services = items(contents, &list_url, "page 1")?;
    let total_pages = first
        .get("total_pages")
        .and_then(Value::as_u64)
        .unwrap_or(1)
        .max(1);
    if total_pages > MAX_PAGES {
        return Err(FetchError {
            url: list_url,
            what: "page 1".into(),
            message: format!("it says it has {total_pages} pages, more than any directory could"),
        });
    }
    progress(&format!(
        "Read page 1 of {total_pages} ({} services)",
        services.len()
    ));
    for page in 2..=total_pages {
        let address = with_page(&list_url, page);
        let what = format!("page {page} of {total_pages}");
        let json = client.get_json(&address, &what)?;
        check_page_number(&json, page, &address, &what)?;
        let contents = json.get("contents").ok_or_else(|| FetchError {
            url: address.clone(),
            what: what.clone(),
            message: "it has no `contents`".into(),
        })?;
        services.extend(items(contents, &address, &what)?);
        progress(&format!(
            "Read page {page} of {total_pages} ({} services)",
            services.len()
        ));
    }
    client.complete(&list_url, services, progress)
}

impl<'a> Client<'a> {
    fn new(settings: &'a FetchSettings) -> Client<'a> {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .http_status_as_error(false)
            .user_agent(concat!(
                "signpost/",
                env!("CARGO_PKG_VERSION"),
                " (ORUK import)"
            ))
            .build()
            .into();
        Client { agent, settings }
    }

    /// GETs `url` as JSON, trying again after failures that may pass.
    fn get_json(&self, url: &str, what: &str) -> Result<Value, FetchError> {
        let mut attempt = 0;
        loop {
            match self.try_get(url) {
                Ok(value) => return Ok(value),
                Err(Failure {
                    message,
                    retry_after,
                    lasting,
                }) => {
                    if lasting || attempt >= self.settings.retries {
                        let tries = match attempt {
                            0 => String::new(),
                            n => format!(" (tried {} times)", n + 1),
                        };
                        return Err(FetchError {
                            url: url.into(),
                            what: what.into(),
                            message: format!("{message}{tries}"),
                        });
                    }
                    let wait = retry_after
                        .unwrap_or(self.settings.retry_wait * 2u32.saturating_pow(attempt));
                    std::thread::sleep(wait.min(Duration::from_secs(60)));
                    attempt += 1;
                }
            }
        }
    }

    fn try_get(&self, url: &str) -> Result<Value, Failure> {
        let mut response = self
            .agent
            .get(url)
            .header("Accept", "application/json")
            .call()
            .map_err(|error| Failure::passing(describe(&error, self.settings)))?;
        let status = response.status().as_u16();
        if status >= 400 {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse().ok())
                .map(Duration::from_secs);
            let reason = response.status().canonical_reason().unwrap_or("");
            let message = format!("the server answered {status} {reason}");
            let passing = status >= 500 || status == 408 || status == 429;
            return Err(Failure {
                message,
                retry_after,
                lasting: !passing,
            });
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.settings.max_bytes)
            .read_to_vec()
            .map_err(|error| match error {
                ureq::Error::BodyExceedsLimit(_) => Failure::lasting(format!(
                    "the answer is larger than {} MB (--max-size)",
                    self.settings.max_bytes / (1024 * 1024)
                )),
                other => Failure::passing(describe(&other, self.settings)),
            })?;
        serde_json::from_slice(&bytes).map_err(|error| {
            Failure::lasting(format!(
                "the answer is not JSON (line {}, column {}: {error})",
                error.line(),
                error.column()
            ))
        })
    }

    /// Fetches `/services/{id}` for each service the list gave only in part.
    fn complete(
        &self,
        list_url: &str,
        services: Vec<Value>,
        progress: &mut dyn FnMut(&str),
    ) -> Result<Vec<Value>, FetchError> {
        let wanted: Vec<usize> = (0..services.len())
            .filter(|&i| needs_details(&services[i]))
            .collect();
        if wanted.is_empty() {
            return Ok(services);
        }
        progress(&format!(
            "Reading the details of {} services, {} at a time",
            wanted.len(),
            self.settings.parallel
        ));
        let slots: Vec<Mutex<Value>> = services.into_iter().map(Mutex::new).collect();
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let first_error: Mutex<Option<FetchError>> = Mutex::new(None);
        let workers = self.settings.parallel.max(1);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        while !failed.load(Ordering::Relaxed) {
                            let Some(&index) = wanted.get(next.fetch_add(1, Ordering::Relaxed))
                            else {
                                break;
                            };
                            let id = slots[index].lock().expect("unpoisoned")["id"]
                                .as_str()
                                .unwrap_or_default()
                                .to_string();
                            let address = format!("{list_url}/{}", encode(&id));
                            match self.get_json(&address, &format!("the details of service {id}")) {
                                Ok(whole) => *slots[index].lock().expect("unpoisoned") = whole,
                                Err(error) => {
                                    failed.store(true, Ordering::Relaxed);
                                    first_error.lock().expect("unpoisoned").get_or_insert(error);
                                }
                            }
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                    })
                })
                .collect();
            // This thread reports progress while the workers fetch.
            let mut reported = 0;
            while !handles.iter().all(|h| h.is_finished()) {
                std::thread::sleep(Duration::from_millis(100));
                let count = done.load(Ordering::Relaxed);
                if count >= reported + 100 {
                    reported = count - count % 100;
                    progress(&format!(
                        "Read the details of {reported} of {} services",
                        wanted.len()
                    ));
                }
            }
        });
        if !failed.load(Ordering::Relaxed) {
            progress(&format!(
                "Read the details of {0} of {0} services",
                wanted.len()
            ));
        }
        if let Some(error) = first_error.into_inner().expect("unpoisoned") {
            return Err(error);
        }
        Ok(slots
            .into_iter()
            .map(|slot| slot.into_inner().expect("unpoisoned"))
            .collect())
    }
}

/// A failed request: why, and whether trying again might help.
struct Failure {
    message: String,
    retry_after: Option<Duration>,
    lasting: bool,
}

impl Failure {
    fn passing(message: String) -> Failure {
        Failure {
            message,
            retry_after: None,
            lasting: false,
        }
    }

    fn lasting(message: String) -> Failure {
        Failure {
            message,
            retry_after: None,
            lasting: true,
        }
    }
}

fn describe(error: &ureq::Error, settings: &FetchSettings) -> String {
    match error {
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {} seconds (--timeout)",
            settings.timeout.as_secs()
        ),
        ureq::Error::Io(io) => format!("the connection failed: {io}"),
        ureq::Error::HostNotFound => "no such server (check the address)".into(),
        ureq::Error::ConnectionFailed => "the server could not be reached".into(),
        other => other.to_string(),
    }
}

/// The API's root (`/`) answers with its version and openapi_url rather than services.
fn is_api_root(json: &Value) -> bool {
    json.get("openapi_url").is_some() && json.get("contents").is_none()
}

fn needs_details(service: &Value) -> bool {
    service.get("id").is_some()
        && DETAIL_FIELDS
            .iter()
            .all(|field| service.get(*field).is_none())
}

fn items(contents: &Value, url: &str, what: &str) -> Result<Vec<Value>, FetchError> {
    contents.as_array().cloned().ok_or_else(|| FetchError {
        url: url.into(),
        what: what.into(),
        message: "its `contents` is not a list of services".into(),
    })
}

/// A page that says it is another page means the server ignores `page` (as a static host
/// does), so the rest of the feed cannot be read this way.
fn check_page_number(json: &Value, page: u64, url: &str, what: &str) -> Result<(), FetchError> {
    match json.get("page_number").and_then(Value::as_u64) {
        Some(number) if number != page => Err(FetchError {
            url: url.into(),
            what: what.into(),
            message: format!(
                "asked for page {page}, it answered with page {number}: this server does not page its feed. If the directory also publishes everything in one file, import that"
            ),
        }),
        _ => Ok(()),
    }
}

fn strip_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// `url` asking for page `page`, keeping its other query parameters.
pub fn with_page(url: &str, page: u64) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, query),
        None => (url, ""),
    };
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("page="))
        .map(str::to_string)
        .collect();
    params.push(format!("page={page}"));
    format!("{base}?{}", params.join("&"))
}

fn encode(id: &str) -> String {
    percent_encoding::utf8_percent_encode(id, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%2D", "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_asked_for_by_query() {
        assert_eq!(
            with_page("https://x.example/api/services", 2),
            "https://x.example/api/services?page=2"
        );
        assert_eq!(
            with_page("https://x.example/services?per_page=10&page=1", 3),
            "https://x.example/services?per_page=10&page=3"
        );
    }

    #[test]
    fn list_items_without_detail_are_completed() {
        assert!(needs_details(&serde_json::json!({"id": "a", "name": "A"})));
        assert!(!needs_details(
            &serde_json::json!({"id": "a", "phones": []})
        ));
    }
}
