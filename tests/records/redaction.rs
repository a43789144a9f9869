//! One redactor, every channel: a secret of any kind (the built-in ones and
//! the runbook's own `redact` pattern) never survives in a command line as
//! shown, a command's output (wherever the pipe cuts it), the `notify`
//! program's output, the journal or the postmortem. Each case runs the
//! real command runner and notify delivery, so it is kept to a few cases.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use firedrill::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use firedrill::core::postmortem::{Input, render};
use firedrill::core::redact::Redactor;
use firedrill::core::roles::Roles;
use firedrill::core::runbook::Runbook;
use firedrill::core::session::{Command, Session};
use firedrill::store::journal::{self, Loaded, sha256_hex};
use proptest::prelude::*;

const RUNBOOK: &str = r#"version = 1
title = "Redaction everywhere"
redact = ['acct-\d{6}']
[release]
live = "a"
known_good = "b"
[[triggers]]
signal = "s"
[[checks]]
name = "c"
[[steps]]
kind = "trigger"
do = [{ text = "Read the error log", command = ["cat", "error.log"] }]
"#;

/// A secret of each kind, and the part of it that must never survive.
fn secret() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        "[A-Za-z0-9]{36}".prop_map(|b| (format!("ghp_{b}"), b)),
        "[A-Za-z0-9_]{82}".prop_map(|b| (format!("github_pat_{b}"), b)),
        "[A-Z0-9]{16}".prop_map(|b| (format!("ASIA{b}"), b)),
        "[A-Za-z0-9/+]{40}".prop_map(|b| (format!("aws_secret_access_key = {b}"), b)),
        "[A-Za-z0-9]{24}".prop_map(|b| (format!("Authorization: Bearer {b}"), b)),
        "[A-Za-z0-9!*]{8,20}".prop_map(|b| (format!("postgres://admin:{b}@db:5432/app"), b)),
        "[A-Za-z0-9]{8,20}".prop_map(|b| (format!("{{\"password\": \"{b}\"}}"), b)),
        "[A-Za-z0-9-]{24}".prop_map(|b| (format!("xoxb-{b}"), b)),
        "[A-Za-z0-9]{24}".prop_map(|b| (format!("sk_live_{b}"), b)),
        "[0-9]{6}".prop_map(|b| (format!("acct-{b}"), format!("acct-{b}"))),
    ]
}

