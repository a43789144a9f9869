//! Drawing the review list and one session's postmortem.

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Row, StatefulWidget, Table, TableState, Widget, Wrap};

use super::ReviewScreen;
use super::rows::Row as ListRow;
use crate::core::duration::clock;
use crate::core::preflight::{Grade, Record};
use crate::core::review::Outcome;
use crate::core::sanitize::sanitize_line;
use crate::core::timing::TimeboxState;
use crate::store::review::Scanned;
use crate::tui::context::Ctx;
use crate::tui::widgets::hints::render_hints;
use crate::tui::widgets::markdown::to_lines;

fn header(s: &ReviewScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let filter = format!(
        " runbook {} · mode {} · search {}",
        s.runbook.as_deref().unwrap_or("all"),
        s.mode.map_or("all", |m| m.key()),
        if s.query.is_empty() { "-".to_owned() } else { format!("{:?}", sanitize_line(&s.query)) }
    );
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(" firedrill · REVIEW · ", t.title),
            Span::styled(sanitize_line(&s.dir.display().to_string()), t.text),
        ]),
        Line::styled(filter, t.dim),
    ])
    .render(area, buf);
}

/// Draws the list of sessions.
pub fn render(s: &ReviewScreen, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let search = if s.search.is_some() { 3 } else { 0 };
    let [head, body, input, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(search),
        Constraint::Length(1),
    ])
    .areas(area);
    header(s, ctx, head, buf);
    // Narrower than 80 columns the six columns squeeze the runbook's name
    // away: each session takes two lines in one column instead.
    let narrow = body.width < 80;
    let all = s.rows();
    let (first, shown) =
        super::window::window(all.len(), s.selected, body.height.saturating_sub(3), if narrow { 2 } else { 1 });
    let rows: Vec<Row<'_>> = all[first..first + shown]
        .iter()
        .map(|&row| {
            let i = match row {
                ListRow::Session(i) => i,
                ListRow::Preflight(i) => return preflight_row(ctx, &s.preflights[i].1, narrow),
            };
            session_row(ctx, &s.scanned[i], narrow)
        })
        .collect();
    let empty = all.is_empty();
    let widths = if narrow {
        vec![Constraint::Fill(1)]
    } else {
        vec![
            Constraint::Length(16),
            Constraint::Fill(2),
            Constraint::Length(9),
            Constraint::Length(13),
            Constraint::Length(13),
            Constraint::Fill(1),
        ]
    };
    let titles = if narrow {
        Row::new(["date (UTC) · runbook"]).style(t.title)
    } else {
        Row::new(["date (UTC)", "runbook", "mode", "outcome", "total / box", "driver"]).style(t.title)
    };
    let table = Table::new(rows, widths)
        .header(titles)
        .block(Block::bordered().title(" saved sessions, newest first ").border_style(t.border))
        .row_highlight_style(t.selected)
        .highlight_symbol("› ");
    let mut state = TableState::default().with_selected(Some(s.selected - first));
    StatefulWidget::render(table, body, buf, &mut state);
    if empty {
        let inner = Rect { x: body.x + 2, y: body.y + 2, width: body.width.saturating_sub(4), height: 1 };
        Line::styled("No saved sessions here. Run a drill, or clear the filters (r, m, /).", t.dim).render(inner, buf);
    }
    if let Some(field) = &s.search {
        field.render(input, buf);
    }
    render_hints(ctx, s.context(), foot, buf);
}

