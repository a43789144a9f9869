//! The layering rules of docs/design.md: `core` (its own crate) knows no
//! terminal, no file system and no clock; `store` knows no terminal; no
//! layer has an import circle. This test reads the manifests and the
//! sources.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("source folder exists").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The lines of `files` that name a `forbidden` word outside a comment.
fn offenders_in(files: Vec<PathBuf>, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    found
}

fn offenders(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join(format!("{layer}.rs"))];
    if root.join(layer).is_dir() {
        sources(&root.join(layer), &mut files);
    }
    offenders_in(files, forbidden)
}

fn core_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/firedrill-core")
}

#[test]
fn the_core_crate_depends_on_pure_crates_only() {
    let pure = [
        "chrono",
        "regex",
        "schemars",
        "serde",
        "serde_json",
        "strsim",
        "thiserror",
        "toml",
        "toml_edit",
        "toml_parser",
    ];
    let manifest: toml::Table =
        toml::from_str(&fs::read_to_string(core_dir().join("Cargo.toml")).expect("core manifest")).expect("TOML");
    let deps = manifest.get("dependencies").and_then(toml::Value::as_table).expect("[dependencies]");
    let impure: Vec<&String> = deps.keys().filter(|d| !pure.contains(&d.as_str())).collect();
    assert!(impure.is_empty(), "the core crate may not depend on {impure:?}: a terminal, clock, process or file crate");
    let chrono = deps.get("chrono").and_then(toml::Value::as_table).expect("chrono with features");
    assert_eq!(chrono.get("default-features").and_then(toml::Value::as_bool), Some(false), "chrono's clock stays off");
    let features: Vec<&str> = chrono
        .get("features")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_str)
        .collect();
    assert!(!features.contains(&"clock"), "chrono's clock feature reads the time: {features:?}");
}

#[test]
fn core_is_pure() {
    let forbidden = [
        "ratatui",
        "crossterm",
        "tokio",
        "std::fs",
        "std::process",
        "std::env",
        "Instant::now",
        "SystemTime::now",
        "Utc::now",
        "Local::now",
        "crate::store",
        "crate::tui",
    ];
    let mut files = Vec::new();
    sources(&core_dir().join("src"), &mut files);
    assert!(files.len() > 50, "the core sources are found: {}", files.len());
    assert_eq!(offenders_in(files, &forbidden), Vec::<String>::new());
}

#[test]
fn store_knows_no_terminal() {
    assert_eq!(offenders("store", &["ratatui", "crossterm", "crate::tui"]), Vec::<String>::new());
}

#[test]
fn config_knows_no_tui() {
    assert_eq!(offenders("config", &["crate::tui"]), Vec::<String>::new());
    for leaf in ["keymap", "theme"] {
        let others = ["crate::tui", "crate::config", "crate::store", "crate::exec", "crate::cli", "crate::core"];
        assert_eq!(offenders(leaf, &others), Vec::<String>::new(), "{leaf} is a leaf");
    }
}

#[test]
fn exec_knows_no_terminal() {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/exec.rs")).expect("exec source");
    for word in ["ratatui", "crossterm", "crate::tui", "crate::store"] {
        assert!(!text.contains(word), "src/exec.rs names {word}");
    }
}

#[test]
fn the_check_finds_a_planted_violation() {
    // Guards the guard: the scanner must see a forbidden word in a real file.
    assert!(!offenders("tui", &["ratatui"]).is_empty());
}

mod graph;
mod profile;

fn core_src() -> PathBuf {
    core_dir().join("src")
}

fn bin_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_import_circle_in_core() {
    let circles = graph::read(&core_src()).circles(&[]);
    assert!(circles.is_empty(), "import circles in the core crate:\n{circles:#?}");
}

#[test]
fn no_import_circle_in_the_shell() {
    let graph = graph::read(&bin_src());
    assert!(graph.files.len() > 100, "the shell's sources are found: {}", graph.files.len());
    let circles = graph.circles(&[]);
    assert!(circles.is_empty(), "import circles in the binary crate (tui, store, exec, cli, config):\n{circles:#?}");
}

