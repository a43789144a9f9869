//! Drawing what opens over the drill screen: the one [`Modal`] in front
//! (prompt, chooser, follow-up, confirmations), matched once here as keys
//! are matched once in `DrillScreen::handle`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{DrillScreen, Modal, choose};
use crate::core::sanitize::sanitize_line;
use crate::tui::app::Ctx;
use crate::tui::widgets::popup::render_popup;

pub(super) fn render_overlays(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    match s.modal() {
        Modal::None | Modal::Ask(_) => {}
        Modal::Choose(chooser) => choose::render(s, *chooser, ctx, area, buf),
        Modal::Inject(index) => {
            let Some(card) = s.live.session.injects.get(*index) else { return };
            let inner = render_popup(ctx, "inject: what just went wrong", 72, 9, area, buf);
            Paragraph::new(vec![
                Line::styled(format!("◆ {}", sanitize_line(&card.title)), t.warn),
                Line::default(),
                Line::from(sanitize_line(&card.text)),
                Line::default(),
                Line::from(vec![
                    Span::styled(ctx.keymap.all_keys("notice", crate::tui::keymap::Action::Back), t.key),
                    Span::styled(": acknowledged; the clock keeps running", t.dim),
                ]),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        Modal::FollowUp => {
            let item = s.followups.first().map_or("", String::as_str);
            let inner = render_popup(ctx, "last time you promised", 70, 7, area, buf);
            Paragraph::new(vec![
                Line::styled(sanitize_line(item), t.title),
                Line::default(),
                Line::from(vec![
                    Span::styled(format!("Done? {}", ctx.keymap.yes_no()), t.key),
                    Span::styled("  esc: ask no more", t.dim),
                ]),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        Modal::Prompt(_) => {
            let Some((kind, field)) = s.prompt_field() else { return };
            let title = kind.title(s.live.runbook.channel.as_deref());
            let (width, height) = if kind == super::PromptKind::Status { (78, 12) } else { (70, 8) };
            let inner = render_popup(ctx, &title, width, height, area, buf);
            let [input, error, hint] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1), Constraint::Length(1)]).areas(inner);
            let mut f = field.clone();
            f.remove_block();
            f.set_cursor_style(t.selected);
            f.render(input, buf);
            if let Some(flash) = &s.flash {
                let style = if flash.starts_with('▲') { t.warn } else { t.bad };
                let mark = if flash.starts_with('▲') { "" } else { "✖ " };
                Line::styled(format!("{mark}{}", sanitize_line(flash)), style).render(error, buf);
            }
            Line::styled(format!(" {}", kind.keys_hint(ctx.keymap)), t.dim).render(hint, buf);
        }
        Modal::Unchecked(open) => {
            let step =
                s.live.session.active().map(|i| s.live.session.steps[i].plan.label.to_uppercase()).unwrap_or_default();
            let inner = render_popup(ctx, "complete step?", 56, 6, area, buf);
            Paragraph::new(vec![
                Line::from(format!("Complete {step} with {} unchecked?", crate::core::words::count(*open, "item"))),
                Line::styled("They are recorded as left unchecked.", Style::new()),
                Line::from(vec![Span::styled(ctx.keymap.yes_no(), t.key)]),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
        Modal::FlagsOff(names) => {
            let inner = render_popup(ctx, "kill switches still off", 64, 7, area, buf);
            Paragraph::new(vec![
                Line::styled(format!("Still off: {}", sanitize_line(&names.join(", "))), t.warn),
                Line::from("Finish verify and leave them off? The postmortem lists them as open."),
                Line::from(vec![Span::styled("(y/n)", t.key), Span::styled("  n, then f: restore or waive", t.dim)]),
            ])
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        }
    }
}
