//! A strings entry's text made into what a page shows: `{name}` filled in, and, for HTML, the
//! text escaped and `[words](address)` made a link. A translator writes text, never HTML, so
//! no strings file can put markup or script into a page.

/// `template` with each `{name}` replaced by its value in `values`; a `{name}` with no value
/// is left as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_end = after.find('}').filter(|&end| is_name(&after[..end]));
        match name_end.and_then(|end| value_of(values, &after[..end]).map(|v| (end, v))) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn value_of<'a>(values: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// The characters that would start markup or end an attribute, escaped; an apostrophe is
/// left as typed, as in the templates' own text.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `template` as HTML: its text escaped, each `[words](address)` a link, and each `{name}`
/// filled in from `values` (HTML already) after escaping, so a value is never read as markup
/// or as a link.
pub fn to_html(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    for part in parts(template) {
        match part {
            Part::Text(text) => out.push_str(&fill(&escape_text(text), values)),
            Part::Link { words, address } => {
                let href = fill(&escape_text(address), values);
                let words = fill(&escape_text(words), values);
                out.push_str(&format!("<a href=\"{href}\">{words}</a>"));
            }
        }
    }
    out
}

enum Part<'a> {
    Text(&'a str),
    Link { words: &'a str, address: &'a str },
}

/// The text cut at each `[words](address)`.
fn parts(template: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some((before, words, address, after)) = next_link(rest) {
        if !before.is_empty() {
            out.push(Part::Text(before));
        }
        out.push(Part::Link { words, address });
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Part::Text(rest));
    }
    out
}

/// The first `[words](address)` in `text`: what comes before it, its parts, and what follows.
fn next_link(text: &str) -> Option<(&str, &str, &str, &str)> {
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| i + from) {
        let close = text[open..].find("](").map(|i| i + open)?;
        let words = &text[open + 1..close];
        if words.contains('[') {
            from = open + 1;
            continue;
        }
        let address_start = close + 2;
        let end = text[address_start..].find(')').map(|i| i + address_start)?;
        return Some((
            &text[..open],
            words,
            &text[address_start..end],
            &text[end + 1..],
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_names_and_keeps_the_rest() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("{unknown} {} { x }", &[]), "{unknown} {} { x }");
        assert_eq!(fill("{a}{a}", &[("a", "{a}")]), "{a}{a}");
    }

    #[test]
    fn links_are_made_and_brackets_without_an_address_are_text() {
        assert_eq!(
            to_html(
                "see [the page]({url}) [not a link] and (this)",
                &[("url", "/a/")]
            ),
            "see <a href=\"/a/\">the page</a> [not a link] and (this)"
        );
    }
}
