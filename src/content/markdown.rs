//! Markdown to HTML with pulldown-cmark: heading ids with self-links, internal links rewritten
//! to URLs through a resolver, and every problem positioned by its byte offset in the body.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use super::fenced::FencedBlocks;
#[cfg(test)]
use super::fenced::NoBlocks;
use super::fenced::OpenBlock;

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
    BrokenLink,
    MissingAltText,
    /// A fenced block claimed by FencedBlocks that could not be rendered (an unknown figure).
    InvalidBlock,
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
    /// The words of the page without markup, paragraphs separated by blank lines: for
    /// readability scores and the search index.
    pub text: String,
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

/// Markdown with no fenced block rendered specially.
#[cfg(test)]
pub fn render(body: &str, resolver: &dyn LinkResolver) -> Rendered {
    render_with_blocks(body, resolver, &NoBlocks)
}

pub fn render_with_blocks(
    body: &str,
    resolver: &dyn LinkResolver,
    blocks: &dyn FencedBlocks,
) -> Rendered {
    let mut rendered = Rendered::default();
    let mut block: Option<OpenBlock> = None;
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut image: Option<OpenImage> = None;
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
                let dest_url = rewrite(&dest_url, range.start, resolver, &mut rendered)
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
                let dest_url = rewrite(&dest_url, range.start, resolver, &mut rendered)
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
                events.push(Event::Html(
                    r#"<div class="table-scroll" role="region" aria-label="Table" tabindex="0">"#
                        .into(),
                ));
                Event::Start(Tag::Table(alignments))
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                Event::Html("</div>".into())
            }
            other => other,
        };
        if let (Some(open), Event::Text(text) | Event::Code(text)) = (&mut image, &event) {
            open.alt.push_str(text);
        }
        collect_text(&event, &mut rendered.text);
        match &mut heading {
            Some(open) => open.events.push(event),
            None => events.push(event),
        }
    }
    pulldown_cmark::html::push_html(&mut rendered.html, events.into_iter());
    // Both strings grew by doubling; at 10,000 pages the slack is tens of megabytes.
    rendered.html.shrink_to_fit();
    rendered.text.shrink_to_fit();
    rendered
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

/// Resolves a destination; returns the new href, or None to keep what was written.
fn rewrite(
    dest: &str,
    offset: usize,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
) -> Option<String> {
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
            if dest.starts_with("https://") || dest.starts_with("http://") {
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

/// Emits `<hN id="…"><a href="#…">…</a></hN>`, so every heading can be linked to.
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
    let has_link = open
        .events
        .iter()
        .any(|event| matches!(event, Event::Start(Tag::Link { .. })));
    let mut inner = String::new();
    pulldown_cmark::html::push_html(&mut inner, open.events.into_iter());
    let level = open.level as u8;
    let mut escaped_id = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped_id, &id);
    let html = if has_link {
        format!(r#"<h{level} id="{escaped_id}">{inner}</h{level}>"#)
    } else {
        format!(
            r##"<h{level} id="{escaped_id}"><a class="heading-link" href="#{escaped_id}">{inner}</a></h{level}>"##
        )
    };
    headings.push(Heading {
        level,
        text,
        id,
        offset: open.offset,
    });
    Event::Html(html.into())
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
    fn headings_get_unique_ids_and_self_links() {
        let out = render("## Who is at risk?\n\n## Who is at risk?\n", &Everything);
        assert_eq!(out.headings[0].id, "who-is-at-risk");
        assert_eq!(out.headings[1].id, "who-is-at-risk-1");
        assert!(out.html.contains(r##"<h2 id="who-is-at-risk"><a class="heading-link" href="#who-is-at-risk">Who is at risk?</a></h2>"##), "{}", out.html);
    }

    #[test]
    fn links_are_rewritten_and_broken_ones_reported_at_their_offset() {
        let out = render("See [a](a.md#part).\n\nAnd [b](missing.md).\n", &Everything);
        assert!(out.html.contains(r#"href="/a/#part""#));
        assert_eq!(out.anchors[0].target, 3);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].offset, 25);
    }

    #[test]
    fn images_need_alt_text_and_tables_scroll() {
        let out = render("![](x.png)\n\n| a |\n|---|\n| 1 |\n", &Everything);
        assert_eq!(out.problems[0].kind, ProblemKind::MissingAltText);
        assert!(out.html.contains(r#"<div class="table-scroll""#));
    }

    #[test]
    fn smart_punctuation_and_footnotes() {
        let out = render("It's \"fine\".[^1]\n\n[^1]: A note.\n", &Everything);
        assert!(out.html.contains("It’s “fine”."), "{}", out.html);
        assert!(out.html.contains("footnote"), "{}", out.html);
    }
}
