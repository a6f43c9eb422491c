//! Chart geometry: where every bar, icon, tick and label of a chart goes, in SVG user units.
//! Pure arithmetic on a figure's numbers; svg.rs only writes it out.

use super::numbers;

/// Every chart is drawn this wide; it scales to the width of the page, so at 320 px the text
/// is shown at about 0.8 of its size and stays readable.
pub const WIDTH: f64 = 320.0;
/// Sizes of the text a chart writes (the stylesheet sets the same sizes by class).
pub const FONT: f64 = 14.0;
pub const LINE: f64 = 18.0;
/// The most groups a village of 100 can show apart from "the rest".
pub const VILLAGE_GROUPS: usize = 2;

/// An upper estimate of how wide `text` is at `font` size: the widths, in ems, of DejaVu Sans
/// (a wide font, and the one Debian's browsers use), so narrower fonts only leave more room.
pub fn text_width(text: &str, font: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            '0'..='9' => 0.64,
            ' ' | '/' | '.' | ',' | ':' | ';' | '\'' | '(' | ')' | '-' | 'i' | 'j' | 'l' | 't'
            | 'f' | 'r' | 'I' => 0.4,
            'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.98,
            c if c.is_uppercase() => 0.74,
            _ => 0.63,
        })
        .sum();
    ems * font
}

/// A line of text at a point.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// A value axis from 0 to `max` in steps of `step`, both "nice" numbers (1, 2, 2.5 or 5 times
/// a power of ten).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Axis {
    pub max: f64,
    pub step: f64,
}

impl Axis {
    /// An axis for values up to `largest`, with about five ticks. Counts of whole things are
    /// never given fractional ticks.
    pub fn for_values(largest: f64, whole_numbers: bool) -> Axis {
        if largest <= 0.0 {
            return Axis {
                max: 1.0,
                step: 1.0,
            };
        }
        let mut step = nice(largest / 4.0);
        if whole_numbers && step.fract() > 0.0 {
            step = step.floor().max(1.0);
        }
        let max = (largest / step - 1e-9).ceil() * step;
        Axis { max, step }
    }

    pub fn ticks(&self) -> Vec<f64> {
        let count = (self.max / self.step).round() as usize;
        (0..=count)
            .map(|i| numbers::round(i as f64 * self.step, 6))
            .collect()
    }

    /// How many decimals the tick labels need (2.5 needs one).
    pub fn decimals(&self) -> usize {
        (0..6)
            .find(|&d| (numbers::round(self.step, d) - self.step).abs() < 1e-9)
            .unwrap_or(6)
    }

    /// How far along `length` a value lies.
    pub fn scale(&self, value: f64, length: f64) -> f64 {
        value / self.max * length
    }
}

/// The nice number nearest above `x`: 1, 2, 2.5 or 5 times a power of ten.
fn nice(x: f64) -> f64 {
    let power = 10f64.powf(x.log10().floor());
    let fraction = x / power;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|&n| fraction <= n + 1e-9)
        .unwrap_or(10.0);
    nice * power
}

/// Coordinates are written to one decimal place.
pub fn round1(x: f64) -> f64 {
    numbers::round(x, 1)
}

/// Words wrapped into lines at most `max_width` wide at `font` size (a longer word has a line
/// of its own).
pub fn wrap(text: &str, max_width: f64, font: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), font) <= max_width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// One column (or bar) of a chart, its value written at its end, its label below (or above).
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub rect: Rect,
    pub value: Option<Text>,
    pub label: Vec<Text>,
}

/// A column or bar chart: its size, the marks, the axis ticks and where the axis runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub height: f64,
    pub marks: Vec<Mark>,
    /// Each tick's label, at its place on the value axis.
    pub ticks: Vec<Text>,
    /// Grid lines, one per tick: (x1, y1, x2, y2).
    pub grid: Vec<[f64; 4]>,
    /// The axis line the marks stand on.
    pub baseline: [f64; 4],
}

const PLOT_HEIGHT: f64 = 180.0;
const COLUMN_MAX: f64 = 56.0;

