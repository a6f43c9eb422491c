//! `signpost serve`: builds the site, serves it on this computer, rebuilds when a file is
//! saved and reloads the open pages; a failed build shows its problems over the last good page.

mod http;
mod state;
mod watch;
mod wire;

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
    let listener = std::net::TcpListener::bind((options.bind, options.port))
        .and_then(|listener| Ok((listener.local_addr()?, listener)))
        .map_err(|error| cannot_listen(&options, error));
    let (address, listener) = listener?;
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
    for stream in listener.incoming().flatten() {
        let state = state.clone();
        std::thread::spawn(move || {
            wire::serve_connection(stream, |request| http::handle(request, &state))
        });
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
