//! Publishing on every push (`signpost init --publish`, `signpost publish-setup`): the files
//! each host reads are valid with the steps README.md describes, and their commands, run in a
//! shell on a fresh clone of a new site, download signpost (here the binary these tests
//! built, served from 127.0.0.1 as a release), check it against the pinned SHA-256, and build
//! the site.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use signpost::publish::release::{ASSET, SUMS};

use crate::common::http::{FileServer, unreachable_url};
use crate::common::{Fixture, Run, signpost_in};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The signpost binary these tests run, served as a release with its SHA256SUMS. When
/// `tampered`, the binary served is not the one SHA256SUMS lists.
fn release(tampered: bool) -> (FileServer, String) {
    let (binary, sha256) = built_binary();
    let served = if tampered {
        let mut other = binary.to_vec();
        other.extend_from_slice(b"tampered");
        other
    } else {
        binary.to_vec()
    };
    let sha256 = sha256.to_string();
    let server = FileServer::start(HashMap::from([
        (format!("/v{VERSION}/{ASSET}"), served),
        (
            format!("/v{VERSION}/{SUMS}"),
            format!("{sha256}  {ASSET}\n").into_bytes(),
        ),
    ]));
    (server, sha256)
}

/// The binary these tests run and its SHA-256, read once: it is a debug build of a few hundred
/// megabytes, hashed by `sha256sum` (as the CI files hash it) rather than by unoptimised Rust.
fn built_binary() -> &'static (Vec<u8>, String) {
    static BUILT: std::sync::OnceLock<(Vec<u8>, String)> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let path = assert_cmd::cargo::cargo_bin("signpost");
        let output = Command::new("sha256sum").arg(&path).output().unwrap();
        let sha256 = String::from_utf8(output.stdout).unwrap()[..64].to_string();
        (std::fs::read(&path).unwrap(), sha256)
    })
}

/// `signpost init site --publish HOST` in a new folder, against `releases`.
fn init(host: &str, releases: &str) -> (tempfile::TempDir, PathBuf, Run) {
    let dir = tempfile::tempdir().unwrap();
    let run = signpost_in(
        dir.path(),
        &["init", "site", "--publish", host, "--releases", releases],
    );
    let site = dir.path().join("site");
    (dir, site, run)
}

