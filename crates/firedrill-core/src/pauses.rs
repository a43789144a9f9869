//! The stretches of time left out of step and drill times: pauses the
//! team took on purpose and gaps while the session was interrupted, in
//! monotonic milliseconds (docs/domain.md, "The five steps").

/// Why a stretch of time is left out of step and drill times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excluded {
    /// The drill clock was paused on purpose.
    Pause,
    /// The session was interrupted (crash, closed terminal) until resumed.
    Gap,
}

/// The stretches excluded from step and drill times, as `[start, end)` in
/// monotonic ms; the last pause may still be open. Stretches never overlap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pauses {
    intervals: Vec<(u64, Option<u64>, Excluded)>,
    /// True in an incident: a gap is recorded but its time counts, since
    /// users were still affected while firedrill was down (docs/domain.md,
    /// "Interruption").
    gaps_count: bool,
}

impl Pauses {
    /// No stretch yet, for a session of `mode`: an incident's gaps count as
    /// time, a drill's are left out.
    pub fn for_mode(mode: crate::vocab::Mode) -> Self {
        Self { intervals: Vec::new(), gaps_count: mode == crate::vocab::Mode::Incident }
    }

    /// What a gap's time is in the session's figures, in words for the
    /// screen and the postmortem: counted in an incident's, where users
    /// were affected all the same, left out of a drill's.
    pub fn gap_words(&self) -> &'static str {
        if self.gaps_count { "counted: the incident went on" } else { "excluded from step times" }
    }

    /// Opens a pause at `t_ms` (no-op while one is open).
    pub fn open(&mut self, t_ms: u64) {
        if !self.is_open() {
            self.intervals.push((t_ms, None, Excluded::Pause));
        }
    }

    /// Closes the open pause at `t_ms` (no-op when none is open).
    pub fn close(&mut self, t_ms: u64) {
        if let Some(last) = self.intervals.last_mut()
            && last.1.is_none()
        {
            last.1 = Some(t_ms.max(last.0));
        }
    }

    /// Records an interruption from `from_ms` to `to_ms`; an open pause is
    /// split around it, so it is neither counted twice nor lost.
    pub fn gap(&mut self, from_ms: u64, to_ms: u64) {
        let was_paused = self.is_open();
        self.close(from_ms);
        self.intervals.push((from_ms, Some(to_ms.max(from_ms)), Excluded::Gap));
        if was_paused {
            self.open(to_ms);
        }
    }

    /// True while a pause is open.
    pub fn is_open(&self) -> bool {
        self.intervals.last().is_some_and(|p| p.1.is_none())
    }

    /// Every stretch, as `(start_ms, end_ms or None, why)`.
    pub fn intervals(&self) -> &[(u64, Option<u64>, Excluded)] {
        &self.intervals
    }

    /// Milliseconds of `[from, to)` not excluded (an open pause runs to `to`;
    /// an incident's gaps are not excluded).
    pub fn active_between(&self, from: u64, to: u64) -> u64 {
        if to <= from {
            return 0;
        }
        let excluded: u64 = self
            .intervals
            .iter()
            .filter(|i| !(self.gaps_count && i.2 == Excluded::Gap))
            .map(|&(s, e, _)| e.unwrap_or(to).min(to).saturating_sub(s.max(from)))
            .sum();
        (to - from).saturating_sub(excluded)
    }

    /// Total milliseconds of one kind of stretch up to `to`.
    pub fn total(&self, kind: Excluded, to: u64) -> u64 {
        self.intervals
            .iter()
            .filter(|i| i.2 == kind)
            .map(|&(s, e, _)| e.unwrap_or(to).min(to).saturating_sub(s.min(to)))
            .sum()
    }
}
