//! Charts as inline SVG: no script, no style attributes (the stylesheet colours them by
//! class), `role="img"` with a title, and described by the summary printed under it.

use std::fmt::Write;

use super::geometry::{self, Direction, Layout, Text, WIDTH};
use super::{Chart, Figure, summary};

/// One person, in a 20 by 26 box: a head and shoulders.
const PERSON: &str = "M10 0a5 5 0 1 1 0 10a5 5 0 1 1 0-10zM1 26v-6a9 9 0 0 1 18 0v6z";

/// The chart for `figure` drawn as `chart`. `id` prefixes the ids inside it (unique on its
/// page); `described_by` is the id of the summary sentence shown under it.
pub fn chart(figure: &Figure, chart: Chart, id: &str, described_by: &str) -> String {
    let (height, body) = match chart {
        Chart::Column | Chart::Bar => marks(figure, chart),
        Chart::Village => village(figure, id),
        Chart::Headline => headline(figure),
    };
    let mut svg = String::with_capacity(body.len() + 400);
    let _ = write!(
        svg,
        r#"<svg class="chart chart-{kind}" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-size="{font}" role="img" aria-labelledby="{id}-name" aria-describedby="{described_by}" focusable="false"><title id="{id}-name">{noun}: {title}</title>"#,
        kind = chart.name(),
        font = geometry::FONT,
        noun = chart.noun(),
        title = escape(&figure.title),
    );
    svg.push_str(&body);
    svg.push_str("</svg>");
    svg
}

