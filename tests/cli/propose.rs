//! `firedrill propose`: a saved drill and the one before it propose the
//! runbook update as a diff; nothing changes without `--apply`, which keeps
//! every comment and the file's permissions and leaves a valid runbook.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

fn firedrill(cwd: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_firedrill")).current_dir(cwd).args(args).output().expect("run");
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// A folder holding the bundled onboarding runbook with a comment on top:
/// the folder, the runbook's path and its text.
fn commented_runbook() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(tmp.path().join("runbooks")).expect("folder");
    let rb = tmp.path().join("runbooks/onboarding-signup.toml");
    let original = format!(
        "# Owned by growth; reviewed monthly.\n{}",
        fs::read_to_string(root.join("runbooks/onboarding-signup.toml")).expect("runbook")
    );
    fs::write(&rb, &original).expect("write");
    (tmp, rb, original)
}

#[test]
fn a_drill_proposes_a_diff_and_apply_keeps_comments() {
    let (tmp, rb, original) = commented_runbook();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::set_permissions(&rb, fs::Permissions::from_mode(0o644)).expect("chmod");
    for j in ["2026-11-23T0340Z-onboarding-signup.jsonl", "2026-11-23T0341Z-onboarding-signup.jsonl"] {
        fs::copy(root.join("drills").join(j), tmp.path().join(j)).expect("copy journal");
    }
    let args = [
        "propose",
        "2026-11-23T0341Z-onboarding-signup.jsonl",
        "--previous",
        "2026-11-23T0340Z-onboarding-signup.jsonl",
    ];

    let (code, out) = firedrill(tmp.path(), &args);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("+# revert: \"Watch sign-up success rate\" was left unchecked in this and the previous session: still needed?"), "{out}");
    assert!(out.contains(&format!("nothing changed; apply it with: firedrill {} --apply", args.join(" "))), "{out}");
    assert_eq!(fs::read_to_string(&rb).expect("runbook"), original, "nothing changes without --apply");

    let (code, out) = firedrill(tmp.path(), &[&args[..], &["--apply"]].concat());
    assert_eq!(code, Some(0), "{out}");
    let edited = fs::read_to_string(&rb).expect("runbook");
    assert!(edited.starts_with(&original), "every line and comment kept:\n{edited}");
    assert!(edited.contains("# Proposed after the session of 2026-11-23:"), "{edited}");
    assert_eq!(fs::metadata(&rb).expect("meta").permissions().mode() & 0o777, 0o644);
    let (code, out) = firedrill(tmp.path(), &["check", "runbooks/onboarding-signup.toml"]);
    assert_eq!(code, Some(0), "{out}");
}

#[test]
fn a_save_writes_the_proposal_beside_the_postmortem_and_apply_proposal_asks_first() {
    let (tmp, rb, original) = commented_runbook();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for j in ["2026-11-23T0340Z-onboarding-signup.jsonl", "2026-11-23T0341Z-onboarding-signup.jsonl"] {
        fs::copy(root.join("drills").join(j), tmp.path().join(j)).expect("copy journal");
        let (code, out) = firedrill(tmp.path(), &["report", j, "--out", "out"]);
        assert_eq!(code, Some(0), "{out}");
    }
    let diff = tmp.path().join("out/2026-11-23T0341Z-onboarding-signup.runbook.diff");
    let text = fs::read_to_string(&diff).expect("the save wrote the proposal beside the postmortem");
    assert!(text.contains("# - revert: \"Watch sign-up success rate\" was left unchecked in this and the previous session: still needed?"), "{text}");
    assert!(text.contains("--- a/runbooks/onboarding-signup.toml\n+++ b/runbooks/onboarding-signup.toml\n"), "{text}");
    assert_eq!(fs::metadata(&diff).expect("meta").permissions().mode() & 0o777, 0o600);

    let shown = "out/2026-11-23T0341Z-onboarding-signup.runbook.diff";
    let (code, out) = firedrill(tmp.path(), &["apply-proposal", shown]);
    assert_eq!(code, Some(2), "no terminal to ask on: {out}");
    assert_eq!(fs::read_to_string(&rb).expect("runbook"), original, "nothing changes without a yes");

    let (code, out) = firedrill(tmp.path(), &["apply-proposal", shown, "--yes"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("applied to runbooks/onboarding-signup.toml; firedrill check says:"), "{out}");
    assert!(out.contains("runbooks/onboarding-signup.toml: ok ("), "{out}");
    let edited = fs::read_to_string(&rb).expect("runbook");
    assert!(edited.starts_with(&original), "every line and comment kept:\n{edited}");
    let (code, out) = firedrill(tmp.path(), &["check", "runbooks/onboarding-signup.toml"]);
    assert_eq!(code, Some(0), "{out}");

    let (code, out) = firedrill(tmp.path(), &["apply-proposal", shown, "--yes"]);
    assert_eq!(code, Some(1), "applied once; the runbook has changed since: {out}");
    assert!(out.contains("nothing applied"), "{out}");
    assert_eq!(fs::read_to_string(&rb).expect("runbook"), edited);
}
