//! signpost's content model as fields: what each kind of file holds, which fields the build
//! requires, and the choices site.yaml and categories.yaml allow. The browser editor's forms
//! are generated from it, and tests check it against the parsers themselves (the keys each
//! type knows, the ones it cannot do without, the values it accepts), so the editor cannot
//! ask for less than a build needs.

use crate::config::Taxonomies;
use crate::directory::Category;
use crate::directory::service::{AccessibilityFeature, SendNeed};

/// One field of a page's settings or a service's file.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key as written in the file; `body` is the text after the front matter.
    pub name: &'static str,
    pub label: &'static str,
    /// Help shown under the field.
    pub hint: &'static str,
    /// The build rejects a file without it.
    pub required: bool,
    pub kind: Kind,
    /// What a valid value looks like, when its type does not say enough.
    pub pattern: Option<Pattern>,
    /// A valid value, as written in YAML: shown to editors, and used by the tests.
    pub example: &'static str,
}

#[derive(Debug, Clone)]
pub enum Kind {
    /// One line of text.
    Line,
    /// A few sentences.
    Text,
    /// Markdown: the page's words.
    Markdown,
    /// A date, written YYYY-MM-DD.
    Date,
    /// Yes or no; `must_be_true` when the build rejects `false`.
    Flag { must_be_true: bool },
    /// A whole number.
    Whole,
    /// A number that may have decimals.
    Decimal,
    /// One of a fixed set of values, or several of them.
    Choice {
        options: Vec<Choice>,
        multiple: bool,
    },
    /// A list of short texts.
    Words,
    /// A list of groups of fields.
    Items(Vec<Field>),
    /// A group of fields.
    Group(Vec<Field>),
}

/// A value a choice allows, and what editors see for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// A regular expression a value must match (JavaScript syntax, which the editor runs), and
/// what to say when it does not.
#[derive(Debug, Clone, Copy)]
pub struct Pattern {
    pub regex: &'static str,
    pub message: &'static str,
}

/// The choices a site allows: its age bands and neglect categories (site.yaml) and its
/// directory's categories (categories.yaml).
pub struct Choices<'a> {
    pub taxonomies: &'a Taxonomies,
    pub directory_categories: &'a [Category],
}

impl Choices<'_> {
    fn bands(&self) -> Vec<Choice> {
        self.taxonomies
            .age_bands
            .iter()
            .map(|band| choice(&band.id, &band.label))
            .collect()
    }

    fn neglect_categories(&self) -> Vec<Choice> {
        self.taxonomies
            .neglect_categories
            .iter()
            .map(|category| choice(&category.id, &category.label))
            .collect()
    }

    /// Directory categories, a sub-category labelled with its parent's name.
    fn directory_categories(&self) -> Vec<Choice> {
        let label_of = |id: &str| {
            self.directory_categories
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.label.as_str())
        };
        self.directory_categories
            .iter()
            .map(|category| {
                let label = match category.parent.as_deref().and_then(label_of) {
                    Some(parent) => format!("{parent} › {}", category.label),
                    None => category.label.clone(),
                };
                choice(&category.id, &label)
            })
            .collect()
    }
}

fn choice(value: &str, label: &str) -> Choice {
    Choice {
        value: value.to_string(),
        label: label.to_string(),
    }
}

fn fixed(pairs: &[(&str, &str)]) -> Vec<Choice> {
    pairs.iter().map(|(v, l)| choice(v, l)).collect()
}

/// A field with no pattern, from its parts.
fn field(
    name: &'static str,
    label: &'static str,
    required: bool,
    kind: Kind,
    hint: &'static str,
    example: &'static str,
) -> Field {
    Field {
        name,
        label,
        hint,
        required,
        kind,
        pattern: None,
        example,
    }
}

impl Field {
    fn matching(mut self, regex: &'static str, message: &'static str) -> Field {
        self.pattern = Some(Pattern { regex, message });
        self
    }
}

