//! The drill screen: big clock, time-box, the current step and its owner,
//! the five steps with their times, the checklist, roles and notes. The
//! same screen runs a live incident, led by the wall clock. It maps keys to
//! core commands and draws state; every rule is in `core::session`.

mod band;
mod choices;
mod choose;
mod draft;
mod feed;
mod feed_view;
mod follow_view;
mod kept;
mod keys;
mod modal;
mod news;
mod overlays;
mod prompt;
mod run;
mod run_view;
mod sensors_view;
mod signals;
mod submit;
mod view;

pub use modal::{Chooser, Modal};
use prompt::KINDS;
pub use prompt::PromptKind;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::core::runbook::{Warning, warnings};
use crate::core::session::Command;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::context::{Ctx, Now};
use crate::tui::live::Live;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::field::{paste, text};

/// The drill screen's state.
#[derive(Debug)]
pub struct DrillScreen {
    /// The running session.
    pub live: Live,
    selected: usize,
    /// What is open over the screen, if anything: one at a time.
    modal: Modal,
    /// Typed but not yet submitted text per prompt kind: `esc` keeps it.
    drafts: [Option<TextArea<'static>>; KINDS],
    /// The text a prompt opened with (a drafted update, a prefilled
    /// release): a draft still equal to it holds nothing typed.
    seeds: [Option<String>; KINDS],
    /// Last drill's promises still to ask about ("done?").
    followups: Vec<String>,
    /// The command output pane.
    pane: run::Pane,
    /// A one-line notice until the next key.
    flash: Option<String>,
    /// "interrupted at HH:MM:SS UTC for MM:SS", shown until the next key.
    banner: Option<String>,
    /// The note just added, to say it was kept, until the next key.
    kept: Option<kept::NoteKept>,
    /// Inject cards fired and waiting to be shown, oldest first.
    cards: Vec<usize>,
    /// Read-only commands `R` still has to run in this step, in order.
    queue: Vec<usize>,
    /// A different decision picked in the chooser, waiting for enter.
    pending_decision: Option<crate::core::incident::Decision>,
    /// Monotonic ms until which the prompt `enter` opened takes no key.
    settle_until_ms: Option<u64>,
    /// A release the runbook does not name, typed once and waiting for a
    /// second enter (`core::session::confirm_release`).
    waiting_release: Option<String>,
    /// Monotonic ms of the last key handled: a question that opens on its
    /// own after it takes no key for its first [`choices::SETTLE_MS`].
    last_key_ms: u64,
}

impl DrillScreen {
    /// The screen over a started session; a runbook warning that bears on
    /// the rollback itself shows on the first frame, and the decision
    /// chooser opens while nothing is decided (drills rehearse it too).
    pub fn new(live: Live) -> Self {
        let flash = warnings(&live.runbook, &live.header.runbook_text)
            .into_iter()
            .find(|w| matches!(w, Warning::KnownGoodIsLive | Warning::MigrationNotBackwardCompatible))
            .map(|w| format!("runbook: {w}"));
        let undecided = live.session.awaits_decision();
        let modal = if undecided && live.read_only.is_none() { Modal::Choose(Chooser::Decision) } else { Modal::None };
        let selected = live.session.next_to_do().unwrap_or(0);
        let mut screen = Self {
            live,
            selected,
            modal,
            drafts: Default::default(),
            seeds: Default::default(),
            followups: Vec::new(),
            pane: run::Pane::default(),
            flash,
            banner: None,
            kept: None,
            cards: Vec::new(),
            queue: Vec::new(),
            pending_decision: None,
            settle_until_ms: None,
            waiting_release: None,
            last_key_ms: 0,
        };
        if screen.modal != Modal::None {
            screen.opening();
        }
        screen
    }

    /// What a fresh session asks first, one after another: an incident's
    /// severity (when the runbook sets none), then the decision.
    pub(super) fn opening(&mut self) {
        let s = &self.live.session;
        self.modal = if self.live.is_incident() && s.severity.is_none() {
            Modal::Choose(Chooser::Severity)
        } else if s.decision.is_none() {
            Modal::Choose(Chooser::Decision)
        } else {
            Modal::None
        };
        if self.modal == Modal::None {
            self.close();
        }
    }

    /// The keymap context of the screen under any modal: the one whose
    /// keys its hints name (pause, decide, run).
    pub(super) fn base_context(&self) -> KeyContext {
        if self.live.is_incident() { KeyContext::Incident } else { KeyContext::Drill }
    }

