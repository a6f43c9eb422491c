//! A figure as CSV, laid out the way a spreadsheet saves one: its settings one to a row
//! (`title,Early help contacts`), a blank row, then the table, starting with its heading row.

use csv::{ReaderBuilder, StringRecord};

use super::load::{Cell, Problem, Raw, SETTINGS};
use crate::diagnostics::Position;

/// A record of a CSV part: its cells (trailing empty ones dropped, as spreadsheets pad rows)
/// with their positions in the file.
struct Record {
    cells: Vec<Cell>,
    line: usize,
}

pub fn read(text: &str) -> (Option<Raw>, Vec<Problem>) {
    let mut found = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let blank = first_blank_line(&lines);
    let settings_end = blank.unwrap_or(lines.len());
    let mut raw = Raw {
        top: Position::new(1, 1),
        ..Raw::default()
    };
    let settings = records(&lines[..settings_end], 0, &mut found);
    let mut table_start = blank.map(|b| b + 1);
    for (index, record) in settings.iter().enumerate() {
        let key = record.cells[0].text.trim();
        let is_setting = SETTINGS.contains(&key);
        let is_table = !is_setting && crate::suggest::nearest(key, SETTINGS).is_none();
        if is_table && index == 0 {
            return (None, vec![no_settings(&record.cells)]);
        }
        if is_table && blank.is_none() {
            found.push(Problem::new(
                record.cells[0].at,
                format!(
                    "the table's heading row `{}` needs a blank row above it",
                    joined(&record.cells)
                ),
                "leave one empty row between the settings and the table, so signpost can tell them apart",
            ));
            table_start = Some(record.line - 1);
            break;
        }
        setting(record, &mut raw, &mut found);
    }
    if let Some(start) = table_start.filter(|&s| s < lines.len()) {
        table(
            records(&lines[start..], start, &mut found),
            &mut raw,
            &mut found,
        );
    }
    if raw.headings.is_none() {
        found.push(Problem::new(
            Position::new(lines.len().max(1), 1),
            "this figure has no table of numbers",
            "after the settings, leave a blank row, then a heading row (e.g. Year,Children) and a row for each number (e.g. 2023/24,195)",
        ));
    }
    (Some(raw), found)
}

/// The first line that is empty (or only commas, as a spreadsheet writes an empty row) and not
/// inside a quoted cell.
fn first_blank_line(lines: &[&str]) -> Option<usize> {
    let mut in_quotes = false;
    for (index, line) in lines.iter().enumerate() {
        if !in_quotes && line.trim().chars().all(|c| c == ',') {
            return Some(index);
        }
        if line.matches('"').count() % 2 == 1 {
            in_quotes = !in_quotes;
        }
    }
    None
}

/// The records of `lines`, which start at line `first` (0-based) of the file.
fn records(lines: &[&str], first: usize, found: &mut Vec<Problem>) -> Vec<Record> {
    let part = lines.join("\n");
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(part.as_bytes());
    let mut out = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = first + record.position().map_or(1, |p| p.line() as usize);
                let columns = field_columns(lines.get(line - first - 1).unwrap_or(&""));
                if let Some(record) = cells(&record, line, &columns) {
                    out.push(record);
                }
            }
            Err(error) => {
                let line = first + error.position().map_or(1, |p| p.line() as usize);
                found.push(Problem::new(
                    Position::new(line, 1),
                    format!("this row cannot be read as CSV: {error}"),
                    "check its quotes: a cell that contains a comma or a quote is written in double quotes, with any quote inside doubled (\"\")",
                ));
            }
        }
    }
    out
}

fn cells(record: &StringRecord, line: usize, columns: &[usize]) -> Option<Record> {
    let mut cells: Vec<Cell> = record
        .iter()
        .enumerate()
        .map(|(index, text)| Cell {
            text: text.to_string(),
            at: Position::new(line, columns.get(index).copied().unwrap_or(1)),
        })
        .collect();
    while cells.last().is_some_and(|c| c.text.trim().is_empty()) {
        cells.pop();
    }
    (!cells.is_empty()).then_some(Record { cells, line })
}

/// The 1-based column where each field of a CSV line starts.
fn field_columns(line: &str) -> Vec<usize> {
    let mut columns = vec![1];
    let mut in_quotes = false;
    for (index, c) in line.chars().enumerate() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => columns.push(index + 2),
            _ => {}
        }
    }
    columns
}

