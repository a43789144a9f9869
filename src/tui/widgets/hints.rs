//! The bottom line: the main keys of the context, from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::Ctx;
use crate::tui::keymap::Action;

/// Draws `key label  key label ...` for `context` into the one-line `area`,
/// dropping entries that do not fit.
pub fn render_hints(ctx: &Ctx<'_>, context: &str, area: Rect, buf: &mut Buffer) {
    let mut spans: Vec<Span<'_>> = vec![Span::raw(" ")];
    let mut width = 1;
    // Movement keys are the obvious ones; the help overlay lists them.
    let main =
        ctx.keymap.entries(context).into_iter().filter(|(_, a)| {
            !matches!(a, Action::Up | Action::Down | Action::Left | Action::Right | Action::PrevField)
        });
    for (keys, action) in main {
        let keys = keys.split('/').next().unwrap_or_default().to_owned();
        let entry = keys.chars().count() + 1 + action.label().chars().count() + 2;
        if width + entry > usize::from(area.width) {
            break;
        }
        width += entry;
        spans.push(Span::styled(keys, ctx.theme.key));
        spans.push(Span::styled(format!(" {}", action.label()), ctx.theme.dim));
        spans.push(Span::raw("  "));
    }
    if spans.len() > 1 {
        spans.pop();
    }
    Line::from(spans).render(area, buf);
}
