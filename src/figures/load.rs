//! Reading data/: each file's settings and rows (from CSV or YAML, see read_csv and read_yaml),
//! checked the same way whichever format they came in, into a Figure.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::Months;

use super::numbers::{self, NumberError};
use super::{Chart, DATA_DIR, Figure, Figures, Row, Source, is_percent_unit};
use super::{read_csv, read_yaml};
use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// The settings a figure file may have, in the order the README lists them.
pub const SETTINGS: [&str; 13] = [
    "title",
    "unit",
    "source",
    "source_year",
    "source_link",
    "period",
    "as_of",
    "notes",
    "illustrative",
    "over_time",
    "whole",
    "rest",
    "chart",
];

const REQUIRED: [&str; 5] = ["title", "unit", "source", "source_year", "as_of"];

/// A problem found while reading a file, before it is tied to the file.
pub struct Problem {
    pub at: Position,
    pub message: String,
    pub help: String,
}

impl Problem {
    pub fn new(at: Position, message: impl Into<String>, help: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
            help: help.into(),
        }
    }
}

/// Text as written in a file, and where.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub at: Position,
}

/// A figure file's contents before checking: the same shape from CSV and from YAML.
#[derive(Debug)]
pub struct Raw {
    /// Settings by their canonical name (`source_year`), as the file wrote them.
    pub settings: HashMap<&'static str, Cell>,
    /// The table's headings, when the file gives them.
    pub headings: Option<[Cell; 2]>,
    /// (label, value) per row.
    pub rows: Vec<(Cell, Cell)>,
    /// Where a missing setting would go (the top of the file, or the `source:` block).
    pub top: Position,
    pub source_block: Option<Position>,
}

impl Default for Raw {
    fn default() -> Self {
        Raw {
            settings: HashMap::new(),
            headings: None,
            rows: Vec::new(),
            top: Position::new(1, 1),
            source_block: None,
        }
    }
}

/// The file format, which decides how settings are written in help texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Yaml,
}

impl Format {
    /// How a setting is written in this format, with an example value.
    pub fn example(self, key: &str) -> String {
        let value = match key {
            "title" => "Children on a child protection plan for neglect",
            "unit" => "children",
            "source" => "Example Borough Children's Services",
            "source_year" => "2024",
            "source_link" => "https://www.example.org.uk/statistics",
            "as_of" => "2026-10-01",
            "illustrative" | "over_time" => "true",
            "whole" => "324",
            "chart" => "column",
            _ => "…",
        };
        match (self, key) {
            (Format::Csv, _) => format!("`{key},{value}`"),
            (Format::Yaml, "source") => format!("`source:` with `name: {value}`"),
            (Format::Yaml, "source_year") => format!("`year: {value}` under `source:`"),
            (Format::Yaml, "source_link") => format!("`link: {value}` under `source:`"),
            (Format::Yaml, _) => format!("`{key}: {value}`"),
        }
    }

    /// The setting's name as this format writes it.
    pub fn key(self, key: &str) -> String {
        match (self, key) {
            (Format::Yaml, "source") => "source: name".into(),
            (Format::Yaml, "source_year") => "source: year".into(),
            (Format::Yaml, "source_link") => "source: link".into(),
            _ => key.into(),
        }
    }
}

/// Every figure in `root/data/`, sorted by name; each file's problems are reported.
pub fn load_all(root: &Path, problems: &mut Diagnostics) -> Figures {
    let mut figures = Figures::default();
    let Ok(entries) = std::fs::read_dir(root.join(DATA_DIR)) else {
        return figures;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| !crate::layout::is_ignored(&entry.file_name()))
        .map(|entry| Path::new(DATA_DIR).join(entry.file_name()))
        .collect();
    files.sort();
    let mut by_name: HashMap<String, PathBuf> = HashMap::new();
    for file in files {
        let Some((name, format)) = figure_file(root, &file, problems) else {
            continue;
        };
        if let Some(first) = by_name.insert(name.clone(), file.clone()) {
            problems.push(
                Diagnostic::error(format!(
                    "this file and {} are both the figure `{name}`",
                    first.display()
                ))
                .in_file(&file)
                .with_help("keep one of them, or rename one: a figure's name is its file name"),
            );
            continue;
        }
        match load_file(root, &file, &name, format) {
            Ok(figure) => figures.list.push(figure),
            Err(found) => {
                problems.extend(found);
                figures.unreadable.insert(name);
            }
        }
    }
    figures.list.sort_by(|a, b| a.name.cmp(&b.name));
    figures
}

