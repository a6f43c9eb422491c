//! The files static hosts read their settings from: `_headers` and `_redirects` (Netlify,
//! Cloudflare Pages) and `.htaccess` (Apache). They carry the security headers a `<meta>` tag
//! cannot (who may frame the pages, nosniff, which browser features they may use) and, for a
//! site with a directory, the Open Referral UK feed's rewrites and CORS header.
//!
//! A site's own file of each name, in static/, is kept, with signpost's rules added after it.
//! One that sets a header signpost writes is an error naming its line: the host would
//! silently combine the two values (Netlify) or let the later one win (Apache).

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::directory::oruk::hosting as feed_hosting;
use crate::layout::STATIC_DIR;
use crate::output::OutputFile;

/// The Content-Security-Policy every page carries in its `<meta>` tag: only the site's own
/// scripts, styles, images and fonts, and no inline script or style.
pub const META_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The policy the host sends with every file: what a `<meta>` tag cannot say. The rest of the
/// pages' policy stays in their `<meta>` tag, because a host applies a header to every path
/// and the browser editor at /admin/ needs a looser policy of its own; browsers enforce every
/// policy a page has, so a full policy here would stop the editor.
pub const HEADER_CSP: &str = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

/// A settings file for static hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HostFile {
    /// `_headers`: Netlify and Cloudflare Pages.
    Headers,
    /// `_redirects`: Netlify and Cloudflare Pages; only for a site with a directory feed.
    Redirects,
    /// `.htaccess`: Apache.
    Htaccess,
}

impl HostFile {
    const ALL: [HostFile; 3] = [HostFile::Headers, HostFile::Redirects, HostFile::Htaccess];

    /// Its name, which is also its path in the output folder.
    pub fn name(self) -> &'static str {
        match self {
            HostFile::Headers => "_headers",
            HostFile::Redirects => "_redirects",
            HostFile::Htaccess => ".htaccess",
        }
    }

    pub fn address(self) -> String {
        format!("/{}", self.name())
    }
}

/// The host files a site publishes: `_redirects` only when it has a feed to rewrite to.
pub fn published(has_feed: bool) -> Vec<HostFile> {
    HostFile::ALL
        .into_iter()
        .filter(|file| has_feed || *file != HostFile::Redirects)
        .collect()
}

/// Every header signpost asks the host to send with every file, in order.
pub fn security_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Content-Security-Policy", HEADER_CSP),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Content-Type-Options", "nosniff"),
        (
            "Permissions-Policy",
            // The directory's "Use my location" needs geolocation on the site's own pages.
            "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
        ),
    ]
}

/// The site's own host files from static/, which are merged with signpost's, not copied.
#[derive(Debug, Default)]
pub struct OwnRules {
    files: Vec<(HostFile, String)>,
}

impl OwnRules {
    /// Keeps the site's own `_headers`, `_redirects` or `.htaccess` (at `output` in the output
    /// folder) to merge; false for any other file, which is copied as it is.
    pub fn keep(&mut self, output: &Path, bytes: &[u8]) -> bool {
        let Some(kind) = HostFile::ALL
            .into_iter()
            .find(|kind| output == Path::new(kind.name()))
        else {
            return false;
        };
        self.files
            .push((kind, String::from_utf8_lossy(bytes).into_owned()));
        true
    }

    fn of(&self, kind: HostFile) -> Option<&str> {
        self.files
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, text)| text.as_str())
    }
}

/// The host files for a site, each after the site's own file of that name when it has one. A
/// site file that sets one of signpost's headers is reported in `problems`.
pub fn files(own: &OwnRules, has_feed: bool, problems: &mut Diagnostics) -> Vec<OutputFile> {
    published(has_feed)
        .into_iter()
        .map(|kind| {
            let own = own.of(kind);
            if let Some(text) = own {
                problems.extend(conflicts(text, kind, &source_of(kind)));
            }
            OutputFile::new(kind.name(), merged(own, &rules(kind, has_feed)))
        })
        .collect()
}

fn source_of(kind: HostFile) -> PathBuf {
    Path::new(STATIC_DIR).join(kind.name())
}

/// Signpost's rules for one host file.
pub fn rules(kind: HostFile, has_feed: bool) -> String {
    match kind {
        HostFile::Headers => netlify_headers(has_feed),
        HostFile::Redirects => feed_hosting::netlify_redirects(),
        HostFile::Htaccess => {
            let mut text = apache_headers();
            if has_feed {
                text.push('\n');
                text.push_str(&feed_hosting::apache_rules());
            }
            text
        }
    }
}

/// The site's own rules (if any), then signpost's.
fn merged(own: Option<&str>, ours: &str) -> String {
    match own {
        Some(own) if !own.trim().is_empty() => format!("{}\n\n{ours}", own.trim_end()),
        _ => ours.to_string(),
    }
}

/// `_headers`: a path pattern, then its headers indented below it.
fn netlify_headers(has_feed: bool) -> String {
    let mut text = String::from(
        "# Written by signpost build: security headers for every page (Netlify, Cloudflare Pages).\n/*\n",
    );
    for (name, value) in security_headers() {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    if has_feed {
        for rule in feed_hosting::headers() {
            text.push_str(&format!("{}\n  {}: {}\n", rule.path, rule.name, rule.value));
        }
    }
    text
}

/// `.htaccess`: mod_headers directives, skipped where the module is not loaded.
fn apache_headers() -> String {
    let mut text = String::from(
        "# Written by signpost build: security headers for every page (Apache, mod_headers).\n<IfModule mod_headers.c>\n",
    );
    for (name, value) in security_headers() {
        text.push_str(&format!("  Header always set {name} \"{value}\"\n"));
    }
    text.push_str("</IfModule>\n");
    text
}

/// Each line of a site's own file that sets a header signpost writes.
fn conflicts(text: &str, kind: HostFile, source: &Path) -> Vec<Diagnostic> {
    let ours: Vec<&str> = security_headers().into_iter().map(|(n, _)| n).collect();
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (column, name) = header_named(line, kind)?;
            let ours = ours.iter().find(|o| o.eq_ignore_ascii_case(name))?;
            Some(conflict(ours, source, Position::new(i + 1, column), kind))
        })
        .collect()
}