/// Vertical columns, left to right in row order, with a value axis on the left.
pub fn columns(labels: &[String], values: &[f64], shown: &[String], axis: Axis) -> Layout {
    let tick_labels: Vec<String> = axis
        .ticks()
        .iter()
        .map(|t| numbers::format(*t, axis.decimals()))
        .collect();
    let widest_tick = tick_labels
        .iter()
        .map(|t| text_width(t, FONT))
        .fold(0.0, f64::max);
    let left = widest_tick + 8.0;
    let slot = (WIDTH - left - 4.0) / values.len().max(1) as f64;
    let top = LINE + 6.0;
    let bottom = top + PLOT_HEIGHT;
    let centre = |index: usize| left + slot * index as f64 + slot / 2.0;
    let room = slot - 4.0;
    let wrapped: Vec<Vec<String>> = labels.iter().map(|l| wrap(l, room, FONT)).collect();
    let fits =
        |lines: &Vec<String>| lines.len() <= 2 && lines.iter().all(|l| text_width(l, FONT) <= room);
    let label_lines: Vec<Vec<String>> = if wrapped.iter().all(fits) {
        wrapped
    } else {
        thinned(labels, centre)
    };
    let values_fit = shown.iter().all(|v| text_width(v, FONT) <= slot);
    let lines_needed = label_lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let marks = values
        .iter()
        .zip(label_lines)
        .enumerate()
        .map(|(index, (&value, lines))| {
            let width = (slot * 0.7).min(COLUMN_MAX);
            let height = axis.scale(value, PLOT_HEIGHT);
            let rect = Rect {
                x: round1(centre(index) - width / 2.0),
                y: round1(bottom - height),
                width: round1(width),
                height: round1(height),
            };
            Mark {
                rect,
                value: values_fit.then(|| Text {
                    x: round1(centre(index)),
                    y: round1(bottom - height - 6.0),
                    text: shown[index].clone(),
                }),
                label: lines
                    .into_iter()
                    .enumerate()
                    .map(|(line, text)| Text {
                        x: round1(within_chart(centre(index), &text)),
                        y: round1(bottom + LINE * (line + 1) as f64),
                        text,
                    })
                    .collect(),
            }
        })
        .collect();
    let (ticks, grid) = axis
        .ticks()
        .iter()
        .zip(tick_labels)
        .map(|(&tick, text)| {
            let y = round1(bottom - axis.scale(tick, PLOT_HEIGHT));
            (
                Text {
                    x: round1(left - 6.0),
                    y: round1(y + FONT * 0.35),
                    text,
                },
                [round1(left), y, WIDTH - 4.0, y],
            )
        })
        .unzip();
    Layout {
        height: round1(bottom + LINE * lines_needed as f64 + 8.0),
        marks,
        ticks,
        grid,
        baseline: [round1(left), bottom, WIDTH - 4.0, bottom],
    }
}

/// Where a line of text centred at `x` must sit so it stays inside the chart.
fn within_chart(x: f64, text: &str) -> f64 {
    let half = text_width(text, FONT) / 2.0;
    x.clamp(half, (WIDTH - half).max(half))
}

/// Column labels too wide for their slots, thinned: from the latest back, each label that
/// does not touch the one after it. The latest is always shown.
fn thinned(labels: &[String], centre: impl Fn(usize) -> f64) -> Vec<Vec<String>> {
    let mut kept = vec![Vec::new(); labels.len()];
    let mut room_until = f64::INFINITY;
    for index in (0..labels.len()).rev() {
        let half = text_width(&labels[index], FONT) / 2.0;
        let x = within_chart(centre(index), &labels[index]);
        if x + half + 4.0 <= room_until {
            kept[index] = vec![labels[index].clone()];
            room_until = x - half;
        }
    }
    kept
}

const BAR_HEIGHT: f64 = 22.0;
const BAR_GAP: f64 = 12.0;

