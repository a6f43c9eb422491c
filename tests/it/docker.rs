//! The container image recipe. Its shape is checked everywhere: a build stage on Alpine (musl,
//! so the binary is static), an image that holds that one file, and a build context without
//! the build output, the built site or installed packages. Where Docker is available the image
//! is built and run on a site, and the binary in it is checked to be static; where it is not,
//! that test says why and does nothing else.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Fixture;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One `FROM` and the instructions under it.
#[derive(Debug)]
struct Stage {
    base: String,
    name: Option<String>,
    instructions: Vec<(String, String)>,
}

/// The Dockerfile's stages, comments and line continuations removed.
fn stages() -> Vec<Stage> {
    let text = std::fs::read_to_string(repo().join("Dockerfile")).unwrap();
    let mut stages: Vec<Stage> = Vec::new();
    for line in text.replace("\\\n", " ").lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let keyword = keyword.to_ascii_uppercase();
        if keyword == "FROM" {
            let words: Vec<&str> = rest.split_whitespace().collect();
            let name = match words.as_slice() {
                [_, as_, name] if as_.eq_ignore_ascii_case("as") => Some(name.to_string()),
                _ => None,
            };
            stages.push(Stage {
                base: words[0].to_string(),
                name,
                instructions: Vec::new(),
            });
        } else {
            let stage = stages.last_mut().expect("an instruction before any FROM");
            stage.instructions.push((keyword, rest.trim().to_string()));
        }
    }
    stages
}

/// Every file the image's own layers put in it, following its `FROM` chain through the
/// Dockerfile's stages down to `scratch`: (the stage copied from, source, destination).
fn files_in_image(stages: &[Stage]) -> (String, Vec<(String, String, String)>) {
    let mut stage = stages.last().unwrap();
    let mut files = Vec::new();
    loop {
        for (keyword, args) in &stage.instructions {
            assert!(
                keyword != "ADD" && keyword != "RUN",
                "the image runs nothing and adds nothing else: {keyword} {args}"
            );
            if keyword == "COPY" {
                let words: Vec<&str> = args.split_whitespace().collect();
                let from = words
                    .iter()
                    .find_map(|w| w.strip_prefix("--from="))
                    .unwrap_or("the build context");
                let paths: Vec<&&str> = words.iter().filter(|w| !w.starts_with("--")).collect();
                files.push((from.to_string(), paths[0].to_string(), paths[1].to_string()));
            }
        }
        match stages
            .iter()
            .find(|s| s.name.as_deref() == Some(stage.base.as_str()))
        {
            Some(parent) => stage = parent,
            None => return (stage.base.clone(), files),
        }
    }
}

#[test]
fn the_image_is_the_static_binary_built_on_alpine_and_nothing_else() {
    let stages = stages();
    let build = stages
        .iter()
        .find(|s| s.name.as_deref() == Some("build"))
        .expect("a build stage");
    assert!(
        build.base.starts_with("rust:") && build.base.ends_with("-alpine"),
        "musl from Alpine: {}",
        build.base
    );
    assert!(
        build
            .instructions
            .iter()
            .any(|(k, a)| k == "RUN" && a.starts_with("cargo build --release --locked")),
        "{build:?}"
    );
    let (root, files) = files_in_image(&stages);
    assert_eq!(root, "scratch", "no operating system under the binary");
    assert_eq!(
        files,
        [(
            "build".to_string(),
            "/src/target/release/signpost".to_string(),
            "/signpost".to_string()
        )]
    );
    let image = stages.last().unwrap();
    assert!(
        image
            .instructions
            .contains(&("ENTRYPOINT".into(), "[\"/signpost\"]".into()))
    );
    assert!(
        image
            .instructions
            .contains(&("WORKDIR".into(), "/site".into()))
    );
    let binary = stages
        .iter()
        .find(|s| s.name.as_deref() == Some("binary"))
        .expect("a stage the release exports");
    assert_eq!(binary.base, "scratch");
}

#[test]
fn the_build_context_leaves_out_build_output_the_site_and_packages() {
    let text = std::fs::read_to_string(repo().join(".dockerignore")).unwrap();
    let patterns: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.trim_end_matches('/'))
        .collect();
    let left_out = |path: &str| {
        patterns
            .iter()
            .any(|p| path == *p || path.starts_with(&format!("{p}/")))
    };
    for path in [
        "target/release/signpost",
        "public/index.html",
        "node_modules/axe-core/axe.js",
        ".git/HEAD",
    ] {
        assert!(left_out(path), "{path} is sent to the Docker daemon");
    }
    for path in [
        "src/main.rs",
        "Cargo.lock",
        "themes/default/templates/base.html",
        "tests/it/main.rs",
    ] {
        assert!(!left_out(path), "{path} is needed to build");
    }
}

// ---------------------------------------------------------------------------------------
// Static or not: read from the ELF file itself.

