//! Any bytes as a service file: read, parsed and validated without a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use signpost::directory::service::Service;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = signpost::text::from_bytes(bytes.to_vec(), Path::new("s.yaml")) else {
        return;
    };
    if let Ok(service) = signpost::yaml::parse::<Service>(&text) {
        let _ = signpost::directory::validate::check_service(&service, &["food", "family-support"]);
        let _ = signpost::yaml::to_string(&service);
    }
});