/// A file's figure name and format; None (with a message where it helps) for anything else.
fn figure_file(root: &Path, file: &Path, problems: &mut Diagnostics) -> Option<(String, Format)> {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = match extension.as_str() {
        "csv" => Format::Csv,
        "yaml" | "yml" => Format::Yaml,
        "xlsx" | "xls" | "ods" | "numbers" => {
            problems.push(
                Diagnostic::error("a spreadsheet cannot be read as a figure")
                    .in_file(file)
                    .with_help("save it as CSV (File > Save As > CSV UTF-8) in data/, with the figure's settings above its table (see README, Figures)"),
            );
            return None;
        }
        _ => {
            let what = if root.join(file).is_dir() {
                "a folder"
            } else {
                "not a figure"
            };
            problems.push(
                Diagnostic::warning(format!("this is {what}, so it is left out"))
                    .in_file(file)
                    .with_help(
                        "data/ holds one figure per .csv or .yaml file; move other files elsewhere",
                    ),
            );
            return None;
        }
    };
    let name = file.file_stem()?.to_string_lossy().into_owned();
    if !is_name(&name) {
        problems.push(
            Diagnostic::error(format!(
                "the figure name `{name}` cannot be used in a web address"
            ))
            .in_file(file)
            .with_help(format!(
                "rename the file using lower-case letters, digits and hyphens, e.g. {}.{extension}",
                slug::slugify(&name)
            )),
        );
        return None;
    }
    Some((name, format))
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn load_file(
    root: &Path,
    file: &Path,
    name: &str,
    format: Format,
) -> Result<Figure, Vec<Diagnostic>> {
    let text = read_text(root, file).map_err(|problem| vec![problem])?;
    if text.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("this figure's file is empty")
                .in_file(file)
                .with_help("a figure is its settings (title, unit, source, source_year, as_of) then its table; see README, Figures"),
        ]);
    }
    let in_file = |found: Vec<Problem>| -> Vec<Diagnostic> {
        found
            .into_iter()
            .map(|p| {
                Diagnostic::error(p.message)
                    .in_file(file)
                    .at(p.at)
                    .with_help(p.help)
            })
            .collect()
    };
    let (raw, mut found) = match format {
        Format::Csv => read_csv::read(&text),
        Format::Yaml => read_yaml::read(&text),
    };
    let figure = raw.and_then(|raw| check(raw, name, file, format, &mut found));
    match figure {
        Some(figure) if found.is_empty() => Ok(figure),
        _ => Err(in_file(found)),
    }
}