const SLUG: (&str, &str) = (
    "^[a-z0-9]+(-[a-z0-9]+)*$",
    "Use lower-case letters, digits and hyphens, e.g. report-a-concern",
);
const WEB_ADDRESS: (&str, &str) = (
    "^https?://[^\\s/]+",
    "Give the full web address, starting with https://",
);
const EMAIL: (&str, &str) = (
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$",
    "Write it like name@example.org.uk",
);
const TIME: (&str, &str) = (
    "^([01][0-9]|2[0-3]):[0-5][0-9]$",
    "Write the time as HH:MM on the 24-hour clock, e.g. 09:30",
);
const DAYS: (&str, &str) = (
    "^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$",
    "Write the days as MO, TU, WE, TH, FR, SA, SU, separated by commas, e.g. MO,WE,FR",
);
const UK_POSTCODE: (&str, &str) = (
    "^([A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}|GIR ?0AA)$",
    "Write a full UK postcode, e.g. SW1A 1AA",
);
const UK_PHONE: (&str, &str) = (
    "^(\\+44|0|1)[0-9 ()-]{2,16}$|^999$",
    "Write a UK number, e.g. 01632 960 123, 0800 1111 or 999",
);

fn review_by() -> Field {
    field(
        "review_by",
        "Review by",
        false,
        Kind::Date,
        "The date to check this page is still right. After it, the build warns.",
        "2030-09-30",
    )
}

fn draft() -> Field {
    field(
        "draft",
        "Draft",
        false,
        Kind::Flag {
            must_be_true: false,
        },
        "A draft is not published.",
        "false",
    )
}

/// On a translation (a file named like `what-to-do.pl.md`): which version of the original it
/// was made from.
fn translated_from() -> Field {
    field(
        "translated_from",
        "Translated from",
        false,
        Kind::Line,
        "Only on a translation: the original's fingerprint that `signpost check` gives, copied once the translation matches the original.",
        "3f2a9c1e",
    )
}

fn unchecked_translation() -> Field {
    field(
        "unchecked_translation",
        "Translation not checked yet",
        false,
        Kind::Flag {
            must_be_true: false,
        },
        "Only on a translation: the page says it has not been checked, and links to the original.",
        "false",
    )
}

/// A guidance page: any page in content/ that is not a sign or a voice.
pub fn guidance(choices: &Choices) -> Vec<Field> {
    vec![
        field(
            "title",
            "Title",
            true,
            Kind::Line,
            "The page's heading.",
            "What to do if you are worried",
        ),
        field(
            "description",
            "Description",
            false,
            Kind::Text,
            "One or two sentences, shown in lists of pages and to search engines.",
            "Who to call and what happens next.",
        ),
        field(
            "audience",
            "Written for",
            false,
            Kind::Choice {
                options: fixed(&[
                    ("public", "The public"),
                    ("young-people", "Young people"),
                    ("professionals", "Professionals"),
                ]),
                multiple: false,
            },
            "Pages for young people are checked for reading age, and show young people's own help box and services.",
            "public",
        ),
        field(
            "age_bands",
            "Age bands",
            false,
            Kind::Choice {
                options: choices.bands(),
                multiple: true,
            },
            "The ages the page is about: its local support lists services for these ages.",
            "",
        ),
        review_by(),
        field(
            "weight",
            "Order",
            false,
            Kind::Whole,
            "Pages in a section are listed from the lowest number to the highest.",
            "10",
        ),
        field(
            "tags",
            "Tags",
            false,
            Kind::Words,
            "Types of neglect this page is about (their ids in site.yaml), so voices and local services that help are shown beside it.",
            "nutritional",
        ),
        draft(),
        field(
            "slug",
            "Last part of the address",
            false,
            Kind::Line,
            "Leave empty to use the file name.",
            "what-to-do",
        )
        .matching(SLUG.0, SLUG.1),
        field(
            "template",
            "Template",
            false,
            Kind::Line,
            "Leave empty unless a developer has made another template for this page.",
            "page.html",
        ),
        translated_from(),
        unchecked_translation(),
        field(
            "body",
            "Page",
            false,
            Kind::Markdown,
            "Start headings at level 2 (##).",
            "## If a child is in danger\n\nCall 999.",
        ),
    ]
}

