//! Drawing a runbook's trends: total and step times across drills as
//! sparklines with median and best, the three readiness figures, and who
//! held which role lately with a suggestion for the next driver.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline, Widget};

use super::ReviewScreen;
use crate::core::duration::clock;
use crate::core::review::{Series, Summary, Trend, drills_of, next_driver, trend};
use crate::core::roles::Roles;
use crate::core::sanitize::sanitize_line;
use crate::tui::app::Ctx;
use crate::tui::widgets::hints::render_hints;

const LABEL: u16 = 24;
const FIGURES: u16 = 40;

fn series_row(ctx: &Ctx<'_>, label: &str, series: &Series, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let [name, spark, figures] =
        Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1), Constraint::Length(FIGURES)]).areas(area);
    Line::styled(format!(" {label}"), t.title).render(name, buf);
    let data: Vec<u64> = series.values.iter().map(|v| v.map_or(0, |ms| ms / 1000)).collect();
    let shown = data.len().saturating_sub(usize::from(spark.width));
    Sparkline::default().data(&data[shown..]).style(t.active).render(spark, buf);
    let fmt = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), clock);
    let last = series.values.last().copied().flatten();
    Line::from(format!(" last {}  median {}  best {}", fmt(last), fmt(series.median), fmt(series.best)))
        .render(figures, buf);
}

/// What the trends view shows, computed once when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendView {
    /// The runbook's title (its latest), or its key.
    pub title: String,
    /// How many completed drills.
    pub drills: usize,
    /// The series.
    pub trend: Trend,
    /// The last five drills' roles, newest first.
    pub roles: Vec<(String, Roles)>,
    /// Who should drive next.
    pub next_driver: Option<String>,
}

/// Computes the trends of `runbook` over `history`.
pub fn prepare<'a>(history: impl Iterator<Item = &'a Summary>, runbook: &str) -> TrendView {
    let history: Vec<Summary> = history.filter(|s| s.runbook == runbook).cloned().collect();
    let drills = drills_of(&history, runbook);
    TrendView {
        title: drills.last().map_or_else(|| runbook.to_owned(), |d| d.title.clone()),
        drills: drills.len(),
        trend: trend(&drills),
        roles: drills
            .iter()
            .rev()
            .take(5)
            .map(|d| (d.started_at.format("%Y-%m-%d").to_string(), d.roles.clone()))
            .collect(),
        next_driver: next_driver(&drills),
    }
}

/// Draws the trends.
pub fn render(s: &ReviewScreen, ctx: &Ctx<'_>, view: &TrendView, scroll: u16, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let tr = &view.trend;
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(" firedrill · TRENDS · ", t.title),
            Span::styled(sanitize_line(&view.title), t.title),
        ]),
        Line::styled(
            format!(
                " {}, oldest to newest; lower is better",
                crate::core::words::count(view.drills, "completed drill")
            ),
            t.dim,
        ),
    ])
    .render(head, buf);
    let block = Block::bordered().border_style(t.border);
    let inner = block.inner(body);
    block.render(body, buf);
    let mut rows: Vec<(String, &Series)> = vec![("total".to_owned(), &tr.total)];
    rows.extend(tr.steps.iter().map(|(k, series)| (format!("step: {k}"), series)));
    rows.push(("name the live release".to_owned(), &tr.name_live));
    rows.push(("back on known-good".to_owned(), &tr.known_good));
    rows.push(("first status update".to_owned(), &tr.first_update));
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (label, series) in rows.iter().skip(usize::from(scroll / 2)) {
        if y + 2 > bottom {
            break;
        }
        series_row(ctx, label, series, Rect { x: inner.x, y, width: inner.width, height: 2 }, buf);
        y += 2;
    }
    let mut roles: Vec<Line<'_>> =
        vec![Line::styled(" roles in the last drills (driver · communicator · verifier)", t.title)];
    for (date, r) in &view.roles {
        roles.push(Line::from(format!(
            "  {date}  {} · {} · {}",
            sanitize_line(&r.driver),
            sanitize_line(&r.communicator),
            sanitize_line(&r.verifier)
        )));
    }
    if let Some(next) = &view.next_driver {
        roles.push(Line::from(vec![
            Span::styled("  suggested next driver: ", t.text),
            Span::styled(sanitize_line(next), t.active),
            Span::styled(" (has not driven lately)", t.dim),
        ]));
    }
    if y < bottom {
        Paragraph::new(roles)
            .render(Rect { x: inner.x, y: y + 1, width: inner.width, height: bottom.saturating_sub(y + 1) }, buf);
    }
    render_hints(ctx, s.context(), foot, buf);
}
