//! Raw HTML written in Markdown, checked against an allow-list before it is published.
//!
//! Markdown may carry HTML (`<abbr>`, `<details>`), and comms staff paste it from other sites.
//! The site's security policy already blocks scripts, but HTML can do harm without one: a
//! `<meta http-equiv="refresh">` sends readers elsewhere, a form posts their words away, an
//! `<iframe>` loads another site. So every tag is checked: tags on the allow-list pass (a site
//! can widen it in site.yaml), tags that can never be safe are refused with an error, and a
//! `style` attribute (which the policy would silently block) is removed with a warning.

use std::collections::BTreeSet;

use html5gum::{HtmlString, Token, Tokenizer};

/// Tags published as written, with their allowed attributes.
const ALLOWED: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Tags that can never be published, whatever site.yaml allows: they run code, load other
/// sites, send readers' words away, or change how the whole page behaves.
const NEVER: &[&str] = &[
    "script", "style", "meta", "link", "base", "iframe", "frame", "frameset", "object", "embed",
    "applet", "form", "input", "button", "select", "textarea", "option", "template", "noscript",
    "svg", "math", "portal", "html", "head", "body", "title",
];

/// Attributes any allowed tag may have.
const GLOBAL_ATTRIBUTES: &[&str] = &["id", "class", "lang", "dir", "title", "hidden", "role"];

/// Attributes particular tags may have.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "rel"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("time", &["datetime"]),
    ("ol", &["start", "reversed", "type"]),
    ("details", &["open"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
];

/// The raw HTML a site accepts: the built-in allow-list and the tags site.yaml adds.
#[derive(Debug, Clone, Default)]
pub struct HtmlPolicy {
    extra: BTreeSet<String>,
}

/// Something wrong with a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlFinding {
    /// True when the HTML is refused (an error); false when it was changed (a warning).
    pub refused: bool,
    pub message: String,
    pub help: String,
}

/// A piece of raw HTML as it will be published, and what was wrong with it.
#[derive(Debug, Clone)]
pub struct Checked {
    pub html: String,
    pub findings: Vec<HtmlFinding>,
}

impl HtmlPolicy {
    /// The built-in list widened by `extra` (from site.yaml); tags that can never be safe
    /// are left out whatever it says (`never_allowed` lists those it tried to add).
    pub fn new(extra: &[String]) -> HtmlPolicy {
        HtmlPolicy {
            extra: extra.iter().map(|tag| tag.to_ascii_lowercase()).collect(),
        }
    }

    /// The tags in `extra` that no site may allow.
    pub fn never_allowed(extra: &[String]) -> Vec<String> {
        extra
            .iter()
            .filter(|tag| NEVER.contains(&tag.to_ascii_lowercase().as_str()))
            .cloned()
            .collect()
    }

    fn allows(&self, tag: &str) -> bool {
        !NEVER.contains(&tag) && (ALLOWED.contains(&tag) || self.extra.contains(tag))
    }

    /// Checks one piece of raw HTML; what it returns is safe to publish.
    pub fn check(&self, fragment: &str) -> Checked {
        let mut findings = Vec::new();
        let mut html = String::with_capacity(fragment.len());
        for token in Tokenizer::new(fragment).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = text(&tag.name);
                    if !self.allows(&name) {
                        findings.push(refused_tag(&name));
                        continue;
                    }
                    let mut attributes = Vec::new();
                    for (key, value) in &tag.attributes {
                        let (key, value) = (text(key), text(&value.value));
                        match attribute_verdict(&name, &key, &value) {
                            Verdict::Keep => attributes.push((key, value)),
                            Verdict::Drop(finding) => findings.push(finding),
                        }
                    }
                    html.push_str(&start_tag(&name, &attributes, tag.self_closing));
                }
                Token::EndTag(tag) => {
                    let name = text(&tag.name);
                    if self.allows(&name) {
                        html.push_str(&format!("</{name}>"));
                    }
                }
                Token::String(words) => html.push_str(&escape(&text(&words.value))),
                Token::Comment(_) => {}
                Token::Doctype(_) => findings.push(HtmlFinding {
                    refused: true,
                    message: "a page cannot declare its own <!DOCTYPE>".into(),
                    help: "remove it: signpost writes the page around your text".into(),
                }),
                Token::Error(_) => {}
            }
        }
        // Always what the tokens say, never the fragment as written: a tag left unfinished
        // (`<form` at the end of a block) would otherwise join the HTML that follows it.
        Checked { html, findings }
    }
}

enum Verdict {
    Keep,
    Drop(HtmlFinding),
}

fn attribute_verdict(tag: &str, key: &str, value: &str) -> Verdict {
    if key == "style" {
        return Verdict::Drop(HtmlFinding {
            refused: false,
            message: format!("the `style` attribute on <{tag}> was removed"),
            help: "the site's security policy blocks styles written in the page, so it would have done nothing; use a class the theme styles, or Markdown (a table's `--:` aligns a column)".into(),
        });
    }
    if key.starts_with("on") {
        return Verdict::Drop(refused(
            format!("<{tag} {key}=…> runs a script, which is not allowed"),
            "remove the attribute; the site runs only its own scripts",
        ));
    }
    let allowed = GLOBAL_ATTRIBUTES.contains(&key)
        || key.starts_with("aria-")
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, keys)| *t == tag && keys.contains(&key));
    if !allowed {
        return Verdict::Drop(refused(
            format!("the attribute `{key}` on <{tag}> is not allowed"),
            "remove it; raw HTML may use id, class, lang, dir, title, aria-* and the usual attributes of links, images and tables",
        ));
    }
    if matches!(key, "href" | "src" | "cite")
        && let Some(scheme) = unsafe_scheme(value, tag == "img")
    {
        return Verdict::Drop(refused(
            format!("<{tag} {key}=\"{scheme}…\"> is not allowed"),
            "link to a web address (https://…) or a file of the site",
        ));
    }
    Verdict::Keep
}

