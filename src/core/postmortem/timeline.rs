//! The timeline section: every event in the order it happened (a backdated
//! note sorts at the time it happened and shows when it was noted).

use std::borrow::Borrow;
use std::fmt::Write as _;

use super::Input;
use crate::core::duration::clock;
use crate::core::event::{Event, EventKind};
use crate::core::incident::FlagState;
use crate::core::markdown::{code, inline};
use crate::core::plan::StepKind;
use crate::core::session::Session;

/// When an event happened: a backdated note's time, else when it was recorded.
fn happened(e: &Event) -> chrono::DateTime<chrono::Utc> {
    match &e.kind {
        EventKind::NoteAdded { happened_at: Some(h), .. } => *h,
        _ => e.at,
    }
}

/// `T+mm:ss` of a wall-clock time since the start; `T-mm:ss` before it.
fn offset(i: &Input<'_>, at: chrono::DateTime<chrono::Utc>) -> String {
    let ms = (at - i.header.started_at).num_milliseconds();
    let abs = clock(ms.unsigned_abs());
    if ms < 0 { format!("-{abs}") } else { abs }
}

/// Most rows written in a list (the timeline, notes, status updates);
/// past it the first and last halves are kept and one row says how many
/// are left out (the journal has them).
pub const MAX_ROWS: usize = 2000;

/// What becomes of row `n` of `total` under the [`MAX_ROWS`] cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    /// Written.
    Keep,
    /// The first row left out: one line says how many are.
    Gap(usize),
    /// Left out.
    Skip,
}

/// Row `n` of `total` is written in the first or last half of [`MAX_ROWS`].
pub(super) fn cut(total: usize, n: usize) -> Cut {
    if total <= MAX_ROWS || !(MAX_ROWS / 2..total - MAX_ROWS / 2).contains(&n) {
        Cut::Keep
    } else if n == MAX_ROWS / 2 {
        Cut::Gap(total - MAX_ROWS)
    } else {
        Cut::Skip
    }
}

/// The list item that stands for `left` items left out under the cap.
pub(super) fn left_out(left: usize) -> String {
    format!("- ... {left} more left out here; the journal beside this file holds every one")
}

/// The timeline table: one row per event, except that items checked one
/// after another in one step share a row (with the count); past
/// [`MAX_ROWS`] rows the first and last halves are kept. Rows are counted
/// first and only those kept are written, so a huge journal costs no more
/// than its events.
pub fn timeline(i: &Input<'_>) -> String {
    let beside = if grouped_any(i.session) {
        "share a row (each has its own in the `.timeline.md` file beside this one)"
    } else {
        "would share a row"
    };
    let mut out = format!(
        "## Timeline\n\nT+ is wall-clock time since the start, pauses included; a note written after the fact sits at the time it happened; items checked one after another {beside}.\n\n{HEAD}"
    );
    in_order(i, true, &mut out);
    out
}

/// The timeline with one row for every event, as its own document (the
/// second file beside the postmortem), or `None` when the postmortem's
/// timeline already has a row for each (nothing was grouped).
pub fn full(i: &Input<'_>) -> Option<String> {
    if !grouped_any(i.session) {
        return None;
    }
    let mode = match i.header.mode {
        crate::core::event::Mode::Drill => "drill",
        crate::core::event::Mode::Incident => "incident",
    };
    let mut out = format!(
        "# Timeline: {} ({mode} {})\n\nEvery event of the session in its own row, beside the postmortem whose timeline groups items checked one after another. T+ is wall-clock time since the start, pauses included.\n\n{HEAD}",
        crate::core::markdown::heading(i.runbook.title()),
        i.header.started_at.format("%Y-%m-%d")
    );
    in_order(i, false, &mut out);
    Some(out)
}

const HEAD: &str = "| UTC | T+ | Who | Event |\n| --- | --- | --- | --- |\n";

/// True when some items checked one after another share a timeline row.
fn grouped_any(s: &Session) -> bool {
    groups(&s.events, true).any(|(_, run)| run > 1)
}

