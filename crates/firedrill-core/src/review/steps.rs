//! A saved session's steps as review reads them: each step's active time,
//! and how many of its checked items a command measured against how many
//! a key press alone stands for (docs/domain.md, "Measured vs claimed").

use super::StepTime;
use crate::session::{Session, StepStatus};

/// The session's steps in order, `end` being the monotonic ms its record
/// ends at: a done step's active time, a skipped step marked, and per step
/// its checked items counted by evidence (measured, or claimed by a key
/// press; a dry drill's rehearsed tick counts as claimed).
pub(super) fn step_times(session: &Session, end: u64) -> Vec<StepTime> {
    session
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let done = s.status == StepStatus::Done;
            let checked = s.evidence.iter().flatten().count();
            let measured = s.evidence.iter().flatten().filter(|e| e.is_measured()).count();
            StepTime {
                kind: s.plan.kind,
                actual_ms: if done { session.step_actual_ms(i, end) } else { None },
                skipped: s.status == StepStatus::Skipped,
                measured: done && measured > 0,
                items_measured: measured,
                items_claimed: checked - measured,
            }
        })
        .collect()
}
