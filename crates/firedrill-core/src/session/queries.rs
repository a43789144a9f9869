//! Questions the screens, the postmortem and review ask of a session:
//! which step is active, how long things took, what is still off.

use super::{Note, Run, Session, StepStatus};
use crate::vocab::{FlagState, StepKind};

impl Session {
    /// True for a format 1 journal, written before firedrill ran a
    /// runbook's commands or re-derived steps: its decisions changed no
    /// step, and a check ticked by hand was all it could record.
    pub fn recorded_before_commands(&self) -> bool {
        !self.rederive
    }

    /// True while nothing has been done: the first step is active, none of
    /// its items is checked and no follow-up of last time's promises was
    /// answered (when a drill asks about those promises).
    pub fn is_fresh(&self) -> bool {
        self.followups.is_empty() && self.active() == Some(0) && !self.steps[0].checked.contains(&true)
    }

    /// True while the session waits for its decision at the first step
    /// (the chooser opens on its own then).
    pub fn awaits_decision(&self) -> bool {
        self.decision.is_none() && self.active() == Some(0)
    }

    /// The redactor every recorded event goes through (the built-in
    /// patterns and the runbook's `redact`), for text the shell keeps
    /// outside the journal (the draft being typed).
    pub fn redactor(&self) -> &crate::redact::Redactor {
        &self.spec.redactor
    }

    /// The notes, in order, each read from the event that recorded it.
    pub fn notes(&self) -> impl DoubleEndedIterator<Item = Note<'_>> + '_ {
        self.notes.iter().filter_map(|&at| super::event_at(&self.events, at).and_then(Note::of))
    }

