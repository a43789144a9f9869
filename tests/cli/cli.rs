//! The command line without a terminal: usage errors, role rules, `new`,
//! `report`, and the refusal to draw when stdout is not a terminal.

use crate::common;

use std::fs;
use std::process::{Command, Output};

use firedrill::core::event::{Mode, Stamp};
use firedrill::core::roles::Roles;
use firedrill::core::session::{Command as SessionCommand, Session};
use firedrill::store::journal::Journal;

fn firedrill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("run")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_person_in_all_three_roles_is_a_usage_error() {
    let o = firedrill(&[
        "drill",
        "runbooks/onboarding-signup.toml",
        "--driver",
        "Ana",
        "--communicator",
        "ana",
        "--verifier",
        "Ana",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("holds all three roles"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--solo NAME"), "the refusal names the way to practise alone: {}", stderr(&o));
}

#[test]
fn solo_practice_is_for_drills_and_excludes_the_role_flags() {
    let o = firedrill(&["incident", "runbooks/onboarding-signup.toml", "--solo", "Ana"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("solo practice is a drill"), "{}", stderr(&o));
    let o = firedrill(&["drill", "runbooks/onboarding-signup.toml", "--solo", "Ana", "--driver", "Ben"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be used with"), "{}", stderr(&o));
}

#[test]
fn role_flags_come_all_three_or_none() {
    let o = firedrill(&["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("all three of --driver, --communicator and --verifier"));
}

#[test]
fn an_invalid_runbook_fails_before_the_terminal_is_touched() {
    let o = firedrill(&["drill", "runbooks/invalid/unknown-key.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("runbooks/invalid/unknown-key.toml:3:1: titel: unknown key"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing drawn");
}

#[test]
fn without_a_terminal_it_says_so_and_exits_2() {
    let o = firedrill(&[
        "drill",
        "runbooks/onboarding-signup.toml",
        "--driver",
        "A",
        "--communicator",
        "B",
        "--verifier",
        "C",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a terminal"));
    assert!(o.stdout.is_empty(), "no escape sequences written to a pipe");
}

#[test]
fn new_writes_a_valid_template_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("svc.toml");
    let p = path.to_str().expect("utf-8 path");
    assert_eq!(firedrill(&["new", p]).status.code(), Some(0));
    assert_eq!(firedrill(&["check", p]).status.code(), Some(0));
    fs::write(&path, "mine").expect("overwrite by hand");
    assert_eq!(firedrill(&["new", p]).status.code(), Some(1));
    assert_eq!(fs::read_to_string(&path).expect("read"), "mine");
}

#[test]
fn a_message_to_a_reader_that_went_away_is_dropped_and_the_work_done() {
    // `firedrill new x.toml | head -0`: the pipe is closed before anything
    // is written; the runbook and the schema after the message are still
    // written. A panic ("failed printing to stdout") was said before.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("svc.toml");
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let o = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["new", path.to_str().expect("utf-8 path")])
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no panic, nothing to say");
    assert!(path.is_file(), "the runbook was written");
    assert!(dir.path().join("runbook.schema.json").is_file(), "and the schema after the message");
}

#[test]
fn report_writes_the_postmortem_of_an_unfinished_journal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = common::onboarding();
    let at = common::at(0).wall;
    let header = common::header(&loaded, "s1");
    let mut journal = Journal::create(dir.path(), &header).expect("journal");
    let mut s = Session::new(Mode::Drill, &loaded.runbook);
    for (t, c) in [
        (0, SessionCommand::Start(Roles::new("Ana", "Ben", "Cy"))),
        (5_000, SessionCommand::AddNote("half way".into())),
    ] {
        journal.append(&s.apply(c, Stamp { at, t_ms: t }).expect("apply")).expect("append");
    }
    let out = dir.path().join("out");
    // As a running session's journal: in the sessions folder of the state home.
    let sessions = dir.path().join("state/firedrill/sessions");
    fs::create_dir_all(&sessions).expect("sessions folder");
    let running = sessions.join("s1.jsonl");
    fs::copy(journal.path(), &running).expect("copy");
    let o = Command::new(env!("CARGO_BIN_EXE_firedrill"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .args(["report", running.to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("interim postmortem"), "{}", stderr(&o));
    assert!(
        !sessions.join("s1.jsonl.saved").exists(),
        "an unfinished session is never marked saved: resume still lists it"
    );
    let md = fs::read_to_string(out.join("2026-11-23T1400Z-onboarding-signup.md")).expect("postmortem written");
    assert!(md.contains("- Outcome: abandoned\n  - the session was never finished\n"), "{md}");
    assert!(md.contains("half way"));
    assert!(out.join("2026-11-23T1400Z-onboarding-signup.jsonl").exists());
}

#[test]
fn the_report_of_an_abandoned_session_runs_its_total_to_the_last_heartbeat() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let journal = dir.path().join("s.jsonl");
    fs::copy(repo.join("tests/fixtures/journals/format2-drill-deck-abandoned.jsonl"), &journal).expect("copy");
    let last = firedrill::store::journal::read(&journal).expect("reads").events.last().expect("event").at;
    let total = |out: &str| {
        let o = firedrill(&["report", journal.to_str().expect("utf-8"), "--out", out]);
        assert!(o.status.success(), "{}", stderr(&o));
        let md = fs::read_to_string(String::from_utf8_lossy(&o.stdout).lines().next().expect("md")).expect("md");
        md.lines().find(|l| l.starts_with("- Total:")).expect("total line").to_owned()
    };
    let without = total(dir.path().join("a").to_str().expect("utf-8"));
    assert!(without.starts_with("- Total: 00:08 "), "to its last event: {without}");
    // The process beat for 31 s after its last event, then died.
    let beat = std::time::SystemTime::from(last + chrono::Duration::seconds(31));
    let alive = fs::File::create(firedrill::store::heartbeat::alive_path(&journal)).expect("alive");
    alive.set_modified(beat).expect("touch");
    let with = total(dir.path().join("b").to_str().expect("utf-8"));
    assert!(with.starts_with("- Total: 00:39 "), "to its last heartbeat: {with}");
}

/// Runs `argv` under the guard of the built binary, as a drill runs a command.
fn guarded(argv: &[&str], timeout: std::time::Duration) -> (firedrill::core::command::RunResult, Vec<String>, u32) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let argv: Vec<String> = argv.iter().map(|a| (*a).to_owned()).collect();
    let redactor = firedrill::exec::redact::Redactor::built_in();
    let cwd = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let guard = std::path::Path::new(env!("CARGO_BIN_EXE_firedrill"));
    let launch = firedrill::exec::run::Launch { argv: &argv, cwd, timeout, guard: Some(guard) };
    let (mut seen, mut group) = (Vec::new(), 0);
    let result =
        rt.block_on(firedrill::exec::run::launch(launch, &redactor, |g| group = g, |batch| seen.extend(batch)));
    (result, seen, group)
}

#[test]
fn a_guarded_command_ends_as_it_would_unguarded() {
    use firedrill::core::command::RunEnd;
    let long = std::time::Duration::from_secs(20);
    let (r, seen, _) = guarded(&["tests/fixtures/scripts/fail.sh"], long);
    assert_eq!((r.end, seen), (RunEnd::Exited { code: 2 }, vec!["sign-in: 502 Bad Gateway".to_owned()]));
    let (r, _, _) = guarded(&["sh", "-c", "kill -KILL $$"], long);
    assert_eq!(r.end, RunEnd::Killed);
    let (r, _, _) = guarded(&["no-such-program-here"], long);
    assert_eq!(r.end, RunEnd::NotStarted { reason: "No such file or directory (os error 2)".into() });
    // Past its timeout the whole group goes, the child it left too.
    let (r, seen, group) = guarded(&["tests/fixtures/scripts/hang.sh"], std::time::Duration::from_millis(500));
    assert_eq!(r.end, RunEnd::TimedOut);
    let child: i32 = seen.iter().find_map(|l| l.strip_prefix("child ")).and_then(|p| p.parse().ok()).expect("child");
    assert!(group > 0);
    let alive = || std::fs::read_to_string(format!("/proc/{child}/stat")).is_ok_and(|s| !s.contains(") Z "));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while alive() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(!alive(), "the child of a timed-out command is gone");
}

#[test]
fn a_report_includes_the_events_held_while_the_journal_could_not_be_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let whole =
        fs::read_to_string(repo.join("tests/fixtures/journals/format2-drill-deck-abandoned.jsonl")).expect("fixture");
    let id = firedrill::store::journal::parse(&whole).expect("parses").header.session_id;
    // The journal stopped taking events after the fifth line; the spill has them all.
    let journal = dir.path().join("s.jsonl");
    let head: Vec<&str> = whole.lines().take(5).collect();
    fs::write(&journal, head.join("\n") + "\n").expect("short");
    let out = dir.path().join("out");
    fs::create_dir_all(&out).expect("out");
    fs::write(out.join(format!("{id}{}", firedrill::store::journal::spill::SUFFIX)), &whole).expect("spill");
    let o = firedrill(&["report", journal.to_str().expect("utf-8"), "--out", out.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("5 events held in"), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let md = fs::read_to_string(stdout.lines().next().expect("md")).expect("md");
    assert!(md.contains("flag service down: go straight to revert"), "the spilled note is in the postmortem");
    let copy =
        stdout.lines().find(|l| std::path::Path::new(l).extension().is_some_and(|e| e == "jsonl")).expect("copy");
    assert_eq!(fs::read_to_string(copy).expect("copy"), whole, "the copy holds every event");
}

#[test]
fn schedule_writes_a_recurring_calendar_entry_with_the_roles_in_turn() {
    use icalendar::{Calendar, CalendarDateTime, Component, DatePerhapsTime};
    let tmp = tempfile::tempdir().expect("tempdir");
    let rb = tmp.path().join("onboarding-signup.toml");
    fs::copy(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runbooks/onboarding-signup.toml"), &rb)
        .expect("copy");
    let path = rb.to_str().expect("utf-8");
    // The bundled drills are the history the roles rotate over.
    let o = firedrill(&["schedule", path, "--every", "month", "--at", "last Friday 14:30", "--out", "drills"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("the last Friday of every month at 14:30"), "{said}");

    // Parsed back with the same crate that wrote it.
    let text = fs::read_to_string(tmp.path().join("onboarding-signup.ics")).expect("beside the runbook");
    let cal: Calendar = text.parse().expect("iCalendar");
    let event = cal.components.iter().find_map(|c| c.as_event()).expect("one event");
    assert_eq!(event.property_value("RRULE"), Some("FREQ=MONTHLY;BYDAY=-1FR"));
    assert_eq!(event.get_summary(), Some("Rollback drill: Onboarding release broke sign-ups"));
    let (
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(start))),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(end))),
    ) = (event.get_start(), event.get_end())
    else {
        panic!("floating local start and end: {text}")
    };
    assert_eq!((end - start).num_minutes(), 20);
    assert_eq!(start.format("%a %H:%M").to_string(), "Fri 14:30");
    assert_eq!(event.property_value("X-FIREDRILL-RUNBOOK"), Some(path));
    let history = firedrill::store::review::history(std::path::Path::new("drills"), None);
    let past: Vec<Roles> =
        firedrill::core::review::drills_of(&history, "onboarding-signup").iter().map(|d| d.roles.clone()).collect();
    let roster = firedrill::core::runbook::Runbook::parse("rb", &fs::read_to_string(&rb).expect("runbook"))
        .expect("valid")
        .roles;
    let expected = firedrill::core::review::rotation(&past, roster.as_ref(), 3);
    assert_eq!(expected.len(), 3, "the bundled drills name enough people");
    for (n, roles) in expected.iter().enumerate() {
        let field = event.property_value(&format!("X-FIREDRILL-ROLES-{}", n + 1)).expect("roles in turn");
        assert_eq!(firedrill::core::schedule::roles_from(field).as_ref(), Some(roles), "{field}");
    }
    let description = event.get_description().expect("description");
    assert!(description.contains(&format!("Next roles by rotation: driver {}", expected[0].driver)), "{description}");

    // A schedule is never written over, unless asked.
    let o = firedrill(&["schedule", path, "--out", "drills"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("exists: pass --replace"), "{}", stderr(&o));
    let o =
        firedrill(&["schedule", path, "--replace", "--every", "week", "--at", "Wednesday 09:00", "--out", "drills"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = fs::read_to_string(tmp.path().join("onboarding-signup.ics")).expect("replaced");
    assert!(again.contains("RRULE:FREQ=WEEKLY;BYDAY=WE"), "{again}");
    let o = firedrill(&["schedule", path, "--at", "fifth Monday 10:00"]);
    assert_eq!(o.status.code(), Some(2), "a rule that does not read is a usage error");
}
