//! The drill screen's text prompts: notes (backdated with `@HH:MM`), skip
//! reasons, status updates (a CAN draft in a multi-line editor), handoffs,
//! and the releases an incident names. `esc` keeps a draft for later.

use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

use super::DrillScreen;
use crate::core::incident::draft_update;
use crate::core::plan::StepKind;
use crate::core::roles::Role;
use crate::core::session::Command;
use crate::core::timing::backdated;
use crate::tui::app::{Cmd, Effect, Now};
use crate::tui::keymap::Action;
use crate::tui::widgets::field::{new_field, text};

/// What a prompt is collecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A note for the timeline.
    Note,
    /// Why the step is skipped.
    Skip,
    /// A status update for the channel.
    Status,
    /// Who takes over a role.
    Handoff(Role),
    /// The live release, as the team names it.
    NameLive,
    /// The release production was rolled back to.
    RevertTo,
    /// Why a failed check is accepted anyway (the verifier's call).
    Override,
}

/// Number of draft slots, one per prompt kind.
pub const KINDS: usize = 7;

impl PromptKind {
    /// The kinds whose drafts are journaled as notes when leaving.
    pub const KEPT: [Self; 3] = [Self::Note, Self::Skip, Self::Status];

    /// The draft slot of this kind.
    pub fn index(self) -> usize {
        match self {
            Self::Note => 0,
            Self::Skip => 1,
            Self::Status => 2,
            Self::Handoff(_) => 3,
            Self::NameLive => 4,
            Self::RevertTo => 5,
            Self::Override => 6,
        }
    }

    /// The prompt's title.
    pub fn title(self, channel: Option<&str>) -> String {
        match self {
            Self::Note => "note (start with @14:02 if it happened earlier)".to_owned(),
            Self::Skip => "why skip this step?".to_owned(),
            Self::Status => format!("status update for {}", channel.unwrap_or("the agreed channel")),
            Self::Handoff(role) => format!("who takes over as {role}?"),
            Self::NameLive => "which release is live? (from the ledger)".to_owned(),
            Self::RevertTo => "which release did production go back to?".to_owned(),
            Self::Override => "the check failed: why accept it anyway?".to_owned(),
        }
    }

    /// The kind in words, for notices.
    pub fn label(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Skip => "skip reason",
            Self::Status => "status update",
            Self::Handoff(_) => "handoff",
            Self::NameLive => "live release",
            Self::RevertTo => "release rolled back to",
            Self::Override => "override reason",
        }
    }

    /// The keymap context: the update editor is multi-line (Ctrl-S posts).
    pub fn context(self) -> &'static str {
        if self == Self::Status { "editor" } else { "prompt" }
    }
}

impl DrillScreen {
    /// Opens the prompt of `kind`, bringing back its draft or starting one
    /// (a CAN update drafted from live state; a release prefilled).
    pub(super) fn open(&mut self, kind: PromptKind, now: Now) {
        self.flash = None;
        self.prompt = Some(kind);
        if self.drafts[kind.index()].is_some() && !matches!(kind, PromptKind::Handoff(_)) {
            return;
        }
        let runbook = &self.live.runbook;
        let mut field = new_field(&kind.title(runbook.channel.as_deref()), "type, then enter");
        match kind {
            PromptKind::Status => {
                field = new_field(&kind.title(runbook.channel.as_deref()), "");
                field.insert_str(draft_update(&self.live.session, runbook, now.wall));
            }
            // The runbook's release, selected: enter keeps it, typing replaces it.
            PromptKind::NameLive => {
                field.insert_str(runbook.live());
                field.select_all();
            }
            PromptKind::RevertTo => {
                field.insert_str(runbook.known_good());
                field.select_all();
            }
            _ => {}
        }
        self.seeds[kind.index()] = Some(text(&field));
        self.drafts[kind.index()] = Some(field);
    }

    pub(super) fn handle_prompt(
        &mut self,
        kind: PromptKind,
        action: Option<Action>,
        key: KeyEvent,
        now: Now,
    ) -> Vec<Effect> {
        match action {
            Some(Action::Submit | Action::Save) => {
                let body = self.drafts[kind.index()].as_ref().map(text).unwrap_or_default();
                let Some(effects) = self.submit(kind, body, now) else { return Vec::new() };
                self.prompt = None;
                self.drafts[kind.index()] = None;
                if kind == PromptKind::Skip { self.after_step(effects) } else { effects }
            }
            Some(Action::Cancel) => {
                self.prompt = None;
                self.flash = None;
                if PromptKind::KEPT.contains(&kind)
                    && self.drafts[kind.index()].as_ref().is_some_and(|d| !text(d).is_empty())
                {
                    self.flash = Some(format!("{} draft kept: open it again to finish", kind.label()));
                }
                Vec::new()
            }
            _ => {
                if let Some(field) = &mut self.drafts[kind.index()] {
                    field.input(key);
                }
                Vec::new()
            }
        }
    }

    /// Applies what a prompt collected; `None` (with a notice) when refused.
    fn submit(&mut self, kind: PromptKind, body: String, now: Now) -> Option<Vec<Effect>> {
        match kind {
            PromptKind::Note => match backdated(&body, now.wall) {
                Some((at, text)) => self.apply(Command::AddNoteAt(text, at), now),
                None => self.apply(Command::AddNote(body), now),
            },
            PromptKind::Skip => self.apply(Command::SkipStep(body), now),
            PromptKind::Status => {
                let mut effects = self.apply(Command::PostStatus(body.clone()), now)?;
                if let (Some(argv), Some(posted)) = (&self.live.runbook.notify, self.live.session.events.last()) {
                    effects.push(Effect::Cmd(Cmd::Notify { seq: posted.seq, argv: argv.clone(), text: body }));
                }
                Some(effects)
            }
            PromptKind::Handoff(role) => self.apply(Command::Handoff(role, body), now),
            PromptKind::Override => self.override_check(body, now),
            PromptKind::NameLive | PromptKind::RevertTo => {
                let (command, step) = if kind == PromptKind::NameLive {
                    (Command::NameLive(body), StepKind::Trigger)
                } else {
                    (Command::RevertTo(body), StepKind::Revert)
                };
                let mut effects = self.apply(command, now)?;
                if self.live.session.active().is_some_and(|i| self.live.session.steps[i].plan.kind == step) {
                    effects.extend(self.apply(Command::ToggleItem(self.selected), now).unwrap_or_default());
                }
                Some(effects)
            }
        }
    }

    /// The field of the open prompt, if any.
    pub(super) fn prompt_field(&self) -> Option<(PromptKind, &TextArea<'static>)> {
        self.prompt.and_then(|k| self.drafts[k.index()].as_ref().map(|f| (k, f)))
    }
}
