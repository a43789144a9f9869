//! The drill card of every bundled runbook: a snapshot each, at most 60
//! lines of at most 80 columns (one printed page), and left in the target
//! folder for CI's markdownlint; `card --out` writes a new file and never
//! overwrites one.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

fn card_of(name: &str) -> String {
    let loaded = common::loaded(&format!("runbooks/{name}.toml"));
    let card = firedrill::core::card::render(&loaded.runbook, &loaded.path);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("postmortems");
    fs::create_dir_all(&dir).expect("lint folder");
    fs::write(dir.join(format!("card-{name}.md")), &card).expect("write for lint");
    assert!(card.lines().count() <= 60, "{name}: {} lines, more than one page", card.lines().count());
    let widest = card.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "{name}: a line of {widest} columns, wider than the page");
    card
}

#[test]
fn card_onboarding_signup() {
    insta::assert_snapshot!(card_of("onboarding-signup"));
}

#[test]
fn card_restore_backup() {
    insta::assert_snapshot!(card_of("restore-backup"));
}

#[test]
fn card_schema_contract() {
    insta::assert_snapshot!(card_of("schema-contract"));
}

fn firedrill(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run firedrill");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn card_prints_or_writes_a_new_file_and_never_overwrites() {
    let (code, stdout, _) = firedrill(&["card", "runbooks/onboarding-signup.toml"]);
    assert_eq!(code, Some(0));
    assert_eq!(stdout, card_of("onboarding-signup"), "the printed card is the rendered one");

    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("card.md");
    let path = file.to_str().expect("utf-8");
    let (code, stdout, stderr) = firedrill(&["card", "runbooks/onboarding-signup.toml", "--out", path]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("wrote ") && stdout.contains("card.md"), "{stdout}");
    assert_eq!(fs::read_to_string(&file).expect("written"), card_of("onboarding-signup"));

    fs::write(&file, "kept").expect("overwrite by hand");
    let (code, _, stderr) = firedrill(&["card", "runbooks/schema-contract.toml", "--out", path]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("exists; choose another path"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).expect("still there"), "kept");
}

#[test]
fn card_of_a_broken_runbook_says_where() {
    let (code, stdout, stderr) = firedrill(&["card", "runbooks/invalid/zero-timebox.toml"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(stderr.starts_with("runbooks/invalid/zero-timebox.toml:"), "{stderr}");
}
