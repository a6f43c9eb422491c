//! The editor's script, taken from the npm package at a pinned version and checked against
//! a pinned SHA-256 before it is kept, so the site serves it from its own address and never
//! from a CDN. The pins match the version in package.json, which the browser tests run
//! (a test fails if they part).
//!
//! The script's stylesheet names three fonts on a CDN (its text, code and icon fonts). The
//! package carries the same fonts, so they are kept beside the script, and the build points
//! the stylesheet at them: the editor then loads nothing from anywhere but the site.

use std::io::Read;

use sha2::{Digest, Sha256};

/// The npm package the editor comes from.
pub const PACKAGE: &str = "@sveltia/cms";
pub const VERSION: &str = "0.221.1";
/// SHA-256 of `dist/sveltia-cms.js` in that version.
pub const SCRIPT_SHA256: &str = "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a";
/// Where npm itself downloads packages from.
pub const DEFAULT_REGISTRY: &str = "https://registry.npmjs.org";

/// The package's files signpost keeps, as they are named in its tarball.
const SCRIPT_IN_PACKAGE: &str = "package/dist/sveltia-cms.js";
const LICENSE_IN_PACKAGE: &str = "package/LICENSE.txt";
const ASSETS_IN_PACKAGE: &str = "package/npm/assets/";
/// How the script names its fonts: `{CDN_FONTS}{family}[:vf]@{version}/{subset}.woff2`.
const CDN_FONTS: &str = "https://cdn.jsdelivr.net/fontsource/fonts/";
/// The package is under a megabyte compressed; anything far larger is not it.
const TARBALL_LIMIT: u64 = 64 * 1024 * 1024;

/// The script, its licence, and its fonts with theirs (file name and bytes), checked.
pub struct Vendored {
    pub script: Vec<u8>,
    pub license: Vec<u8>,
    pub fonts: Vec<(String, Vec<u8>)>,
}

/// A font the script names on the CDN, and the name it is kept under beside the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Font {
    /// The whole CDN address, as written in the script.
    pub cdn_url: String,
    /// `source-sans-3-latin-wght-normal.woff2`.
    pub file: String,
    /// `source-sans-3`: its licence is `{family}.LICENSE.txt`.
    pub family: String,
}

/// The address of the pinned package's tarball in `registry` (npm's own layout).
pub fn tarball_url(registry: &str) -> String {
    let name = PACKAGE.rsplit('/').next().unwrap_or(PACKAGE);
    format!(
        "{}/{PACKAGE}/-/{name}-{VERSION}.tgz",
        registry.trim_end_matches('/')
    )
}

/// Downloads the pinned package from `registry` and takes the script, its fonts and the
/// licences from it.
pub fn download(registry: &str) -> Result<Vendored, String> {
    let url = tarball_url(registry);
    let tarball = crate::fetch::get(&url, TARBALL_LIMIT)?;
    extract(&tarball).map_err(|problem| format!("{url}: {problem}"))
}

/// The script, licence and fonts from a package tarball; refuses a script whose SHA-256 is
/// not the pinned one, or that names a font the package does not carry.
pub fn extract(tarball: &[u8]) -> Result<Vendored, String> {
    let files = read_tarball(tarball)?;
    let find = |name: &str| {
        files
            .iter()
            .find(|(path, _)| path == name)
            .map(|(_, bytes)| bytes.clone())
    };
    let script = find(SCRIPT_IN_PACKAGE).ok_or("the tarball has no dist/sveltia-cms.js")?;
    let license = find(LICENSE_IN_PACKAGE).ok_or("the tarball has no LICENSE.txt")?;
    let found = sha256_hex(&script);
    if found != SCRIPT_SHA256 {
        return Err(format!(
            "its dist/sveltia-cms.js has the SHA-256 {found}, but {PACKAGE} {VERSION} has {SCRIPT_SHA256}: it is not the file signpost was tested with, so it was not used"
        ));
    }
    let mut fonts = Vec::new();
    for font in fonts_named_in(&script) {
        let asset = files.iter().find(|(path, _)| {
            path.strip_prefix(ASSETS_IN_PACKAGE)
                .is_some_and(|name| is_hashed_name_of(name, &font.file))
        });
        let (_, bytes) = asset.ok_or_else(|| {
            format!(
                "the script loads {} from a CDN and the package has no copy of it",
                font.cdn_url
            )
        })?;
        fonts.push((font.file.clone(), bytes.clone()));
        let license = format!("{}.LICENSE.txt", font.family);
        if let Some(text) = find(&format!("{ASSETS_IN_PACKAGE}{license}")) {
            fonts.push((license, text));
        }
    }
    Ok(Vendored {
        script,
        license,
        fonts,
    })
}

