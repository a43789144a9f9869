//! The postmortem's comparison with earlier drills: splits per step against
//! the previous drill and the team's best, and last time's promises.

use std::fmt::Write as _;

use super::Input;
use crate::duration::{clock, delta};
use crate::vocab::Mode;

use crate::markdown::inline;
use crate::review::{Summary, drills_with_deck, runbook_key, split};
use crate::session::StepStatus;

/// Earlier completed drills of this runbook with the same deck, fire and
/// practice (team, or this person's solo practice), oldest first, this one
/// excluded.
pub fn earlier<'a>(i: &Input<'a>) -> Vec<&'a Summary> {
    let key = runbook_key(&i.header.runbook_path);
    drills_with_deck(i.history, &key, i.session.deck.as_deref(), i.session.fire(), i.session.solo_practice())
        .into_iter()
        .filter(|s| s.session_id != i.header.session_id && s.started_at < i.header.started_at)
        .collect()
}

fn signed(ms: u64) -> i64 {
    i64::try_from(ms).unwrap_or(i64::MAX)
}

/// The splits table, for a drill of a runbook with earlier drills.
pub fn splits(i: &Input<'_>) -> String {
    let earlier = earlier(i);
    if i.header.mode != Mode::Drill || earlier.is_empty() {
        return String::new();
    }
    let s = i.session;
    let end = s.finished_ms.or_else(|| s.events.last().map(|e| e.t_ms)).unwrap_or(0);
    let previous = earlier.last().map(|d| d.started_at.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let deck = i.session.deck.as_ref().map_or_else(String::new, |d| format!(" with the deck {}", inline(d)));
    // A drill that did not verify cleanly is compared, never a record.
    let verdict = crate::outcome::verdict(s);
    let caveat = if verdict.is_clean() {
        String::new()
    } else {
        format!(
            " This drill ended {}: its times are shown against the others, and never count as a best.",
            verdict.describe()
        )
    };
    let mut out = format!(
        "## Splits\n\nAgainst the previous drill of this runbook{deck} ({previous}) and the best of {}.{caveat}\n\n| Step | This drill | Previous | Best | vs previous | vs best |\n| --- | --- | --- | --- | --- | --- |\n",
        crate::words::count(earlier.len(), "earlier drill")
    );
    let show = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), clock);
    for (n, st) in s.steps.iter().enumerate() {
        let this = if st.status == StepStatus::Done { s.step_actual_ms(n, end) } else { None };
        let sp = split(&earlier, st.plan.kind);
        let vs = |other: Option<u64>| match (this, other) {
            (Some(a), Some(b)) => delta(signed(a) - signed(b)),
            _ => "-".to_owned(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            st.plan.kind,
            show(this),
            show(sp.previous_ms),
            show(sp.best_ms),
            vs(sp.previous_ms),
            vs(sp.best_ms)
        );
    }
    out
}

/// Last drill's promises and whether they were done.
pub fn followups(i: &Input<'_>) -> String {
    let f = &i.session.followups;
    if f.is_empty() {
        return String::new();
    }
    let mut out = String::from("## Promised last time\n\n");
    for (item, done) in f {
        let _ = writeln!(
            out,
            "- [{}] {}{}",
            if *done { "x" } else { " " },
            inline(item),
            // The team's answer at the start: nothing measured it.
            if *done { format!(" ({})", crate::evidence::BY_KEY_PRESS) } else { " (not done)".to_owned() }
        );
    }
    out
}