/// A saved session's row: when, which runbook (and deck), mode, outcome,
/// total against the time-box and driver, or why the file is unreadable;
/// on two lines in one column when `narrow`.
fn session_row<'a>(ctx: &Ctx<'_>, item: &'a Scanned, narrow: bool) -> Row<'a> {
    let t = ctx.theme;
    match &item.summary {
        Ok(sum) => {
            // The label carries its own symbol; colour repeats it.
            let style = match sum.outcome {
                Outcome::Verified if !TimeboxState::is_over(sum.total_ms, sum.timebox_ms) => t.good,
                Outcome::Verified | Outcome::Unverified => t.warn,
                Outcome::EndedEarly | Outcome::Abandoned => t.bad,
            };
            let date = Span::raw(sum.started_at.format("%Y-%m-%d %H:%M").to_string());
            let title = Span::raw(match &sum.deck {
                Some(deck) => format!("{} ◆ {}", sanitize_line(&sum.title), sanitize_line(deck)),
                None => sanitize_line(&sum.title),
            });
            // ◆: with a deck of inject cards (named after the title).
            let kind = if sum.roles.solo { "solo" } else { sum.mode.key() };
            let mode = if sum.deck.is_some() { format!("{kind} ◆") } else { kind.to_owned() };
            let outcome = Span::styled(sum.outcome.label(), style);
            let total = Span::raw(format!("{} / {}", clock(sum.total_ms), clock(sum.timebox_ms)));
            let driver = Span::raw(sanitize_line(&sum.roles.driver));
            if narrow {
                let first = Line::from(vec![date, Span::raw(" "), title]);
                let second = Line::from(vec![
                    Span::raw("  "),
                    outcome,
                    Span::raw(format!(" · {} · ", total.content)),
                    driver,
                    Span::raw(format!(" · {mode}")),
                ]);
                return Row::new(vec![Text::from(vec![first, second])]).height(2);
            }
            Row::new(vec![date, title, Span::raw(mode), outcome, total, driver])
        }
        Err(why) => {
            let bad = Span::styled("✖ unreadable", t.bad);
            let name =
                Span::raw(item.path.file_name().map(|n| sanitize_line(&n.to_string_lossy())).unwrap_or_default());
            let why = Span::styled(sanitize_line(why), t.dim);
            if narrow {
                let first = Line::from(vec![bad, Span::raw(" "), name]);
                return Row::new(vec![Text::from(vec![first, Line::from(vec![Span::raw("  "), why])])]).height(2);
            }
            Row::new(vec![bad, name, why])
        }
    }
}

/// A pre-release check's row: its worst verdict, with the counts, and how
/// fast the live release was named (`-` when it was not, in time); on two
/// lines in one column when `narrow`, like a session's.
fn preflight_row<'a>(ctx: &Ctx<'_>, r: &Record, narrow: bool) -> Row<'a> {
    let t = ctx.theme;
    let (label, style) = match r.verdict() {
        Grade::Pass => (format!("✓ {} pass", r.count(Grade::Pass)), t.good),
        Grade::Unknown => (format!("? {} unknown", r.count(Grade::Unknown)), t.warn),
        Grade::Fail => (format!("✗ {} fail", r.count(Grade::Fail)), t.bad),
        Grade::Warn => (format!("! {} warn", r.count(Grade::Warn)), t.warn),
    };
    let named = r.name_live_ms().map_or_else(|| "-".to_owned(), |ms| format!("{}.{} s", ms / 1000, ms % 1000 / 100));
    let date = r.at.format("%Y-%m-%d %H:%M").to_string();
    if narrow {
        let first = Line::from(format!("{date} {}", sanitize_line(&r.title)));
        let second = Line::from(vec![
            Span::raw("  "),
            Span::styled(label, style),
            Span::raw(format!(" · named {named} · preflight")),
        ]);
        return Row::new(vec![Text::from(vec![first, second])]).height(2);
    }
    Row::new(vec![
        Span::raw(date),
        Span::raw(sanitize_line(&r.title)),
        Span::raw("preflight"),
        Span::styled(label, style),
        Span::raw(format!("named {named}")),
        Span::raw("-"),
    ])
}

/// Draws one session's postmortem, scrolled.
pub fn render_session(
    s: &ReviewScreen,
    ctx: &Ctx<'_>,
    path: &Path,
    markdown: Option<&Result<String, String>>,
    scroll: u16,
    area: Rect,
    buf: &mut Buffer,
) {
    let t = ctx.theme;
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    header(s, ctx, head, buf);
    let width = usize::from(body.width.saturating_sub(2));
    let lines = match markdown {
        None => vec![Line::from("reading...")],
        Some(Ok(md)) => to_lines(md, width, t),
        Some(Err(why)) => vec![
            Line::styled(format!("✖ {}: {}", sanitize_line(&path.display().to_string()), sanitize_line(why)), t.bad),
            Line::from(format!(
                "Write it again from its journal: firedrill report {}",
                sanitize_line(&path.with_extension("jsonl").display().to_string())
            )),
        ],
    };
    let title = format!(" {} ", path.file_name().map(|n| sanitize_line(&n.to_string_lossy())).unwrap_or_default());
    // The lines are wrapped to the pane already: the last page ends the scroll.
    s.set_most(u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_sub(body.height.saturating_sub(2)));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Block::bordered().title(title).border_style(t.border))
        .render(body, buf);
    render_hints(ctx, s.context(), foot, buf);
}