#[test]
fn the_circle_finder_sees_a_circle() {
    // Guards the guard: two files naming each other are one circle.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("lib.rs"), "mod a;\nmod b;\n").expect("write");
    fs::write(dir.path().join("a.rs"), "use crate::b::B;\npub struct A;\n").expect("write");
    fs::write(dir.path().join("b.rs"), "pub struct B;\nfn f() -> crate::a::A { crate::a::A }\n").expect("write");
    let circles = graph::read(dir.path()).circles(&[]);
    assert_eq!(circles.len(), 1, "{circles:?}");
    assert_eq!(circles[0].len(), 2);
}

/// The headings and the bold terms of a doc under `docs/`.
fn doc_names(doc: &str) -> Vec<String> {
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(doc)).expect("doc exists");
    let mut names: Vec<String> =
        text.lines().filter(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().to_string()).collect();
    names.extend(text.split("**").skip(1).step_by(2).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")));
    names
}

#[test]
fn every_comment_cites_the_docs_in_the_repo_by_a_name_they_have() {
    let names: Vec<(&str, Vec<String>)> = ["domain.md", "design.md"].into_iter().map(|d| (d, doc_names(d))).collect();
    let mut files = Vec::new();
    sources(&core_src(), &mut files);
    sources(&bin_src(), &mut files);
    let mut wrong = Vec::new();
    let mut cited = 0;
    for file in files {
        let text = fs::read_to_string(&file).expect("readable source");
        // A citation may wrap: comment markers between its words are one space.
        let flat: String = text
            .lines()
            .map(|l| l.trim_start().trim_start_matches("//!").trim_start_matches("///").trim_start_matches("//").trim())
            .collect::<Vec<_>>()
            .join(" ");
        for outside in ["DESIGN.md", "DOMAIN.md"] {
            if text.contains(outside) && !file.ends_with("schema.rs") {
                wrong.push(format!("{}: cites {outside}, which is not in the repo", file.display()));
            }
        }
        for (doc, known) in &names {
            for part in flat.split(&format!("docs/{doc}, \"")).skip(1) {
                let name = part.split('"').next().unwrap_or_default();
                cited += 1;
                if !known.iter().any(|k| k == name) {
                    wrong.push(format!("{}: docs/{doc} has no \"{name}\"", file.display()));
                }
            }
        }
    }
    assert!(cited > 20, "the citations are found: {cited}");
    assert_eq!(wrong, Vec::<String>::new());
}

#[test]
fn every_type_name_is_defined_once() {
    let mut files = Vec::new();
    sources(&core_src(), &mut files);
    sources(&bin_src(), &mut files);
    let mut seen: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for file in files.iter().filter(|f| !f.file_name().is_some_and(|n| n.to_string_lossy().starts_with("tests"))) {
        let text = fs::read_to_string(file).expect("readable source");
        // Inline test modules sit at the end of a file and may name anything.
        let code = text.split("#[cfg(test)]\nmod tests {").next().unwrap_or_default();
        // Items at the top of a file; an associated type (`type Value = ...`
        // in an impl) is indented and names no type of the crate.
        for line in code.lines().filter(|l| !l.starts_with(char::is_whitespace)) {
            let words: Vec<&str> = line.split_whitespace().collect();
            let at = words.iter().position(|w| ["struct", "enum", "trait", "type"].contains(w));
            let visibility_only = at.is_some_and(|i| words[..i].iter().all(|w| w.starts_with("pub")));
            if let (Some(i), true) = (at, visibility_only)
                && let Some(name) = words.get(i + 1)
            {
                let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if name.starts_with(char::is_uppercase) {
                    seen.entry(name).or_default().push(file.display().to_string());
                }
            }
        }
    }
    assert!(seen.len() > 200, "the type definitions are found: {}", seen.len());
    let twice: Vec<_> = seen.into_iter().filter(|(_, files)| files.len() > 1).collect();
    assert!(twice.is_empty(), "one name per concept; defined more than once: {twice:#?}");
}