/// The header a line sets, and its 1-based column: `  Name: value` under a path in
/// `_headers`; `Header [always] set Name value` in `.htaccess`. `_redirects` sets none.
fn header_named(line: &str, kind: HostFile) -> Option<(usize, &str)> {
    let name = match kind {
        HostFile::Redirects => return None,
        HostFile::Headers => {
            if !line.starts_with([' ', '\t']) || line.trim_start().starts_with('#') {
                return None;
            }
            line.split_once(':')?.0.trim()
        }
        HostFile::Htaccess => {
            let mut words = line.split_whitespace().peekable();
            if !words.next()?.eq_ignore_ascii_case("header") {
                return None;
            }
            let condition =
                |word: &&str| ["always", "onsuccess"].contains(&&*word.to_ascii_lowercase());
            if words.peek().is_some_and(condition) {
                words.next();
            }
            words.next()?; // the action: set, append, unset…
            words.next()?.trim_matches('"')
        }
    };
    let column = line.find(name)? + 1;
    Some((column, name))
}

fn conflict(name: &str, source: &Path, at: Position, kind: HostFile) -> Diagnostic {
    let what_happens = match kind {
        HostFile::Htaccess => "signpost's rule comes after yours, so Apache would ignore yours",
        _ => "the host would send both values, and browsers apply both",
    };
    Diagnostic::error(format!(
        "this file sets `{name}`, which signpost already writes for every page: {what_happens}"
    ))
    .in_file(PathBuf::from(source))
    .at(at)
    .with_help(format!(
        "remove this line; signpost adds these headers after the rest of your {}: {}",
        source.display(),
        security_headers()
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(policy: &str) -> Vec<String> {
        policy.split(';').map(|d| d.trim().to_string()).collect()
    }

    #[test]
    fn the_header_policy_forbids_framing_and_says_only_what_the_meta_tag_also_allows() {
        assert!(HEADER_CSP.contains("frame-ancestors 'none'"));
        assert!(
            !META_CSP.contains("frame-ancestors"),
            "ignored in a meta tag"
        );
        for directive in directives(HEADER_CSP) {
            assert!(
                directive.starts_with("frame-ancestors") || META_CSP.contains(&directive),
                "{directive}"
            );
        }
    }

    #[test]
    fn netlify_headers_apply_every_header_to_every_path_and_cors_to_the_feed() {
        let rules = netlify_headers(true);
        assert!(rules.contains("\n/*\n"));
        for (name, value) in security_headers() {
            assert!(rules.contains(&format!("\n  {name}: {value}\n")), "{name}");
        }
        assert!(rules.contains("/api/*\n  Access-Control-Allow-Origin: *\n"));
        assert!(!netlify_headers(false).contains("/api/"));
    }

    #[test]
    fn apache_rules_are_guarded_by_the_module_and_carry_the_feed_when_there_is_one() {
        let rules = rules(HostFile::Htaccess, true);
        assert!(rules.contains("<IfModule mod_headers.c>"));
        assert!(rules.contains("Header always set Referrer-Policy \"no-referrer\""));
        assert!(rules.contains("RewriteEngine On"));
        assert!(!super::rules(HostFile::Htaccess, false).contains("RewriteEngine"));
    }

    #[test]
    fn redirects_are_published_only_with_a_feed() {
        assert!(published(true).contains(&HostFile::Redirects));
        assert!(!published(false).contains(&HostFile::Redirects));
    }

    #[test]
    fn a_site_file_comes_first_and_signposts_rules_after() {
        let own = "/assets/*\n  Cache-Control: max-age=600\n";
        let ours = netlify_headers(false);
        let text = merged(Some(own), &ours);
        assert!(text.starts_with(own.trim_end()));
        assert!(text.ends_with(&ours));
    }

    #[test]
    fn a_header_signpost_writes_is_found_with_its_line_and_column() {
        let own = "# mine\n/*\n  X-Robots-Tag: noindex\n  content-security-policy: default-src *\n";
        let found = conflicts(own, HostFile::Headers, Path::new("static/_headers"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position, Some(Position::new(4, 3)));
        assert!(found[0].message.contains("Content-Security-Policy"));
    }

    #[test]
    fn apache_header_directives_are_read_with_or_without_always() {
        let own = "Header set X-Frame-Options SAMEORIGIN\n  Header always unset \"Referrer-Policy\"\nHeader set Cache-Control x\n";
        let found = conflicts(own, HostFile::Htaccess, Path::new("static/.htaccess"));
        let lines: Vec<usize> = found.iter().map(|d| d.position.unwrap().line).collect();
        assert_eq!(lines, [1, 2]);
    }

    #[test]
    fn windows_line_endings_and_tabs_are_read_too() {
        let own = "/*\r\n\tX-Frame-Options: SAMEORIGIN\r\n";
        let found = conflicts(own, HostFile::Headers, Path::new("static/_headers"));
        assert_eq!(found[0].position, Some(Position::new(2, 2)));
    }

    #[test]
    fn comments_and_paths_are_not_headers() {
        let own = "# Content-Security-Policy: no\n/Content-Security-Policy: x\n";
        assert!(conflicts(own, HostFile::Headers, Path::new("static/_headers")).is_empty());
    }
}
