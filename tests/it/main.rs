//! The integration tests: fixture sites built in temporary folders, as comms staff build them,
//! with the output files and messages checked. One test binary, so it links once.

mod common;

mod agreement;
mod annotations;
mod architecture;
mod bad_input;
mod build;
mod check;
mod clock;
mod cms;
mod directory;
mod docker;
mod figures;
mod first_week;
mod help_hours;
mod hostile;
mod import;
mod languages;
mod oruk;
mod output;
mod pagination;
mod publish;
mod readme;
mod routes;
mod safety;
mod search;
mod serve;
mod serve_reuse;
mod signs;
mod snapshots;
mod spreadsheet;
mod starter;
