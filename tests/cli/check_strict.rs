//! `check --strict` reports a known-good release equal to the live one as
//! an error (nothing to revert to), other practice gaps as warnings.

use std::process::Command;

#[test]
fn strict_makes_known_good_equal_to_live_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/runbooks/onboarding-signup.toml"))
        .expect("runbook")
        .replace("known_good = \"prod-2026-10-30.1\"", "known_good = \"prod-2026-11-03.2\"");
    let rb = tmp.path().join("rb.toml");
    std::fs::write(&rb, text).expect("write");
    let run = |strict: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_firedrill"));
        cmd.args(["check", "--json"]).arg(&rb);
        if strict {
            cmd.arg("--strict");
        }
        let out = cmd.output().expect("run");
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let (code, lax) = run(false);
    assert_eq!(code, Some(0));
    assert!(lax.contains(r#""severity":"warning","code":"known-good-is-live""#), "{lax}");
    let (code, strict) = run(true);
    assert_eq!(code, Some(1));
    assert!(strict.contains(r#""severity":"error","code":"known-good-is-live""#), "{strict}");
}
