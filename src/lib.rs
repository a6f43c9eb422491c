//! signpost: a static site generator for child-neglect awareness websites.
//!
//! The modules are layered, each using only those below it (a test checks there are no
//! cycles):
//!
//! - leaves: `diagnostics` (and `annotations`, their GitHub Actions form), `date`, `hours`
//!   (days and times), `yaml`, `suggest`, `text` (reading sources safely), `phone`, `layout`
//!   (where sources live), `compact` (the indentation taken out of rendered HTML),
//!   `output` (the files a build writes), `theme` (finding a theme's files), `language` (which
//!   language a source is in) and `strings` (the theme's words in each language);
//! - the model, one kind of source each: `config`, `content`, `signs`, `voices`, `directory`,
//!   `figures`;
//! - `routes`: every address the site publishes, each with one owner;
//! - `links` (resolving what pages link to) and `site` (the assembled model);
//! - `validate` (every check that looks across files), `search`, `views` (what templates see),
//!   `templates` and `assets`;
//! - `cms` (the browser editor's files, from the content model) and `fetch` (one download, for
//!   the commands that set a site up);
//! - `render_cache` (what earlier builds' templates made), `render` (the site to files, no
//!   I/O), then `pipeline` (the stages in order);
//! - `serve`, `import`, `init`, `publish` (the CI files that publish a site), and `cmd`, the
//!   command line, which drives them all.

pub mod annotations;
pub mod assets;
pub mod az;
pub mod cmd;
pub mod cms;
pub mod compact;
pub mod config;
pub mod content;
pub mod date;
pub mod diagnostics;
pub mod directory;
pub mod fetch;
pub mod figures;
pub mod hosting;
pub mod hours;
pub mod import;
pub mod init;
pub mod language;
pub mod layout;
pub mod links;
pub mod memo;
pub mod output;
pub mod phone;
pub mod pipeline;
pub mod publish;
pub mod render;
pub mod render_cache;
pub mod routes;
pub mod search;
pub mod serve;
pub mod signs;
pub mod site;
pub mod strings;
pub mod suggest;
pub mod templates;
pub mod text;
pub mod theme;
pub mod translation;
pub mod validate;
pub mod views;
pub mod voices;
pub mod yaml;
