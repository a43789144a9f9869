//! Following a journal another process writes: read what was appended
//! since the last look, whole lines only (a torn last line waits for the
//! rest), without ever writing the journal, its lock or anything beside
//! it. A journal that shrank was rewritten (from memory, after a fault):
//! it is read again from the start. About once a second it also asks
//! whether a writer still holds the journal's lock (an OS lock, so a killed
//! writer lets go at once).

use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::core::event::Event;
use crate::store::regular;

/// Largest slice of new journal read in one look (more waits for the next).
const MAX_READ: u64 = 8 << 20;

/// What one look at the journal found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct News {
    /// Events appended since the last look, in order.
    pub events: Vec<Event>,
    /// True when the journal was rewritten: replay it whole.
    pub rewritten: bool,
    /// The files the session was saved as, once it was (postmortem first).
    pub saved: Option<Vec<PathBuf>>,
    /// Who writes it, when that changed since the last look that said.
    pub writer: Option<Writer>,
}

/// Whether a process holds a followed journal's lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writer {
    /// A writer holds it: `host:pid`.
    Holding(String),
    /// No process holds it (saved, or stopped without saving).
    Gone,
}

/// Looks between two checks of the writer's lock (a look is 200 ms).
const WRITER_EVERY: u32 = 5;

/// A reader of a journal that grows.
#[derive(Debug)]
pub struct Follower {
    path: PathBuf,
    offset: u64,
    partial: Vec<u8>,
    saved: bool,
    looks: u32,
    writer: Option<Writer>,
}

impl Follower {
    /// Follows `path` from byte `offset` (the end of what was already read).
    pub fn new(path: PathBuf, offset: u64) -> Self {
        Self { path, offset, partial: Vec::new(), saved: false, looks: 0, writer: None }
    }

    /// The journal followed.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Looks once: the whole lines appended since the last look.
    ///
    /// # Errors
    /// The IO error when the journal cannot be opened or read (deleted, or
    /// no longer a regular file); the next look tries again.
    pub fn poll(&mut self) -> io::Result<News> {
        let mut news = News::default();
        // The marker is looked for before the journal: every event the
        // saved session holds was appended before it, so once it is seen
        // here the read below gets them all (the end is shown whole).
        let saved_before_read = !self.saved && crate::store::save::is_saved(&self.path);
        let mut file = regular::open(&self.path, u64::MAX)?;
        let len = file.metadata()?.len();
        if len < self.offset {
            self.offset = 0;
            self.partial.clear();
            news.rewritten = true;
            return Ok(news);
        }
        if len > self.offset {
            file.seek(SeekFrom::Start(self.offset))?;
            let mut bytes = Vec::new();
            file.take(MAX_READ).read_to_end(&mut bytes)?;
            self.offset += bytes.len() as u64;
            self.partial.extend_from_slice(&bytes);
            let cut = self.partial.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let whole: Vec<u8> = self.partial.drain(..cut).collect();
            news.events =
                String::from_utf8_lossy(&whole).lines().filter_map(|l| Event::from_json_line(l).ok()).collect();
        }
        if self.looks.is_multiple_of(WRITER_EVERY) {
            let now = crate::store::lock::holder(&self.path)
                .map_or(Writer::Gone, |h| Writer::Holding(format!("{}:{}", h.host, h.pid)));
            if self.writer.as_ref() != Some(&now) {
                self.writer = Some(now.clone());
                news.writer = Some(now);
            }
        }
        self.looks = self.looks.wrapping_add(1);
        // Said only once all of it was read (a big backlog takes several looks).
        if saved_before_read && self.offset >= len {
            self.saved = true;
            let marker = regular::read(&crate::store::save::marker_path(&self.path), 64 * 1024).unwrap_or_default();
            news.saved = Some(String::from_utf8_lossy(&marker).lines().map(PathBuf::from).collect());
        }
        Ok(news)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn whole_lines_only_and_a_rewrite_is_noticed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.jsonl");
        let line = r#"{"seq":2,"at":"2026-11-23T14:00:01Z","t_ms":1000,"kind":"note_added","text":"hi"}"#;
        std::fs::write(&path, "header\n").expect("write");
        let mut f = Follower::new(path.clone(), 7);
        assert_eq!(f.poll().expect("poll"), News { writer: Some(Writer::Gone), ..News::default() }, "no writer here");
        let mut file = std::fs::OpenOptions::new().append(true).open(&path).expect("open");
        file.write_all(&line.as_bytes()[..20]).expect("torn");
        assert!(f.poll().expect("poll").events.is_empty(), "a torn line waits");
        file.write_all(&line.as_bytes()[20..]).expect("rest");
        file.write_all(b"\n").expect("newline");
        assert_eq!(f.poll().expect("poll").events.len(), 1);
        std::fs::write(&path, "header\n").expect("rewrite shorter");
        assert!(f.poll().expect("poll").rewritten);
    }

    #[test]
    fn saved_is_said_only_once_every_event_before_the_marker_was_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.jsonl");
        let line = r#"{"seq":2,"at":"2026-11-23T14:00:01Z","t_ms":1000,"kind":"note_added","text":"hi"}"#;
        // More than one look reads: the session's last events wait for the next.
        let lines = usize::try_from(MAX_READ).expect("fits") / line.len() + 10;
        std::fs::write(&path, format!("header\n{}", format!("{line}\n").repeat(lines))).expect("write");
        crate::store::save::mark_saved(&path, &[dir.path().join("s.md")]).expect("marker");
        let mut f = Follower::new(path.clone(), 7);
        let first = f.poll().expect("poll");
        assert!(first.events.len() < lines && first.saved.is_none(), "not yet: {} events read", first.events.len());
        let second = f.poll().expect("poll");
        assert_eq!(first.events.len() + second.events.len(), lines, "the rest");
        assert_eq!(second.saved, Some(vec![dir.path().join("s.md")]), "then saved, naming the postmortem");
        assert_eq!(f.poll().expect("poll").saved, None, "said once");
    }

    #[test]
    fn a_writer_letting_go_of_the_lock_is_noticed_within_a_few_looks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.jsonl");
        std::fs::write(&path, "header\n").expect("write");
        let lock = crate::store::lock::Lock::acquire(&path, chrono::Utc::now()).expect("lock");
        let mut f = Follower::new(path.clone(), 7);
        let first = f.poll().expect("poll").writer.expect("the first look says who writes");
        assert!(matches!(&first, Writer::Holding(w) if w.ends_with(&format!(":{}", std::process::id()))), "{first:?}");
        drop(lock);
        let gone: Vec<Option<Writer>> = (0..WRITER_EVERY).map(|_| f.poll().expect("poll").writer).collect();
        assert_eq!(gone.iter().filter(|w| w.is_some()).count(), 1, "said once: {gone:?}");
        assert!(gone.contains(&Some(Writer::Gone)), "{gone:?}");
    }
}
