//! The postmortem's sections about what the team did: the trigger, the
//! resolution (step 3 under the decision), and the checks with every
//! command run.

use std::fmt::Write as _;

use super::Input;
use crate::duration::clock;
use crate::markdown::{code, inline};
use crate::plan::Meaning;
use crate::session::Session;
use crate::vocab::StepKind;

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
    let s = i.session;
    match s.name_live_fact() {
        Some(f) => {
            let named = s.live_named.as_ref().map_or(i.runbook.live(), |(r, _)| r.as_str());
            let _ = writeln!(out, "- Live release named: {} ({})", code(named), super::evidence::fact(&f));
        }
        None => out.push_str("- Live release named: not named\n"),
    }
    if let Some(p) = s.first_probe_release() {
        let deployed =
            p.deployed_at.map(|d| format!(", deployed {} UTC", d.format("%Y-%m-%d %H:%M:%S"))).unwrap_or_default();
        let _ = writeln!(
            out,
            "- The release probe first read {} at {} UTC{deployed}",
            code(p.value.unwrap_or_default()),
            p.at.format("%H:%M:%S")
        );
    }
    if let Some(h) = s.harm_confirmed() {
        let _ = writeln!(
            out,
            "- The health check confirmed the harm at {} UTC ({})",
            h.at.format("%H:%M:%S"),
            h.end.label()
        );
    } else if s.has_health() && s.health.count() > 0 {
        out.push_str("- The health check never failed: no harm was measured\n");
    }
    let seen = s
        .first_probe_release()
        .and_then(|p| p.value.map(str::to_owned))
        .or_else(|| s.live_named.as_ref().map(|(r, _)| r.clone()));
    if let Some(seen) = seen.filter(|r| r.trim() != i.runbook.live().trim()) {
        let _ = writeln!(
            out,
            "- The runbook says the live release is {}, the ledger says {}: the runbook is stale (see the proposed update)",
            code(i.runbook.live()),
            code(&seen)
        );
    }
    out
}

/// What step 3 did under the decision: roll back, fix forward or restore,
/// with its checklist as it ended.
pub(super) fn resolution(i: &Input<'_>) -> String {
    let s = i.session;
    let decision = s.decision.map_or(crate::vocab::Decision::RollBack, |d| d.0);
    let title = s.step(StepKind::Revert).map_or_else(String::new, |st| inline(&st.plan.title));
    let items = items_of(s, StepKind::Revert);
    let mut out = checklist("Resolution", &items, "No step 3 items.");
    let why = if s.decision.is_some() { decision.when() } else { "not recorded: the default" };
    let head = format!("## Resolution\n\nDecision: {decision} ({why}). Step 3: {title}.\n\n");
    out.replace_range(..out.find("\n\n").map_or(0, |n| n + 2), &head);
    out
}

/// Per-item state of a step: `(item text, checked, its evidence in markdown)`.
fn items_of(s: &Session, kind: StepKind) -> Vec<(String, bool, String)> {
    let Some(st) = s.steps.iter().find(|st| st.plan.kind == kind) else { return Vec::new() };
    st.plan
        .items
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let checked = st.checked.get(n).copied().unwrap_or(false);
            // A checked item always has its evidence; were one without, a key press is all it could be.
            let ev = st.evidence.get(n).and_then(Option::as_ref).map(super::evidence::evidence);
            let ev =
                ev.unwrap_or_else(|| if checked { crate::evidence::BY_KEY_PRESS.to_owned() } else { String::new() });
            (i.text.clone(), checked, ev)
        })
        .collect()
}

fn checklist(title: &str, items: &[(String, bool, String)], empty: &str) -> String {
    let mut out = format!("## {title}\n\n");
    if items.is_empty() {
        let _ = writeln!(out, "{empty}");
    }
    for (text, done, ev) in items {
        let ev = if *done && !ev.is_empty() { format!(" ({ev})") } else { String::new() };
        let _ = writeln!(out, "- [{}] {}{ev}", if *done { "x" } else { " " }, inline(text));
    }
    out
}

pub(super) fn checks(i: &Input<'_>) -> String {
    let s = i.session;
    let mut items = items_of(s, StepKind::Verify);
    for (n, (text, _, _)) in items.iter_mut().enumerate() {
        if let Some(run) = s.last_run(StepKind::Verify, n)
            && let Some(reason) = &run.overridden
        {
            let failed = match (run.overruled_by, items_probe(s, n)) {
                (Some(_), true) => "made to report a wrong release by an inject card (simulated)",
                (Some(_), false) => "counted as failed by an inject card",
                (None, _) => "FAILED",
            };
            let _ = write!(text, " ({failed}; accepted by the verifier: {reason})");
        }
    }
    // Not "verified": an item may be only claimed; each says how it is known.
    let mut out = checklist("Checks", &items, "No checks.");
    // Every command run, in any step: what ran, how it ended, its last lines.
    let runs: Vec<&crate::session::Run> = s.runs.iter().filter(|r| r.result.is_some()).collect();
    if !runs.is_empty() {
        out.push_str("\nCommands run:\n\n");
    }
    for run in runs {
        let Some(result) = &run.result else { continue };
        let text = super::timeline::item_text(s, run.step, run.item);
        let argv = if run.argv.is_empty() {
            String::new()
        } else {
            format!(" {}", code(&crate::command::show_argv(&run.argv)))
        };
        let said = result.said_with(run.expect.as_deref(), code);
        let _ = writeln!(out, "- {text}:{argv} {said} in {}", clock(result.duration_ms));
        if let Some(why) = super::injects::overruled(s, run) {
            let _ = writeln!(out, "  - {why}");
        }
        if let Some(reason) = &run.overridden {
            let _ = writeln!(out, "  - accepted by the verifier anyway: {}", inline(reason));
        }
        for line in result.tail.iter().rev().take(5).rev() {
            let _ = writeln!(out, "  - {}", inline(line));
        }
    }
    out
}

/// True when item `n` of the verify step is the release probe.
fn items_probe(s: &Session, n: usize) -> bool {
    s.step(StepKind::Verify).and_then(|v| v.plan.items.get(n)).is_some_and(|i| i.meaning == Meaning::Probe)
}
