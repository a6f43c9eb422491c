//! Any bytes as a page, a sign cell and a voice: read, split and parsed without a panic.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use signpost::config::Taxonomies;
use signpost::content::SourceFile;
use signpost::content::page::Page;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = signpost::text::from_bytes(bytes.to_vec(), Path::new("content/a.md")) else {
        return;
    };
    let source = |folder: &str| SourceFile {
        path: PathBuf::from(format!("content/{folder}a.md")),
        content_path: PathBuf::from(format!("{folder}a.md")),
        text: text.clone(),
    };
    let taxonomies = Taxonomies::default();
    let _ = Page::parse(source(""));
    let _ = signpost::signs::parse_cell(source("signs/0-2/"), Some(&taxonomies));
    let _ = signpost::voices::parse(source("voices/"), Some(&taxonomies));
});