/// Writes the rows of the session's events in timeline order (a note written
/// after the fact sits when it happened), grouped or one per event.
fn in_order(i: &Input<'_>, grouped: bool, out: &mut String) {
    let s = i.session;
    let order = |e: &Event| (happened(e), e.seq);
    // The debrief is journaled as it is written (drafts); the last one counts.
    let debriefs: Vec<u64> =
        s.events.iter().filter(|e| matches!(e.kind, EventKind::Debriefed(_))).map(|e| e.seq).collect();
    let shown = |e: &&Event| !matches!(e.kind, EventKind::Debriefed(_)) || debriefs.last() == Some(&e.seq);
    // Only a note written after the fact moves an event out of journal order.
    if debriefs.len() <= 1 && s.events.is_sorted_by_key(order) {
        table(i, &s.events, grouped, out);
    } else {
        let mut events: Vec<&Event> = s.events.iter().filter(shown).collect();
        events.sort_by_key(|e| order(e));
        table(i, &events, grouped, out);
    }
}

/// Writes the rows of `events` (in timeline order) into `out`.
fn table<E: Borrow<Event>>(i: &Input<'_>, events: &[E], grouped: bool, out: &mut String) {
    let total = groups(events, grouped).count();
    for (n, (start, run)) in groups(events, grouped).enumerate() {
        match cut(total, n) {
            Cut::Keep => out.push_str(&row(i, &events[start..start + run])),
            Cut::Gap(left) => {
                let _ = writeln!(
                    out,
                    "| ... | ... | - | {left} more rows left out here; the journal beside this file holds every event |"
                );
            }
            Cut::Skip => {}
        }
    }
}

/// The timeline's rows as (first event, how many events): with `grouped`,
/// items checked one after another in one step by one role share a row.
fn groups<E: Borrow<Event>>(events: &[E], grouped: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
    let checked = |x: &Event| match x.kind {
        EventKind::ItemToggled { step, checked: true, .. } => Some(step),
        _ => None,
    };
    let mut n = 0;
    std::iter::from_fn(move || {
        let e: &Event = events.get(n)?.borrow();
        let run = checked(e).filter(|_| grouped).map_or(1, |step| {
            events[n..].iter().map(Borrow::borrow).take_while(|x| checked(x) == Some(step) && x.role == e.role).count()
        });
        let start = n;
        n += run;
        Some((start, run))
    })
}

/// One timeline row for `group`: one event, or a run of checks.
fn row<E: Borrow<Event>>(i: &Input<'_>, group: &[E]) -> String {
    let s = i.session;
    let Some(e) = group.first().map(Borrow::borrow) else { return String::new() };
    let who = e.role.map_or_else(|| "-".to_owned(), |r| r.key().to_owned());
    let at = happened(e);
    let since = if at == e.at { clock(e.t_ms) } else { offset(i, at) };
    let text = if group.len() > 1 {
        let names: Vec<String> = group
            .iter()
            .filter_map(|x| match &x.borrow().kind {
                EventKind::ItemToggled { step, item, .. } => Some(item_text(s, *step, *item)),
                _ => None,
            })
            .collect();
        format!("Checked {} items: {}", group.len(), names.join("; "))
    } else {
        describe(s, e)
    };
    format!("| {} | {since} | {who} | {text} |\n", at.format("%Y-%m-%d %H:%M:%S"))
}

/// A step's label as the session ran it (`restore` for a restore's step 3).
fn label(s: &Session, step: StepKind) -> &'static str {
    s.step(step).map_or(step.label(), |st| st.plan.label)
}

/// An item's text as the timeline shows it.
fn item_text(s: &Session, step: StepKind, n: usize) -> String {
    s.steps
        .iter()
        .find(|st| st.plan.kind == step)
        .and_then(|st| st.plan.items.get(n))
        .map_or_else(|| format!("item {}", n + 1), |t| inline(&t.text))
}

