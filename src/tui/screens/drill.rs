//! The drill screen: big clock, time-box, the current step and its owner,
//! the five steps with their times, the checklist, roles and notes. The
//! same screen runs a live incident, led by the wall clock.

mod band;
mod view;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::core::runbook::{Warning, warnings};
use crate::core::session::{Command, SessionError};
use crate::tui::app::{Ctx, Effect, Now};
use crate::tui::keymap::Action;
use crate::tui::live::Live;
use crate::tui::widgets::field::{new_field, paste, text};

/// What the one-line prompt is collecting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A note for the timeline.
    Note,
    /// Why the step is skipped.
    Skip,
    /// A status update for the channel.
    Status,
}

impl PromptKind {
    const ALL: [Self; 3] = [Self::Note, Self::Skip, Self::Status];

    fn index(self) -> usize {
        self as usize
    }

    fn title(self, channel: Option<&str>) -> String {
        match self {
            Self::Note => "note".to_owned(),
            Self::Skip => "why skip this step?".to_owned(),
            Self::Status => format!("status update for {}", channel.unwrap_or("the agreed channel")),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Skip => "skip reason",
            Self::Status => "status update",
        }
    }
}

/// The drill screen's state.
#[derive(Debug)]
pub struct DrillScreen {
    /// The running session.
    pub live: Live,
    selected: usize,
    prompt: Option<PromptKind>,
    /// Typed but not yet submitted text per prompt kind: `esc` keeps it.
    drafts: [Option<TextArea<'static>>; 3],
    confirm_unchecked: Option<usize>,
    flash: Option<String>,
}

impl DrillScreen {
    /// The screen over a started session; a runbook warning that bears on
    /// the rollback itself (nothing to revert to, a migration that is not
    /// backward compatible) shows on the first frame.
    pub fn new(live: Live) -> Self {
        let flash = warnings(&live.runbook, &live.header.runbook_text)
            .into_iter()
            .find(|w| matches!(w, Warning::KnownGoodIsLive | Warning::MigrationNotBackwardCompatible))
            .map(|w| format!("runbook: {w}"));
        Self { live, selected: 0, prompt: None, drafts: [None, None, None], confirm_unchecked: None, flash }
    }

    /// `prompt` or `confirm` while one is open, else `incident` or `drill`.
    pub fn context(&self) -> &'static str {
        if self.prompt.is_some() {
            "prompt"
        } else if self.confirm_unchecked.is_some() {
            "confirm"
        } else if self.live.is_incident() {
            "incident"
        } else {
            "drill"
        }
    }

