//! `check` as a linter (`--json`, `--strict`, every error of a file, a
//! runbook on standard input) and what each command's `--help` shows. The
//! completions and man pages, loaded by real shells and groff, are
//! tests/clients.rs.

use std::path::Path;
use std::process::{Command, Output};

fn firedrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("FIREDRILL_CONFIG")
        .output()
        .expect("run firedrill")
}

fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

#[test]
fn json_prints_one_object_per_finding_and_every_error_of_a_file() {
    let o = firedrill(&["check", "--json", "runbooks/invalid/four-mistakes.toml"]);
    assert_eq!(o.status.code(), Some(1));
    let found = json_lines(&o);
    let codes: Vec<&str> = found.iter().map(|f| f["code"].as_str().unwrap_or_default()).collect();
    assert_eq!(codes, vec!["wrong-type", "unknown-key", "unknown-value", "unknown-value"]);
    let first = &found[0];
    assert_eq!(first["file"], "runbooks/invalid/four-mistakes.toml");
    assert_eq!((first["line"].as_u64(), first["col"].as_u64()), (Some(3), Some(11)));
    assert_eq!(first["severity"], "error");
    assert_eq!(first["message"], "must be a string in quotes, not integer `30`");
    assert!(o.stderr.is_empty(), "json mode prints nothing else");
}

/// A redact pattern that masks a value the runbook needs (here the
/// time-box) would give journals whose kept copy never reads again: no
/// resume, no report. `check` says so where the value is.
#[test]
fn a_redact_pattern_that_breaks_the_kept_copy_is_an_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml"))
        .expect("runbook")
        .replace("timebox = \"30m\"\n", "timebox = \"30m\"\nredact = [\"30m\"]\n");
    let path = tmp.path().join("masked.toml");
    std::fs::write(&path, text).expect("write");
    let o = firedrill(&["check", "--json", path.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let found = json_lines(&o);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["code"], "redact-breaks-copy");
    assert_eq!((found[0]["line"].as_u64(), found[0]["col"].as_u64()), (Some(6), Some(11)));
    let message = found[0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("invalid duration") && message.contains("narrow the pattern"), "{message}");
}

#[test]
fn warnings_pass_unless_strict() {
    let rb = "runbooks/restore-backup.toml";
    let o = firedrill(&["check", rb]);
    assert_eq!(o.status.code(), Some(0));
    let o = firedrill(&["check", "--strict", rb]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--strict fails on warnings"));
    let o = firedrill(&["check", "--strict", "--json", rb]);
    assert_eq!(o.status.code(), Some(1));
    let found = json_lines(&o);
    assert!(found.iter().all(|f| f["severity"] == "warning" && f["line"].is_null()), "{found:?}");
    assert!(found.iter().any(|f| f["code"] == "backup-never-restored"));
    // A runbook that can only claim what it did fails --strict on that alone.
    let o = firedrill(&["check", "--strict", "--json", "runbooks/onboarding-signup.toml"]);
    let codes: Vec<String> = json_lines(&o).iter().map(|f| f["code"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(codes, vec!["flag-without-safe-command", "no-health-check"], "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn every_check_code_is_documented() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/runbook.md")).expect("doc");
    let src = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/firedrill-core/src/runbook/lint.rs"),
    )
    .expect("lint source");
    let mut codes: Vec<String> = src
        .lines()
        .filter_map(|l| l.split("=> \"").nth(1).and_then(|r| r.split('"').next()).map(str::to_owned))
        .collect();
    for file in [
        "crates/firedrill-core/src/runbook/validate.rs",
        "crates/firedrill-core/src/runbook/locate.rs",
        "src/store/runbook_file/kept.rs",
    ] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).expect("source");
        for part in text.split('"').skip(1).step_by(2) {
            if part.len() > 3 && part.chars().all(|c| c.is_ascii_lowercase() || c == '-') && part.contains('-') {
                codes.push(part.to_owned());
            }
        }
    }
    codes.extend(["syntax", "file", "invalid-value"].map(str::to_owned));
    for code in codes {
        assert!(doc.contains(&format!("`{code}`")), "docs/runbook.md does not list `{code}`");
    }
}

#[test]
fn help_shows_only_the_options_each_command_uses() {
    let top = String::from_utf8_lossy(&firedrill(&["--help"]).stdout).into_owned();
    assert!(top.contains("$FIREDRILL_DIR") && !top.contains("$`"), "{top}");
    for cmd in ["check", "new", "completions", "man"] {
        let help = String::from_utf8_lossy(&firedrill(&[cmd, "--help"]).stdout).into_owned();
        assert!(!help.contains("--out") && !help.contains("--runbooks"), "{cmd}: {help}");
    }
    let incident = String::from_utf8_lossy(&firedrill(&["incident", "--help"]).stdout).into_owned();
    assert!(!incident.contains("In a drill") && !incident.contains("--live-commands"), "{incident}");
    let drill = String::from_utf8_lossy(&firedrill(&["drill", "--help"]).stdout).into_owned();
    assert!(drill.contains("--live-commands") && drill.contains("--out"), "{drill}");
}

/// Runs `firedrill ARGS` with `input` on standard input.
fn piped(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run firedrill");
    // A reader that stops at its cap closes the pipe early: not an error here.
    let written = child.stdin.take().expect("stdin").write_all(input);
    assert!(written.as_ref().is_ok() || written.is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe));
    child.wait_with_output().expect("wait")
}

#[test]
fn check_dash_reads_a_runbook_from_standard_input() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let good = std::fs::read(root.join("runbooks/practice.toml")).expect("runbook");
    let o = piped(&["check", "-"], &good);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8_lossy(&o.stdout), "<stdin>: ok (0 warnings)\n");
    let bad = std::fs::read(root.join("runbooks/invalid/four-mistakes.toml")).expect("runbook");
    let expected = std::fs::read_to_string(root.join("runbooks/invalid/four-mistakes.expected")).expect("expected");
    let o = piped(&["check", "-"], &bad);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr), expected.replace("runbooks/invalid/four-mistakes.toml", "<stdin>"));
    // With files, and as JSON: the file is named `<stdin>`.
    let o = piped(&["check", "--json", "runbooks/practice.toml", "-"], &bad);
    assert_eq!(o.status.code(), Some(1));
    assert!(json_lines(&o).iter().all(|f| f["file"] == "<stdin>"), "{}", String::from_utf8_lossy(&o.stdout));
    let o = piped(&["check", "-"], &vec![b'#'; 2 * 1024 * 1024]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("larger than 1024 KiB"), "a cap, not an endless read");
}

/// A standard error that refuses every write (a terminal closed after a
/// hang-up, a full device) loses the messages, never the exit code: the
/// process ends as it would have, without a panic.
#[test]
fn an_unwritable_standard_error_still_gives_the_exit_code() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("skipped: no /dev/full here");
        return;
    };
    let o = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "runbooks/invalid/four-mistakes.toml"])
        .env_remove("FIREDRILL_CONFIG")
        .stderr(full)
        .output()
        .expect("run firedrill");
    assert_eq!(o.status.code(), Some(1), "{:?}", o.status);
}
