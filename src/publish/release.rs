//! Which signpost a site's CI runs: a release, named by its version and pinned by the SHA-256
//! of its Linux binary. The checksum is read once, when the CI files are written, from the
//! release's SHA256SUMS, and written into them; every run then refuses a download (or a
//! kept copy) whose checksum differs, so a release replaced after the fact is never run.

use crate::diagnostics::Diagnostic;

/// The release file CI runs: a static Linux binary, made by .github/workflows/release.yml.
pub const ASSET: &str = "signpost-x86_64-unknown-linux-musl";
/// The release file listing each asset's SHA-256, as `sha256sum` writes it.
pub const SUMS: &str = "SHA256SUMS";

/// A signpost release and the checksum its binary must have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pin {
    pub version: String,
    pub sha256: String,
    /// Where releases are downloaded from: `{releases}/v{version}/{ASSET}`.
    pub releases: String,
}

/// signpost's own releases page (from Cargo.toml's `repository`).
pub fn default_releases() -> String {
    format!(
        "{}/releases/download",
        env!("CARGO_PKG_REPOSITORY").trim_end_matches('/')
    )
}

/// This signpost's release at `releases`, its checksum read from the release's SHA256SUMS,
/// or given (`sha256`) by someone who has read it there.
pub fn pin(releases: &str, sha256: Option<&str>) -> Result<Pin, Diagnostic> {
    let version = env!("CARGO_PKG_VERSION").to_string();
    check_releases(releases)?;
    let sha256 = match sha256 {
        Some(given) => check_sha256(given)?,
        None => fetch_sha256(releases, &version)?,
    };
    Ok(Pin {
        version,
        sha256,
        releases: releases.trim_end_matches('/').to_string(),
    })
}

fn fetch_sha256(releases: &str, version: &str) -> Result<String, Diagnostic> {
    let url = format!("{}/v{version}/{SUMS}", releases.trim_end_matches('/'));
    let help = format!(
        "the CI files name the signpost release they run and its checksum, which is read from {url}: check the computer is online and run the command again, or copy the checksum of {ASSET} from the release page and give it with --sha256"
    );
    let bytes = crate::fetch::get(&url, 64 * 1024).map_err(|problem| {
        Diagnostic::error(format!(
            "could not read the checksums of signpost {version}: {problem}"
        ))
        .with_help(help.clone())
    })?;
    sha256_of(&String::from_utf8_lossy(&bytes), ASSET)
        .ok_or_else(|| Diagnostic::error(format!("{url} does not list {ASSET}")).with_help(help))
}

/// The checksum of `asset` in a SHA256SUMS file (`HEX  NAME` or `HEX *NAME` a line).
pub fn sha256_of(sums: &str, asset: &str) -> Option<String> {
    sums.lines().find_map(|line| {
        let (hex, name) = line.trim().split_once(char::is_whitespace)?;
        let name = name.trim_start().trim_start_matches('*');
        (name == asset && is_sha256(hex)).then(|| hex.to_ascii_lowercase())
    })
}

fn is_sha256(hex: &str) -> bool {
    hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit())
}

fn check_sha256(given: &str) -> Result<String, Diagnostic> {
    if is_sha256(given) {
        Ok(given.to_ascii_lowercase())
    } else {
        Err(
            Diagnostic::error(format!("`{given}` is not a SHA-256 checksum")).with_help(format!(
                "a checksum is 64 letters and digits, as listed for {ASSET} in the release's {SUMS}"
            )),
        )
    }
}

/// A releases address safe to write into a CI file.
fn check_releases(url: &str) -> Result<(), Diagnostic> {
    let plain = url
        .chars()
        .all(|c| c.is_ascii_graphic() && !matches!(c, '"' | '\'' | '\\' | '$' | '`'));
    if crate::config::is_http_url(url) && plain {
        Ok(())
    } else {
        Err(Diagnostic::error(format!("`{url}` is not a web address")).with_help(
            "give the address releases are downloaded from, e.g. https://github.com/OWNER/signpost/releases/download",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_are_read_as_sha256sum_writes_them() {
        let hex = "0123456789abcdef".repeat(4);
        let sums = format!("{hex}  {ASSET}\n{}  other\n", "f".repeat(64));
        assert_eq!(sha256_of(&sums, ASSET), Some(hex.clone()));
        assert_eq!(sha256_of(&format!("{hex} *{ASSET}\n"), ASSET), Some(hex));
        assert_eq!(sha256_of("nothing here", ASSET), None);
        assert_eq!(sha256_of(&format!("abc  {ASSET}"), ASSET), None);
    }

    #[test]
    fn addresses_and_checksums_are_checked_before_they_are_written() {
        assert!(check_releases("https://github.com/o/signpost/releases/download").is_ok());
        assert!(check_releases("https://x.org/\"; rm -rf /").is_err());
        assert!(check_releases("ftp://x.org/").is_err());
        assert!(check_sha256(&"A".repeat(64)).is_ok());
        assert!(check_sha256("abc").is_err());
    }
}
