//! Every bundled runbook passes `firedrill check`; every broken one in
//! `runbooks/invalid/` fails with exactly the message in its `.expected` file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut v: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

fn check(path: &Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .arg(path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path))
        .output()
        .expect("run firedrill");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bundled_runbooks_are_valid() {
    let runbooks = files("runbooks", "toml");
    assert!(runbooks.len() >= 3, "the three scenarios are bundled");
    for rb in runbooks {
        let (code, stdout, stderr) = check(&rb);
        assert_eq!(code, Some(0), "{}: {stderr}", rb.display());
        assert!(stdout.contains(": ok ("), "{stdout}");
    }
}

#[test]
fn the_template_is_valid() {
    let (code, _, stderr) = check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/runbook-template.toml"));
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn broken_runbooks_fail_with_their_expected_message() {
    let broken = files("runbooks/invalid", "toml");
    assert!(broken.len() >= 10);
    for rb in broken {
        let expected_path = rb.with_extension("expected");
        let expected =
            fs::read_to_string(&expected_path).unwrap_or_else(|_| panic!("{} has no .expected file", rb.display()));
        let (code, stdout, stderr) = check(&rb);
        assert_eq!(code, Some(1), "{}", rb.display());
        assert_eq!(stderr, expected, "{}", rb.display());
        assert!(stdout.is_empty());
        assert!(!stderr.contains("panicked"));
    }
}

#[test]
fn warnings_name_the_practice_gap() {
    let (_, stdout, _) = check(&Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/restore-backup.toml"));
    assert!(stdout.contains("warning: backup.restored_last is never"), "{stdout}");
}

#[test]
fn hostile_text_is_never_echoed_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("evil.toml");
    // TOML's own \u escapes decode to ESC and BEL inside the unknown key's name.
    fs::write(&path, "version = 1\ntitle = \"x\"\n\"\\u001b]52;c;aGk=\\u0007\" = 1\n").expect("write");
    let (code, _, stderr) = check(&path);
    assert_eq!(code, Some(1));
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
    assert!(stderr.contains("\\u{1b}"), "{stderr:?}");
}

#[test]
fn hostile_files_give_a_clear_error_and_never_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        fs::write(&p, bytes).expect("write fixture");
        p
    };
    let deep = format!("version = 1\nx = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_tables = format!("version = 1\nx = {}1{}\n", "{a = ".repeat(50_000), "}".repeat(50_000));
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("big.toml", &vec![b'#'; 10 * 1024 * 1024]), "runbook is larger than 1024 KiB"),
        (write("deep.toml", deep.as_bytes()), "max recursion depth"),
        (write("deep-tables.toml", deep_tables.as_bytes()), "max recursion depth"),
        (write("latin1.toml", b"version = 1\ntitle = \"caf\xe9\"\n"), ":2:13: invalid UTF-8"),
        (write("nul.toml", b"version = 1\x00\n"), ":1:"),
        (write("empty.toml", b""), "the runbook is empty"),
        (dir.path().to_path_buf(), "is a folder, not a runbook file"),
        (dir.path().join("missing.toml"), "cannot read runbook: no such file"),
    ];
    for (path, expected) in cases {
        let (code, _, stderr) = check(&path);
        assert_eq!(code, Some(1), "{}: {stderr}", path.display());
        assert!(stderr.contains(expected), "{}: expected {expected:?} in {stderr:?}", path.display());
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn escape_sequences_in_a_valid_runbook_load_but_are_shown_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("esc.toml");
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml"))
        .expect("bundled")
        .replace("title = \"", "title = \"\\u001b]8;;http://evil\\u0007\\u202e");
    fs::write(&path, text).expect("write");
    let (code, stdout, _) = check(&path);
    assert_eq!(code, Some(0), "text with escapes is valid TOML and loads");
    assert!(!stdout.contains('\u{1b}'));
}
