//! The `signpost` command.

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read before `main` (its `malloc_conf`, a C string; the environment's
/// `_RJEM_MALLOC_CONF` still overrides them). One arena, not eight: a build's threads each
/// keep a thread cache, so one arena was no slower, and a clean build of the 10,000-page site
/// peaked at 341-346 MB rather than 390-411 MB (bench/compare.sh weighs the peak).
#[cfg(target_os = "linux")]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static JEMALLOC_SETTINGS: &[u8; 10] = b"narenas:1\0";

fn main() -> std::process::ExitCode {
    signpost::cmd::main()
}