/// The file as text: UTF-8 (a leading byte-order mark, as Excel writes, is dropped).
fn read_text(root: &Path, file: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(root.join(file)).map_err(|error| {
        Diagnostic::error(format!("cannot read this file: {error}")).in_file(file)
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("this file is not UTF-8 text")
            .in_file(file)
            .with_help("save it as UTF-8: in Excel, File > Save As > CSV UTF-8 (Comma delimited)")
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
}

/// Checks a file's settings and rows; None if they cannot make a figure (problems say why).
fn check(
    raw: Raw,
    name: &str,
    file: &Path,
    format: Format,
    found: &mut Vec<Problem>,
) -> Option<Figure> {
    let before = found.len();
    for key in REQUIRED {
        if raw
            .settings
            .get(key)
            .is_none_or(|c| c.text.trim().is_empty())
        {
            let at = match key {
                "source_year" | "source_link" => raw.source_block.unwrap_or(raw.top),
                _ => raw.top,
            };
            found.push(Problem::new(
                at,
                format!("this figure has no `{}`", format.key(key)),
                format!("add {}: {}", format.example(key), required_help(key)),
            ));
        }
    }
    let text = |key: &str| {
        raw.settings
            .get(key)
            .map(|c| c.text.trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let unit = text("unit").unwrap_or_default();
    let percent = is_percent_unit(&unit);
    let as_of = raw.settings.get("as_of").and_then(|cell| {
        let date = Date::parse(&cell.text);
        if date.is_none() && !cell.text.trim().is_empty() {
            found.push(Problem::new(
                cell.at,
                format!("`{}` is not a date", cell.text.trim()),
                "write dates as YYYY-MM-DD, e.g. as_of 2026-10-01 for 1 October 2026",
            ));
        }
        date
    });
    if let Some(cell) = raw.settings.get("source_year")
        && !cell.text.trim().is_empty()
        && !is_year(cell.text.trim())
    {
        found.push(Problem::new(
            cell.at,
            format!("`{}` is not a year", cell.text.trim()),
            "write the year the source published the numbers, e.g. 2024, or a financial year such as 2023/24",
        ));
    }
    let link = text("source_link");
    if let Some(link) = &link
        && !crate::config::is_http_url(link)
    {
        found.push(Problem::new(
            raw.settings["source_link"].at,
            format!("`{link}` is not a web address"),
            "give the full address of the page the numbers come from, starting https://",
        ));
    }
    let illustrative = boolean(&raw, "illustrative", false, found);
    let over_time = boolean(&raw, "over_time", true, found);
    let whole = raw
        .settings
        .get("whole")
        .and_then(|cell| whole(cell, percent, found));
    let chart = raw.settings.get("chart").and_then(|cell| {
        let chart = Chart::parse(&cell.text);
        if chart.is_none() {
            found.push(unknown_chart(&cell.text, cell.at));
        }
        chart
    });
    let (rows, decimals) = rows(&raw, percent, found);
    if found.len() > before {
        return None;
    }
    let default_chart = match (over_time, rows.len()) {
        (_, 1) => Chart::Headline,
        (true, _) => Chart::Column,
        (false, _) => Chart::Bar,
    };
    let figure = Figure {
        name: name.to_string(),
        file: file.to_path_buf(),
        title: text("title")?,
        headings: headings(&raw, over_time, &unit),
        unit,
        source: Source {
            name: text("source")?,
            year: text("source_year")?,
            link,
        },
        period: text("period"),
        as_of: as_of?,
        as_of_at: raw
            .settings
            .get("as_of")
            .map_or(Position::new(1, 1), |cell| cell.at),
        notes: text("notes"),
        illustrative,
        over_time,
        whole,
        rest: text("rest"),
        chart: chart.unwrap_or(default_chart),
        rows,
        decimals,
    };
    if let Some((message, help)) = figure.unsuitable(figure.chart) {
        let at = raw.settings.get("chart").map_or(raw.top, |c| c.at);
        found.push(Problem::new(at, message, help));
        return None;
    }
    Some(figure)
}

fn required_help(key: &str) -> &'static str {
    match key {
        "title" => "what the numbers show, in a few words",
        "unit" => "what each number counts (children, contacts), or % for percentages",
        "source" => "who published the numbers, so readers can check them",
        "source_year" => "the year the source published them",
        _ => "the date you last checked these are the latest numbers available",
    }
}

pub fn unknown_chart(written: &str, at: Position) -> Problem {
    let written = written.trim();
    let near = crate::suggest::nearest(written, Chart::ALL.map(Chart::name))
        .map(|n| format!("did you mean `{n}`? "))
        .unwrap_or_default();
    Problem::new(
        at,
        format!("`{written}` is not a kind of chart"),
        format!("{near}the kinds of chart are: {}", Chart::list()),
    )
}

/// `2024`, or a financial or academic year: `2023/24`, `2023-24`, `2023-2024`.
fn is_year(text: &str) -> bool {
    let four = |s: &str| {
        s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && (1900..=2100).contains(&s.parse::<u32>().unwrap_or(0))
    };
    match text.split_once(['/', '-']) {
        None => four(text),
        Some((first, second)) => {
            four(first)
                && (second.len() == 2 || second.len() == 4)
                && second.bytes().all(|b| b.is_ascii_digit())
        }
    }
}

fn boolean(raw: &Raw, key: &str, default: bool, found: &mut Vec<Problem>) -> bool {
    let Some(cell) = raw.settings.get(key) else {
        return default;
    };
    match cell.text.trim().to_lowercase().as_str() {
        "true" => true,
        "false" => false,
        "" => default,
        other => {
            found.push(Problem::new(
                cell.at,
                format!("`{key}` is `{other}`, but it can only be true or false"),
                format!("write {key} as true or false"),
            ));
            default
        }
    }
}

fn whole(cell: &Cell, percent: bool, found: &mut Vec<Problem>) -> Option<f64> {
    match numbers::parse(&cell.text, percent) {
        Ok(written) if written.value > 0.0 => Some(written.value),
        _ => {
            found.push(Problem::new(
                cell.at,
                format!("`whole` is `{}`, which is not a number above 0", cell.text.trim()),
                "give the total the rows are part of, e.g. whole 324 when 166 of 324 plans are for neglect",
            ));
            None
        }
    }
}

/// The rows, checked: a label, a number that is a number, no label twice. Returns the rows and
/// the most decimals any value was written with.
fn rows(raw: &Raw, percent: bool, found: &mut Vec<Problem>) -> (Vec<Row>, usize) {
    if raw.rows.is_empty() {
        found.push(Problem::new(
            raw.top,
            "this figure has no rows of numbers",
            "add at least one row: a label (such as 2023/24) and a number",
        ));
    }
    let mut rows = Vec::with_capacity(raw.rows.len());
    let mut decimals = 0;
    let mut seen: HashMap<&str, Position> = HashMap::new();
    for (label, value) in &raw.rows {
        let name = label.text.trim();
        if name.is_empty() {
            found.push(Problem::new(
                label.at,
                "this row has no label",
                "start the row with what it counts, such as 2023/24 or Under 5s",
            ));
        } else if let Some(first) = seen.insert(name, label.at) {
            found.push(Problem::new(
                label.at,
                format!(
                    "the label `{name}` is used twice (first on line {})",
                    first.line
                ),
                "give each row its own label, or remove the repeated row",
            ));
        }
        match numbers::parse(&value.text, percent) {
            Ok(written) => {
                decimals = decimals.max(written.decimals);
                rows.push(Row {
                    label: name.to_string(),
                    value: written.value,
                });
            }
            Err(error) => found.push(number_problem(error, name, value)),
        }
    }
    (rows, decimals)
}

fn number_problem(error: NumberError, label: &str, cell: &Cell) -> Problem {
    let written = cell.text.trim();
    let (message, help) = match error {
        NumberError::Empty => (
            format!("the row `{label}` has no number"),
            "write its number, or leave the row out and explain the gap in `notes`".to_string(),
        ),
        NumberError::NotANumber => (
            format!("`{written}` is not a number"),
            "write the number in digits only, e.g. 1234, 1,234 or 12.5 (no words, units or spaces)"
                .to_string(),
        ),
        NumberError::Negative => (
            format!("`{written}` is below zero"),
            "figures count things or give shares, so they are never negative: check the sign"
                .to_string(),
        ),
        NumberError::PercentSign => (
            format!("`{written}` has a % sign, but this figure's unit is not %"),
            "remove the % sign, or set the figure's unit to %".to_string(),
        ),
    };
    Problem::new(cell.at, message, help)
}

/// The table's headings: as the file gives them, or what the rows and the unit are.
fn headings(raw: &Raw, over_time: bool, unit: &str) -> [String; 2] {
    if let Some([label, value]) = &raw.headings {
        return [label.text.trim().to_string(), value.text.trim().to_string()];
    }
    let rows = if over_time { "Period" } else { "Group" };
    let values = if is_percent_unit(unit) {
        "Per cent".to_string()
    } else {
        let mut chars = unit.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_else(|| "Number".into())
    };
    [rows.to_string(), values]
}

/// A figure whose `as_of` is more than `months` before `today` (or after it) is a warning.
pub fn warn_if_stale(figure: &Figure, months: u32, today: Date, problems: &mut Diagnostics) {
    let limit = today.0.checked_sub_months(Months::new(months));
    let warning = if figure.as_of > today {
        Some((
            format!(
                "this figure's as_of date, {}, is in the future",
                figure.as_of.long()
            ),
            "as_of is the date you last checked these were the latest numbers: today or earlier"
                .to_string(),
        ))
    } else if limit.is_some_and(|limit| figure.as_of.0 < limit) {
        Some((
            format!(
                "this figure was last checked on {}, more than {months} months ago",
                figure.as_of.long()
            ),
            "check the numbers are still the latest (or update them), then set as_of to today's date; `figures: stale_after_months:` in site.yaml sets the limit".to_string(),
        ))
    } else {
        None
    };
    if let Some((message, help)) = warning {
        problems.push(
            Diagnostic::warning(message)
                .in_file(&figure.file)
                .at(figure.as_of_at)
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_may_be_calendar_or_financial() {
        for year in ["2024", "2023/24", "2023-24", "2023-2024"] {
            assert!(is_year(year), "{year}");
        }
        for year in ["24", "last year", "2024/5", "1066", "20245"] {
            assert!(!is_year(year), "{year}");
        }
    }
}
