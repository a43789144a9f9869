//! A second place for a session's events while its journal cannot be
//! written (disk full, read-only, folder gone): the whole session, header
//! and every event, as `<session id>.jsonl.pending` in the first folder of
//! `paths::spill_dirs` that takes it (the output folder, else the runtime
//! or temp folder), replaced at once on every event while the journal is
//! behind, removed once the journal is whole again. Resume and report
//! merge it back: its events past the journal's end are added.

use std::io;
use std::path::{Path, PathBuf};

use super::{Loaded, read, write_text};
use crate::core::event::{Event, Header};
use crate::store::atomic::{self, Source};

/// The end of a spill's file name, after the session id.
pub const SUFFIX: &str = ".jsonl.pending";

/// The spill of session `session_id` in `dir`.
pub fn path_in(dir: &Path, session_id: &str) -> PathBuf {
    dir.join(format!("{session_id}{SUFFIX}"))
}

/// Writes the whole session (`header` and `events`) to its spill in the
/// first of `dirs` that takes it (made if missing; temp file, fsync,
/// rename, owner-only), and removes the session's older spills from the
/// others (one held fewer events); returns the file.
///
/// # Errors
/// The last folder's IO error when none takes it.
pub fn write(dirs: &[PathBuf], header: &Header, events: &[Event]) -> io::Result<PathBuf> {
    let text = |out: &mut dyn io::Write| write_text(out, header, events);
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no folder to hold the events");
    for dir in dirs {
        let path = path_in(dir, &header.session_id);
        match std::fs::create_dir_all(dir).and_then(|()| atomic::replace_with(&path, Source::Stream(&text))) {
            Ok(()) => {
                for other in dirs.iter().filter(|d| *d != dir) {
                    let _ = std::fs::remove_file(path_in(other, &header.session_id));
                }
                return Ok(path);
            }
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Removes session `session_id`'s spill from every one of `dirs`.
pub fn remove(dirs: &[PathBuf], session_id: &str) {
    for dir in dirs {
        let _ = std::fs::remove_file(path_in(dir, session_id));
    }
}

/// Merges into `loaded` (read from `journal`) the events its session's
/// spill in `dirs` holds past the journal's last one; returns the spill
/// merged, if any. Of several spills (a folder that refused a later one
/// kept an older), the one holding the most events is taken. A spill of
/// another session, or one that disagrees with the journal on an event
/// both hold, is left alone.
pub fn merge(loaded: &mut Loaded, dirs: &[PathBuf], journal: &Path) -> Option<PathBuf> {
    let same_file = |p: &Path| std::fs::canonicalize(p).ok() == std::fs::canonicalize(journal).ok();
    let last = loaded.events.last().map_or(0, |e| e.seq);
    let mut best: Option<(PathBuf, Loaded)> = None;
    for dir in dirs {
        let path = path_in(dir, &loaded.header.session_id);
        if !path.is_file() || same_file(&path) {
            continue;
        }
        let Ok(spill) = read(&path) else { continue };
        let agrees = spill.header == loaded.header && spill.events.iter().zip(&loaded.events).all(|(a, b)| a == b);
        let newest = spill.events.last().map_or(0, |e| e.seq);
        if agrees && newest > last && best.as_ref().is_none_or(|(_, b)| b.events.len() < spill.events.len()) {
            best = Some((path, spill));
        }
    }
    let (path, spill) = best?;
    loaded.events.extend(spill.events.into_iter().filter(|e| e.seq > last));
    Some(path)
}

/// [`merge`], then writes the journal at `journal` whole again with the
/// events merged (temp file, fsync, rename) and removes the spill: for a
/// resume, which appends to that file. Returns the spill merged, if any.
///
/// # Errors
/// The IO error writing the journal (the disk is still full): the events
/// stay merged in `loaded` and the spill where it is; the resumed session
/// finds its journal short of them and writes it whole when it can.
pub fn merge_back(loaded: &mut Loaded, dirs: &[PathBuf], journal: &Path) -> io::Result<Option<PathBuf>> {
    let Some(spill) = merge(loaded, dirs, journal) else { return Ok(None) };
    let text = |out: &mut dyn io::Write| write_text(out, &loaded.header, &loaded.events);
    atomic::replace_with(journal, Source::Stream(&text))?;
    remove(dirs, &loaded.header.session_id);
    Ok(Some(spill))
}

/// Whether the journal at `path` lacks events a session holds, whose last
/// event is `last_seq` in `lines` lines with the header: read from the
/// file's last line alone when it is a whole event (a resume of a large
/// journal does not read it twice), else by counting its lines. An
/// unreadable file is not short: its writer finds out on the next append.
pub fn short_of(path: &Path, last_seq: u64, lines: u64) -> bool {
    match last_line_seq(path) {
        Some(seq) => seq < last_seq,
        None => line_count(path).is_ok_and(|n| n < lines),
    }
}

/// The `seq` of the last line of the file at `path`, when that line is
/// whole (ends with a newline) and holds one.
fn last_line_seq(path: &Path) -> Option<u64> {
    use std::io::{Read, Seek, SeekFrom};
    #[derive(serde::Deserialize)]
    struct Seq {
        seq: u64,
    }
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    let from = len.saturating_sub(64 * 1024);
    file.seek(SeekFrom::Start(from)).ok()?;
    let mut tail = Vec::new();
    file.take(64 * 1024).read_to_end(&mut tail).ok()?;
    let body = tail.strip_suffix(b"\n")?;
    let start = memchr::memrchr(b'\n', body).map(|i| i + 1)?;
    serde_json::from_slice::<Seq>(&body[start..]).ok().map(|s| s.seq)
}

/// How many lines the file at `path` holds (newlines counted), read in
/// chunks: fewer than a session's header and events means events are
/// missing from it.
///
/// # Errors
/// Any IO error reading it.
pub fn line_count(path: &Path) -> io::Result<u64> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let (mut buf, mut n) = (vec![0u8; 64 * 1024], 0u64);
    loop {
        let got = file.read(&mut buf)?;
        if got == 0 {
            return Ok(n);
        }
        n += memchr::memchr_iter(b'\n', &buf[..got]).count() as u64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::journal::text_of;

    fn sample() -> Loaded {
        super::super::parse(&text_of(&header(), &[])).expect("header only")
    }

    fn header() -> Header {
        let text = "version = 1\ntitle = \"T\"\n[release]\nlive = \"a\"\nknown_good = \"b\"\n[[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n";
        Header {
            format: crate::core::event::JOURNAL_FORMAT,
            session_id: "s1".into(),
            mode: crate::core::event::Mode::Drill,
            runbook_path: "t.toml".into(),
            runbook_text: text.into(),
            runbook_sha256: crate::store::journal::sha256_hex(text),
            runbook_redacted: false,
            started_at: chrono::DateTime::UNIX_EPOCH,
            update_every_ms: None,
            deck: None,
            live_commands: false,
        }
    }

    fn events(n: u64) -> Vec<Event> {
        let rb = crate::core::runbook::Runbook::parse("t.toml", &header().runbook_text).expect("runbook");
        let mut s = crate::core::session::Session::new(crate::core::event::Mode::Drill, &rb);
        let at = |t_ms| crate::core::event::Stamp { at: chrono::DateTime::UNIX_EPOCH, t_ms };
        s.apply(crate::core::session::Command::Start(crate::core::roles::Roles::new("A", "B", "C")), at(0))
            .expect("start");
        for i in 1..n {
            s.apply(crate::core::session::Command::AddNote(format!("note {i}")), at(i * 1000)).expect("note");
        }
        s.events
    }

    #[test]
    fn a_spill_goes_to_the_first_folder_that_takes_it_and_merges_back_what_the_journal_lacks() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let blocked = tmp.path().join("blocked");
        std::fs::write(&blocked, "a file, not a folder").expect("blocker");
        let dirs = vec![blocked.join("out"), tmp.path().join("runtime")];
        let all = events(5);
        let written = write(&dirs, &header(), &all).expect("spilled");
        assert_eq!(written, path_in(&dirs[1], "s1"));
        let mut loaded = sample();
        loaded.events = all[..2].to_vec();
        let journal = tmp.path().join("s1.jsonl");
        assert_eq!(merge(&mut loaded, &dirs, &journal), Some(written.clone()));
        assert_eq!(loaded.events, all);
        assert_eq!(merge(&mut loaded, &dirs, &journal), None, "nothing more to add");
        remove(&dirs, "s1");
        assert!(!written.exists());
    }

    /// A folder that refused a later spill kept an older one: the session's
    /// newest spill is the one merged, and a spill written removes the
    /// session's older ones elsewhere.
    #[test]
    fn the_spill_holding_the_most_events_is_merged_and_older_ones_go() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dirs = vec![tmp.path().join("a"), tmp.path().join("b")];
        let all = events(6);
        for (dir, n) in [(&dirs[0], 3), (&dirs[1], 6)] {
            std::fs::create_dir_all(dir).expect("dir");
            std::fs::write(path_in(dir, "s1"), text_of(&header(), &all[..n])).expect("spill");
        }
        let mut loaded = sample();
        loaded.events = all[..2].to_vec();
        let journal = tmp.path().join("s1.jsonl");
        assert_eq!(merge(&mut loaded, &dirs, &journal), Some(path_in(&dirs[1], "s1")));
        assert_eq!(loaded.events, all, "every event, not the first folder's three");
        let written = write(&[dirs[1].clone(), dirs[0].clone()], &header(), &all).expect("spilled");
        assert_eq!(written, path_in(&dirs[1], "s1"));
        assert!(!path_in(&dirs[0], "s1").exists(), "the older spill is gone");
    }

    #[test]
    fn a_spill_that_disagrees_with_the_journal_is_left_alone() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dirs = vec![tmp.path().to_path_buf()];
        let mut other = events(4);
        other[1].t_ms += 1;
        write(&dirs, &header(), &other).expect("spilled");
        let mut loaded = sample();
        loaded.events = events(2);
        assert_eq!(merge(&mut loaded, &dirs, &tmp.path().join("s1.jsonl")), None);
        assert_eq!(loaded.events.len(), 2);
    }

    #[test]
    fn a_journal_short_of_the_session_is_found_from_its_last_line_or_by_counting() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let journal = tmp.path().join("s1.jsonl");
        let all = events(5);
        std::fs::write(&journal, text_of(&header(), &all[..3])).expect("write");
        assert!(short_of(&journal, all[4].seq, 6), "its last line is event 3 of 5");
        assert!(!short_of(&journal, all[2].seq, 4), "it holds all 3");
        // A half-written last line: the lines are counted instead.
        let mut text = text_of(&header(), &all[..3]);
        text.push_str("{\"seq\":4,\"at");
        std::fs::write(&journal, &text).expect("write");
        assert!(short_of(&journal, all[4].seq, 6));
        assert!(!short_of(&journal, all[2].seq, 4));
        assert!(!short_of(&tmp.path().join("missing.jsonl"), 9, 10), "unreadable is not short");
    }
}
