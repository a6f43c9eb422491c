//! `signpost serve` driven as a comms officer uses it: start it, read a page, save a change,
//! see the reload event and the new page, break a file, see the problem, fix it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::Fixture;

/// A running `signpost serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Server {
    fn start(site: &Fixture) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("signpost"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .env("SOURCE_DATE_EPOCH", crate::common::TODAY_EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let address = loop {
            line.clear();
            assert!(
                stdout.read_line(&mut line).unwrap() > 0,
                "serve exited before serving"
            );
            if let Some(rest) = line.split("Serving the site at http://").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        Server { child, address }
    }

    /// Sends a raw request line (so paths are not normalised) and returns (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.response(path);
        (status, body)
    }

    /// Status, head (status line and headers) and body.
    fn response(&self, path: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response[9..12].parse().unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        (status, head.to_string(), body.to_string())
    }

    fn status(&self) -> Value {
        serde_json::from_str(&self.get("/__signpost/status").1).unwrap()
    }

    /// A connection to the server that gives up on a read after 10 s.
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream
    }

    /// Opens the event stream; returns a reader positioned after the greeting.
    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = self.connect();
        write!(stream, "GET /__signpost/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut reader = BufReader::new(stream);
        let _ = next_event(&mut reader, "hello");
        reader
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads events until one named `name` arrives; returns its data.
fn next_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    let mut current = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "event stream closed"
        );
        let line = line.trim_end();
        if let Some(event) = line.strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = line.strip_prefix("data: ")
            && current == name
        {
            return data.to_string();
        }
    }
}

fn site() -> Fixture {
    let site = Fixture::new();
    site.write(
        "content/about.md",
        "---\ntitle: About us\n---\n## Who we are\n\nFirst version.\n",
    );
    site
}

#[test]
fn a_saved_change_reloads_and_a_mistake_shows_until_fixed() {
    let site = site();
    let server = Server::start(&site);
    let (status, body) = server.get("/about/");
    assert_eq!(status, 200);
    assert!(body.contains("First version."));
    assert!(
        body.contains("data-build=\"1\""),
        "pages carry the live-reload script, with the build they came from"
    );

    let mut events = server.events();
    site.write(
        "content/about.md",
        "---\ntitle: About us\n---\n## Who we are\n\nSecond version.\n",
    );
    let event: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
    assert_eq!(event["ok"], true);
    assert!(server.get("/about/").1.contains("Second version."));

    site.write(
        "content/about.md",
        "---\ntitle: About us\nreview_by: soon\n---\nThird.\n",
    );
    let event: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
    assert_eq!(event["ok"], false);
    let error = &event["errors"][0];
    assert_eq!(error["location"], "content/about.md:3:12");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("`soon` is not a date")
    );
    assert!(error["help"].is_string() || error["message"].as_str().unwrap().contains("YYYY-MM-DD"));
    let (status, body) = server.get("/about/");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("Second version."));
    assert_eq!(server.status()["ok"], false);

    site.write(
        "content/about.md",
        "---\ntitle: About us\nreview_by: 2099-01-01\n---\nFourth version.\n",
    );
    let event: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
    assert_eq!(event["ok"], true, "fixing the file clears the problem");
    assert!(server.get("/about/").1.contains("Fourth version."));
}

