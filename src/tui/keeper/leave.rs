//! The keeper on the way out: one last try, then exactly what is on disk
//! (the journal whole, a whole copy elsewhere, or what was lost).

use std::path::Path;

use super::Keeper;
use super::MustKeep;
use crate::core::leaving::OnDisk;
use crate::store::journal::Journal;

impl Keeper {
    /// Says on the way out exactly what is on disk (never "kept" for an
    /// incomplete journal), replacing `farewell` when it would say more;
    /// returns true when events were lost.
    pub fn exit(&mut self, kept: Option<MustKeep<'_>>, out: Option<&Path>, farewell: &mut Option<String>) -> bool {
        if self.saved {
            // The save holds every event; still try to complete the running
            // journal, and say so when it stays incomplete.
            let _ = self.retry(kept);
            if !self.complete() && (self.journal.is_some() || self.unopened.is_some()) {
                *farewell = Some(self.saved_behind().line());
            }
            return false;
        }
        let Some(kept) = kept.filter(|k| !k.read_only) else { return false };
        if let Some(said) = self.leave(kept, out) {
            *farewell = Some(said.line());
            return !said.whole();
        }
        // A clean exit beats once more: the gap starts now, not at the last key.
        self.beat();
        match self.path().filter(|_| farewell.is_none()) {
            Some(path) if kept.finished => {
                // Finished, its save refused: the journal is whole, the postmortem not written.
                *farewell = Some(format!(
                    "firedrill: the session finished but its postmortem was not written; write it with: firedrill report {} --out DIR",
                    path.display()
                ));
            }
            Some(path) => *farewell = Some(format!("firedrill: session kept; its journal is {}", path.display())),
            None => {}
        }
        false
    }

    /// Why the journal is incomplete, as last reported.
    fn reason(&self) -> String {
        (self.journal.as_ref().and_then(Journal::failure).or(self.why.as_deref()))
            .unwrap_or("it could not be written")
            .to_owned()
    }

    /// The session was saved but the running journal is incomplete.
    fn saved_behind(&self) -> OnDisk {
        let written = self.written.iter().map(|p| p.display().to_string()).collect();
        OnDisk::SavedBehind { written, journal: self.shown_path(), reason: self.reason() }
    }

    /// On the way out of a session not saved: one last try to complete the
    /// journal; if it is still incomplete, what is on disk instead: a whole
    /// copy written to another folder, else a whole copy written to `out`
    /// now, else the spill when it holds every event. `None` when the
    /// journal is complete on disk (or nothing ran).
    pub fn leave(&mut self, kept: MustKeep<'_>, out: Option<&Path>) -> Option<OnDisk> {
        let _ = self.retry(Some(kept));
        if kept.events.is_empty() || self.complete() {
            return None;
        }
        let (reason, journal) = (self.reason(), self.shown_path());
        let copy = match &self.copy {
            Some((copy, events)) if *events == kept.events.len() => Ok(copy.clone()),
            _ => out.ok_or_else(|| "no output folder".to_owned()).and_then(|dir| self.write_copy(kept, dir)),
        };
        // A spill written with every event is a whole copy too (it reads as a journal).
        let copy = copy.or_else(|why| match &self.spilled {
            Some((spill, events)) if *events == kept.events.len() => Ok(spill.clone()),
            _ => Err(why),
        });
        Some(match copy {
            Ok(copy) => OnDisk::Copied { journal, reason, copy: copy.display().to_string(), finished: kept.finished },
            Err(why) => OnDisk::Lost { journal, reason, why },
        })
    }
}
