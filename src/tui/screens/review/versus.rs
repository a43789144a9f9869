//! Drawing an incident beside the team's drills of its runbook: per step,
//! the incident's time, the drills' median and the difference, and whether
//! the drills ever practised the step for real. Core decides all of it
//! ([`crate::core::review::versus`]); this file only lays it out.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use super::ReviewScreen;
use crate::core::duration::{clock, delta};
use crate::core::review::{LAST_TIMED, Practice, StepVersus, Versus, versus};
use crate::core::sanitize::sanitize_line;
use crate::core::words::count;
use crate::tui::context::Ctx;
use crate::tui::widgets::hints::render_hints;

/// What the view shows, computed once when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersusView {
    /// The incident's runbook title.
    pub title: String,
    /// Its runbook key (file stem).
    pub runbook: String,
    /// When the incident started.
    pub started_at: DateTime<Utc>,
    /// What core found.
    pub versus: Versus,
}

impl ReviewScreen {
    /// The selected incident beside the drills of its runbook; `None` when
    /// the selected row is not an incident.
    pub(super) fn versus_view(&self) -> Option<Box<VersusView>> {
        let (_, incident) = self.selected_summary()?;
        let history: Vec<_> = self.summaries().cloned().collect();
        let versus = versus(&history, incident)?;
        Some(Box::new(VersusView {
            title: incident.title.clone(),
            runbook: incident.runbook.clone(),
            started_at: incident.started_at,
            versus,
        }))
    }
}

/// The incident's side of a step: its time, `skip`, or `-` (not reached).
fn incident_cell(s: &StepVersus) -> String {
    match (s.incident_ms, s.incident_skipped) {
        (Some(ms), _) => clock(ms),
        (None, true) => "skip".to_owned(),
        (None, false) => "-".to_owned(),
    }
}

fn practice_span<'a>(ctx: &Ctx<'_>, s: &StepVersus) -> Span<'a> {
    let t = ctx.theme;
    match s.practice {
        Practice::Practised => Span::styled(format!("✓ practised ({} timed)", s.drills_timed), t.good),
        gap => Span::styled(format!("✖ {}", gap.label()), t.warn),
    }
}

/// The lines of the table, one row per step (two when `narrow`).
fn step_lines<'a>(ctx: &Ctx<'_>, v: &Versus, narrow: bool) -> Vec<Line<'a>> {
    let t = ctx.theme;
    let mut lines = if narrow {
        vec![Line::styled("step     incident vs drills", t.title)]
    } else {
        vec![Line::styled("step       incident  drills    vs        in the drills", t.title)]
    };
    for s in &v.steps {
        let median = s.drills_median_ms.map_or_else(|| "-".to_owned(), clock);
        let (vs, vs_style) = match s.delta_ms() {
            Some(d) if d >= 1000 => (format!("▲{}", delta(d).trim_start_matches('+')), t.warn),
            Some(d) if d <= -1000 => (format!("▼{}", delta(d).trim_start_matches('-')), t.good),
            Some(_) => ("=".to_owned(), t.text),
            None => ("-".to_owned(), t.dim),
        };
        let label = s.step.label();
        if narrow {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<8} "), t.title),
                Span::raw(format!("{} vs {median} ", incident_cell(s))),
                Span::styled(vs, vs_style),
            ]));
            lines.push(Line::from(vec![Span::raw("  "), practice_span(ctx, s)]));
        } else {
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<10} "), t.title),
                Span::raw(format!("{:<9} {median:<9} ", incident_cell(s))),
                Span::styled(format!("{vs:<9} "), vs_style),
                practice_span(ctx, s),
            ]));
        }
    }
    lines
}

/// What the drills never practised, by name and why, or that they did all.
fn gap_lines<'a>(ctx: &Ctx<'_>, view: &VersusView) -> Vec<Line<'a>> {
    let t = ctx.theme;
    let v = &view.versus;
    if v.drills == 0 {
        return vec![Line::styled(
            format!(
                "▲ no drill of {} before this incident: nothing to compare. A live-fire drill (--live-commands) gives the next one a measure.",
                sanitize_line(&view.runbook)
            ),
            t.warn,
        )];
    }
    let gaps: Vec<&StepVersus> = v.gaps().collect();
    if gaps.is_empty() {
        return vec![Line::styled(
            "✓ the drills practised every step live-fire, a command measuring at least one item of each",
            t.good,
        )];
    }
    let mut lines = vec![Line::styled("▲ never practised for real in a drill:", t.warn)];
    for g in gaps {
        lines.push(Line::from(format!("  {}: {}", g.step.label(), g.practice.why())));
    }
    lines
}

/// Draws the incident beside the drills, scrolled.
pub fn render(s: &ReviewScreen, ctx: &Ctx<'_>, view: &VersusView, scroll: u16, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let v = &view.versus;
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    Paragraph::new(vec![
        Line::from(vec![
            Span::styled(" firedrill · INCIDENT vs DRILLS · ", t.title),
            Span::styled(sanitize_line(&view.title), t.title),
        ]),
        Line::styled(
            format!(
                " incident {} · runbook {}",
                view.started_at.format("%Y-%m-%d %H:%M"),
                sanitize_line(&view.runbook)
            ),
            t.dim,
        ),
    ])
    .render(head, buf);
    let inner = Block::bordered().inner(body);
    let mut lines = Vec::new();
    if v.drills > 0 {
        lines.push(Line::styled(
            format!(
                "drills: the median over {} (the latest {LAST_TIMED} at most) of the {} before this incident",
                count(v.timed, "verified live-fire drill"),
                count(v.drills, "drill"),
            ),
            t.dim,
        ));
        lines.push(Line::default());
    }
    lines.extend(step_lines(ctx, v, inner.width < 66));
    lines.push(Line::default());
    lines.extend(gap_lines(ctx, view));
    let text = Paragraph::new(lines).wrap(Wrap { trim: false });
    // The last page ends the scroll: no blank pages past the end.
    let most = u16::try_from(text.line_count(inner.width)).unwrap_or(u16::MAX).saturating_sub(inner.height);
    s.set_most(most);
    let more = if scroll < most {
        format!(" ▼ more: {} ", ctx.keymap.all_keys(s.context(), crate::keymap::Action::PageDown))
    } else {
        String::new()
    };
    text.scroll((scroll.min(most), 0))
        .block(
            Block::bordered()
                .title(" per step: this incident · the drills ")
                .title_bottom(Line::styled(more, t.warn).right_aligned())
                .border_style(t.border),
        )
        .render(body, buf);
    render_hints(ctx, s.context(), foot, buf);
}
