//! A web server on 127.0.0.1 inside the test process, answering each request from a closure,
//! for testing imports from a feed without the network.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the server answers.
pub enum Reply {
    Json(String),
    /// A status code with a short body.
    Status(u16),
    /// The JSON, after a wait.
    Slow(Duration, String),
}

/// One request as the handler sees it: its path, its query, and how many times this exact
/// path and query have been asked for (1 the first time).
pub struct Request<'a> {
    pub path: &'a str,
    pub query: Option<&'a str>,
    pub count: usize,
}

pub struct TestServer {
    pub url: String,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
    /// Every request, as `path?query`.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> TestServer {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler = Arc::new(handler);
        let thread = {
            let (server, requests) = (server.clone(), requests.clone());
            std::thread::spawn(move || {
                let counts: Mutex<HashMap<String, usize>> = Mutex::new(HashMap::new());
                for request in server.incoming_requests() {
                    let whole = request.url().to_string();
                    requests.lock().unwrap().push(whole.clone());
                    let count = {
                        let mut counts = counts.lock().unwrap();
                        let count = counts.entry(whole.clone()).or_default();
                        *count += 1;
                        *count
                    };
                    let (path, query) = match whole.split_once('?') {
                        Some((path, query)) => (path.to_string(), Some(query.to_string())),
                        None => (whole.clone(), None),
                    };
                    let reply = handler(&Request {
                        path: &path,
                        query: query.as_deref(),
                        count,
                    });
                    let json = |body: String| {
                        tiny_http::Response::from_string(body).with_header(
                            tiny_http::Header::from_bytes("Content-Type", "application/json")
                                .unwrap(),
                        )
                    };
                    let response = match reply {
                        Reply::Json(body) => json(body),
                        Reply::Status(code) => {
                            json(format!("{{\"error\": {code}}}")).with_status_code(code)
                        }
                        Reply::Slow(wait, body) => {
                            std::thread::sleep(wait);
                            json(body)
                        }
                    };
                    let _ = request.respond(response);
                }
            })
        };
        TestServer {
            url,
            server,
            thread: Some(thread),
            requests,
        }
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
