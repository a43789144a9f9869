//! The help overlay: every key of the context underneath, from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::popup::render_popup;
use crate::tui::app::Ctx;

/// Draws the keys of `context` with what each does.
pub fn render(ctx: &Ctx<'_>, context: &str, area: Rect, buf: &mut Buffer) {
    let entries = ctx.keymap.entries(context);
    let height = u16::try_from(entries.len()).unwrap_or(u16::MAX).saturating_add(4);
    let inner = render_popup(ctx, "keys", 72, height, area, buf);
    let mut lines: Vec<Line<'_>> = entries
        .into_iter()
        .map(|(keys, action)| {
            Line::from(vec![
                Span::styled(format!("{keys:>14}  "), ctx.theme.key),
                Span::raw(action.describe_in(context)),
            ])
        })
        .collect();
    lines.push(Line::default());
    let closing = ctx.keymap.keys_of("help", crate::tui::keymap::Action::Back);
    let closing = match closing.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    lines.push(Line::from(Span::styled(format!("{closing} closes this help"), ctx.theme.dim)));
    Paragraph::new(lines).render(inner, buf);
}
