//! Downloading one file over HTTPS, for the commands that set a site up (the browser editor's
//! script from the npm registry, a signpost release's checksums). Builds never download.

use std::time::Duration;

/// How long a download may take before it is given up.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The bytes at `url`, at most `limit` of them; an error says what went wrong in words a
/// person can act on.
pub fn get(url: &str, limit: u64) -> Result<Vec<u8>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!("signpost/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|error| match error {
        ureq::Error::Timeout(_) => {
            format!("{url} did not answer within {} seconds", TIMEOUT.as_secs())
        }
        other => format!("could not connect to {url} ({other})"),
    })?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(format!("{url} answered {status}"));
    }
    response
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|error| format!("could not read {url} ({error})"))
}
