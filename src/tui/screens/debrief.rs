//! The debrief: what slowed us down, the one prevention step, and the
//! pressure question with yes / no / unsure and why. Ctrl-S writes it all.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::core::duration::clock;
use crate::core::event::{Debrief, PressureAnswer};
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::tui::app::{Ctx, Effect, Now};
use crate::tui::keymap::Action;
use crate::tui::live::Live;
use crate::tui::screens::saved::SavedScreen;
use crate::tui::widgets::field::{new_field, paste, set_focus, text};
use crate::tui::widgets::hints::render_hints;

/// The pressure question, word for word (DOMAIN.md).
pub const PRESSURE_QUESTION: &str =
    "If a database migration had been the problem, could we still roll back without losing data?";

const ANSWERS: [PressureAnswer; 3] = [PressureAnswer::Yes, PressureAnswer::No, PressureAnswer::Unsure];
const TITLES: [&str; 3] = ["what slowed us down?", "the one prevention step", "why?"];
/// Focus index of the yes / no / unsure choice, between the text fields.
const CHOICE: usize = 2;

/// The debrief screen's state.
#[derive(Debug)]
pub struct DebriefScreen {
    /// The session, every step done or skipped.
    pub live: Live,
    fields: [TextArea<'static>; 3],
    answer: usize,
    focus: usize,
    flash: Option<String>,
}

impl DebriefScreen {
    /// A debrief for a session whose steps are all done or skipped.
    pub fn new(live: Live) -> Self {
        let fields = [
            new_field(TITLES[0], "the ledger was two clicks away; the deploy job needed a manual approval..."),
            new_field(TITLES[1], "one concrete step: a health check, a migration guard, a missing test"),
            new_field(TITLES[2], "the legacy column still exists, so the old code reads new rows"),
        ];
        Self { live, fields, answer: 2, focus: 0, flash: None }
    }

    fn field_index(&self) -> Option<usize> {
        match self.focus {
            0 | 1 => Some(self.focus),
            3 => Some(2),
            _ => None,
        }
    }

    /// Handles an action, or types the key into the focused field.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        match (action, self.field_index()) {
            (Some(Action::NextField), _) => self.focus = (self.focus + 1) % 4,
            (Some(Action::PrevField), _) => self.focus = (self.focus + 3) % 4,
            (Some(Action::Save), _) => return self.save(now),
            (Some(Action::Quit), _) => return vec![Effect::QuitMenu],
            (Some(Action::Left), None) => self.answer = (self.answer + 2) % 3,
            (Some(Action::Right), None) => self.answer = (self.answer + 1) % 3,
            (_, Some(i)) => {
                self.fields[i].input(key);
            }
            (_, None) => match key.code {
                KeyCode::Char('y') => self.answer = 0,
                KeyCode::Char('n') => self.answer = 1,
                KeyCode::Char('u') => self.answer = 2,
                _ => {}
            },
        }
        Vec::new()
    }

    fn save(&mut self, now: Now) -> Vec<Effect> {
        let debrief = Debrief {
            slowed_us_down: text(&self.fields[0]),
            prevention: text(&self.fields[1]),
            pressure: ANSWERS[self.answer],
            pressure_why: text(&self.fields[2]),
        };
        let mut effects = Vec::new();
        for command in [Command::Debrief(debrief), Command::Finish] {
            match self.live.apply(command, now) {
                Ok(cmd) => effects.push(Effect::Cmd(cmd)),
                Err(e) => {
                    self.flash = Some(e.to_string());
                    return effects;
                }
            }
        }
        effects.extend(SavedScreen::save(self.live.journal_path.clone(), Box::new(self.live.journal()), None));
        effects
    }

    /// Pastes into the focused text field.
    pub fn paste(&mut self, text: &str) {
        if let Some(i) = self.field_index() {
            paste(&mut self.fields[i], text, false);
        }
    }

    /// Draws the form.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let s = &self.live.session;
        let total = s.elapsed_ms(self.live.t_ms(ctx.now));
        let [head, f0, f1, choice, f2, flash, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(2),
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" firedrill · DEBRIEF · ", t.title),
                Span::styled(sanitize_line(self.live.runbook.title()), t.title),
            ]),
            Line::styled(
                format!(
                    " total {} of a {} time-box · every step done or skipped",
                    clock(total),
                    clock(self.live.runbook.timebox.as_ms())
                ),
                t.dim,
            ),
        ])
        .render(head, buf);
        for (i, area) in [(0, f0), (1, f1), (2, f2)] {
            let mut field = self.fields[i].clone();
            let focus = if i == 2 { 3 } else { i };
            set_focus(&mut field, TITLES[i], self.focus == focus, t);
            field.render(area, buf);
        }
        let focused = self.focus == CHOICE;
        let mut spans = vec![Span::raw(" ")];
        for (i, a) in ANSWERS.iter().enumerate() {
            let mark = if i == self.answer { "(•) " } else { "( ) " };
            spans.push(Span::styled(format!("{mark}{}   ", a.key()), if i == self.answer { t.active } else { t.text }));
        }
        let title = if focused { " › pressure question (←/→ or y/n/u) " } else { "   pressure question " };
        Paragraph::new(vec![Line::from(PRESSURE_QUESTION), Line::from(spans)])
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title).border_style(if focused { t.active } else { t.border }))
            .render(choice, buf);
        if let Some(f) = self.flash.as_ref().or(self.live.journal_error.as_ref()) {
            Line::styled(format!(" ✖ {}", sanitize_line(f)), t.bad).render(flash, buf);
        }
        render_hints(ctx, "debrief", foot, buf);
    }
}