/// True when an x86-64 ELF executable needs no loader and no shared library: no interpreter
/// (PT_INTERP) and no DT_NEEDED in its dynamic section (a static-pie has the section itself).
fn is_static_elf(bytes: &[u8]) -> bool {
    assert_eq!(&bytes[..4], b"\x7fELF", "not an ELF file");
    assert_eq!(bytes[4], 2, "not 64-bit");
    let u16_at = |at: usize| u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap()) as usize;
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let (phoff, phentsize, phnum) = (u64_at(0x20), u16_at(0x36), u16_at(0x38));
    for index in 0..phnum {
        let header = phoff + index * phentsize;
        let kind = u32::from_le_bytes(bytes[header..header + 4].try_into().unwrap());
        const PT_DYNAMIC: u32 = 2;
        const PT_INTERP: u32 = 3;
        if kind == PT_INTERP {
            return false;
        }
        if kind == PT_DYNAMIC {
            let (offset, size) = (u64_at(header + 8), u64_at(header + 32));
            for entry in (offset..offset + size).step_by(16) {
                match u64_at(entry) {
                    0 => break,
                    1 => return false,
                    _ => {}
                }
            }
        }
    }
    true
}

#[test]
fn the_static_check_tells_static_from_dynamic() {
    let ours = std::fs::read(assert_cmd::cargo::cargo_bin("signpost")).unwrap();
    assert!(
        !is_static_elf(&ours),
        "this machine's signpost links glibc dynamically"
    );
    // Debian's ldconfig is a static-pie: it has a dynamic section but needs nothing.
    let ldconfig = ["/sbin/ldconfig", "/usr/sbin/ldconfig"]
        .into_iter()
        .find(|p| Path::new(p).is_file());
    match ldconfig {
        Some(path) => assert!(is_static_elf(&std::fs::read(path).unwrap()), "{path}"),
        None => eprintln!("skipped the static half: no ldconfig on this machine"),
    }
}

// ---------------------------------------------------------------------------------------
// Where Docker runs.

fn docker(args: &[&str]) -> std::process::Output {
    Command::new("docker").args(args).output().unwrap()
}

/// Why Docker cannot be used here, if it cannot.
fn docker_unavailable() -> Option<String> {
    match Command::new("docker")
        .args(["info", "--format", "{{.ServerVersion}}"])
        .output()
    {
        Err(error) => Some(format!("no docker command ({error})")),
        Ok(output) if !output.status.success() => Some(format!(
            "docker cannot reach a daemon: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Ok(_) => None,
    }
}

#[test]
fn the_image_builds_and_builds_a_site_where_docker_runs() {
    if let Some(reason) = docker_unavailable() {
        eprintln!("skipped: the image was not built, because {reason}");
        return;
    }
    let tag = "signpost-test-image";
    let built = docker(&["build", "--tag", tag, repo().to_str().unwrap()]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let version = docker(&["run", "--rm", tag, "--version"]);
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        format!("signpost {}", env!("CARGO_PKG_VERSION"))
    );

    let site = Fixture::new();
    let mount = format!("{}:/site", site.root().display());
    let user = format!("{}:{}", uid("-u"), uid("-g"));
    let run = docker(&[
        "run",
        "--rm",
        "-v",
        &mount,
        "-u",
        &user,
        "-e",
        "SOURCE_DATE_EPOCH=1796083200",
        tag,
        "build",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(site.output("index.html").is_file());

    let container = String::from_utf8(docker(&["create", tag]).stdout)
        .unwrap()
        .trim()
        .to_string();
    let out: PathBuf = site.root().join("signpost-from-image");
    let copied = docker(&[
        "cp",
        &format!("{container}:/signpost"),
        out.to_str().unwrap(),
    ]);
    docker(&["rm", &container]);
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    assert!(
        is_static_elf(&std::fs::read(&out).unwrap()),
        "the image's binary is static"
    );
}

fn uid(flag: &str) -> String {
    String::from_utf8(Command::new("id").arg(flag).output().unwrap().stdout)
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn a_release_publishes_the_binary_and_checksums_that_sites_download() {
    let text = std::fs::read_to_string(repo().join(".github/workflows/release.yml")).unwrap();
    let workflow: serde_json::Value = signpost::yaml::parse(&text).unwrap();
    assert_eq!(workflow["on"]["push"]["tags"], serde_json::json!(["v*"]));
    let runs: Vec<&str> = workflow["jobs"]["release"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|step| step["run"].as_str())
        .collect();
    let all = runs.join("\n");
    let asset = signpost::publish::release::ASSET;
    let sums = signpost::publish::release::SUMS;
    assert!(
        all.contains("docker build --target binary --output type=local,dest=dist ."),
        "the binary is the Dockerfile's"
    );
    assert!(
        all.contains(&format!("sha256sum {asset} > {sums}")),
        "{all}"
    );
    assert!(
        all.contains(&format!(
            "gh release create \"$GITHUB_REF_NAME\" dist/{asset} dist/{sums}"
        )),
        "{all}"
    );
    assert!(
        all.contains("static-pie linked"),
        "the release checks its binary is static"
    );
    let desktop: Vec<&str> = workflow["jobs"]["desktop"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|build| build["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        desktop,
        [
            "signpost-aarch64-apple-darwin",
            "signpost-x86_64-apple-darwin",
            "signpost-x86_64-pc-windows-msvc.exe"
        ],
        "comms staff's computers, as README.md lists them"
    );
    assert!(
        signpost::publish::release::default_releases().starts_with("https://github.com/"),
        "sites download from this repository's GitHub releases"
    );
}
