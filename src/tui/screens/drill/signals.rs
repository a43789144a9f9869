//! The verify step's reminder of the recovery signals no check covers
//! (`core::runbook::Signal::uncovered`), written on the checklist pane's
//! bottom edge while the verify step is active and the runbook tags its
//! checks with signals.

use super::DrillScreen;
use crate::core::plan::StepKind;
use crate::core::runbook::Signal;

/// " ▲ no check covers: jobs, `db_writes` ", or nothing.
pub(super) fn uncovered_note(s: &DrillScreen) -> String {
    let session = &s.live.session;
    let verifying =
        session.active().and_then(|i| session.steps.get(i)).is_some_and(|st| st.plan.kind == StepKind::Verify);
    let rb = &s.live.runbook;
    let uncovered = Signal::uncovered(rb);
    if !verifying || uncovered.is_empty() || rb.checks().iter().all(|c| c.signal.is_none()) {
        return String::new();
    }
    let names: Vec<&str> = uncovered.iter().map(|s| s.key()).collect();
    format!(" ▲ no check covers: {} ", names.join(", "))
}
