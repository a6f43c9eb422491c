//! The shape of the code: the crate's top-level modules use each other without cycles, so
//! each can be read, tested and changed with only the modules below it in mind.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every top-level module and the top-level modules it names through `crate::` (or, at the
/// top level of a module, `super::`).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect_rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .filter_map(|file| top_module(&src, file))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = top_module(&src, file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let at_top = file.parent() == Some(src.as_path())
            || (file.file_name() == Some("mod.rs".as_ref())
                && file.parent().and_then(Path::parent) == Some(src.as_path()));
        let mut named = names_after(&text, "crate::");
        if at_top {
            named.extend(names_after(&text, "super::"));
        }
        let uses = graph.entry(module.clone()).or_default();
        uses.extend(
            named
                .into_iter()
                .filter(|name| *name != module && modules.contains(name)),
        );
    }
    graph
}

fn collect_rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// `src/render.rs` -> render, `src/views/signs.rs` -> views; None for lib.rs and main.rs.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => None,
        Some(stem) => Some(stem.to_string()),
        None => Some(first.into_owned()),
    }
}

/// The first path segment after each `prefix`: `crate::a::b` gives a, `crate::{a, b::c}`
/// gives a and b.
fn names_after(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.extend(first_ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            names.extend(first_ident(&item));
        } else {
            names.extend(first_ident(rest));
        }
    }
    names
}

fn first_ident(text: &str) -> Option<String> {
    let ident: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!ident.is_empty()).then_some(ident)
}

/// A cycle in the graph, as the modules around it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == module) {
            let mut cycle = path[start..].to_vec();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_string());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|module| visit(module, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_use_each_other_without_cycles() {
    let graph = module_graph();
    assert!(graph.len() > 20, "the graph found the modules: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("a module cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_leaves_use_only_other_leaves() {
    let leaves = [
        "diagnostics",
        "annotations",
        "date",
        "yaml",
        "suggest",
        "layout",
        "output",
        "theme",
        "text",
        "phone",
        "compact",
    ];
    let graph = module_graph();
    for leaf in leaves {
        for used in &graph[leaf] {
            assert!(
                leaves.contains(&used.as_str()),
                "{leaf} is a leaf module but uses {used}"
            );
        }
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, uses)| (m.to_string(), uses.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        names_after("use crate::{a::B, c, d::{e, f}};", "crate::"),
        ["a", "c", "d"].into_iter().map(String::from).collect()
    );
}
