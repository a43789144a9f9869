//! The layering rule of DESIGN.md: `core` knows no terminal, no file system
//! and no clock; `store` knows no terminal. This test reads the sources.

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

fn offenders(layer: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join(format!("{layer}.rs"))];
    sources(&root.join(layer), &mut files);
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
    assert_eq!(offenders("core", &forbidden), Vec::<String>::new());
}

#[test]
fn store_knows_no_terminal() {
    assert_eq!(offenders("store", &["ratatui", "crossterm", "crate::tui"]), Vec::<String>::new());
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