/// One cell of the signs matrix: an age band and a type of neglect.
pub fn sign(choices: &Choices) -> Vec<Field> {
    vec![
        field(
            "title",
            "Title",
            true,
            Kind::Line,
            "",
            "Nutritional neglect in babies (0 to 2)",
        ),
        field(
            "band",
            "Age band",
            true,
            Kind::Choice {
                options: choices.bands(),
                multiple: false,
            },
            "The age bands are set in site.yaml.",
            "",
        ),
        field(
            "category",
            "Type of neglect",
            true,
            Kind::Choice {
                options: choices.neglect_categories(),
                multiple: false,
            },
            "The types of neglect are set in site.yaml.",
            "",
        ),
        field(
            "summary",
            "Summary",
            true,
            Kind::Text,
            "One or two sentences for adults, shown in the matrix.",
            "A baby who is often hungry or not gaining weight.",
        ),
        field(
            "young_people_summary",
            "Summary for young people",
            false,
            Kind::Text,
            "One or two sentences a young person can read.",
            "Not getting enough food to grow.",
        ),
        review_by(),
        draft(),
        translated_from(),
        unchecked_translation(),
        field(
            "body",
            "Page",
            false,
            Kind::Markdown,
            "What you might notice, what it can mean, what you can do.",
            "## What you might notice\n\nA baby who is often hungry.",
        ),
    ]
}

/// A young person's words.
pub fn voice(choices: &Choices) -> Vec<Field> {
    vec![
        field(
            "who",
            "Who said it",
            true,
            Kind::Line,
            "Never a name: e.g. young person, 14.",
            "young person, 14",
        ),
        field(
            "where",
            "Where it was gathered",
            false,
            Kind::Line,
            "Leave empty if not known.",
            "Youth council workshop",
        ),
        field(
            "when",
            "When",
            false,
            Kind::Line,
            "As much as is known: a year (2021), a month (2021-06) or a day (2021-06-12). Only the month and year are ever shown. Leave empty if not known.",
            "2025-06",
        ),
        field(
            "source",
            "Quoted in",
            false,
            Kind::Line,
            "Where the words were published before, e.g. the strategy's title and year.",
            "Neglect Strategy 2025",
        ),
        field(
            "categories",
            "Types of neglect",
            false,
            Kind::Choice {
                options: choices.neglect_categories(),
                multiple: true,
            },
            "The signs pages it is shown beside.",
            "",
        ),
        field(
            "age_bands",
            "Age bands",
            false,
            Kind::Choice {
                options: choices.bands(),
                multiple: true,
            },
            "",
            "",
        ),
        field(
            "consent",
            "Consent to publish is recorded",
            true,
            Kind::Flag { must_be_true: true },
            "Choose Yes only once consent to publish these words is recorded. A voice without it cannot be saved or published.",
            "true",
        ),
        field(
            "illustrative",
            "Written as an example",
            false,
            Kind::Flag {
                must_be_true: false,
            },
            "On for words written for a demonstration, not said by a real young person.",
            "false",
        ),
        translated_from(),
        unchecked_translation(),
        field(
            "body",
            "Their words",
            true,
            Kind::Markdown,
            "As they said them.",
            "By lunchtime I used to feel dizzy.",
        ),
    ]
}

fn schedule() -> Vec<Field> {
    vec![
        field(
            "byday",
            "Days",
            true,
            Kind::Line,
            "MO, TU, WE, TH, FR, SA, SU, separated by commas.",
            "MO,WE,FR",
        )
        .matching(DAYS.0, DAYS.1),
        field(
            "opens_at",
            "Opens at",
            true,
            Kind::Line,
            "HH:MM, 24-hour clock.",
            "09:00",
        )
        .matching(TIME.0, TIME.1),
        field(
            "closes_at",
            "Closes at",
            true,
            Kind::Line,
            "HH:MM, 24-hour clock.",
            "17:00",
        )
        .matching(TIME.0, TIME.1),
        field(
            "description",
            "Notes",
            false,
            Kind::Line,
            "",
            "Term time only",
        ),
    ]
}

