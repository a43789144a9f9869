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
use crate::keymap::KeyContext;
use crate::tui::context::Ctx;
use crate::tui::widgets::popup::render_popup;

pub(super) fn render_overlays(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    match s.modal() {
        Modal::None | Modal::Ask(_) => {}
        Modal::Choose(chooser) => choose::render(s, *chooser, ctx, area, buf),
        Modal::Inject(index) => render_card(s, *index, ctx, area, buf),
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
            } else {
                // A release prompt offers its choices: one key picks.
                let choices: Vec<String> = s
                    .release_choices(kind)
                    .iter()
                    .enumerate()
                    .map(|(n, (r, from))| format!("{} {} ({from})", n + 1, sanitize_line(r)))
                    .collect();
                if !choices.is_empty() {
                    Line::styled(format!(" {} · or type it", choices.join(" · ")), t.key).render(error, buf);
                }
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

/// An inject card: its title, text and effects, sized to fit them wrapped,
/// with the keys that acknowledge it always on its last line.
fn render_card(s: &DrillScreen, index: usize, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let Some(card) = s.live.session.injects.get(index) else { return };
    let mut parts: Vec<(String, Style)> =
        vec![(format!("◆ {}", sanitize_line(&card.title)), t.warn), (String::new(), t.text)];
    if !card.text.trim().is_empty() {
        parts.extend([(sanitize_line(&card.text), t.text), (String::new(), t.text)]);
    }
    for e in card.effects() {
        parts.push((format!("▸ {}", sanitize_line(&e)), t.title));
    }
    let width = usize::from(72.min(area.width).saturating_sub(2)).max(1);
    let rows: usize = parts.iter().map(|(p, _)| textwrap::wrap(p, width).len().max(1)).sum();
    let height = u16::try_from(rows + 4).unwrap_or(u16::MAX);
    let inner = render_popup(ctx, "inject: what just went wrong", 72, height, area, buf);
    let [body, keys] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let lines: Vec<Line<'_>> = parts.into_iter().map(|(p, style)| Line::styled(p, style)).collect();
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(body, buf);
    Line::from(vec![
        Span::styled(ctx.keymap.all_keys(KeyContext::Notice, crate::keymap::Action::Back), t.key),
        Span::styled(": acknowledged; the clock keeps running", t.dim),
    ])
    .render(keys, buf);
}
