//! The app's save of the session it holds writes what a save of the same
//! journal read back from disk writes, byte for byte.

use std::fs;

use super::*;
use crate::core::event::{JOURNAL_FORMAT, Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::session::Command;
use crate::core::vocab::Decision;
use crate::store::journal::fixture::{self, RUNBOOK};

#[test]
fn a_held_session_saves_as_its_journal_read_back_does() {
    let tmp = tempfile::tempdir().expect("tmp");
    let header = fixture::header(JOURNAL_FORMAT);
    let runbook = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut session = Session::new(Mode::Drill, &runbook);
    let at = |t_ms: u64| Stamp { at: header.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    let script = [Command::Start(Roles::new("A", "B", "C")), Command::Decide(Decision::RollBack)]
        .into_iter()
        .chain((0..300).map(|n| Command::AddNote(format!("note {n}: still failing"))))
        .chain([Command::PostStatus("Rolling back. Next update at 14:30 UTC".into()), Command::Finish]);
    for (i, c) in script.enumerate() {
        session.apply(c, at(i as u64 * 1_000)).expect("apply");
    }
    let text = journal::text_of(&header, &session.events);
    let path = tmp.path().join("s1.jsonl");
    fs::write(&path, &text).expect("journal");
    let (held_dir, read_dir) = (tmp.path().join("held"), tmp.path().join("read"));
    let held = save_held(&held_dir, &HeldSession { header, runbook, session }).expect("save held");
    let read = save(&read_dir, &journal::read(&path).expect("read")).expect("save read");
    assert_eq!(names(&held_dir), names(&read_dir));
    assert!(held.paths.len() >= 2, "{:?}", held.paths);
    for (a, b) in held.paths.iter().zip(&read.paths) {
        assert_eq!(fs::read(a).expect("held"), fs::read(b).expect("read"), "{}", a.display());
    }
    let copy = held.paths.iter().find(|p| p.extension().is_some_and(|e| e == "jsonl")).expect("the journal copy");
    assert_eq!(fs::read_to_string(copy).expect("copy"), text, "the copy streamed is the journal's text");
}

/// A runbook the journal keeps that no longer reads (the screens showed
/// the file's own, its redacted copy broken) is refused as `report` would
/// refuse it: nothing is rendered from what the record does not hold.
#[test]
fn a_held_session_whose_kept_runbook_does_not_read_is_not_saved() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut header = fixture::header(JOURNAL_FORMAT);
    let runbook = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut session = Session::new(Mode::Drill, &runbook);
    let at = Stamp { at: header.started_at, t_ms: 0 };
    session.apply(Command::Start(Roles::new("A", "B", "C")), at).expect("start");
    header.runbook_text = RUNBOOK.replace("version = 1", "version = [redacted]");
    let held = HeldSession { header, runbook, session };
    let refused = save_held(tmp.path(), &held);
    assert!(matches!(refused, Err(SaveSessionError::Journal(JournalError::Runbook(_)))), "{refused:?}");
    assert!(names(tmp.path()).is_empty(), "nothing written");
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    v.sort();
    v
}
