//! `check` as a linter (`--json`, `--strict`, every error of a file) and the
//! generated completions and man page.

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
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core/runbook/lint.rs"))
        .expect("lint source");
    let mut codes: Vec<String> = src
        .lines()
        .filter_map(|l| l.split("=> \"").nth(1).and_then(|r| r.split('"').next()).map(str::to_owned))
        .collect();
    for file in ["src/core/runbook/validate.rs", "src/core/runbook/locate.rs"] {
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

fn tool(name: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {name}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn the_bash_completion_script_sources_cleanly() {
    let o = firedrill(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let script = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(script.contains("firedrill"));
    if !tool("bash") {
        eprintln!("skipped sourcing: bash is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("firedrill.bash");
    std::fs::write(&path, &script).expect("write");
    let out = Command::new("bash")
        .args(["--norc", "-c", &format!("source {} && complete -p firedrill", path.display())])
        .output()
        .expect("bash");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("firedrill"));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = firedrill(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(!o.stdout.is_empty(), "{shell}");
    }
}

#[test]
fn the_man_page_renders_without_warnings() {
    let o = firedrill(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(page.contains(".TH firedrill"), "{page}");
    for sub in ["drill", "incident", "check", "completions", "man", "config"] {
        assert!(page.contains(sub), "the page names `{sub}`");
    }
    if !tool("groff") {
        eprintln!("skipped rendering: groff is not installed (apt-get install groff-base)");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("firedrill.1");
    std::fs::write(&path, &page).expect("write");
    let out = Command::new("groff").args(["-man", "-Tutf8", "-ww", "-z"]).arg(&path).output().expect("groff");
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "groff warns: {}", String::from_utf8_lossy(&out.stderr));
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
