//! The event loop's hold on the running journal: it creates or opens it,
//! appends each event, and when the disk refuses a write it says so
//! ("journal cannot be written: <reason>, <path>"), keeps the events pending
//! (store/journal), retries on every event and every few seconds, rewrites
//! a deleted, emptied or replaced journal from memory, keeps the whole
//! session in a second place while the journal is behind (the output
//! folder, else the runtime or temp folder: store/journal/spill.rs),
//! writes the whole journal to another folder when asked, and on exit says
//! exactly what is on disk (core/leaving.rs words it).

use std::path::{Path, PathBuf};

use crate::core::event::{Event, Header};
use crate::core::sanitize::sanitize_line;
use crate::store::atomic::{Source, write_new_set};
use crate::store::journal::{Journal, spill, write_text};
use crate::store::lock::Lock;
use crate::tui::messages::Msg;
pub use kept::MustKeep;

/// The running journal, or the header of one not yet created.
#[derive(Debug, Default)]
pub struct Keeper {
    journal: Option<Journal>,
    /// A journal that could not be created yet: its folder and header.
    unopened: Option<(PathBuf, Header)>,
    /// The banner is up: a write failed and has not been made good.
    behind: bool,
    /// This process's lock on the journal, held until the session is saved.
    lock: Option<Lock>,
    /// The session was saved whole: the journal no longer matters on exit.
    saved: bool,
    /// The files the save wrote, postmortem first.
    written: Vec<PathBuf>,
    /// A whole copy of the journal written to another folder, with how
    /// many events it holds.
    copy: Option<(PathBuf, usize)>,
    /// Why the last write failed (kept after a failed rewrite, which the
    /// journal does not record).
    why: Option<String>,
    /// Where events go while the journal is behind (store/journal/spill.rs).
    spill_dirs: Vec<PathBuf>,
    /// The spill holding the whole session now, while the journal is
    /// behind, and how many events it holds.
    spilled: Option<(PathBuf, usize)>,
    /// The last event given to [`Keeper::append`]: on disk, with every
    /// one before it, whenever the journal is complete.
    given: Option<u64>,
    /// Where the session's save goes, once it finished ([`Keeper::intend_save`]).
    intent: Option<PathBuf>,
}

impl Keeper {
    /// A keeper whose events go to the first of `dirs` that takes them
    /// while the journal cannot be written.
    pub fn with_spill(dirs: Vec<PathBuf>) -> Self {
        Self { spill_dirs: dirs, ..Self::default() }
    }

    /// The open journal's path.
    pub fn path(&self) -> Option<&Path> {
        self.journal.as_ref().map(Journal::path)
    }

    /// Where the journal is or will be.
    fn shown_path(&self) -> String {
        match (&self.journal, &self.unopened) {
            (Some(j), _) => j.path().display().to_string(),
            (None, Some((dir, h))) => dir.join(format!("{}.jsonl", h.session_id)).display().to_string(),
            (None, None) => "(no state folder)".to_owned(),
        }
    }

    /// True when every event given is on disk.
    pub fn complete(&self) -> bool {
        self.unopened.is_none() && self.journal.as_ref().is_some_and(Journal::complete)
    }

    /// Creates the journal for `header` in `dir`; on failure keeps the
    /// header so a later retry creates it from memory.
    ///
    /// # Errors
    /// The banner message saying why the journal cannot be written.
    pub fn create(&mut self, dir: &Path, header: Header) -> Result<PathBuf, Msg> {
        match Journal::create(dir, &header) {
            Ok(j) => {
                let path = j.path().to_path_buf();
                self.lock = Lock::acquire(&path, chrono::Utc::now()).ok();
                self.journal = Some(j);
                let _ = crate::store::heartbeat::beat(&path);
                Ok(path)
            }
            Err(e) => {
                self.unopened = Some((dir.to_path_buf(), header));
                Err(self.behind_msg(&e.to_string(), None))
            }
        }
    }

