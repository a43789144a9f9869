//! Drawing the drill screen. From 60x20 a band in big type shows the clock,
//! the current step and the person who owns it; below that, plain lines.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::DrillScreen;
use super::{band, run_view};
use crate::core::duration::{clock, delta};
use crate::core::plan::Meaning;
use crate::core::sanitize::sanitize_line;
use crate::core::session::StepStatus;
use crate::keymap::KeyContext;
use crate::tui::context::Ctx;
use crate::tui::widgets::hints::render_hints;

/// Width of the steps and roles column.
pub(super) const LEFT: u16 = 42;

/// Draws the whole drill screen into `area` (at least 40x12).
pub fn render(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    // Command output needs the rows more than the big type does on a short screen.
    let big = area.height >= 20 && area.width >= 60 && (s.pane.title.is_empty() || area.height >= 30);
    // A long state line wraps onto more rows as the screen allows (3 at 80x24).
    let info_lines = band::info_lines(s, ctx, area.width);
    let info_h = u16::try_from(info_lines.len()).unwrap_or(u16::MAX).clamp(3, 2 + (area.height / 8).max(1));
    let [head, top, info, body, bottom, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if big { 5 } else { 0 }),
        Constraint::Length(info_h),
        Constraint::Fill(1),
        Constraint::Length(match (area.height, s.pane.title.is_empty()) {
            (0..18, _) => 0,
            (18..24, _) | (24..40, true) => 4,
            (24..40, false) => 8,
            (h, _) => h / 5,
        }),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(s, ctx, head, buf);
    if big {
        band::render_band(s, ctx, top, buf);
    }
    band::render_info(info_lines, info, buf);
    let left = LEFT.min(body.width / 2);
    let [steps, items] = Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(body);
    render_steps(s, ctx, steps, buf);
    render_items(s, ctx, items, buf);
    // The notes pane drawn this frame, if any: a note added out of its
    // sight is said to be kept on the row above the keys.
    let mut notes_shown = None;
    if bottom.height > 0 {
        let [roles, notes] = Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(bottom);
        render_roles(s, ctx, roles, buf);
        if s.pane.title.is_empty() {
            super::feed_view::render(s, ctx, notes, buf);
            notes_shown = Some(notes);
        } else {
            run_view::render_pane(s, ctx, notes, buf);
        }
    }
    let above_keys = Rect { y: foot.y.saturating_sub(1), height: u16::from(foot.y > body.y), ..foot };
    super::kept::render_kept(s, ctx, notes_shown, above_keys, buf);
    render_hints(ctx, s.context(), foot, buf);
    super::overlays::render_overlays(s, ctx, area, buf);
    run_view::render_ask(s, ctx, area, buf);
}

pub(super) fn render_header(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let wall = format!("{} UTC ", ctx.now.wall.format("%H:%M:%S"));
    let mode = if s.live.session.solo_practice().is_some() {
        "SOLO PRACTICE".to_owned()
    } else {
        s.live.header.mode.key().to_uppercase()
    };
    let title = sanitize_line(s.live.runbook.title());
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(u16::try_from(wall.len() + 2).unwrap_or(15))])
            .areas(area);
    Line::from(vec![
        Span::styled(" firedrill · ", t.dim),
        Span::styled(mode, t.active),
        Span::styled(" · ", t.dim),
        Span::styled(title, t.title),
    ])
    .render(l, buf);
    Line::styled(wall, t.title).right_aligned().render(r, buf);
}

pub(super) fn render_steps(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let session = &s.live.session;
    let now_ms = s.live.t_ms(ctx.now);
    let rows: Vec<Line<'_>> = session
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let (sym, style) = match st.status {
                StepStatus::Done => ("✓", t.good),
                StepStatus::Skipped => ("↷", t.dim),
                StepStatus::Active => ("▶", t.active),
                StepStatus::Pending => ("·", t.dim),
            };
            // Whole seconds, as the postmortem counts them: actual - target = delta.
            let target = st.plan.target.as_ms() / 1000 * 1000;
            let actual = session.step_actual_ms(i, now_ms).map(|a| a / 1000 * 1000);
            let actual_s = match (actual, st.status) {
                (_, StepStatus::Skipped) => "skip".to_owned(),
                (Some(a), _) => clock(a),
                (None, _) => "-".to_owned(),
            };
            // The arrow carries the sign: one column more for the figure.
            let unsigned = |ms: u64| delta(i64::try_from(ms).unwrap_or(i64::MAX)).trim_start_matches('+').to_owned();
            let (delta_s, delta_style) = match (actual, st.status) {
                (Some(a), StepStatus::Done | StepStatus::Active) if a > target => {
                    (format!("▲{}", unsigned(a - target)), t.warn)
                }
                (Some(a), StepStatus::Done) => (format!("▼{}", unsigned(target - a)), t.good),
                _ => (String::new(), t.text),
            };
            let owner = match st.plan.owner {
                crate::core::roles::Role::Communicator => "comms",
                other => other.key(),
            };
            Line::from(vec![
                Span::styled(format!("{sym} {:<8}", st.plan.label), style),
                Span::styled(
                    format!(" {owner:<8} {:>5} {actual_s:>5} ", clock(target)),
                    if st.status == StepStatus::Pending { t.dim } else { t.text },
                ),
                Span::styled(delta_s, delta_style),
            ])
        })
        .collect();
    Paragraph::new(rows)
        .block(Block::bordered().title(" steps: owner target actual ").border_style(t.border))
        .render(area, buf);
}

