//! The one-sentence summary of a chart, written from its numbers: what a screen reader user
//! hears as the chart's description, and what everyone reads under it.

use super::geometry::{self, Direction};
use super::{Chart, Figure};

pub fn sentence(figure: &Figure, chart: Chart) -> String {
    match chart {
        Chart::Village => village(figure),
        Chart::Headline => headline(figure),
        _ if figure.over_time && figure.rows.len() > 1 => trend(figure),
        _ => comparison(figure),
    }
}

fn title(figure: &Figure) -> &str {
    figure.title.trim().trim_end_matches('.')
}

/// "Early help contacts rose from 73 in 2017/18 to 195 in 2019/20, peaking at …".
fn trend(figure: &Figure) -> String {
    let rows = &figure.rows;
    let (first, last) = (&rows[0], &rows[rows.len() - 1]);
    let (from, to) = (figure.show(first.value), figure.show(last.value));
    let movement = if from == to {
        format!("was {to} in both {} and {}", first.label, last.label)
    } else {
        let verb = if last.value > first.value {
            "rose"
        } else {
            "fell"
        };
        format!(
            "{verb} from {from} in {} to {to} in {}",
            first.label, last.label
        )
    };
    let inner = &rows[1..rows.len() - 1];
    let ends_max = first.value.max(last.value);
    let ends_min = first.value.min(last.value);
    let peak = inner.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    let low = inner.iter().min_by(|a, b| a.value.total_cmp(&b.value));
    let turn = match (peak, low) {
        (Some(peak), _) if peak.value > ends_max => {
            format!(", peaking at {} in {}", figure.show(peak.value), peak.label)
        }
        (_, Some(low)) if low.value < ends_min => {
            format!(
                ", with a low of {} in {}",
                figure.show(low.value),
                low.label
            )
        }
        _ => String::new(),
    };
    format!("{} {movement}{turn}.", title(figure))
}

/// "Public attitudes: Agree people should act (94%); Want more information (45%)."; with
/// more than three rows, the highest and the lowest.
fn comparison(figure: &Figure) -> String {
    let part = |row: &super::Row| format!("{} ({})", row.label, figure.show(row.value));
    let rows = &figure.rows;
    if rows.len() <= 3 {
        let parts: Vec<String> = rows.iter().map(part).collect();
        return format!("{}: {}.", title(figure), parts.join("; "));
    }
    let highest = rows.iter().max_by(|a, b| a.value.total_cmp(&b.value));
    let lowest = rows.iter().min_by(|a, b| a.value.total_cmp(&b.value));
    match (highest, lowest) {
        (Some(high), Some(low)) => format!(
            "{}: highest {}, lowest {}, of {} groups.",
            title(figure),
            part(high),
            part(low),
            rows.len()
        ),
        _ => format!("{}.", title(figure)),
    }
}

/// "Early help contacts: 195 in 2023/24, up 33% on 2022/23 (147)."
fn headline(figure: &Figure) -> String {
    let latest = figure.rows.last().expect("a figure has rows");
    let when = if figure.over_time {
        format!("in {}", latest.label)
    } else {
        format!("({})", latest.label)
    };
    let compared = comparison_words(figure)
        .map(|(_, words)| format!(", {words}"))
        .unwrap_or_default();
    format!(
        "{}: {} {when}{compared}.",
        title(figure),
        figure.show(latest.value)
    )
}

/// The latest row against the one before, for figures over time: "up 33% on 2022/23 (147)".
pub fn comparison_words(figure: &Figure) -> Option<(Direction, String)> {
    if !figure.over_time || figure.rows.len() < 2 {
        return None;
    }
    let rows = &figure.rows;
    let (before, latest) = (&rows[rows.len() - 2], &rows[rows.len() - 1]);
    let change = geometry::change(
        before.value,
        latest.value,
        figure.is_percent(),
        figure.decimals,
    );
    let was = format!("{} ({})", before.label, figure.show(before.value));
    let words = match (change.direction, change.amount) {
        (Direction::Same, _) => format!("the same as in {was}"),
        (Direction::Up, Some(amount)) => format!("up {amount} on {was}"),
        (Direction::Down, Some(amount)) => format!("down {amount} on {was}"),
        (Direction::Up, None) => format!("up from {was}"),
        (Direction::Down, None) => format!("down from {was}"),
    };
    Some((change.direction, words))
}

/// The words for each group of a village of 100, then for the rest: "29 on a plan for neglect".
pub fn village_groups(figure: &Figure) -> (Vec<usize>, Vec<String>) {
    let whole = figure.whole.unwrap_or(100.0);
    let values: Vec<f64> = figure.rows.iter().map(|r| r.value).collect();
    let counts = geometry::village_counts(&values, whole);
    let mut words: Vec<String> = figure
        .rows
        .iter()
        .zip(&counts)
        .map(|(row, &count)| {
            let count = if count == 0 && row.value > 0.0 {
                "fewer than 1".to_string()
            } else {
                count.to_string()
            };
            format!("{count} {}", row.label)
        })
        .collect();
    let rest = 100usize.saturating_sub(counts.iter().sum());
    if rest > 0 {
        let label = figure
            .rest
            .clone()
            .unwrap_or_else(|| format!("other {}", figure.unit));
        words.push(format!("{rest} {label}"));
    }
    (counts, words)
}

/// "Out of every 100 children: 10 have experienced neglect, and 90 have not."
fn village(figure: &Figure) -> String {
    let (_, words) = village_groups(figure);
    format!(
        "{}: out of every 100 {}, {}.",
        title(figure),
        figure.unit,
        join_and(&words)
    )
}

/// "a, b and c"
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_figure as figure;
    use super::*;

    #[test]
    fn a_series_over_time_says_where_it_started_and_ended() {
        let f = figure(
            "contacts",
            &[("2017/18", 73.0), ("2018/19", 147.0), ("2019/20", 195.0)],
        );
        assert_eq!(
            sentence(&f, Chart::Column),
            "Early help contacts for neglect rose from 73 in 2017/18 to 195 in 2019/20."
        );
        let f = figure(
            "children",
            &[("2012", 207.0), ("2013", 161.0), ("2014", 202.0)],
        );
        assert_eq!(
            sentence(&f, Chart::Bar),
            "Early help contacts for neglect fell from 207 in 2012 to 202 in 2014, with a low of 161 in 2013."
        );
    }

    #[test]
    fn a_headline_compares_with_the_row_before() {
        let f = figure("contacts", &[("2018/19", 147.0), ("2019/20", 195.0)]);
        assert_eq!(
            sentence(&f, Chart::Headline),
            "Early help contacts for neglect: 195 in 2019/20, up 33% on 2018/19 (147)."
        );
        let f = figure("%", &[("2022/23", 33.0), ("2023/24", 29.0)]);
        assert_eq!(
            sentence(&f, Chart::Headline),
            "Early help contacts for neglect: 29% in 2023/24, down 4 percentage points on 2022/23 (33%)."
        );
    }

    #[test]
    fn a_village_counts_out_of_a_hundred() {
        let mut f = figure("children", &[("on a plan for neglect", 166.0)]);
        f.whole = Some(324.0);
        f.rest = Some("on a plan for another reason".into());
        assert_eq!(
            sentence(&f, Chart::Village),
            "Early help contacts for neglect: out of every 100 children, 51 on a plan for neglect and 49 on a plan for another reason."
        );
    }
}
