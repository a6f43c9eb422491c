//! signpost: a static site generator for child-neglect awareness websites.

mod assets;
mod check;
mod cli;
mod config;
mod content;
mod date;
mod diagnostics;
mod directory;
mod host_headers;
mod import;
mod init;
mod links;
mod output;
mod pipeline;
mod render;
mod search;
mod serve;
mod signs;
mod site;
mod suggest;
mod templates;
mod views;
mod voices;
mod yaml;

fn main() -> std::process::ExitCode {
    cli::run()
}
