//! End to end: the journal becomes unwritable mid-session (deleted, and its
//! folder replaced by a file: tests run as root, whom a read-only mode does
//! not stop). The banner names the cause and the path, the quit menu never
//! offers to keep it but offers a retry, and once the folder is back the
//! journal is rewritten from memory, the banner clears and nothing is lost.
//! Leaving while it is still unwritable writes the whole journal to a
//! folder the person names (an error and another try on failure), or
//! finishes and writes the postmortem and journal to the output folder;
//! each exit says what is on disk and where.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::pty::Pty;
use firedrill::core::event::EventKind;
use firedrill::store::journal;

fn start(tmp: &Path) -> (Pty, PathBuf) {
    let args =
        ["drill", "runbooks/onboarding-signup.toml", "--driver", "Ana", "--communicator", "Ben", "--verifier", "Cy"];
    let app = Pty::start_in(tmp, &args);
    app.wait_for("step 1/5 TRIGGER");
    app.wait_for("Decide first");
    app.send(b"1n");
    app.send(b"before the fault\r");
    app.wait_for("notes (1)");
    let sessions = tmp.join("state/firedrill/sessions");
    (app, sessions)
}

/// Deletes the journal and puts a file where its folder was.
fn break_folder(sessions: &Path) {
    fs::remove_dir_all(sessions).expect("remove sessions");
    fs::write(sessions, "not a folder").expect("squat");
}

fn notes(loaded: &journal::Loaded) -> Vec<String> {
    loaded
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::NoteAdded { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn an_unwritable_journal_is_shown_held_and_rewritten_when_writes_work_again() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (mut app, sessions) = start(tmp.path());
    break_folder(&sessions);
    app.send(b"n");
    app.send(b"during the fault\r");
    app.wait_for("JOURNAL CANNOT BE WRITTEN: Not a directory");
    assert!(app.screen().contains("notes (2)"), "the note is shown:\n{}", app.screen());
    app.send(b"q");
    app.wait_for("incomplete: journal cannot be written");
    let menu = app.screen();
    for offer in ["try writing the journal again now", "write the whole journal to another folder", "finish:"] {
        assert!(menu.contains(offer), "{offer} is offered:\n{menu}");
    }
    assert!(!menu.contains("keep the journal to resume"), "{menu}");
    app.send(b"k");
    app.send(b"r");
    app.wait_for("tried again, still incomplete");
    assert!(!app.left_alternate_screen(), "k does not leave while the journal is incomplete");

    fs::remove_file(&sessions).expect("unsquat");
    fs::create_dir_all(&sessions).expect("folder back");
    app.send(b"r");
    app.wait_for("tried again: every event is on disk now");
    app.wait_for("keep the journal to resume");
    app.send(b"b");
    assert!(!app.screen().contains("JOURNAL CANNOT BE WRITTEN"), "the banner cleared:\n{}", app.screen());
    app.send(b"n");
    app.send(b"after the fault\r");
    app.wait_for("notes (3)");
    app.keep_and_exit();
    assert!(app.screen().contains("session kept; resume it with"), "{}", app.screen());

    let written = common::files_with(&sessions, "jsonl");
    let loaded = journal::read(&written[0]).expect("journal reads back");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(notes(&loaded), vec!["before the fault", "during the fault", "after the fault"]);
}

#[test]
fn leaving_while_it_is_unwritable_writes_the_whole_journal_to_a_folder_asked_for() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (mut app, sessions) = start(tmp.path());
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).expect("out");
    fs::write(out.join("blocked"), "a file, not a folder").expect("blocker");
    break_folder(&sessions);
    app.send(b"n");
    app.send(b"during the fault\r");
    app.wait_for("JOURNAL CANNOT BE WRITTEN");
    app.send(b"q");
    app.wait_for("incomplete: journal cannot be written");
    app.send(b"w");
    app.wait_for("write the whole journal to which folder?");
    assert!(app.screen().contains(&out.display().to_string()), "the output folder is offered:\n{}", app.screen());
    app.send(b"/blocked/x\r");
    app.wait_for("not written: cannot use output folder");
    assert!(!app.left_alternate_screen(), "a failure asks again");
    app.send(&[0x7f; 10]);
    app.send(b"\r");
    assert_eq!(app.wait_exit(), 0, "nothing was lost");
    let copies = common::files_with(&out, "jsonl");
    assert_eq!(copies.len(), 1, "{copies:?}");
    let said = app.screen().replace('\n', "");
    assert!(said.contains("is incomplete (Not a directory"), "{said}");
    assert!(said.contains(&format!("the whole session was written to {}", copies[0].display())), "{said}");
    assert!(!said.contains("session kept"), "{said}");
    let loaded = journal::read(&copies[0]).expect("the copy reads back");
    assert_eq!(notes(&loaded), vec!["before the fault", "during the fault"]);
}

#[test]
fn finishing_while_it_is_unwritable_writes_the_postmortem_and_whole_journal_elsewhere() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (mut app, sessions) = start(tmp.path());
    break_folder(&sessions);
    app.send(b"n");
    app.send(b"during the fault\r");
    app.wait_for("JOURNAL CANNOT BE WRITTEN");
    app.send(b"q");
    app.wait_for("finish: debrief, then the postmortem and the whole journal");
    app.send(b"f");
    app.wait_for("Finish the session now?");
    app.send(b"y");
    app.wait_for("DEBRIEF");
    app.send(b"Disk full\tWatch the state disk\tn\tnot rehearsed\x13");
    app.wait_for("written");
    app.wait_for("the running journal");
    app.send(b"q");
    assert_eq!(app.wait_exit(), 0, "every event is in the copy");
    let out = tmp.path().join("out");
    let (md, copies) = (common::files_with(&out, "md"), common::files_with(&out, "jsonl"));
    assert_eq!((md.len(), copies.len()), (1, 1));
    let said = app.screen().replace('\n', "");
    assert!(said.contains("the copy there holds every event"), "{said}");
    assert!(said.contains("is incomplete (Not a directory"), "{said}");
    let loaded = journal::read(&copies[0]).expect("the copy reads back");
    assert_eq!(notes(&loaded), vec!["before the fault", "during the fault"]);
    assert!(loaded.events.iter().any(|e| matches!(e.kind, EventKind::Finished)));
}