pub(super) fn render_items(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let session = &s.live.session;
    let Some(i) = session.active() else {
        Paragraph::new("All steps are done or skipped.")
            .block(Block::bordered().border_style(t.border))
            .render(area, buf);
        return;
    };
    let step = &session.steps[i];
    let build = |width: usize| -> Vec<ListItem<'_>> {
        step.plan
            .items
            .iter()
            .zip(&step.checked)
            .enumerate()
            .map(|(n, (item, checked))| {
                let mark = if *checked { "[x] " } else { "[ ] " };
                // Under the cursor, an item that names a release says how.
                let offer = if n == s.selected { s.offer_line(n) } else { String::new() };
                let clean = format!(
                    "{}{}{}{}",
                    sanitize_line(&item.text),
                    release_suffix(s, item.meaning),
                    run_view::item_suffix(s, ctx, step, n),
                    offer
                );
                // Never split a release ID such as prod-2026-11-03.2 at its hyphens.
                let options = textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation);
                let lines: Vec<Line<'_>> = textwrap::wrap(&clean, options)
                    .into_iter()
                    .enumerate()
                    .map(|(n, part)| {
                        let lead = if n == 0 { mark } else { "    " };
                        let style = if *checked { t.good } else { t.text };
                        Line::from(vec![Span::styled(lead, style), Span::raw(part.into_owned())])
                    })
                    .collect();
                ListItem::new(lines)
            })
            .collect()
    };
    let mut items = build(usize::from(area.width.saturating_sub(8)).max(10));
    // When the selected item, wrapped, is taller than the pane, one line
    // each (cut at the edge): the selected item is always on screen.
    let selected = s.selected.min(items.len().saturating_sub(1));
    if items.get(selected).is_some_and(|it| it.height() > usize::from(area.height.saturating_sub(2))) {
        items = build(usize::MAX);
    }
    let done = step.checked.iter().filter(|c| **c).count();
    let title = format!(" {done}/{} checked · {} ", step.checked.len(), sanitize_line(&step.plan.title));
    // Say so when items do not fit, so nobody misses the last one.
    let lines: usize = items.iter().map(ListItem::height).sum();
    let cut = lines > usize::from(area.height.saturating_sub(2)) && s.selected + 1 < items.len();
    let more = if cut {
        format!(
            " ▼ more: {} ",
            ctx.keymap.all_keys(
                if s.live.is_incident() { KeyContext::Incident } else { KeyContext::Drill },
                crate::keymap::Action::Down
            )
        )
    } else {
        super::signals::uncovered_note(s, area.width)
    };
    let mut state = ListState::default().with_selected(Some(s.selected.min(step.plan.items.len().saturating_sub(1))));
    StatefulWidget::render(
        List::new(items)
            .block(
                Block::bordered()
                    .title(title)
                    .title_bottom(Line::styled(more, t.warn).right_aligned())
                    .border_style(t.active),
            )
            .highlight_symbol("› ")
            .highlight_style(t.selected),
        area,
        buf,
        &mut state,
    );
}

/// What the team recorded, when it differs from the runbook: the live
/// release it named, the release production moved to.
fn release_suffix(s: &DrillScreen, meaning: Meaning) -> String {
    let (rb, session) = (&s.live.runbook, &s.live.session);
    match meaning {
        Meaning::NameLive => session
            .live_named
            .as_ref()
            .filter(|(r, _)| r.trim() != rb.live().trim())
            .map(|(r, _)| format!("  → named {} (the runbook is stale)", sanitize_line(r)))
            .unwrap_or_default(),
        Meaning::Redeploy => session
            .reverted_to
            .as_ref()
            .filter(|(r, _)| r.trim() != rb.known_good().trim())
            .map(|(r, _)| format!("  → now on {} ▲ not the known-good", sanitize_line(r)))
            .unwrap_or_default(),
        Meaning::ShipPatch => {
            session.reverted_to.as_ref().map(|(r, _)| format!("  → now on {}", sanitize_line(r))).unwrap_or_default()
        }
        _ => String::new(),
    }
}

fn render_roles(s: &DrillScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let r = &s.live.session.roles;
    let mut lines = vec![Line::from(vec![
        Span::styled("driver ", t.dim),
        Span::raw(sanitize_line(&r.driver)),
        Span::styled(" · comms ", t.dim),
        Span::raw(sanitize_line(&r.communicator)),
        Span::styled(" · verifier ", t.dim),
        Span::raw(sanitize_line(&r.verifier)),
    ])];
    if r.solo {
        lines.push(Line::styled("solo practice: compared with your own, not the team's", t.dim));
    } else if r.is_solo() {
        lines.push(Line::styled("▲ one person holds all three roles", t.warn));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(Block::bordered().title(" roles ").border_style(t.border))
        .render(area, buf);
}
