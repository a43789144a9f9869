//! The help overlay: every key of the context underneath, from the keymap.
//! Each description wraps under itself; on a screen too short for the list
//! the box scrolls (up/down) and says that more is below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::popup::render_popup;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::context::Ctx;

/// Widest the box is, in columns.
const WIDTH: u16 = 72;

/// The part of `area` the box may take: all but the hint line at the bottom.
fn room(area: Rect) -> Rect {
    Rect { height: area.height.saturating_sub(1), ..area }
}

/// The lines of the help of `context` for a box `width` columns inside:
/// the keys right-aligned in one column, each description wrapped beside
/// them, then how to close the help.
fn lines<'a>(ctx: &Ctx<'_>, context: KeyContext, width: u16) -> Vec<Line<'a>> {
    let entries = ctx.keymap.entries(context);
    let keys_w = entries.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0).min(14);
    let text_w = usize::from(width).saturating_sub(keys_w + 2).max(12);
    let mut lines = Vec::new();
    for (keys, action) in entries {
        let description = action.describe_in(context);
        for (n, part) in textwrap::wrap(description, text_w).into_iter().enumerate() {
            let lead = if n == 0 { format!("{keys:>keys_w$}  ") } else { " ".repeat(keys_w + 2) };
            lines.push(Line::from(vec![Span::styled(lead, ctx.theme.key), Span::raw(part.into_owned())]));
        }
    }
    lines.push(Line::default());
    let closing = ctx.keymap.keys_of(KeyContext::Help, Action::Back);
    let closing = match closing.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    lines.push(Line::from(Span::styled(format!("{closing} closes this help"), ctx.theme.dim)));
    lines
}

/// The rows the help of `context` can scroll in a frame of `area`.
pub fn most(ctx: &Ctx<'_>, context: KeyContext, area: Rect) -> u16 {
    let area = room(area);
    let inner_w = WIDTH.min(area.width).saturating_sub(2);
    let total = u16::try_from(lines(ctx, context, inner_w).len()).unwrap_or(u16::MAX);
    total.saturating_sub(area.height.saturating_sub(2))
}

/// Draws the keys of `context` with what each does, `scroll` rows down.
pub fn render(ctx: &Ctx<'_>, context: KeyContext, scroll: u16, area: Rect, buf: &mut Buffer) {
    let area = room(area);
    let inner_w = WIDTH.min(area.width).saturating_sub(2);
    let lines = lines(ctx, context, inner_w);
    let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2);
    let inner = render_popup(ctx, "keys", WIDTH, height, area, buf);
    let most = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(inner.height);
    let scroll = scroll.min(most);
    Paragraph::new(lines).scroll((scroll, 0)).render(inner, buf);
    if scroll < most {
        let more = format!(" ▼ more: {} ", ctx.keymap.all_keys(KeyContext::Help, Action::Down));
        let bottom = Rect { y: inner.bottom(), height: 1, ..inner };
        Line::styled(more, ctx.theme.warn).right_aligned().render(bottom, buf);
    }
}
