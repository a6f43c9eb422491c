//! A theme script's words, written into the script for each language at build time. A script
//! that speaks (the quick exit's announcements, the search's "3 results for ...") holds the
//! marker `{/*signpost:strings quick_exit, time*/}` where it wants them; the build replaces it
//! with those groups of the page's language as an object (`{"quick_exit": {...}, ...}`). A
//! script that needs only some words of a group names them (`time.days, time.am`): every page
//! that loads it carries its words.
//!
//! Written in, rather than fetched or put in the page: the quick exit must speak from the
//! first paint without waiting for a request, and a page in one language stays what it was.

use super::Words;

const OPEN: &str = "{/*signpost:strings ";
const CLOSE: &str = "*/}";

/// The groups and single words a script's marker asks for; None for a script without one (it
/// is the same in every language).
pub fn names(source: &str) -> Option<Vec<&str>> {
    let start = source.find(OPEN)? + OPEN.len();
    let end = source[start..].find(CLOSE)? + start;
    Some(
        source[start..end]
            .split(',')
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .collect(),
    )
}

/// The script with its marker replaced by the groups and words it names; Err names one the
/// words do not have, with the marker's line.
pub fn fill(source: &str, words: &Words) -> Result<String, (usize, String)> {
    let Some(wanted) = names(source) else {
        return Ok(source.to_string());
    };
    let start = source.find(OPEN).expect("names found it");
    let end = source[start..].find(CLOSE).expect("names found it") + start + CLOSE.len();
    let line = source[..start].lines().count().max(1);
    let mut object = serde_json::Map::new();
    for name in wanted {
        let Some(json) = words.script_json(name) else {
            return Err((line, name.to_string()));
        };
        let path: Vec<&str> = name.split('.').collect();
        super::insert_nested(&mut object, &path, json);
    }
    let json = serde_json::to_string(&serde_json::Value::Object(object)).expect("words serialise");
    Ok(format!("{}{}{}", &source[..start], json, &source[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strings::{Entry, Text};

    #[test]
    fn the_marker_becomes_the_groups_it_names() {
        let words = Words::new(
            "en",
            [(
                "quick_exit.button".to_string(),
                Entry {
                    text: Text::One("Exit".into()),
                    file: "en.yaml".into(),
                    line: 1,
                },
            )]
            .into(),
        );
        let source = "const text = {/*signpost:strings quick_exit*/};\n";
        assert_eq!(names(source), Some(vec!["quick_exit"]));
        assert_eq!(
            fill(source, &words).unwrap(),
            "const text = {\"quick_exit\":{\"button\":\"Exit\"}};\n"
        );
        assert_eq!(
            fill("x\nconst t = {/*signpost:strings nope*/};", &words),
            Err((2, "nope".into()))
        );
        assert_eq!(names("const t = {};"), None);
    }

    #[test]
    fn a_marker_can_name_single_words_of_a_group() {
        let entry = |text: Text| Entry {
            text,
            file: "en.yaml".into(),
            line: 1,
        };
        let words = Words::new(
            "en",
            [
                ("time.am".to_string(), entry(Text::One("am".into()))),
                (
                    "time.days".to_string(),
                    entry(Text::List(vec!["Monday".into(), "Tuesday".into()])),
                ),
                (
                    "time.months".to_string(),
                    entry(Text::List(vec!["January".into()])),
                ),
                ("help.open".to_string(), entry(Text::One("Open".into()))),
            ]
            .into(),
        );
        let source = "const w = {/*signpost:strings help, time.days, time.am*/};";
        assert_eq!(
            fill(source, &words).unwrap(),
            r#"const w = {"help":{"open":"Open"},"time":{"am":"am","days":["Monday","Tuesday"]}};"#
        );
        assert_eq!(
            fill("const w = {/*signpost:strings time.pm*/};", &words),
            Err((1, "time.pm".into()))
        );
    }
}