/// Horizontal bars, top to bottom in row order, each with its label above it and its value at
/// its end, and a value axis along the bottom.
pub fn bars(labels: &[String], values: &[f64], shown: &[String], axis: Axis) -> Layout {
    let widest_value = shown
        .iter()
        .map(|v| text_width(v, FONT))
        .fold(0.0, f64::max);
    let plot = WIDTH - widest_value - 12.0;
    // Room for half of the first tick label, "0", centred under the bars' start.
    let left = 6.0;
    let mut y = 0.0;
    let mut marks = Vec::with_capacity(values.len());
    for (index, &value) in values.iter().enumerate() {
        let lines = wrap(&labels[index], WIDTH - left, FONT);
        let label = lines
            .into_iter()
            .map(|text| {
                y += LINE;
                Text {
                    x: left,
                    y: round1(y - 4.0),
                    text,
                }
            })
            .collect();
        let length = axis.scale(value, plot);
        let rect = Rect {
            x: left,
            y: round1(y),
            width: round1(length),
            height: BAR_HEIGHT,
        };
        marks.push(Mark {
            rect,
            value: Some(Text {
                x: round1(left + length + 6.0),
                y: round1(y + BAR_HEIGHT / 2.0 + FONT * 0.35),
                text: shown[index].clone(),
            }),
            label,
        });
        y += BAR_HEIGHT + BAR_GAP;
    }
    let bottom = round1(y - BAR_GAP / 2.0);
    let (ticks, grid) = axis
        .ticks()
        .iter()
        .map(|&tick| {
            let x = round1(left + axis.scale(tick, plot));
            (
                Text {
                    x,
                    y: round1(bottom + LINE),
                    text: numbers::format(tick, axis.decimals()),
                },
                [x, 0.0, x, bottom],
            )
        })
        .unzip();
    Layout {
        height: round1(bottom + LINE + 8.0),
        marks,
        ticks,
        grid,
        baseline: [left, bottom, round1(left + plot), bottom],
    }
}

/// How many of 100 icons each group gets: each group's share of `whole`, rounded by the
/// largest remainder so the icons add up to the rounded total share.
pub fn village_counts(values: &[f64], whole: f64) -> Vec<usize> {
    let shares: Vec<f64> = values.iter().map(|v| v / whole * 100.0).collect();
    let target = numbers::round(shares.iter().sum::<f64>(), 0).min(100.0) as usize;
    let mut counts: Vec<usize> = shares.iter().map(|s| s.floor() as usize).collect();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let remainder = |i: usize| shares[i] - shares[i].floor();
        remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b))
    });
    // The fractions add up to less than one icon per group, so each group gains at most one.
    let missing = target.saturating_sub(counts.iter().sum());
    for &index in order.iter().take(missing) {
        counts[index] += 1;
    }
    counts
}

/// A village of 100: where each icon goes and which group it belongs to (`groups` is "the
/// rest"), and the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct Village {
    pub height: f64,
    /// (x, y, group) of each of the 100 icons, in reading order, group by group.
    pub icons: Vec<(f64, f64, usize)>,
    /// Each group's key: a sample icon and its words.
    pub legend: Vec<((f64, f64, usize), Vec<Text>)>,
}

/// An icon's box, and the grid's pitch.
pub const ICON: (f64, f64) = (20.0, 26.0);
const PITCH: (f64, f64) = (32.0, 34.0);

/// `counts` icons for each group then the rest, ten to a row; `legend` is each group's words
/// (the rest's last).
pub fn village(counts: &[usize], legend: &[String]) -> Village {
    let rest = 100usize.saturating_sub(counts.iter().sum());
    let groups: Vec<usize> = counts
        .iter()
        .enumerate()
        .flat_map(|(group, &n)| std::iter::repeat_n(group, n))
        .chain(std::iter::repeat_n(counts.len(), rest))
        .take(100)
        .collect();
    let left = (WIDTH - PITCH.0 * 10.0) / 2.0 + (PITCH.0 - ICON.0) / 2.0;
    let icons = groups
        .iter()
        .enumerate()
        .map(|(i, &group)| {
            let x = left + PITCH.0 * (i % 10) as f64;
            let y = PITCH.1 * (i / 10) as f64;
            (round1(x), round1(y), group)
        })
        .collect();
    let mut y = PITCH.1 * 10.0 + 8.0;
    let text_left = ICON.0 + 10.0;
    let legend = legend
        .iter()
        .enumerate()
        .map(|(group, words)| {
            let top = y;
            let lines: Vec<Text> = wrap(words, WIDTH - text_left, FONT)
                .into_iter()
                .enumerate()
                .map(|(line, text)| Text {
                    x: text_left,
                    y: round1(top + LINE * (line + 1) as f64),
                    text,
                })
                .collect();
            y += (LINE * lines.len() as f64).max(ICON.1) + 8.0;
            ((0.0, round1(top), group), lines)
        })
        .collect();
    Village {
        height: round1(y),
        icons,
        legend,
    }
}

/// Which way a figure moved since the row before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// The latest value against the one before: "up 33%", or for percentages "up 4 percentage
/// points" (a rise from 25% to 29% is not 4%).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub direction: Direction,
    /// "33%", "4 percentage points"; None for "up from 0" and "the same".
    pub amount: Option<String>,
}

