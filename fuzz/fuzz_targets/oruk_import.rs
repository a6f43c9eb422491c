//! Any bytes as an Open Referral UK feed: each service imported without a panic, and what is
//! imported writes back to YAML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost::date::Date;
use signpost::directory::{Directory, oruk};

fuzz_target!(|bytes: &[u8]| {
    let Ok(feed) = serde_json::from_slice::<serde_json::Value>(bytes) else {
        return;
    };
    let Ok(services) = oruk::services_in(&feed) else {
        return;
    };
    let today = Date::parse("2026-12-01").expect("a date");
    let directory = Directory::default();
    for json in services {
        if let Ok((service, _)) = oruk::import_service(json, &directory, Some("food"), today) {
            let _ = signpost::yaml::to_string(&service);
        }
    }
});
