//! Drawing the debrief: the head with the total, a window of the parts
//! around the focused one when they do not all fit, the flash and hints.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::{ANSWERS, CHOICE, DebriefScreen, PRESSURE_QUESTION, Part};
use crate::core::duration::clock;
use crate::core::sanitize::sanitize_line;
use crate::tui::context::Ctx;
use crate::tui::widgets::field::set_focus;
use crate::tui::widgets::hints::render_hints;

impl DebriefScreen {
    /// Draws the form; on short terminals only the focused field.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let s = &self.live.session;
        let total = s.elapsed_ms(self.live.t_ms(ctx.now));
        let flash_text = self.flash.as_ref().or(self.live.journal_error.as_ref());
        let banner = self.banner.as_ref().filter(|_| flash_text.is_none());
        let [head, body, flash, foot] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(u16::from(flash_text.is_some() || banner.is_some())),
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
        // wrapped question and answers, the action items their list; when
        // they do not all fit, a window of them around the focused one.
        let question = textwrap::wrap(PRESSURE_QUESTION, usize::from(body.width.saturating_sub(2)).max(10)).len();
        let choice = u16::try_from(question).unwrap_or(3).saturating_add(3);
        let rows = self.actions.rows(self.candidates());
        let need = |part: usize| match self.part(part) {
            Part::Choice => choice,
            Part::Actions => self.actions.height(rows.len()),
            Part::Field(_) => 3,
        };
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
            .map(|p| match (fill, self.part(p)) {
                (true, Part::Field(0)) => Constraint::Fill(2),
                (true, Part::Field(_)) => Constraint::Fill(1),
                (_, Part::Actions) => Constraint::Min(need(p)),
                _ => Constraint::Length(need(p)),
            })
            .collect();
        let areas = Layout::vertical(heights).split(body);
        for (part, area) in window.zip(areas.iter()) {
            if self.part(part) == Part::Actions {
                self.actions.render(&rows, self.focus == part, t, *area, buf);
            } else {
                self.render_part(ctx, part, *area, buf);
            }
        }
        if let Some(f) = flash_text {
            Line::styled(format!(" ✖ {}", sanitize_line(f)), t.bad).render(flash, buf);
        } else if let Some(b) = banner {
            Line::styled(format!(" ⚠ {}", sanitize_line(b)), t.warn).render(flash, buf);
        }
        render_hints(ctx, self.context(), foot, buf);
    }

    fn render_part(&self, ctx: &Ctx<'_>, part: usize, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let focused = self.focus == part;
        if self.skipped(part) {
            let text = if part == CHOICE {
                "   pressure question: not asked (this release migrates nothing) "
            } else {
                "   why that answer: not asked "
            };
            Block::bordered().title(text).border_style(t.border).render(area, buf);
            return;
        }
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
        let Part::Field(i) = self.part(part) else { return };
        let mut field = self.fields[i].clone();
        set_focus(&mut field, self.kinds[i].title(), focused, t);
        field.render(area, buf);
    }
}
