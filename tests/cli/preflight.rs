//! `firedrill preflight` end to end on fixture runbooks whose probes pass,
//! fail, time out and print no release: each exit code, the `--json`
//! shape (one object per question), trust approval, and one screenful.
//! The time limit is a short `--within`, never a real 30 s wait.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn preflight(state: &Path, args: &[&str]) -> Output {
    firedrill(state, "preflight", args)
}

/// `firedrill SUBCOMMAND ARGS` with the test's folders under `state`.
fn firedrill(state: &Path, subcommand: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", state)
        .env("XDG_DATA_HOME", state.join("data"))
        .env("XDG_CONFIG_HOME", state.join("config"))
        .env("HOME", state)
        .env_remove("FIREDRILL_CONFIG")
        .env("FIREDRILL_DIR", state.join("drills"))
        .arg(subcommand)
        .args(args)
        .output()
        .expect("run firedrill")
}

/// Runs the fixture with `--json --trust --within 1s`: exit code and the
/// verdict of each question by id.
fn json(name: &str, extra: &[&str]) -> (Option<i32>, Vec<(String, String, String)>) {
    let state = tempfile::tempdir().expect("tempdir");
    let path = format!("tests/fixtures/preflight/{name}.toml");
    let mut args = vec![path.as_str(), "--json", "--trust", "--within", "1s"];
    args.extend(extra);
    let out = preflight(state.path(), &args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let answers = stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("each line is one JSON object");
            for key in ["question", "text", "verdict", "evidence"] {
                assert!(v[key].is_string(), "{key} missing in {l}");
            }
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("question"), s("verdict"), s("evidence"))
        })
        .collect::<Vec<_>>();
    let ids: Vec<&str> = answers.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(
        ids,
        [
            "name-live",
            "known-good",
            "migration",
            "backup",
            "restore-owner",
            "backup-access",
            "restore-practised",
            "channel",
            "kill-switch"
        ],
        "{stdout}"
    );
    (out.status.code(), answers)
}

fn verdict<'a>(answers: &'a [(String, String, String)], id: &str) -> (&'a str, &'a str) {
    let a = answers.iter().find(|a| a.0 == id).expect("asked");
    (a.1.as_str(), a.2.as_str())
}

#[test]
fn probes_that_pass_exit_0() {
    let (code, answers) = json("pass", &[]);
    assert_eq!(code, Some(0), "{answers:#?}");
    assert!(answers.iter().all(|a| a.1 == "pass"), "{answers:#?}");
    assert!(verdict(&answers, "name-live").1.starts_with("production reports prod-2026-10-30.1 in "));
    assert!(verdict(&answers, "backup").1.contains("within the 1d window"));
}