/// Waits (up to ten seconds) until `path` answers with `status` and a body containing `text`;
/// fails with the last answer if it never does.
fn assert_shows(server: &Server, path: &str, status: u16, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (got, body) = server.get(path);
        if got == status && body.contains(text) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{path} never answered {status} with {text:?}; last {got}: {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn saves_by_rename_moved_folders_and_deletions_all_show_in_the_preview() {
    let site = site();
    site.write("content/guide/_index.md", "---\ntitle: Guide\n---\n")
        .write(
            "content/guide/steps.md",
            "---\ntitle: Steps\n---\nStep one.\n",
        );
    let server = Server::start(&site);
    assert_shows(&server, "/guide/steps/", 200, "Step one.");

    // An editor that saves by writing a new file and renaming it over the old one.
    let root = site.root();
    std::fs::write(
        root.join("content/guide/.steps.md.tmp"),
        "---\ntitle: Steps\n---\nStep two.\n",
    )
    .unwrap();
    std::fs::rename(
        root.join("content/guide/.steps.md.tmp"),
        root.join("content/guide/steps.md"),
    )
    .unwrap();
    assert_shows(&server, "/guide/steps/", 200, "Step two.");

    // A folder moved: its pages move with it, edited in their new place too.
    std::fs::rename(root.join("content/guide"), root.join("content/help")).unwrap();
    assert_shows(&server, "/help/steps/", 200, "Step two.");
    assert_shows(&server, "/guide/steps/", 404, "");
    site.write(
        "content/help/steps.md",
        "---\ntitle: Steps\n---\nStep three.\n",
    );
    assert_shows(&server, "/help/steps/", 200, "Step three.");

    // A folder moved out of the site and another moved into its place at once: the watcher
    // names the folders, not the page in them, and the page is read again all the same.
    site.write(
        "content/spare/steps.md",
        "---\ntitle: Steps\n---\nA longer replacement step.\n",
    );
    assert_shows(&server, "/spare/steps/", 200, "replacement");
    std::fs::rename(root.join("content/help"), root.join("old-help")).unwrap();
    std::fs::rename(root.join("content/spare"), root.join("content/help")).unwrap();
    assert_shows(&server, "/help/steps/", 200, "A longer replacement step.");

    // A deleted page is gone.
    std::fs::remove_file(root.join("content/help/steps.md")).unwrap();
    assert_shows(&server, "/help/steps/", 404, "");
}

#[test]
fn a_saved_change_to_the_sites_words_shows_on_every_page() {
    let site = site();
    let server = Server::start(&site);
    assert_shows(&server, "/about/", 200, "Skip to main content");
    // strings/ did not exist when the server started: it is watched from its first save.
    site.write("strings/en.yaml", "page:\n  skip_link: Jump to the page\n");
    assert_shows(&server, "/about/", 200, "Jump to the page");
    site.write("strings/en.yaml", "page:\n  skip_link: Go to the page\n");
    assert_shows(&server, "/about/", 200, "Go to the page");
}

#[test]
fn a_saved_site_yaml_shows_on_every_page() {
    let site = site();
    let server = Server::start(&site);
    assert_shows(&server, "/about/", 200, "Fixture Site");
    site.write(
        "site.yaml",
        &crate::common::SITE_YAML.replace("Fixture Site", "Renamed Partnership Site"),
    );
    assert_shows(&server, "/about/", 200, "Renamed Partnership Site");
}

#[test]
fn a_saved_service_shows_in_the_directory_and_a_new_one_is_found() {
    use crate::common::directory::{service, site as directory_site};
    let site = directory_site();
    let server = Server::start(&site);
    assert_shows(&server, "/directory/", 200, "Service pantry");
    site.write(
        "directory_data/services/pantry.yaml",
        &service("pantry", "").replace("Service pantry", "The Pantry"),
    );
    assert_shows(&server, "/directory/", 200, "The Pantry");
    site.write("directory_data/services/more.yaml", &service("more", ""));
    assert_shows(&server, "/directory/", 200, "Service more");
}

#[test]
fn a_template_change_re_renders_pages() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "templates/page.html",
        "<html><body>Custom {{ page.title }}</body></html>",
    );
    next_event(&mut events, "build");
    assert!(server.get("/about/").1.contains("Custom About us"));
}

#[test]
fn editors_temporary_files_do_not_trigger_builds() {
    let site = site();
    let server = Server::start(&site);
    let before = server.status()["generation"].as_u64().unwrap();
    for name in [".about.md.swp", "about.md~", "4913", ".#about.md"] {
        site.write(&format!("content/{name}"), "---\nbroken");
    }
    std::thread::sleep(Duration::from_millis(600));
    let status = server.status();
    assert_eq!(
        status["generation"].as_u64().unwrap(),
        before,
        "no rebuild for temporary files"
    );
    assert_eq!(status["ok"], true);
}

#[test]
fn traversal_and_paths_outside_the_site_are_refused() {
    let site = site();
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("content/secret.txt")).unwrap();
    let server = Server::start(&site);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/about/%2E%2E/%2E%2E/site.yaml",
        "/..%2fsite.yaml",
        "/..%5csite.yaml",
    ] {
        assert_eq!(server.get(path).0, 403, "{path}");
    }
    for path in ["/site.yaml", "/content/about.md", "/secret.txt"] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Page not found"), "the site's own 404 page");
        assert!(!body.contains("root:"), "nothing from outside the site");
    }
}

#[test]
fn content_types_redirects_and_files() {
    let site = site();
    site.write("static/favicon.ico", "icon");
    let server = Server::start(&site);
    let (status, head, _) = server.response("/about");
    assert_eq!(status, 301, "{head}");
    assert!(head.contains("Location: /about/"), "{head}");
    let (status, sitemap) = server.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(sitemap.contains("/about/"));
    assert_eq!(server.get("/favicon.ico"), (200, "icon".to_string()));
    let home = server.get("/").1;
    let css = attribute_after(&home, "href=\"/assets/");
    let (_, head, _) = server.response(&format!("/assets/{css}"));
    assert!(head.contains("Content-Type: text/css"), "{head}");
}

