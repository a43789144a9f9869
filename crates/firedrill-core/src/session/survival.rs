//! What a kill cannot take from a session: a command's output, journaled
//! as it ran (a run with no end after a reopen was interrupted, its output
//! kept), and the last sign of life of an unfinished session (its
//! heartbeat, given as data), to which its total runs.

use chrono::{DateTime, Utc};

use super::errors::Decided;
use super::{Run, Session, SessionError};
use crate::event::{EventKind, item_position};
use crate::vocab::StepKind;

/// Lines of a run's output kept in the session (the last ones; the
/// journal holds them all).
pub const KEPT_LINES: usize = 2_000;

/// What a run keeps that a kill cannot take.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kept {
    /// The last [`KEPT_LINES`] lines it printed, as journaled.
    pub output: Vec<String>,
    /// When the process running it stopped (the reopen's interruption
    /// time), for a run that never ended.
    pub interrupted_at: Option<DateTime<Utc>>,
}

impl Session {
    /// Output may be kept only for a run that is still going.
    pub(super) fn keep_output(&self, step: StepKind, item: usize, lines: Vec<String>) -> Decided {
        let open = self.last_run(step, item).is_some_and(|r| r.result.is_none() && r.kept.interrupted_at.is_none());
        if !open {
            return Err(SessionError::NoCommand);
        }
        Ok((
            None,
            EventKind::CommandOutput {
                step,
                item: item_position(item),
                id: self.item_id(step, item),
                lines: lines.into(),
            },
        ))
    }

    /// Folds output lines into the item's open run.
    pub(super) fn output_kept(&mut self, step: StepKind, item: usize, lines: &[String]) {
        let Some(run) = self.runs.iter_mut().rev().find(|r| r.step == step && r.item == item) else { return };
        let out = &mut run.kept.output;
        out.extend_from_slice(lines);
        if out.len() > KEPT_LINES {
            out.drain(..out.len() - KEPT_LINES);
        }
    }

    /// A reopen after a kill: every run that had not ended was interrupted
    /// at `at` (its process died with firedrill).
    pub(super) fn runs_interrupted(&mut self, at: DateTime<Utc>) {
        for run in self.runs.iter_mut().filter(|r| r.result.is_none() && r.kept.interrupted_at.is_none()) {
            run.kept.interrupted_at = Some(at);
        }
    }

    /// The latest run in `step` that was interrupted and not run again
    /// since, if any: resume shows it and asks before running it again.
    pub fn interrupted_run(&self, step: StepKind) -> Option<&Run> {
        let mut seen = Vec::new();
        for run in self.runs.iter().rev().filter(|r| r.step == step) {
            if seen.contains(&run.item) {
                continue;
            }
            seen.push(run.item);
            if run.kept.interrupted_at.is_some() && run.result.is_none() {
                return Some(run);
            }
        }
        None
    }

    /// Records the last sign of life of the process that ran this session
    /// (its heartbeat), read by the shell: an unfinished session's total
    /// runs to it rather than to its last event.
    #[must_use]
    pub fn with_last_alive(mut self, at: Option<DateTime<Utc>>) -> Self {
        if let (Some(at), Some(last)) = (at, self.events.last()) {
            let after = u64::try_from((at - last.at).num_milliseconds()).unwrap_or(0);
            self.alive_ms = (after > 0).then(|| last.t_ms.saturating_add(after));
        }
        self
    }

    /// Monotonic ms of the last sign of life: the heartbeat given with
    /// [`Session::with_last_alive`] when later than the last event, else
    /// the last event; `None` before any event.
    pub fn last_sign_ms(&self) -> Option<u64> {
        let last = self.events.last().map(|e| e.t_ms)?;
        Some(self.alive_ms.map_or(last, |a| a.max(last)))
    }

    /// The monotonic ms a record of this session measures to: the finish,
    /// else the last sign of life (a crash does not delete minutes); 0 for
    /// a session with no event. The postmortem and the saved screen use it.
    pub fn record_end_ms(&self) -> u64 {
        self.finished_ms.or_else(|| self.last_sign_ms()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
