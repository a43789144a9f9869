//! The postmortem's "Recovery signals" (docs/domain.md, "The five steps", step 5: error rate and
//! latency, sign-up/login success, background jobs, database write
//! failures, third-party failures): which tagged checks covered each
//! signal and whether they were checked, and the signals no check covers.
//! Left out when the runbook tags no check with a signal.

use std::fmt::Write as _;

use super::Input;
use crate::markdown::inline;
use crate::plan::Meaning;
use crate::runbook::Signal;
use crate::vocab::StepKind;

/// Each signal with its checks (checked or not), then those without one.
pub(super) fn signals(i: &Input<'_>) -> String {
    let checks = i.runbook.checks();
    if checks.iter().all(|c| c.signal.is_none()) {
        return String::new();
    }
    let verify = i.session.steps.iter().find(|s| s.plan.kind == StepKind::Verify);
    let checked = |n: usize| {
        verify
            .is_some_and(|s| s.plan.find(Meaning::Check(n)).and_then(|at| s.checked.get(at).copied()).unwrap_or(false))
    };
    let mut out = String::from("## Recovery signals\n\n");
    for signal in Signal::ALL {
        let covering: Vec<String> = checks
            .iter()
            .enumerate()
            .filter(|(_, c)| c.signal == Some(signal))
            .map(|(n, c)| format!("{} ({})", inline(&c.name), if checked(n) { "checked" } else { "not checked" }))
            .collect();
        if !covering.is_empty() {
            let _ = writeln!(out, "- {}: {}", signal.label(), covering.join("; "));
        }
    }
    let uncovered: Vec<&str> = Signal::uncovered(i.runbook).iter().map(|s| s.label()).collect();
    if !uncovered.is_empty() {
        let _ = writeln!(out, "- No check covers: {}", uncovered.join(", "));
    }
    out
}
