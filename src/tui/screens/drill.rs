//! The drill screen: big clock, time-box, the current step and its owner,
//! the five steps with their times, the checklist, roles and notes. The
//! same screen runs a live incident, led by the wall clock.

mod band;
mod choose;
mod prompt;
mod run;
mod run_view;
mod view;

use prompt::KINDS;
pub use prompt::PromptKind;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::core::incident::Decision;
use crate::core::plan::{StepKind, name_live_item};
use crate::core::review::{Summary, drills_of, promised, runbook_key};
use crate::core::roles::Role;
use crate::core::runbook::{Warning, warnings};
use crate::core::session::{Command, SessionError};
use crate::tui::app::{Ctx, Effect, Now};
use crate::tui::keymap::Action;
use crate::tui::live::Live;
use crate::tui::widgets::field::{paste, text};

/// A one-key chooser over the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chooser {
    /// Roll back, fix forward or restore data.
    Decision,
    /// Which role to hand over.
    Handoff,
}

/// The drill screen's state.
#[derive(Debug)]
pub struct DrillScreen {
    /// The running session.
    pub live: Live,
    selected: usize,
    prompt: Option<PromptKind>,
    /// Typed but not yet submitted text per prompt kind: `esc` keeps it.
    drafts: [Option<TextArea<'static>>; KINDS],
    /// The text a prompt opened with (a drafted update, a prefilled
    /// release): a draft still equal to it holds nothing typed.
    seeds: [Option<String>; KINDS],
    confirm_unchecked: Option<usize>,
    choosing: Option<Chooser>,
    /// Last drill's promises still to ask about ("done?").
    followups: Vec<String>,
    /// A yes/no question before running a command.
    asking: Option<run::Ask>,
    /// The command output pane.
    pane: run::Pane,
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
        // An incident decides first: the chooser opens on the trigger step.
        let choosing = (live.is_incident() && live.session.decision.is_none()).then_some(Chooser::Decision);
        Self {
            live,
            selected: 0,
            prompt: None,
            drafts: Default::default(),
            seeds: Default::default(),
            confirm_unchecked: None,
            choosing,
            followups: Vec::new(),
            asking: None,
            pane: run::Pane::default(),
            flash,
        }
    }

    /// `prompt` or `confirm` while one is open, else `incident` or `drill`.
    pub fn context(&self) -> &'static str {
        if let Some(kind) = self.prompt {
            kind.context()
        } else if self.asking.is_some() {
            "confirm"
        } else if !self.followups.is_empty() {
            "followup"
        } else if let Some(chooser) = self.choosing {
            match chooser {
                Chooser::Decision => "decide",
                Chooser::Handoff => "handoff",
            }
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
        if let Some(ask) = self.asking {
            return self.handle_ask(ask, action, now);
        }
        if let Some(item) = self.followups.first().cloned() {
            return match action {
                Some(a @ (Action::Yes | Action::No)) => {
                    self.followups.remove(0);
                    self.apply(Command::FollowUp { item, done: a == Action::Yes }, now).unwrap_or_default()
                }
                Some(Action::Back) => {
                    self.followups.clear();
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        if let Some(chooser) = self.choosing {
            return self.handle_chooser(chooser, action, now);
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
                        | Action::Decide
                        | Action::Handoff
                        | Action::Run
                )
            )
        {
            self.flash = Some(format!("read-only: {holder}"));
            return Vec::new();
        }
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.items_len().saturating_sub(1)),
            Some(Action::ToggleItem) => return self.toggle(now),
            Some(Action::CompleteStep) => {
                match self.live.apply(Command::CompleteStep { leave_unchecked: false }, now) {
                    Ok(cmd) => return self.after_step(vec![Effect::Cmd(cmd)]),
                    Err(SessionError::Unchecked(open)) => self.confirm_unchecked = Some(open.len()),
                    Err(e) => self.flash = Some(e.to_string()),
                }
            }
            Some(Action::SkipStep) if self.live.session.active().is_some() => self.open(PromptKind::Skip, now),
            Some(Action::AddNote) => self.open(PromptKind::Note, now),
            Some(Action::StatusUpdate) => self.open(PromptKind::Status, now),
            Some(Action::Flags) => return vec![Effect::Flags],
            Some(Action::Run) => self.ask_run(),
            Some(Action::ScrollUp) => self.pane.scroll = self.pane.scroll.saturating_add(5),
            Some(Action::ScrollDown) => self.pane.scroll = self.pane.scroll.saturating_sub(5),
            Some(Action::Decide) => self.choosing = Some(Chooser::Decision),
            Some(Action::Handoff) => self.choosing = Some(Chooser::Handoff),
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

    fn handle_chooser(&mut self, chooser: Chooser, action: Option<Action>, now: Now) -> Vec<Effect> {
        let pick = match action {
            Some(Action::First) => 0,
            Some(Action::Second) => 1,
            Some(Action::Third) => 2,
            Some(Action::Back) => {
                self.choosing = None;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        self.choosing = None;
        match chooser {
            Chooser::Decision => self.apply(Command::Decide(Decision::ALL[pick]), now).unwrap_or_default(),
            Chooser::Handoff => {
                self.open(PromptKind::Handoff(Role::ALL[pick]), now);
                Vec::new()
            }
        }
    }

    /// Checks or unchecks the selected item. In an incident, checking the
    /// live-release or redeploy item first asks which release it was.
    fn toggle(&mut self, now: Now) -> Vec<Effect> {
        if self.needs_override() {
            self.ask_override(now);
            return Vec::new();
        }
        let session = &self.live.session;
        if let Some(i) = session.active().filter(|_| self.live.is_incident()) {
            let step = &session.steps[i];
            let unchecked = step.checked.get(self.selected) == Some(&false);
            let name_live = step.plan.kind == StepKind::Trigger && self.selected == name_live_item(&self.live.runbook);
            let revert = step.plan.kind == StepKind::Revert && self.selected == 0;
            if unchecked && (name_live || revert) {
                self.open(if name_live { PromptKind::NameLive } else { PromptKind::RevertTo }, now);
                return Vec::new();
            }
        }
        self.apply(Command::ToggleItem(self.selected), now).unwrap_or_default()
    }

    /// The saved sessions arrived: keep this runbook's earlier drills for
    /// the splits, and at the start of a fresh drill ask about what the
    /// previous drill promised.
    pub fn history_arrived(&mut self, history: &[Summary]) {
        let key = runbook_key(&self.live.header.runbook_path);
        let started = self.live.header.started_at;
        let id = &self.live.header.session_id;
        self.live.earlier = drills_of(history, &key)
            .into_iter()
            .filter(|s| s.started_at < started && s.session_id != *id)
            .cloned()
            .collect();
        let session = &self.live.session;
        let fresh =
            session.followups.is_empty() && session.active() == Some(0) && !session.steps[0].checked.contains(&true);
        if !self.live.is_incident() && fresh {
            self.followups = promised(&self.live.earlier, &key);
        }
    }

    /// Shows `text` on the state line until the next key (empty: nothing).
    pub fn notice(&mut self, text: String) {
        if !text.is_empty() {
            self.flash = Some(text);
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
        for kind in PromptKind::KEPT {
            let body = self.drafts[kind.index()].take().map(|d| text(&d)).unwrap_or_default();
            let seed = self.seeds[kind.index()].take().unwrap_or_default();
            if !body.is_empty() && body != seed.trim() {
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
