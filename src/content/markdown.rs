//! Markdown to HTML with pulldown-cmark: heading ids with self-links, internal links rewritten
//! to URLs through a resolver, and every problem positioned by its byte offset in the body.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use super::fenced::FencedBlocks;
#[cfg(test)]
use super::fenced::NoBlocks;
use super::fenced::OpenBlock;

use super::html::{self, HtmlPolicy};

/// What a written link destination points at, once resolved.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub href: String,
    /// (target page index, anchor): an anchor to check once every page's headings are known.
    pub anchor: Option<(usize, String)>,
}

/// A link that could not be resolved: what is wrong and what would be right.
#[derive(Debug, Clone)]
pub struct LinkError {
    pub message: String,
    pub help: String,
}

pub trait LinkResolver {
    /// Resolves `dest` as written in the source; Ok(None) leaves external links untouched.
    fn resolve(&self, dest: &str) -> Result<Option<Resolved>, LinkError>;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
    /// Where the heading is written in the body.
    pub offset: usize,
}

/// An anchor to check later: `offset` is where the link is written in the body.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub target: usize,
    pub anchor: String,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A link that goes nowhere, or to an address that is not allowed: an error.
    BrokenLink,
    /// An image a screen reader cannot describe: a warning.
    MissingAltText,
    /// Raw HTML that cannot be published: an error.
    RefusedHtml,
    /// Raw HTML published with something removed: a warning.
    ChangedHtml,
    /// A fenced block claimed by FencedBlocks that could not be rendered (an unknown figure).
    InvalidBlock,
    /// A link to the preview on the author's own computer (localhost): a warning.
    PreviewLink,
}

impl ProblemKind {
    pub fn is_error(self) -> bool {
        matches!(
            self,
            ProblemKind::BrokenLink | ProblemKind::RefusedHtml | ProblemKind::InvalidBlock
        )
    }
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    pub offset: usize,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// Ids a link can point at besides the headings': the footnotes and their references.
    pub ids: Vec<String>,
    /// The words of the page without markup, paragraphs separated by blank lines: for the
    /// search index.
    pub text: String,
    /// Where `text` quotes (blockquotes), as byte ranges: left out of [`Rendered::own_words`].
    pub quoted: Vec<Range<usize>>,
    pub headings: Vec<Heading>,
    pub anchors: Vec<AnchorCheck>,
    pub problems: Vec<Problem>,
    /// Links to other websites, with where each is written, for `signpost check --external`.
    pub external_links: Vec<(String, usize)>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// A heading's events, held back until its end so its id can be computed from its text.
struct OpenHeading<'a> {
    level: HeadingLevel,
    offset: usize,
    explicit_id: Option<CowStr<'a>>,
    events: Vec<Event<'a>>,
}

/// An image's alt text, gathered until the image ends.
struct OpenImage {
    offset: usize,
    alt: String,
}

