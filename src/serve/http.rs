//! The dev server's HTTP side: answers only for the site's own pages and files (which live in
//! memory, so no path can reach the disk), injects the live-reload script into HTML, and
//! streams build events to open pages.

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use percent_encoding::percent_decode_str;

use super::state::{Good, Snapshot, State};
use super::wire::{Answer, Request, Response};
use crate::render;
use crate::routes::{Route, Target};

/// A file of the dev server's own, at an address named by its bytes like the theme's assets,
/// so a reload takes it from the browser's cache.
struct OwnFile {
    path: String,
    text: &'static str,
    content_type: &'static str,
}

impl OwnFile {
    fn new(name: &str, text: &'static str, content_type: &'static str) -> Self {
        let hashed = crate::assets::hashed_name(name, text.as_bytes());
        Self {
            path: format!("/__signpost/{hashed}"),
            text,
            content_type,
        }
    }
}

static LIVE_JS: LazyLock<OwnFile> = LazyLock::new(|| {
    OwnFile::new(
        "live.js",
        include_str!("live.js"),
        "text/javascript; charset=utf-8",
    )
});
static OVERLAY_CSS: LazyLock<OwnFile> = LazyLock::new(|| {
    OwnFile::new(
        "overlay.css",
        include_str!("overlay.css"),
        "text/css; charset=utf-8",
    )
});

/// How often an idle event stream sends a comment, so closed pages are noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

pub fn handle(request: &Request, state: &Arc<State>) -> Answer {
    let Some(path) = safe_path(&request.target) else {
        return Answer::Whole(text(
            403,
            "Forbidden: that address points outside the site.",
        ));
    };
    let snapshot = state.current();
    let response = match path.as_str() {
        "/__signpost/events" => {
            let state = state.clone();
            return Answer::Stream(Box::new(move |stream| {
                stream_events(stream, &state, &snapshot)
            }));
        }
        own if let Some(file) = own_file(own) => kept(Response::new(file.text), file.content_type),
        "/__signpost/status" => {
            let json = serde_json::to_string(&snapshot.status()).expect("status serialises");
            with_type(Response::new(json), "application/json")
        }
        _ if is_search_file(&path) => match state.search_file(&path) {
            Some(bytes) => with_type(Response::new(bytes.to_vec()), content_type(&path)),
            None => text(404, "The search index is still being built."),
        },
        _ => {
            // The Open Referral UK feed answers at its standard paths, as a host's rules make it.
            let query = request.target.split_once('?').map(|(_, query)| query);
            let path = crate::directory::oruk::hosting::resolve(&path, query).unwrap_or(path);
            match &snapshot.good {
                Some(good) => site_response(good, &path, snapshot.generation),
                None => first_build_failed(snapshot.generation),
            }
        }
    };
    Answer::Whole(response)
}

/// The dev server's own file at `path`, if it is one.
fn own_file(path: &str) -> Option<&'static OwnFile> {
    [&*LIVE_JS, &*OVERLAY_CSS]
        .into_iter()
        .find(|file| file.path == path)
}

/// A file of a search index: under `/search/`, or a language's `/pl/search/`, which the dev
/// server builds after the pages.
fn is_search_file(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let under_search = segments.first() == Some(&super::state::SEARCH_FOLDER)
        || segments.get(1) == Some(&super::state::SEARCH_FOLDER);
    under_search && (path.ends_with(".json") || path.ends_with(".bin"))
}

/// The decoded path of a request URL, or None if it could climb out of the site: `..` or `.`
/// segments (written or percent-encoded), backslashes, NUL, or invalid UTF-8.
pub fn safe_path(url: &str) -> Option<String> {
    let raw = url.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode_str(raw).decode_utf8().ok()?;
    let unsafe_segment = decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".");
    if !decoded.starts_with('/') || unsafe_segment || decoded.contains(['\\', '\0']) {
        return None;
    }
    Some(decoded.into_owned())
}

fn site_response(good: &Good, path: &str, generation: u64) -> Response {
    if let Some(file) = good.files.get(path) {
        let response = Response::new(file.bytes.clone());
        return if good.hashed.contains(path) {
            kept(response, content_type(path))
        } else {
            with_type(response, content_type(path))
        };
    }
    // A page another stage made (the browser editor's), served as a static host serves it.
    if path.ends_with('/')
        && let Some(file) = good.files.get(&format!("{path}index.html"))
    {
        return with_type(
            Response::new(file.bytes.clone()),
            content_type("index.html"),
        );
    }
    let routes = &good.content.site.routes;
    if let Some(route) = routes.route_at(path).filter(|r| r.target.is_rendered()) {
        return render_route(good, route, 200, generation);
    }
    if !path.ends_with('/') && routes.at(&format!("{path}/")).is_some() {
        return Response::new(Vec::new())
            .status(301)
            .header("Location", format!("{path}/"));
    }
    match routes.route_of(Target::NotFound) {
        Some(route) => render_route(good, route, 404, generation),
        None => text(404, "Not found."),
    }
}

