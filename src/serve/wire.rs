//! HTTP/1.1 as the dev server speaks it: a thread for each connection, its requests read one
//! after another while the browser keeps it open, each request's head parsed by httparse.
//!
//! A thread for each connection is the point. With tiny_http's shared pool of connection
//! threads, a browser's new connection could wait in a queue while every thread sat on another
//! kept-open connection: in 4 of 15 page loads in a fresh browser, the page's last script (the
//! live-reload one) never got an answer, and that page never reloaded on a save.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// How long a kept-open connection may sit idle before its thread lets it go.
const IDLE: Duration = Duration::from_secs(120);
/// The longest request head read: a browser's is well under 2 KB.
const MAX_HEAD: usize = 16 * 1024;
const MAX_HEADERS: usize = 64;

/// A request's target (`/worried/?x=1`) and whether the answer needs a body.
#[derive(Debug)]
pub struct Request {
    pub target: String,
    head_only: bool,
    keep_alive: bool,
}

/// A whole response, sent with its length.
#[derive(Debug)]
pub struct Response {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// The status line, headers and (unless only the head was asked for) the body, in one
    /// buffer so they leave in one write.
    fn bytes(&self, head_only: bool, keep_alive: bool) -> Vec<u8> {
        let reason = http::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or("");
        let mut out = format!("HTTP/1.1 {} {reason}\r\n", self.status);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        if !keep_alive {
            out.push_str("Connection: close\r\n");
        }
        out.push_str("\r\n");
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        bytes
    }
}

/// What the server does with a request.
pub enum Answer {
    Whole(Response),
    /// The connection is handed over to be written to for as long as the handler likes (an
    /// event stream), and closed after.
    Stream(Box<dyn FnOnce(TcpStream) + Send>),
}

/// Answers the requests of one connection until the browser closes it, sends a request
/// that cannot be read, or leaves it idle too long.
pub fn serve_connection(stream: TcpStream, mut answer: impl FnMut(&Request) -> Answer) {
    // Small responses go out at once rather than wait for the browser's acknowledgement.
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE));
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut writer = stream;
    loop {
        let request = match read_request(&mut reader) {
            Ok(Some(request)) => request,
            Ok(None) => return,
            Err(refusal) => {
                let _ = writer.write_all(&refusal.bytes(false, false));
                return;
            }
        };
        match answer(&request) {
            Answer::Whole(response) => {
                let bytes = response.bytes(request.head_only, request.keep_alive);
                if writer.write_all(&bytes).is_err() || !request.keep_alive {
                    return;
                }
            }
            Answer::Stream(write_to) => return write_to(writer),
        }
    }
}

/// The next request on the connection; None once it is closed or idle. A request the dev
/// server will not answer (a body, a method other than GET or HEAD, a head too long) is
/// the response that refuses it, after which the connection closes.
fn read_request(reader: &mut impl BufRead) -> Result<Option<Request>, Response> {
    let Some(head) = read_head(reader)? else {
        return Ok(None);
    };
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(&head) {
        Ok(httparse::Status::Complete(_)) => {}
        _ => return Err(refused(400, "That request could not be read.")),
    }
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|length| length.trim() != "0");
    let head_only = match parsed.method {
        Some("GET") if !has_body => false,
        Some("HEAD") if !has_body => true,
        _ => {
            return Err(
                refused(405, "The preview only answers GET and HEAD.").header("Allow", "GET, HEAD")
            );
        }
    };
    let connection = header("connection").unwrap_or_default();
    let keep_alive = match parsed.version {
        Some(1) => !connection.contains("close"),
        _ => connection.contains("keep-alive"),
    };
    Ok(Some(Request {
        target: parsed.path.unwrap_or("/").to_string(),
        head_only,
        keep_alive,
    }))
}

/// The bytes of a request head, up to and including its blank line; None if the connection
/// closed (or sat idle) before one began.
fn read_head(reader: &mut impl BufRead) -> Result<Option<Vec<u8>>, Response> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        // Never more than the limit, however long a line runs.
        let room = (MAX_HEAD + 1 - before) as u64;
        match reader.by_ref().take(room).read_until(b'\n', &mut head) {
            Ok(0) | Err(_) if head.is_empty() => return Ok(None),
            Ok(0) => return Err(refused(400, "The request ended before its head did.")),
            Ok(_) => {}
            Err(_) => return Ok(None),
        }
        if head.len() > MAX_HEAD {
            return Err(refused(431, "The request's head is too long."));
        }
        let line = &head[before..];
        // Blank lines before a request are allowed (RFC 9112, 2.2).
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                head.clear();
                continue;
            }
            return Ok(Some(head));
        }
    }
}

fn refused(status: u16, message: &str) -> Response {
    Response::new(message)
        .status(status)
        .header("Content-Type", "text/plain; charset=utf-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(raw: &str) -> Result<Option<Request>, Response> {
        read_request(&mut raw.as_bytes())
    }

    #[test]
    fn requests_follow_one_another_on_a_kept_open_connection() {
        let mut raw = "GET /a/?x=1 HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".as_bytes();
        let first = read_request(&mut raw).unwrap().unwrap();
        assert_eq!(first.target, "/a/?x=1");
        assert!(first.keep_alive && !first.head_only);
        let second = read_request(&mut raw).unwrap().unwrap();
        assert_eq!(second.target, "/b/");
        assert!(!second.keep_alive && second.head_only);
        assert!(read_request(&mut raw).unwrap().is_none());
    }

    #[test]
    fn http_1_0_closes_unless_asked_to_keep_alive() {
        let plain = read("GET / HTTP/1.0\r\n\r\n").unwrap().unwrap();
        assert!(!plain.keep_alive);
        let kept = read("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
            .unwrap()
            .unwrap();
        assert!(kept.keep_alive);
    }

    #[test]
    fn what_the_preview_does_not_answer_is_refused_with_a_reason() {
        let status = |raw: &str| read(raw).err().map(|response| response.status);
        assert_eq!(status("POST / HTTP/1.1\r\n\r\n"), Some(405));
        assert_eq!(
            status("GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"),
            Some(405)
        );
        assert_eq!(status("GARBAGE\r\n\r\n"), Some(400));
        assert_eq!(status("GET / HTTP/1.1\r\nHost: x"), Some(400));
        let long = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(MAX_HEAD));
        assert_eq!(status(&long), Some(431));
    }

    #[test]
    fn a_response_carries_its_length_and_says_when_the_connection_closes() {
        let response = Response::new("hello").header("Content-Type", "text/plain");
        let kept = String::from_utf8(response.bytes(false, true)).unwrap();
        assert_eq!(
            kept,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
        );
        let closing = String::from_utf8(response.bytes(true, false)).unwrap();
        assert!(closing.ends_with("Content-Length: 5\r\nConnection: close\r\n\r\n"));
    }
}
