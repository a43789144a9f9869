//! The postmortem's "Injects and responses": the deck the facilitator
//! brought, each card shown with its time to acknowledge, what it did
//! (its effects) and the notes written while it was the latest; and, for
//! the sections on kill switches and commands, what a card overruled.

use std::fmt::Write as _;

use super::Input;
use crate::duration::clock;
use crate::markdown::{code, inline};
use crate::plan::Meaning;
use crate::session::{Run, Session};

/// The facilitator's inject cards: the deck, when each card was shown, how
/// long the team took to acknowledge it, its effects, and the notes
/// written while it was the latest.
pub(super) fn injects(i: &Input<'_>) -> String {
    let s = i.session;
    let mut out = String::from("## Injects and responses\n\n");
    if let (Some(key), Some(deck)) = (&s.deck, &i.header.deck) {
        let cards = crate::words::count(s.injects.iter().filter(|c| c.from_deck).count(), "card");
        let _ = writeln!(
            out,
            "Deck: {} ({}, {cards}), kept apart from the runbook; its text is in the journal.\n",
            inline(key),
            code(&deck.path)
        );
    }
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
        let from = if c.from_deck { ", from the deck" } else { "" };
        let _ = writeln!(out, "- {} (shown at T+{}{from}): {ack}", inline(&c.title), clock(*at));
        for effect in c.effects() {
            let _ = writeln!(out, "  - Effect: {}", inline(&effect));
        }
        let until = fired.get(k + 1).map_or(u64::MAX, |f| f.1);
        for note in s.notes().filter(|e| e.t_ms >= *at && e.t_ms < until) {
            let _ = writeln!(out, "  - Note: {}", inline(note.text));
        }
    }
    out
}

/// For the kill switches: why flag `index` stayed on, when a card shown
/// kept it from being turned off.
pub(super) fn stuck(s: &Session, index: usize) -> Option<String> {
    let card = s.injects.get(s.flag_stuck_by(index)?)?;
    Some(format!("could not be turned off: inject card \"{}\"", inline(&card.title)))
}

/// For the commands run: what a card did to a run's result, said beside
/// the real result (which is kept as it came).
pub(super) fn overruled(s: &Session, run: &Run) -> Option<String> {
    let card = s.injects.get(run.overruled_by?)?;
    let probe =
        s.step(run.step).and_then(|st| st.plan.items.get(run.item)).is_some_and(|i| i.meaning == Meaning::Probe);
    let what = match &card.probe_reports {
        Some(release) if probe => format!("taken to report {} (simulated)", code(release)),
        _ => "counted as failed (simulated)".to_owned(),
    };
    Some(format!(
        "overruled by the inject card \"{}\": {what}; the result above is what the command really did",
        inline(&card.title)
    ))
}
