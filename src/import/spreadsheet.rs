//! `signpost import csv FILE`: services from a spreadsheet saved as CSV, one row per service,
//! its columns named after the ORUK fields. Every cell is checked as a service file is, and
//! each mistake names its row and column; a spreadsheet with mistakes writes nothing.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::date::Date;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::directory::oruk::MAX_ID_LEN;
use crate::directory::service::{
    Access, Accessibility, AccessibilityFeature, Address, AttendingType, CostOption, LocalOffer,
    Location, Organization, Phone, SendNeed, Service, ServiceAtLocation, Status,
};
use crate::directory::validate;
use crate::hours;

/// A column of the template.
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    /// What goes in it, for the README and the template.
    pub help: &'static str,
    pub example: &'static str,
}

const fn column(
    name: &'static str,
    required: bool,
    help: &'static str,
    example: &'static str,
) -> Column {
    Column {
        name,
        required,
        help,
        example,
    }
}

/// Every column the import reads, in the template's order.
pub const COLUMNS: [Column; 31] = [
    column(
        "id",
        false,
        "lower-case letters, digits and hyphens; it names the file and the page (blank: made from the name)",
        "baby-and-me-eastfield",
    ),
    column(
        "name",
        true,
        "the service's name",
        "Baby and Me stay and play",
    ),
    column(
        "description",
        true,
        "what it offers, in plain English",
        "A relaxed weekly group for parents and carers with babies.",
    ),
    column(
        "organization_name",
        true,
        "who runs it",
        "Eastfield Community Association",
    ),
    column(
        "organization_website",
        false,
        "their website, starting https://",
        "https://example.org/eastfield",
    ),
    column(
        "status",
        false,
        "active, inactive, defunct or temporarily closed (blank: active)",
        "active",
    ),
    column(
        "url",
        false,
        "the service's own web page",
        "https://example.org/eastfield/baby-and-me",
    ),
    column("email", false, "an email address", "babyandme@example.org"),
    column(
        "phones",
        false,
        "UK numbers, separated by ;",
        "07700 900 112",
    ),
    column("minimum_age", false, "youngest age in years", "0"),
    column("maximum_age", false, "oldest age in years", "4"),
    column(
        "categories",
        true,
        "category ids from directory_data/categories.yaml, separated by ;",
        "parenting; family-support",
    ),
    column(
        "cost_amount",
        false,
        "the cost in pounds (blank or 0: free)",
        "2.00",
    ),
    column(
        "cost_description",
        false,
        "what the cost is for",
        "Per family, per session",
    ),
    column(
        "attending_type",
        false,
        "venue, phone, online, home-visit, separated by ;",
        "venue",
    ),
    column(
        "access",
        false,
        "self-referral, professional-referral, drop-in, appointment, separated by ;",
        "self-referral; drop-in",
    ),
    column(
        "application_process",
        false,
        "how to get help from it",
        "Just come along on a Wednesday morning.",
    ),
    column(
        "location_name",
        false,
        "where it happens (blank: the first line of the address)",
        "Eastfield Community Centre",
    ),
    column(
        "address_1",
        false,
        "the first line of the address",
        "40 Orchard Lane",
    ),
    column("address_2", false, "the second line", "Eastfield"),
    column("city", false, "the town or city", "Example Town"),
    column("postal_code", false, "a full UK postcode", "EB3 4QT"),
    column(
        "latitude",
        false,
        "the place's latitude, for distance",
        "53.0296",
    ),
    column("longitude", false, "the place's longitude", "-2.1224"),
    column(
        "accessibility",
        false,
        "step-free, accessible-toilet, hearing-loop, quiet-space, accessible-parking, baby-changing, separated by ;",
        "step-free; accessible-toilet",
    ),
    column(
        "accessibility_description",
        false,
        "access at the place, in your words",
        "Ramp at the side entrance.",
    ),
    column(
        "schedules",
        false,
        "days then times, parts separated by ;",
        "Wed 10:00-11:30; Sat 10am-12pm",
    ),
    column(
        "languages",
        false,
        "languages spoken, separated by ;",
        "English; Polish",
    ),
    column(
        "send_needs",
        false,
        "communication-and-interaction, cognition-and-learning, social-emotional-and-mental-health, sensory-and-physical, separated by ;",
        "communication-and-interaction",
    ),
    column(
        "assured_date",
        true,
        "when the listing was last checked, YYYY-MM-DD",
        "2026-05-20",
    ),
    column(
        "assurer_email",
        false,
        "who checked it",
        "directory@example.org",
    ),
];