/// Every file of a gzipped tarball that signpost might keep: the script, licences, fonts.
fn read_tarball(tarball: &[u8]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(tarball));
    let entries = archive
        .entries()
        .map_err(|error| format!("not a package tarball ({error})"))?;
    let mut files = Vec::new();
    for entry in entries {
        let mut entry = entry.map_err(|error| format!("the tarball is damaged ({error})"))?;
        let path = entry
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let wanted = path == SCRIPT_IN_PACKAGE
            || path == LICENSE_IN_PACKAGE
            || (path.starts_with(ASSETS_IN_PACKAGE)
                && (path.ends_with(".woff2") || path.ends_with(".LICENSE.txt")));
        if !wanted {
            continue;
        }
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|error| format!("the tarball is damaged ({error})"))?;
        files.push((path, bytes));
    }
    Ok(files)
}

/// `source-sans-3-latin-wght-normal-BqRLTx4X.woff2` is the bundler's name for
/// `source-sans-3-latin-wght-normal.woff2`.
fn is_hashed_name_of(name: &str, file: &str) -> bool {
    let (Some(stem), Some(hashed)) = (file.strip_suffix(".woff2"), name.strip_suffix(".woff2"))
    else {
        return false;
    };
    hashed
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hash| hash.len() == 8)
}

/// The fonts the script's stylesheet loads from the CDN.
pub fn fonts_named_in(script: &[u8]) -> Vec<Font> {
    let text = String::from_utf8_lossy(script);
    let mut fonts: Vec<Font> = Vec::new();
    for (at, _) in text.match_indices(CDN_FONTS) {
        let rest = &text[at + CDN_FONTS.len()..];
        let end = rest
            .find(|c: char| c == ')' || c == '"' || c == '\'' || c == '`' || c.is_whitespace())
            .unwrap_or(rest.len());
        let path = &rest[..end];
        let Some((family_version, subset)) = path.split_once('/') else {
            continue;
        };
        let family = family_version
            .split(['@', ':'])
            .next()
            .unwrap_or(family_version);
        let font = Font {
            cdn_url: format!("{CDN_FONTS}{path}"),
            file: format!("{family}-{subset}"),
            family: family.to_string(),
        };
        if !fonts.contains(&font) {
            fonts.push(font);
        }
    }
    fonts
}

/// The script with each CDN font address replaced by `{fonts_address}{file}`.
pub fn self_hosted(script: &[u8], fonts_address: &str) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(script).into_owned();
    for font in fonts_named_in(script) {
        text = text.replace(&font.cdn_url, &format!("{fonts_address}{}", font.file));
    }
    text.into_bytes()
}

/// True when `script` is the pinned version's.
pub fn is_pinned(script: &[u8]) -> bool {
    sha256_hex(script) == SCRIPT_SHA256
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_read_from_the_stylesheet_and_renamed() {
        let script = b"src:url(https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2) x url(https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2)";
        let fonts = fonts_named_in(script);
        assert_eq!(fonts.len(), 2);
        assert_eq!(fonts[0].file, "source-sans-3-latin-wght-normal.woff2");
        assert_eq!(fonts[0].family, "source-sans-3");
        assert_eq!(fonts[1].file, "noto-mono-latin-400-normal.woff2");
        let local = String::from_utf8(self_hosted(script, "/admin/fonts/")).unwrap();
        assert_eq!(
            local,
            "src:url(/admin/fonts/source-sans-3-latin-wght-normal.woff2) x url(/admin/fonts/noto-mono-latin-400-normal.woff2)"
        );
    }

    #[test]
    fn bundler_names_match_their_font() {
        assert!(is_hashed_name_of(
            "noto-mono-latin-400-normal-DiC8lJru.woff2",
            "noto-mono-latin-400-normal.woff2"
        ));
        assert!(!is_hashed_name_of(
            "noto-mono-latin-400-normal-italic-DiC8lJru.woff2",
            "noto-mono-latin-400-normal.woff2"
        ));
        assert!(!is_hashed_name_of(
            "noto-mono-latin-400-normal.woff2",
            "noto-mono-latin-400-normal.woff2"
        ));
    }
}
