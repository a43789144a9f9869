//! When the loop writes the draft file: at most once a second while
//! typing, and never more than a second after the last key, so a kill
//! loses at most a second of typing and typing costs at most one small
//! write a second (no fsync). Time is given, so the rule is tested exactly.

use std::time::{Duration, Instant};

use crate::store::draft::{Draft, DraftFile};

/// Least time between two writes of the draft file.
pub const EVERY: Duration = Duration::from_secs(1);

/// The draft last written and when; a change waiting for its turn; the
/// file, held open once written.
#[derive(Debug, Default)]
pub struct DraftKeeper {
    written: Draft,
    at: Option<Instant>,
    due: Option<Instant>,
    file: Option<DraftFile>,
}

impl DraftKeeper {
    /// The draft file of the session's journal at `journal`.
    pub fn file(&mut self, journal: &std::path::Path) -> &mut DraftFile {
        self.file.get_or_insert_with(|| DraftFile::of(journal))
    }

    /// The words being typed changed (or not) to `now_draft` at `now`:
    /// true when the file is to be written now; otherwise a write may be
    /// due later ([`DraftKeeper::due`]).
    pub fn offer(&mut self, now_draft: &Draft, now: Instant) -> bool {
        if *now_draft == self.written {
            self.due = None;
            return false;
        }
        match self.at {
            Some(at) if now.duration_since(at) < EVERY => {
                self.due = Some(at + EVERY);
                false
            }
            _ => true,
        }
    }

    /// When a change waits to be written, if one does.
    pub fn due(&self) -> Option<Instant> {
        self.due
    }

    /// `draft` was written at `now`.
    pub fn wrote(&mut self, draft: Draft, now: Instant) {
        self.written = draft;
        self.at = Some(now);
        self.due = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Draft {
        Draft { fields: vec![("note".into(), s.into())] }
    }

    #[test]
    fn typing_writes_at_most_once_a_second_and_never_later_than_a_second() {
        let t0 = Instant::now();
        let ms = |n: u64| t0 + Duration::from_millis(n);
        let mut k = DraftKeeper::default();
        assert!(!k.offer(&Draft::default(), ms(0)), "nothing typed, nothing written");
        assert!(k.offer(&typed("t"), ms(0)), "the first key is written at once");
        k.wrote(typed("t"), ms(0));
        for (n, at) in [("th", 100), ("the", 300), ("the l", 900)] {
            assert!(!k.offer(&typed(n), ms(at)), "{n}: within the second");
            assert_eq!(k.due(), Some(ms(1000)), "{n}: due a second after the last write");
        }
        // The loop's timer fires at the due time with the latest text.
        assert!(k.offer(&typed("the l"), ms(1000)));
        k.wrote(typed("the l"), ms(1000));
        assert_eq!(k.due(), None);
        assert!(!k.offer(&typed("the l"), ms(1500)), "unchanged: no write");
        assert!(k.offer(&typed("the le"), ms(2100)), "a second later a key writes at once");
        k.wrote(typed("the le"), ms(2100));
        assert!(!k.offer(&Draft::default(), ms(2200)), "submitted: removed within the second");
        assert_eq!(k.due(), Some(ms(3100)));
    }
}
