//! The content stage: pages, signs and voices parsed (or reused), the directory loaded, the
//! routes claimed, Markdown rendered with its links resolved, and the site validated.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::Path;
use std::sync::Arc;

use crate::assets;
use crate::cms;
use crate::config::SiteConfig;
use crate::content;
use crate::content::html::HtmlPolicy;
use crate::content::stamps::{Known, Stamps, Touched};
use crate::content::tree::SectionTree;
use crate::diagnostics::Diagnostics;
use crate::directory::{self, Directory};
use crate::figures::{self, Figures};
use crate::hosting;
use crate::language::{Direction, Lang, Language};
use crate::layout::CONFIG_FILE;
use crate::links::{self, LinkIndex};
use crate::memo::{self, Earlier, RenderMemo};
use crate::output::OutputFile;
use crate::routes::{Claims, Routes};
use crate::search::{self, Synonyms};
use crate::signs::Matrix;
use crate::site::{Parts, Site};
use crate::strings::Strings;
use crate::validate;

use super::parse::{ParsedPages, Parsing, parse_pages, parse_settings};
use super::rendering::{Fresh, check_links_of_unparsed, memo_context, render_markdown};
use super::{BuildOptions, Content, LastBuild, one_language};

/// The content stages: pages, signs and voices parsed, the directory loaded, the routes
/// claimed, Markdown rendered with its links resolved, and the site validated. Returns None
/// when `config` is None or any of them found an error.
pub fn prepare_content(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    strings: &Strings,
    problems: &mut Diagnostics,
) -> Option<Content> {
    prepare_content_reusing(options, config, strings, None, problems)
}

