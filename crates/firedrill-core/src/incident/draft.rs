//! A status update drafted from the latest evidence, in CAN form
//! (Condition, Actions, Needs): the health check's last answer, the
//! release the probe read, each kill switch as read back, the current
//! step. Once health has passed, the trigger is no longer the condition.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use crate::event::EventKind;
use crate::runbook::Runbook;
use crate::session::Session;
use crate::vocab::FlagState;

/// The draft at wall-clock `now`, ending with the promise of the next
/// update one cadence later.
pub fn draft_update(session: &Session, runbook: &Runbook, now: DateTime<Utc>) -> String {
    let hms = |t: DateTime<Utc>| t.format("%H:%M:%S").to_string();
    let signals: Vec<&str> = runbook.triggers().iter().map(|t| t.signal.as_str()).collect();
    let trigger = if signals.is_empty() { "the incident".to_owned() } else { signals.join(", ") };
    let mut condition = match (session.last_health(), session.harm_confirmed()) {
        (Some(last), _) if last.passed => {
            // Passing since the first pass of the current passing run.
            let since = session.health_passes_from(session.harm_confirmed().map_or(0, |h| h.t_ms)).map(|r| r.at);
            format!("health check passing since {} UTC", hms(since.unwrap_or(last.at)))
        }
        (Some(_), Some(harm)) => format!("{trigger}: health check failing since {} UTC", hms(harm.at)),
        (Some(last), None) => format!("{trigger}: health check failing at {} UTC", hms(last.at)),
        (None, _) if session.recovery().is_some() => "recovery reported (no health check measured it)".to_owned(),
        (None, _) => format!("{trigger} reported"),
    };
    let live = match (session.last_probe(), &session.live_named) {
        (Some(p), _) if p.value.is_some() => {
            format!("live: {} (release probe, {} UTC)", p.value.unwrap_or_default(), hms(p.at))
        }
        (_, Some((release, _))) => format!("live: {release} (as named)"),
        _ => format!("live: {} (the runbook's; not yet confirmed from the ledger)", runbook.live()),
    };
    condition.push_str("; ");
    condition.push_str(&live);
    for f in session.flags.iter().filter(|f| f.state != FlagState::Untouched) {
        let read = match &f.read {
            Some(r) if f.read_disagrees() => {
                format!(", but it reads {} at {} UTC", r.state.as_deref().unwrap_or("?"), hms(r.at))
            }
            Some(r) if f.read_confirms() => format!(", reads {}", r.state.as_deref().unwrap_or("?")),
            _ => String::new(),
        };
        let label = f.label();
        let _ = write!(condition, "; {} {}{read}", f.name, label.trim_start_matches(|c: char| !c.is_alphabetic()));
    }
    let step = session.active().map_or_else(
        || "all steps done".to_owned(),
        |i| {
            let s = &session.steps[i];
            format!(
                "now at step {}/{} {} ({} {})",
                i + 1,
                session.steps.len(),
                s.plan.label,
                s.plan.owner,
                session.roles.holder(s.plan.owner)
            )
        },
    );
    let decision = session.decision.map_or_else(String::new, |(d, _)| format!("; decision: {d}"));
    let since = session.updates.last().map_or(0, |u| u.t_ms);
    let mut changed: Vec<String> = Vec::new();
    for e in session.events.iter().filter(|e| e.t_ms >= since) {
        match &e.kind {
            EventKind::StepCompleted { step, .. } => changed.push(format!("{step} done")),
            EventKind::StepSkipped { step, .. } => changed.push(format!("{step} skipped")),
            EventKind::Decided { decision, .. } => changed.push(format!("decided to {decision}")),
            _ => {}
        }
    }
    changed.extend(session.actions.iter().filter(|a| a.t_ms >= since).map(|a| a.what.clone()));
    let actions = match (changed.is_empty(), session.updates.is_empty()) {
        (false, _) => changed.join("; "),
        (true, true) => "investigating; no action taken yet".to_owned(),
        (true, false) => "no change since the last update".to_owned(),
    };
    let next = now + chrono::Duration::milliseconds(i64::try_from(session.update_every_ms).unwrap_or(i64::MAX / 2));
    format!(
        "Condition: {condition}{decision}; {step}.\nActions: {actions}.\nNeeds: nothing yet.\nNext update at {} UTC.",
        next.format("%H:%M")
    )
}