pub fn change(previous: f64, latest: f64, percent_unit: bool, decimals: usize) -> Change {
    let difference = numbers::round(latest, decimals) - numbers::round(previous, decimals);
    let direction = if difference.abs() < 1e-9 {
        Direction::Same
    } else if difference > 0.0 {
        Direction::Up
    } else {
        Direction::Down
    };
    let amount = match direction {
        Direction::Same => None,
        _ if percent_unit => {
            let points = numbers::format(difference.abs(), decimals);
            let noun = if points == "1" {
                "percentage point"
            } else {
                "percentage points"
            };
            Some(format!("{points} {noun}"))
        }
        _ if previous == 0.0 => None,
        _ => {
            let percent = difference.abs() / previous * 100.0;
            let decimals = usize::from(numbers::round(percent, 0) == 0.0);
            Some(format!("{}%", numbers::format(percent, decimals)))
        }
    };
    Change { direction, amount }
}

/// A headline figure: the big number, the words under it, and the comparison line.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline {
    pub height: f64,
    pub value: Text,
    pub lines: Vec<Text>,
    /// Where the arrow goes (its direction) and the comparison's words.
    pub change: Option<(Direction, f64, f64, Vec<Text>)>,
}

pub const BIG_FONT: f64 = 48.0;
/// The size of a headline's words under its number.
pub const WORDS_FONT: f64 = 16.0;

