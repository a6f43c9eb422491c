//! Any text as a page's Markdown: rendered, its raw HTML checked, without a panic; and nothing
//! the HTML policy refuses survives into the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost::content::fenced::NoBlocks;
use signpost::content::html::HtmlPolicy;
use signpost::content::markdown::{self, LinkError, LinkResolver, Resolved};

struct Anything;

impl LinkResolver for Anything {
    fn resolve(&self, _: &str) -> Result<Option<Resolved>, LinkError> {
        Ok(None)
    }
}

fuzz_target!(|text: &str| {
    let rendered = markdown::render(text, &Anything, &HtmlPolicy::default(), &NoBlocks);
    let html = rendered.html.to_ascii_lowercase();
    for refused in ["<script", "<iframe", "<meta", "<object", "<embed", "<form"] {
        assert!(!html.contains(refused), "{refused} reached the page");
    }
});
