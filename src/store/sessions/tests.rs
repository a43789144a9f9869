//! Which journals a list of sessions shows: the unfinished ones, and the
//! finished ones whose save was started and never done (their postmortem
//! is missing); a finished one with no save started is left alone.

use super::*;
use crate::core::event::{JOURNAL_FORMAT, Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::runbook::Runbook;
use crate::core::session::{Command, Session};
use crate::store::journal::fixture::{self, RUNBOOK};

/// Writes session `id`'s journal into `dir`: started, finished when `finished`.
fn journal(dir: &Path, id: &str, finished: bool) -> PathBuf {
    let header = crate::core::event::Header { session_id: id.into(), ..fixture::header(JOURNAL_FORMAT) };
    let runbook = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &runbook);
    let at = |t_ms| Stamp { at: header.started_at, t_ms };
    s.apply(Command::Start(Roles::new("A", "B", "C")), at(0)).expect("start");
    if finished {
        s.apply(Command::Finish, at(1_000)).expect("finish");
    }
    let path = dir.join(format!("{id}.jsonl"));
    std::fs::write(&path, journal::text_of(&header, &s.events)).expect("journal");
    path
}

#[test]
fn a_finish_whose_save_never_happened_is_listed_and_an_old_one_left_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let running = journal(tmp.path(), "running", false);
    let cut = journal(tmp.path(), "cut", true);
    crate::store::save::mark_saving(&cut, &tmp.path().join("out")).expect("intent");
    journal(tmp.path(), "old", true);
    let mut listed: Vec<(PathBuf, bool)> =
        unfinished(tmp.path(), &[]).into_iter().map(|u| (u.path, u.postmortem_missing)).collect();
    listed.sort();
    assert_eq!(listed, vec![(cut, true), (running, false)]);
}

/// The disk was full from the start: the journal was never made and the
/// session is only in its spill. Once nothing writes the spill, it is
/// listed there (it resumes as a journal); a spill still being written,
/// or one whose journal exists (merged back when that is read), is not.
#[test]
fn a_session_held_only_in_its_spill_is_listed_once_quiet() {
    let (sessions, spills) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    let made = journal(spills.path(), "stranded", false);
    let spill = journal::spill::path_in(spills.path(), "stranded");
    std::fs::rename(&made, &spill).expect("as a spill");
    let dirs = [spills.path().to_path_buf()];
    assert!(unfinished(sessions.path(), &dirs).is_empty(), "written a moment ago: maybe still written");
    let quiet = std::time::SystemTime::now() - SPILL_QUIET - std::time::Duration::from_secs(1);
    std::fs::File::options().write(true).open(&spill).and_then(|f| f.set_modified(quiet)).expect("mtime");
    let listed: Vec<PathBuf> = unfinished(sessions.path(), &dirs).into_iter().map(|u| u.path).collect();
    assert_eq!(listed, vec![spill.clone()]);
    journal(sessions.path(), "stranded", false);
    let listed: Vec<PathBuf> = unfinished(sessions.path(), &dirs).into_iter().map(|u| u.path).collect();
    assert_eq!(listed, vec![sessions.path().join("stranded.jsonl")], "its journal is listed, once");
}
