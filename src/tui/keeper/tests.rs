//! The keeper answers an append that reached the disk with its seq, and
//! never with that word when the journal could not be written; a save
//! marks the journal saved whatever its file is named.

use super::Keeper;
use crate::core::event::{EventKind, Header, JOURNAL_FORMAT, Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::runbook::Runbook;
use crate::core::session::{Command, Session};
use crate::store::journal::read;
use crate::tui::messages::Msg;

use crate::store::journal::fixture::RUNBOOK;

fn header() -> Header {
    crate::store::journal::fixture::header(JOURNAL_FORMAT)
}

/// The start and a note of a fresh session, as events.
fn events() -> Vec<crate::core::event::Event> {
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let at = header().started_at;
    [Command::Start(Roles::new("A", "B", "C")), Command::AddNote("ledger two clicks away".into())]
        .into_iter()
        .enumerate()
        .map(|(i, c)| s.apply(c, Stamp { at, t_ms: 1_000 * i as u64 }).expect("apply"))
        .collect()
}

#[test]
fn an_append_on_disk_answers_with_its_seq() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut keeper = Keeper::default();
    let path = keeper.create(dir.path(), header()).expect("created");
    for e in events() {
        assert!(matches!(keeper.append(&e, None), Some(Msg::JournalWritten(seq)) if seq == e.seq), "seq {}", e.seq);
    }
    // The word is true: the note is in the file.
    let on_disk = read(&path).expect("read");
    assert!(matches!(&on_disk.events[1].kind, EventKind::NoteAdded { text, .. } if text == "ledger two clicks away"));
}

/// A keeper whose journal could not be created: `folder` in `dir` is a
/// file. Returns the keeper and that file.
fn refused(dir: &std::path::Path, folder: &str) -> (Keeper, std::path::PathBuf) {
    let file = dir.join(folder);
    std::fs::write(&file, "a file where the folder goes").expect("blocker");
    let mut keeper = Keeper::default();
    assert!(matches!(keeper.create(&file, header()), Err(Msg::JournalBehind(_))));
    (keeper, file)
}

#[test]
fn an_append_with_no_journal_is_never_said_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut keeper, _) = refused(dir.path(), "a-file");
    for e in events() {
        let answer = keeper.append(&e, None);
        assert!(!matches!(answer, Some(Msg::JournalWritten(_))), "{answer:?}");
    }
    assert!(!keeper.complete());
}

#[test]
fn a_save_marks_a_renamed_journal_saved_and_leaves_no_intent() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("renamed.jsonl");
    std::fs::write(&path, crate::store::journal::text_of(&header(), &events())).expect("journal");
    let mut keeper = Keeper::default();
    let journal = crate::store::journal::Journal::open_append(&path).expect("open");
    let lock = crate::store::lock::Lock::acquire(&path, header().started_at).expect("lock");
    keeper.opened(journal, lock);
    let out = dir.path().join("out");
    keeper.intend_save(Some(&out));
    assert!(crate::store::save::intent_path(&path).exists(), "the intent is recorded first");
    keeper.saved(&header().session_id, &[out.join("s.md")]);
    assert!(crate::store::save::is_saved(&path), "marked saved");
    assert!(!crate::store::save::intent_path(&path).exists(), "no intent left to finish again at the next start");
}

/// A session finished before its journal could be created: when a retry
/// creates it, the save's intent is recorded beside it, so a start lists
/// it (postmortem missing) rather than leave a finished session unseen.
#[test]
fn a_journal_created_after_the_finish_records_the_save_intent() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (mut keeper, dir) = refused(tmp.path(), "sessions");
    let out = tmp.path().join("out");
    keeper.intend_save(Some(&out));
    std::fs::remove_file(&dir).expect("unblock");
    let (h, all) = (header(), events());
    let kept = super::MustKeep { header: &h, events: &all, read_only: false, finished: true };
    assert!(matches!(keeper.retry(Some(kept)), Some(Msg::JournalCreated(..) | Msg::JournalRecovered(_))));
    let path = dir.join(format!("{}.jsonl", h.session_id));
    assert!(crate::store::save::intent_path(&path).exists(), "the intent is beside the journal made late");
}