/// Renders `body`: links resolved by `resolver`, raw HTML checked against `policy`, and
/// fenced blocks that `blocks` claims (```` ```figure ````) rendered by it.
pub fn render(
    body: &str,
    resolver: &dyn LinkResolver,
    policy: &HtmlPolicy,
    blocks: &dyn FencedBlocks,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut block: Option<OpenBlock> = None;
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut image: Option<OpenImage> = None;
    let mut footnotes = Footnotes::default();
    let mut html_block: Option<(usize, String)> = None;
    let mut quote_depth = 0usize;
    let mut quote_start = 0;
    let mut tables = 0usize;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        if let Some(open) = &mut block {
            match event {
                Event::Text(text) => open.push(&text, range.start),
                Event::End(TagEnd::CodeBlock) => {
                    let open = block.take().expect("a block is open");
                    let (html, words, problem) = open.close(blocks);
                    rendered.text.push_str(&words);
                    rendered.problems.extend(problem);
                    events.push(Event::Html(html.into()));
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if blocks.claims(&info) => {
                block = Some(OpenBlock::new(&info, range.start));
                continue;
            }
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some((range.start, String::new()));
                continue;
            }
            Event::Html(text) if html_block.is_some() => {
                if let Some((_, block)) = &mut html_block {
                    block.push_str(&text);
                }
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => {
                let Some((offset, block)) = html_block.take() else {
                    continue;
                };
                Event::Html(check_html(&block, offset, policy, &mut rendered.problems).into())
            }
            Event::InlineHtml(text) => Event::InlineHtml(
                check_html(&text, range.start, policy, &mut rendered.problems).into(),
            ),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnotes.open(label.to_string());
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                footnotes.close();
                continue;
            }
            Event::FootnoteReference(label) => Event::Html(footnotes.reference(&label).into()),
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some(OpenHeading {
                    level,
                    offset: range.start,
                    explicit_id: id,
                    events: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                rendered.text.push_str(".\n\n");
                if let Some(open) = heading.take() {
                    events.push(close_heading(open, &mut rendered.headings));
                }
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url, range.start, false, resolver, &mut rendered)
                    .map_or(dest_url, CowStr::from);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some(OpenImage {
                    offset: range.start,
                    alt: String::new(),
                });
                let dest_url = rewrite(&dest_url, range.start, true, resolver, &mut rendered)
                    .map_or(dest_url, CowStr::from);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some(open) = image.take() {
                    check_alt_text(open, &mut rendered.problems);
                }
                Event::End(TagEnd::Image)
            }
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                let opening = super::tables::opening(&mut events, &rendered.headings, tables);
                events.push(Event::Html(opening.into()));
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                Event::Html(super::tables::CLOSING.into())
            }
            other => other,
        };
        if let (Some(open), Event::Text(text) | Event::Code(text)) = (&mut image, &event) {
            open.alt.push_str(text);
        }
        collect_text(&event, &mut rendered.text);
        match &event {
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 {
                    quote_start = rendered.text.len();
                }
                quote_depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth -= 1;
                if quote_depth == 0 {
                    rendered.quoted.push(quote_start..rendered.text.len());
                }
            }
            _ => {}
        }
        match (&mut heading, footnotes.collecting()) {
            (Some(open), _) => open.events.push(event),
            (None, Some(definition)) => definition.push(event),
            (None, None) => events.push(event),
        }
    }
    pulldown_cmark::html::push_html(&mut rendered.html, events.into_iter());
    footnotes.finish(&mut rendered);
    rendered.html = align_with_classes(rendered.html);
    // Both strings grew by doubling; at 10,000 pages the slack is tens of megabytes.
    rendered.html.shrink_to_fit();
    rendered.text.shrink_to_fit();
    rendered
}

impl Rendered {
    /// The page's own words, without what it quotes (blockquotes): what its reading age is
    /// judged on, so young people's quoted words do not count against it. Worked out when
    /// asked rather than kept: at 10,000 pages a second copy of every page's text was 45 MB.
    pub fn own_words(&self) -> Cow<'_, str> {
        if self.quoted.is_empty() {
            return Cow::Borrowed(&self.text);
        }
        let mut own = String::with_capacity(self.text.len());
        let mut from = 0;
        for quote in &self.quoted {
            own.push_str(&self.text[from..quote.start]);
            from = quote.end;
        }
        own.push_str(&self.text[from..]);
        Cow::Owned(own)
    }
}

/// Adds an event's words to the page's plain text; block ends become paragraph breaks.
fn collect_text(event: &Event, text: &mut String) {
    match event {
        Event::Text(words) | Event::Code(words) => text.push_str(words),
        Event::SoftBreak | Event::HardBreak => text.push(' '),
        Event::End(
            TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell | TagEnd::BlockQuote(_),
        ) => text.push_str("\n\n"),
        _ => {}
    }
}

/// Raw HTML as it may be published, its problems recorded at `offset`.
fn check_html(
    fragment: &str,
    offset: usize,
    policy: &HtmlPolicy,
    problems: &mut Vec<Problem>,
) -> String {
    let checked = policy.check(fragment);
    for finding in checked.findings {
        problems.push(Problem {
            kind: if finding.refused {
                ProblemKind::RefusedHtml
            } else {
                ProblemKind::ChangedHtml
            },
            offset,
            message: finding.message,
            help: finding.help,
        });
    }
    checked.html
}