    /// Uses `journal`, opened for resuming under `lock`.
    pub fn opened(&mut self, journal: Journal, lock: Lock) {
        let _ = crate::store::heartbeat::beat(journal.path());
        self.journal = Some(journal);
        self.lock = Some(lock);
    }

    /// The heartbeat: says this process is alive, so a resume measures the
    /// gap from here (a touch, no fsync, no journal line).
    pub fn beat(&self) {
        if let Some(j) = self.journal.as_ref().filter(|_| !self.saved) {
            let _ = crate::store::heartbeat::beat(j.path());
        }
    }

    /// Records that this session's save goes to `out` (`<journal>.saving`),
    /// so a save cut short is finished there at the next start; a journal
    /// not yet created gets the record when a retry creates it.
    pub fn intend_save(&mut self, out: Option<&Path>) {
        self.intent = out.map(Path::to_path_buf);
        if let (Some(j), Some(out)) = (&self.journal, out) {
            let _ = crate::store::save::mark_saving(j.path(), out);
        }
    }

    /// Session `session_id` was saved whole as `written`: mark its journal
    /// saved (`<journal>.saved`) and release the lock; nothing writes the
    /// journal again.
    pub fn saved(&mut self, session_id: &str, written: &[PathBuf]) {
        // The saved session is always this keeper's (the app saves the live
        // session it keeps), whatever its journal's file is named.
        if let Some(j) = &self.journal {
            let _ = crate::store::save::mark_saved(j.path(), written);
            crate::store::heartbeat::clear(j.path());
            let _ = crate::store::draft::clear(j.path());
        }
        self.saved = true;
        self.written = written.to_vec();
        self.lock = None;
        // The save holds every event: a second place is no longer needed.
        if self.spilled.take().is_some() {
            spill::remove(&self.spill_dirs, session_id);
        }
    }

    /// Writes the whole session, from memory, to `<dir>/<session id>.jsonl`
    /// (never overwriting; the folder is made if missing), for leaving while
    /// the journal cannot be written. Returns the file written.
    ///
    /// # Errors
    /// Why the folder or the file could not be written.
    pub fn write_copy(&mut self, kept: MustKeep<'_>, dir: &Path) -> Result<PathBuf, String> {
        let write = |out: &mut dyn std::io::Write| write_text(out, kept.header, kept.events);
        let mut written = write_new_set(dir, &kept.header.session_id, &[("jsonl", Source::Stream(&write))])
            .map_err(|e| e.to_string())?;
        let copy = written.pop().ok_or_else(|| "nothing was written".to_owned())?;
        self.copy = Some((copy.clone(), kept.events.len()));
        Ok(copy)
    }

    fn behind_msg(&mut self, reason: &str, kept: Option<MustKeep<'_>>) -> Msg {
        self.why = Some(reason.to_owned());
        self.behind = true;
        // Never only in memory: the whole session goes to a second place at once.
        if let Some(kept) = kept.filter(|k| !k.events.is_empty()) {
            self.spilled =
                spill::write(&self.spill_dirs, kept.header, kept.events).ok().map(|p| (p, kept.events.len()));
        }
        let place = match &self.spilled {
            Some((p, _)) => format!("memory and in {}", p.display()),
            None => "memory".to_owned(),
        };
        // After a deletion or past the bound only the session holds them all.
        let held = match &self.journal {
            Some(j) if !j.needs_rewrite() => {
                format!("{} held in {place}", crate::core::words::count(j.pending(), "event"))
            }
            _ => format!("the whole session is held in {place}"),
        };
        // Where the events are comes before the journal's own path: a
        // narrow banner cuts the end.
        Msg::JournalBehind(format!(
            "journal cannot be written: {}; {}, retrying; journal {}",
            sanitize_line(reason),
            sanitize_line(&held),
            sanitize_line(&self.shown_path()),
        ))
    }

