//! The verify step's reminder of the recovery signals no check covers
//! (`core::runbook::Signal::uncovered`), written on the checklist pane's
//! bottom edge while the verify step is active and the runbook tags its
//! checks with signals.

use super::DrillScreen;
use crate::core::plan::StepKind;
use crate::core::runbook::Signal;

/// " ▲ no check: jobs, `db_writes` ", or, when that does not fit a pane
/// `width` columns wide, " ▲ 2 signals without a check "; or nothing.
pub(super) fn uncovered_note(s: &DrillScreen, width: u16) -> String {
    let session = &s.live.session;
    let verifying =
        session.active().and_then(|i| session.steps.get(i)).is_some_and(|st| st.plan.kind == StepKind::Verify);
    let rb = &s.live.runbook;
    let uncovered = Signal::uncovered(rb);
    if !verifying || uncovered.is_empty() || rb.checks().iter().all(|c| c.signal.is_none()) {
        return String::new();
    }
    let names: Vec<&str> = uncovered.iter().map(|s| s.key()).collect();
    let note = format!(" ▲ no check: {} ", names.join(", "));
    if note.chars().count() + 4 <= usize::from(width) {
        note
    } else {
        format!(" ▲ {} without a check ", crate::core::words::count(names.len(), "signal"))
    }
}
