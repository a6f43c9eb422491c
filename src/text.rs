//! Reading a source file as text, with every check that comes before parsing: it exists and
//! can be read, it is not too big to handle quickly, it is UTF-8 (a Windows-1252 page or a
//! PNG named .md gets one error at its first bad byte), and it holds no control characters
//! (a NUL pasted from another program would reach the published page).

use std::path::Path;

use crate::diagnostics::{Diagnostic, Position};

/// The largest source file signpost reads, so that no input can make a build slow: a page of
/// Markdown is rarely more than 100 KB.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Reads `root/file` as text; `file` (relative to the site root) is what messages name.
pub fn read(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(file)).map_err(|error| {
        Diagnostic::error(format!("cannot read this file: {error}"))
            .in_file(file)
            .with_help("check that the file exists and that your user account can read it")
    })?;
    from_bytes(bytes, file)
}

/// Checks `bytes` read from `file` and returns them as text, without a byte-order mark.
pub fn from_bytes(bytes: Vec<u8>, file: &Path) -> Result<String, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "this file is {} KB; signpost reads files of up to {} KB",
            bytes.len() / 1024,
            MAX_FILE_BYTES / 1024
        ))
        .in_file(file)
        .with_help("split it into several pages or files; a file this size is usually not text, or was pasted twice"));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid up to here");
        Diagnostic::error("this file is not UTF-8 text")
            .in_file(file)
            .at(Position::of_offset(valid, valid.len()))
            .with_help("save it as UTF-8 (most editors offer this under Save As or Encoding); if it is an image or a document, give it its own extension (.png, .pdf)")
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if let Some((offset, c)) = first_control_character(&text) {
        return Err(Diagnostic::error(format!(
            "this file has an invisible control character ({}) here",
            describe(c)
        ))
        .in_file(file)
        .at(Position::of_offset(&text, offset))
        .with_help("delete it: it often comes with text pasted from another program, and would reach the published page"));
    }
    Ok(text)
}

/// The first character other than a tab or line break that has no place in text.
pub fn first_control_character(text: &str) -> Option<(usize, char)> {
    // Read as bytes, which is several times quicker than as characters on every page of a
    // large site: the control characters are C0 and DEL (single bytes) and C1 (U+0080 to
    // U+009F, written 0xC2 0x80 to 0xC2 0x9F).
    // A block with no byte that could start one is passed over whole, a test the compiler
    // makes on many bytes at once; only a block with one ('£' starts with 0xC2) is read
    // byte by byte.
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let suspect = |byte: u8| {
        (byte < 0x20 && byte != b'\t' && byte != b'\n' && byte != b'\r')
            || byte == 0x7F
            || byte == 0xC2
    };
    let control_at = |at: usize| match bytes[at] {
        b'\t' | b'\n' | b'\r' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes
            .get(at + 1)
            .is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    };
    let at = (0..bytes.len()).step_by(BLOCK).find_map(|start| {
        let block = start..(start + BLOCK).min(bytes.len());
        let any = bytes[block.clone()]
            .iter()
            .fold(false, |any, &b| any | suspect(b));
        if any {
            block.into_iter().find(|&at| control_at(at))
        } else {
            None
        }
    })?;
    text[at..].chars().next().map(|c| (at, c))
}

fn describe(c: char) -> String {
    match c {
        '\0' => "NUL, U+0000".into(),
        other => format!("U+{:04X}", u32::from(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_as_reading_by_characters_finds_them() {
        let by_characters = |text: &str| {
            text.char_indices()
                .find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        };
        let texts = [
            "plain\ttext\r\nwith lines\n",
            "a\u{0}b",
            "caf\u{e9} \u{7f}",
            "non\u{a0}breaking \u{85}next line",
            "\u{9f}",
            "\u{80}",
            "\u{a0}\u{c2}\u{100}\u{2028}\u{feff}\u{1f600}",
            "ends with \u{1b}",
            "",
        ];
        for text in texts {
            assert_eq!(
                first_control_character(text),
                by_characters(text),
                "{text:?}"
            );
        }
        // Long texts, the character at every place across the first blocks read at once.
        for at in 0..200 {
            for character in ["\u{85}", "\u{1}", "\u{7f}", "£", "\u{a0}"] {
                let text = format!("{}£{}{character}tail\n", "a".repeat(at), "b".repeat(at % 7));
                assert_eq!(
                    first_control_character(&text),
                    by_characters(&text),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_found_on_its_line() {
        let problem =
            from_bytes(b"---\ntitle: Caf\xe9\n---\n".to_vec(), Path::new("a.md")).unwrap_err();
        assert_eq!(problem.position, Some(Position::new(2, 11)));
    }

    #[test]
    fn control_characters_are_found_and_a_bom_is_dropped() {
        let problem = from_bytes(b"title: a\x00b\n".to_vec(), Path::new("a.yaml")).unwrap_err();
        assert!(problem.message.contains("NUL"));
        assert_eq!(problem.position, Some(Position::new(1, 9)));
        assert_eq!(
            from_bytes("\u{feff}title: a\r\n\tb\n".into(), Path::new("a")).unwrap(),
            "title: a\r\n\tb\n"
        );
    }

    #[test]
    fn a_huge_file_is_refused_before_it_is_read_as_text() {
        let problem = from_bytes(vec![b'a'; MAX_FILE_BYTES + 1], Path::new("big.md")).unwrap_err();
        assert!(problem.message.contains("KB"));
    }
}
