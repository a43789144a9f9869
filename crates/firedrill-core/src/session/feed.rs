//! The feed: notes and status updates in the order they happened (a note
//! written after the fact sits at its `@HH:MM` time), kept as an index
//! while events are folded, so a screen reads the rows it shows and never
//! the rest: a frame costs the same at 100 events and at a million.

use std::ops::Range;

use chrono::{DateTime, Utc};

use super::{Position, Session, event_at, position};
use crate::event::{Event, EventKind};

/// The feed's index: positions in `events` of the notes and status
/// updates, in the order they happened. Events only ever arrive, so the
/// index only grows; a backdated note is inserted at its time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Feed {
    rows: Vec<Position>,
}

/// One row of the feed, read from the event that recorded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedRow<'a> {
    /// When it happened (a backdated note's time, else when recorded), UTC.
    pub at: DateTime<Utc>,
    /// True for a note written after the fact (`@HH:MM`).
    pub backdated: bool,
    /// True for a status update, false for a note.
    pub update: bool,
    /// The text as recorded (sanitize before display).
    pub text: &'a str,
    /// The event that recorded it.
    pub seq: u64,
}

impl<'a> FeedRow<'a> {
    /// The feed row `e` records, if it records one.
    pub fn of(e: &'a Event) -> Option<Self> {
        match &e.kind {
            EventKind::NoteAdded { text, happened_at } => Some(Self {
                at: happened_at.unwrap_or(e.at),
                backdated: happened_at.is_some(),
                update: false,
                text,
                seq: e.seq,
            }),
            EventKind::StatusPosted { text, .. } => {
                Some(Self { at: e.at, backdated: false, update: true, text, seq: e.seq })
            }
            _ => None,
        }
    }
}

/// The order of the feed: the time it happened, then when it was
/// recorded, notes before updates, then the journal's order.
fn key(e: &Event) -> Option<(DateTime<Utc>, u64, bool, u64)> {
    FeedRow::of(e).map(|r| (r.at, e.t_ms, r.update, e.seq))
}

impl Feed {
    /// Adds `e`, the event that will be `events[at]` (`events` holds every
    /// event before it), when it is a note or a status update.
    pub(super) fn add(&mut self, events: &[Event], e: &Event, at: usize) {
        let Some(new) = key(e) else { return };
        let after = |i: &Position| event_at(events, *i).and_then(key).is_some_and(|k| k <= new);
        // Nearly always the newest: only a backdated note goes back.
        if self.rows.last().is_none_or(after) {
            self.rows.push(position(at));
        } else {
            let pos = self.rows.partition_point(after);
            self.rows.insert(pos, position(at));
        }
    }
}

impl Session {
    /// How many rows the feed holds: notes plus status updates.
    pub fn feed_len(&self) -> usize {
        self.feed.rows.len()
    }

    /// Feed row `n` (from 0, oldest first), read from its event.
    pub fn feed_row(&self, n: usize) -> Option<FeedRow<'_>> {
        self.feed.rows.get(n).and_then(|&i| event_at(&self.events, i)).and_then(FeedRow::of)
    }

    /// Feed rows `range` (oldest first; clamped to the feed), each read
    /// from its event: only those.
    pub fn feed_rows(&self, range: Range<usize>) -> impl DoubleEndedIterator<Item = FeedRow<'_>> + '_ {
        let end = range.end.min(self.feed.rows.len());
        let start = range.start.min(end);
        self.feed.rows[start..end].iter().filter_map(|&i| event_at(&self.events, i).and_then(FeedRow::of))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use crate::event::{Mode, Stamp};
    use crate::roles::Roles;
    use crate::runbook::Runbook;
    use crate::session::{Command, Session};

    const RUNBOOK: &str = include_str!("../../../../runbooks/onboarding-signup.toml");

    /// Every note and update sorted the way the pane sorted them before
    /// the index: by the time it happened, then when recorded, notes first.
    fn sorted(s: &Session) -> Vec<u64> {
        let mut all: Vec<(chrono::DateTime<chrono::Utc>, u64, bool, u64)> = s
            .notes()
            .map(|n| (n.happened_at.unwrap_or(n.at), n.t_ms, false, n.seq))
            .chain(s.updates.iter().map(|u| (u.at, u.t_ms, true, u.seq)))
            .collect();
        all.sort_by_key(|k| (k.0, k.1, k.2));
        all.into_iter().map(|k| k.3).collect()
    }

    #[test]
    fn the_feed_keeps_notes_and_updates_in_the_order_they_happened() {
        let rb = Runbook::parse("r.toml", RUNBOOK).expect("runbook");
        let start = chrono::Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("date");
        let mut s = Session::new(Mode::Drill, &rb);
        let at = |min: i64, ms: u64| Stamp { at: start + chrono::Duration::minutes(min), t_ms: ms };
        s.apply(Command::Start(Roles::new("A", "B", "C")), at(0, 0)).expect("start");
        let script = [
            (1, Command::AddNote("first".into())),
            (2, Command::PostStatus("Rolling back. Next update at 14:40 UTC".into())),
            (3, Command::AddNote("@14:01 backdated to the first note's minute".into())),
            (4, Command::AddNote("@13:30 before the start".into())),
            (5, Command::PostStatus("Still rolling back.".into())),
            (6, Command::AddNote("@14:05 at the same time as the update".into())),
            (7, Command::AddNote("last".into())),
        ];
        for (min, cmd) in script {
            s.apply(cmd, at(min, u64::try_from(min).expect("small") * 60_000)).expect("apply");
        }
        let fed: Vec<u64> = s.feed_rows(0..usize::MAX).map(|r| r.seq).collect();
        assert_eq!(fed, sorted(&s));
        let texts: Vec<&str> = s.feed_rows(0..3).map(|r| r.text).collect();
        assert_eq!(texts, ["before the start", "first", "backdated to the first note's minute"]);
        assert_eq!(s.feed_len(), 7);
        assert!(s.feed_row(0).is_some_and(|r| r.backdated && !r.update));
        assert!(s.feed_row(7).is_none());
        assert_eq!(s.feed_rows(5..99).count(), 2, "a range past the end is cut at the end");
        // Replay builds the same index as the live session did.
        let replayed = Session::replay(Mode::Drill, &rb, &s.events);
        assert_eq!(replayed.feed_rows(0..usize::MAX).map(|r| r.seq).collect::<Vec<_>>(), fed);
    }
}