/// The template: the header row and one example row, as a spreadsheet opens it.
pub fn template() -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS.iter().map(|c| c.name));
    let _ = writer.write_record(COLUMNS.iter().map(|c| c.example));
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A service read from a row, and the row's number as a spreadsheet shows it (the header is
/// row 1).
pub struct Row {
    pub service: Service,
    pub row: usize,
}

/// Reads every row of the CSV at `path` (shown as `shown` in messages), checking each against
/// the site's categories. Err lists every mistake in the file.
pub fn read(path: &Path, shown: &Path, category_ids: &[&str]) -> Result<Vec<Row>, Diagnostics> {
    let problem = |message: String, help: &str| {
        Diagnostics::from_iter([Diagnostic::error(message)
            .in_file(shown)
            .with_help(help.to_string())])
    };
    let bytes = std::fs::read(path).map_err(|error| {
        problem(
            format!("cannot read this file: {error}"),
            "check the path to the spreadsheet",
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        problem(
            "this file is not UTF-8 text".into(),
            "in Excel, save it with \"Save as\" and the type \"CSV UTF-8 (Comma delimited)\"",
        )
    })?;
    let sheet = Sheet {
        text: &text,
        file: shown,
    };
    sheet.rows(category_ids)
}

struct Sheet<'a> {
    text: &'a str,
    file: &'a Path,
}

/// One cell's place: its row as a spreadsheet numbers it, its byte offset in the file, and
/// its column.
struct Cell<'a> {
    row: usize,
    offset: usize,
    column: &'a str,
}

impl Sheet<'_> {
    fn at(&self, cell: &Cell, message: String, help: &str) -> Diagnostic {
        Diagnostic::error(format!(
            "row {}, column {}: {message}",
            cell.row, cell.column
        ))
        .in_file(self.file)
        .at(Position::of_offset(self.text, cell.offset))
        .with_help(help.to_string())
    }

    fn rows(&self, category_ids: &[&str]) -> Result<Vec<Row>, Diagnostics> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut problems = Diagnostics::default();
        let headers = match reader.headers() {
            Ok(headers) => headers.clone(),
            Err(error) => {
                problems.push(
                    Diagnostic::error(format!("the header row cannot be read: {error}"))
                        .in_file(self.file),
                );
                return Err(problems);
            }
        };
        let columns = self.columns(&headers, &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        let mut rows: Vec<Row> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        for record in reader.records() {
            let record = match record {
                Ok(record) => record,
                Err(error) => {
                    let (row, line) = error
                        .position()
                        .map_or((1, 1), |p| (p.record() as usize + 1, p.line() as usize));
                    problems.push(
                        Diagnostic::error(format!("row {row} cannot be read: {error}"))
                            .in_file(self.file)
                            .at(Position::new(line, 1))
                            .with_help("check the row's quotes: a cell with a comma or a line break is written in double quotes"),
                    );
                    continue;
                }
            };
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            let position = record
                .position()
                .expect("records read from text have positions");
            let (row, start) = (position.record() as usize + 1, position.byte() as usize);
            let offsets = field_offsets(self.text, start);
            let reader = RowReader {
                sheet: self,
                record: &record,
                columns: &columns,
                offsets: &offsets,
                row,
                start,
            };
            let Some(service) = reader.service(category_ids, &mut problems) else {
                continue;
            };
            if let Some(first) = ids.insert(service.id.clone(), row) {
                let cell = reader.cell("id");
                problems.push(self.at(
                    &cell,
                    format!("the id `{}` is also row {first}'s", service.id),
                    "give each service its own id (or leave id blank to make one from the name)",
                ));
                continue;
            }
            rows.push(Row { service, row });
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(rows)
    }

    /// Each known column's index, reporting unknown and missing ones.
    fn columns(
        &self,
        headers: &csv::StringRecord,
        problems: &mut Diagnostics,
    ) -> HashMap<&'static str, usize> {
        let known: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
        let mut found = HashMap::new();
        let offsets = field_offsets(self.text, 0);
        for (index, header) in headers.iter().enumerate() {
            let name = header
                .trim()
                .trim_start_matches('\u{feff}')
                .to_ascii_lowercase();
            match COLUMNS.iter().find(|c| c.name == name) {
                Some(column) => {
                    found.insert(column.name, index);
                }
                None if name.is_empty() => {}
                None => {
                    let near = crate::suggest::nearest(&name, known.iter().copied())
                        .map(|n| format!("did you mean `{n}`? "))
                        .unwrap_or_default();
                    problems.push(
                        Diagnostic::error(format!("`{header}` is not a column signpost knows"))
                            .in_file(self.file)
                            .at(Position::of_offset(self.text, offsets.get(index).copied().unwrap_or(0)))
                            .with_help(format!("{near}the columns are: {} (see README.md, \"Import from a spreadsheet\")", known.join(", "))),
                    );
                }
            }
        }
        for column in COLUMNS
            .iter()
            .filter(|c| c.required && !found.contains_key(c.name))
        {
            problems.push(
                Diagnostic::error(format!("there is no `{}` column", column.name))
                    .in_file(self.file)
                    .at(Position::new(1, 1))
                    .with_help(format!(
                        "add a column headed `{}`: {}",
                        column.name, column.help
                    )),
            );
        }
        found
    }
}