/// pulldown-cmark aligns table columns with `style` attributes, which the site's security
/// policy blocks; the theme styles these classes instead.
fn align_with_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// A web address on the author's own computer, such as `signpost serve`'s preview.
fn is_preview_address(dest: &str) -> bool {
    let Some(rest) = dest
        .strip_prefix("http://")
        .or_else(|| dest.strip_prefix("https://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(name, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            name
        } else {
            host
        }
    });
    matches!(
        host.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]"
    ) || host.ends_with(".localhost")
}

/// Resolves a destination; returns the new href, or None to keep what was written.
fn rewrite(
    dest: &str,
    offset: usize,
    is_image: bool,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
) -> Option<String> {
    if let Some(scheme) = html::unsafe_scheme(dest, is_image) {
        out.problems.push(Problem {
            kind: ProblemKind::BrokenLink,
            offset,
            message: format!("links to `{scheme}` addresses are not allowed"),
            help: "a `javascript:`, `vbscript:` or `data:` address runs code or hides a document in the link; link to a web address (https://…) or a page of the site".into(),
        });
        return Some("#".into());
    }
    match resolver.resolve(dest) {
        Ok(Some(resolved)) => {
            if let Some((target, anchor)) = resolved.anchor {
                out.anchors.push(AnchorCheck {
                    target,
                    anchor,
                    offset,
                });
            }
            Some(resolved.href)
        }
        Ok(None) => {
            if is_preview_address(dest) {
                out.problems.push(Problem {
                    kind: ProblemKind::PreviewLink,
                    offset,
                    message: format!("`{dest}` is the preview on your own computer, which readers cannot open"),
                    help: "link to the page's file instead (e.g. `@/worried/what-to-do.md`), so the link works wherever the site is published".into(),
                });
            } else if dest.starts_with("https://") || dest.starts_with("http://") {
                out.external_links.push((dest.to_string(), offset));
            }
            None
        }
        Err(error) => {
            out.problems.push(Problem {
                kind: ProblemKind::BrokenLink,
                offset,
                message: error.message,
                help: error.help,
            });
            None
        }
    }
}

fn check_alt_text(image: OpenImage, problems: &mut Vec<Problem>) {
    if image.alt.trim().is_empty() {
        problems.push(Problem {
            kind: ProblemKind::MissingAltText,
            offset: image.offset,
            message: "this image has no alt text".into(),
            help: "describe what the image shows inside the brackets: ![A health visitor weighing a baby](baby.jpg)".into(),
        });
    }
}

/// Emits `<hN id="…">…</hN>`, so every heading can be linked to. (No self-link inside: on a
/// page read with the keyboard, each one would be one more stop that goes nowhere new.)
fn close_heading<'a>(open: OpenHeading<'a>, headings: &mut Vec<Heading>) -> Event<'a> {
    let text: String = open
        .events
        .iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect();
    let base = open
        .explicit_id
        .map(|id| id.to_string())
        .unwrap_or_else(|| heading_id(&text));
    let id = unique_id(&base, headings);
    let mut inner = String::new();
    pulldown_cmark::html::push_html(&mut inner, open.events.into_iter());
    let level = open.level as u8;
    let mut escaped_id = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped_id, &id);
    let html = format!(r#"<h{level} id="{escaped_id}">{inner}</h{level}>"#);
    headings.push(Heading {
        level,
        text,
        id,
        offset: open.offset,
    });
    Event::Html(html.into())
}

/// Footnotes, numbered in the order they are first referred to and listed at the end of the
/// page under "Sources", each with a link back to where it was referred to.
#[derive(Default)]
struct Footnotes<'a> {
    /// Labels in the order of their first reference.
    order: Vec<String>,
    /// Each definition's label and events, in the order written.
    definitions: Vec<(String, Vec<Event<'a>>)>,
    open: bool,
}

impl<'a> Footnotes<'a> {
    fn open(&mut self, label: String) {
        self.definitions.push((label, Vec::new()));
        self.open = true;
    }

    fn close(&mut self) {
        self.open = false;
    }

