//! `signpost check --external`: every link to another website, fetched with bounded time and
//! a bounded number at once; each dead one reported at every file:line that has it.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::Site;

pub struct Settings {
    /// How long one link may take, connection and response together.
    pub timeout: Duration,
    /// How many links are fetched at once.
    pub concurrency: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(10),
            concurrency: 8,
        }
    }
}

/// Checks each distinct external link once; a dead one is a warning at each place it appears.
pub fn check(site: &Site, settings: &Settings) -> Diagnostics {
    let mut places: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for (index, rendered) in site.rendered.iter().enumerate() {
        for (url, offset) in &rendered.external_links {
            places
                .entry(url.as_str())
                .or_default()
                .push((index, *offset));
        }
    }
    let urls: Vec<&str> = places.keys().copied().collect();
    let failures = fetch_all(&urls, settings);
    let mut problems = Diagnostics::default();
    for (url, reason) in failures {
        for &(index, offset) in &places[url] {
            let page = &site.pages[index];
            problems.push(
                Diagnostic::warning(format!("the link to {url} is broken: {reason}"))
                    .in_file(&page.source.path)
                    .at(page.position_in_body(offset))
                    .with_help("check the address in a browser; update the link, or remove it if the page has gone"),
            );
        }
    }
    problems
}

/// Fetches every URL with `settings.concurrency` workers; returns the ones that failed.
fn fetch_all<'a>(urls: &[&'a str], settings: &Settings) -> Vec<(&'a str, String)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(settings.timeout))
        .http_status_as_error(false)
        .user_agent("signpost-link-check")
        .build()
        .into();
    let queue = Mutex::new(urls.iter());
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..settings.concurrency.max(1) {
            scope.spawn(|| {
                while let Some(url) = queue.lock().expect("queue lock").next() {
                    if let Err(reason) = probe(&agent, url) {
                        failures.lock().expect("failures lock").push((*url, reason));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("failures lock");
    failures.sort();
    failures
}

/// HEAD first; some servers refuse HEAD, so a GET decides before calling a link dead.
fn probe(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let status = match agent.head(url).call() {
        Ok(response) if response.status().as_u16() < 400 => return Ok(()),
        Ok(_) | Err(_) => agent.get(url).call().map(|r| r.status().as_u16()),
    };
    match status {
        Ok(code) if code < 400 => Ok(()),
        Ok(code) => Err(format!("the server answered {code}")),
        Err(ureq::Error::Timeout(_)) => Err("no answer in time".into()),
        Err(error) => Err(format!("could not connect ({error})")),
    }
}