fn yaml(path: &Path) -> Value {
    signpost::yaml::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=Comms",
            "-c",
            "user.email=comms@example.org",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The site committed to a repository and cloned afresh, so only what is committed is there.
/// As README's walkthrough says, the partnership makes the starter its own first: its
/// placeholder numbers and unwritten squares of the signs table stop `check --strict`.
fn fresh_clone(site: &Path) -> PathBuf {
    crate::common::starter::make_it_our_own(site);
    git(site, &["init", "--quiet"]);
    git(site, &["add", "-A"]);
    git(site, &["commit", "--quiet", "-m", "A new site"]);
    let clone = site.parent().unwrap().join("clone");
    git(
        site.parent().unwrap(),
        &[
            "clone",
            "--quiet",
            site.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    clone
}

/// What a CI runner does with a step's commands: a shell, in the clone, with the file's
/// variables, a home folder of its own, and no signpost on the PATH but what the steps add.
struct Runner {
    clone: PathBuf,
    home: tempfile::TempDir,
    env: Vec<(String, String)>,
    path: Vec<String>,
}

impl Runner {
    fn new(clone: PathBuf, env: Vec<(String, String)>) -> Runner {
        Runner {
            clone,
            home: tempfile::tempdir().unwrap(),
            env,
            path: vec!["/usr/local/bin".into(), "/usr/bin".into(), "/bin".into()],
        }
    }

    /// Runs `script` as `shell` would; returns (success, stdout + stderr).
    fn run(&mut self, shell: &[&str], script: &str) -> (bool, String) {
        let file = self.home.path().join("step.sh");
        std::fs::write(&file, script).unwrap();
        let github_path = self.home.path().join("github_path");
        std::fs::write(&github_path, "").unwrap();
        let output = Command::new(shell[0])
            .args(&shell[1..])
            .arg(&file)
            .current_dir(&self.clone)
            .env_clear()
            .env("HOME", self.home.path())
            .env("GITHUB_PATH", &github_path)
            .env("PATH", self.path.join(":"))
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .output()
            .unwrap();
        // GitHub puts what a step appends to $GITHUB_PATH on the PATH of the steps after it.
        for added in std::fs::read_to_string(&github_path).unwrap().lines().rev() {
            self.path.insert(0, added.to_string());
        }
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        (output.status.success(), text)
    }
}

// ---------------------------------------------------------------------------------------
// GitHub Actions

fn github_steps(workflow: &Value) -> Vec<(String, Value)> {
    workflow["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|step| (step["name"].as_str().unwrap().to_string(), step.clone()))
        .collect()
}

fn env_of(map: &Value) -> Vec<(String, String)> {
    map.as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn the_github_workflow_checks_builds_and_publishes_on_each_push() {
    let (_dir, site, run) = init("github", &release(false).0.url);
    assert!(run.success(), "{}", run.stderr());
    let workflow = yaml(&site.join(".github/workflows/publish-site.yml"));
    assert_eq!(
        workflow["on"]["push"]["branches"],
        serde_json::json!(["main"])
    );
    assert!(
        workflow["on"].get("pull_request").is_some(),
        "pull requests are checked"
    );
    assert_eq!(workflow["env"]["SIGNPOST_VERSION"], VERSION);
    let steps = github_steps(&workflow);
    let names: Vec<&str> = steps.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Get the site's files",
            "Keep signpost between runs",
            "Get signpost",
            "Check the site",
            "Build the site",
            "Hand the site to GitHub Pages"
        ]
    );
    let step = |name: &str| &steps.iter().find(|(n, _)| n == name).unwrap().1;
    assert!(
        step("Get the site's files")["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/checkout@")
    );
    let cache = step("Keep signpost between runs");
    assert!(
        cache["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/cache@")
    );
    assert_eq!(
        cache["with"]["key"],
        "signpost-${{ env.SIGNPOST_VERSION }}-${{ env.SIGNPOST_SHA256 }}"
    );
    assert_eq!(
        step("Check the site")["run"],
        "signpost check --strict --format github"
    );
    assert_eq!(step("Build the site")["run"], "signpost build");
    let upload = step("Hand the site to GitHub Pages");
    assert!(
        upload["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/upload-pages-artifact@")
    );
    assert_eq!(upload["with"]["path"], "public");
    assert_eq!(upload["if"], "github.event_name != 'pull_request'");
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(
        deploy["permissions"],
        serde_json::json!({"pages": "write", "id-token": "write"})
    );
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
    assert_eq!(
        workflow["permissions"],
        serde_json::json!({"contents": "read"})
    );
}

#[test]
fn the_github_workflows_commands_build_a_fresh_clone() {
    let (server, sha256) = release(false);
    let (_dir, site, run) = init("github", &server.url);
    assert!(run.success(), "{}", run.stderr());
    let workflow = yaml(&site.join(".github/workflows/publish-site.yml"));
    assert_eq!(
        workflow["env"]["SIGNPOST_SHA256"],
        sha256.as_str(),
        "the checksum is read from SHA256SUMS"
    );
    let clone = fresh_clone(&site);
    let mut runner = Runner::new(clone.clone(), env_of(&workflow["env"]));
    let bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail"];
    for round in 0..2 {
        for (name, step) in github_steps(&workflow) {
            let Some(script) = step["run"].as_str() else {
                continue;
            };
            let (ok, output) = runner.run(&bash, script);
            assert!(ok, "round {round}, step {name:?} failed:\n{output}");
            if name == "Get signpost" {
                assert_eq!(
                    output.contains("Downloading signpost"),
                    round == 0,
                    "{output}"
                );
                assert!(output.contains(&format!("signpost {VERSION}")), "{output}");
            }
            if name == "Check the site" {
                assert!(
                    output.contains("Checked: 0 error(s), 0 warning(s)."),
                    "{output}"
                );
            }
        }
    }
    assert!(
        clone.join("public/index.html").is_file(),
        "the upload step's path has the site"
    );
    let downloads = server
        .requests
        .lock()
        .unwrap()
        .iter()
        .filter(|p| p.ends_with(ASSET))
        .count();
    assert_eq!(downloads, 1, "the second run used the kept copy");
}

#[test]
fn a_download_that_is_not_the_pinned_binary_is_never_run() {
    let (server, _) = release(true);
    let (_dir, site, run) = init("github", &server.url);
    assert!(run.success(), "{}", run.stderr());
    let workflow = yaml(&site.join(".github/workflows/publish-site.yml"));
    let mut runner = Runner::new(site.clone(), env_of(&workflow["env"]));
    let (name, install) = github_steps(&workflow)
        .into_iter()
        .find(|(n, _)| n == "Get signpost")
        .unwrap();
    let (ok, output) = runner.run(
        &["bash", "-eo", "pipefail"],
        install["run"].as_str().unwrap(),
    );
    assert!(!ok, "{name} must fail");
    assert!(
        output.contains("is not the one this workflow names (its SHA-256 is not"),
        "{output}"
    );
    let kept = runner.home.path().join(".cache/signpost").join(VERSION);
    assert!(!kept.join("signpost").exists() && !kept.join("signpost.download").exists());
}

#[test]
fn a_kept_copy_that_has_changed_is_not_run_but_fetched_again() {
    let (server, _) = release(false);
    let (_dir, site, run) = init("github", &server.url);
    assert!(run.success(), "{}", run.stderr());
    let workflow = yaml(&site.join(".github/workflows/publish-site.yml"));
    let install = github_steps(&workflow)
        .into_iter()
        .find(|(n, _)| n == "Get signpost")
        .map(|(_, step)| step["run"].as_str().unwrap().to_string())
        .unwrap();
    let mut runner = Runner::new(site.clone(), env_of(&workflow["env"]));
    let bash = ["bash", "-eo", "pipefail"];
    assert!(runner.run(&bash, &install).0);
    let kept = runner
        .home
        .path()
        .join(".cache/signpost")
        .join(VERSION)
        .join("signpost");
    std::fs::write(&kept, "#!/bin/sh\necho not signpost\n").unwrap();
    let (ok, output) = runner.run(&bash, &install);
    assert!(ok, "{output}");
    assert!(
        output.contains("Downloading signpost"),
        "the changed copy was replaced: {output}"
    );
    assert!(output.contains(&format!("signpost {VERSION}")) && !output.contains("not signpost"));
}

// ---------------------------------------------------------------------------------------
// GitLab CI

#[test]
fn the_gitlab_job_publishes_pages_from_main_and_checks_merge_requests() {
    let (_dir, site, run) = init("gitlab", &release(false).0.url);
    assert!(run.success(), "{}", run.stderr());
    let ci = yaml(&site.join(".gitlab-ci.yml"));
    let pages = &ci["pages"];
    assert_eq!(pages["extends"], ".signpost");
    assert_eq!(
        pages["script"],
        serde_json::json!(["signpost check --strict", "signpost build"])
    );
    assert_eq!(pages["artifacts"]["paths"], serde_json::json!(["public"]));
    assert_eq!(pages["rules"][0]["if"], "$CI_COMMIT_BRANCH == \"main\"");
    assert_eq!(
        ci["check"]["script"],
        serde_json::json!(["signpost check --strict"])
    );
    assert_eq!(
        ci["check"]["rules"][0]["if"],
        "$CI_PIPELINE_SOURCE == \"merge_request_event\""
    );
    assert_eq!(
        ci[".signpost"]["cache"]["paths"],
        serde_json::json!([".signpost-cache/"])
    );
    assert_eq!(ci["variables"]["SIGNPOST_VERSION"], VERSION);
}

#[test]
fn the_gitlab_jobs_commands_build_a_fresh_clone() {
    let (server, _) = release(false);
    let (_dir, site, _) = init("gitlab", &server.url);
    let ci = yaml(&site.join(".gitlab-ci.yml"));
    let clone = fresh_clone(&site);
    // GitLab expands $CI_PROJECT_DIR in variables, and runs before_script and script as one
    // shell script.
    let dir = clone.to_string_lossy().to_string();
    let mut env: Vec<(String, String)> = env_of(&ci["variables"])
        .into_iter()
        .map(|(k, v)| (k, v.replace("$CI_PROJECT_DIR", &dir)))
        .collect();
    env.push(("CI_PROJECT_DIR".into(), dir));
    let lines = |value: &Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    };
    let mut script = lines(&ci[".signpost"]["before_script"]);
    script.extend(lines(&ci["pages"]["script"]));
    let (ok, output) = Runner::new(clone.clone(), env).run(&["sh", "-e"], &script.join("\n"));
    assert!(ok, "{output}");
    assert!(
        output.contains("Downloading signpost") && output.contains("Checked: 0 error(s)"),
        "{output}"
    );
    assert!(
        clone.join("public/index.html").is_file(),
        "the artifact path has the site"
    );
    assert!(
        clone
            .join(".signpost-cache")
            .join(VERSION)
            .join("signpost")
            .is_file(),
        "the cached path"
    );
    for path in [".signpost-cache/x", "public/x"] {
        let ignored = Command::new("git")
            .args(["check-ignore", "-q", path])
            .current_dir(&clone)
            .status()
            .unwrap();
        assert!(ignored.success(), "{path} is not committed");
    }
}

// ---------------------------------------------------------------------------------------
// Netlify

#[test]
fn netlify_builds_with_the_same_commands_and_publishes_public() {
    let (server, _) = release(false);
    let (_dir, site, run) = init("netlify", &server.url);
    assert!(run.success(), "{}", run.stderr());
    let text = std::fs::read_to_string(site.join("netlify.toml")).unwrap();
    let config: toml::Table = text.parse().unwrap();
    let build = config["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("public"));
    let command = build["command"].as_str().unwrap();
    let check = command.find("signpost check --strict").expect("the check");
    let build_at = command.find("signpost build").expect("the build");
    assert!(check < build_at, "the check runs before the build");
    let environment = build["environment"].as_table().unwrap();
    assert_eq!(environment["SIGNPOST_VERSION"].as_str(), Some(VERSION));

    // The same command in a fresh clone; Netlify's cache folder (/opt/build/cache) is moved
    // into the test's own folder.
    let clone = fresh_clone(&site);
    let cache = clone.parent().unwrap().join("netlify-cache");
    let env: Vec<(String, String)> = environment
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .map(|(k, v)| {
            if k == "SIGNPOST_CACHE" {
                (k, cache.to_string_lossy().to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    let (ok, output) = Runner::new(clone.clone(), env).run(&["bash", "-e"], command);
    assert!(ok, "{output}");
    assert!(clone.join("public/index.html").is_file());
    assert!(cache.join(VERSION).join("signpost").is_file());
}

// ---------------------------------------------------------------------------------------
// Setting up an existing site, and never replacing what it has.

#[test]
fn publish_setup_adds_the_workflow_to_an_existing_site_and_never_replaces_yours() {
    let site = Fixture::new();
    let sha = "ab".repeat(32);
    let setup = |extra: &[&str]| {
        let mut args = vec![
            "publish-setup",
            "github",
            "--sha256",
            &sha,
            "--releases",
            "https://releases.example.org/download",
        ];
        args.extend_from_slice(extra);
        site.signpost(&args)
    };
    let first = setup(&[]);
    assert!(first.success(), "{}", first.stderr());
    assert_eq!(
        first.stdout(),
        format!(
            "Wrote .github/workflows/publish-site.yml: each push to main is checked, built with signpost {VERSION} and published to GitHub Pages.\nNext: commit and push, then in the repository's Settings > Pages choose Source: GitHub Actions (README.md, \"Publishing\").\n"
        )
    );
    let again = setup(&[]);
    assert!(
        again
            .stdout()
            .starts_with(".github/workflows/publish-site.yml is already set up"),
        "{}",
        again.stdout()
    );

    let file = site.root().join(".github/workflows/publish-site.yml");
    let mine = format!(
        "{}\n# my own step\n",
        std::fs::read_to_string(&file).unwrap()
    );
    std::fs::write(&file, &mine).unwrap();
    let refused = setup(&[]);
    assert_eq!(refused.code, Some(1));
    refused.assert_stderr_has(&[
        ".github/workflows/publish-site.yml already exists and says something else, so it was left as it is",
        "--force",
    ]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), mine);
    assert!(setup(&["--force"]).success());
    assert!(
        !std::fs::read_to_string(&file)
            .unwrap()
            .contains("my own step")
    );
}

#[test]
fn a_site_with_its_own_gitlab_ci_or_netlify_toml_gets_ours_beside_it() {
    let site = Fixture::new();
    site.write(".gitlab-ci.yml", "test:\n  script: [echo mine]\n")
        .write("netlify.toml", "[build]\n  command = \"make\"\n");
    let sha = "cd".repeat(32);
    for (host, theirs, ours, how) in [
        (
            "gitlab",
            ".gitlab-ci.yml",
            "signpost.gitlab-ci.yml",
            "add `include: signpost.gitlab-ci.yml` to the top of .gitlab-ci.yml",
        ),
        (
            "netlify",
            "netlify.toml",
            "netlify.signpost.toml",
            "copy its [build] settings into netlify.toml by hand",
        ),
    ] {
        let before = std::fs::read_to_string(site.root().join(theirs)).unwrap();
        let run = site.signpost(&["publish-setup", host, "--sha256", &sha]);
        assert!(run.success(), "{}", run.stderr());
        assert!(
            run.stdout().starts_with(&format!(
                "{theirs} already exists, so the settings were written to {ours} instead: {how}"
            )),
            "{}",
            run.stdout()
        );
        assert_eq!(
            std::fs::read_to_string(site.root().join(theirs)).unwrap(),
            before,
            "{theirs} is untouched"
        );
        assert!(site.root().join(ours).is_file());
    }
}

#[test]
fn without_the_release_page_nothing_is_written_and_the_message_says_what_to_do() {
    let (dir, site, run) = init("github", &unreachable_url());
    assert_eq!(run.code, Some(1));
    run.assert_stderr_has(&[
        &format!("could not read the checksums of signpost {VERSION}: could not connect to"),
        "check the computer is online",
        "--sha256",
    ]);
    assert!(!site.exists(), "no half-made site is left");
    drop(dir);

    let (server, _) = release(false);
    let (_dir, site, run) = init("github", &format!("{}/elsewhere", server.url));
    assert_eq!(run.code, Some(1));
    run.assert_stderr_has(&["answered 404"]);
    assert!(!site.exists());
}

#[test]
fn a_checksums_file_without_the_linux_binary_is_refused() {
    let server = FileServer::start(HashMap::from([(
        format!("/v{VERSION}/{SUMS}"),
        b"0000  other-file\n".to_vec(),
    )]));
    let (_dir, site, run) = init("netlify", &server.url);
    assert_eq!(run.code, Some(1));
    run.assert_stderr_has(&[&format!("does not list {ASSET}")]);
    assert!(!site.exists());
}

#[test]
fn init_without_publish_writes_no_ci_files() {
    let dir = tempfile::tempdir().unwrap();
    let run = signpost_in(dir.path(), &["init", "site"]);
    assert!(run.success(), "{}", run.stderr());
    let site = dir.path().join("site");
    for file in [".github", ".gitlab-ci.yml", "netlify.toml"] {
        assert!(!site.join(file).exists(), "{file}");
    }
    assert_eq!(
        run.stdout(),
        "Created a new site in site.\nNext: edit site/site.yaml, then run `signpost build --root site`.\n"
    );
}
