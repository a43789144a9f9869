//! Inject cards in a session: each fires once, when its time (active
//! milliseconds since the start) comes or its step starts, and is then
//! acknowledged by the team; both are events, so the postmortem can say
//! how long the team took to respond.

use super::errors::Decided;
use super::{Session, SessionError, StepStatus};
use crate::event::EventKind;
use crate::vocab::StepKind;

use crate::runbook::Inject;

/// Milliseconds a card stays up before enter can acknowledge it.
pub const ACK_AFTER_MS: u64 = 1_000;

/// One inject card and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InjectState {
    /// The card's title.
    pub title: String,
    /// What the team is told.
    pub text: String,
    /// Fires at this many active ms since the start, when set.
    pub at_ms: Option<u64>,
    /// Fires when this step starts, when set.
    pub on: Option<StepKind>,
    /// Monotonic ms it was shown.
    pub fired_ms: Option<u64>,
    /// Monotonic ms it was acknowledged.
    pub acked_ms: Option<u64>,
    /// The check it makes fail once shown, by name.
    pub fail_check: Option<String>,
    /// The kill switch it makes impossible to turn off once shown, by name.
    pub stuck_flag: Option<String>,
    /// The release it makes the probe report once shown (simulated).
    pub probe_reports: Option<String>,
    /// True for a card of the deck given with `--injects`, false for one
    /// of the runbook's own `[[injects]]`.
    pub from_deck: bool,
}

impl InjectState {
    /// The card as the runbook (or, with `from_deck`, the deck) gives it,
    /// not yet fired.
    pub fn of(i: &Inject, from_deck: bool) -> Self {
        let named = |s: &Option<toml::Spanned<String>>| s.as_ref().map(|v| v.get_ref().trim().to_owned());
        Self {
            title: i.title().to_owned(),
            text: i.text.clone(),
            at_ms: i.at.map(crate::duration::HumanDuration::as_ms),
            on: i.on,
            fired_ms: None,
            acked_ms: None,
            fail_check: named(&i.fail_check),
            stuck_flag: named(&i.stuck_flag),
            probe_reports: named(&i.probe_reports),
            from_deck,
        }
    }
}

impl Session {
    /// The cards due at monotonic `now_ms` and not yet shown, in order.
    pub fn due_injects(&self, now_ms: u64) -> Vec<usize> {
        if self.started_at.is_none() || self.finished_ms.is_some() || self.stopped_ms.is_some() {
            return Vec::new();
        }
        let active = self.pauses.active_between(0, now_ms);
        let started = |k: StepKind| self.step(k).is_some_and(|s| s.status != StepStatus::Pending);
        self.injects
            .iter()
            .enumerate()
            .filter(|(_, c)| c.fired_ms.is_none())
            .filter(|(_, c)| c.at_ms.is_some_and(|at| active >= at) || c.on.is_some_and(started))
            .map(|(i, _)| i)
            .collect()
    }

    /// The first card not shown yet, for the facilitator to fire now.
    pub fn next_unfired_inject(&self) -> Option<usize> {
        self.injects.iter().position(|c| c.fired_ms.is_none())
    }

    /// Firing or acknowledging card `index`.
    pub(super) fn inject_command(&self, command: &super::Command, index: usize, t_ms: u64) -> Decided {
        if matches!(command, super::Command::FireInject(_)) {
            self.fire_inject(index)
        } else {
            self.ack_inject(index, t_ms)
        }
    }

    /// Folds a card shown or acknowledged at monotonic `t_ms`.
    pub(super) fn inject_event(&mut self, kind: &EventKind, t_ms: u64) {
        match kind {
            EventKind::InjectFired { index } => {
                if let Some(c) = self.injects.get_mut(*index) {
                    c.fired_ms.get_or_insert(t_ms);
                }
            }
            EventKind::InjectAcknowledged { index } => {
                if let Some(c) = self.injects.get_mut(*index) {
                    c.acked_ms.get_or_insert(t_ms);
                }
            }
            _ => {}
        }
    }

    fn fire_inject(&self, index: usize) -> Decided {
        let card = self.injects.get(index).ok_or(SessionError::NoSuchInject(index))?;
        if card.fired_ms.is_some() {
            return Err(SessionError::NoSuchInject(index));
        }
        Ok((None, EventKind::InjectFired { index }))
    }

    /// A card is acknowledged once, and no sooner than [`ACK_AFTER_MS`]
    /// after it was shown: a key pressed for something else just as it
    /// appears (enter completes a step too) must not dismiss it unread.
    fn ack_inject(&self, index: usize, t_ms: u64) -> Decided {
        let card = self.injects.get(index).ok_or(SessionError::NoSuchInject(index))?;
        let Some(fired) = card.fired_ms.filter(|_| card.acked_ms.is_none()) else {
            return Err(SessionError::NoSuchInject(index));
        };
        if t_ms < fired.saturating_add(ACK_AFTER_MS) {
            return Err(SessionError::CardJustShown);
        }
        Ok((None, EventKind::InjectAcknowledged { index }))
    }
}