/// [`prepare_content`], reusing what the `last` build parsed and rendered for pages whose
/// text and surroundings have not changed (the dev server, between saves).
pub fn prepare_content_reusing(
    options: &BuildOptions,
    config: Option<SiteConfig>,
    strings: &Strings,
    last: Option<LastBuild>,
    problems: &mut Diagnostics,
) -> Option<Content> {
    let previous = last.map(|last| last.content);
    let touched = last.map_or(&Touched::Unknown, |last| last.touched);
    let errors_before = problems.error_count();
    let languages = config
        .as_ref()
        .map_or_else(|| vec![one_language()], SiteConfig::languages);
    let codes: Vec<&str> = languages.iter().map(|l| l.code.as_str()).collect();
    let taxonomies = config.as_ref().map(|c| &c.taxonomies);
    let settings = parse_settings(&codes, taxonomies, options.drafts);
    let known = previous
        .and_then(|p| p.stamps.under(settings))
        .map(|stamps| Known { stamps, touched });
    let sources = content::read(&options.root, &codes, known, problems);
    let prefixes: Vec<String> = languages
        .iter()
        .enumerate()
        .map(|(i, l)| prefix(i, l))
        .collect();
    let earlier = previous.map_or_else(Earlier::default, |p| Earlier::of(&p.editions()));
    let mut editions = parse_pages(
        sources.markdown,
        &Parsing {
            prefixes: &prefixes,
            taxonomies,
            include_drafts: options.drafts,
            earlier: &earlier,
        },
        problems,
    );
    drop(earlier);
    for (lang, content_path) in sources.unreadable {
        editions[lang.0].unreadable.insert(content_path);
    }
    let mut stamps = Stamps::new(settings, sources.stamps);
    let parsed: HashSet<&OsStr> = editions
        .iter()
        .flat_map(ParsedPages::files)
        .map(Path::as_os_str)
        .collect();
    stamps.retain(|path| parsed.contains(path.as_os_str()));
    drop(parsed);
    let synonyms: Vec<Synonyms> = (0..languages.len())
        .map(|i| {
            let code = (i > 0).then(|| codes[i]);
            Synonyms::load_file(&options.root, &search::synonyms::file_for(code), problems)
        })
        .collect();
    let mut copied = assets::site_files(&options.root, &sources.assets, problems);
    let mut own_host_rules = hosting::OwnRules::default();
    copied.retain(|copied| !own_host_rules.keep(&copied.file.output, &copied.bytes));
    let Some(config) = config else {
        problems.skip(
            "links and anchors, the signs matrix, the services directory, review dates, headings and reading ages",
            format!("{CONFIG_FILE} has errors"),
        );
        return None;
    };
    let (directory, directory_memo) = memo::directory(
        &options.root,
        &config,
        previous.map(|p| (&p.site.directory, &p.directory_memo)),
        touched,
        problems,
    );
    let figures = figures::load(&options.root, problems);
    let editor = cms::published(
        &options.root,
        &config,
        &directory,
        &editions[0].pages,
        problems,
    );
    let has_editor = editor.is_some();
    let (editor_made, editor_copied) = editor.map_or_else(Default::default, |e| (e.made, e.copied));
    let (claimed, mut files): (Vec<_>, Vec<_>) = copied
        .into_iter()
        .chain(editor_copied)
        .map(|copied| {
            let output = OutputFile::new(copied.file.output.clone(), copied.bytes);
            (copied.file, output)
        })
        .unzip();
    let trees: Vec<SectionTree> = editions.iter().map(|e| SectionTree::of(&e.pages)).collect();
    let has_services = !directory.is_empty();
    let mut directories: Vec<Directory> = editions[1..]
        .iter()
        .zip(&languages[1..])
        .map(|(edition, language)| {
            let original = &languages[0].code;
            directory_of(
                edition,
                &directory,
                (language, original),
                &options.root,
                problems,
            )
        })
        .collect();
    directories.insert(0, directory);
    let no_figures = Figures::default();
    let base_url = config.normalised_base_url();
    let claims: Vec<Claims> = editions
        .iter()
        .enumerate()
        .map(|(i, edition)| Claims {
            lang: Lang(i),
            prefix: &prefixes[i],
            pages: &edition.pages,
            taxonomies: &config.taxonomies,
            directory: &directories[i],
            figures: if i == 0 { &figures } else { &no_figures },
            files: &claimed,
            editor: has_editor,
            base_url: &base_url,
            tree: &trees[i],
            page_size: config.pagination.page_size,
        })
        .collect();
    let routes = Arc::new(Routes::build(&claims, problems));
    drop(claims);
    files.extend(editor_made);
    files.extend(hosting::files(&own_host_rules, has_services, problems));
    let policy = HtmlPolicy::new(&config.markdown.allow_html);
    let sources: Vec<links::Sources> = editions.iter().map(ParsedPages::sources).collect();
    let links = LinkIndex::new(&sources, &routes, &codes);
    let before: Vec<&Site> = previous.map(Content::editions).unwrap_or_default();
    let mut memos = Vec::with_capacity(editions.len());
    let rendered: Vec<_> = (0..editions.len())
        .map(|i| {
            let edition = &editions[i];
            let context = memo_context(edition, &routes, &policy, &figures);
            let reused = match (previous.and_then(|p| p.memos.get(i)), before.get(i)) {
                (Some(memo), Some(site)) => memo.reuse(&site.rendered, &edition.pages, context),
                _ => vec![None; edition.pages.len()],
            };
            memos.push(RenderMemo::new(&edition.pages, context));
            let fresh = Fresh {
                links: &links.in_language(Lang(i)),
                policy: &policy,
                figures: &figures,
                right_to_left: languages[i].direction == Direction::Rtl,
            };
            render_markdown(edition, &fresh, &reused)
        })
        .collect();
    for (i, edition) in editions.iter().enumerate() {
        let links = links.in_language(Lang(i));
        check_links_of_unparsed(&options.root, edition, &links, &policy, problems);
    }
    drop(links);
    drop(sources);
    let mut figures = Some(figures);
    let parts = editions
        .into_iter()
        .zip(rendered)
        .zip(trees)
        .zip(directories);
    let mut sites: Vec<Site> = parts
        .enumerate()
        .map(
            |(i, (((edition, (rendered, voices_rendered)), tree), directory))| {
                let lang = Lang(i);
                Site::new(Parts {
                    config: config.for_language(lang),
                    lang,
                    matrix: Matrix::new(&edition.pages),
                    pages: edition.pages,
                    rendered,
                    voices: edition.voices,
                    voices_rendered,
                    directory,
                    figures: figures.take().unwrap_or_default(),
                    routes: routes.clone(),
                    unreadable: edition.unreadable,
                    today: options.today,
                    preview: options.preview,
                    tree,
                    words: strings.of(lang).clone(),
                })
            },
        )
        .collect();
    for site in &sites {
        validate::content(site, options.today, problems);
    }
    validate::translations(&sites, problems);
    for (site, synonyms) in sites.iter().zip(&synonyms) {
        problems.extend(search::check_settings(site, synonyms));
    }
    if problems.error_count() > errors_before {
        return None;
    }
    let site = sites.remove(0);
    Some(Content {
        site,
        memos,
        stamps,
        directory_memo,
        files,
        synonyms,
        translations: sites,
    })
}

/// Where a language's addresses start: nothing for the default language, `/pl` for Polish.
fn prefix(index: usize, language: &Language) -> String {
    if index == 0 {
        String::new()
    } else {
        format!("/{}", language.code)
    }
}

/// The services another language's pages show: the directory in that language's words, when
/// the language has the directory's own page; else none (its help box still knows the bank
/// holidays).
fn directory_of(
    edition: &ParsedPages,
    directory: &Directory,
    (language, original): (&Language, &str),
    root: &Path,
    problems: &mut Diagnostics,
) -> Directory {
    let own_page = Path::new(crate::layout::DIRECTORY_DIR).join(crate::layout::SECTION_FILE);
    if !edition
        .pages
        .iter()
        .any(|p| p.source.content_path == own_page)
    {
        return Directory {
            bank_holidays: directory.bank_holidays.clone(),
            ..Directory::default()
        };
    }
    let translation = directory::translations::load(root, directory, &language.code, problems);
    translation.apply(directory, original)
}
