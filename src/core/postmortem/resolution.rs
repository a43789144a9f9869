//! The postmortem's sections about what the team did: the trigger, the
//! resolution (step 3 under the decision), and the checks with every
//! command run.

use std::fmt::Write as _;

use super::Input;
use crate::core::duration::clock;
use crate::core::markdown::{code, inline};
use crate::core::plan::StepKind;
use crate::core::session::Session;

pub(super) fn trigger(i: &Input<'_>) -> String {
    let mut out = String::from("## Trigger\n\n");
    for t in i.runbook.triggers() {
        let _ = writeln!(
            out,
            "- {}{}",
            inline(&t.signal),
            t.threshold.as_deref().map(|th| format!(": {}", code(th))).unwrap_or_default()
        );
    }
    let live = i.session.live_named.as_ref().map_or(i.runbook.live(), |(r, _)| r.as_str());
    let _ = writeln!(out, "- Live release named: {}", code(live));
    out
}

/// What step 3 did under the decision: roll back, fix forward or restore,
/// with its checklist as it ended.
pub(super) fn resolution(i: &Input<'_>) -> String {
    let s = i.session;
    let decision = s.decision.map_or(crate::core::incident::Decision::RollBack, |d| d.0);
    let title = s.step(StepKind::Revert).map_or_else(String::new, |st| inline(&st.plan.title));
    let items = items_of(s, StepKind::Revert);
    let mut out = checklist("Resolution", &items, "No step 3 items.");
    let why = if s.decision.is_some() { decision.when() } else { "not recorded: the default" };
    let head = format!("## Resolution\n\nDecision: {decision} ({why}). Step 3: {title}.\n\n");
    out.replace_range(..out.find("\n\n").map_or(0, |n| n + 2), &head);
    out
}

/// Per-item state of a step: `(item text, checked)`.
fn items_of(s: &Session, kind: StepKind) -> Vec<(String, bool)> {
    s.steps
        .iter()
        .find(|st| st.plan.kind == kind)
        .map(|st| st.plan.items.iter().map(|i| i.text.clone()).zip(st.checked.iter().copied()).collect())
        .unwrap_or_default()
}

fn checklist(title: &str, items: &[(String, bool)], empty: &str) -> String {
    let mut out = format!("## {title}\n\n");
    if items.is_empty() {
        let _ = writeln!(out, "{empty}");
    }
    for (text, done) in items {
        let _ = writeln!(out, "- [{}] {}", if *done { "x" } else { " " }, inline(text));
    }
    out
}

pub(super) fn checks(i: &Input<'_>) -> String {
    let s = i.session;
    let mut items = items_of(s, StepKind::Verify);
    for (n, (text, _)) in items.iter_mut().enumerate() {
        if let Some(reason) = s.last_run(StepKind::Verify, n).and_then(|r| r.overridden.as_ref()) {
            let _ = write!(text, " (FAILED; accepted by the verifier: {reason})");
        }
    }
    let mut out = checklist("Checks verified", &items, "No checks.");
    // Every command run, in any step: what ran, how it ended, its last lines.
    let runs: Vec<&crate::core::session::Run> = s.runs.iter().filter(|r| r.result.is_some()).collect();
    if !runs.is_empty() {
        out.push_str("\nCommands run:\n\n");
    }
    for run in runs {
        let Some(result) = &run.result else { continue };
        let text = s
            .steps
            .iter()
            .find(|st| st.plan.kind == run.step)
            .and_then(|st| st.plan.items.get(run.item))
            .map_or_else(String::new, |t| inline(&t.text));
        let argv = if run.argv.is_empty() {
            String::new()
        } else {
            format!(" {}", code(&crate::core::command::show_argv(&run.argv)))
        };
        let _ = writeln!(out, "- {text}:{argv} {} in {}", result.end.label(), clock(result.duration_ms));
        if let Some(reason) = &run.overridden {
            let _ = writeln!(out, "  - accepted by the verifier anyway: {}", inline(reason));
        }
        for line in result.tail.iter().rev().take(5).rev() {
            let _ = writeln!(out, "  - {}", inline(line));
        }
    }
    out
}

/// The facilitator's inject cards: when each was shown, how long the team
/// took to acknowledge it, and the notes written while it was the latest.
pub(super) fn injects(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::from("## Injects and responses\n\n");
    if s.injects.is_empty() {
        out.push_str("No inject cards in this session.\n");
        return out;
    }
    let mut fired: Vec<(usize, u64)> =
        s.injects.iter().enumerate().filter_map(|(n, c)| c.fired_ms.map(|f| (n, f))).collect();
    fired.sort_by_key(|f| f.1);
    for c in s.injects.iter().filter(|c| c.fired_ms.is_none()) {
        let _ = writeln!(out, "- {}: never shown", inline(&c.title));
    }
    for (k, (n, at)) in fired.iter().enumerate() {
        let c = &s.injects[*n];
        let ack = c.acked_ms.map_or_else(
            || "never acknowledged".to_owned(),
            |a| format!("acknowledged after {}", clock(a.saturating_sub(*at))),
        );
        let _ = writeln!(out, "- {} (shown at T+{}): {ack}", inline(&c.title), clock(*at));
        let until = fired.get(k + 1).map_or(u64::MAX, |f| f.1);
        for note in s.notes().filter(|e| e.t_ms >= *at && e.t_ms < until) {
            let _ = writeln!(out, "  - {}", inline(note.text));
        }
    }
    out
}