/// The value of the first attribute that starts with `start` (its part after `start`).
fn attribute_after<'a>(html: &'a str, start: &str) -> &'a str {
    let rest = html
        .split(start)
        .nth(1)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    rest.split('"').next().unwrap()
}

#[test]
fn a_reload_asks_again_for_pages_and_a_sites_own_files_but_not_for_hashed_assets() {
    let site = site();
    site.write("static/logo.svg", "<svg/>");
    let server = Server::start(&site);
    let (_, page_head, page) = server.response("/about/");
    let (_, own_head, _) = server.response("/logo.svg");
    for head in [&page_head, &own_head] {
        assert!(head.contains("Cache-Control: no-store"), "{head}");
    }
    let css = format!("/assets/{}", attribute_after(&page, "href=\"/assets/"));
    let live = attribute_after(&page, "<script src=\"/__signpost/");
    let overlay = attribute_after(&page, "data-overlay=\"");
    for path in [css.as_str(), &format!("/__signpost/{live}"), overlay] {
        let (status, head, _) = server.response(path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains("Cache-Control: max-age=31536000, immutable"),
            "{path}: {head}"
        );
    }
}

/// One response from a kept-open connection: its status and body (as long as its
/// Content-Length says).
fn read_response(reader: &mut BufReader<TcpStream>) -> (u16, String) {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let status = status_line[9..12].parse().unwrap();
    (status, String::from_utf8(body).unwrap())
}

/// A browser keeps its connections to the preview open between requests and, for a page with
/// several scripts, uses six at once. The preview once left a connection unread (4 of 15 page
/// loads in a fresh browser never got their last script), so that page never reloaded.
#[test]
fn every_connection_a_browser_keeps_open_is_answered() {
    let site = site();
    let server = Server::start(&site);
    let mut connections: Vec<(TcpStream, BufReader<TcpStream>)> = (0..CONNECTIONS)
        .map(|_| {
            let stream = server.connect();
            let reader = BufReader::new(stream.try_clone().unwrap());
            (stream, reader)
        })
        .collect();
    for round in 1..=3 {
        for (stream, _) in &mut connections {
            write!(stream, "GET /about/ HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        }
        for (_, reader) in &mut connections {
            let (status, body) = read_response(reader);
            assert_eq!(status, 200, "round {round}");
            assert!(body.contains("First version."), "round {round}: {body}");
        }
    }
}

/// Enough connections opened at once that the old server lost one in half the runs.
const CONNECTIONS: usize = 32;

#[test]
fn it_keeps_answering_while_rebuilding() {
    let site = site();
    let server = Server::start(&site);
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut version = 0;
    while Instant::now() < deadline {
        version += 1;
        site.write(
            "content/about.md",
            &format!("---\ntitle: About us\n---\nVersion {version}.\n"),
        );
        let (status, _) = server.get("/about/");
        assert_eq!(status, 200, "answered during rebuild {version}");
    }
}

#[test]
fn the_search_index_follows_once_edits_pause() {
    let site = site();
    let server = Server::start(&site);
    let deadline = Instant::now() + Duration::from_secs(10);
    let manifest = loop {
        let (status, body) = server.get("/search/index.json");
        if status == 200 {
            break body;
        }
        assert!(
            Instant::now() < deadline,
            "the search index was never served"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let manifest: Value = serde_json::from_str(&manifest).unwrap();
    let base = manifest["base"].as_str().unwrap();
    assert_eq!(server.get(&format!("{base}meta-0.json")).0, 200);
    let key = manifest["dictionaries"][0].as_str().unwrap();
    let mut stream = TcpStream::connect(&server.address).unwrap();
    write!(
        stream,
        "GET {base}words-{key}.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    assert!(
        response.starts_with(b"HTTP/1.1 200"),
        "binary dictionaries are served too"
    );
    assert!(server.get("/about/").1.contains(r#"data-index="/search/""#));
}

#[test]
fn a_half_written_save_is_not_reported_as_broken() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    let path = site.root().join("content/about.md");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(b"---\ntitle: About").unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(5));
    file.write_all(b" us\n---\nSaved in two writes.\n").unwrap();
    drop(file);
    let event: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
    assert_eq!(event["ok"], true, "the build saw the whole file: {event}");
    assert!(server.get("/about/").1.contains("Saved in two writes."));
}

#[test]
fn a_template_mistake_shows_in_the_overlay_as_the_build_would_report_it() {
    let site = site();
    let server = Server::start(&site);
    let mut events = server.events();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.colour }}{% endblock content %}",
    );
    // The first event is the rebuild; the template check renders every page once edits pause.
    let deadline = Instant::now() + Duration::from_secs(15);
    let errors = loop {
        let status: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
        if status["ok"] == false {
            break status["errors"].clone();
        }
        assert!(Instant::now() < deadline, "no error reached the overlay");
    };
    let first = &errors[0];
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("Field `colour` is not defined"),
        "{errors}"
    );
    assert!(
        first["location"]
            .as_str()
            .unwrap()
            .starts_with("templates/page.html:1:"),
        "{errors}"
    );
    let build = site.signpost(&["build"]);
    assert!(
        build.stderr.contains("templates/page.html:1:53"),
        "build reports the same place:\n{}",
        build.stderr
    );
}

