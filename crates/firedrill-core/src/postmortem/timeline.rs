//! The timeline section: every event in the order it happened (a backdated
//! note sorts at the time it happened and shows when it was noted).

use std::borrow::Borrow;
use std::fmt::Write as _;

use super::Input;
use crate::duration::clock;
use crate::event::{Event, EventKind};
use crate::session::Session;

mod describe;

use describe::describe;
pub(super) use describe::item_text;

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
        "## Timeline\n\nT+ is wall-clock time since the start, pauses included; a note written after the fact sits at the time it happened; items checked one after another {beside}; a sensor answering as before is left out.\n\n{HEAD}"
    );
    out.push_str(&deploy_row(i));
    in_order(i, true, &mut out);
    out
}

/// The deploy of the release the probe first read, when it says when and
/// that was before the start: the incident's trigger, first in the timeline.
fn deploy_row(i: &Input<'_>) -> String {
    let Some(p) = i.session.first_probe_release() else { return String::new() };
    match (p.deployed_at, p.value) {
        (Some(at), Some(release)) if at < i.header.started_at => format!(
            "| {} | -{} | - | Deployed {} (per the release probe, measured at {} UTC) |\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            clock(u64::try_from((i.header.started_at - at).num_milliseconds()).unwrap_or(0)),
            crate::markdown::code(release),
            p.at.format("%H:%M:%S")
        ),
        _ => String::new(),
    }
}

/// The timeline with one row for every event, as its own document (the
/// second file beside the postmortem), or `None` when the postmortem's
/// timeline already has a row for each (nothing was grouped).
pub fn full(i: &Input<'_>) -> Option<String> {
    if !grouped_any(i.session) {
        return None;
    }
    let mode = match i.header.mode {
        crate::vocab::Mode::Drill => "drill",
        crate::vocab::Mode::Incident => "incident",
    };
    let mut out = format!(
        "# Timeline: {} ({mode} {})\n\nEvery event of the session in its own row, beside the postmortem whose timeline groups items checked one after another. T+ is wall-clock time since the start, pauses included.\n\n{HEAD}",
        crate::markdown::heading(i.runbook.title()),
        i.header.started_at.format("%Y-%m-%d")
    );
    // The same first row as the postmortem's: the two records never disagree.
    out.push_str(&deploy_row(i));
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
    // A sensor answering as it did before is no news: only changes are rows;
    // a command's output is in the journal and its run's rows, not a row of its own.
    let quiet = s.repeated_readings();
    let output = |e: &Event| matches!(e.kind, EventKind::CommandOutput { .. });
    let shown = |e: &&Event| {
        !output(e)
            && (!matches!(e.kind, EventKind::Debriefed(_)) || debriefs.last() == Some(&e.seq))
            && quiet.binary_search(&e.seq).is_err()
    };
    // Only a note written after the fact moves an event out of journal order.
    if debriefs.len() <= 1 && quiet.is_empty() && s.events.is_sorted_by_key(order) && !s.events.iter().any(output) {
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
                EventKind::ItemToggled { step, item, .. } => Some(item_text(s, *step, *item as usize)),
                _ => None,
            })
            .collect();
        // Only key presses tick items in a row: a passing command's tick is its own row.
        format!("Checked {} items ({}): {}", group.len(), crate::evidence::BY_KEY_PRESS, names.join("; "))
    } else {
        describe(s, e)
    };
    format!("| {} | {since} | {who} | {text} |\n", at.format("%Y-%m-%d %H:%M:%S"))
}
