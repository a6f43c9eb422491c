//! A Markdown table in a scroll container of its own: on a phone a wide table scrolls
//! sideways inside the page (from the keyboard too), not the page itself. The container is a
//! region named by the table's caption, written as a paragraph `Table: …` straight above the
//! table, which stays outside the scrolling part; without one, by the heading above it.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::markdown::Heading;

const CAPTION_PREFIX: &str = "Table: ";

/// The HTML that opens table `number` (from 1) of a page. A caption paragraph just written
/// (the last of `events`) is taken out of `events` and shown above the container instead.
pub fn opening(events: &mut Vec<Event>, headings: &[Heading], number: usize) -> String {
    if let Some(caption) = take_caption(events) {
        let id = format!("table-{number}-caption");
        return format!(
            r#"<p class="table-caption" id="{id}">{}</p><div class="table-scroll" role="region" aria-labelledby="{id}" tabindex="0">"#,
            escape(&caption)
        );
    }
    let name = match headings.last() {
        Some(heading) => format!("Table: {}", heading.text),
        None => "Table".to_string(),
    };
    format!(
        r#"<div class="table-scroll" role="region" aria-label="{}" tabindex="0">"#,
        escape(&name)
    )
}

pub const CLOSING: &str = "</div>";

/// The caption's words, if `events` ends with a paragraph of plain text starting `Table: `.
fn take_caption(events: &mut Vec<Event>) -> Option<String> {
    if !matches!(events.last(), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let start = events
        .iter()
        .rposition(|e| matches!(e, Event::Start(Tag::Paragraph)))?;
    let mut words = String::new();
    for event in &events[start + 1..events.len() - 1] {
        match event {
            Event::Text(text) => words.push_str(text),
            Event::SoftBreak => words.push(' '),
            _ => return None,
        }
    }
    let caption = words.strip_prefix(CAPTION_PREFIX)?.trim().to_string();
    events.truncate(start);
    Some(caption)
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}