fn setting(record: &Record, raw: &mut Raw, found: &mut Vec<Problem>) {
    let key_cell = &record.cells[0];
    let key = key_cell.text.trim();
    let Some(&known) = SETTINGS.iter().find(|s| **s == key) else {
        let near = crate::suggest::nearest(key, SETTINGS)
            .map(|n| format!("did you mean `{n}`? "))
            .unwrap_or_default();
        found.push(Problem::new(
            key_cell.at,
            format!("unknown setting `{key}`"),
            format!(
                "{near}the settings are: {}; the table follows a blank row",
                SETTINGS.join(", ")
            ),
        ));
        return;
    };
    if record.cells.len() > 2 {
        found.push(Problem::new(
            record.cells[2].at,
            format!("`{key}` has more than one value"),
            "a setting is a name and one value; put a value that contains commas in double quotes: notes,\"Counted in April, May and June\"",
        ));
    }
    let value = record.cells.get(1).cloned().unwrap_or(Cell {
        text: String::new(),
        at: key_cell.at,
    });
    if let Some(first) = raw.settings.insert(known, value) {
        found.push(Problem::new(
            key_cell.at,
            format!("`{key}` is set twice (first on line {})", first.at.line),
            "keep one of them",
        ));
    }
}

fn table(records: Vec<Record>, raw: &mut Raw, found: &mut Vec<Problem>) {
    let mut records = records.into_iter();
    let Some(heading) = records.next() else {
        return;
    };
    let width = heading.cells.len();
    if width != 2 {
        let message = if width < 2 {
            "the table's heading row has one column, but a figure's table has two".to_string()
        } else {
            format!("the table has {width} columns, but a figure's table has two")
        };
        found.push(Problem::new(
            heading.cells[0].at,
            message,
            "one column says what each row is (Year), the other holds its number (Children); put each further column of numbers in a file of its own",
        ));
    }
    let mut cells = heading.cells.into_iter();
    let label = cells.next().expect("a record has a cell");
    let value = cells.next().unwrap_or(Cell {
        text: String::new(),
        at: label.at,
    });
    if label.text.trim().is_empty() || value.text.trim().is_empty() {
        found.push(Problem::new(
            label.at,
            "the table's heading row needs a heading for each column",
            "name both columns, e.g. Year,Children: they become the table's headings",
        ));
    }
    raw.headings = Some([label, value]);
    for record in records {
        if record.cells.len() > 2 && width == 2 {
            found.push(Problem::new(
                record.cells[2].at,
                format!(
                    "this row has {} cells, but the heading row has 2",
                    record.cells.len()
                ),
                "each row is a label and one number; put a label that contains a comma in double quotes: \"Hull, East\",12",
            ));
            continue;
        }
        let mut cells = record.cells.into_iter();
        let label = cells.next().expect("a record has a cell");
        let value = cells.next().unwrap_or(Cell {
            text: String::new(),
            at: Position::new(
                label.at.line,
                label.at.column + label.text.chars().count() + 1,
            ),
        });
        raw.rows.push((label, value));
    }
}

/// A file that starts with its table: one message saying what a figure file looks like.
fn no_settings(cells: &[Cell]) -> Problem {
    Problem::new(
        cells[0].at,
        format!(
            "this file starts with `{}`, not with the figure's settings",
            joined(cells)
        ),
        "start with the settings, one to a row (title, unit, source, source_year, as_of; see README, Figures), then a blank row, then this table",
    )
}

fn joined(cells: &[Cell]) -> String {
    cells
        .iter()
        .map(|c| c.text.trim())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title,Contacts\nunit,contacts\nnotes,\"In April, May\nand June\"\n\nYear,Contacts\n2019/20,73\n2020/21,\"1,234\",,\n";

    #[test]
    fn settings_then_a_blank_row_then_the_table() {
        let (raw, found) = read(GOOD);
        assert!(
            found.is_empty(),
            "{:?}",
            found.iter().map(|p| &p.message).collect::<Vec<_>>()
        );
        let raw = raw.unwrap();
        assert_eq!(raw.settings["notes"].text, "In April, May\nand June");
        assert_eq!(raw.headings.as_ref().unwrap()[1].text, "Contacts");
        assert_eq!(raw.rows.len(), 2);
        let (label, value) = &raw.rows[1];
        assert_eq!(
            (label.text.as_str(), value.text.as_str()),
            ("2020/21", "1,234")
        );
        assert_eq!((value.at.line, value.at.column), (8, 9));
    }

    #[test]
    fn a_table_without_a_blank_row_above_it_is_found_and_named() {
        let (raw, found) = read("title,Contacts\nYear,Contacts\n2019/20,73\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("needs a blank row above it"));
        assert_eq!(found[0].at.line, 2);
        assert_eq!(raw.unwrap().rows.len(), 1);
    }

    #[test]
    fn columns_count_quoted_commas_as_text() {
        assert_eq!(field_columns("a,\"b,c\",d"), vec![1, 3, 9]);
    }
}
