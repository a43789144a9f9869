//! The drill screen as a follower sees it (read-only): the same header,
//! state lines, steps and checklist, and below them, across the whole
//! width, the status updates and notes wrapped whole, never cut to a line:
//! what a stakeholder watching from afar reads. Under 18 rows the updates
//! take the checklist's place beside the steps.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::{DrillScreen, band, feed, view};
use crate::core::sanitize::sanitize;
use crate::keymap::Action;
use crate::tui::context::Ctx;
use crate::tui::widgets::hints::render_hints;

/// Draws the follower's screen into `area` (at least 40x12).
pub fn render(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    // The big type only where it leaves the updates their room.
    let big = area.height >= 40 && area.width >= 60;
    let info_lines = band::info_lines(s, ctx, area.width);
    let info_h = u16::try_from(info_lines.len()).unwrap_or(u16::MAX).clamp(3, 2 + (area.height / 8).max(1));
    let below = area.height >= 18;
    let rest = area.height.saturating_sub(2 + info_h + if big { 5 } else { 0 });
    // The steps keep their five rows; the updates take what they need of the rest.
    let needed = updates_height(s, ctx, area.width, rest);
    let [head, top, info, body, bottom, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if big { 5 } else { 0 }),
        Constraint::Length(info_h),
        Constraint::Fill(1),
        Constraint::Length(if below { needed.min(rest.saturating_sub(7).max(rest / 2)) } else { 0 }),
        Constraint::Length(1),
    ])
    .areas(area);
    view::render_header(s, ctx, head, buf);
    if big {
        band::render_band(s, ctx, top, buf);
    }
    band::render_info(info_lines, info, buf);
    let left = view::LEFT.min(body.width / 2);
    let [steps, right] = Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(body);
    view::render_steps(s, ctx, steps, buf);
    if below {
        view::render_items(s, ctx, right, buf);
        render_updates(s, ctx, bottom, buf);
    } else {
        render_updates(s, ctx, right, buf);
    }
    render_hints(ctx, s.context(), foot, buf);
    super::overlays::render_overlays(s, ctx, area, buf);
}

/// One entry's lines: its time and mark, then its text wrapped to `width`
/// (its own line breaks kept), later lines indented under the text.
fn entry_lines<'a>(ctx: &Ctx<'_>, when: &str, mark: &str, text: &str, width: u16) -> Vec<Line<'a>> {
    let t = ctx.theme;
    let head = format!("{when} {mark}");
    let options = textwrap::Options::new(usize::from(width).max(12))
        .subsequent_indent("      ")
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    // Its line breaks stay; every line after the first is indented alike.
    let body = format!("{head}{}", sanitize(text.trim_end()));
    let mut lines = Vec::new();
    for (i, l) in textwrap::wrap(&body, options).into_iter().enumerate() {
        let l = l.into_owned();
        match l.strip_prefix(&head).filter(|_| i == 0) {
            Some(rest) => lines.push(Line::from(vec![
                Span::styled(format!("{when} "), t.dim),
                Span::styled(mark.to_owned(), t.active),
                Span::raw(rest.to_owned()),
            ])),
            None => lines.push(Line::raw(l)),
        }
    }
    lines
}

/// The rows the updates pane needs at `width` to show every entry whole,
/// borders included (one row at least, for "nothing yet"), counted back
/// from the newest and no further than `cap` rows: a frame reads only the
/// entries it can show, however long the session.
fn updates_height(s: &DrillScreen, ctx: &Ctx<'_>, width: u16, cap: u16) -> u16 {
    let inner = width.saturating_sub(2);
    let cap = usize::from(cap);
    let mut rows = 0;
    for (_, _, mark, text) in feed::entries(s, 0..feed::len(s)).rev() {
        if rows + 2 >= cap {
            break;
        }
        rows += entry_lines(ctx, "00:00", mark, text, inner).len();
    }
    u16::try_from(rows.max(1) + 2).unwrap_or(u16::MAX)
}

/// The updates and notes, oldest first, the newest that fit whole (page
/// up and down move by an entry, as on the writer's screen).
fn render_updates(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let session = &s.live.session;
    let block = Block::bordered().border_style(t.border);
    let inner = block.inner(area);
    let total = feed::len(s);
    let end = total.saturating_sub(s.pane.scroll.min(total));
    let room = usize::from(inner.height);
    // From the newest shown back, whole entries while they fit.
    let mut shown: Vec<Vec<Line<'_>>> = Vec::new();
    let mut used = 0;
    for (_, when, mark, text) in feed::entries(s, 0..end).rev() {
        let lines = entry_lines(ctx, &when.format("%H:%M").to_string(), mark, text, inner.width);
        if used + lines.len() > room && !shown.is_empty() {
            break;
        }
        used += lines.len();
        shown.push(lines);
    }
    let start = end - shown.len();
    let cut = used > room;
    let mut lines: Vec<Line<'_>> = shown.into_iter().rev().flatten().collect();
    if total == 0 {
        lines.push(Line::styled("no update or note yet", t.dim));
    }
    let context = s.context();
    let mut more = Vec::new();
    if start > 0 {
        more.push(format!("▲ older: {}", ctx.keymap.first_key(context, Action::ScrollUp)));
    }
    if end < total {
        more.push(format!("▼ newer: {}", ctx.keymap.first_key(context, Action::ScrollDown)));
    }
    if cut {
        more.push(if inner.width < 40 { "✂" } else { "✂ longer than the pane" }.to_owned());
    }
    let more = if more.is_empty() { String::new() } else { format!(" {} ", more.join(" · ")) };
    let title = format!(" updates ({}) · notes ({}) ", session.updates.len(), session.note_count());
    Paragraph::new(lines)
        .block(block.title(title).title_bottom(Line::styled(more, t.warn).right_aligned()))
        .render(area, buf);
}
