//! The postmortem's sections, in the order of the `ALL` table; each returns its
//! markdown without trailing blank lines.

use std::fmt::Write as _;

use super::Input;
use super::labels::recovery_label;
use super::timeline::{Cut, cut, left_out};
use super::{incident, injects, lessons, resolution, review, secrets, signals, timeline};
use crate::duration::{clock, delta};
use crate::event::EventKind;
use crate::markdown::{block, code, heading, inline};
use crate::outcome::verdict;
use crate::vocab::{Mode, Role};

use crate::session::{Session, StepStatus};
use crate::timing::{Excluded, Kpis, TimeboxState};

type Section = fn(&Input<'_>) -> String;

/// The sections in order.
pub const ALL: [Section; 25] = [
    title,
    summary,
    lessons::detection,
    roles,
    steps,
    review::splits,
    kpis,
    timeline::timeline,
    resolution::trigger,
    resolution::resolution,
    injects::injects,
    incident::flags,
    secrets::secrets,
    resolution::checks,
    signals::signals,
    incident::updates,
    notes,
    review::followups,
    lessons::impact,
    slowed,
    prevention,
    pressure,
    lessons::root_cause,
    lessons::lessons,
    lessons::actions,
];

fn title(i: &Input<'_>) -> String {
    let date = i.header.started_at.format("%Y-%m-%d");
    let mode = if i.session.solo_practice().is_some() { "solo practice" } else { i.header.mode.key() };
    format!("# Postmortem: {} ({mode} {date})", heading(i.runbook.title()))
}

/// The outcome line and, when not verified, what was missing.
fn outcome(s: &Session) -> String {
    let v = verdict(s);
    let mut out = format!("- Outcome: {}\n", v.describe());
    for name in &v.accepted {
        let _ = writeln!(out, "  - failed, accepted by the verifier: {}", inline(name));
    }
    for m in &v.missing {
        let name = if m.identifier { code(&m.name) } else { inline(&m.name) };
        let line = if m.name.is_empty() { m.what.to_owned() } else { format!("{}: {name}", m.what) };
        let _ = writeln!(out, "  - {line}");
    }
    out
}

fn summary(i: &Input<'_>) -> String {
    let s = i.session;
    let total = s.elapsed_ms(s.record_end_ms());
    let tb = i.runbook.timebox.as_ms();
    let mut out = format!("## Summary\n\n{}\n", lessons::narrative(i));
    out.push_str(&outcome(s));
    if let Some(fire) = s.fire() {
        let what = match fire {
            crate::session::Fire::Dry => "dry (commands that change a system were shown, not run)",
            crate::session::Fire::LiveFire => "live-fire (commands that change a system could run)",
        };
        let _ = writeln!(out, "- Drill: {what}");
    }
    match i.header.mode {
        Mode::Drill => {
            let state = match TimeboxState::of(total, tb) {
                TimeboxState::Over => format!("over the time-box by {}", clock(total.saturating_sub(tb))),
                _ => "within the time-box".to_owned(),
            };
            let _ = writeln!(out, "- Total: {} against a time-box of {} ({state})", clock(total), clock(tb));
            let paused = s.pauses.total(Excluded::Pause, s.record_end_ms());
            if paused > 0 {
                let _ = writeln!(out, "- Paused: {} (excluded from step times)", clock(paused));
            }
        }
        Mode::Incident => {
            let _ = writeln!(out, "- Duration: {}", clock(total));
        }
    }
    let gaps = s.events.iter().filter(|e| matches!(e.kind, EventKind::Reopened { .. })).count();
    if gaps > 0 {
        // The sum of the gaps as the timeline shows them (whole seconds),
        // so the rows and the total add up.
        let end = s.record_end_ms();
        let total_gap: u64 = s
            .pauses
            .intervals()
            .iter()
            .filter(|(_, _, why)| *why == Excluded::Gap)
            .map(|(from, to, _)| to.unwrap_or(end).saturating_sub(*from) / 1_000 * 1_000)
            .sum();
        let _ = writeln!(
            out,
            "- Interrupted: {}, {} in all ({}; see the timeline)",
            crate::words::count(gaps, "time"),
            clock(total_gap),
            s.pauses.gap_words()
        );
    }
    out.push_str(&incident::summary_lines(i));
    if let Some(r) = crate::restore::RestoreTiming::of(i.runbook, s) {
        let text = r.to_string();
        let _ = writeln!(out, "- {}{}", text[..1].to_uppercase(), inline(&text[1..]));
    }
    if let Some(service) = &i.runbook.service {
        let _ = writeln!(out, "- Service: {}", inline(service));
    }
    let _ = writeln!(out, "- Started: {} UTC", i.header.started_at.format("%Y-%m-%d %H:%M:%S"));
    let _ = writeln!(
        out,
        "- Runbook: {} (sha256 {})",
        code(&i.header.runbook_path),
        code(&i.header.runbook_sha256[..i.header.runbook_sha256.len().min(12)])
    );
    out
}

fn roles(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::from("## Roles and handoffs\n\n");
    let first = s.events.iter().find_map(|e| match &e.kind {
        EventKind::Started { roles, .. } => Some((**roles).clone()),
        _ => None,
    });
    let start = first.unwrap_or_else(|| s.roles.clone());
    for role in Role::ALL {
        let _ = writeln!(out, "- {}: {}", capital(role.key()), inline(start.holder(role)));
    }
    if start.solo {
        let who = inline(&start.driver);
        let _ = writeln!(
            out,
            "- Solo practice: {who} held all three roles on purpose. Compared only with {who}'s own solo practice; kept out of the team's rotation and splits."
        );
    } else if start.is_solo() {
        out.push_str("- One person held all three roles (solo responder).\n");
    }
    for e in &s.events {
        if let EventKind::Handoff { handed: role, from, to } = &e.kind {
            let _ = writeln!(out, "- Handoff at T+{}: {} from {} to {}", clock(e.t_ms), role, inline(from), inline(to));
        }
    }
    out
}

fn steps(i: &Input<'_>) -> String {
    let s = i.session;
    let now = s.record_end_ms();
    let mut out = String::from(
        "## Step timing\n\n| Step | Owner | Target | Actual | Delta | Status |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for (n, st) in s.steps.iter().enumerate() {
        // Whole seconds first, so that actual - target = delta as printed.
        let actual = s.step_actual_ms(n, now).map(|a| a / 1000 * 1000);
        let target = st.plan.target.as_ms() / 1000 * 1000;
        let (actual_s, delta_s) = match (actual, st.status) {
            (Some(a), StepStatus::Done) => (clock(a), delta(signed(a) - signed(target))),
            (Some(a), _) => (clock(a), "-".to_owned()),
            (None, _) => ("-".to_owned(), "-".to_owned()),
        };
        let status = match st.status {
            StepStatus::Done if st.left_unchecked.is_empty() => "done".to_owned(),
            StepStatus::Done => format!("done, {}", super::labels::left_open(s, st.plan.kind, &st.left_unchecked)),
            StepStatus::Skipped => format!("skipped: {}", inline(st.skip_reason.as_deref().unwrap_or(""))),
            StepStatus::Active => "in progress".to_owned(),
            StepStatus::Pending => "not reached".to_owned(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {actual_s} | {delta_s} | {status} |",
            inline(&st.plan.title),
            st.plan.owner,
            clock(target)
        );
    }
    out
}

fn kpis(i: &Input<'_>) -> String {
    let k = Kpis::of(i.session, i.session.record_end_ms(), i.runbook.timebox.as_ms());
    let show = |v: Option<u64>, none: &str| v.map_or_else(|| none.to_owned(), |ms| format!("T+{}", clock(ms)));
    let by = |n: usize| k.facts[n].as_ref().map_or_else(|| "-".to_owned(), super::evidence::fact);
    let mut out = String::from(
        "## KPIs\n\nActive time since the start: pauses and interruptions are left out. Evidence: measured by the runbook's command, or claimed by a key press.\n\n| Measure | Active time | Evidence |\n| --- | --- | --- |\n",
    );
    let _ = writeln!(out, "| Name the live release | {} | {} |", show(k.name_live_ms, "not reached"), by(0));
    let mitigated =
        if i.session.has_health() { "Mitigated (health check green)" } else { "Mitigated (kill switch or recovery)" };
    let _ = writeln!(out, "| {mitigated} | {} | {} |", show(k.mitigated_ms, "not reached"), by(1));
    let _ = writeln!(out, "| {} | {} | {} |", recovery_label(i.session), show(k.known_good_ms, "not confirmed"), by(2));
    let _ = writeln!(out, "| First status update | {} | {} |", show(k.first_update_ms, "not reached"), by(3));
    if i.header.mode == Mode::Incident {
        let _ = writeln!(out, "| Duration | {} | - |", clock(k.total_ms));
    } else {
        let _ = writeln!(out, "| Total | {} of {} | - |", clock(k.total_ms), clock(k.timebox_ms));
    }
    out
}

fn notes(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::from("## Notes\n\n");
    if s.note_count() == 0 {
        out.push_str("None.\n");
    }
    for (n, e) in s.notes_by_time().enumerate() {
        // Past the cap, the first and last halves; the journal has every one.
        match cut(s.note_count(), n) {
            Cut::Keep => {}
            Cut::Gap(left) => {
                let _ = writeln!(out, "{}", left_out(left));
                continue;
            }
            Cut::Skip => continue,
        }
        let when = match e.happened_at {
            Some(h) => format!("happened {} UTC, noted {} UTC", h.format("%Y-%m-%d %H:%M"), e.at.format("%H:%M")),
            None => format!("{} UTC (T+{})", e.at.format("%Y-%m-%d %H:%M"), clock(e.t_ms)),
        };
        let _ = writeln!(out, "- {when}: {}", inline(e.text));
    }
    out
}

fn slowed(i: &Input<'_>) -> String {
    format!("## What slowed us down\n\n{}", block(i.session.debrief.as_ref().map_or("", |d| d.slowed_us_down.as_str())))
}

fn prevention(i: &Input<'_>) -> String {
    format!("## Prevention step\n\n{}", block(i.session.debrief.as_ref().map_or("", |d| d.prevention.as_str())))
}

fn pressure(i: &Input<'_>) -> String {
    let mut out = String::from(
        "## Pressure question\n\nIf a database migration had been the problem, could we still roll back without losing data?\n\n",
    );
    let skipped =
        crate::runbook::PressureQuestion::of(i.runbook.migration.as_ref()) == crate::runbook::PressureQuestion::Skip;
    match &i.session.debrief {
        Some(d) if d.pressure_unanswered && skipped => {
            out.push_str("Not asked: the runbook says this release migrates nothing.\n");
        }
        Some(d) => {
            let answer = if d.pressure_unanswered { "not answered" } else { d.pressure.key() };
            let _ = writeln!(out, "Answer: {answer}.\n\n{}", block(&d.pressure_why));
        }
        None => out.push_str("Not answered.\n"),
    }
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn signed(ms: u64) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}