fn render_route(good: &Good, route: &Route, status: u16, generation: u64) -> Response {
    let site = good.content.editions()[route.lang.0];
    let site_view = &good.site_views[route.lang.0];
    match render::render_route(site, site_view, &good.theme.templates, route) {
        Ok(file) => {
            let name = file.path.to_string_lossy().into_owned();
            let body = if name.ends_with(".html") {
                with_live_reload(
                    String::from_utf8_lossy(&file.bytes).into_owned(),
                    generation,
                )
                .into_bytes()
            } else {
                file.bytes
            };
            with_type(Response::new(body), content_type(&name)).status(status)
        }
        Err(problem) => {
            let message = format!("This page could not be rendered: {}", problem.message);
            with_type(
                Response::new(live_page(&message, generation)),
                "text/html; charset=utf-8",
            )
            .status(500)
        }
    }
}

/// A page for when no build has succeeded yet: the overlay shows the problems on it.
fn first_build_failed(generation: u64) -> Response {
    with_type(
        Response::new(live_page("The site has not built yet.", generation)),
        "text/html; charset=utf-8",
    )
    .status(500)
}

fn live_page(message: &str, generation: u64) -> String {
    let mut escaped = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut escaped, message);
    with_live_reload(
        format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>signpost</title></head><body><main><h1>signpost</h1><p>{escaped}</p></main></body></html>"
        ),
        generation,
    )
}

/// Adds the live-reload script, tagged with the build the page came from.
fn with_live_reload(html: String, generation: u64) -> String {
    let script = format!(
        "<script src=\"{}\" data-build=\"{generation}\" data-overlay=\"{}\" defer></script>",
        LIVE_JS.path, OVERLAY_CSS.path
    );
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => html + &script,
    }
}

/// Holds the connection open and writes each build event as it happens.
fn stream_events(mut writer: TcpStream, state: &State, snapshot: &Arc<Snapshot>) {
    let events = state.subscribe();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let hello = format!(
        "retry: 500\nevent: hello\ndata: {}\n\n",
        snapshot.generation
    );
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.write_all(hello.as_bytes()))
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match events.recv_timeout(KEEPALIVE) {
            Ok(event) => event,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": keepalive\n\n".into(),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(message.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

fn text(status: u16, body: &str) -> Response {
    with_type(Response::new(body), "text/plain; charset=utf-8").status(status)
}

/// Every response is fetched afresh, so a reload shows the latest build...
fn with_type(response: Response, content_type: &str) -> Response {
    with_headers(response, content_type, "no-store")
}

/// ...except a file whose address names its bytes, which a reload need not ask for again: a
/// page's scripts and stylesheet then come from the browser's cache, a third of a reload.
fn kept(response: Response, content_type: &str) -> Response {
    with_headers(response, content_type, "max-age=31536000, immutable")
}

fn with_headers(response: Response, content_type: &str, cache_control: &str) -> Response {
    response
        .header("Content-Type", content_type)
        .header("Cache-Control", cache_control)
}

/// The content type for a file name's extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "csv" => "text/csv; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_however_it_is_written() {
        for url in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/a/%2E%2E/%2E%2E/etc/passwd",
            "/..%2fsite.yaml",
            "/..%5csite.yaml",
            "/a/./b",
            "/%00",
            "relative",
        ] {
            assert_eq!(safe_path(url), None, "{url}");
        }
        assert_eq!(safe_path("/worried/?x=1").as_deref(), Some("/worried/"));
        assert_eq!(
            safe_path("/young%20people/").as_deref(),
            Some("/young people/")
        );
    }

    #[test]
    fn the_live_script_goes_before_the_end_of_the_body() {
        let html = with_live_reload("<body><p>x</p></body></html>".into(), 7);
        let script = format!(
            "<p>x</p><script src=\"{}\" data-build=\"7\" data-overlay=\"{}\" defer></script></body>",
            LIVE_JS.path, OVERLAY_CSS.path
        );
        assert!(html.contains(&script), "{html}");
        assert!(LIVE_JS.path.starts_with("/__signpost/live.") && LIVE_JS.path.ends_with(".js"));
    }
}