pub fn headline(value: &str, words: &str, comparison: Option<(Direction, &str)>) -> Headline {
    let mut y = BIG_FONT;
    let value = Text {
        x: 0.0,
        y,
        text: value.to_string(),
    };
    y += 8.0;
    let lines = wrap(words, WIDTH, WORDS_FONT)
        .into_iter()
        .map(|text| {
            y += LINE * 1.2;
            Text {
                x: 0.0,
                y: round1(y),
                text,
            }
        })
        .collect();
    let change = comparison.map(|(direction, words)| {
        // The arrow sits beside the first line's letters (its baseline less their height).
        let top = y + LINE * 1.2 + 12.0 - 13.0;
        let lines: Vec<Text> = wrap(words, WIDTH - 24.0, WORDS_FONT)
            .into_iter()
            .map(|text| {
                y += LINE * 1.2;
                Text {
                    x: 24.0,
                    y: round1(y + 12.0),
                    text,
                }
            })
            .collect();
        y += 12.0;
        (direction, 0.0, round1(top), lines)
    });
    Headline {
        height: round1(y + 10.0),
        value,
        lines,
        change,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn axes_end_on_a_nice_number_above_the_largest_value() {
        assert_eq!(
            Axis::for_values(195.0, true),
            Axis {
                max: 200.0,
                step: 50.0
            }
        );
        assert_eq!(
            Axis::for_values(73.0, true),
            Axis {
                max: 80.0,
                step: 20.0
            }
        );
        assert_eq!(
            Axis::for_values(100.0, true),
            Axis {
                max: 100.0,
                step: 25.0
            }
        );
        assert_eq!(
            Axis::for_values(3.0, true),
            Axis {
                max: 3.0,
                step: 1.0
            }
        );
        assert_eq!(Axis::for_values(0.3, false).step, 0.1);
        assert_eq!(
            Axis::for_values(0.0, true),
            Axis {
                max: 1.0,
                step: 1.0
            }
        );
        assert_eq!(
            Axis::for_values(9.0, false).ticks(),
            vec![0.0, 2.5, 5.0, 7.5, 10.0]
        );
        assert_eq!(
            Axis::for_values(9.0, true).ticks(),
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
        );
    }

    #[test]
    fn columns_are_proportional_to_their_values_and_share_a_baseline() {
        let labels = strings(&["2017/18", "2018/19", "2019/20"]);
        let shown = strings(&["73", "147", "195"]);
        let layout = columns(
            &labels,
            &[73.0, 147.0, 195.0],
            &shown,
            Axis::for_values(195.0, true),
        );
        let heights: Vec<f64> = layout.marks.iter().map(|m| m.rect.height).collect();
        // 200 on the axis is the full 180 units of the plot.
        assert_eq!(heights, vec![65.7, 132.3, 175.5]);
        for mark in &layout.marks {
            assert_eq!(round1(mark.rect.y + mark.rect.height), layout.baseline[1]);
        }
        let ticks: Vec<&str> = layout.ticks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(ticks, vec!["0", "50", "100", "150", "200"]);
        assert_eq!(layout.marks[2].value.as_ref().unwrap().text, "195");
        assert_eq!(layout.marks[0].label[0].text, "2017/18");
        assert!(layout.marks.windows(2).all(|w| w[0].rect.x < w[1].rect.x));
    }

    #[test]
    fn crowded_column_labels_are_thinned_but_the_latest_is_always_shown() {
        let labels: Vec<String> = (2001..=2024).map(|y| format!("March {y}")).collect();
        let values: Vec<f64> = (0..24).map(f64::from).collect();
        let shown: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        let layout = columns(&labels, &values, &shown, Axis::for_values(23.0, true));
        let labelled: Vec<usize> = (0..24)
            .filter(|&i| !layout.marks[i].label.is_empty())
            .collect();
        assert!(labelled.len() < 24 && labelled.len() > 2, "{labelled:?}");
        assert_eq!(labelled.last(), Some(&23));
        let positions: Vec<f64> = labelled
            .iter()
            .map(|&i| layout.marks[i].label[0].x)
            .collect();
        let room = positions
            .windows(2)
            .map(|w| w[1] - w[0])
            .fold(f64::MAX, f64::min);
        assert!(
            room >= text_width("March 2001", FONT),
            "labels overlap: {room}"
        );
        let half = text_width("March 2024", FONT) / 2.0;
        assert!(
            positions
                .iter()
                .all(|x| x - half >= -0.1 && x + half <= WIDTH + 0.1),
            "{positions:?}"
        );
    }

    #[test]
    fn bars_are_proportional_and_labels_wrap_within_the_chart() {
        let labels = strings(&[
            "Neglect",
            "Emotional abuse and a much longer label that must wrap onto a second line",
        ]);
        let layout = bars(
            &labels,
            &[29.0, 58.0],
            &strings(&["29%", "58%"]),
            Axis::for_values(58.0, true),
        );
        let (a, b) = (layout.marks[0].rect.width, layout.marks[1].rect.width);
        assert!((b / a - 2.0).abs() < 0.01, "{a} {b}");
        assert_eq!(layout.marks[1].label.len(), 2);
        for text in layout.marks.iter().flat_map(|m| &m.label) {
            assert!(text_width(&text.text, FONT) <= WIDTH, "{}", text.text);
        }
        let last_value = layout.marks[1].value.as_ref().unwrap();
        assert!(last_value.x + text_width(&last_value.text, FONT) <= WIDTH);
    }

    #[test]
    fn a_village_always_has_a_hundred_icons_by_largest_remainder() {
        assert_eq!(village_counts(&[33.3, 33.3, 33.4], 100.0), vec![33, 33, 34]);
        assert_eq!(village_counts(&[166.0], 324.0), vec![51]);
        assert_eq!(village_counts(&[10.0], 100.0), vec![10]);
        assert_eq!(village_counts(&[0.4, 0.4], 100.0), vec![1, 0]);
        let village = village(&[29, 10], &strings(&["a", "b", "rest"]));
        assert_eq!(village.icons.len(), 100);
        assert_eq!(village.icons.iter().filter(|i| i.2 == 0).count(), 29);
        assert_eq!(village.icons.iter().filter(|i| i.2 == 2).count(), 61);
        assert_eq!(village.legend.len(), 3);
    }

    #[test]
    fn changes_are_percentages_of_counts_and_points_of_percentages() {
        let up = change(147.0, 195.0, false, 0);
        assert_eq!(
            (up.direction, up.amount.as_deref()),
            (Direction::Up, Some("33%"))
        );
        let down = change(202.0, 161.0, false, 0);
        assert_eq!(down.amount.as_deref(), Some("20%"));
        assert_eq!(
            change(25.0, 29.0, true, 0).amount.as_deref(),
            Some("4 percentage points")
        );
        assert_eq!(
            change(28.0, 29.0, true, 0).amount.as_deref(),
            Some("1 percentage point")
        );
        assert_eq!(change(100.0, 100.4, false, 0).direction, Direction::Same);
        assert_eq!(
            change(1000.0, 1003.0, false, 0).amount.as_deref(),
            Some("0.3%")
        );
        assert_eq!(change(0.0, 5.0, false, 0).amount, None);
    }
}
