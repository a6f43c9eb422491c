//! The theme's own words (the exit button, the help box, the search page's labels) in each
//! language a site is published in, read from strings files (`themes/default/strings/en.yaml`,
//! a site's `strings/pl.yaml`). Templates use them through `t(key=...)`, scripts get theirs
//! written into them ([`script`]), and the views that compose text (opening times, ages, dates)
//! take them from here.

mod load;
mod locate;
pub mod script;
mod text;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

pub use load::{LanguageRequest, english, load};
pub use text::{escape_text, fill};

/// One entry of a strings file: plain text, a text per plural form, or a list (the days).
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    One(String),
    /// (plural category, text), `other` always among them.
    Plural(Vec<(String, String)>),
    List(Vec<String>),
}

/// An entry and where it was written, for messages about it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub text: Text,
    pub file: PathBuf,
    pub line: usize,
}

/// The words of one language, every key of the theme's English file present.
pub struct Words {
    code: String,
    entries: HashMap<String, Entry>,
    plurals: Option<PluralRules>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({}, {} entries)", self.code, self.entries.len())
    }
}

/// How a language writes times of day (`time.clock` in a strings file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// 9am, 5:30pm, midday, midnight: the way GOV.UK writes times.
    TwelveHour,
    /// 9:00, 17:30.
    TwentyFourHour,
}

impl Words {
    pub fn new(code: &str, entries: HashMap<String, Entry>) -> Words {
        // CLDR has rules for a language (`en`), not for each of its regions (`en-GB`).
        let plurals = [code, crate::language::primary(code)]
            .into_iter()
            .filter_map(|c| c.parse::<unic_langid::LanguageIdentifier>().ok())
            .find_map(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok());
        Words {
            code: code.to_string(),
            entries,
            plurals,
        }
    }

    /// The language these words are in (`en-GB`, `pl`).
    pub fn code(&self) -> &str {
        &self.code
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Every key and its entry.
    pub fn entries(&self) -> impl Iterator<Item = (&String, &Entry)> {
        self.entries.iter()
    }

    /// The text of `key` (its `other` form if it has plural forms); the key itself if the
    /// strings have no such entry, so a missing word shows where it is missing.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.entries.get(key).map(|e| &e.text) {
            Some(Text::One(text)) => text,
            Some(Text::Plural(forms)) => plural_form(forms, "other"),
            Some(Text::List(_)) | None => key,
        }
    }

    /// The text of `key` for `count` things, in the language's plural form for that number.
    pub fn text_for_count<'a>(&'a self, key: &'a str, count: u64) -> &'a str {
        match self.entries.get(key).map(|e| &e.text) {
            Some(Text::Plural(forms)) => plural_form(forms, self.category(count)),
            _ => self.text(key),
        }
    }

    /// `key`'s text with each `{name}` filled in from `values`.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.text(key), values)
    }

    /// `key`'s text for `count` things, with `{count}` and `values` filled in.
    pub fn count(&self, key: &str, count: u64, values: &[(&str, &str)]) -> String {
        let number = count.to_string();
        let mut all = vec![("count", number.as_str())];
        all.extend_from_slice(values);
        fill(self.text_for_count(key, count), &all)
    }

    /// A list entry (the days of the week, the months); empty if there is none.
    pub fn list(&self, key: &str) -> &[String] {
        match self.entries.get(key).map(|e| &e.text) {
            Some(Text::List(items)) => items,
            _ => &[],
        }
    }

    /// How the language writes times of day.
    pub fn clock(&self) -> Clock {
        match self.text("time.clock") {
            "24-hour" => Clock::TwentyFourHour,
            _ => Clock::TwelveHour,
        }
    }

    /// The name of CLDR's plural category for `count` in this language (`one`, `few`,
    /// `other`); `other` for a language CLDR does not know.
    pub fn category(&self, count: u64) -> &'static str {
        let category = self
            .plurals
            .as_ref()
            .and_then(|rules| rules.select(count).ok());
        match category {
            Some(PluralCategory::ZERO) => "zero",
            Some(PluralCategory::ONE) => "one",
            Some(PluralCategory::TWO) => "two",
            Some(PluralCategory::FEW) => "few",
            Some(PluralCategory::MANY) => "many",
            _ => "other",
        }
    }

    /// `key`'s text as HTML: the text escaped, `[words](address)` made a link, and each
    /// `{name}` filled in from `values`, which are HTML already.
    pub fn html(&self, key: &str, count: Option<u64>, values: &[(&str, &str)]) -> String {
        let template = match count {
            Some(count) => self.text_for_count(key, count),
            None => self.text(key),
        };
        text::to_html(template, values)
    }

    /// What a script asks for by `name`: a group (`quick_exit`), its entries nested as the
    /// strings file nests them, or one entry (`time.days`); None when there is neither.
    pub fn script_json(&self, name: &str) -> Option<serde_json::Value> {
        if let Some(entry) = self.entries.get(name) {
            return Some(json_of(&entry.text));
        }
        let prefix = format!("{name}.");
        let mut keys: Vec<&String> = self
            .entries
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .collect();
        if keys.is_empty() {
            return None;
        }
        keys.sort();
        let mut root = serde_json::Map::new();
        for key in keys {
            let path: Vec<&str> = key[prefix.len()..].split('.').collect();
            insert_nested(&mut root, &path, json_of(&self.entries[key].text));
        }
        Some(serde_json::Value::Object(root))
    }
}