fn header() -> Header {
    Header {
        format: JOURNAL_FORMAT,
        session_id: "redaction".into(),
        mode: Mode::Incident,
        runbook_path: "rb.toml".into(),
        runbook_text: RUNBOOK.into(),
        runbook_sha256: sha256_hex(RUNBOOK),
        runbook_redacted: false,
        started_at: Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date"),
        update_every_ms: None,
        deck: None,
        live_commands: false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn a_secret_is_hidden_alike_in_argv_output_notify_journal_and_postmortem(
        (secret, body) in secret(),
        pad in 0usize..9000,
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        // The output puts the secret anywhere around the pipe's 4 KiB chunks.
        let log = format!("{}\nfailed with {secret} here\nlast line\n", "x".repeat(pad));
        std::fs::write(dir.path().join("error.log"), &log).expect("log");
        let rb = Runbook::parse("rb.toml", RUNBOOK).expect("runbook");
        let redactor = Redactor::new(&rb.redact).expect("patterns");
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");

        let argv = vec!["deploy".to_owned(), format!("note={secret}"), "--token".to_owned(), body.clone()];
        let shown = redactor.argv(&argv);
        let cat = vec!["cat".to_owned(), "error.log".to_owned()];
        let result = rt.block_on(firedrill::exec::run::run(&cat, dir.path(), Duration::from_secs(10), &redactor, |_| {}, |_| {}));
        let path = dir.path().join("error.log").display().to_string();
        let notify = vec!["sh".to_owned(), "-c".to_owned(), "cat >/dev/null; cat \"$0\"".to_owned(), path];
        let said = rt.block_on(firedrill::exec::deliver(&notify, "Condition: ok", Duration::from_secs(10), &redactor));

        let head = header();
        let mut s = Session::new(Mode::Incident, &rb);
        let at = |t_ms: u64| Stamp { at: head.started_at, t_ms };
        s.apply(Command::Start(Roles::new("Ana", "Ana", "Ana")), at(0)).expect("start");
        let item = s.steps[0].plan.items.iter().position(|i| i.command.is_some()).expect("a command item");
        s.apply(Command::StartCommand { item, shown_argv: shown.clone() }, at(1)).expect("run");
        s.apply(Command::FinishCommand { step: s.steps[0].plan.kind, item, result: result.clone() }, at(2)).expect("done");
        let seq = s.apply(Command::PostStatus("Condition: ok".into()), at(3)).expect("post").seq;
        let detail = said.clone().unwrap_or_else(|e| e);
        s.apply(Command::RecordDelivery { seq, delivered: said.is_ok(), detail }, at(4)).expect("delivery");
        s.apply(Command::Finish, at(5)).expect("finish");
        let loaded = Loaded { header: head.clone(), events: s.events.clone(), skipped: Vec::new() };
        let text = journal::to_text(&loaded);
        let md = render(&Input { header: &head, runbook: &rb, session: &s, history: &[] });

        prop_assert!(result.tail.iter().any(|l| l.contains("[redacted]")), "the line is kept, redacted: {:?}", result.tail);
        prop_assert!(said.as_ref().is_ok_and(|t| t.contains("[redacted]")), "notify said {said:?}");
        let channels = [
            ("argv", shown.join(" ")),
            ("output", result.tail.join("\n")),
            ("notify", said.unwrap_or_else(|e| e)),
            ("journal", text),
            ("postmortem", md),
        ];
        for (channel, seen) in channels {
            prop_assert!(!seen.contains(&body), "{channel} keeps {body:?}");
        }
    }
}

/// A runbook whose check carries a token in its argv.
const WITH_TOKEN: &str = r#"version = 1
title = "Token in a command"
[release]
live = "a"
known_good = "b"
[[triggers]]
signal = "s"
[[checks]]
name = "Sign-up works"
command = ["./smoke.sh", "--token", "S3cretTok3n", "https://deploy:Pa55w0rdX@ci.example/run"]
"#;

#[test]
fn the_journal_keeps_a_redacted_copy_and_commands_run_from_the_file_only_while_its_hash_matches() {
    use firedrill::core::plan::StepKind;
    use firedrill::tui::live::{Commands, Live};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rb.toml");
    std::fs::write(&path, WITH_TOKEN).expect("runbook");
    let loaded = firedrill::store::runbook_file::load(&path).expect("loads");
    let now = firedrill::tui::Now { wall: header().started_at, mono_ms: 0 };
    let (live, _) = Live::start(loaded, Mode::Incident, Roles::new("Ana", "Ana", "Ana"), false, now).expect("start");
    // The journal keeps the copy, the sha256 of the file, and says so.
    let h = &live.header;
    assert!(h.runbook_redacted);
    assert_eq!(h.runbook_sha256, sha256_hex(WITH_TOKEN));
    for secret in ["S3cretTok3n", "Pa55w0rdX"] {
        assert!(!h.runbook_text.contains(secret), "{}", h.runbook_text);
    }
    assert!(
        h.runbook_text.contains(
            r#"command = ["./smoke.sh", "--token", "[redacted]", "https://deploy:[redacted]@ci.example/run"]"#
        )
    );
    // Started here, the check runs the file's argv.
    let real = ["./smoke.sh", "--token", "S3cretTok3n", "https://deploy:Pa55w0rdX@ci.example/run"];
    assert_eq!(live.command_of(StepKind::Verify, 0).expect("runs").argv, real);

    // Resumed from the journal: nothing runs from the copy...
    let journal = Loaded { header: live.header.clone(), events: live.session.events.clone(), skipped: Vec::new() };
    let (mut resumed, _) = Live::resume(journal, dir.path().join("j.jsonl"), now).expect("resume");
    let why = resumed.command_of(StepKind::Verify, 0).expect_err("the copy never runs");
    assert!(why.contains("redacted copy"), "{why}");
    // ...the file, while its sha256 matches, gives the real argv...
    let p = path.to_str().expect("utf-8");
    let file = firedrill::store::runbook_file::unchanged(p, &resumed.header.runbook_sha256).expect("unchanged");
    resumed.commands = Commands::Runbook(Box::new(file));
    assert_eq!(resumed.command_of(StepKind::Verify, 0).expect("runs").argv, real);
    // ...and a changed file is refused, saying why.
    std::fs::write(&path, WITH_TOKEN.replace("S3cretTok3n", "0therTok3n")).expect("edit");
    let changed = firedrill::store::runbook_file::unchanged(p, &resumed.header.runbook_sha256).expect_err("changed");
    assert_eq!(changed, "has changed since the session started (its sha256 differs)");
    std::fs::remove_file(&path).expect("remove");
    let gone = firedrill::store::runbook_file::unchanged(p, &resumed.header.runbook_sha256).expect_err("gone");
    assert!(gone.starts_with("cannot be read"), "{gone}");
}
