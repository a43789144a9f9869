//! End to end: the journal becomes unwritable mid-session (deleted, and its
//! folder replaced by a file). The banner names the cause and the path, the
//! quit menu no longer offers to keep it, and once the folder is back the
//! journal is rewritten from memory, the banner clears and nothing is lost.
//! Quitting while it is still unwritable writes a whole copy elsewhere and
//! says where.

mod common;

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
    app.wait_for("journal incomplete, copy to output folder");
    assert!(!app.screen().contains("keep the journal to resume"), "{}", app.screen());
    app.send(b"b");

    fs::remove_file(&sessions).expect("unsquat");
    fs::create_dir_all(&sessions).expect("folder back");
    app.wait_for("the journal was deleted; rewritten from memory");
    assert!(!app.screen().contains("JOURNAL CANNOT BE WRITTEN"), "the banner cleared:\n{}", app.screen());
    app.send(b"n");
    app.send(b"after the fault\r");
    app.wait_for("notes (3)");
    app.keep_and_exit();

    let written = common::files_with(&sessions, "jsonl");
    let loaded = journal::read(&written[0]).expect("journal reads back");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(notes(&loaded), vec!["before the fault", "during the fault", "after the fault"]);
}

#[test]
fn leaving_while_it_is_unwritable_writes_a_whole_copy_and_says_where() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (mut app, sessions) = start(tmp.path());
    break_folder(&sessions);
    app.send(b"n");
    app.send(b"during the fault\r");
    app.wait_for("JOURNAL CANNOT BE WRITTEN");
    app.send(b"q");
    app.wait_for("journal incomplete");
    app.send(b"k");
    assert_eq!(app.wait_exit(), 0, "nothing was lost");
    let copies = common::files_with(&tmp.path().join("out"), "jsonl");
    assert_eq!(copies.len(), 1, "{copies:?}");
    let said = app.screen().replace('\n', "");
    assert!(said.contains("is incomplete"), "{said}");
    assert!(said.contains("the whole session was written to"), "{said}");
    assert!(!said.contains("session kept"), "{said}");
    let loaded = journal::read(&copies[0]).expect("the copy reads back");
    assert_eq!(notes(&loaded), vec!["before the fault", "during the fault"]);
}
