//! Long lists a page at a time (issue 16): a section's pages and the directory's services, each
//! page at its own address that works without JavaScript, linked to the others, in the sitemap.
//! And a main navigation that stays short however many sections a site has.

use crate::common::{Fixture, SITE_YAML};

/// A section of `count` pages, weighted so their order is known.
fn long_section(count: usize) -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/guidance/_index.md",
        "---\ntitle: Guidance\n---\nAn introduction to the guidance.\n",
    );
    for n in 1..=count {
        site.write(
            &format!("content/guidance/page-{n:03}.md"),
            &format!("---\ntitle: Guidance page {n}\nweight: {n}\n---\nText.\n"),
        );
    }
    site
}

fn titles_on(html: &str) -> Vec<String> {
    html.match_indices("Guidance page ")
        .map(|(at, _)| html[at..].split('<').next().unwrap().to_string())
        .filter(|title| !title.contains('('))
        .collect()
}

#[test]
fn a_long_section_is_listed_twelve_to_a_page_each_at_its_own_address() {
    let site = long_section(30);
    site.build().assert_ok();
    let first = site.read_output("guidance/index.html");
    assert_eq!(titles_on(&first).len(), 12, "{first}");
    assert!(first.contains("Guidance page 1<"));
    assert!(first.contains("An introduction to the guidance."));
    assert!(first.contains(r#"<link rel="next" href="/guidance/page/2/">"#));
    assert!(first.contains("Pages 1 to 12 of 30 in this section."));
    assert!(first.contains(r#"aria-label="Pages of this section""#));
    let second = site.read_output("guidance/page/2/index.html");
    assert!(second.contains("<title>Guidance (page 2 of 3)"), "{second}");
    assert!(second.contains("Guidance page 13<") && second.contains("Guidance page 24<"));
    assert!(
        !second.contains("An introduction to the guidance."),
        "the introduction is on page 1"
    );
    assert!(second.contains(r#"<link rel="prev" href="/guidance/">"#));
    assert!(second.contains(r#"<link rel="next" href="/guidance/page/3/">"#));
    assert!(
        second.contains(
            r#"<link rel="canonical" href="https://fixture.example.org/guidance/page/2/">"#
        )
    );
    let third = site.read_output("guidance/page/3/index.html");
    assert_eq!(titles_on(&third).len(), 6);
    assert!(!site.output("guidance/page/4/index.html").exists());
    let sitemap = site.read_output("sitemap.xml");
    for page in ["/guidance/", "/guidance/page/2/", "/guidance/page/3/"] {
        assert!(
            sitemap.contains(&format!("https://fixture.example.org{page}<")),
            "{page}"
        );
    }
}

#[test]
fn a_short_section_has_no_pager() {
    let site = long_section(12);
    site.build().assert_ok();
    let html = site.read_output("guidance/index.html");
    assert!(!html.contains("Pages of this section") && !html.contains("rel=\"next\""));
    assert!(!site.output("guidance/page/2/index.html").exists());
}

#[test]
fn the_page_size_is_a_setting_and_a_link_to_a_later_page_is_checked() {
    let site = long_section(10);
    site.write("site.yaml", &format!("{SITE_YAML}pagination:\n  page_size: 4\n"))
        .write(
            "content/more.md",
            "---\ntitle: More\n---\n[Page 3 of the guidance](/guidance/page/3/) and [page 9](/guidance/page/9/).\n",
        );
    let run = site.build();
    run.assert_failed()
        .assert_stderr_has(&["`/guidance/page/9/` matches no page"]);
    assert_eq!(run.error_count(), 1, "{}", run.stderr);
    site.write(
        "content/more.md",
        "---\ntitle: More\n---\n[Page 3](/guidance/page/3/).\n",
    );
    site.build().assert_ok();
    assert_eq!(
        titles_on(&site.read_output("guidance/page/3/index.html")).len(),
        2
    );
    site.write(
        "site.yaml",
        &format!("{SITE_YAML}pagination:\n  page_size: 0\n"),
    );
    site.build()
        .assert_failed()
        .assert_stderr_has(&["site.yaml:9:3", "page_size 0 is not between 1 and 100"]);
}

#[test]
fn a_written_page_at_a_later_page_of_a_section_is_an_error() {
    let site = long_section(30);
    site.write("content/guidance/page/2.md", "---\ntitle: Two\n---\n");
    site.build().assert_failed().assert_stderr_has(&[
        "content/guidance/page/2.md",
        "/guidance/page/2/",
        "page 2 of the list of pages in content/guidance/_index.md",
    ]);
}

/// A section of `count` pages whose titles start with A, B or C in turn.
fn many_topics(count: usize) -> Fixture {
    let site = long_section(0);
    for n in 1..=count {
        let letter = ["Apples", "Bread", "Ćwiczenia"][n % 3];
        site.write(
            &format!("content/guidance/topic-{n:04}.md"),
            &format!("---\ntitle: {letter} topic {n:04}\n---\nText.\n"),
        );
    }
    site
}

#[test]
fn a_short_site_lists_every_topic_on_the_search_page() {
    let site = many_topics(30);
    site.build().assert_ok();
    let search = site.read_output("search/index.html");
    assert!(search.contains(">Apples topic 0003</a>"));
    assert!(!search.contains("/search/a-z/"));
    assert!(!site.output("search/a-z").exists());
}

#[test]
fn a_long_site_gives_each_letter_of_the_a_to_z_pages_of_its_own() {
    let site = many_topics(600);
    site.build().assert_ok();
    let search = site.read_output("search/index.html");
    assert!(
        !search.contains(">Apples topic 0003</a>"),
        "not every topic on one page"
    );
    assert!(
        search.contains(
            r#"<a href="/search/a-z/a/">A<span class="visually-hidden"> (200 topics)</span></a>"#
        ),
        "{search}"
    );
    assert!(
        search.contains(r#"href="/search/a-z/u107/""#),
        "Ć has a plain address"
    );

    let first = site.read_output("search/a-z/a/index.html");
    assert!(first.contains("<h1>Topics starting with A</h1>"));
    assert!(first.contains(">Apples topic 0003</a>") && !first.contains(">Bread topic"));
    assert_eq!(first.matches("<li><a href=\"/guidance/topic-").count(), 60);
    assert!(first.contains(r#"<link rel="next" href="/search/a-z/a/page/2/">"#));
    assert!(first.contains(r#"<a href="/search/a-z/a/" aria-current="page">A"#));
    let second = site.read_output("search/a-z/a/page/2/index.html");
    assert!(second.contains("<title>Topics starting with A (page 2 of 4)"));
    assert_eq!(second.matches("<li><a href=\"/guidance/topic-").count(), 60);
    let last = site.read_output("search/a-z/a/page/4/index.html");
    assert_eq!(last.matches("<li><a href=\"/guidance/topic-").count(), 20);
    assert!(
        site.read_output("search/a-z/u107/index.html")
            .contains("Ćwiczenia topic")
    );

    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("/search/a-z/a/page/2/</loc>"));
    for page in ["search/index.html", "search/a-z/a/index.html"] {
        let bytes = site.read_output(page).len();
        assert!(bytes < 40_000, "{page} is {bytes} bytes");
    }
}

/// The main navigation of `html`: its links' text, in order.
fn main_navigation(html: &str) -> Vec<String> {
    let start = html
        .find(r#"<nav class="site-nav""#)
        .expect("a main navigation");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<li><a href=\"")
        .skip(1)
        .map(|item| {
            item.split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// A site of `count` top-level sections, "Topic 1" first, each with one page.
fn many_sections(count: usize) -> Fixture {
    let site = Fixture::new();
    for n in 1..=count {
        site.write(
            &format!("content/topic-{n:02}/_index.md"),
            &format!("---\ntitle: Topic {n}\nweight: {n}\n---\nAbout topic {n}.\n"),
        )
        .write(
            &format!("content/topic-{n:02}/page.md"),
            &format!("---\ntitle: A page of topic {n}\n---\nText.\n"),
        );
    }
    site
}

#[test]
fn a_site_with_many_sections_lists_the_first_twelve_the_one_a_page_is_in_and_the_a_to_z() {
    let site = many_sections(15);
    site.build().assert_ok();

    let home = site.read_output("index.html");
    let mut expected: Vec<String> = (1..=12).map(|n| format!("Topic {n}")).collect();
    expected.push("Topics from A to Z".into());
    assert_eq!(main_navigation(&home), expected);
    assert!(home.contains(r##"<li><a href="/search/#topics">Topics from A to Z</a></li>"##));
    for n in 13..=15 {
        assert!(
            home.contains(&format!(r#"href="/topic-{n}/""#)),
            "the home page still lists topic {n}"
        );
    }

    let later = site.read_output("topic-14/page/index.html");
    let nav = main_navigation(&later);
    assert_eq!(nav.len(), 14, "{nav:?}");
    assert_eq!(nav[12], "Topic 14", "the section the page is in is shown");
    assert!(later.contains(r#"<li><a href="/topic-14/" aria-current="true">Topic 14</a></li>"#));
    assert!(
        site.read_output("search/index.html")
            .contains(r#"<h2 id="topics">Topics from A to Z</h2>"#)
    );
}

#[test]
fn a_site_with_twelve_sections_lists_them_all() {
    let site = many_sections(12);
    site.build().assert_ok();
    let nav = main_navigation(&site.read_output("index.html"));
    assert_eq!(
        nav,
        (1..=12).map(|n| format!("Topic {n}")).collect::<Vec<_>>()
    );
}
