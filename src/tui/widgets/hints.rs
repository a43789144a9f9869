//! The bottom line: the main keys of the context, from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::tui::app::Ctx;
use crate::tui::keymap::Action;

/// Draws `key label  key label ...` for `context` into the one-line `area`.
/// Movement keys are left to the help overlay; help and quit always keep
/// their place, other entries are dropped from the end when space runs out.
pub fn render_hints(ctx: &Ctx<'_>, context: &str, area: Rect, buf: &mut Buffer) {
    let entries: Vec<(String, Action)> = ctx
        .keymap
        .entries(context)
        .into_iter()
        .filter(|(_, a)| {
            !matches!(
                a,
                Action::Up
                    | Action::Down
                    | Action::Left
                    | Action::Right
                    | Action::PrevField
                    | Action::First
                    | Action::Second
                    | Action::Third
            )
        })
        .map(|(keys, a)| (keys.split('/').find(|k| !k.is_empty()).unwrap_or("/").to_owned(), a))
        .collect();
    let width = |(keys, a): &(String, Action)| keys.chars().count() + 1 + a.label().chars().count() + 2;
    let kept = |a: Action| matches!(a, Action::Help | Action::Quit);
    let reserved: usize = entries.iter().filter(|e| kept(e.1)).map(width).sum();
    let mut room = usize::from(area.width).saturating_sub(1 + reserved);
    let mut shown = Vec::new();
    for entry in &entries {
        if kept(entry.1) {
            shown.push(entry);
        } else if width(entry) <= room {
            room -= width(entry);
            shown.push(entry);
        }
    }
    let mut spans: Vec<Span<'_>> = vec![Span::raw(" ")];
    for (keys, action) in shown {
        spans.push(Span::styled(keys.clone(), ctx.theme.key));
        spans.push(Span::styled(format!(" {}  ", action.label()), ctx.theme.dim));
    }
    Line::from(spans).render(area, buf);
}
