//! The postmortem's parts about the response itself: the decision, the
//! releases named and rolled back to, the kill-switch ledger, the status
//! updates against their promises, and the impact.

use std::fmt::Write as _;

use super::Input;
use super::timeline::{Cut, cut, left_out};
use crate::duration::clock;
use crate::incident::{longest_silence, promises};
use crate::markdown::{code, inline};
use crate::vocab::FlagState;

/// Summary lines: the decision, the live release and where it was rolled back to.
pub fn summary_lines(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::new();
    if let Some((decision, count)) = s.decision {
        let changed =
            if count > 1 { format!(" (changed {})", crate::words::count(count - 1, "time")) } else { String::new() };
        let _ = writeln!(out, "- Decision: {decision}{changed}");
    }
    if i.header.mode == crate::vocab::Mode::Incident {
        let severity = s.severity.map_or_else(|| "not set".to_owned(), |v| format!("{v} ({})", v.meaning()));
        let _ = writeln!(out, "- Severity: {severity}");
        out.push_str(&impact_lines(s));
    }
    let seen = s.live_named.as_ref().map(|(r, _)| r.as_str()).or_else(|| s.first_probe_release().and_then(|p| p.value));
    let live = seen.unwrap_or(i.runbook.live());
    let probed = s.first_probe_release().and_then(|p| p.value);
    match seen {
        // A release typed by hand that no probe reading agrees with is a claim.
        Some(r) if probed.is_none_or(|p| p.trim() != r.trim()) => {
            let _ = writeln!(out, "- Live release: {} (claimed: named by the team, not read from the ledger)", code(r));
        }
        Some(r) => {
            let _ = writeln!(out, "- Live release: {}", code(r));
        }
        None => {
            let _ = writeln!(out, "- Live release: {} (the runbook's; never confirmed from the ledger)", code(live));
        }
    }
    let _ = writeln!(out, "- Known-good release (revert target): {}", code(i.runbook.known_good()));
    // Measured before claimed: the probe's reading names where production
    // went; the team's record is named beside it when it says otherwise.
    if let Some((to, claimed)) = s.moved_to() {
        let _ = write!(out, "- Production moved from {} to {} (time in the KPIs)", code(live), code(&to));
        let rolled_back = !matches!(s.decision, Some((crate::vocab::Decision::FixForward, _)));
        if rolled_back && to.trim() != i.runbook.known_good().trim() {
            let _ = write!(out, " (not the runbook's known-good {})", code(i.runbook.known_good()));
        }
        if let Some(c) = claimed {
            let _ = write!(out, "; the team recorded {}, the release probe read {}", code(c), code(&to));
        } else if !s.recovery().is_some_and(|f| f.evidence.is_measured()) {
            out.push_str("; claimed: no command measured it");
        }
        out.push('\n');
    }
    out
}

/// The kill-switch ledger, with flags still off listed as open.
pub fn flags(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::from("## Kill switches\n\n");
    if s.flags.is_empty() {
        out.push_str("No kill switch in this runbook.\n");
        return out;
    }
    for (n, f) in s.flags.iter().enumerate() {
        let label = f.label();
        let state = label.trim_start_matches(|c: char| !c.is_alphabetic());
        let mut line = format!("- {}: {state}", code(&f.name));
        if f.state != FlagState::Safe
            && let Some(why) = super::injects::stuck(s, n)
        {
            let _ = write!(line, " ({why})");
        }
        if let Some(ev) = &f.evidence {
            let _ = write!(line, " ({})", super::evidence::evidence(ev));
        } else if let (Some(by), Some(at)) = (f.by, f.at) {
            let _ = write!(line, " by the {by} at {} UTC", at.format("%H:%M"));
        }
        if let Some(reason) = &f.reason {
            let _ = write!(line, " ({})", inline(reason));
        }
        if let Some((action, end)) = &f.failed {
            let what = if *action == crate::vocab::SwitchAction::Safe { "safe" } else { "restore" };
            let _ = write!(line, "; its {what} command {}", end.label());
        }
        match &f.read {
            Some(r) if f.read_disagrees() => {
                let _ = write!(
                    line,
                    "; BUT it reads {} at {} UTC ({})",
                    code(r.state.as_deref().unwrap_or("?")),
                    r.at.format("%H:%M:%S"),
                    code(&crate::command::show_argv(&r.argv))
                );
            }
            Some(r) if f.read_confirms() => {
                let _ = write!(
                    line,
                    "; reads {} at {} UTC",
                    code(r.state.as_deref().unwrap_or("?")),
                    r.at.format("%H:%M:%S")
                );
            }
            _ => {}
        }
        let _ = writeln!(out, "{line}");
    }
    let open = s.flags_left_off();
    if !open.is_empty() {
        let names: Vec<String> = open.iter().map(|n| code(n)).collect();
        let _ = writeln!(out, "\nStill in the safe state at the end, not restored (open): {}", names.join(", "));
    }
    if s.flags.iter().all(|f| f.state == FlagState::Untouched) {
        out.push_str("\nNo kill switch was touched.\n");
    }
    out
}

