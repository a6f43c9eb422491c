//! The security headers a `<meta>` tag cannot carry (who may frame the pages, nosniff, which
//! browser features they may use), written as the files static hosts read them from:
//! `_headers` (Netlify, Cloudflare Pages) and `.htaccess` (Apache).
//!
//! A site's own static/_headers or static/.htaccess is kept, with signpost's rules added after
//! it. One that sets a header signpost writes is an error naming its line: the host would
//! silently combine the two values (Netlify) or let the later one win (Apache).

use std::path::{Path, PathBuf};

use crate::assets::SITE_STATIC_DIR;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::render::OutputFile;

/// The Content-Security-Policy every page carries in its `<meta>` tag: only the site's own
/// scripts, styles, images and fonts, and no inline script or style.
pub const META_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The file Netlify and Cloudflare Pages read headers from.
pub const NETLIFY_FILE: &str = "_headers";
/// The file Apache reads per-folder settings from.
pub const APACHE_FILE: &str = ".htaccess";

/// Every header signpost asks the host to send with every file, in order.
pub fn security_headers() -> Vec<(&'static str, String)> {
    vec![
        (
            "Content-Security-Policy",
            // frame-ancestors is ignored in a <meta> tag: only a header can stop framing.
            format!("{META_CSP}; frame-ancestors 'none'"),
        ),
        ("X-Frame-Options", "DENY".into()),
        ("Referrer-Policy", "no-referrer".into()),
        ("X-Content-Type-Options", "nosniff".into()),
        (
            "Permissions-Policy",
            // The directory's "Use my location" needs geolocation on the site's own pages.
            "geolocation=(self), camera=(), microphone=(), payment=(), usb=()".into(),
        ),
    ]
}

/// `files` (the site's own static files) with `_headers` and `.htaccess` added, each after
/// the site's own file of that name when it has one. A site file that sets one of
/// signpost's headers is reported in `problems`.
pub fn with_host_files(
    root: &Path,
    mut files: Vec<OutputFile>,
    problems: &mut Diagnostics,
) -> Vec<OutputFile> {
    let own_headers = take_file(&mut files, NETLIFY_FILE);
    // Dot files in static/ are not copied with the rest, so .htaccess is read here.
    let own_htaccess = std::fs::read(root.join(SITE_STATIC_DIR).join(APACHE_FILE)).ok();
    for (own, name, format) in [
        (own_headers, NETLIFY_FILE, Format::Netlify),
        (own_htaccess, APACHE_FILE, Format::Apache),
    ] {
        let source = Path::new(SITE_STATIC_DIR).join(name);
        let own = own.map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        if let Some(text) = &own {
            problems.extend(conflicts(text, format, &source));
        }
        files.push(OutputFile::new(name, merged(own.as_deref(), format)));
    }
    files
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Netlify,
    Apache,
}

fn take_file(files: &mut Vec<OutputFile>, name: &str) -> Option<Vec<u8>> {
    let at = files.iter().position(|f| f.path == Path::new(name))?;
    Some(files.remove(at).bytes)
}

/// The site's own rules (if any), then signpost's.
fn merged(own: Option<&str>, format: Format) -> String {
    let ours = match format {
        Format::Netlify => netlify_rules(),
        Format::Apache => apache_rules(),
    };
    match own {
        Some(own) if !own.trim().is_empty() => format!("{}\n\n{ours}", own.trim_end()),
        _ => ours,
    }
}

/// `_headers`: a path pattern, then its headers indented below it.
pub fn netlify_rules() -> String {
    let mut text = String::from(
        "# Written by signpost build: security headers for every page (Netlify, Cloudflare Pages).\n/*\n",
    );
    for (name, value) in security_headers() {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    text
}

/// `.htaccess`: mod_headers directives, skipped where the module is not loaded.
pub fn apache_rules() -> String {
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
fn conflicts(text: &str, format: Format, source: &Path) -> Vec<Diagnostic> {
    let ours: Vec<&str> = security_headers().into_iter().map(|(n, _)| n).collect();
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let (column, name) = header_named(line, format)?;
            let ours = ours.iter().find(|o| o.eq_ignore_ascii_case(name))?;
            Some(conflict(ours, source, Position::new(i + 1, column), format))
        })
        .collect()
}

