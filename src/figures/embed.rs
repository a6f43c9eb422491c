//! A figure placed in a page with a fenced block, checked at build time like a link:
//!
//! ````markdown
//! ```figure
//! data: early-help-contacts
//! chart: column
//! ```
//! ````
//!
//! and the HTML every chart is shown in: its title, the chart, the summary sentence, the
//! numbers as a table (collapsed), and the source.

use std::cell::Cell;
use std::fmt::Write;

use serde::Deserialize;

use super::svg::{self, escape};
use super::{Chart, Figure, Figures, summary};
use crate::content::markdown::{FencedBlocks, Problem, ProblemKind};
use crate::diagnostics::Position;

/// The info string that marks a figure block.
pub const BLOCK: &str = "figure";

/// Renders the page's figure blocks; one per page, so ids are unique within it.
pub struct Embedder<'a> {
    figures: &'a Figures,
    placed: Cell<usize>,
}

impl<'a> Embedder<'a> {
    pub fn new(figures: &'a Figures) -> Self {
        Embedder {
            figures,
            placed: Cell::new(0),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Block {
    #[serde(default)]
    data: Option<String>,
    #[serde(default)]
    chart: Option<String>,
}

impl FencedBlocks for Embedder<'_> {
    fn claims(&self, info: &str) -> bool {
        info.split_whitespace().next() == Some(BLOCK)
    }

    fn render(&self, info: &str, text: &str) -> Result<(String, String), Problem> {
        if info.split_whitespace().nth(1).is_some() {
            return Err(problem(
                0,
                "a figure's settings go on lines inside the block, not after ```figure",
                "write ```figure on its own line, then data: NAME and chart: TYPE on the lines below",
            ));
        }
        let block: Block = crate::yaml::parse(text).map_err(|error| {
            let offset = offset_of_line(text, error.line) + error.column.saturating_sub(1);
            match error.unknown_key {
                Some((key, known)) => problem(
                    offset,
                    format!("unknown figure setting `{key}`"),
                    crate::yaml::unknown_key_help(&key, &known),
                ),
                None => problem(
                    offset,
                    format!("this figure block cannot be read: {}", error.message),
                    "write data: NAME on one line and chart: TYPE on the next",
                ),
            }
        })?;
        let Some(name) = block.data.as_deref().map(str::trim) else {
            return Err(problem(
                0,
                "this figure block does not say which figure to show",
                format!(
                    "add data: NAME, where NAME is a file in data/ without .csv or .yaml; {}",
                    self.known()
                ),
            ));
        };
        let name = name
            .trim_end_matches(".csv")
            .trim_end_matches(".yaml")
            .trim_end_matches(".yml")
            .trim_start_matches("data/");
        let data_at = value_offset(text, "data");
        let Some(figure) = self.figures.get(name) else {
            if self.figures.is_unreadable(name) {
                // Its file's own errors are reported; the build fails on those.
                return Ok((String::new(), String::new()));
            }
            let near = crate::suggest::nearest(name, self.figures.names())
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            return Err(problem(
                data_at,
                format!("there is no figure `{name}` in data/"),
                format!("{near}{}", self.known()),
            ));
        };
        let chart = match block.chart.as_deref() {
            None => figure.chart,
            Some(written) => Chart::parse(written).ok_or_else(|| {
                let found = super::load::unknown_chart(written, Position::new(1, 1));
                problem(value_offset(text, "chart"), found.message, found.help)
            })?,
        };
        if let Some((message, help)) = figure.unsuitable(chart) {
            return Err(problem(value_offset(text, "chart"), message, help));
        }
        self.placed.set(self.placed.get() + 1);
        let id = format!("fig--{}", self.placed.get());
        let html = figure_html(figure, chart, &id, Placement::InPage);
        let words = format!("{}. {}", figure.title, summary::sentence(figure, chart));
        Ok((html, words))
    }
}

impl Embedder<'_> {
    fn known(&self) -> String {
        if self.figures.names().is_empty() {
            "there are no figures yet: add one as data/NAME.csv or data/NAME.yaml (see README, Figures)".into()
        } else {
            format!("the figures are: {}", self.figures.names().join(", "))
        }
    }
}

fn problem(offset: usize, message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem {
        kind: ProblemKind::InvalidBlock,
        offset,
        message: message.into(),
        help: help.into(),
    }
}

/// The byte offset where line `line` (1-based) of `text` starts.
fn offset_of_line(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum()
}

/// The byte offset of the value after `key:` in the block (or of the block's start).
fn value_offset(text: &str, key: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
            let indent = line.len() - trimmed.len();
            let spaces = rest.len() - rest.trim_start().len();
            return offset + indent + key.len() + 1 + spaces;
        }
        offset += line.len();
    }
    0
}