fn plural_form<'a>(forms: &'a [(String, String)], category: &str) -> &'a str {
    forms
        .iter()
        .find(|(c, _)| c == category)
        .or_else(|| forms.iter().find(|(c, _)| c == "other"))
        .map_or("", |(_, text)| text)
}

fn json_of(text: &Text) -> serde_json::Value {
    match text {
        Text::One(text) => serde_json::Value::String(text.clone()),
        Text::Plural(forms) => serde_json::Value::Object(
            forms
                .iter()
                .map(|(c, t)| (c.clone(), serde_json::Value::String(t.clone())))
                .collect(),
        ),
        Text::List(items) => serde_json::json!(items),
    }
}

fn insert_nested(
    map: &mut serde_json::Map<String, serde_json::Value>,
    path: &[&str],
    value: serde_json::Value,
) {
    match path {
        [] => {}
        [last] => {
            map.insert(last.to_string(), value);
        }
        [first, rest @ ..] => {
            let child = map
                .entry(first.to_string())
                .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
            if let serde_json::Value::Object(child) = child {
                insert_nested(child, rest, value);
            }
        }
    }
}

/// The words of every language of a site, by its place in site.yaml's list.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    by_lang: Vec<Arc<Words>>,
}

impl Strings {
    pub fn new(by_lang: Vec<Arc<Words>>) -> Strings {
        Strings { by_lang }
    }

    /// The words of `lang`.
    pub fn of(&self, lang: crate::language::Lang) -> &Arc<Words> {
        &self.by_lang[lang.0]
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<Words>> {
        self.by_lang.iter()
    }

    pub fn len(&self) -> usize {
        self.by_lang.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_lang.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(code: &str, entries: &[(&str, Text)]) -> Words {
        Words::new(
            code,
            entries
                .iter()
                .map(|(k, t)| {
                    (
                        k.to_string(),
                        Entry {
                            text: t.clone(),
                            file: PathBuf::from("strings/x.yaml"),
                            line: 1,
                        },
                    )
                })
                .collect(),
        )
    }

    fn forms(pairs: &[(&str, &str)]) -> Text {
        Text::Plural(
            pairs
                .iter()
                .map(|(c, t)| (c.to_string(), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn a_number_picks_the_language_s_plural_form() {
        let polish = words(
            "pl",
            &[(
                "n",
                forms(&[
                    ("one", "{count} usługa"),
                    ("few", "{count} usługi"),
                    ("many", "{count} usług"),
                    ("other", "{count} usługi"),
                ]),
            )],
        );
        assert_eq!(polish.count("n", 1, &[]), "1 usługa");
        assert_eq!(polish.count("n", 3, &[]), "3 usługi");
        assert_eq!(polish.count("n", 5, &[]), "5 usług");
        let english = words(
            "en-GB",
            &[(
                "n",
                forms(&[("one", "{count} time"), ("other", "{count} times")]),
            )],
        );
        assert_eq!(english.count("n", 1, &[]), "1 time");
        assert_eq!(english.count("n", 2, &[]), "2 times");
    }

    #[test]
    fn html_escapes_the_text_and_makes_links() {
        let english = words(
            "en",
            &[(
                "k",
                Text::One("Tom & Jerry's <b> [home]({url}), \"{name}\"".into()),
            )],
        );
        assert_eq!(
            english.html("k", None, &[("url", "/"), ("name", "<i>kept</i>")]),
            "Tom &amp; Jerry's &lt;b&gt; <a href=\"/\">home</a>, &quot;<i>kept</i>&quot;"
        );
        assert_eq!(english.text("missing.key"), "missing.key");
    }

    #[test]
    fn a_group_is_nested_for_scripts() {
        let english = words(
            "en",
            &[
                ("quick_exit.button", Text::One("Exit".into())),
                (
                    "quick_exit.presses_left",
                    forms(&[("one", "1"), ("other", "n")]),
                ),
                ("help.heading", Text::One("Worried?".into())),
            ],
        );
        assert_eq!(
            english.script_json("quick_exit"),
            Some(serde_json::json!({"button": "Exit", "presses_left": {"one": "1", "other": "n"}}))
        );
        assert_eq!(english.script_json("quick"), None, "a group is named whole");
    }
}