/// The byte offset of each field of the record starting at `start`, as written (quotes and all).
fn field_offsets(text: &str, start: usize) -> Vec<usize> {
    let mut offsets = vec![start];
    let mut quoted = false;
    for (at, byte) in text.as_bytes()[start.min(text.len())..].iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b',' if !quoted => offsets.push(start + at + 1),
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
    }
    offsets
}

struct RowReader<'a> {
    sheet: &'a Sheet<'a>,
    record: &'a csv::StringRecord,
    columns: &'a HashMap<&'static str, usize>,
    offsets: &'a [usize],
    row: usize,
    start: usize,
}

impl RowReader<'_> {
    fn cell(&self, column: &'static str) -> Cell<'static> {
        let offset = self
            .columns
            .get(column)
            .and_then(|&i| self.offsets.get(i))
            .copied()
            .unwrap_or(self.start);
        Cell {
            row: self.row,
            offset,
            column,
        }
    }

    fn text(&self, column: &str) -> Option<String> {
        let index = *self.columns.get(column)?;
        self.record
            .get(index)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.text(column)
            .map(|text| {
                text.split([';', ','])
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn report(
        &self,
        problems: &mut Diagnostics,
        column: &'static str,
        message: String,
        help: &str,
    ) {
        problems.push(self.sheet.at(&self.cell(column), message, help));
    }

    fn required(&self, column: &'static str, problems: &mut Diagnostics) -> String {
        self.text(column).unwrap_or_else(|| {
            let help = COLUMNS
                .iter()
                .find(|c| c.name == column)
                .map_or("", |c| c.help);
            self.report(problems, column, format!("`{column}` is empty"), help);
            String::new()
        })
    }

    fn number<T: std::str::FromStr>(
        &self,
        column: &'static str,
        problems: &mut Diagnostics,
        what: &str,
    ) -> Option<T> {
        let text = self.text(column)?;
        let cleaned = text.trim_start_matches('£').replace(',', "");
        cleaned
            .parse()
            .map_err(|_| self.report(problems, column, format!("`{text}` is not {what}"), what))
            .ok()
    }

    /// A list of kebab-case values of `T`, each checked against `valid`.
    fn choices<T: DeserializeOwned>(
        &self,
        column: &'static str,
        valid: &str,
        problems: &mut Diagnostics,
    ) -> Vec<T> {
        self.list(column)
            .into_iter()
            .filter_map(|value| {
                let id = value.to_ascii_lowercase().replace(' ', "-");
                serde_json::from_value(serde_json::Value::String(id))
                    .map_err(|_| {
                        self.report(
                            problems,
                            column,
                            format!("`{value}` is not one of the choices"),
                            &format!("write {valid}, separated by ;"),
                        )
                    })
                    .ok()
            })
            .collect()
    }

    fn service(&self, category_ids: &[&str], problems: &mut Diagnostics) -> Option<Service> {
        let before = problems.error_count();
        let name = self.required("name", problems);
        let id = match self.text("id") {
            Some(id) => id,
            None => slug::slugify(&name),
        };
        if !validate::is_id(&id) || id.len() > MAX_ID_LEN {
            self.report(problems, "id", format!("`{id}` cannot name a file and a web address"), &format!("use lower-case letters, digits and hyphens, at most {MAX_ID_LEN} of them, e.g. north-family-hub"));
        }
        let status = match self.text("status").map(|s| s.to_ascii_lowercase()) {
            None => Status::Active,
            Some(text) => serde_json::from_value(serde_json::Value::String(text.clone()))
                .map_err(|_| {
                    self.report(
                        problems,
                        "status",
                        format!("`{text}` is not a status"),
                        "write active, inactive, defunct or temporarily closed",
                    )
                })
                .unwrap_or(Status::Active),
        };
        let assured_date = match self.text("assured_date") {
            None => {
                self.report(
                    problems,
                    "assured_date",
                    "`assured_date` is empty".into(),
                    "write the date the listing was last checked, as YYYY-MM-DD",
                );
                None
            }
            Some(text) => Date::parse(&text).or_else(|| {
                self.report(
                    problems,
                    "assured_date",
                    format!("`{text}` is not a date"),
                    "write dates as YYYY-MM-DD, e.g. 2026-05-20",
                );
                None
            }),
        };
        let amount: Option<f64> =
            self.number("cost_amount", problems, "an amount in pounds, such as 2.50");
        let cost_description = self.text("cost_description");
        let cost_options = match (amount, &cost_description) {
            (None, None) => Vec::new(),
            _ => vec![CostOption {
                option: cost_description,
                amount,
                currency: amount.map(|_| "GBP".to_string()),
                amount_description: None,
            }],
        };
        let schedules = match self.text("schedules").map(|t| hours::parse_text(&t)) {
            None => Vec::new(),
            Some(Ok(schedules)) => schedules,
            Some(Err(why)) => {
                self.report(problems, "schedules", why, "write days then times, parts separated by ;, e.g. Mon-Fri 09:00-17:00; Sat 10am-12pm");
                Vec::new()
            }
        };
        let location = self.location(problems);
        let (service_schedules, service_at_locations) = match location {
            Some(location) => (
                Vec::new(),
                vec![ServiceAtLocation {
                    location,
                    schedules,
                }],
            ),
            None => (schedules, Vec::new()),
        };
        let needs: Vec<SendNeed> = self.choices("send_needs", "communication-and-interaction, cognition-and-learning, social-emotional-and-mental-health, sensory-and-physical", problems);
        let service = Service {
            id,
            name: name.clone(),
            description: self.required("description", problems),
            summary: None,
            audience: Vec::new(),
            illustrative: false,
            organization: Organization {
                name: self.required("organization_name", problems),
                website: self.text("organization_website"),
            },
            status,
            url: self.text("url"),
            email: self.text("email"),
            phones: self
                .list("phones")
                .into_iter()
                .map(|number| Phone {
                    number,
                    kind: None,
                    description: None,
                })
                .collect(),
            minimum_age: self.number("minimum_age", problems, "an age in whole years"),
            maximum_age: self.number("maximum_age", problems, "an age in whole years"),
            categories: self.list("categories"),
            cost_options,
            attending_type: self.choices::<AttendingType>(
                "attending_type",
                "venue, phone, online or home-visit",
                problems,
            ),
            access: self.choices::<Access>(
                "access",
                "self-referral, professional-referral, drop-in or appointment",
                problems,
            ),
            application_process: self.text("application_process"),
            service_at_locations,
            schedules: service_schedules,
            languages: self.list("languages"),
            send_local_offer: (!needs.is_empty()).then(|| LocalOffer {
                needs,
                answers: Vec::new(),
            }),
            assured_date: assured_date.unwrap_or(Date(chrono::NaiveDate::MIN)),
            assurer_email: self.text("assurer_email"),
        };
        for problem in validate::check_service(&service, category_ids) {
            let column = column_of(problem.key);
            if problem.key == "name" && service.name.is_empty() {
                continue; // already reported as an empty cell
            }
            let help = if problem.key == "categories" {
                format!(
                    "the categories in directory_data/categories.yaml: {}",
                    category_ids.join(", ")
                )
            } else {
                problem.help.to_string()
            };
            self.report(problems, column, problem.message, &help);
        }
        (problems.error_count() == before).then_some(service)
    }

    fn location(&self, problems: &mut Diagnostics) -> Option<Location> {
        let fields = [
            "location_name",
            "address_1",
            "address_2",
            "city",
            "postal_code",
            "latitude",
            "longitude",
            "accessibility",
            "accessibility_description",
        ];
        if fields.iter().all(|f| self.text(f).is_none()) {
            return None;
        }
        let address_given = ["address_1", "address_2", "city", "postal_code"]
            .iter()
            .any(|f| self.text(f).is_some());
        let addresses = if address_given {
            for part in ["address_1", "city", "postal_code"] {
                if self.text(part).is_none() {
                    self.report(
                        problems,
                        part,
                        format!("`{part}` is empty, but the row has an address"),
                        "an address needs address_1, city and postal_code",
                    );
                }
            }
            vec![Address {
                address_1: self.text("address_1").unwrap_or_default(),
                address_2: self.text("address_2"),
                city: self.text("city").unwrap_or_default(),
                postal_code: self.text("postal_code").unwrap_or_default(),
                country: Some("GB".into()),
            }]
        } else {
            Vec::new()
        };
        let features: Vec<AccessibilityFeature> = self.choices("accessibility", "step-free, accessible-toilet, hearing-loop, quiet-space, accessible-parking or baby-changing", problems);
        let mut accessibility: Vec<Accessibility> = features
            .into_iter()
            .map(|feature| Accessibility {
                feature: Some(feature),
                description: None,
            })
            .collect();
        if let Some(description) = self.text("accessibility_description") {
            accessibility.push(Accessibility {
                feature: None,
                description: Some(description),
            });
        }
        let name = self
            .text("location_name")
            .or_else(|| self.text("address_1"));
        let name = name.unwrap_or_else(|| {
            self.report(
                problems,
                "location_name",
                "the row has a place but no `location_name` or `address_1`".into(),
                "name the place, or give its address",
            );
            String::new()
        });
        Some(Location {
            name,
            addresses,
            latitude: self.number("latitude", problems, "a latitude, such as 53.03"),
            longitude: self.number("longitude", problems, "a longitude, such as -2.12"),
            accessibility,
        })
    }
}

/// The column holding the field a service check names.
fn column_of(key: &str) -> &'static str {
    match key {
        "website" => "organization_website",
        "number" => "phones",
        "byday" | "opens_at" | "closes_at" => "schedules",
        "send_local_offer" => "send_needs",
        other => COLUMNS
            .iter()
            .find(|c| c.name == other)
            .map_or("id", |c| c.name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_found_where_they_are_written() {
        let text = "a,b,c\n1,\"x, y\",3\n";
        assert_eq!(field_offsets(text, 6), vec![6, 8, 15]);
    }

    #[test]
    fn the_template_has_every_column() {
        let template = template();
        let header = template.lines().next().unwrap();
        assert_eq!(header.split(',').count(), COLUMNS.len());
    }
}
