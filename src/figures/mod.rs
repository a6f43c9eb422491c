//! Local figures: one file per figure in data/ (CSV or YAML), validated like every other
//! source, drawn at build time as accessible SVG charts, placed in any page with a
//! ```figure block, and published as pages and as open data (JSON and CSV).

pub mod embed;
mod geometry;
mod load;
mod numbers;
mod read_csv;
mod read_yaml;
mod summary;
mod svg;
pub mod views;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::date::Date;
use crate::diagnostics::Diagnostics;

pub use crate::layout::{FIGURES_DIR as DATA_DIR, FIGURES_PAGE_DIR as PAGE_DIR};
/// The most rows a column or bar chart draws: more cannot be told apart at 320 px.
pub const MAX_CHART_ROWS: usize = 40;
/// Every figure's name, title and data files, as JSON.
pub const API_LIST_PATH: &str = "/api/figures.json";

pub use crate::config::FiguresConfig;

/// One figure: a title, what its numbers count, where they come from, and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The file name without its extension: the figure's id in pages and addresses.
    pub name: String,
    /// Relative to the site root, e.g. `data/early-help-contacts.csv`.
    pub file: PathBuf,
    pub title: String,
    /// What each number counts (`contacts`, `children`), or `%`.
    pub unit: String,
    pub source: Source,
    /// The time the numbers describe, in words: "April 2019 to March 2024".
    pub period: Option<String>,
    /// When the numbers were last checked as the latest available.
    pub as_of: Date,
    /// Where `as_of` is written in the file.
    pub as_of_at: crate::diagnostics::Position,
    pub notes: Option<String>,
    /// Made up for a demonstration site, and shown as such.
    pub illustrative: bool,
    /// The rows are periods in order, oldest first (otherwise groups: areas, ages, types).
    pub over_time: bool,
    /// What the rows are parts of, for a village of 100 (100 when not given).
    pub whole: Option<f64>,
    /// In a village of 100, the words for everyone outside the rows.
    pub rest: Option<String>,
    /// The chart a figure's own page shows.
    pub chart: Chart,
    /// The table's column headings: what the rows are, and what the numbers are.
    pub headings: [String; 2],
    pub rows: Vec<Row>,
    /// The most decimals any value was written with: every value is shown with this many.
    pub decimals: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub name: String,
    /// As written: `2024`, or a financial year such as `2023/24`.
    pub year: String,
    pub link: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub value: f64,
}

/// The kinds of chart a figure can be drawn as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    Column,
    Bar,
    Village,
    Headline,
}

impl Chart {
    pub const ALL: [Chart; 4] = [Chart::Column, Chart::Bar, Chart::Village, Chart::Headline];

    pub fn name(self) -> &'static str {
        match self {
            Chart::Column => "column",
            Chart::Bar => "bar",
            Chart::Village => "village",
            Chart::Headline => "headline",
        }
    }

    pub fn parse(text: &str) -> Option<Chart> {
        Chart::ALL.into_iter().find(|c| c.name() == text.trim())
    }

    /// "column, bar, village, headline", for help texts.
    pub fn list() -> String {
        Chart::ALL.map(Chart::name).join(", ")
    }

    /// What the chart is, for its accessible name: "Column chart".
    fn noun(self) -> &'static str {
        match self {
            Chart::Column => "Column chart",
            Chart::Bar => "Bar chart",
            Chart::Village => "A village of 100",
            Chart::Headline => "Headline figure",
        }
    }
}

impl Figure {
    pub fn is_percent(&self) -> bool {
        is_percent_unit(&self.unit)
    }

    /// A value as the site shows it: `1,234` or `29%`.
    pub fn show(&self, value: f64) -> String {
        let number = numbers::format(value, self.decimals);
        if self.is_percent() {
            format!("{number}%")
        } else {
            number
        }
    }

