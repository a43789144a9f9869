//! The debrief: what slowed us down, the one prevention step, and the
//! pressure question with yes / no / unsure and why. Ctrl-S writes it all.
//! Leaving by any other path journals what was typed, so nothing is lost.

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
const TITLES: [&str; 5] = [
    "what slowed us down?",
    "the one prevention step",
    "why that answer?",
    "users affected (who, how many)",
    "duration of impact",
];
const EXAMPLES: [&str; 5] = [
    "e.g. the ledger was two clicks away",
    "e.g. a health check in the deploy job",
    "e.g. the legacy column still exists",
    "e.g. about 4% of new sign-ups, web only",
    "e.g. 14:02 to 14:31 UTC, 29 minutes",
];
/// Focus order: slowed (0), prevention (1), the choice (2), why (3), then
/// for incidents users affected (4) and duration of impact (5).
const CHOICE: usize = 2;

/// The debrief screen's state.
#[derive(Debug)]
pub struct DebriefScreen {
    /// The session, every step done or skipped.
    pub live: Live,
    fields: Vec<TextArea<'static>>,
    answer: Option<usize>,
    focus: usize,
    flash: Option<String>,
}

impl DebriefScreen {
    /// A debrief for a session whose steps are all done or skipped,
    /// prefilled with a debrief already journaled (a resumed session).
    pub fn new(live: Live) -> Self {
        let count = if live.is_incident() { 5 } else { 3 };
        let mut fields: Vec<TextArea<'static>> = (0..count).map(|i| new_field(TITLES[i], EXAMPLES[i])).collect();
        let mut answer = None;
        if let Some(d) = &live.session.debrief {
            let values = [&d.slowed_us_down, &d.prevention, &d.pressure_why, &d.users_affected, &d.impact_duration];
            for (field, value) in fields.iter_mut().zip(values) {
                field.insert_str(value);
            }
            answer = ANSWERS.iter().position(|a| *a == d.pressure);
        }
        Self { live, fields, answer, focus: 0, flash: None }
    }

    /// Number of focus positions: the text fields plus the choice.
    fn parts(&self) -> usize {
        self.fields.len() + 1
    }

    /// The text field at a focus position (`None` for the choice).
    fn field_at(part: usize) -> Option<usize> {
        match part {
            CHOICE => None,
            p if p < CHOICE => Some(p),
            p => Some(p - 1),
        }
    }

    fn field_index(&self) -> Option<usize> {
        Self::field_at(self.focus)
    }

