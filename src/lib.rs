//! signpost: a static site generator for child-neglect awareness websites.
//!
//! The modules are layered, each using only those below it (a test checks there are no
//! cycles):
//!
//! - leaves: `diagnostics`, `date`, `hours` (days and times), `yaml`, `suggest`, `layout`
//!   (where sources live),
//!   `output` (the files a build writes), `theme` (finding a theme's files);
//! - the model, one kind of source each: `config`, `content`, `signs`, `voices`, `directory`;
//! - `routes`: every address the site publishes, each with one owner;
//! - `links` (resolving what pages link to) and `site` (the assembled model);
//! - `validate` (every check that looks across files), `search`, `views` (what templates see),
//!   `templates` and `assets`;
//! - `render` (the site to files, no I/O), then `pipeline` (the stages in order);
//! - `serve`, `import`, `init`, and `cmd`, the command line, which drives them all.

pub mod assets;
pub mod cmd;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod directory;
pub mod hours;
pub mod import;
pub mod init;
pub mod layout;
pub mod links;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod routes;
pub mod search;
pub mod serve;
pub mod signs;
pub mod site;
pub mod suggest;
pub mod templates;
pub mod theme;
pub mod validate;
pub mod views;
pub mod voices;
pub mod yaml;