    /// The keymap context of what is in front.
    pub fn context(&self) -> KeyContext {
        match &self.modal {
            Modal::Prompt(kind) => kind.context(),
            Modal::Ask(_) | Modal::Unchecked(_) | Modal::FlagsOff(_) => KeyContext::Confirm,
            Modal::FollowUp => KeyContext::Followup,
            Modal::Inject(_) => KeyContext::Notice,
            Modal::Choose(Chooser::Decision) => KeyContext::Decide,
            Modal::Choose(Chooser::Handoff) => KeyContext::Handoff,
            Modal::Choose(Chooser::Severity) => KeyContext::Severity,
            Modal::None if self.live.read_only.is_some() => KeyContext::Follow,
            Modal::None if self.live.is_incident() => KeyContext::Incident,
            Modal::None => KeyContext::Drill,
        }
    }

    /// The modal in front, for drawing.
    pub fn modal(&self) -> &Modal {
        &self.modal
    }

    /// Closes the modal; an inject card waiting, or a promise from last
    /// time still to ask, comes next.
    fn close(&mut self) {
        self.modal = if let Some(card) = self.cards.first() {
            Modal::Inject(*card)
        } else if self.followups.is_empty() {
            Modal::None
        } else {
            // Opened by no key of its own: keys typed for what was before
            // (a person mid-way through "n" for a note) must not answer
            // "done?", which is recorded.
            self.settle_until_ms = Some(self.last_key_ms + choices::QUESTION_SETTLE_MS);
            Modal::FollowUp
        };
    }

    /// Handles an action in the current context.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        (self.banner, self.kept) = (None, None);
        self.last_key_ms = now.mono_ms;
        match self.modal.clone() {
            Modal::Prompt(kind) => self.handle_prompt(kind, action, key, now),
            Modal::Ask(ask) => self.handle_ask(ask, action, now),
            Modal::FollowUp => self.handle_followup(action, now),
            Modal::Inject(index) => match action {
                Some(Action::Back) => match self.live.apply(Command::AckInject(index), now) {
                    // Pressed as it appeared: the card stays up to be read.
                    Err(crate::core::session::SessionError::CardJustShown) => Vec::new(),
                    result => {
                        self.cards.retain(|c| *c != index);
                        self.close();
                        match result {
                            Ok(cmd) => vec![Effect::Cmd(cmd)],
                            Err(e) => {
                                self.flash = Some(e.to_string());
                                Vec::new()
                            }
                        }
                    }
                },
                _ => Vec::new(),
            },
            Modal::Choose(chooser) => self.handle_chooser(chooser, action, now),
            Modal::Unchecked(_) => match action {
                Some(Action::Yes) => self.complete(true, false, now),
                Some(Action::No) => {
                    self.close();
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Modal::FlagsOff(_) => match action {
                Some(Action::Yes) => self.complete(true, true, now),
                Some(Action::No) => {
                    self.close();
                    Vec::new()
                }
                _ => Vec::new(),
            },
            Modal::None => self.handle_main(action, now),
        }
    }

    /// Shows `text` on the state line until the next key (empty: nothing).
    pub fn notice(&mut self, text: String) {
        if !text.is_empty() {
            self.flash = Some(text);
        }
    }

    /// Shows the interruption a resume recorded, until the next key.
    pub fn interrupted(&mut self, text: String) {
        self.banner = Some(text);
        self.offer_rerun();
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
        // The cursor goes to the next thing to do, not the top.
        self.selected = self.live.session.next_to_do().unwrap_or(0);
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
                // A backdated draft is kept as typed: its time is not checked on the way out.
                let note = format!("unsent {}: {}", kind.label(), body);
                effects.extend(self.apply(Command::AddNote(note), now).unwrap_or_default());
            }
        }
        self.modal = Modal::None;
        effects
    }

    /// A paste is text, never keys: into the open prompt, else it opens a
    /// note holding it (a pasted newline never completes a step).
    pub fn paste(&mut self, text: &str, now: Now) {
        if self.modal == Modal::None && self.live.read_only.is_none() {
            self.open(PromptKind::Note, now);
        }
        if let Modal::Prompt(kind) = self.modal
            && let Some(field) = self.drafts[kind.index()].as_mut()
        {
            paste(field, text, kind != PromptKind::Status);
        }
    }

    /// Draws the screen: the writer's, or a follower's read-only view.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        if self.live.read_only.is_some() {
            follow_view::render(self, ctx, area, buf);
        } else {
            view::render(self, ctx, area, buf);
        }
    }
}