    /// Handles an action, or types the key into the focused field.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        match (action, self.field_index()) {
            (Some(Action::NextField), _) => self.focus = (self.focus + 1) % self.parts(),
            (Some(Action::PrevField), _) => self.focus = (self.focus + self.parts() - 1) % self.parts(),
            (Some(Action::Save), _) => return self.save(now),
            (Some(Action::Quit), _) => return vec![Effect::QuitMenu],
            (Some(Action::Flags), _) => return vec![Effect::Flags],
            (Some(Action::Left), None) => self.answer = Some(self.answer.map_or(2, |a| (a + 2) % 3)),
            (Some(Action::Right), None) => self.answer = Some(self.answer.map_or(0, |a| (a + 1) % 3)),
            (_, Some(i)) => {
                crate::tui::widgets::field::input(&mut self.fields[i], key);
            }
            (_, None) => match key.code {
                KeyCode::Char('y') => self.answer = Some(0),
                KeyCode::Char('n') => self.answer = Some(1),
                KeyCode::Char('u') => self.answer = Some(2),
                _ => {}
            },
        }
        Vec::new()
    }

    fn debrief(&self) -> Debrief {
        let field = |i: usize| self.fields.get(i).map(text).unwrap_or_default();
        Debrief {
            slowed_us_down: field(0),
            prevention: field(1),
            pressure: self.answer.map_or(PressureAnswer::Unsure, |a| ANSWERS[a]),
            pressure_why: field(2),
            users_affected: field(3),
            impact_duration: field(4),
        }
    }

    fn save(&mut self, now: Now) -> Vec<Effect> {
        if self.answer.is_none() {
            self.focus = CHOICE;
            self.flash = Some("answer the pressure question first: y, n or u".to_owned());
            return Vec::new();
        }
        let mut effects = Vec::new();
        for command in [Command::Debrief(self.debrief()), Command::Finish] {
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

    /// Journals the debrief as typed so far (an unanswered pressure
    /// question is recorded as unsure), when anything was typed or chosen.
    pub fn save_draft(&mut self, now: Now) -> Vec<Effect> {
        let d = self.debrief();
        let typed = self.answer.is_some() || self.fields.iter().any(|f| !text(f).is_empty());
        if !typed || self.live.session.debrief.as_ref() == Some(&d) {
            return Vec::new();
        }
        self.live.apply(Command::Debrief(d), now).map(|cmd| vec![Effect::Cmd(cmd)]).unwrap_or_default()
    }

    /// Pastes into the focused text field.
    pub fn paste(&mut self, text: &str) {
        if let Some(i) = self.field_index() {
            paste(&mut self.fields[i], text, false);
        }
    }

    /// Draws the form; on short terminals only the focused field.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let s = &self.live.session;
        let total = s.elapsed_ms(self.live.t_ms(ctx.now));
        let [head, body, flash, foot] = Layout::vertical([
            Constraint::Length(2),
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
                if self.live.is_incident() {
                    format!(" duration {} · field {}/{} · tab moves", clock(total), self.focus + 1, self.parts())
                } else {
                    format!(
                        " total {} of a {} time-box{} · field {}/{} · tab moves",
                        clock(total),
                        clock(self.live.runbook.timebox.as_ms()),
                        if s.steps_finished() { "" } else { " · ended early" },
                        self.focus + 1,
                        self.parts()
                    )
                },
                t.dim,
            ),
        ])
        .render(head, buf);
        // Every text field needs three rows to show a line; when they do not
        // all fit, only the focused one is drawn (with its n/m above).
        let fields = u16::try_from(self.fields.len()).unwrap_or(5);
        if body.height < 5 + 3 * fields + 1 {
            self.render_part(ctx, self.focus, body, buf);
        } else {
            let mut heights = vec![Constraint::Fill(2), Constraint::Fill(1), Constraint::Length(5)];
            heights.extend((3..self.parts()).map(|_| Constraint::Fill(1)));
            let parts = Layout::vertical(heights).split(body);
            for (i, part) in parts.iter().enumerate() {
                self.render_part(ctx, i, *part, buf);
            }
        }
        if let Some(f) = self.flash.as_ref().or(self.live.journal_error.as_ref()) {
            Line::styled(format!(" ✖ {}", sanitize_line(f)), t.bad).render(flash, buf);
        }
        render_hints(ctx, "debrief", foot, buf);
    }

    fn render_part(&self, ctx: &Ctx<'_>, part: usize, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let focused = self.focus == part;
        if part == CHOICE {
            let mut spans = vec![Span::raw(" ")];
            for (i, a) in ANSWERS.iter().enumerate() {
                let chosen = self.answer == Some(i);
                let mark = if chosen { "(•) " } else { "( ) " };
                spans.push(Span::styled(format!("{mark}{}   ", a.key()), if chosen { t.active } else { t.text }));
            }
            let title = if focused { " › pressure question: y / n / u " } else { "   pressure question " };
            Paragraph::new(vec![Line::from(PRESSURE_QUESTION), Line::from(spans)])
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(title).border_style(if focused { t.active } else { t.border }))
                .render(area, buf);
            return;
        }
        let Some(i) = Self::field_at(part) else { return };
        let mut field = self.fields[i].clone();
        set_focus(&mut field, TITLES[i], focused, t);
        field.render(area, buf);
    }
}