    /// Why `chart` cannot draw this figure (message, help), if it cannot.
    pub fn unsuitable(&self, chart: Chart) -> Option<(String, String)> {
        let bars = matches!(chart, Chart::Column | Chart::Bar);
        if bars && self.rows.len() > MAX_CHART_ROWS {
            return Some((
                format!(
                    "a {} chart of {} rows cannot be read on a phone; it shows at most {MAX_CHART_ROWS}",
                    chart.name(),
                    self.rows.len()
                ),
                "sum the rows up (by year rather than by month, say), or show the latest with `chart: headline`; every row is still published in the figure's CSV and JSON".into(),
            ));
        }
        if chart != Chart::Village {
            return None;
        }
        let whole = self.whole.unwrap_or(100.0);
        let total: f64 = self.rows.iter().map(|r| r.value).sum();
        if self.rows.len() > geometry::VILLAGE_GROUPS {
            return Some((
                format!(
                    "a village of 100 shows at most {} groups, and `{}` has {} rows",
                    geometry::VILLAGE_GROUPS,
                    self.name,
                    self.rows.len()
                ),
                "use `chart: bar` to compare more groups, or keep the one or two that matter most"
                    .into(),
            ));
        }
        if total > whole + 1e-9 {
            let of = self.whole.map_or("100".to_string(), |w| self.show(w));
            return Some((
                format!(
                    "a village of 100 shows parts of a whole, but `{}`'s rows add up to {}, more than {of}",
                    self.name,
                    self.show(total)
                ),
                "give the figure a `whole:` (the total its rows are part of), or use `chart: column` or `chart: bar`".into(),
            ));
        }
        None
    }
}

pub fn is_percent_unit(unit: &str) -> bool {
    let unit = unit.trim();
    unit == "%" || unit.eq_ignore_ascii_case("per cent") || unit.eq_ignore_ascii_case("percent")
}

/// Every figure that loaded, by name; and the names of those that did not (already reported,
/// so pages placing them are not reported again).
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub list: Vec<Figure>,
    unreadable: HashSet<String>,
}

impl Figures {
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, name: &str) -> Option<&Figure> {
        self.list.iter().find(|f| f.name == name)
    }

    /// Every figure's name, those whose files have errors too, in order.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.list.iter().map(|f| f.name.as_str()).collect();
        names.extend(self.unreadable.iter().map(String::as_str));
        names.sort_unstable();
        names
    }

    pub fn is_unreadable(&self, name: &str) -> bool {
        self.unreadable.contains(name)
    }
}

/// Loads every figure in `root/data/`; a site without the folder has none.
pub fn load(root: &Path, problems: &mut Diagnostics) -> Figures {
    load::load_all(root, problems)
}

/// Every figure whose `as_of` is more than the site's limit before `today` (or after it) is a
/// warning.
pub fn warn_if_stale(
    figures: &Figures,
    config: &FiguresConfig,
    today: Date,
    problems: &mut Diagnostics,
) {
    for figure in &figures.list {
        load::warn_if_stale(figure, config.stale_after_months, today, problems);
    }
}

/// `/figures/early-help-contacts/`
pub fn page_url(name: &str) -> String {
    format!("/{PAGE_DIR}/{name}/")
}

/// `/api/figures/early-help-contacts.json`
pub fn json_url(name: &str) -> String {
    format!("/api/figures/{name}.json")
}

/// `/api/figures/early-help-contacts.csv`
pub fn csv_url(name: &str) -> String {
    format!("/api/figures/{name}.csv")
}

/// A figure for unit tests: "Early help contacts for neglect", over time, with these rows.
#[cfg(test)]
pub fn test_figure(unit: &str, rows: &[(&str, f64)]) -> Figure {
    Figure {
        name: "contacts".into(),
        file: "data/contacts.csv".into(),
        title: "Early help contacts for neglect".into(),
        unit: unit.into(),
        source: Source {
            name: "Council".into(),
            year: "2024".into(),
            link: None,
        },
        period: None,
        as_of: Date::parse("2026-01-01").expect("a date"),
        as_of_at: crate::diagnostics::Position::new(1, 1),
        notes: None,
        illustrative: false,
        over_time: true,
        whole: None,
        rest: None,
        chart: Chart::Column,
        headings: ["Year".into(), "Contacts".into()],
        rows: rows
            .iter()
            .map(|(label, value)| Row {
                label: label.to_string(),
                value: *value,
            })
            .collect(),
        decimals: 0,
    }
}
