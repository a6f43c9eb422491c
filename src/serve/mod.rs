//! `signpost serve`: builds the site, serves it on this computer, rebuilds when a file is
//! saved and reloads the open pages; a failed build shows its problems over the last good page.

mod http;
mod state;
mod watch;

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::content::stamps::Touched;
use crate::date::Date;
use crate::diagnostics::{self, Diagnostic};
use crate::pipeline::BuildOptions;
use state::{Change, State};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub today: Date,
}

pub fn run(options: ServeOptions) -> Result<(), Diagnostic> {
    let listening = std::net::TcpListener::bind((options.bind, options.port));
    if let Ok(listener) = &listening {
        send_without_delay(listener);
    }
    let server = listening
        .map_err(Into::into)
        .and_then(|listener| tiny_http::Server::from_listener(listener, None))
        .map_err(|error| cannot_listen(&options, error))?;
    let address = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| Diagnostic::error("the server has no address"))?;
    let url = format!("http://{address}/");
    let build_options = BuildOptions {
        output: options.root.join("public"),
        root: options.root.clone(),
        base_url: Some(url.clone()),
        drafts: options.drafts,
        today: options.today,
        preview: true,
        defer_cleanup: false,
    };
    let state = Arc::new(State::new(build_options));
    let watcher_state = state.clone();
    // Watching starts before the first build, so a save made during it is seen.
    let watching = watch::start(&options.root, move |change, touched| {
        rebuild(&watcher_state, change, touched)
    });
    rebuild(&state, Change::Everything, Touched::Unknown);
    let _watching = watching
        .map_err(|error| {
            eprintln!("signpost cannot watch the site's files ({error}); save, then reload the page by hand.")
        })
        .ok();
    println!("Serving the site at {url} (press Ctrl+C to stop).");
    if options.open {
        let _ = open::that_detached(&url);
    }
    for request in server.incoming_requests() {
        let state = state.clone();
        std::thread::spawn(move || http::handle(request, &state));
    }
    Ok(())
}

fn cannot_listen(options: &ServeOptions, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!(
        "cannot listen on {}:{}: {error}",
        options.bind, options.port
    ))
    .with_help("another program may be using that port: try --port 0 to pick a free one, or stop the other program")
}

/// A browser fetches a page's scripts and stylesheet one after another. The server writes each
/// response's headers and body separately, and without TCP_NODELAY the body waited for the
/// browser's delayed acknowledgement of the headers: about 40 ms a file, 200 ms a reload.
/// Connections the listener accepts inherit the setting.
#[cfg(unix)]
fn send_without_delay(listener: &std::net::TcpListener) {
    use std::os::fd::AsRawFd;
    let on: libc::c_int = 1;
    // SAFETY: the descriptor is the listener's own and open; the value is a c_int of the
    // length given, which setsockopt only reads.
    unsafe {
        libc::setsockopt(
            listener.as_raw_fd(),
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&raw const on).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        );
    }
}

#[cfg(not(unix))]
fn send_without_delay(_: &std::net::TcpListener) {}

/// Rebuilds, then tells the terminal the same story the page shows.
fn rebuild(state: &Arc<State>, change: Change, touched: Touched) {
    let started = Instant::now();
    let problems = state.rebuild(change, &touched);
    eprint!("{}", diagnostics::render(&problems, state.root(), false));
    if problems.has_errors() {
        eprintln!(
            "The build failed: the last good version stays served until the problems are fixed."
        );
    } else {
        println!("Built in {} ms.", started.elapsed().as_millis());
    }
}