    fn collecting(&mut self) -> Option<&mut Vec<Event<'a>>> {
        if !self.open {
            return None;
        }
        self.definitions.last_mut().map(|(_, events)| events)
    }

    /// The superscript number linking to the note.
    fn reference(&mut self, label: &str) -> String {
        let number = match self.order.iter().position(|l| l == label) {
            Some(at) => at + 1,
            None => {
                self.order.push(label.to_string());
                self.order.len()
            }
        };
        let id = escape(&footnote_id(label));
        format!(
            r##"<sup class="footnote-ref"><a id="ref-{id}" href="#{id}">{number}<span class="visually-hidden"> (source)</span></a></sup>"##
        )
    }

    /// Appends the "Sources" list to the page, and its ids to the ids links may point at.
    fn finish(self, rendered: &mut Rendered) {
        if self.definitions.is_empty() {
            return;
        }
        let Footnotes {
            order, definitions, ..
        } = self;
        let mut definitions: Vec<(Option<usize>, String, Vec<Event>)> = definitions
            .into_iter()
            .map(|(label, events)| (order.iter().position(|l| *l == label), label, events))
            .collect();
        definitions.sort_by_key(|(referenced, _, _)| referenced.unwrap_or(usize::MAX));
        let mut html = String::from(
            r#"<section class="footnotes" aria-labelledby="sources"><h2 id="sources">Sources</h2><ol>"#,
        );
        rendered.ids.push("sources".into());
        for (referenced, label, events) in definitions {
            let id = footnote_id(&label);
            let mut note = String::new();
            pulldown_cmark::html::push_html(&mut note, events.into_iter());
            if let Some(number) = referenced {
                let back = format!(
                    r##" <a class="footnote-back" href="#ref-{}">Back to the text<span class="visually-hidden"> at note {}</span></a>"##,
                    escape(&id),
                    number + 1
                );
                note = match note.trim_end().strip_suffix("</p>") {
                    Some(before) => format!("{before}{back}</p>"),
                    None => format!("{note}<p>{back}</p>"),
                };
                rendered.ids.push(format!("ref-{id}"));
            }
            html.push_str(&format!(r#"<li id="{}">{note}</li>"#, escape(&id)));
            rendered.ids.push(id);
        }
        html.push_str("</ol></section>");
        rendered.html.push_str(&html);
    }
}

/// A footnote's id: `note-` and its label made safe for an address.
fn footnote_id(label: &str) -> String {
    format!("note-{}", heading_id(label))
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The heading's text in lower case, every run of other characters one hyphen.
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "section".into()
    } else {
        id.into()
    }
}

