//! The debrief: what slowed us down, the one prevention step, the pressure
//! question with yes / no / unsure and why, for incidents the impact, root
//! cause and detection, and the lessons (what went well, what went wrong,
//! where we got lucky). Ctrl-S writes it all.
//! Leaving by any other path journals what was typed, so nothing is lost.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

mod actions;
mod draft;
mod fields;
mod view;

use actions::ActionsPart;
use fields::Field;

use crate::core::actions::candidates;
use crate::core::event::{Debrief, PressureAnswer};
use crate::core::postmortem::{Input, generated_summary};
use crate::core::runbook::PressureQuestion;
use crate::core::session::Command;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::context::Now;
use crate::tui::live::Live;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::field::{new_field, paste, text};

/// The pressure question, word for word (docs/domain.md, "The five steps").
pub const PRESSURE_QUESTION: &str =
    "If a database migration had been the problem, could we still roll back without losing data?";

const ANSWERS: [PressureAnswer; 3] = [PressureAnswer::Yes, PressureAnswer::No, PressureAnswer::Unsure];
/// Focus order: slowed (0), prevention (1), the choice (2), then the other
/// text fields of [`Field::all`], then the action items.
const CHOICE: usize = 2;

/// What sits at a focus position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Field(usize),
    Choice,
    Actions,
}

/// The debrief screen's state.
#[derive(Debug)]
pub struct DebriefScreen {
    /// The session, every step done or skipped.
    pub live: Live,
    fields: Vec<TextArea<'static>>,
    kinds: Vec<Field>,
    answer: Option<usize>,
    actions: ActionsPart,
    focus: usize,
    flash: Option<String>,
    /// A resumed debrief: when it was interrupted and for how long.
    banner: Option<String>,
    /// Whether the pressure question leads, is asked, or is skipped.
    pressure: PressureQuestion,
}

impl DebriefScreen {
    /// A debrief for a session whose steps are all done or skipped,
    /// prefilled with a debrief already journaled (a resumed session).
    pub fn new(live: Live) -> Self {
        let kinds = Field::all(live.is_incident());
        let generated = generated_summary(&Input {
            header: &live.header,
            runbook: &live.runbook,
            session: &live.session,
            history: &[],
        });
        let mut fields: Vec<TextArea<'static>> = kinds
            .iter()
            .map(|k| new_field(k.title(), if *k == Field::Summary { &generated } else { k.example() }))
            .collect();
        let mut answer = None;
        let mut actions = ActionsPart::default();
        if let Some(d) = &live.session.debrief {
            for (field, kind) in fields.iter_mut().zip(&kinds) {
                field.insert_str(kind.value(d));
            }
            answer = ANSWERS.iter().position(|a| *a == d.pressure).filter(|_| !d.pressure_unanswered);
            actions.reviews.clone_from(&d.actions);
        }
        // A release that migrates data starts on the pressure question.
        let pressure = PressureQuestion::of(live.runbook.migration.as_ref());
        let focus = if pressure == PressureQuestion::Lead { CHOICE } else { 0 };
        Self { live, fields, kinds, answer, actions, focus, flash: None, banner: None, pressure }
    }

    /// True when focus position `part` is left out: the pressure question
    /// and its why, for a release that migrates nothing.
    pub(super) fn skipped(&self, part: usize) -> bool {
        self.pressure == PressureQuestion::Skip
            && match self.part(part) {
                Part::Choice => true,
                Part::Field(i) => self.kinds.get(i) == Some(&Field::Why),
                Part::Actions => false,
            }
    }

    /// The next focus position after `from` by `step` (1 on, `parts - 1`
    /// back), over the skipped ones.
    fn next_focus(&self, from: usize, step: usize) -> usize {
        let mut p = from;
        for _ in 0..self.parts() {
            p = (p + step) % self.parts();
            if !self.skipped(p) {
                break;
            }
        }
        p
    }

    /// Says the session was interrupted (a resumed debrief), until it is saved.
    pub fn interrupted(&mut self, text: String) {
        self.banner = Some(text);
    }

    /// Number of focus positions: the text fields, the choice, the actions.
    fn parts(&self) -> usize {
        self.fields.len() + 2
    }

    /// What sits at focus position `part`.
    fn part(&self, part: usize) -> Part {
        match part {
            CHOICE => Part::Choice,
            p if p < CHOICE => Part::Field(p),
            p if p == self.parts() - 1 => Part::Actions,
            p => Part::Field(p - 1),
        }
    }

    /// The keymap context: the text fields, the action list, or its editor.
    pub fn context(&self) -> KeyContext {
        match self.part(self.focus) {
            Part::Actions if self.actions.editing() => KeyContext::ActionEdit,
            Part::Actions => KeyContext::DebriefActions,
            _ => KeyContext::Debrief,
        }
    }

