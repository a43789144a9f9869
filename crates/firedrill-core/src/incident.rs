//! What a live incident adds to the session's vocabulary: the decision
//! (roll back, fix forward, restore data), the kill-switch ledger, and the
//! communicator's promise of the next status update (docs/domain.md, "Words").

pub use crate::vocab::Decision;

/// How the promised next status update stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateDue {
    /// Due in more than a fifth of the cadence.
    Later {
        /// Milliseconds until due.
        left_ms: u64,
    },
    /// Due within a fifth of the cadence: write it now.
    Soon {
        /// Milliseconds until due.
        left_ms: u64,
    },
    /// The promise is broken.
    Overdue {
        /// Milliseconds past due.
        by_ms: u64,
    },
}

impl UpdateDue {
    /// The state at `now_ms` of an update due at `due_ms` on a cadence of `every_ms`.
    pub fn of(now_ms: u64, due_ms: u64, every_ms: u64) -> Self {
        if now_ms > due_ms {
            Self::Overdue { by_ms: now_ms - due_ms }
        } else if (due_ms - now_ms).saturating_mul(5) <= every_ms {
            Self::Soon { left_ms: due_ms - now_ms }
        } else {
            Self::Later { left_ms: due_ms - now_ms }
        }
    }
}

/// One promise of a next update, as typed in a posted update ("Next
/// update at HH:MM UTC"): kept when the next update came by then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// Monotonic ms the promise was made (the update that made it).
    pub made_ms: u64,
    /// Monotonic ms it was due.
    pub due_ms: u64,
    /// Monotonic ms the next update came, if it did.
    pub kept_at_ms: Option<u64>,
}

impl Promise {
    /// True when the promise was broken by `end_ms`: the next update came
    /// later than promised, or none came and the end is past due.
    pub fn broken(&self, end_ms: u64) -> bool {
        self.kept_at_ms.map_or(end_ms > self.due_ms, |t| t > self.due_ms)
    }

    /// True when the promise had come due by `end_ms`, or was kept: one
    /// still ahead when the session ended is neither kept nor broken.
    pub fn is_due(&self, end_ms: u64) -> bool {
        self.kept_at_ms.is_some() || end_ms >= self.due_ms
    }
}

/// The promises made by updates posted at `(t_ms, due_ms)` (from
/// [`crate::session::Session::update_promises`]): one per update that promised a next one.
pub fn promises(updates: &[(u64, Option<u64>)]) -> Vec<Promise> {
    updates
        .iter()
        .enumerate()
        .filter_map(|(i, (made_ms, due))| {
            due.map(|due_ms| Promise { made_ms: *made_ms, due_ms, kept_at_ms: updates.get(i + 1).map(|u| u.0) })
        })
        .collect()
}

/// True when an update's text says the incident is over ("resolved",
/// "all clear"): a final update promises no next one, and none is missed.
pub fn is_final(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "resolved") || lower.contains("all clear")
}

/// The longest stretch without a status update between the start (0),
/// each update and `end_ms`.
pub fn longest_silence(updates_ms: &[u64], end_ms: u64) -> u64 {
    let mut last = 0;
    let mut longest = 0;
    for t in updates_ms.iter().copied().chain(std::iter::once(end_ms)) {
        longest = longest.max(t.saturating_sub(last));
        last = t;
    }
    longest
}

mod draft;

pub use draft::draft_update;

#[cfg(test)]
mod tests;
