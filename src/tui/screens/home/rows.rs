//! The rows of the home list: an unfinished session, or a runbook with its
//! readiness (when last drilled, how, how long ago, total against time-box).

use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use crate::core::readiness::Direction;
use crate::core::review::{Summary as Drilled, runbook_key};
use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file::Entry;
use crate::store::sessions::Unfinished;
use crate::tui::context::Ctx;

/// What the home list shows of an unfinished session, computed once.
#[derive(Debug, Clone)]
pub struct UnfinishedSummary {
    /// Finished, its postmortem missing (not resumable).
    missing: bool,
    mode: String,
    title: String,
    detail: String,
    held: Option<String>,
}

/// Summarizes an unfinished session: mode, title, when, where it stopped, who.
pub fn summarize(u: &Unfinished) -> UnfinishedSummary {
    let h = &u.header;
    let title = sanitize_line(u.title());
    if u.postmortem_missing {
        let journal = sanitize_line(&u.path.display().to_string());
        return UnfinishedSummary {
            missing: true,
            mode: h.mode.key().to_uppercase(),
            title,
            detail: format!("  finished, not saved: write its postmortem with: firedrill report {journal}"),
            held: None,
        };
    }
    let last = u.last_at.map(|at| at.format("%H:%M UTC").to_string()).unwrap_or_default();
    let (step, roles, solo) = u.progress.as_ref().map_or_else(
        || (String::new(), String::new(), false),
        |s| {
            let r = &s.roles;
            let roles =
                sanitize_line(&format!("driver {} · comms {} · verifier {}", r.driver, r.communicator, r.verifier));
            (s.step("debrief"), roles, s.solo)
        },
    );
    UnfinishedSummary {
        missing: false,
        // Solo practice is never shown as a team drill.
        mode: if solo { "SOLO PRACTICE".to_owned() } else { h.mode.key().to_uppercase() },
        title,
        // Where it stopped and who holds it first: a narrow row keeps those.
        detail: format!(
            "  {step} · {roles} · last event {last} · started {}",
            h.started_at.format("%Y-%m-%d %H:%M UTC")
        ),
        held: u.holder.as_ref().map(|holder| format!("  held by {holder}: opens read-only")),
    }
}

/// The list row of a summarized unfinished session.
pub fn unfinished<'a>(ctx: &Ctx<'_>, s: &'a UnfinishedSummary) -> ListItem<'a> {
    let t = ctx.theme;
    let mut lines = vec![
        Line::from(vec![
            if s.missing {
                Span::styled("⚠ postmortem missing ", t.bad)
            } else {
                Span::styled("⟳ unfinished ", t.warn)
            },
            Span::styled(s.mode.as_str(), t.active),
            Span::styled(format!(" · {}", s.title), t.title),
        ]),
        Line::styled(s.detail.as_str(), t.dim),
    ];
    if let Some(held) = &s.held {
        lines.push(Line::styled(held.as_str(), t.warn));
    }
    ListItem::new(lines)
}

/// The readiness line of the runbook at `path`; empty until the history arrives.
fn readiness<'a>(ctx: &Ctx<'_>, path: &std::path::Path, history: Option<&[Drilled]>) -> Line<'a> {
    let t = ctx.theme;
    let Some(history) = history else { return Line::default() };
    let key = runbook_key(&path.display().to_string());
    let Some(r) = crate::core::readiness::of(history, &key, ctx.now.wall) else {
        return Line::from(vec![Span::raw("  "), Span::styled("○ never drilled", t.warn)]);
    };
    let ago = match r.days_since {
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        n => format!("{n} days ago"),
    };
    let (ago, ago_style) =
        if r.overdue { (format!("⚠ drilled {ago}: overdue"), t.bad) } else { (format!("drilled {ago}"), t.good) };
    let over = crate::core::timing::TimeboxState::is_over(r.total_ms, r.timebox_ms);
    let mut spans = vec![
        Span::raw("  "),
        Span::styled(ago, ago_style),
        Span::styled(format!(" · {} · ", r.outcome), t.dim),
        Span::styled(
            format!("{} of {}{}", mm_ss(r.total_ms), mm_ss(r.timebox_ms), if over { " ▲ over" } else { "" }),
            if over { t.warn } else { t.text },
        ),
    ];
    if let Some(trend) = r.trend {
        let (word, style) = match trend {
            Direction::Faster => ("faster", t.good),
            Direction::Steady => ("steady", t.dim),
            Direction::Slower => ("slower", t.warn),
        };
        spans.push(Span::styled(format!(" · {} {word}", trend.arrow()), style));
    }
    Line::from(spans)
}

/// " · next drill Tue 2026-12-01 10:00" from the runbook's calendar file
/// (the team's local time), when it has one.
fn next_drill<'a>(ctx: &Ctx<'_>, e: &Entry) -> Option<Span<'a>> {
    let s = e.schedule.as_ref()?;
    let now = ctx.now.wall.with_timezone(&chrono::Local).naive_local();
    let next = if s.start > now { s.start } else { s.rule.next_after(now) };
    Some(Span::styled(format!("  ◷ next drill {}", next.format("%a %Y-%m-%d %H:%M")), ctx.theme.text))
}

fn mm_ss(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}", s / 60, s % 60)
}

/// A runbook: title and service, file and releases, readiness; or why it is invalid.
pub fn runbook<'a>(ctx: &Ctx<'_>, e: &'a Entry, history: Option<&[Drilled]>) -> ListItem<'a> {
    let t = ctx.theme;
    let name = e.path.file_name().map(|n| sanitize_line(&n.to_string_lossy())).unwrap_or_default();
    match &e.loaded {
        Ok(l) => {
            // The file's text, shown as a journal would keep it (redacted).
            let r = crate::core::redact::Redactor::of_patterns(&l.runbook.redact);
            let shown = |text: &str| sanitize_line(&r.apply(text));
            let service = l.runbook.service.as_deref().map(|s| format!(" · {}", shown(s))).unwrap_or_default();
            let mut ready = readiness(ctx, &e.path, history);
            ready.spans.extend(next_drill(ctx, e));
            ListItem::new(vec![
                Line::from(vec![Span::styled(shown(l.runbook.title()), t.title), Span::styled(service, t.text)]),
                Line::styled(
                    format!("  {name} · {} → {}", shown(l.runbook.live()), shown(l.runbook.known_good())),
                    t.dim,
                ),
                ready,
            ])
        }
        Err(err) => ListItem::new(vec![
            Line::from(vec![Span::styled("✖ ", t.bad), Span::styled(name, t.text), Span::styled(" (invalid)", t.bad)]),
            Line::styled(format!("  {err}"), t.dim),
        ]),
    }
}
