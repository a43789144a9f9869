//! The drill screen's keys when nothing is open over it: each maps to a
//! core command, and where the core asks for more (a release, a reason, a
//! confirmation) the matching prompt or question opens.

use super::choices::release_prompt;
use super::{Chooser, DrillScreen, Modal, PromptKind};
use crate::core::session::{Command, SessionError};
use crate::keymap::Action;
use crate::tui::context::Now;
use crate::tui::screens::effect::Effect;

impl DrillScreen {
    pub(super) fn handle_main(&mut self, action: Option<Action>, now: Now) -> Vec<Effect> {
        self.flash = None;
        if let Some(holder) = &self.live.read_only
            && action.is_some_and(Action::changes_session)
        {
            self.flash = Some(format!("read-only: {holder}"));
            return Vec::new();
        }
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.items_len().saturating_sub(1)),
            Some(Action::ToggleItem) => return self.toggle(now),
            // On an item that names a release, 1 or 2 names the one it offers.
            Some(Action::First | Action::Second) => {
                let n = usize::from(action == Some(Action::Second));
                return self.pick_release(n, now);
            }
            // Enter on an item that names a release opens its prompt; else it completes the step.
            Some(Action::CompleteStep) => match self.live.session.release_asked(self.selected) {
                Some(meaning) => self.open_from_item(release_prompt(meaning), now),
                None => return self.complete(false, false, now),
            },
            Some(Action::SkipStep) if self.live.session.active().is_some() => self.open(PromptKind::Skip, now),
            // The facilitator fires the next card now (drills only: the keymap).
            Some(Action::Inject) => {
                let Some(index) = self.live.session.next_unfired_inject() else {
                    self.flash = Some("no inject card left to fire".to_owned());
                    return Vec::new();
                };
                let effects = self.apply(Command::FireInject(index), now).unwrap_or_default();
                if !effects.is_empty() {
                    self.cards.push(index);
                    self.close();
                }
                return effects;
            }
            Some(Action::Undo) => {
                let effects = self.apply(Command::Undo, now).unwrap_or_default();
                if !effects.is_empty() {
                    self.selected = 0;
                    self.flash = Some("undone: the step is open again".to_owned());
                }
                return effects;
            }
            Some(Action::AddNote) => self.open(PromptKind::Note, now),
            Some(Action::RotateSecret) => self.open(PromptKind::Secret, now),
            Some(Action::StatusUpdate) => self.open(PromptKind::Status, now),
            Some(Action::Flags) => return vec![Effect::Flags],
            Some(Action::Run) => return self.ask_run(now),
            Some(Action::RunAll) => return self.run_all(now),
            Some(Action::Severity) if self.live.is_incident() => self.modal = Modal::Choose(Chooser::Severity),
            // The output pane scrolls by five lines; without one, the notes
            // pane scrolls by one entry, never past the oldest.
            Some(Action::ScrollUp) if self.pane.title.is_empty() => {
                let entries = self.live.session.note_count() + self.live.session.updates.len();
                self.pane.scroll = (self.pane.scroll + 1).min(entries.saturating_sub(1));
            }
            Some(Action::ScrollUp) => self.pane.scroll = self.pane.scroll.saturating_add(5),
            Some(Action::ScrollDown) if self.pane.title.is_empty() => {
                self.pane.scroll = self.pane.scroll.saturating_sub(1);
            }
            Some(Action::ScrollDown) => self.pane.scroll = self.pane.scroll.saturating_sub(5),
            Some(Action::Decide) => {
                self.pending_decision = None;
                self.modal = Modal::Choose(Chooser::Decision);
            }
            Some(Action::Handoff) => self.modal = Modal::Choose(Chooser::Handoff),
            Some(Action::Pause) => {
                let command = if self.live.session.is_paused() { Command::Resume } else { Command::Pause };
                return self.apply(command, now).unwrap_or_default();
            }
            Some(Action::Help) => return vec![Effect::Help],
            // A follower has nothing to keep or finish: q leaves.
            Some(Action::Quit) if self.live.read_only.is_some() => return vec![Effect::Exit(0)],
            Some(Action::Quit) => return vec![Effect::QuitMenu],
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn handle_followup(&mut self, action: Option<Action>, now: Now) -> Vec<Effect> {
        if self.settling(now) {
            // Still typing: the question takes an answer after a pause.
            self.settle_until_ms = Some(now.mono_ms + super::choices::QUESTION_SETTLE_MS);
            return Vec::new();
        }
        let Some(item) = self.followups.first().cloned() else {
            self.close();
            return Vec::new();
        };
        match action {
            Some(a @ (Action::Yes | Action::No)) => {
                self.followups.remove(0);
                self.close();
                self.apply(Command::FollowUp { item, done: a == Action::Yes }, now).unwrap_or_default()
            }
            Some(Action::Back) => {
                self.followups.clear();
                self.close();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Completes the step; the core says what to confirm first.
    /// Completes the step as `enter` does (asking what it asks).
    pub fn complete_step(&mut self, now: Now) -> Vec<Effect> {
        self.complete(false, false, now)
    }

    pub(super) fn complete(&mut self, leave_unchecked: bool, leave_flags_off: bool, now: Now) -> Vec<Effect> {
        self.close();
        match self.live.apply(Command::CompleteStep { leave_unchecked, leave_flags_off }, now) {
            Ok(cmd) => return self.after_step(vec![Effect::Cmd(cmd)]),
            Err(SessionError::Unchecked(open)) => self.modal = Modal::Unchecked(open.len()),
            Err(SessionError::FlagsStillOff(names)) => self.modal = Modal::FlagsOff(names),
            Err(e @ SessionError::FlagsLeftOff(_)) => {
                self.flash = Some(e.to_string());
                return vec![Effect::FlagsThenComplete];
            }
            Err(e) => self.flash = Some(e.to_string()),
        }
        Vec::new()
    }

    /// Once the selected item is checked, the cursor moves on to what is
    /// left to do: ticking a checklist top to bottom takes no cursor key.
    pub(super) fn after_check(&mut self) {
        let s = &self.live.session;
        if s.active().is_some_and(|i| s.steps[i].checked.get(self.selected).copied().unwrap_or(false))
            && let Some(next) = s.next_to_do()
        {
            self.selected = next;
        }
    }

    /// Checks or unchecks the selected item. Where the core asks for more
    /// (the release it names, a reason for a failed check), opens the prompt.
    pub(super) fn toggle(&mut self, now: Now) -> Vec<Effect> {
        match self.live.apply(Command::ToggleItem(self.selected), now) {
            Ok(cmd) => {
                self.after_check();
                vec![Effect::Cmd(cmd)]
            }
            // A prompt opens only on enter: a space meant for a check never
            // opens one that the next keys would land in.
            Err(SessionError::ReleaseNeeded(_)) => {
                self.flash = Some("▲ enter on this item names the release, as the ledger shows it".to_owned());
                Vec::new()
            }
            Err(SessionError::CheckFailed { item }) => {
                self.ask_override(item, now);
                Vec::new()
            }
            Err(SessionError::ReasonToUncheck { item }) => {
                self.open(PromptKind::Uncheck(item), now);
                Vec::new()
            }
            Err(e) => {
                self.flash = Some(e.to_string());
                Vec::new()
            }
        }
    }
}
