//! Which notes' texts a postmortem reads, so that reading a huge journal
//! for its postmortem (`firedrill report`) can let the others go as it
//! reads: what is held then grows with the events, not with what people
//! typed. A note's text is read by the notes list and the timeline (past
//! [`MAX_ROWS`] only the first and last halves, in the order notes
//! happened), by the action items (`TODO:`), by the runbook proposal
//! ([`NOTE_PREFIX`]) and by the injects section (every note written once a
//! card was shown). A test renders sessions both ways and compares.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{DateTime, Utc};

use super::timeline::MAX_ROWS;
use crate::event::{Event, EventKind};
use crate::proposal::NOTE_PREFIX;

/// The action items' mark at the start of a note (`session::action_items`).
const TODO: &str = "TODO:";

/// A note's place in the order notes happened (a backdated note's time,
/// else when written; then its seq), and its index in the events.
type Place = (DateTime<Utc>, u64, usize);

/// Takes events in journal order and empties the text of every note no
/// postmortem section reads; what it holds is bounded by [`MAX_ROWS`].
#[derive(Debug, Default)]
pub struct NoteTexts {
    /// The earliest half of [`MAX_ROWS`] notes so far (the latest on top).
    first: BinaryHeap<Place>,
    /// The latest half of [`MAX_ROWS`] notes so far (the earliest on top).
    last: BinaryHeap<Reverse<Place>>,
    /// Monotonic ms of the first inject card shown: every note from then
    /// on is listed under it.
    cards_from: Option<u64>,
    /// Notes let go in the millisecond of the last event, emptied once a
    /// later one comes (a card shown in the same millisecond lists them).
    deferred: Vec<usize>,
    /// Monotonic ms of the last event taken.
    now_ms: u64,
    /// How many texts were emptied.
    emptied: usize,
}

impl NoteTexts {
    /// Appends `e` to `events` (every event before it, taken through this),
    /// emptying the text of any note no postmortem section can read any more.
    pub fn push(&mut self, events: &mut Vec<Event>, e: Event) {
        if matches!(e.kind, EventKind::InjectFired { .. }) && self.cards_from.is_none() {
            self.cards_from = Some(e.t_ms);
        }
        if e.t_ms > self.now_ms {
            self.now_ms = e.t_ms;
            for at in std::mem::take(&mut self.deferred) {
                self.let_go(events, at);
            }
        }
        let place = match &e.kind {
            EventKind::NoteAdded { happened_at, .. } => Some((happened_at.unwrap_or(e.at), e.seq, events.len())),
            _ => None,
        };
        events.push(e);
        let Some(place) = place else { return };
        let half = MAX_ROWS / 2;
        // Out of the earliest half: the note that leaves it, or this one.
        let out_of_first = if self.first.len() < half {
            self.first.push(place);
            None
        } else if self.first.peek().is_some_and(|top| place < *top) {
            self.first.push(place);
            self.first.pop()
        } else {
            Some(place)
        };
        let out_of_last = if self.last.len() < half {
            self.last.push(Reverse(place));
            None
        } else if self.last.peek().is_some_and(|Reverse(top)| place > *top) {
            self.last.push(Reverse(place));
            self.last.pop().map(|Reverse(p)| p)
        } else {
            Some(place)
        };
        // A note is let go once it is in neither half.
        let in_last = |p: &Place| self.last.peek().is_some_and(|Reverse(top)| p >= top);
        let in_first = |p: &Place| self.first.peek().is_some_and(|top| p <= top);
        let mut gone: Vec<usize> = Vec::with_capacity(2);
        if let Some(p) = out_of_first.filter(|p| !in_last(p)) {
            gone.push(p.2);
        }
        if let Some(p) = out_of_last.filter(|p| !in_first(p) && !gone.contains(&p.2)) {
            gone.push(p.2);
        }
        for at in gone {
            self.let_go(events, at);
        }
    }

    /// How many notes' texts were emptied.
    pub fn emptied(&self) -> usize {
        self.emptied
    }

    /// Empties the text of the note at `events[at]` unless a section still
    /// reads it, or may (a card shown later in its millisecond).
    fn let_go(&mut self, events: &mut [Event], at: usize) {
        let Some(e) = events.get_mut(at) else { return };
        let EventKind::NoteAdded { text, .. } = &mut e.kind else { return };
        let marked = text.trim().starts_with(TODO) || text.trim_start().starts_with(NOTE_PREFIX);
        if marked || text.is_empty() || self.cards_from.is_some_and(|from| e.t_ms >= from) {
            return;
        }
        if e.t_ms < self.now_ms {
            *text = String::new();
            self.emptied += 1;
        } else {
            self.deferred.push(at);
        }
    }
}

#[cfg(test)]
mod tests;