/// Where a figure is shown, which decides what comes with its chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// In a page: the table collapsed, the source and a link to the figure's own page.
    InPage,
    /// On its own page: the table open; the page's template shows the source and downloads.
    OwnPage,
}

/// A figure as HTML: title, chart, summary, table, source. `id` prefixes its ids.
pub fn figure_html(figure: &Figure, chart: Chart, id: &str, placement: Placement) -> String {
    let summary_id = format!("{id}-summary");
    let mut html = String::with_capacity(4096);
    let _ = write!(
        html,
        r#"<figure class="figure figure-{}"><figcaption class="figure-title">{}</figcaption>"#,
        chart.name(),
        escape(&figure.title)
    );
    if figure.illustrative {
        html.push_str(r#"<p class="figure-illustrative">Illustrative: these numbers are made up, to show how the site presents figures.</p>"#);
    }
    html.push_str(&svg::chart(figure, chart, id, &summary_id));
    let _ = write!(
        html,
        r#"<p class="figure-summary" id="{summary_id}">{}</p>"#,
        escape(&summary::sentence(figure, chart))
    );
    html.push_str(&table(figure, id, placement == Placement::OwnPage));
    if placement == Placement::InPage {
        html.push_str(&source(figure));
    }
    html.push_str("</figure>");
    html
}

/// The numbers as a real table, inside a <details> a reader opens, and inside a container
/// that scrolls sideways (from the keyboard too) when long labels make it wider than a phone.
fn table(figure: &Figure, id: &str, open: bool) -> String {
    let caption_id = format!("{id}-table");
    let mut html = format!(
        r#"<details class="figure-data"{}><summary>Show the numbers as a table<span class="visually-hidden">: {}</span></summary><div class="table-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0"><table><caption id="{caption_id}">{}</caption><thead><tr><th scope="col">{}</th><th scope="col" class="num">{}</th></tr></thead><tbody>"#,
        if open { " open" } else { "" },
        escape(&figure.title),
        escape(&figure.title),
        escape(&figure.headings[0]),
        escape(&figure.headings[1]),
    );
    for row in &figure.rows {
        let _ = write!(
            html,
            r#"<tr><th scope="row">{}</th><td class="num">{}</td></tr>"#,
            escape(&row.label),
            escape(&figure.show(row.value))
        );
    }
    html.push_str("</tbody></table></div></details>");
    html
}

/// "Source: NAME (YEAR). Period: …. Last checked 1 October 2026." and a link to the figure's
/// page, then the notes.
fn source(figure: &Figure) -> String {
    let name = escape(&figure.source.name);
    let name = match &figure.source.link {
        Some(link) => format!(r#"<a href="{}">{name}</a>"#, escape(link)),
        None => name,
    };
    let mut html = format!(
        r#"<p class="figure-source">Source: {name} ({}). "#,
        escape(&figure.source.year)
    );
    if let Some(period) = &figure.period {
        let _ = write!(html, "Period: {}. ", escape(period));
    }
    let _ = write!(
        html,
        r#"Last checked {}. <a href="{}">About these figures<span class="visually-hidden">: {}</span></a>"#,
        figure.as_of.long(),
        super::page_url(&figure.name),
        escape(&figure.title)
    );
    html.push_str("</p>");
    if let Some(notes) = &figure.notes {
        let _ = write!(html, r#"<p class="figure-notes">{}</p>"#, escape(notes));
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_after_their_key() {
        let text = "data: early-help\n  chart: bar\n";
        assert_eq!(value_offset(text, "data"), 6);
        assert_eq!(value_offset(text, "chart"), 26);
        assert_eq!(offset_of_line(text, 2), 17);
    }
}
