//! Drawing a runbook's trends: total and step times across drills as
//! sparklines with median and best, the three readiness figures, how fast
//! the pre-release checks named the live release, each restore against the
//! restore time, and who held which role lately with a suggestion for the
//! next driver.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Sparkline, Widget};

use super::ReviewScreen;
use crate::core::duration::clock;
use crate::core::preflight::Record;
use crate::core::restore::PastRestore;
use crate::core::review::{Faced, Series, Summary, Trend, drills_of, drills_with_deck, next_driver, trend};
use crate::core::roles::Roles;
use crate::core::sanitize::sanitize_line;
use crate::tui::context::Ctx;
use crate::tui::widgets::hints::render_hints;

const LABEL: u16 = 24;
const FIGURES: u16 = 40;

/// How a series' values are written.
type Fmt = fn(u64) -> String;

/// Milliseconds as seconds with one decimal (a probe's time): `0.4 s`.
fn secs(ms: u64) -> String {
    format!("{}.{} s", ms / 1000, ms % 1000 / 100)
}

fn series_row(ctx: &Ctx<'_>, label: &str, series: &Series, fmt: Fmt, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let [name, spark, figures] =
        Layout::horizontal([Constraint::Length(LABEL), Constraint::Fill(1), Constraint::Length(FIGURES)]).areas(area);
    Line::styled(format!(" {label}"), t.title).render(name, buf);
    let data: Vec<u64> = series.values.iter().map(|v| v.unwrap_or(0)).collect();
    let shown = data.len().saturating_sub(usize::from(spark.width));
    Sparkline::default().data(&data[shown..]).style(t.active).render(spark, buf);
    let fmt = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), fmt);
    let last = series.values.last().copied().flatten();
    Line::from(format!(" last {}  median {}  best {}", fmt(last), fmt(series.median), fmt(series.best)))
        .render(figures, buf);
}

/// What the trends view shows, computed once when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendView {
    /// The runbook's title (its latest), or its key.
    pub title: String,
    /// The deck of inject cards the drills had, by its key; `None` for drills without one.
    pub deck: Option<String>,
    /// How many verified drills (the only ones trends compare).
    pub drills: usize,
    /// The series.
    pub trend: Trend,
    /// The last five drills' roles, newest first.
    pub roles: Vec<(String, Roles)>,
    /// The last five drills' inject cards shown (title, time to acknowledge), newest first.
    pub faced: Vec<(String, Vec<Faced>)>,
    /// Who should drive next (over every drill of the runbook, whatever its deck).
    pub next_driver: Option<String>,
    /// How many pre-release checks of the runbook were recorded.
    pub preflights: usize,
    /// Milliseconds each check's release probe took to name the live
    /// release, oldest first (`None` where it did not, in time).
    pub preflight_name_live: Series,
    /// Every restore (drills and incidents) against the restore time, oldest first.
    pub restores: Vec<PastRestore>,
}

/// Computes the trends of `runbook` drilled with `deck` (none: without one)
/// over `history` (drills are compared with drills of the same deck only)
/// and the folder's pre-release check records, `preflights`.
pub fn prepare<'a>(
    history: impl Iterator<Item = &'a Summary>,
    preflights: &[(std::path::PathBuf, Record)],
    runbook: &str,
    deck: Option<&str>,
) -> TrendView {
    let history: Vec<Summary> = history.filter(|s| s.runbook == runbook).cloned().collect();
    // Like with like: the fire of the latest verified drill of the group.
    // The team's drills: solo practice is each person's own, not the team's.
    let fire = drills_with_deck(&history, runbook, deck, None, None).last().and_then(|d| d.fire);
    let drills = drills_with_deck(&history, runbook, deck, fire, None);
    let date = |d: &Summary| d.started_at.format("%Y-%m-%d").to_string();
    let mut checks: Vec<&Record> = preflights.iter().map(|(_, r)| r).filter(|r| r.runbook == runbook).collect();
    checks.sort_by_key(|r| r.at);
    TrendView {
        title: drills.last().map_or_else(|| runbook.to_owned(), |d| d.title.clone()),
        deck: deck.map(str::to_owned),
        drills: drills.len(),
        trend: trend(&drills),
        roles: drills.iter().rev().take(5).map(|d| (date(d), d.roles.clone())).collect(),
        faced: drills.iter().rev().take(5).map(|d| (date(d), d.injects.clone())).collect(),
        next_driver: next_driver(&drills_of(&history, runbook)),
        preflights: checks.len(),
        preflight_name_live: Series::of(checks.iter().map(|r| r.name_live_ms()).collect()),
        restores: crate::core::restore::history(&history, runbook),
    }
}

