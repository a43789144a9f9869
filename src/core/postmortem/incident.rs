//! The postmortem's parts about the response itself: the decision, the
//! releases named and rolled back to, the kill-switch ledger, the status
//! updates against their promises, and the impact.

use std::fmt::Write as _;

use super::Input;
use super::sections::end_ms;
use super::timeline::{Cut, cut, left_out};
use crate::core::duration::clock;
use crate::core::incident::{FlagState, longest_silence, promises};
use crate::core::markdown::{code, inline};

/// Summary lines: the decision, the live release and where it was rolled back to.
pub fn summary_lines(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::new();
    if let Some((decision, count)) = s.decision {
        let changed = if count > 1 {
            format!(" (changed {})", crate::core::words::count(count - 1, "time"))
        } else {
            String::new()
        };
        let _ = writeln!(out, "- Decision: {decision}{changed}");
    }
    let live = s.live_named.as_ref().map_or(i.runbook.live(), |(r, _)| r.as_str());
    let _ = writeln!(out, "- Live release: {}", code(live));
    let _ = writeln!(out, "- Known-good release (revert target): {}", code(i.runbook.known_good()));
    if let Some((to, _)) = &s.reverted_to {
        let _ = write!(out, "- Production moved from {} to {} (time in the KPIs)", code(live), code(to));
        let rolled_back = !matches!(s.decision, Some((crate::core::incident::Decision::FixForward, _)));
        if rolled_back && to.trim() != i.runbook.known_good().trim() {
            let _ = write!(out, " (not the runbook's known-good {})", code(i.runbook.known_good()));
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
        let state = f.state.label().trim_start_matches(|c: char| !c.is_alphabetic());
        let mut line = format!("- {}: {state}", code(&f.name));
        if f.state != FlagState::Off
            && let Some(why) = super::injects::stuck(s, n)
        {
            let _ = write!(line, " ({why})");
        }
        if let (Some(by), Some(at)) = (f.by, f.at) {
            let _ = write!(line, " by the {by} at {} UTC", at.format("%H:%M"));
        }
        if let Some(reason) = &f.reason {
            let _ = write!(line, " ({})", inline(reason));
        }
        let _ = writeln!(out, "{line}");
    }
    let open = s.flags_left_off();
    if !open.is_empty() {
        let names: Vec<String> = open.iter().map(|n| code(n)).collect();
        let _ = writeln!(out, "\nStill off at the end (open): {}", names.join(", "));
    }
    if s.flags.iter().all(|f| f.state == FlagState::Untouched) {
        out.push_str("\nNo kill switch was turned off.\n");
    }
    out
}

/// The status updates, each with whether it kept the promise before it.
pub fn updates(i: &Input<'_>) -> String {
    let s = i.session;
    // Promises and silence are counted while the team worked, not through the debrief.
    let end = s.work_end_ms().unwrap_or_else(|| end_ms(s));
    let posted = s.update_promises();
    let times: Vec<u64> = posted.iter().map(|p| p.0).collect();
    let all = promises(&posted);
    let broken = all.iter().filter(|p| p.broken(end)).count();
    let mut out = String::from("## Status updates\n\n");
    let _ = writeln!(
        out,
        "Promises of a next update, as typed: {broken} broken of {}; longest silence: {}.\n",
        all.len(),
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
        let delivery = match &u.delivery {
            Some((true, _)) => " (delivered)".to_owned(),
            Some((false, why)) => format!(" (NOT delivered: {})", inline(why)),
            None => String::new(),
        };
        let when = u.at.format("%Y-%m-%d %H:%M");
        let _ = writeln!(out, "- {when} UTC (T+{}{late}){delivery}: {}", clock(u.t_ms), inline(&u.text));
    }
    out
}