    /// Handles an action in the current context.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        if let Some(kind) = self.prompt {
            return self.handle_prompt(kind, action, key, now);
        }
        if self.confirm_unchecked.is_some() {
            return match action {
                Some(Action::Yes) => {
                    self.confirm_unchecked = None;
                    let effects = self.apply(Command::CompleteStep { leave_unchecked: true }, now).unwrap_or_default();
                    self.after_step(effects)
                }
                Some(Action::No) => {
                    self.confirm_unchecked = None;
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        self.flash = None;
        if let Some(holder) = &self.live.read_only
            && matches!(
                action,
                Some(
                    Action::ToggleItem
                        | Action::CompleteStep
                        | Action::SkipStep
                        | Action::AddNote
                        | Action::StatusUpdate
                        | Action::Pause
                )
            )
        {
            self.flash = Some(format!("read-only: {holder}"));
            return Vec::new();
        }
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.items_len().saturating_sub(1)),
            Some(Action::ToggleItem) => return self.apply(Command::ToggleItem(self.selected), now).unwrap_or_default(),
            Some(Action::CompleteStep) => {
                match self.live.apply(Command::CompleteStep { leave_unchecked: false }, now) {
                    Ok(cmd) => return self.after_step(vec![Effect::Cmd(cmd)]),
                    Err(SessionError::Unchecked(open)) => self.confirm_unchecked = Some(open.len()),
                    Err(e) => self.flash = Some(e.to_string()),
                }
            }
            Some(Action::SkipStep) if self.live.session.active().is_some() => self.open(PromptKind::Skip),
            Some(Action::AddNote) => self.open(PromptKind::Note),
            Some(Action::StatusUpdate) => self.open(PromptKind::Status),
            Some(Action::Pause) => {
                let command = if self.live.session.is_paused() { Command::Resume } else { Command::Pause };
                return self.apply(command, now).unwrap_or_default();
            }
            Some(Action::Help) => return vec![Effect::Help],
            Some(Action::Quit) => return vec![Effect::QuitMenu],
            _ => {}
        }
        Vec::new()
    }

    fn handle_prompt(&mut self, kind: PromptKind, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        match action {
            Some(Action::Submit) => {
                let body = self.drafts[kind.index()].as_ref().map(text).unwrap_or_default();
                let command = match kind {
                    PromptKind::Note => Command::AddNote(body),
                    PromptKind::Skip => Command::SkipStep(body),
                    PromptKind::Status => Command::PostStatus(body),
                };
                match self.apply(command, now) {
                    Some(effects) => {
                        self.prompt = None;
                        self.drafts[kind.index()] = None;
                        if kind == PromptKind::Skip { self.after_step(effects) } else { effects }
                    }
                    None => Vec::new(),
                }
            }
            Some(Action::Cancel) => {
                // The draft stays: reopening the prompt brings it back.
                self.prompt = None;
                self.flash = None;
                if self.drafts[kind.index()].as_ref().is_some_and(|d| !text(d).is_empty()) {
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

    /// Shows `text` on the state line until the next key (empty: nothing).
    pub fn notice(&mut self, text: String) {
        if !text.is_empty() {
            self.flash = Some(text);
        }
    }

    fn open(&mut self, kind: PromptKind) {
        self.flash = None;
        self.prompt = Some(kind);
        let slot = &mut self.drafts[kind.index()];
        if slot.is_none() {
            *slot = Some(new_field(&kind.title(self.live.runbook.channel.as_deref()), "type, then enter"));
        }
    }

    fn items_len(&self) -> usize {
        self.live.session.active().map_or(0, |i| self.live.session.steps[i].plan.items.len())
    }

    /// Applies a command; on refusal shows why and returns `None`.
    fn apply(&mut self, command: Command, now: Now) -> Option<Vec<Effect>> {
        match self.live.apply(command, now) {
            Ok(cmd) => Some(vec![Effect::Cmd(cmd)]),
            Err(e) => {
                self.flash = Some(e.to_string());
                None
            }
        }
    }

    /// After a step ends: reset the cursor; after the last, go to the debrief.
    fn after_step(&mut self, mut effects: Vec<Effect>) -> Vec<Effect> {
        self.selected = 0;
        if self.live.session.steps_finished() {
            effects.push(Effect::Debrief);
        }
        effects
    }

    /// Journals every unsent draft as a note ("unsent status update: ..."),
    /// so leaving, a signal or a hang-up never loses typed text.
    pub fn save_drafts(&mut self, now: Now) -> Vec<Effect> {
        let mut effects = Vec::new();
        for kind in PromptKind::ALL {
            let body = self.drafts[kind.index()].take().map(|d| text(&d)).unwrap_or_default();
            if !body.is_empty() {
                effects.extend(
                    self.apply(Command::AddNote(format!("unsent {}: {body}", kind.label())), now).unwrap_or_default(),
                );
            }
        }
        self.prompt = None;
        effects
    }

    /// Pastes into the open prompt only: a pasted newline never completes a step.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = self.prompt.and_then(|k| self.drafts[k.index()].as_mut()) {
            paste(field, text, true);
        }
    }

    /// Draws the screen.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        view::render(self, ctx, area, buf);
    }
}
