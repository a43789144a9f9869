//! Below 40x12 the screens do not fit: say so, and keep the clock visible.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::core::duration::clock;
use crate::tui::context::Ctx;
use crate::tui::live::Live;

/// The smallest size the screens are drawn at: 40 columns by 12 rows.
pub const MIN: (u16, u16) = (40, 12);

/// True when `area` is under [`MIN`].
pub fn is_too_small(area: Rect) -> bool {
    area.width < MIN.0 || area.height < MIN.1
}

/// Draws the too-small message, and the running clock when a session is live;
/// safe down to 1x1.
pub fn render(ctx: &Ctx<'_>, live: Option<&Live>, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![Line::styled(
        format!("terminal too small (need {}x{}, have {}x{})", MIN.0, MIN.1, area.width, area.height),
        ctx.theme.warn,
    )];
    if let Some(live) = live {
        let t = live.session.elapsed_ms(live.t_ms(ctx.now));
        lines.push(Line::from(format!("{} {}", live.header.mode.key(), clock(t))));
    }
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(area, buf);
}

/// Over a window larger than the frame (`real`, clamped to `max`), a note
/// in the frame's top-right corner: the screens are drawn in the window's
/// top-left `area`, the rest stays blank.
pub fn render_clamp_note(real: ratatui::layout::Size, max: ratatui::layout::Size, area: Rect, buf: &mut Buffer) {
    let note = format!(
        " window {}x{} is over {}x{}: drawn at {}x{} ",
        real.width, real.height, max.width, max.height, area.width, area.height
    );
    let width = u16::try_from(note.chars().count()).unwrap_or(u16::MAX).min(area.width);
    let at = Rect::new(area.right().saturating_sub(width), area.y, width, 1.min(area.height));
    ratatui::widgets::Clear.render(at, buf);
    Line::from(note)
        .style(ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED))
        .render(at, buf);
}