#[test]
fn saving_a_figure_in_data_redraws_its_chart_and_serves_its_data() {
    let site = site();
    let figure = |value: &str| {
        format!(
            "title,Contacts\nunit,contacts\nsource,Council\nsource_year,2024\nas_of,{}\n\nYear,Contacts\n2023,10\n2024,{value}\n",
            crate::common::TODAY
        )
    };
    site.write("content/figures/_index.md", "---\ntitle: Figures\n---\n");
    site.write("data/contacts.csv", &figure("12"));
    site.write(
        "content/about.md",
        "---\ntitle: About us\n---\n```figure\ndata: contacts\n```\n",
    );
    let server = Server::start(&site);
    assert!(
        server
            .get("/about/")
            .1
            .contains("Contacts rose from 10 in 2023 to 12 in 2024.")
    );
    assert_eq!(
        server.get("/api/figures/contacts.csv"),
        (200, "Year,Contacts\n2023,10\n2024,12\n".into())
    );
    let mut events = server.events();
    site.write("data/contacts.csv", &figure("15"));
    let event: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
    assert_eq!(event["ok"], true);
    assert!(
        server
            .get("/about/")
            .1
            .contains("Contacts rose from 10 in 2023 to 15 in 2024.")
    );
    assert_eq!(server.get("/figures/contacts/").0, 200);
    site.write("data/contacts.csv", &figure("1x5"));
    let event: Value = serde_json::from_str(&next_event(&mut events, "build")).unwrap();
    assert_eq!(event["errors"][0]["location"], "data/contacts.csv:9:6");
}

#[test]
fn the_preview_shows_staff_what_is_unfinished_and_the_published_site_does_not() {
    let site = site();
    site.write(
        "content/about.md",
        "---\ntitle: About us\nreview_by: 2025-12-31\n---\nText.\n",
    )
    .write("content/signs/_index.md", "---\ntitle: Signs\n---\n")
    .write(
        "content/signs/0-2/medical.md",
        "---\ntitle: Medical\nband: 0-2\ncategory: medical\nsummary: S.\n---\n",
    );
    let server = Server::start(&site);
    let about = server.get("/about/").1;
    assert!(
        about.contains("Preview only: this page was due for review on 31 December 2025"),
        "{about}"
    );
    assert!(
        server
            .get("/signs/")
            .1
            .contains("Preview only: not written yet")
    );
    site.build().assert_ok();
    let published = site.read_output("about/index.html");
    assert!(!published.contains("review"), "{published}");
    assert!(
        !site
            .read_output("signs/index.html")
            .contains("not written yet")
    );
}

#[test]
fn the_browser_editor_is_previewed_without_reloads() {
    let site = site();
    site.write("cms/editor.yaml", "backend: github\nrepo: a/b\n")
        .write("cms/sveltia-cms.js", "/* the editor */\n");
    let server = Server::start(&site);
    let (status, page) = server.get("/admin/");
    assert_eq!(status, 200);
    assert!(
        page.contains("<script src=\"/admin/sveltia-cms.js\"></script>"),
        "{page}"
    );
    assert!(
        !page.contains("live.js"),
        "a save in the editor must not reload the editor itself"
    );
    let (status, config) = server.get("/admin/config.yml?_=1");
    assert_eq!(status, 200);
    assert!(config.contains("repo: a/b"), "{config}");
    assert_eq!(server.get("/admin/sveltia-cms.js").1, "/* the editor */\n");
}

#[test]
fn the_directorys_feed_answers_at_its_standard_paths() {
    let site = crate::common::directory::site();
    let server = Server::start(&site);
    let (status, body) = server.get("/api/services?page=1");
    assert_eq!(status, 200, "{body}");
    let list: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list["total_items"], 2);
    let id = list["contents"][0]["id"].as_str().unwrap();
    let (status, body) = server.get(&format!("/api/services/{id}"));
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap()["id"], id);
    assert_eq!(server.get("/api").0, 200);
}
