//! Fixture sites in temporary folders, and running signpost on them: in this process through
//! the same command-line driver the binary uses (fast, and the default), or as the binary
//! itself where the exit code of a real process is what is tested.
#![allow(dead_code)]

pub mod directory;
pub mod http;
pub mod oruk;
pub mod server;
pub mod starter;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The date every test builds on, as SOURCE_DATE_EPOCH (2026-12-01, midnight UTC), so review
/// dates and listing dates judge the same on any day the tests run.
pub const TODAY_EPOCH: &str = "1796083200";
pub const TODAY: &str = "2026-12-01";

/// Runs `signpost ARGS` in `dir` within this process, with the tests' fixed date.
pub fn signpost_in<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Run {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut env = signpost::cmd::Env {
        cwd: dir.to_path_buf(),
        source_date_epoch: Some(TODAY_EPOCH.into()),
        color: false,
        cleanup_in_background: false,
        out: &mut out,
        err: &mut err,
    };
    let argv: Vec<OsString> = std::iter::once(OsString::from("signpost"))
        .chain(args.iter().map(|a| a.as_ref().to_os_string()))
        .collect();
    let code = signpost::cmd::run(argv, &mut env);
    Run {
        code: Some(i32::from(code)),
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// Runs the signpost binary with `args` in `dir`, with the tests' fixed date.
pub fn spawn_in<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Run {
    let output = Command::cargo_bin("signpost")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .output()
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub const SITE_YAML: &str = r#"title: Fixture Site
base_url: https://fixture.example.org/
partnership: Fixture Partnership
help_contacts:
  - label: Childline
    phone: 0800 1111
    description: Free for under-18s.
"#;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// A minimal buildable site: site.yaml and a home page.
    pub fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        fixture.write("site.yaml", SITE_YAML);
        fixture.write(
            "content/_index.md",
            "---\ntitle: Home\ndescription: The home page.\n---\nWelcome.\n",
        );
        fixture
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) -> &Fixture {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.root().join(relative)).unwrap();
    }

    /// Runs `signpost ARGS` in the site's folder, in this process.
    pub fn signpost(&self, args: &[&str]) -> Run {
        signpost_in(self.root(), args)
    }

    /// Runs the signpost binary in the site's folder.
    pub fn spawn(&self, args: &[&str]) -> Run {
        spawn_in(self.root(), args)
    }

    pub fn build(&self) -> Run {
        self.signpost(&["build"])
    }

    pub fn output(&self, relative: &str) -> PathBuf {
        self.root().join("public").join(relative)
    }

    pub fn read_output(&self, relative: &str) -> String {
        std::fs::read_to_string(self.output(relative))
            .unwrap_or_else(|e| panic!("cannot read public/{relative}: {e}"))
    }
}

/// What a run of signpost printed, and its exit code.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    pub fn stdout(&self) -> String {
        self.stdout.clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.clone()
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Run {
        assert!(
            self.success(),
            "build failed:\n{}{}",
            self.stdout(),
            self.stderr()
        );
        self
    }

    #[track_caller]
    pub fn assert_failed(&self) -> &Run {
        assert!(
            !self.success(),
            "build should have failed:\n{}",
            self.stdout()
        );
        self
    }

    /// How many errors the error output reports.
    pub fn error_count(&self) -> usize {
        self.stderr
            .lines()
            .filter(|line| line.starts_with("error:") || line.starts_with("error["))
            .count()
    }

    /// Asserts that the error output contains each of `parts`.
    #[track_caller]
    pub fn assert_stderr_has(&self, parts: &[&str]) -> &Run {
        let stderr = self.stderr();
        for part in parts {
            assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
        }
        self
    }
}

/// The example site's warnings other than for its placeholder phone numbers, which it has on
/// purpose: Ofcom's drama numbers are right for a fictional partnership, and signpost warns
/// about them so a real site never goes live with one.
pub fn unexpected_warnings(stderr: &str) -> Vec<String> {
    stderr
        .split("\n\n")
        .filter(|block| block.contains("warning:"))
        .filter(|block| !block.contains("placeholder"))
        .map(str::to_string)
        .collect()
}

/// The example site at the repository root, built into a temporary folder.
pub struct ExampleBuild {
    pub dir: tempfile::TempDir,
    pub stderr: String,
}

impl ExampleBuild {
    /// Builds the example site; panics (with the errors) if the build fails.
    pub fn new() -> ExampleBuild {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let run = signpost_in(
            repo,
            &[
                OsString::from("build"),
                "--output".into(),
                site.into_os_string(),
            ],
        );
        assert!(
            run.success(),
            "the example site failed to build:\n{}",
            run.stderr
        );
        ExampleBuild {
            dir,
            stderr: run.stderr,
        }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join("site").join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }
}

/// Every file of a built site, by its path; not the marker file, which records when each
/// file was written so the next build can tell what changed.
pub fn files_of(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| entry.file_name() != ".signpost-output")
        .map(|entry| {
            let relative = entry.path().strip_prefix(dir).unwrap();
            (
                relative.to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}
