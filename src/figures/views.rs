//! What templates see of the figures (the list on the figures page, one figure's own page),
//! and the figures as open data: JSON and CSV for journalists and professionals.

use serde::Serialize;
use serde_json::json;

use super::embed::{self, Placement};
use super::{API_LIST_PATH, Figure, Figures, csv_url, json_url, page_url, summary};

#[derive(Debug, Serialize)]
pub struct FiguresView {
    /// Every figure, for the list on the figures page.
    pub list: Vec<FigureView>,
    /// On a figure's own page: that figure.
    pub figure: Option<FigureView>,
    /// Every figure's data files, as JSON.
    pub api_url: String,
}

#[derive(Debug, Serialize)]
pub struct FigureView {
    pub name: String,
    pub title: String,
    pub url: String,
    /// The one-sentence summary of the figure's own chart.
    pub summary: String,
    pub source: SourceView,
    pub period: Option<String>,
    /// "1 October 2026"
    pub as_of: String,
    pub notes: Option<String>,
    pub illustrative: bool,
    pub json_url: String,
    pub csv_url: String,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub name: String,
    pub year: String,
    pub link: Option<String>,
}

fn view(figure: &Figure) -> FigureView {
    FigureView {
        name: figure.name.clone(),
        title: figure.title.clone(),
        url: page_url(&figure.name),
        summary: summary::sentence(figure, figure.chart),
        source: SourceView {
            name: figure.source.name.clone(),
            year: figure.source.year.clone(),
            link: figure.source.link.clone(),
        },
        period: figure.period.clone(),
        as_of: figure.as_of.long(),
        notes: figure.notes.clone(),
        illustrative: figure.illustrative,
        json_url: json_url(&figure.name),
        csv_url: csv_url(&figure.name),
    }
}

/// The figures page: every figure, with its source.
pub fn index(figures: &Figures) -> FiguresView {
    FiguresView {
        list: figures.list.iter().map(view).collect(),
        figure: None,
        api_url: API_LIST_PATH.into(),
    }
}

/// A figure's own page: the view, and its chart with the table open as the page's content.
pub fn figure_page(figures: &Figures, index: usize) -> (FiguresView, String) {
    let figure = &figures.list[index];
    let html = embed::figure_html(figure, figure.chart, "fig--1", Placement::OwnPage);
    let view = FiguresView {
        list: Vec::new(),
        figure: Some(view(figure)),
        api_url: API_LIST_PATH.into(),
    };
    (view, html)
}

/// A figure as JSON: its settings, its rows and the summary, with absolute addresses.
pub fn json(figure: &Figure, permalink: impl Fn(&str) -> String) -> serde_json::Value {
    json!({
        "name": figure.name,
        "title": figure.title,
        "unit": figure.unit,
        "summary": summary::sentence(figure, figure.chart),
        "illustrative": figure.illustrative,
        "source": {
            "name": figure.source.name,
            "year": figure.source.year,
            "link": figure.source.link,
        },
        "period": figure.period,
        "as_of": figure.as_of.to_string(),
        "notes": figure.notes,
        "over_time": figure.over_time,
        "whole": figure.whole.map(|w| number(w, figure.decimals)),
        "columns": figure.headings,
        "rows": figure
            .rows
            .iter()
            .map(|r| json!({"label": r.label, "value": number(r.value, figure.decimals)}))
            .collect::<Vec<_>>(),
        "page": permalink(&page_url(&figure.name)),
        "csv": permalink(&csv_url(&figure.name)),
    })
}

/// A whole number as a JSON integer (195, not 195.0); others as written.
fn number(value: f64, decimals: usize) -> serde_json::Value {
    if decimals == 0 && value.fract() == 0.0 && value.abs() < 9e15 {
        json!(value as i64)
    } else {
        json!(super::numbers::round(value, decimals))
    }
}

/// Every figure's name, title and data files.
pub fn list_json(figures: &Figures, permalink: impl Fn(&str) -> String) -> serde_json::Value {
    let figures: Vec<serde_json::Value> = figures
        .list
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "title": f.title,
                "illustrative": f.illustrative,
                "page": permalink(&page_url(&f.name)),
                "json": permalink(&json_url(&f.name)),
                "csv": permalink(&csv_url(&f.name)),
            })
        })
        .collect();
    json!({ "figures": figures })
}

/// A figure's table as plain CSV: the heading row, then one row per label, the numbers
/// without thousands separators so spreadsheets read them as numbers.
pub fn csv(figure: &Figure) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(&figure.headings);
    for row in &figure.rows {
        let value = format!("{:.*}", figure.decimals, row.value);
        let _ = writer.write_record([row.label.as_str(), value.as_str()]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).expect("CSV of UTF-8 text is UTF-8")
}