/// The status updates, each with whether it kept the promise before it.
pub fn updates(i: &Input<'_>) -> String {
    let s = i.session;
    // Promises and silence are counted while the team worked, not through the debrief.
    let end = s.work_end_ms().unwrap_or_else(|| s.record_end_ms());
    let posted = s.update_promises();
    let times: Vec<u64> = posted.iter().map(|p| p.0).collect();
    let all = promises(&posted);
    let broken = all.iter().filter(|p| p.broken(end)).count();
    let due = all.iter().filter(|p| p.is_due(end)).count();
    let mut out = String::from("## Status updates\n\n");
    let _ = writeln!(
        out,
        "Promises of a next update, as typed: {broken} broken of {due} due; longest silence: {}.\n",
        clock(longest_silence(&times, end))
    );
    if s.updates.is_empty() {
        out.push_str("None posted.\n");
    }
    for (n, u) in s.updates.iter().enumerate() {
        // Past the cap, the first and last halves; the journal has every one.
        match cut(s.updates.len(), n) {
            Cut::Keep => {}
            Cut::Gap(left) => {
                let _ = writeln!(out, "{}", left_out(left));
                continue;
            }
            Cut::Skip => continue,
        }
        // The promise this update was due to keep: the one the update before it made.
        let due = n.checked_sub(1).and_then(|p| posted[p].1);
        let late = match due {
            Some(d) if u.t_ms > d => format!(", late by {}", clock(u.t_ms - d)),
            _ => String::new(),
        };
        let delivery = match u.delivery.as_deref() {
            Some((true, _)) => " (delivered)".to_owned(),
            Some((false, why)) => format!(" (NOT delivered: {})", inline(why)),
            None => String::new(),
        };
        let when = u.at.format("%Y-%m-%d %H:%M");
        // As posted, line by line: the journal keeps its line breaks, so does this.
        let text = crate::markdown::item_lines(s.update_text(u));
        let _ = writeln!(out, "- {when} UTC (T+{}{late}){delivery}: {text}", clock(u.t_ms));
    }
    out
}

/// The impact window of an incident (docs/domain.md, "Health check"):
/// from the start of harm (the probe's deploy time of the live release,
/// else the first failing health answer) to the first passing health
/// answer after it; and when it was resolved (back on a good release and
/// healthy). Unknown ends are said, not guessed.
fn impact_lines(s: &crate::session::Session) -> String {
    let mut out = String::new();
    let deployed = s.first_probe_release().and_then(|p| p.deployed_at);
    let harm = s.harm_confirmed();
    let start = deployed
        .map(|d| (d, "the live release's deploy, per the release probe"))
        .or(harm.map(|h| (h.at, "the first failing health check")));
    let end = s.mitigation().filter(|m| m.evidence.is_measured() && harm.is_some()).map(|m| m.evidence.at());
    match (start, end) {
        (Some((from, why)), Some(to)) => {
            let ms = u64::try_from((to - from).num_milliseconds()).unwrap_or(0);
            let _ = writeln!(
                out,
                "- Impact window: {} to {} UTC ({}), from {why} to the first passing health check",
                from.format("%Y-%m-%d %H:%M:%S"),
                to.format("%H:%M:%S"),
                clock(ms)
            );
        }
        (Some((from, why)), None) => {
            let _ = writeln!(
                out,
                "- Impact window: from {} UTC ({why}); no health check measured its end",
                from.format("%Y-%m-%d %H:%M:%S")
            );
        }
        (None, _) => out.push_str("- Impact window: not measured (no health check or probe deploy time)\n"),
    }
    match s.recovery() {
        Some(f) => {
            let _ = writeln!(
                out,
                "- Resolved: {} UTC ({})",
                f.evidence.at().format("%Y-%m-%d %H:%M:%S"),
                super::evidence::fact(&f)
            );
        }
        None => out.push_str("- Resolved: not confirmed\n"),
    }
    out
}
