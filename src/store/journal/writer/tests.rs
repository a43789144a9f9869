//! The writer against a fault-injecting sink: a disk that fills up after N
//! bytes, and an fsync that fails. No torn line survives, nothing is glued,
//! and pending events land in order once writes work again.

use std::fs::OpenOptions;
use std::io::Write as _;

use super::*;
use crate::core::event::Header;
use crate::core::event::{Mode, Stamp};
use crate::core::roles::Roles;
use crate::core::runbook::Runbook;
use crate::core::session::{Command, Session};
use crate::store::journal::parse;

use crate::store::journal::fixture::RUNBOOK;

/// An in-memory file that stops taking bytes after `budget` of them
/// (`None`: no limit) and whose fsync fails while `fail_sync` is set.
#[derive(Debug, Default)]
struct Faulty {
    data: Vec<u8>,
    budget: Option<usize>,
    fail_sync: bool,
}

impl Sink for Faulty {
    fn append(&mut self, buf: &[u8]) -> io::Result<()> {
        let n = self.budget.map_or(buf.len(), |b| b.min(buf.len()));
        self.data.extend_from_slice(&buf[..n]);
        if let Some(b) = &mut self.budget {
            *b -= n;
        }
        if n < buf.len() { Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device")) } else { Ok(()) }
    }
    fn sync(&mut self) -> io::Result<()> {
        if self.fail_sync { Err(io::Error::other("fsync failed")) } else { Ok(()) }
    }
    fn size(&mut self) -> io::Result<u64> {
        Ok(self.data.len() as u64)
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.data.truncate(usize::try_from(len).unwrap_or(usize::MAX));
        Ok(())
    }
}

fn header() -> Header {
    crate::store::journal::fixture::header(crate::core::event::JOURNAL_FORMAT)
}

/// A journal on a faulty sink with its header written, and a live session.
fn start() -> (Journal<Faulty>, Session) {
    let mut j = Journal::with_sink(Faulty::default(), PathBuf::from("s1.jsonl"), 0);
    j.queue(&serde_json::to_string(&header()).expect("json"));
    j.flush().expect("header");
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let e = s.apply(Command::Start(Roles::new("A", "B", "C")), stamp(0)).expect("start");
    j.append(&e).expect("append");
    (j, s)
}

fn stamp(t_ms: u64) -> Stamp {
    Stamp { at: header().started_at, t_ms }
}

fn note(j: &mut Journal<Faulty>, s: &mut Session, i: u64) -> io::Result<()> {
    let e = s.apply(Command::AddNote(format!("note {i}")), stamp(i * 1000)).expect("note");
    j.append(&e)
}

fn on_disk(j: &Journal<Faulty>) -> crate::store::journal::Loaded {
    parse(&String::from_utf8_lossy(&j.sink.data)).expect("parse")
}

#[test]
fn a_full_disk_keeps_events_pending_and_never_glues_lines() {
    let (mut j, mut s) = start();
    note(&mut j, &mut s, 1).expect("room");
    j.sink.budget = Some(17);
    let err = note(&mut j, &mut s, 2).expect_err("disk full mid-line");
    assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    assert!(j.sink.data.ends_with(b"\n"), "the torn line was cut at once");
    for i in 3..=5 {
        assert!(note(&mut j, &mut s, i).is_err(), "still full");
    }
    assert_eq!(j.pending(), 4);
    assert!(j.sink.data.ends_with(b"\n"), "the torn tail was cut before the next attempt");
    assert_eq!(j.failure(), Some("No space left on device"));
    j.sink.budget = None;
    note(&mut j, &mut s, 6).expect("room again");
    assert_eq!(j.pending(), 0);
    assert!(j.complete() && j.failure().is_none());
    let loaded = on_disk(&j);
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(loaded.events, s.events, "every event shown is on disk, in order");
    assert_eq!(loaded.session().expect("replay").1, s);
}

#[test]
fn a_failed_fsync_is_retried_without_duplicating_the_line() {
    let (mut j, mut s) = start();
    j.sink.fail_sync = true;
    assert!(note(&mut j, &mut s, 1).is_err());
    assert!(note(&mut j, &mut s, 2).is_err());
    assert_eq!(j.pending(), 2);
    j.sink.fail_sync = false;
    j.flush().expect("retry on the timer");
    let loaded = on_disk(&j);
    assert!(loaded.skipped.is_empty());
    assert_eq!(loaded.events, s.events);
}

#[test]
fn past_the_pending_cap_only_a_rewrite_completes_the_journal() {
    let (mut j, mut s) = start();
    j.sink.budget = Some(0);
    for i in 1..=u64::try_from(MAX_PENDING).expect("small") + 1 {
        let _ = note(&mut j, &mut s, i);
    }
    assert!(j.needs_rewrite() && !j.complete());
    assert_eq!(j.pending(), 0, "the copies were dropped: memory stays bounded");
    j.sink.budget = None;
    assert!(j.flush().is_err_and(|e| e.to_string().contains("must be written whole")));
}

#[test]
fn a_real_file_is_private_and_a_torn_tail_is_cut_on_reopen() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut j = Journal::create(dir.path(), &header()).expect("create");
    let mode = std::fs::metadata(j.path()).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let (_, mut s) = start();
    j.append(&s.events[0]).expect("append");
    let path = j.path().to_path_buf();
    drop(j);
    let mut f = OpenOptions::new().append(true).open(&path).expect("open");
    f.write_all(b"{\"seq\":2,\"at\":\"20").expect("tear");
    drop(f);
    let mut j = Journal::open_append(&path).expect("reopen");
    let e = s.apply(Command::AddNote("after".into()), stamp(5000)).expect("note");
    j.append(&e).expect("append");
    let loaded = crate::store::journal::read(&path).expect("read");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(loaded.events, s.events);
}

