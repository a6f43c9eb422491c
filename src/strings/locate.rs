//! Where each key of a strings file is written, as `group.key` -> line, so a message about an
//! entry can point at it. Strings files are nested mappings of text, which a look at each
//! line's indentation is enough to follow.

use std::collections::HashMap;

/// The 1-based line of every key in `text`, by its dotted path.
pub fn key_lines(text: &str) -> HashMap<String, usize> {
    let mut lines = HashMap::new();
    // (indentation, key) of each mapping the current line is inside.
    let mut open: Vec<(usize, String)> = Vec::new();
    // Lines more indented than this belong to a block of text (`key: >-`), not to the mapping.
    let mut block_above: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if block_above.is_some_and(|block| indent > block) {
            continue;
        }
        block_above = None;
        let Some(key) = key_of(trimmed) else {
            continue;
        };
        open.retain(|(level, _)| *level < indent);
        let path = open
            .iter()
            .map(|(_, k)| k.as_str())
            .chain([key.as_str()])
            .collect::<Vec<_>>()
            .join(".");
        lines.insert(path, number + 1);
        let value = trimmed[trimmed.find(':').map_or(0, |c| c + 1)..].trim();
        if value.starts_with('|') || value.starts_with('>') {
            block_above = Some(indent);
        }
        open.push((indent, key));
    }
    lines
}

/// The key of a `key: value` line, unquoted.
fn key_of(line: &str) -> Option<String> {
    if line.starts_with('-') {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty() && !key.contains(' ')).then(|| key.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_have_their_lines() {
        let text = "# words\nquick_exit:\n  button: Exit\n  hint: >-\n    or press: Shift\n  presses_left:\n    one: \"a\"\nhelp:\n  heading: Worried?\n";
        let lines = key_lines(text);
        assert_eq!(lines["quick_exit"], 2);
        assert_eq!(lines["quick_exit.button"], 3);
        assert_eq!(lines["quick_exit.presses_left.one"], 7);
        assert_eq!(lines["help.heading"], 9);
        assert!(!lines.contains_key("quick_exit.hint.or"));
    }
}