/// The scheme of an address that runs code or carries a document inside it (`javascript:`,
/// `vbscript:`, `data:`), if it has one. An image may be a `data:` PNG, GIF, JPEG or WebP.
pub fn unsafe_scheme(address: &str, for_image: bool) -> Option<String> {
    let squeezed: String = address
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| squeezed.starts_with(scheme))?;
    let safe_image = scheme == "data:"
        && for_image
        && [
            "data:image/png",
            "data:image/gif",
            "data:image/jpeg",
            "data:image/webp",
        ]
        .iter()
        .any(|kind| squeezed.starts_with(kind));
    (!safe_image).then(|| scheme.to_string())
}

fn refused(message: String, help: &str) -> HtmlFinding {
    HtmlFinding {
        refused: true,
        message,
        help: help.into(),
    }
}

fn refused_tag(name: &str) -> HtmlFinding {
    if NEVER.contains(&name) {
        return refused(
            format!("<{name}> is not allowed in a page"),
            "it could run code, load another website or send readers' words away; remove it (for a video or a form, link to it instead)",
        );
    }
    refused(
        format!("<{name}> is not on the list of HTML a page may use"),
        "use Markdown instead, or add the tag under `markdown: allow_html:` in site.yaml if you are sure it is safe",
    )
}

fn start_tag(name: &str, attributes: &[(String, String)], self_closing: bool) -> String {
    let mut tag = format!("<{name}");
    for (key, value) in attributes {
        tag.push_str(&format!(" {key}=\"{}\"", escape(value)));
    }
    tag.push_str(if self_closing { " />" } else { ">" });
    tag
}

fn text(string: &HtmlString) -> String {
    String::from_utf8_lossy(string).into_owned()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(html: &str) -> Checked {
        HtmlPolicy::default().check(html)
    }

    #[test]
    fn harmless_html_is_published_as_written() {
        let html = r#"<abbr title="Local Safeguarding Children Partnership">LSCP</abbr>"#;
        let checked = check(html);
        assert!(checked.findings.is_empty());
        assert_eq!(checked.html, html);
    }

    #[test]
    fn a_meta_refresh_a_script_and_an_iframe_are_refused() {
        for html in [
            r#"<meta http-equiv="refresh" content="3;url=https://example.com">"#,
            "<script>alert(1)</script>",
            r#"<iframe src="https://example.com"></iframe>"#,
            r#"<form action="https://example.com"><input name="q"></form>"#,
        ] {
            let checked = check(html);
            assert!(checked.findings.iter().any(|f| f.refused), "{html}");
            assert!(!checked.html.contains("<meta") && !checked.html.contains("<script"));
        }
    }

    #[test]
    fn event_handlers_and_script_addresses_are_refused() {
        for html in [
            r#"<img src="x.png" alt="x" onerror="alert(1)">"#,
            r#"<a href="javascript:alert(1)">x</a>"#,
            r#"<a href=" jav&#x61;script:alert(1)">x</a>"#,
            r#"<a href="data:text/html,<script>alert(1)</script>">x</a>"#,
        ] {
            assert!(check(html).findings.iter().any(|f| f.refused), "{html}");
        }
        assert!(
            check(r#"<img src="data:image/png;base64,AAAA" alt="dot">"#)
                .findings
                .is_empty()
        );
    }

    #[test]
    fn an_unfinished_tag_cannot_join_the_html_after_it() {
        // Found by bench/fuzz.sh: `<form` alone starts an HTML block.
        let checked = check("<form");
        assert!(!checked.html.contains("<form"), "{}", checked.html);
        let checked = check("<span class=\"a\">ok</span><img src=\"x.png\" alt=\"x\"");
        assert_eq!(checked.html, "<span class=\"a\">ok</span>");
    }

    #[test]
    fn a_style_attribute_is_removed_with_a_warning() {
        let checked = check(r#"<span style="color: red" class="note">Note</span>"#);
        assert_eq!(checked.html, r#"<span class="note">Note</span>"#);
        assert_eq!(checked.findings.len(), 1);
        assert!(!checked.findings[0].refused);
    }

    #[test]
    fn a_site_can_allow_more_but_never_a_script() {
        let policy = HtmlPolicy::new(&["video".into(), "script".into()]);
        assert!(policy.check("<video></video>").findings.is_empty());
        assert!(
            policy
                .check("<script></script>")
                .findings
                .iter()
                .any(|f| f.refused)
        );
        assert_eq!(
            HtmlPolicy::never_allowed(&["video".into(), "SCRIPT".into()]),
            vec!["SCRIPT".to_string()]
        );
    }
}