/// The header a line sets, and its 1-based column: `  Name: value` under a path in
/// `_headers`; `Header [always] set Name value` in `.htaccess`.
fn header_named(line: &str, format: Format) -> Option<(usize, &str)> {
    let name = match format {
        Format::Netlify => {
            if !line.starts_with([' ', '\t']) || line.trim_start().starts_with('#') {
                return None;
            }
            line.split_once(':')?.0.trim()
        }
        Format::Apache => {
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

fn conflict(name: &str, source: &Path, at: Position, format: Format) -> Diagnostic {
    let what_happens = match format {
        Format::Netlify => "the host would send both values, and browsers apply both",
        Format::Apache => "signpost's rule comes after yours, so Apache would ignore yours",
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

    #[test]
    fn the_header_csp_is_the_meta_csp_with_framing_forbidden() {
        let csp = &security_headers()[0].1;
        assert_eq!(csp, &format!("{META_CSP}; frame-ancestors 'none'"));
        assert!(
            !META_CSP.contains("frame-ancestors"),
            "ignored in a meta tag"
        );
    }

    #[test]
    fn netlify_rules_apply_every_header_to_every_path() {
        let rules = netlify_rules();
        assert!(rules.contains("\n/*\n"));
        for (name, value) in security_headers() {
            assert!(rules.contains(&format!("\n  {name}: {value}\n")), "{name}");
        }
    }

    #[test]
    fn apache_rules_are_guarded_by_the_module() {
        let rules = apache_rules();
        assert!(rules.contains("<IfModule mod_headers.c>"));
        assert!(rules.contains("Header always set Referrer-Policy \"no-referrer\""));
        assert!(rules.trim_end().ends_with("</IfModule>"));
    }

    #[test]
    fn a_site_file_comes_first_and_signposts_rules_after() {
        let own = "/assets/*\n  Cache-Control: max-age=600\n";
        let text = merged(Some(own), Format::Netlify);
        assert!(text.starts_with(own.trim_end()));
        assert!(text.ends_with(&netlify_rules()));
    }

    #[test]
    fn a_header_signpost_writes_is_found_with_its_line_and_column() {
        let own = "# mine\n/*\n  X-Robots-Tag: noindex\n  content-security-policy: default-src *\n";
        let found = conflicts(own, Format::Netlify, Path::new("static/_headers"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].position, Some(Position::new(4, 3)));
        assert!(found[0].message.contains("Content-Security-Policy"));
    }

    #[test]
    fn apache_header_directives_are_read_with_or_without_always() {
        let own = "Header set X-Frame-Options SAMEORIGIN\n  Header always unset \"Referrer-Policy\"\nHeader set Cache-Control x\n";
        let found = conflicts(own, Format::Apache, Path::new("static/.htaccess"));
        let lines: Vec<usize> = found.iter().map(|d| d.position.unwrap().line).collect();
        assert_eq!(lines, [1, 2]);
    }

    #[test]
    fn windows_line_endings_and_tabs_are_read_too() {
        let own = "/*\r\n\tX-Frame-Options: SAMEORIGIN\r\n";
        let found = conflicts(own, Format::Netlify, Path::new("static/_headers"));
        assert_eq!(found[0].position, Some(Position::new(2, 2)));
    }

    #[test]
    fn comments_and_paths_are_not_headers() {
        let own = "# Content-Security-Policy: no\n/Content-Security-Policy: x\n";
        assert!(conflicts(own, Format::Netlify, Path::new("static/_headers")).is_empty());
    }
}
