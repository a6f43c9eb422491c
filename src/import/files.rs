//! The files an import writes: a service's YAML under a header that says where it came from
//! and fingerprints what was imported, so the next import can tell a file nobody has touched
//! (safe to update from the source) from one someone has edited here (left alone).

use sha2::{Digest, Sha256};

const IMPORTED_FROM: &str = "# Imported by `signpost import` from ";
const FINGERPRINT: &str = "# signpost-import: ";
const EXPLANATION: &str =
    " (a fingerprint of what was imported: edit this file and the next import leaves it alone)";

/// What the header of an imported file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// Where it was imported from: a feed's address, or a file's name.
    pub source: String,
    /// The fingerprint of the YAML as it was written.
    pub fingerprint: String,
}

/// A file's text split into what its header says (None for a file written by hand) and its
/// YAML body.
pub struct ServiceFile<'a> {
    pub header: Option<Imported>,
    pub body: &'a str,
}

fn fingerprint(body: &str) -> String {
    Sha256::digest(body.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The whole text of an imported service file.
pub fn write(source: &str, body: &str) -> String {
    format!(
        "{IMPORTED_FROM}{source}\n{FINGERPRINT}{}{EXPLANATION}\n{body}",
        fingerprint(body)
    )
}

/// Reads the header an import wrote, if the file has one.
pub fn read(text: &str) -> ServiceFile<'_> {
    let mut lines = text.splitn(3, '\n');
    let (first, second) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    let source = first.strip_prefix(IMPORTED_FROM);
    let print = second
        .strip_prefix(FINGERPRINT)
        .and_then(|rest| rest.split_whitespace().next());
    match (source, print) {
        (Some(source), Some(print)) => ServiceFile {
            header: Some(Imported {
                source: source.trim().to_string(),
                fingerprint: print.to_string(),
            }),
            body: lines.next().unwrap_or(""),
        },
        _ => ServiceFile {
            header: None,
            body: text,
        },
    }
}

impl ServiceFile<'_> {
    /// True when it was imported from `source` and nobody has changed it since.
    pub fn is_untouched_import_from(&self, source: &str) -> bool {
        self.header
            .as_ref()
            .is_some_and(|h| h.source == source && h.fingerprint == fingerprint(self.body))
    }

    /// True when it was imported (from anywhere) and has been edited since.
    pub fn is_edited_import(&self) -> bool {
        self.header
            .as_ref()
            .is_some_and(|h| h.fingerprint != fingerprint(self.body))
    }

    pub fn source(&self) -> Option<&str> {
        self.header.as_ref().map(|h| h.source.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_reads_back_as_untouched() {
        let text = write("https://example.org/api/services", "id: a\nname: A\n");
        let file = read(&text);
        assert_eq!(file.body, "id: a\nname: A\n");
        assert!(file.is_untouched_import_from("https://example.org/api/services"));
        assert!(!file.is_untouched_import_from("other.json"));
        let edited = text.replace("name: A", "name: B");
        assert!(read(&edited).is_edited_import());
    }

    #[test]
    fn a_hand_written_file_has_no_header() {
        let file = read("# my notes\nid: a\n");
        assert!(file.header.is_none());
        assert!(!file.is_edited_import());
    }
}
