//! Below 40x12 the screens do not fit: say so, and keep the clock visible.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::core::duration::clock;
use crate::tui::app::Ctx;
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