    /// Appends `event` (after anything pending); `live` is the session as
    /// shown, used when only a rewrite from memory can catch up. Once it is
    /// fsynced the answer says so ([`Msg::JournalWritten`]): a screen never
    /// says "kept" on the strength of no news.
    pub fn append(&mut self, event: &Event, kept: Option<MustKeep<'_>>) -> Option<Msg> {
        self.given = Some(event.seq);
        match &mut self.journal {
            Some(j) if !j.needs_rewrite() => match j.append(event) {
                Ok(()) => self.recovered(Some(Msg::JournalWritten(event.seq))),
                // Emptied or replaced under us: rewritten whole from memory now.
                Err(_) if j.needs_rewrite() => self.retry(kept),
                Err(e) => Some(self.behind_msg(&e.to_string(), kept)),
            },
            Some(_) => self.retry(kept),
            None if self.unopened.is_some() => self.retry(kept),
            // No journal could be made or opened: say so, never drop it silently.
            None => Some(self.behind_msg("no journal is open", kept)),
        }
    }

    /// Tries again to make the journal complete: creates it, rewrites it
    /// from `live` (deleted, or too far behind) or writes what is pending.
    pub fn retry(&mut self, kept: Option<MustKeep<'_>>) -> Option<Msg> {
        let lost = self.journal.as_ref().and_then(Journal::lost);
        if let (Some((dir, header)), Some(kept)) = (self.unopened.clone(), kept) {
            return match Journal::create(&dir, &header).and_then(|mut j| match j.rewrite(&header, kept.events) {
                Ok(()) => Ok(j),
                Err(e) => {
                    // Made by this retry, holding only a header: removed, so the next can make it.
                    let _ = std::fs::remove_file(j.path());
                    Err(e)
                }
            }) {
                Ok(j) => {
                    self.unopened = None;
                    let path = j.path().to_path_buf();
                    self.lock = Lock::acquire(&path, chrono::Utc::now()).ok();
                    // Finished before its journal existed: the save's intent goes beside it now.
                    if let Some(out) = self.intent.as_deref().filter(|_| !self.saved) {
                        let _ = crate::store::save::mark_saving(&path, out);
                    }
                    self.journal = Some(j);
                    self.recovered(Some(Msg::JournalCreated(path, None)))
                }
                Err(e) => Some(self.behind_msg(&e.to_string(), Some(kept))),
            };
        }
        let j = self.journal.as_mut()?;
        let result = if j.needs_rewrite() {
            let kept = kept?;
            j.rewrite(kept.header, kept.events)
        } else if j.pending() > 0 {
            j.flush()
        } else {
            return None;
        };
        match result {
            Ok(()) if lost.is_some() => {
                let what = lost.unwrap_or_default();
                let notice = format!("the journal was {what}; rewritten from memory at {}", j.path().display());
                self.drop_spill();
                self.recovered(Some(Msg::JournalNotice(sanitize_line(&notice))))
            }
            Ok(()) => self.recovered(None),
            Err(e) => Some(self.behind_msg(&e.to_string(), kept)),
        }
    }

    /// The journal is whole again: the second place is no longer needed.
    fn drop_spill(&mut self) {
        self.spilled = None;
        if let Some(id) = self.journal.as_ref().and_then(|j| j.path().file_stem()) {
            spill::remove(&self.spill_dirs, &id.to_string_lossy());
        }
    }

    fn recovered(&mut self, then: Option<Msg>) -> Option<Msg> {
        if self.spilled.is_some() {
            self.drop_spill();
        }
        // Pending events written by a retry are on disk too: say so.
        let then = then.or_else(|| self.given.filter(|_| self.complete()).map(Msg::JournalWritten));
        if std::mem::take(&mut self.behind) { Some(Msg::JournalRecovered(then.map(Box::new))) } else { then }
    }
}

mod kept;
mod leave;
#[cfg(test)]
mod tests;
