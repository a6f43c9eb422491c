//! Fixture sites in temporary folders, and running the signpost binary on them.
#![allow(dead_code)]

pub mod directory;

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

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

    pub fn signpost(&self, args: &[&str]) -> Run {
        let output = Command::cargo_bin("signpost")
            .unwrap()
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run(output)
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

pub struct Run(pub Output);

impl Run {
    pub fn success(&self) -> bool {
        self.0.status.success()
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
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
        let output = Command::cargo_bin("signpost")
            .unwrap()
            .args(["build", "--root"])
            .arg(repo)
            .arg("--output")
            .arg(dir.path().join("site"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "the example site failed to build:\n{stderr}"
        );
        ExampleBuild { dir, stderr }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join("site").join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }
}