fn describe(s: &Session, e: &Event) -> String {
    let item = |step: &StepKind, n: usize| item_text(s, *step, n);
    match &e.kind {
        EventKind::Started { roles } => format!(
            "Started: driver {}, communicator {}, verifier {}",
            inline(&roles.driver),
            inline(&roles.communicator),
            inline(&roles.verifier)
        ),
        EventKind::ItemToggled { step, item: n, checked: true } => format!("Checked: {}", item(step, *n)),
        EventKind::ItemToggled { step, item: n, checked: false } => format!("Unchecked: {}", item(step, *n)),
        EventKind::StepCompleted { step, left_unchecked } if left_unchecked.is_empty() => {
            format!("Step done: {}", label(s, *step))
        }
        EventKind::StepCompleted { step, left_unchecked } => {
            let left = crate::core::words::count(left_unchecked.len(), "item");
            format!("Step done: {} ({left} left unchecked)", label(s, *step))
        }
        EventKind::StepSkipped { step, reason } => format!("Step skipped: {} ({})", label(s, *step), inline(reason)),
        EventKind::NoteAdded { text, happened_at: None } => format!("Note: {}", inline(text)),
        EventKind::NoteAdded { text, happened_at: Some(_) } => {
            format!("Note (noted at {} UTC): {}", e.at.format("%H:%M:%S"), inline(text))
        }
        EventKind::StatusPosted { text, .. } => format!("Status update: {}", inline(text)),
        EventKind::Undone { step } => format!("Undone: {step} reopened"),
        EventKind::Decided { decision } => format!("Decision: {decision}"),
        EventKind::LiveNamed { release } => format!("Live release named: {}", code(release)),
        EventKind::RevertedTo { release } => format!("Production now on {}", code(release)),
        EventKind::FlagChanged { flag, state: FlagState::Waived, reason } => {
            format!("Kill switch {} left off: {}", code(flag), inline(reason.as_deref().unwrap_or("")))
        }
        EventKind::FlagChanged { flag, state, .. } => {
            format!("Kill switch {}: {}", code(flag), state.label().trim_start_matches(|c: char| !c.is_alphabetic()))
        }
        EventKind::UpdateDelivered { update, delivered: true, .. } => format!("Update #{update} delivered"),
        EventKind::UpdateDelivered { update, delivered: false, detail } => {
            format!("Update #{update} NOT delivered: {}", inline(detail))
        }
        EventKind::CommandStarted { step, item: n, argv } => {
            format!("Ran for {}: {}", item(step, *n), code(&crate::core::command::show_argv(argv)))
        }
        EventKind::CommandFinished { step, item: n, result } => {
            format!("Command for {}: {} in {}", item(step, *n), result.end.label(), clock(result.duration_ms))
        }
        EventKind::CheckOverridden { step, item: n, reason } => {
            format!("Check accepted despite failure: {} ({})", item(step, *n), inline(reason))
        }
        EventKind::FollowedUp { item, done } => {
            format!("Promised last time: {} ({})", inline(item), if *done { "done" } else { "not done" })
        }
        EventKind::Paused => "Paused".to_owned(),
        EventKind::Resumed => "Resumed".to_owned(),
        EventKind::Handoff { handed: role, from, to } => {
            format!("Handoff: {role} from {} to {}", inline(from), inline(to))
        }
        EventKind::Reopened { interrupted_at, interrupted_ms } => format!(
            "Interrupted at {} UTC, resumed at {} UTC (gap {}, excluded from step times)",
            interrupted_at.format("%Y-%m-%d %H:%M:%S"),
            e.at.format("%Y-%m-%d %H:%M:%S"),
            clock(e.t_ms.saturating_sub(*interrupted_ms))
        ),
        EventKind::Debriefed(_) => "Debrief written".to_owned(),
        EventKind::Finished => "Finished".to_owned(),
        EventKind::InjectFired { index } => {
            format!("Inject: {}", s.injects.get(*index).map_or_else(String::new, |c| inline(&c.title)))
        }
        EventKind::InjectAcknowledged { index } => {
            format!("Inject acknowledged: {}", s.injects.get(*index).map_or_else(String::new, |c| inline(&c.title)))
        }
        EventKind::StoppedEarly => "Stopped early: on to the debrief".to_owned(),
        EventKind::ActionClosed { item, note } => format!("Action item {item} closed: {}", inline(note)),
        EventKind::ActionExported { item, url } => format!("Action item {item} exported: {}", code(url)),
        EventKind::SecretRotated { name, applied } => format!(
            "Secret rotated: {}, applied in {}",
            code(name),
            applied.iter().map(|p| inline(p)).collect::<Vec<_>>().join(", ")
        ),
    }
}
