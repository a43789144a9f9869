//! A centred box drawn over the screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear, Widget};

use crate::tui::context::Ctx;

/// Clears and frames a box of at most `width` x `height` centred in
/// `area`, and returns the inside.
pub fn render_popup(ctx: &Ctx<'_>, title: &str, width: u16, height: u16, area: Rect, buf: &mut Buffer) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    let rect = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    Clear.render(rect, buf);
    let block = Block::bordered().title(format!(" {title} ")).border_style(ctx.theme.active);
    let inner = block.inner(rect);
    block.render(rect, buf);
    inner
}