/// A service in the directory, with Open Referral UK 3.0's field names.
pub fn service(choices: &Choices) -> Vec<Field> {
    let address = vec![
        field(
            "address_1",
            "Address",
            true,
            Kind::Line,
            "",
            "12 High Street",
        ),
        field(
            "address_2",
            "Address line 2",
            false,
            Kind::Line,
            "",
            "Unit 3",
        ),
        field("city", "Town or city", true, Kind::Line, "", "Your town"),
        field("postal_code", "Postcode", true, Kind::Line, "", "SW1A 1AA")
            .matching(UK_POSTCODE.0, UK_POSTCODE.1),
        field("country", "Country", false, Kind::Line, "", "GB"),
    ];
    let location = vec![
        field(
            "name",
            "Name of the place",
            true,
            Kind::Line,
            "",
            "North Family Hub",
        ),
        field(
            "addresses",
            "Addresses",
            false,
            Kind::Items(address),
            "",
            "",
        ),
        field(
            "latitude",
            "Latitude",
            false,
            Kind::Decimal,
            "Inside the UK: between 49.8 and 60.9.",
            "53.07",
        ),
        field(
            "longitude",
            "Longitude",
            false,
            Kind::Decimal,
            "Inside the UK: between -8.7 and 1.8.",
            "-2.23",
        ),
        field(
            "accessibility",
            "Accessibility",
            false,
            Kind::Items(vec![
                field(
                    "feature",
                    "Feature",
                    false,
                    Kind::Choice {
                        options: AccessibilityFeature::ALL
                            .iter()
                            .map(|f| choice(f.id(), f.label()))
                            .collect(),
                        multiple: false,
                    },
                    "The feature families can filter on; give a description too, or instead, to say more.",
                    "step-free",
                ),
                field(
                    "description",
                    "Description",
                    false,
                    Kind::Line,
                    "Each entry needs a feature, a description, or both.",
                    "Step-free entrance",
                ),
            ]),
            "",
            "",
        ),
    ];
    vec![
        field(
            "id",
            "Id",
            true,
            Kind::Line,
            "Lower-case letters, digits and hyphens: the service's web address and file name.",
            "north-family-hub",
        )
        .matching(SLUG.0, SLUG.1),
        field("name", "Name", true, Kind::Line, "", "North Family Hub"),
        field(
            "description",
            "Description",
            true,
            Kind::Text,
            "What the service does, in plain words.",
            "Help for families with children under 5.",
        ),
        field(
            "summary",
            "Summary",
            false,
            Kind::Text,
            "One sentence for lists of services. Leave empty to use the description's first sentence.",
            "Play, advice and health checks for families with young children.",
        ),
        field(
            "audience",
            "Who can contact it themselves",
            false,
            Kind::Choice {
                options: fixed(&[
                    ("public", "Parents, carers and other adults"),
                    ("young-people", "Children and young people"),
                    ("professionals", "Professionals"),
                ]),
                multiple: true,
            },
            "Pages for young people list only services for children and young people. Leave empty for services for families and adults.",
            "",
        ),
        field(
            "illustrative",
            "Written as an example",
            false,
            Kind::Flag {
                must_be_true: false,
            },
            "On for a listing made up to show how one looks, not a real service.",
            "false",
        ),
        field(
            "organization",
            "Organisation",
            true,
            Kind::Group(vec![
                field("name", "Name", true, Kind::Line, "", "Your council"),
                field(
                    "website",
                    "Website",
                    false,
                    Kind::Line,
                    "",
                    "https://www.example.org/",
                )
                .matching(WEB_ADDRESS.0, WEB_ADDRESS.1),
            ]),
            "",
            "",
        ),
        field(
            "status",
            "Status",
            true,
            Kind::Choice {
                options: fixed(&[
                    ("active", "Active"),
                    ("temporarily closed", "Temporarily closed"),
                    ("inactive", "Inactive (not published)"),
                    ("defunct", "Closed for good (not published)"),
                ]),
                multiple: false,
            },
            "",
            "active",
        ),
        field(
            "url",
            "Web address",
            false,
            Kind::Line,
            "",
            "https://www.example.org/north-hub",
        )
        .matching(WEB_ADDRESS.0, WEB_ADDRESS.1),
        field(
            "email",
            "Email",
            false,
            Kind::Line,
            "",
            "north.hub@example.org",
        )
        .matching(EMAIL.0, EMAIL.1),
        field(
            "phones",
            "Phone numbers",
            false,
            Kind::Items(vec![
                field("number", "Number", true, Kind::Line, "", "01632 960 123")
                    .matching(UK_PHONE.0, UK_PHONE.1),
                field(
                    "type",
                    "Kind",
                    false,
                    Kind::Choice {
                        options: fixed(&[
                            ("voice", "Voice"),
                            ("text", "Text message"),
                            ("textphone", "Textphone"),
                            ("fax", "Fax"),
                        ]),
                        multiple: false,
                    },
                    "",
                    "voice",
                ),
                field(
                    "description",
                    "Notes",
                    false,
                    Kind::Line,
                    "",
                    "Monday to Friday",
                ),
            ]),
            "",
            "",
        ),
        field("minimum_age", "Youngest age", false, Kind::Whole, "", "0"),
        field("maximum_age", "Oldest age", false, Kind::Whole, "", "5"),
        field(
            "categories",
            "Categories",
            true,
            Kind::Choice {
                options: choices.directory_categories(),
                multiple: true,
            },
            "The categories are set in directory_data/categories.yaml.",
            "",
        ),
        field(
            "cost_options",
            "Costs",
            false,
            Kind::Items(vec![
                field(
                    "option",
                    "What it is for",
                    false,
                    Kind::Line,
                    "",
                    "Per session",
                ),
                field("amount", "Amount", false, Kind::Decimal, "", "2.5"),
                field("currency", "Currency", false, Kind::Line, "", "GBP"),
                field(
                    "amount_description",
                    "Notes",
                    false,
                    Kind::Line,
                    "",
                    "Free for families on benefits",
                ),
            ]),
            "Leave empty when the service is free.",
            "",
        ),
        field(
            "attending_type",
            "How people take part",
            false,
            Kind::Choice {
                options: fixed(&[
                    ("venue", "In person"),
                    ("phone", "By phone"),
                    ("online", "Online"),
                    ("home-visit", "Home visits"),
                ]),
                multiple: true,
            },
            "",
            "",
        ),
        field(
            "access",
            "How to get in",
            false,
            Kind::Choice {
                options: fixed(&[
                    ("self-referral", "Contact them yourself"),
                    ("professional-referral", "Through a professional"),
                    ("drop-in", "Drop in"),
                    ("appointment", "By appointment"),
                ]),
                multiple: true,
            },
            "",
            "",
        ),
        field(
            "application_process",
            "How to apply",
            false,
            Kind::Text,
            "",
            "Call or drop in.",
        ),
        field(
            "service_at_locations",
            "Places",
            false,
            Kind::Items(vec![
                field("location", "Place", true, Kind::Group(location), "", ""),
                field(
                    "schedules",
                    "Opening times here",
                    false,
                    Kind::Items(schedule()),
                    "",
                    "",
                ),
            ]),
            "",
            "",
        ),
        field(
            "schedules",
            "Opening times",
            false,
            Kind::Items(schedule()),
            "",
            "",
        ),
        field("languages", "Languages", false, Kind::Words, "", "English"),
        field(
            "send_local_offer",
            "SEND Local Offer",
            false,
            Kind::Group(vec![
                field(
                    "needs",
                    "Areas of need it supports",
                    false,
                    Kind::Choice {
                        options: SendNeed::ALL
                            .iter()
                            .map(|n| choice(n.id(), n.label()))
                            .collect(),
                        multiple: true,
                    },
                    "The four broad areas of need in the SEND Code of Practice.",
                    "communication-and-interaction",
                ),
                field(
                    "answers",
                    "Answers to the Local Offer's questions",
                    false,
                    Kind::Items(vec![
                        field(
                            "question",
                            "Question",
                            true,
                            Kind::Line,
                            "",
                            "Who is it for?",
                        ),
                        field(
                            "answer",
                            "Answer",
                            true,
                            Kind::Text,
                            "",
                            "Children with autism and their families.",
                        ),
                    ]),
                    "",
                    "",
                ),
            ]),
            "Only for services in the local authority's SEND Local Offer.",
            "",
        ),
        field(
            "assured_date",
            "Last checked",
            true,
            Kind::Date,
            "When someone last checked this listing is right.",
            "2026-10-01",
        ),
        field(
            "assurer_email",
            "Checked by (email)",
            false,
            Kind::Line,
            "",
            "directory@example.org",
        )
        .matching(EMAIL.0, EMAIL.1),
    ]
}