/// The lines saying which inject cards each of the last drills faced.
fn faced_lines<'a>(ctx: &Ctx<'_>, view: &TrendView) -> Vec<Line<'a>> {
    let t = ctx.theme;
    if view.faced.iter().all(|(_, f)| f.is_empty()) {
        return Vec::new();
    }
    let mut lines =
        vec![Line::default(), Line::styled(" inject cards in the last drills (time to acknowledge)", t.title)];
    for (date, cards) in &view.faced {
        let shown: Vec<String> = cards
            .iter()
            .map(|c| {
                let ack = c.ack_ms.map_or_else(|| "never acknowledged".to_owned(), clock);
                format!("◆ {} ({ack})", sanitize_line(&c.title))
            })
            .collect();
        let text = if shown.is_empty() { "none shown".to_owned() } else { shown.join(" · ") };
        lines.push(Line::from(format!("  {date}  {text}")));
    }
    lines
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
            match &view.deck {
                Some(deck) => format!(
                    " {} with the deck {}, oldest to newest; lower is better",
                    crate::core::words::count(view.drills, "verified drill"),
                    sanitize_line(deck)
                ),
                None => format!(
                    " {} without a deck, oldest to newest; lower is better",
                    crate::core::words::count(view.drills, "verified drill")
                ),
            },
            t.dim,
        ),
    ])
    .render(head, buf);
    let block = Block::bordered().border_style(t.border);
    let inner = block.inner(body);
    block.render(body, buf);
    let mut rows: Vec<(String, &Series, Fmt)> = vec![("total".to_owned(), &tr.total, clock)];
    rows.extend(tr.steps.iter().map(|(k, series)| (format!("step: {k}"), series, clock as Fmt)));
    rows.push(("name the live release".to_owned(), &tr.name_live, clock));
    rows.push(("back on known-good".to_owned(), &tr.known_good, clock));
    rows.push(("first status update".to_owned(), &tr.first_update, clock));
    if view.preflights > 0 {
        rows.push(("preflight: name live".to_owned(), &view.preflight_name_live, secs));
    }
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (label, series, fmt) in rows.iter().skip(usize::from(scroll / 2)) {
        if y + 2 > bottom {
            break;
        }
        series_row(ctx, label, series, *fmt, Rect { x: inner.x, y, width: inner.width, height: 2 }, buf);
        y += 2;
    }
    let mut roles: Vec<Line<'_>> = Vec::new();
    if !view.restores.is_empty() {
        roles.push(Line::styled(" restores against [backup] restore_time", t.title));
        for r in view.restores.iter().rev().take(5) {
            let style = if r.timing.actual_ms.is_none() || r.timing.over_ms().is_some() { t.warn } else { t.text };
            let mark = if r.timing.over_ms().is_some() {
                "✖"
            } else if r.timing.actual_ms.is_none() {
                "?"
            } else {
                "●"
            };
            roles.push(Line::styled(
                format!("  {}  {:<8} {mark} {}", r.started_at.format("%Y-%m-%d"), r.mode.key(), r.timing.short()),
                style,
            ));
        }
        roles.push(Line::default());
    }
    roles.push(Line::styled(" roles in the last drills (driver · communicator · verifier)", t.title));
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
    roles.extend(faced_lines(ctx, view));
    if y < bottom {
        Paragraph::new(roles)
            .render(Rect { x: inner.x, y: y + 1, width: inner.width, height: bottom.saturating_sub(y + 1) }, buf);
    }
    render_hints(ctx, s.context(), foot, buf);
}
