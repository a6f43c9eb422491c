//! The `signpost` command.

fn main() -> std::process::ExitCode {
    signpost::cmd::main()
}