#[test]
fn a_deleted_file_is_noticed_and_rewritten_from_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut j = Journal::create(dir.path(), &header()).expect("create");
    let (_, s) = start();
    j.append(&s.events[0]).expect("append");
    std::fs::remove_file(j.path()).expect("delete");
    assert!(j.deleted() && j.needs_rewrite());
    j.rewrite(&header(), &s.events).expect("rewrite");
    assert!(j.complete());
    let loaded = crate::store::journal::read(j.path()).expect("read");
    assert_eq!(loaded.events, s.events);
}

/// A sink whose truncate fails too while the disk is full (a read-only
/// remount): the torn tail stays until a later attempt can cut it.
#[derive(Debug, Default)]
struct Stuck {
    inner: Faulty,
    fail_truncate: bool,
}

impl Sink for Stuck {
    fn append(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.append(buf)
    }
    fn sync(&mut self) -> io::Result<()> {
        self.inner.sync()
    }
    fn size(&mut self) -> io::Result<u64> {
        self.inner.size()
    }
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        if self.fail_truncate { Err(io::Error::other("read-only file system")) } else { self.inner.truncate(len) }
    }
}

#[test]
fn a_torn_tail_that_cannot_be_cut_yet_is_cut_before_the_next_write() {
    let mut j = Journal::with_sink(Stuck::default(), PathBuf::from("s1.jsonl"), 0);
    j.queue(&serde_json::to_string(&header()).expect("json"));
    j.flush().expect("header");
    let rb = Runbook::parse("t.toml", RUNBOOK).expect("runbook");
    let mut s = Session::new(Mode::Drill, &rb);
    let e = s.apply(Command::Start(Roles::new("A", "B", "C")), stamp(0)).expect("start");
    (j.sink.inner.budget, j.sink.fail_truncate) = (Some(9), true);
    assert!(j.append(&e).is_err());
    assert!(!j.sink.inner.data.ends_with(b"\n"), "torn, and it could not be cut");
    let e2 = s.apply(Command::AddNote("n".into()), stamp(1000)).expect("note");
    assert!(j.append(&e2).is_err(), "the cut fails, so nothing is glued on");
    (j.sink.inner.budget, j.sink.fail_truncate) = (None, false);
    j.flush().expect("recovered");
    let loaded = parse(&String::from_utf8_lossy(&j.sink.inner.data)).expect("parse");
    assert!(loaded.skipped.is_empty(), "{:?}", loaded.skipped);
    assert_eq!(loaded.events, s.events);
}

#[test]
fn a_file_emptied_or_replaced_under_the_writer_is_noticed_never_padded_and_rewritten() {
    for how in ["emptied", "replaced"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut j = Journal::create(dir.path(), &header()).expect("create");
        let (_, mut s) = start();
        j.append(&s.events[0]).expect("append");
        if how == "emptied" {
            // `: > journal`
            std::fs::File::create(j.path()).expect("truncate");
        } else {
            std::fs::write(dir.path().join("other"), "another file\n").expect("other");
            std::fs::rename(dir.path().join("other"), j.path()).expect("replace");
        }
        let e = s.apply(Command::AddNote("after".into()), stamp(5000)).expect("note");
        assert!(j.append(&e).is_err(), "{how}: the append is refused, not written at the old offset");
        assert!(j.needs_rewrite() && !j.complete(), "{how}");
        assert!(j.lost().is_some(), "{how}");
        let bytes = std::fs::read(j.path()).expect("read");
        assert!(!bytes.contains(&0), "{how}: never padded with zeros");
        j.rewrite(&header(), &s.events).expect("rewrite");
        assert!(j.complete() && j.lost().is_none(), "{how}");
        assert_eq!(crate::store::journal::read(j.path()).expect("read").events, s.events, "{how}");
    }
}

/// A file short of events merged back from a spill is not complete until
/// it is rewritten: nothing pending must not read as everything on disk.
#[test]
fn a_file_that_must_be_rewritten_is_not_complete_until_it_is() {
    let dir = tempfile::tempdir().expect("tmp");
    let (_, s) = start();
    let mut j = Journal::create(dir.path(), &header()).expect("create");
    j.append(&s.events[0]).expect("append");
    assert!(j.complete());
    j.must_rewrite();
    assert!(!j.complete() && j.pending() == 0, "short of events, though nothing is queued");
    j.rewrite(&header(), &s.events).expect("rewrite");
    assert!(j.complete());
}
