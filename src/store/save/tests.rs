//! The save as a two-phase commit: killed or failing at every step, the
//! session is afterwards saved whole (or listed), never invisible, and no
//! temp file is left once `recover` ran.

use std::fs;

use super::*;
use crate::core::event::{Header, JOURNAL_FORMAT, Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::runbook::Runbook;
use crate::core::session::{Command, Session};
use crate::store::journal::Journal;

use crate::store::journal::fixture::{self, RUNBOOK};

/// A finished session journaled in `sessions`; returns its path and contents.
fn finished(sessions: &Path) -> (PathBuf, Loaded) {
    finished_with(sessions, "runbooks/t.toml", &[])
}

/// A finished session of the runbook at `runbook_path` with `notes`.
fn finished_with(sessions: &Path, runbook_path: &str, notes: &[&str]) -> (PathBuf, Loaded) {
    let header = Header { runbook_path: runbook_path.into(), ..fixture::header(JOURNAL_FORMAT) };
    let mut j = Journal::create(sessions, &header).expect("create");
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let at = |t_ms| Stamp { at: header.started_at, t_ms };
    let script = std::iter::once(Command::Start(Roles::new("A", "B", "C")))
        .chain(notes.iter().map(|n| Command::AddNote((*n).to_owned())))
        .chain([Command::Finish]);
    for (i, c) in script.enumerate() {
        j.append(&s.apply(c, at(i as u64 * 1000)).expect("apply")).expect("append");
    }
    let loaded = journal::read(j.path()).expect("read");
    (j.path().to_path_buf(), loaded)
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        fs::read_dir(dir).expect("read dir").map(|e| e.expect("entry").file_name().to_string_lossy().into()).collect();
    v.sort();
    v
}

const STEPS: [Step; 5] =
    [Step::TempSynced(0), Step::TempSynced(1), Step::Renamed(1), Step::Renamed(0), Step::FolderSynced];

#[test]
fn a_kill_at_any_step_is_finished_at_the_next_start() {
    for step in STEPS {
        let (state, out, elsewhere) =
            (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
        let (journal, loaded) = finished(state.path());
        mark_saving(&journal, out.path()).expect("intent");
        let killed = save_with(out.path(), &loaded, None, &mut |s| (s == step).then_some(Fault::Kill));
        assert!(killed.is_err(), "{step:?}");
        // The next start, with another output folder: the save goes where it was going.
        let rec = recover(state.path(), Some(elsewhere.path()));
        let stem = "2026-11-23T1400Z-t";
        assert_eq!(rec.completed, vec![(journal.clone(), out.path().join(format!("{stem}.md")))], "{step:?}");
        assert!(rec.missing.is_empty(), "{step:?}");
        assert!(is_saved(&journal) && !intent_path(&journal).exists(), "{step:?}");
        assert_eq!(names(out.path()), vec![format!("{stem}.jsonl"), format!("{stem}.md")], "{step:?}: whole, no temp");
        assert!(names(elsewhere.path()).is_empty());
        let md = fs::read_to_string(out.path().join(format!("{stem}.md"))).expect("md");
        assert!(md.starts_with("# "), "{step:?}: a whole postmortem");
        assert_eq!(journal::read(&out.path().join(format!("{stem}.jsonl"))).expect("copy").events, loaded.events);
    }
}

/// The steps before the set's first temp file is durable: killed right
/// after the intent was recorded (nothing written), and killed while the
/// first temp file was half written (an orphan left behind, and the
/// `.saved` marker never written). Both end saved whole, with no temp file.
#[test]
fn a_kill_before_any_file_is_durable_is_finished_at_the_next_start() {
    for half_written in [false, true] {
        let (state, out) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
        let (journal, loaded) = finished(state.path());
        mark_saving(&journal, out.path()).expect("intent");
        if half_written {
            fs::write(out.path().join(".firedrill-cut.tmp"), "# half a postm").expect("orphan");
        }
        let rec = recover(state.path(), None);
        let stem = "2026-11-23T1400Z-t";
        assert_eq!(rec.completed, vec![(journal.clone(), out.path().join(format!("{stem}.md")))]);
        assert_eq!(rec.orphans_removed, usize::from(half_written));
        assert!(is_saved(&journal) && !intent_path(&journal).exists());
        assert_eq!(names(out.path()), vec![format!("{stem}.jsonl"), format!("{stem}.md")], "whole, no temp");
        assert_eq!(journal::read(&out.path().join(format!("{stem}.jsonl"))).expect("copy").events, loaded.events);
    }
}

#[test]
fn a_save_that_cannot_be_finished_is_listed_and_an_old_unmarked_one_left_alone() {
    let (state, out) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    let (journal, _) = finished(state.path());
    assert_eq!(recover(state.path(), Some(out.path())), Recovery::default(), "no marker: from before the markers");
    let blocked = out.path().join("not-a-folder");
    fs::write(&blocked, "x").expect("file");
    mark_saving(&journal, &blocked).expect("intent");
    let rec = recover(state.path(), Some(out.path()));
    assert_eq!(rec.missing, vec![journal.clone()], "saved? postmortem missing");
    assert!(!is_saved(&journal));
}

#[test]
fn a_failure_at_any_step_rolls_the_set_back() {
    for step in STEPS {
        let (state, out) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
        let (_, loaded) = finished(state.path());
        let fault = |s: Step| (s == step).then(|| Fault::Fail(io::Error::other("injected")));
        let err = save_with(out.path(), &loaded, None, &mut { fault }).expect_err("fails");
        assert!(err.to_string().contains("injected"), "{step:?}: {err}");
        assert!(names(out.path()).is_empty(), "{step:?}: {:?}", names(out.path()));
    }
}

#[test]
fn a_whole_save_is_private_and_marked() {
    use std::os::unix::fs::PermissionsExt;
    let (state, out) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    let (journal, loaded) = finished(state.path());
    mark_saving(&journal, out.path()).expect("intent");
    let written = save(out.path(), &loaded).expect("save").paths;
    mark_saved(&journal, &written).expect("mark");
    assert!(!intent_path(&journal).exists(), "the intent is done");
    for p in &written {
        assert_eq!(fs::metadata(p).expect("meta").permissions().mode() & 0o777, 0o600, "{}", p.display());
    }
    assert_eq!(recover(state.path(), Some(out.path())), Recovery::default());
}

#[test]
fn a_temp_file_of_a_save_in_progress_is_left_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let live = dir.path().join(".firedrill-live.tmp");
    let file = fs::File::create(&live).expect("create");
    file.lock().expect("lock");
    fs::write(dir.path().join(".firedrill-dead.tmp"), "x").expect("write");
    assert_eq!(atomic::remove_orphans(dir.path()), 1);
    assert_eq!(names(dir.path()), vec![".firedrill-live.tmp".to_owned()]);
}

/// A runbook file with a comment, and the session with a `RUNBOOK:` note:
/// the save proposes an update.
fn proposing(dir: &Path, sessions: &Path) -> (PathBuf, PathBuf, Loaded) {
    let rb = dir.join("t.toml");
    fs::write(&rb, format!("# owned by payments\n{RUNBOOK}")).expect("runbook");
    let (journal, loaded) = finished_with(sessions, &rb.display().to_string(), &["RUNBOOK: the ledger moved"]);
    (rb, journal, loaded)
}

const STEPS3: [Step; 7] = [
    Step::TempSynced(0),
    Step::TempSynced(1),
    Step::TempSynced(2),
    Step::Renamed(2),
    Step::Renamed(1),
    Step::Renamed(0),
    Step::FolderSynced,
];

#[test]
fn the_proposal_is_part_of_the_set_and_a_kill_anywhere_leaves_it_whole() {
    for step in STEPS3 {
        let (state, out, home) =
            (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
        let (rb, journal, loaded) = proposing(home.path(), state.path());
        mark_saving(&journal, out.path()).expect("intent");
        assert!(save_with(out.path(), &loaded, None, &mut |s| (s == step).then_some(Fault::Kill)).is_err());
        let rec = recover(state.path(), None);
        assert_eq!(rec.completed.len(), 1, "{step:?}: {rec:?}");
        let stem = "2026-11-23T1400Z-t";
        let want = vec![format!("{stem}.jsonl"), format!("{stem}.md"), format!("{stem}.runbook.diff")];
        assert_eq!(names(out.path()), want, "{step:?}: the set whole, no temp, no second set");
        let diff = fs::read_to_string(out.path().join(&want[2])).expect("diff");
        assert!(
            diff.starts_with(
                "# firedrill: the runbook update proposed after session s1\n# - trigger: the ledger moved\n"
            ),
            "{diff}"
        );
        assert!(
            diff.contains("+# Proposed after the session of 2026-11-23:\n+# trigger: the ledger moved\n"),
            "{diff}"
        );
        let marked = fs::read_to_string(marker_path(&journal)).expect("marker");
        assert_eq!(marked.lines().count(), 3, "{step:?}: the marker names the proposal too: {marked}");
        assert_eq!(fs::read_to_string(&rb).expect("runbook"), format!("# owned by payments\n{RUNBOOK}"), "untouched");
    }
}

#[test]
fn a_failure_rolls_the_proposal_back_with_the_set() {
    for step in STEPS3 {
        let (state, out, home) =
            (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
        let (_, _, loaded) = proposing(home.path(), state.path());
        let fault = |s: Step| (s == step).then(|| Fault::Fail(io::Error::other("injected")));
        assert!(save_with(out.path(), &loaded, None, &mut { fault }).is_err());
        assert!(names(out.path()).is_empty(), "{step:?}: {:?}", names(out.path()));
    }
}

#[test]
fn a_saved_proposal_applies_once_keeping_comments_and_is_stale_after() {
    let (state, out, home) =
        (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    let (rb, _, loaded) = proposing(home.path(), state.path());
    let saved = save(out.path(), &loaded).expect("save");
    assert_eq!(
        saved.proposal.as_ref().map(|p| p.as_ref().map(|p| p.lines.clone())),
        Ok(Some(vec!["trigger: the ledger moved".to_owned()]))
    );
    let diff = saved.paths.iter().find(|p| p.to_string_lossy().ends_with(".runbook.diff")).expect("diff written");
    let p = proposal::load_saved(diff).expect("the diff is what the session proposes");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let checked = proposal::apply(&p, today).expect("applied");
    assert!(matches!(checked, crate::store::check::Checked::Loaded { .. }), "{checked:?}");
    let text = fs::read_to_string(&rb).expect("runbook");
    assert!(text.starts_with("# owned by payments\n") && text.ends_with("# trigger: the ledger moved\n"), "{text}");
    let again = proposal::load_saved(diff).expect_err("the runbook changed: the saved diff no longer applies");
    assert!(again.to_string().contains("nothing applied"), "{again}");
    assert_eq!(fs::read_to_string(&rb).expect("runbook"), text, "applied once");
}

/// `firedrill report`'s read lets go of the notes no section prints: on a
/// journal past the cap, with notes the action items read, the files it
/// writes are those a full read writes.
#[test]
fn a_report_writes_what_a_full_read_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (path, small) = finished(tmp.path());
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let at =
        |t_ms: u64| Stamp { at: small.header.started_at + chrono::Duration::milliseconds(t_ms.cast_signed()), t_ms };
    s.apply(Command::Start(Roles::new("A", "B", "C")), at(0)).expect("start");
    for n in 1..=5_000u64 {
        let text = if n % 501 == 0 { format!("TODO: check {n}") } else { format!("note {n}") };
        s.apply(Command::AddNote(text), at(n)).expect("note");
    }
    s.apply(Command::Finish, at(6_000)).expect("finish");
    fs::write(&path, journal::text_of(&small.header, &s.events)).expect("journal");
    let (thin, emptied) = journal::read_for_postmortem(&path).expect("read");
    assert!(emptied > 2_900, "{emptied} texts let go");
    let (full_dir, thin_dir) = (tmp.path().join("full"), tmp.path().join("thin"));
    let full = save(&full_dir, &journal::read(&path).expect("read")).expect("save");
    let report = save_file(&thin_dir, thin, &path, &folder(&thin_dir)).expect("save");
    assert_eq!(names(&full_dir), names(&thin_dir));
    for (a, b) in full.paths.iter().zip(&report.paths) {
        assert_eq!(fs::read(a).expect("full"), fs::read(b).expect("report"), "{}", a.display());
    }
    // Review's summary (history, splits, action items) reads it the same thin way.
    let (h, runbook, session) = journal::read(&path).expect("read").into_session().expect("session");
    let summary = crate::core::review::summarize(&h, &runbook, &session);
    assert_eq!(crate::store::review::summarize_file(&path), Ok(summary));
}

/// The names in a folder's listing say what a stat of each marker says:
/// which journals are saved, and which had a save started; a journal that
/// is a symlink is kept when any kind is asked for (the reader follows it).
#[test]
fn unsaved_journals_answer_as_the_markers_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    for file in ["a.jsonl", "b.jsonl", "b.jsonl.saved", "c.jsonl", "c.jsonl.saving", "d.jsonl", "e.txt", "g.jsonl"] {
        fs::write(d.join(file), "").expect("write");
    }
    // A marker that is a folder does not mark a journal saved; an intent of any kind counts.
    fs::create_dir(d.join("d.jsonl.saved")).expect("mkdir");
    fs::create_dir(d.join("g.jsonl.saving")).expect("mkdir");
    fs::create_dir(d.join("f.jsonl")).expect("mkdir");
    std::os::unix::fs::symlink(d.join("a.jsonl"), d.join("h.jsonl")).expect("symlink");
    let listing = atomic::listing(d);
    let ours = |any_kind: bool| {
        let mut v: Vec<(String, bool)> = unsaved_journals(&listing, any_kind)
            .into_iter()
            .map(|(n, s)| (n.to_string_lossy().into_owned(), s))
            .collect();
        v.sort();
        v
    };
    let by_stat = |keep: &dyn Fn(&Path) -> bool| {
        let mut v: Vec<(String, bool)> = fs::read_dir(d)
            .expect("read")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| keep(p) && p.extension().is_some_and(|x| x == "jsonl") && !is_saved(p))
            .map(|p| {
                (p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), intent_path(&p).exists())
            })
            .collect();
        v.sort();
        v
    };
    let regular = |p: &Path| p.symlink_metadata().is_ok_and(|m| m.is_file());
    assert_eq!(ours(false), by_stat(&regular));
    assert_eq!(ours(true), by_stat(&|_| true));
    let named = |v: Vec<(String, bool)>| v.into_iter().map(|(n, s)| format!("{n}:{s}")).collect::<Vec<_>>();
    assert_eq!(named(ours(false)), ["a.jsonl:false", "c.jsonl:true", "d.jsonl:false", "g.jsonl:true"]);
    assert_eq!(
        named(ours(true)),
        ["a.jsonl:false", "c.jsonl:true", "d.jsonl:false", "f.jsonl:false", "g.jsonl:true", "h.jsonl:false"]
    );
}

/// A temp file a dead save left in the output folder goes with the next
/// save into it (the start no longer lists that folder).
#[test]
fn the_next_save_into_a_folder_sweeps_its_orphans() {
    let (state, out) = (tempfile::tempdir().expect("tmp"), tempfile::tempdir().expect("tmp"));
    let (_, loaded) = finished(state.path());
    fs::write(out.path().join(".firedrill-dead.tmp"), "# half a postm").expect("orphan");
    assert_eq!(recover(state.path(), Some(out.path())), Recovery::default(), "the start leaves the folder alone");
    save(out.path(), &loaded).expect("save");
    let left = names(out.path());
    assert!(!left.iter().any(|n| n.starts_with(atomic::TEMP_PREFIX)), "{left:?}");
}