    /// Handles an action, or types the key into the focused field.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        let part = self.part(self.focus);
        // The open editor takes every key but save and quit; the list leaves
        // the form's own keys (save, quit, flags, tab) to the form.
        let to_actions = if self.actions.editing() {
            !matches!(action, Some(Action::Save | Action::Quit))
        } else {
            !matches!(
                action,
                Some(
                    Action::Save | Action::Quit | Action::Flags | Action::Help | Action::NextField | Action::PrevField
                )
            )
        };
        if part == Part::Actions && to_actions {
            let (candidates, start) = (self.candidates(), self.live.header.started_at.date_naive());
            let before = self.actions.reviews.len();
            self.flash = self.actions.handle(action, key, &candidates, start).err();
            // A decision kept on an action item is journaled at once.
            let decided = matches!(action, Some(Action::ToggleItem | Action::Submit)) && self.flash.is_none();
            return if decided || self.actions.reviews.len() != before { self.save_draft(now) } else { Vec::new() };
        }
        match (action, part) {
            // Each field left is journaled (a draft), so a crash loses at most the one being typed.
            (Some(Action::NextField), _) => {
                self.focus = self.next_focus(self.focus, 1);
                return self.save_draft(now);
            }
            (Some(Action::PrevField), _) => {
                self.focus = self.next_focus(self.focus, self.parts() - 1);
                return self.save_draft(now);
            }
            (Some(Action::Save), _) => return self.save(now),
            (Some(Action::Quit), _) => return vec![Effect::QuitMenu],
            (Some(Action::Flags), _) => return vec![Effect::Flags],
            (Some(Action::Help), _) => return vec![Effect::Help],
            (Some(Action::Left), Part::Choice) => self.answer = Some(self.answer.map_or(2, |a| (a + 2) % 3)),
            (Some(Action::Right), Part::Choice) => self.answer = Some(self.answer.map_or(0, |a| (a + 1) % 3)),
            (_, Part::Field(i)) => {
                crate::tui::widgets::field::input(&mut self.fields[i], key);
            }
            (_, _) => match key.code {
                KeyCode::Char('y') => self.answer = Some(0),
                KeyCode::Char('n') => self.answer = Some(1),
                KeyCode::Char('u') => self.answer = Some(2),
                _ => return Vec::new(),
            },
        }
        // An answer to the pressure question is journaled as it is given.
        if part == Part::Choice && self.answer.is_some() { self.save_draft(now) } else { Vec::new() }
    }

    /// The debrief as typed, without the action items' review.
    fn typed(&self) -> Debrief {
        let mut d = Debrief {
            pressure: self.answer.map_or(PressureAnswer::Unsure, |a| ANSWERS[a]),
            pressure_unanswered: self.answer.is_none(),
            ..Debrief::default()
        };
        for (kind, field) in self.kinds.iter().zip(&self.fields) {
            *kind.slot(&mut d) = text(field);
        }
        d
    }

    /// The debrief to journal: as typed, with the action item reviews,
    /// the one open in the editor included when the core accepts it.
    fn debrief(&self) -> Debrief {
        let start = self.live.header.started_at.date_naive();
        Debrief { actions: self.actions.drafted(start), ..self.typed() }
    }

    /// What the session proposes with the debrief as typed so far.
    fn candidates(&self) -> Vec<crate::core::actions::ActionItem> {
        candidates(&self.live.session, Some(&self.typed()), self.live.header.started_at)
    }

    fn save(&mut self, now: Now) -> Vec<Effect> {
        // Saving keeps the action item being edited, or says why it cannot.
        if let Err(e) = self.actions.submit(self.live.header.started_at.date_naive()) {
            self.flash = Some(e);
            return Vec::new();
        }
        // Every field may be left empty: the postmortem says "not written"
        // (or, for the pressure question, "not answered").
        let mut effects = Vec::new();
        // A save refused once (and tried again) records the debrief once.
        let debrief = self.debrief();
        let commands = if self.live.session.debrief.as_ref() == Some(&debrief) {
            vec![Command::Finish]
        } else {
            vec![Command::Debrief(Box::new(debrief)), Command::Finish]
        };
        for command in commands {
            match self.live.apply(command, now) {
                Ok(cmd) => effects.push(Effect::Cmd(cmd)),
                Err(e) => {
                    self.flash = Some(e.to_string());
                    return effects;
                }
            }
        }
        effects.push(Effect::Save);
        effects
    }

    /// Journals the debrief as typed so far (an unanswered pressure
    /// question is recorded as not answered), when anything was typed or
    /// chosen and it differs from the last one journaled.
    pub fn save_draft(&mut self, now: Now) -> Vec<Effect> {
        let d = self.debrief();
        let typed = self.answer.is_some() || !d.actions.is_empty() || self.fields.iter().any(|f| !text(f).is_empty());
        if !typed || self.live.session.debrief.as_ref() == Some(&d) {
            return Vec::new();
        }
        self.live.apply(Command::Debrief(Box::new(d)), now).map(|cmd| vec![Effect::Cmd(cmd)]).unwrap_or_default()
    }

    /// Pastes into the focused text field (or the action item's editor).
    pub fn paste(&mut self, text: &str) {
        match self.part(self.focus) {
            Part::Field(i) => paste(&mut self.fields[i], text, false),
            Part::Actions => self.actions.paste(text),
            Part::Choice => {}
        }
    }
}