#[test]
fn a_failing_probe_and_a_stale_backup_exit_1() {
    let (code, answers) = json("fail", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(verdict(&answers, "name-live"), ("fail", "release.probe failed (exit 2): sign-in: 502 Bad Gateway"));
    let (v, why) = verdict(&answers, "backup");
    assert_eq!(v, "fail");
    assert!(why.starts_with("finished 2020-01-01 02:10 UTC (") && why.ends_with("older than the 1d window"), "{why}");
}

#[test]
fn a_probe_slower_than_the_limit_is_killed_and_fails() {
    let (code, answers) = json("timeout", &[]);
    assert_eq!(code, Some(1));
    let (v, why) = verdict(&answers, "name-live");
    assert_eq!(v, "fail");
    assert!(why.starts_with("release.probe timed out after 1.") && why.ends_with(" s, killed"), "{why}");
}

#[test]
fn a_probe_that_prints_no_release_fails() {
    let (code, answers) = json("silent", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(verdict(&answers, "name-live").0, "fail");
    assert!(verdict(&answers, "name-live").1.starts_with("release.probe printed no release in "));
}

#[test]
fn only_unknowns_exit_3_and_strict_fails_them() {
    let (code, answers) = json("unknown", &[]);
    assert_eq!(code, Some(3), "{answers:#?}");
    let unknown: Vec<&str> = answers.iter().filter(|a| a.1 == "unknown").map(|a| a.0.as_str()).collect();
    assert_eq!(unknown, ["name-live", "known-good", "migration", "backup", "backup-access"]);
    assert_eq!(json("unknown", &["--strict"]).0, Some(1));
}

#[test]
fn probes_wait_for_approval_unless_trusted() {
    let state = tempfile::tempdir().expect("tempdir");
    let out = preflight(state.path(), &["tests/fixtures/preflight/fail.toml", "--json"]);
    assert_eq!(out.status.code(), Some(3), "nothing ran, so nothing failed: only unknowns");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("release.probe not run: this runbook's commands are not approved here"), "{stdout}");

    // Approved in a drill on this machine (the same trust file): the probes run.
    let path = "tests/fixtures/preflight/fail.toml";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture");
    let file = state.path().join("firedrill/trusted.json");
    firedrill::store::trust::approve(&file, path, &firedrill::store::journal::sha256_hex(&text)).expect("approve");
    let out = preflight(state.path(), &[path, "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_human_form_fits_one_screen_and_says_the_exit_code() {
    let state = tempfile::tempdir().expect("tempdir");
    for name in ["pass", "fail", "unknown"] {
        let out = preflight(state.path(), &[&format!("tests/fixtures/preflight/{name}.toml"), "--trust"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.lines().count() <= 24, "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
        let code = out.status.code().expect("exited");
        let summary = text.lines().find(|l| l.contains(" pass · ")).unwrap_or_default();
        assert!(
            summary.ends_with(&format!(
                "exit {code} ({})",
                ["all pass", "a question failed", "", "only unknowns remain"][usize::try_from(code).expect("small")]
            )),
            "{text}"
        );
    }
}

#[test]
fn a_broken_runbook_says_where_and_exits_1() {
    let state = tempfile::tempdir().expect("tempdir");
    let out = preflight(state.path(), &["runbooks/invalid/zero-timebox.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("runbooks/invalid/zero-timebox.toml:"));
}

#[test]
fn each_check_is_recorded_beside_the_drills_and_listed_in_review() {
    let state = tempfile::tempdir().expect("tempdir");
    let drills = state.path().join("drills");
    let out = preflight(state.path(), &["tests/fixtures/preflight/pass.toml", "--trust", "--within", "5s"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.trim_end().lines().last().is_some_and(|l| l.starts_with("recorded in ") && l.ends_with(".preflight.json")),
        "{text}"
    );
    let out = preflight(state.path(), &["tests/fixtures/preflight/fail.toml", "--trust", "--json", "--no-record"]);
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<_> = std::fs::read_dir(&drills).expect("drills").flatten().map(|e| e.path()).collect();
    assert_eq!(records.len(), 1, "--no-record leaves nothing: {records:?}");
    let name = records[0].file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert!(name.ends_with("Z-pass.preflight.json"), "{name}");
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&records[0]).expect("meta").permissions()) & 0o777,
        0o600
    );

    let review = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .env("XDG_STATE_HOME", state.path())
        .env("HOME", state.path())
        .args(["review", "--json"])
        .arg(&drills)
        .output()
        .expect("run review");
    assert_eq!(review.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&review.stdout);
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    let r = &lines[0];
    assert_eq!(
        (r["kind"].as_str(), r["runbook"].as_str(), r["exit_code"].as_u64()),
        (Some("preflight"), Some("pass"), Some(0))
    );
    assert_eq!(r["answers"][0]["question"], "name-live");
    assert!(r["answers"][0]["probe_ms"].as_u64().is_some_and(|ms| ms < 5_000), "{r}");
    assert!(String::from_utf8_lossy(&review.stderr).is_empty(), "the record is not an unreadable session");
}

#[test]
fn several_runbooks_each_line_names_its_file_and_the_exit_is_the_worst() {
    let state = tempfile::tempdir().expect("tempdir");
    let (pass, unknown, broken) = (
        "tests/fixtures/preflight/pass.toml",
        "tests/fixtures/preflight/unknown.toml",
        "runbooks/invalid/wrong-type.toml",
    );
    let run = |files: &[&str]| {
        let mut args = vec!["--json", "--trust", "--no-record", "--within", "5s"];
        args.extend(files);
        let out = preflight(state.path(), &args);
        let lines: Vec<Value> =
            String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
        (out.status.code(), lines, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, lines, _) = run(&[pass, unknown]);
    assert_eq!(code, Some(3), "unknowns beat passes");
    assert_eq!(lines.len(), 18);
    assert!(lines[..9].iter().all(|l| l["file"] == pass && l["runbook"] == "pass"), "{lines:?}");
    assert!(lines[9..].iter().all(|l| l["file"] == unknown && l["runbook"] == "unknown"), "{lines:?}");

    // An invalid runbook is one JSON line with its errors, as check --json gives them; it fails the run.
    let (code, lines, stderr) = run(&[unknown, broken, pass]);
    assert_eq!(code, Some(1));
    assert_eq!(lines.len(), 19, "{lines:?}");
    let invalid = &lines[9];
    assert_eq!((invalid["file"].as_str(), invalid["verdict"].as_str()), (Some(broken), Some("invalid")));
    let errors = invalid["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0]["line"].as_u64(), errors[0]["col"].as_u64()), (Some(4), Some(11)));
    assert_eq!((errors[0]["code"].as_str(), errors[0]["file"].as_str()), (Some("wrong-type"), Some(broken)));
    assert!(lines[10..].iter().all(|l| l["file"] == pass), "the runbooks after it are still checked");
    assert!(stderr.is_empty(), "{stderr}");

    // Without --json: each screenful, then the worst of them.
    let out = preflight(state.path(), &["--trust", "--no-record", "--within", "5s", pass, broken]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.trim_end().ends_with("2 runbooks: exit 1 (the worst of them)"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).starts_with(&format!("{broken}:4:11:")));
}

/// `firedrill ship` with the test's folders; its exit code and output.
fn ship(state: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = firedrill(state, "ship", args);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// The change plan's answers (id, verdict, evidence) of the plan fixture.
fn plan_answers(state: &Path, extra: &[&str]) -> Vec<(String, String, String)> {
    let mut args = vec!["tests/fixtures/preflight/plan.toml", "--json", "--trust", "--no-record"];
    args.extend(extra);
    let out = preflight(state, &args);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"))
        .filter(|v| {
            v["question"].as_str().is_some_and(|q| q.starts_with("plan-") || q == "one-change" || q == "risky-hours")
        })
        .map(|v| {
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            (s("question"), s("verdict"), s("evidence"))
        })
        .collect()
}

#[test]
fn the_change_plan_is_checked_against_the_environment_probes() {
    let state = tempfile::tempdir().expect("tempdir");
    let answers = plan_answers(state.path(), &[]);
    let ids: Vec<&str> = answers.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(ids, ["plan-order", "plan-wait", "plan-compatible", "risky-hours", "one-change"]);
    assert!(answers.iter().all(|a| a.1 == "pass"), "{answers:#?}");
    assert_eq!(
        verdict(&answers, "plan-order").1,
        "contract to production next; shipped: migrate in staging, migrate in production, contract in staging"
    );
    assert!(verdict(&answers, "plan-wait").1.starts_with("migrate reached production 2026-11-03 10:00 UTC, "));
    // Asked about cleanup before contract reached production: the order fails.
    let early = plan_answers(state.path(), &["--phase", "cleanup"]);
    let (v, why) = verdict(&early, "plan-order");
    assert_eq!(v, "fail", "{why}");
    assert!(why.starts_with("contract in production: no, production runs prod-2026-11-03.1 (migrate)"), "{why}");
}

#[test]
fn ship_records_move_the_plan_and_are_never_overwritten() {
    let state = tempfile::tempdir().expect("tempdir");
    let rb = "tests/fixtures/preflight/plan.toml";
    let (code, _, stderr) = ship(state.path(), &[rb, "--phase", "contract", "--env", "qa"]);
    assert_eq!((code, stderr.trim_end()), (Some(1), "firedrill: contract ships to staging, production, not qa"));
    let (code, _, stderr) =
        ship(state.path(), &[rb, "--phase", "contract", "--env", "production", "--at", "2999-01-01 10:00"]);
    assert_eq!(code, Some(1));
    assert!(stderr.contains("is in the future"), "{stderr}");
    for _ in 0..2 {
        let (code, stdout, stderr) =
            ship(state.path(), &[rb, "--phase", "contract", "--env", "production", "--at", "2026-11-20 09:00"]);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(
            stdout.starts_with(
                "recorded: contract reached production at 2026-11-20 09:00 UTC\n  release: prod-2026-11-10.1\n"
            ),
            "{stdout}"
        );
    }
    let names: Vec<String> = std::fs::read_dir(state.path().join("drills"))
        .expect("drills")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.iter().filter(|n| n.ends_with(".ship.json")).count(), 2, "{names:?}");
    // The production probe still reports migrate: the measurement overrules the record.
    let answers = plan_answers(state.path(), &["--phase", "cleanup"]);
    let (v, why) = verdict(&answers, "plan-order");
    assert_eq!(v, "fail");
    assert!(why.contains("(recorded by firedrill ship at 2026-11-20 09:00 UTC: rolled back?)"), "{why}");
    // Contract has no wait: cleanup must not follow it without one.
    assert_eq!(
        verdict(&answers, "plan-wait"),
        ("fail", "no wait after contract: watch for days before the one irreversible step")
    );
}
