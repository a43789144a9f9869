//! End to end, the kills that used to lose what was on screen: SIGKILL
//! while the journal cannot be written (every note shown comes back on
//! resume), during a command run (its output is kept, no process of its
//! group outlives firedrill, resume offers to run it again), and while a
//! note is being typed (the draft comes back).
//!
//! A full disk is injected portably (no mount): the journal's path becomes
//! a folder, so neither appending nor rewriting it works, exactly as on a
//! full disk the events are held elsewhere; the walk with a real 64 KiB
//! tmpfs gives the same screens.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::Pty;
use firedrill::core::event::EventKind;
use firedrill::store::journal;

fn drill(tmp: &Path, runbook: &str) -> Pty {
    let args = ["drill", runbook, "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let app = Pty::start_in(tmp, &args);
    app.wait_for("Decide first");
    app.send(b"1");
    app.wait_for("decision: roll back");
    app
}

fn kill9(app: &mut Pty) {
    let pid = i32::try_from(app.pid().expect("pid")).expect("pid fits");
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL).expect("kill");
    app.wait_exit();
}

fn the_journal(tmp: &Path) -> PathBuf {
    let sessions = tmp.join("state/firedrill/sessions");
    let found = common::files_with(&sessions, "jsonl");
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

fn notes(path: &Path) -> Vec<String> {
    let loaded = journal::read(path).expect("the journal reads");
    loaded
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::NoteAdded { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// Waits until `test` holds (a file written by the app), for 20 s at most.
fn wait_until(what: &str, mut test: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if test() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("waited for {what}");
}

#[test]
fn a_kill_while_the_journal_cannot_be_written_loses_no_note_shown() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = drill(tmp.path(), "runbooks/onboarding-signup.toml");
    for n in ["one", "two"] {
        app.send(b"n");
        app.send(format!("note {n}\r").as_bytes());
    }
    app.wait_for("notes (2)");
    let path = the_journal(tmp.path());
    let on_disk = fs::read(&path).expect("journal");
    // The disk refuses the journal from here on.
    fs::remove_file(&path).expect("remove");
    fs::create_dir(&path).expect("a folder where the journal was");
    for n in ["three", "four", "five"] {
        app.send(b"n");
        app.send(format!("note {n}\r").as_bytes());
    }
    app.wait_for("notes (5)");
    app.wait_for("JOURNAL CANNOT BE WRITTEN");
    let spill = tmp.path().join("out").join(format!(
        "{}{}",
        path.file_stem().and_then(|s| s.to_str()).expect("id"),
        journal::spill::SUFFIX
    ));
    assert!(app.screen().replace('\n', "").contains(".jsonl.pending"), "the banner says where:\n{}", app.screen());
    wait_until("the spill to hold the fifth note", || notes(&spill).len() == 5);
    kill9(&mut app);

    // The disk takes the journal again, as it was when writes stopped.
    fs::remove_dir(&path).expect("the folder goes");
    fs::write(&path, on_disk).expect("the journal as the disk held it");
    let mut again = Pty::start_in(tmp.path(), &["resume", path.to_str().expect("utf-8")]);
    again.wait_for("notes (5)");
    again.wait_for("interrupted at");
    again.keep_and_exit();
    let all = ["one", "two", "three", "four", "five"].map(|n| format!("note {n}"));
    assert_eq!(notes(&path), all);
    assert!(!spill.exists(), "merged back, the second place is gone");
}

/// The process group of process `pid`, read from `/proc`.
fn pgid_of(pid: u32) -> Option<i32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.split_whitespace().nth(2)?.parse().ok()
}

/// Processes of group `pgid` still alive (zombies waiting for a reaper are dead).
fn alive_in_group(pgid: i32) -> Vec<String> {
    let mut alive = Vec::new();
    for entry in fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else { continue };
        let Some((_, rest)) = stat.rsplit_once(')') else { continue };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        if fields.get(2).and_then(|g| g.parse::<i32>().ok()) == Some(pgid) && fields.first() != Some(&"Z") {
            alive.push(stat);
        }
    }
    alive
}

#[test]
fn a_kill_during_a_command_run_keeps_its_output_leaves_no_process_and_offers_to_run_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = drill(tmp.path(), "tests/fixtures/slow.toml");
    app.send(b"jjr");
    app.wait_for("has not had its commands approved");
    // Approved, a read-only command runs at once: no second question.
    app.send(b"y");
    app.wait_for("deploying 8");
    let path = the_journal(tmp.path());
    let mut child = None;
    wait_until("the output to be journaled", || {
        let text = fs::read_to_string(&path).unwrap_or_default();
        child = text.split("\"child ").nth(1).and_then(|r| r.split('"').next()).and_then(|p| p.parse::<u32>().ok());
        child.is_some() && text.contains("deploying 5")
    });
    let pgid = pgid_of(child.expect("the command's child")).expect("its group");
    assert!(!alive_in_group(pgid).is_empty(), "the command runs");
    kill9(&mut app);
    wait_until("no process of the command's group to remain", || alive_in_group(pgid).is_empty());

    let mut again = Pty::start_in(tmp.path(), &["resume", path.to_str().expect("utf-8")]);
    again.wait_for("run interrupted at");
    again.wait_for("Run it again? (y/n)");
    again.wait_for("deploying 5");
    again.send(b"n");
    again.wait_for("✖ run interrupted at");
    again.keep_and_exit();
    let loaded = journal::read(&path).expect("reads");
    let kept: Vec<String> = loaded
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::CommandOutput { lines, .. } => Some(lines.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(kept.starts_with(&[format!("child {}", child.unwrap_or(0)), "deploying 1".to_owned()]), "{kept:?}");
    let started = loaded.events.iter().filter(|e| matches!(e.kind, EventKind::CommandStarted { .. })).count();
    assert_eq!(started, 1, "not run again without a yes");
}

#[test]
fn a_kill_while_typing_a_note_gives_the_draft_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut app = drill(tmp.path(), "runbooks/onboarding-signup.toml");
    app.send(b"n");
    app.send(b"the ledger was two clicks away");
    let path = the_journal(tmp.path());
    let draft = firedrill::store::draft::draft_path(&path);
    wait_until("the draft file", || {
        fs::read_to_string(&draft).is_ok_and(|d| d.contains("the ledger was two clicks away"))
    });
    kill9(&mut app);

    let mut again = Pty::start_in(tmp.path(), &["resume", path.to_str().expect("utf-8")]);
    again.wait_for("restored draft");
    again.wait_for("the ledger was two clicks away");
    again.send(b" and nobody had access\r");
    again.wait_for("notes (1)");
    again.keep_and_exit();
    assert_eq!(notes(&path), vec!["the ledger was two clicks away and nobody had access"]);
    assert!(!draft.exists(), "saved as a note, the draft is gone");
}