fn unique_id(base: &str, taken: &[Heading]) -> String {
    let is_taken = |candidate: &str| taken.iter().any(|h| h.id == candidate);
    if !is_taken(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !is_taken(candidate))
        .expect("an unused id exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Everything;
    impl LinkResolver for Everything {
        fn resolve(&self, dest: &str) -> Result<Option<Resolved>, LinkError> {
            match dest {
                "missing.md" => Err(LinkError {
                    message: "no such page".into(),
                    help: String::new(),
                }),
                "a.md#part" => Ok(Some(Resolved {
                    href: "/a/#part".into(),
                    anchor: Some((3, "part".into())),
                })),
                _ => Ok(None),
            }
        }
    }

    #[test]
    fn own_words_leave_out_every_quote_nested_or_not_and_keep_what_follows() {
        let out = render(
            "Mine first.\n\n> Quoted.\n>\n> > Quoted twice.\n\nMine between.\n\n> Again.\n\nMine last.\n",
            &Everything,
            &HtmlPolicy::default(),
            &NoBlocks,
        );
        assert_eq!(
            out.own_words(),
            "Mine first.\n\nMine between.\n\nMine last.\n\n"
        );
        assert!(out.text.contains("Quoted twice.") && out.text.contains("Again."));
        let plain = render(
            "No quotes.\n",
            &Everything,
            &HtmlPolicy::default(),
            &NoBlocks,
        );
        assert!(matches!(plain.own_words(), Cow::Borrowed("No quotes.\n\n")));
    }

    #[test]
    fn headings_get_unique_ids_and_self_links() {
        let out = render(
            "## Who is at risk?\n\n## Who is at risk?\n",
            &Everything,
            &HtmlPolicy::default(),
            &NoBlocks,
        );
        assert_eq!(out.headings[0].id, "who-is-at-risk");
        assert_eq!(out.headings[1].id, "who-is-at-risk-1");
        assert!(
            out.html
                .contains(r#"<h2 id="who-is-at-risk">Who is at risk?</h2>"#),
            "{}",
            out.html
        );
    }

    #[test]
    fn links_are_rewritten_and_broken_ones_reported_at_their_offset() {
        let out = render(
            "See [a](a.md#part).\n\nAnd [b](missing.md).\n",
            &Everything,
            &HtmlPolicy::default(),
            &NoBlocks,
        );
        assert!(out.html.contains(r#"href="/a/#part""#));
        assert_eq!(out.anchors[0].target, 3);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].offset, 25);
    }

    #[test]
    fn raw_html_is_checked_and_aligned_cells_use_classes() {
        let body = "<div class=\"note\">\n<meta http-equiv=\"refresh\" content=\"0\">\n</div>\n\nSee <span style=\"color:red\">this</span> and [that](javascript:alert(1)).\n\n| a |\n|--:|\n| 1 |\n";
        let out = render(body, &Everything, &HtmlPolicy::default(), &NoBlocks);
        let kinds: Vec<ProblemKind> = out.problems.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ProblemKind::RefusedHtml,
                ProblemKind::ChangedHtml,
                ProblemKind::BrokenLink
            ],
            "{:?}",
            out.problems
        );
        assert!(!out.html.contains("<meta"), "{}", out.html);
        assert!(!out.html.contains("style="), "{}", out.html);
        assert!(!out.html.contains("javascript:"), "{}", out.html);
        assert!(
            out.html.contains(r#"<th class="align-right">a</th>"#),
            "{}",
            out.html
        );
    }

    #[test]
    fn images_need_alt_text_and_tables_scroll() {
        let out = render(
            "![](x.png)\n\n| a |\n|---|\n| 1 |\n",
            &Everything,
            &HtmlPolicy::default(),
            &NoBlocks,
        );
        assert_eq!(out.problems[0].kind, ProblemKind::MissingAltText);
        assert!(out.html.contains(r#"<div class="table-scroll""#));
    }

    #[test]
    fn smart_punctuation() {
        let out = render(
            "It's \"fine\".\n",
            &Everything,
            &HtmlPolicy::default(),
            &NoBlocks,
        );
        assert!(out.html.contains("It’s “fine”."), "{}", out.html);
    }

    #[test]
    fn footnotes_are_numbered_listed_under_sources_and_link_back() {
        let body = "Most[^b] and some[^a].\n\n[^a]: Second.\n\n[^b]: First, [a report](x.md).\n\n[^unused]: Never cited.\n";
        let out = render(body, &Everything, &HtmlPolicy::default(), &NoBlocks);
        let html = &out.html;
        assert!(
            html.contains(r##"<a id="ref-note-b" href="#note-b">1"##),
            "{html}"
        );
        assert!(
            html.contains(r##"<a id="ref-note-a" href="#note-a">2"##),
            "{html}"
        );
        let sources = html
            .find(r#"<h2 id="sources">Sources</h2>"#)
            .expect("a Sources heading");
        let first = html.find(r#"<li id="note-b">"#).unwrap();
        let second = html.find(r#"<li id="note-a">"#).unwrap();
        let unused = html.find(r#"<li id="note-unused">"#).unwrap();
        assert!(
            sources < first && first < second && second < unused,
            "{html}"
        );
        assert!(
            html.contains(r##"<p>Second. <a class="footnote-back" href="#ref-note-a">"##),
            "{html}"
        );
        for id in [
            "note-a",
            "note-b",
            "note-unused",
            "ref-note-a",
            "ref-note-b",
            "sources",
        ] {
            assert!(
                out.ids.iter().any(|known| known == id),
                "{id} in {:?}",
                out.ids
            );
        }
        assert!(!out.ids.iter().any(|known| known == "ref-note-unused"));
    }
}