fn marks(figure: &Figure, chart: Chart) -> (f64, String) {
    let labels: Vec<String> = figure.rows.iter().map(|r| r.label.clone()).collect();
    let values: Vec<f64> = figure.rows.iter().map(|r| r.value).collect();
    let shown: Vec<String> = values.iter().map(|v| figure.show(*v)).collect();
    let largest = values.iter().copied().fold(0.0, f64::max);
    let axis = geometry::Axis::for_values(largest, figure.decimals == 0);
    let layout = if chart == Chart::Column {
        geometry::columns(&labels, &values, &shown, axis)
    } else {
        geometry::bars(&labels, &values, &shown, axis)
    };
    let (tick_anchor, label_anchor) = if chart == Chart::Column {
        ("end", "middle")
    } else {
        ("middle", "start")
    };
    let value_anchor = if chart == Chart::Column {
        "middle"
    } else {
        "start"
    };
    let mut out = String::new();
    out.push_str(r#"<g class="chart-grid">"#);
    for [x1, y1, x2, y2] in &layout.grid {
        let _ = write!(out, r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>"#);
    }
    out.push_str("</g>");
    texts(&mut out, "chart-ticks", tick_anchor, layout.ticks.iter());
    out.push_str(r#"<g class="chart-marks">"#);
    for mark in &layout.marks {
        let r = mark.rect;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}"/>"#,
            r.x, r.y, r.width, r.height
        );
    }
    out.push_str("</g>");
    let [x1, y1, x2, y2] = layout.baseline;
    let _ = write!(
        out,
        r#"<line class="chart-axis" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>"#
    );
    texts(
        &mut out,
        "chart-values",
        value_anchor,
        layout.marks.iter().filter_map(|m| m.value.as_ref()),
    );
    texts(&mut out, "chart-labels", label_anchor, labels_of(&layout));
    (layout.height, out)
}

fn labels_of(layout: &Layout) -> impl Iterator<Item = &Text> {
    layout.marks.iter().flat_map(|m| m.label.iter())
}

fn village(figure: &Figure, id: &str) -> (f64, String) {
    let (counts, words) = summary::village_groups(figure);
    let layout = geometry::village(&counts, &words);
    let rest = counts.len();
    let class = |group: usize| {
        if group == rest {
            "chart-rest".to_string()
        } else {
            format!("chart-group-{}", group + 1)
        }
    };
    // One person, and a row of ten of them: a row all of one group is drawn as one <use>.
    let mut out = format!(r#"<defs><path id="{id}-p" d="{PERSON}"/><g id="{id}-r">"#);
    for &(x, _, _) in &layout.icons[..10] {
        let _ = write!(out, r##"<use href="#{id}-p" x="{x}"/>"##);
    }
    out.push_str("</g></defs>");
    for row in layout.icons.chunks(10) {
        let (_, y, group) = row[0];
        if row.len() == 10 && row.iter().all(|icon| icon.2 == group) {
            let _ = write!(
                out,
                r##"<use class="{}" href="#{id}-r" y="{y}"/>"##,
                class(group)
            );
            continue;
        }
        for &(x, y, group) in row {
            let _ = write!(
                out,
                r##"<use class="{}" href="#{id}-p" x="{x}" y="{y}"/>"##,
                class(group)
            );
        }
    }
    for ((x, y, group), lines) in &layout.legend {
        let _ = write!(
            out,
            r##"<use class="{}" href="#{id}-p" x="{x}" y="{y}"/>"##,
            class(*group)
        );
        texts(&mut out, "chart-legend", "start", lines.iter());
    }
    (layout.height, out)
}

fn headline(figure: &Figure) -> (f64, String) {
    let latest = figure.rows.last().expect("a figure has rows");
    let unit = if figure.is_percent() {
        String::new()
    } else {
        format!("{} ", figure.unit)
    };
    let when = if figure.over_time {
        format!("in {}", latest.label)
    } else {
        latest.label.clone()
    };
    let comparison = summary::comparison_words(figure);
    let layout = geometry::headline(
        &figure.show(latest.value),
        &format!("{unit}{when}"),
        comparison.as_ref().map(|(d, w)| (*d, w.as_str())),
    );
    let mut out = String::new();
    texts(&mut out, "chart-big", "start", [&layout.value].into_iter());
    texts(&mut out, "chart-words", "start", layout.lines.iter());
    if let Some((direction, x, y, lines)) = &layout.change {
        out.push_str(&arrow(*direction, *x, *y));
        texts(&mut out, "chart-change", "start", lines.iter());
    }
    (layout.height, out)
}

/// An arrow up or down, or an equals sign, 16 units wide: the words beside it say the same.
fn arrow(direction: Direction, x: f64, y: f64) -> String {
    let d = match direction {
        Direction::Up => format!(
            "M{x} {}L{} {y}L{} {}z",
            y + 14.0,
            x + 8.0,
            x + 16.0,
            y + 14.0
        ),
        Direction::Down => format!("M{x} {y}L{} {y}L{} {}z", x + 16.0, x + 8.0, y + 14.0),
        Direction::Same => format!("M{x} {}h16v3h-16zM{x} {}h16v3h-16z", y + 3.0, y + 9.0),
    };
    format!(r#"<path class="chart-arrow" d="{d}"/>"#)
}

/// A group of text lines sharing a class, an anchor and perhaps a size and weight (set here,
/// beside the geometry that assumes them, rather than in the stylesheet).
fn texts<'a>(out: &mut String, class: &str, anchor: &str, lines: impl Iterator<Item = &'a Text>) {
    let anchor = if anchor == "start" {
        String::new()
    } else {
        format!(r#" text-anchor="{anchor}""#)
    };
    let font = match class {
        "chart-values" => r#" font-weight="700""#.to_string(),
        "chart-big" => format!(r#" font-size="{}" font-weight="700""#, geometry::BIG_FONT),
        "chart-words" | "chart-change" => format!(r#" font-size="{}""#, geometry::WORDS_FONT),
        _ => String::new(),
    };
    let _ = write!(out, r#"<g class="{class}"{anchor}{font}>"#);
    for line in lines {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            line.x,
            line.y,
            escape(&line.text)
        );
    }
    out.push_str("</g>");
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_figure;
    use super::*;

    /// The SVG one element to a line, so a snapshot's diff shows what moved.
    fn drawn(figure: &Figure, kind: Chart) -> String {
        chart(figure, kind, "fig--1", "fig--1-summary").replace("><", ">\n<")
    }

    fn contacts() -> Figure {
        test_figure(
            "contacts",
            &[
                ("2019/20", 73.0),
                ("2020/21", 98.0),
                ("2021/22", 147.0),
                ("2022/23", 171.0),
                ("2023/24", 195.0),
            ],
        )
    }

    #[test]
    fn column_chart() {
        insta::assert_snapshot!(drawn(&contacts(), Chart::Column));
    }

    #[test]
    fn bar_chart_of_groups() {
        let mut figure = test_figure(
            "%",
            &[
                (
                    "Agree people should do something when worried about a child",
                    94.0,
                ),
                ("Want more information on where to get help", 45.0),
            ],
        );
        figure.over_time = false;
        insta::assert_snapshot!(drawn(&figure, Chart::Bar));
    }

    #[test]
    fn village_of_a_hundred() {
        let mut figure = test_figure(
            "children on a plan",
            &[("for neglect", 111.0), ("for emotional abuse", 58.0)],
        );
        figure.whole = Some(214.0);
        figure.rest = Some("for another reason".into());
        figure.over_time = false;
        insta::assert_snapshot!(drawn(&figure, Chart::Village));
    }

    #[test]
    fn headline_with_its_comparison() {
        insta::assert_snapshot!(drawn(&contacts(), Chart::Headline));
    }

    #[test]
    fn charts_have_no_style_attributes_and_escape_their_text() {
        let mut figure = contacts();
        figure.title = "<b>Contacts</b> & \"more\"".into();
        figure.rows[0].label = "<i>2019</i>".into();
        for kind in Chart::ALL {
            let svg = chart(&figure, kind, "fig--1", "s");
            assert!(!svg.contains("style="), "{svg}");
            assert!(!svg.contains("<b>") && !svg.contains("<i>"), "{svg}");
            assert!(svg.contains("&lt;b&gt;Contacts&lt;/b&gt; &amp;"), "{svg}");
        }
    }
}
