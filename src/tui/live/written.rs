//! Whether an event is on disk, as the journal's keeper reported it: the
//! one place a screen asks before it says "kept" (docs/design.md, "The
//! one idea: the journal is the truth").

use super::Live;

/// Where an event stands with the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteState {
    /// The keeper appended and fsynced it (or a later event).
    Kept,
    /// A write failed and has not been made good: the event is held in
    /// memory (and a spill file), and retried.
    Failed,
    /// Neither reported yet: it is not claimed as kept.
    Unconfirmed,
}

impl Live {
    /// Records that event `seq` and every one before it are fsynced.
    pub fn written(&mut self, seq: u64) {
        self.written_seq = Some(self.written_seq.map_or(seq, |w| w.max(seq)));
    }

    /// Where event `seq` stands: kept once the keeper confirmed it (or a
    /// later event), failed while the journal is behind, else unconfirmed.
    pub fn on_disk(&self, seq: u64) -> WriteState {
        if self.written_seq.is_some_and(|w| w >= seq) {
            WriteState::Kept
        } else if self.journal_error.is_some() {
            WriteState::Failed
        } else {
            WriteState::Unconfirmed
        }
    }
}
