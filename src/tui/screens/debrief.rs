//! The debrief: what slowed us down, the one prevention step, the pressure
//! question with yes / no / unsure and why, for incidents the impact, root
//! cause and detection, and the lessons (what went well, what went wrong,
//! where we got lucky). Ctrl-S writes it all.
//! Leaving by any other path journals what was typed, so nothing is lost.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

mod fields;

use fields::Field;

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
/// Focus order: slowed (0), prevention (1), the choice (2), then the other
/// text fields of [`Field::all`].
const CHOICE: usize = 2;

/// The debrief screen's state.
#[derive(Debug)]
pub struct DebriefScreen {
    /// The session, every step done or skipped.
    pub live: Live,
    fields: Vec<TextArea<'static>>,
    kinds: Vec<Field>,
    answer: Option<usize>,
    focus: usize,
    flash: Option<String>,
}

impl DebriefScreen {
    /// A debrief for a session whose steps are all done or skipped,
    /// prefilled with a debrief already journaled (a resumed session).
    pub fn new(live: Live) -> Self {
        let kinds = Field::all(live.is_incident());
        let mut fields: Vec<TextArea<'static>> = kinds.iter().map(|k| new_field(k.title(), k.example())).collect();
        let mut answer = None;
        if let Some(d) = &live.session.debrief {
            for (field, kind) in fields.iter_mut().zip(&kinds) {
                field.insert_str(kind.value(d));
            }
            answer = ANSWERS.iter().position(|a| *a == d.pressure);
        }
        Self { live, fields, kinds, answer, focus: 0, flash: None }
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
        let mut d =
            Debrief { pressure: self.answer.map_or(PressureAnswer::Unsure, |a| ANSWERS[a]), ..Debrief::default() };
        for (kind, field) in self.kinds.iter().zip(&self.fields) {
            *kind.slot(&mut d) = text(field);
        }
        d
    }

    fn save(&mut self, now: Now) -> Vec<Effect> {
        if self.answer.is_none() {
            self.focus = CHOICE;
            self.flash = Some("answer the pressure question first: y, n or u".to_owned());
            return Vec::new();
        }
        let mut effects = Vec::new();
        // A save refused once (and tried again) records the debrief once.
        let debrief = self.debrief();
        let commands = if self.live.session.debrief.as_ref() == Some(&debrief) {
            vec![Command::Finish]
        } else {
            vec![Command::Debrief(debrief), Command::Finish]
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
        let flash_text = self.flash.as_ref().or(self.live.journal_error.as_ref());
        let [head, body, flash, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(u16::from(flash_text.is_some())),
            Constraint::Length(1),
        ])
        .areas(area);
        let field = format!(" · field {}/{} · tab moves", self.focus + 1, self.parts());
        let timebox = clock(self.live.runbook.timebox.as_ms());
        let (long, short) = if self.live.is_incident() {
            (format!(" duration {}{field}", clock(total)), format!(" {}{field}", clock(total)))
        } else {
            let early = if s.steps_finished() { "" } else { " · ended early" };
            (
                format!(" total {} of a {timebox} time-box{early}{field}", clock(total)),
                format!(" {}/{timebox}{field}", clock(total)),
            )
        };
        // Narrow, the figures shrink so the field and the key that moves stay.
        let info = if long.chars().count() <= usize::from(area.width) { long } else { short };
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" firedrill · DEBRIEF · ", t.title),
                Span::styled(sanitize_line(self.live.runbook.title()), t.title),
            ]),
            Line::styled(info, t.dim),
        ])
        .render(head, buf);
        // Every text field needs three rows to show a line, the choice its
        // wrapped question and answers; when they do not all fit, a window
        // of them around the focused one.
        let question = textwrap::wrap(PRESSURE_QUESTION, usize::from(body.width.saturating_sub(2)).max(10)).len();
        let choice = u16::try_from(question).unwrap_or(3).saturating_add(3);
        let need = |part: usize| if part == CHOICE { choice } else { 3 };
        let total: u16 = (0..self.parts()).map(need).sum();
        let window = if body.height >= total + 2 {
            0..self.parts()
        } else {
            let mut start = self.focus;
            let mut used = need(self.focus);
            let mut end = self.focus + 1;
            while end < self.parts() && used + need(end) <= body.height {
                used += need(end);
                end += 1;
            }
            while start > 0 && used + need(start - 1) <= body.height {
                start -= 1;
                used += need(start);
            }
            start..end
        };
        let fill = window.len() == self.parts();
        let heights: Vec<Constraint> = window
            .clone()
            .map(|p| match (fill, p) {
                (true, 0) => Constraint::Fill(2),
                (true, p) if p != CHOICE => Constraint::Fill(1),
                (_, p) => Constraint::Length(need(p)),
            })
            .collect();
        let areas = Layout::vertical(heights).split(body);
        for (part, area) in window.zip(areas.iter()) {
            self.render_part(ctx, part, *area, buf);
        }
        if let Some(f) = flash_text {
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
        set_focus(&mut field, self.kinds[i].title(), focused, t);
        field.render(area, buf);
    }
}
