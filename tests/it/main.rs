//! The integration tests: fixture sites built in temporary folders, as comms staff build them,
//! with the output files and messages checked. One test binary, so it links once.

mod common;

mod agreement;
mod architecture;
mod bad_input;
mod build;
mod check;
mod clock;
mod directory;
mod help_hours;
mod import;
mod oruk;
mod routes;
mod search;
mod serve;
mod signs;
mod snapshots;
mod spreadsheet;