    /// The notes in the order they happened: a note written after the fact
    /// sits at its `@HH:MM` time (the journal keeps them in the order written).
    /// Only where a note went back are positions sorted (4 bytes a note);
    /// no note is copied.
    pub fn notes_by_time(&self) -> impl Iterator<Item = Note<'_>> + '_ {
        let key = |at: &super::Position| {
            super::event_at(&self.events, *at).and_then(Note::of).map(|n| (n.happened_at.unwrap_or(n.at), n.seq))
        };
        let order: std::borrow::Cow<'_, [super::Position]> = if self.notes.is_sorted_by_key(key) {
            std::borrow::Cow::Borrowed(&self.notes)
        } else {
            let mut sorted = self.notes.clone();
            sorted.sort_by_key(key);
            std::borrow::Cow::Owned(sorted)
        };
        (0..order.len()).filter_map(move |k| super::event_at(&self.events, order[k]).and_then(Note::of))
    }

    /// The text of status update `u` as posted, read from the event that
    /// recorded it (empty when no event of this session does).
    pub fn update_text(&self, u: &super::PostedUpdate) -> &str {
        match self.events.get(u.event).map(|e| &e.kind) {
            Some(crate::event::EventKind::StatusPosted { text, .. }) => text,
            _ => "",
        }
    }

    /// How many notes were written.
    pub fn note_count(&self) -> usize {
        self.notes.len()
    }

    /// Index of the active step, if any.
    pub fn active(&self) -> Option<usize> {
        self.steps.iter().position(|s| s.status == StepStatus::Active)
    }

    /// True once every step is done or skipped.
    pub fn steps_finished(&self) -> bool {
        self.started_at.is_some()
            && self.steps.iter().all(|s| matches!(s.status, StepStatus::Done | StepStatus::Skipped))
    }

    /// True once the session is in its debrief: every step done or
    /// skipped, or the session stopped early (a resume opens the debrief).
    pub fn in_debrief(&self) -> bool {
        self.steps_finished() || self.stopped_ms.is_some()
    }

    /// True while the drill clock is paused.
    pub fn is_paused(&self) -> bool {
        self.pauses.is_open()
    }

    /// Active (unpaused) milliseconds since the start, at monotonic `now_ms`;
    /// stops counting when the last step ends (the debrief is not drill
    /// time) or at the finish, whichever comes first.
    pub fn elapsed_ms(&self, now_ms: u64) -> u64 {
        let end = self.work_end_ms().map_or(now_ms, |f| f.min(now_ms));
        self.pauses.active_between(0, end)
    }

    /// Monotonic ms when the team's work stopped: the last step's end, an
    /// early stop, or the finish; `None` while it goes on. The debrief
    /// after it is no session time, and no promise can be kept in it.
    pub fn work_end_ms(&self) -> Option<u64> {
        self.steps_end_ms().or(self.stopped_ms).or(self.finished_ms)
    }

    /// Monotonic ms when the last step ended, once every step has.
    pub fn steps_end_ms(&self) -> Option<u64> {
        if self.steps_finished() { self.steps.iter().filter_map(|s| s.ended_ms).max() } else { None }
    }

    /// A step's active time so far (or in total once ended), pauses excluded.
    pub fn step_actual_ms(&self, index: usize, now_ms: u64) -> Option<u64> {
        let s = self.steps.get(index)?;
        let start = s.started_ms?;
        let end = s.ended_ms.unwrap_or(self.stopped_ms.or(self.finished_ms).map_or(now_ms, |f| f.min(now_ms)));
        Some(self.pauses.active_between(start, end))
    }

    /// The step of `kind`.
    pub fn step(&self, kind: StepKind) -> Option<&super::StepState> {
        self.steps.iter().find(|s| s.plan.kind == kind)
    }

    /// The id of item `item` of step `kind` in the session's plan, when
    /// the plan gives ids (every plan since format 3): events name items by it.
    pub fn item_id(&self, kind: StepKind, item: usize) -> Option<Box<str>> {
        self.step(kind).and_then(|s| s.plan.items.get(item)).filter(|i| !i.id.is_empty()).map(|i| i.id.as_str().into())
    }

    /// The index of the item an event names: by its `id` where it gives
    /// one and the plan has it, else the position it gives.
    pub fn item_index(&self, kind: StepKind, item: u32, id: Option<&str>) -> usize {
        id.and_then(|id| self.step(kind).and_then(|s| s.plan.find_id(id))).unwrap_or(item as usize)
    }

    /// The plan derived under `decision`, boxed for the record.
    pub(super) fn recorded_plan(&self, decision: crate::vocab::Decision) -> Option<Vec<crate::plan::StepPlan>> {
        self.plans_for(decision).map(<[_]>::to_vec)
    }

    /// The latest run of an item's command, if any.
    pub fn last_run(&self, step: StepKind, item: usize) -> Option<&Run> {
        self.runs.iter().rev().find(|r| r.step == step && r.item == item)
    }

    /// Monotonic ms each status update was posted, with the monotonic ms
    /// its typed promise of the next one falls due (if it made one).
    pub fn update_promises(&self) -> Vec<(u64, Option<u64>)> {
        self.updates.iter().map(|u| (u.t_ms, promise_due_ms(u))).collect()
    }

    /// Monotonic ms the next status update is due: the last update's typed
    /// promise; before any update, one cadence after the start; `None`
    /// when the last update promised nothing.
    pub fn next_update_due_ms(&self) -> Option<u64> {
        // The last update's promise alone: every frame asks, however many there are.
        self.updates.last().map_or(Some(self.update_every_ms), promise_due_ms)
    }

    /// True when the last status update was a final one: it says the
    /// incident is resolved, or it came after the team's work ended; it
    /// owes no next update.
    pub fn last_update_final(&self) -> bool {
        self.updates.last().is_some_and(|u| {
            crate::incident::is_final(self.update_text(u)) || self.work_end_ms().is_some_and(|end| u.t_ms >= end)
        })
    }

    /// The names of kill switches turned off and neither restored nor waived.
    pub fn flags_left_off(&self) -> Vec<String> {
        self.flags.iter().filter(|f| f.state == FlagState::Safe).map(|f| f.name.clone()).collect()
    }
}

/// Monotonic ms the promise of status update `u` falls due, if it made one.
fn promise_due_ms(u: &super::PostedUpdate) -> Option<u64> {
    u.next_at.map(|n| {
        let ahead = u64::try_from((n - u.at).num_milliseconds()).unwrap_or(0);
        u.t_ms.saturating_add(ahead)
    })
}
