//! The rows of the home list: an unfinished session, or a runbook.

use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file::Entry;
use crate::store::sessions::Unfinished;
use crate::tui::app::Ctx;

/// What the home list shows of an unfinished session, computed once.
#[derive(Debug, Clone)]
pub struct Summary {
    mode: String,
    title: String,
    detail: String,
    held: Option<String>,
}

/// Summarizes an unfinished session: mode, title, when, where it stopped, who.
pub fn summarize(u: &Unfinished) -> Summary {
    let h = &u.loaded.header;
    let title = crate::core::runbook::Runbook::parse(&h.runbook_path, &h.runbook_text)
        .map_or_else(|_| sanitize_line(&h.runbook_path), |r| sanitize_line(r.title()));
    let last = u.loaded.events.last().map(|e| e.at.format("%H:%M UTC").to_string()).unwrap_or_default();
    let (step, roles) = u.loaded.session().map_or_else(
        |_| (String::new(), String::new()),
        |(_, s)| {
            let step = s.active().map_or_else(
                || "debrief".to_owned(),
                |i| format!("step {}/{} {}", i + 1, s.steps.len(), s.steps[i].plan.kind.label()),
            );
            let r = &s.roles;
            (step, sanitize_line(&format!("driver {} · comms {} · verifier {}", r.driver, r.communicator, r.verifier)))
        },
    );
    Summary {
        mode: h.mode.key().to_uppercase(),
        title,
        detail: format!(
            "  started {} · last event {last} · {step} · {roles}",
            h.started_at.format("%Y-%m-%d %H:%M UTC")
        ),
        held: u.holder.as_ref().map(|holder| format!("  held by {holder}: opens read-only")),
    }
}

/// The list row of a summarized unfinished session.
pub fn unfinished<'a>(ctx: &Ctx<'_>, s: &'a Summary) -> ListItem<'a> {
    let t = ctx.theme;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("⟳ unfinished ", t.warn),
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

/// A runbook: title and service, file and releases; or why it is invalid.
pub fn runbook<'a>(ctx: &Ctx<'_>, e: &'a Entry) -> ListItem<'a> {
    let t = ctx.theme;
    let name = e.path.file_name().map(|n| sanitize_line(&n.to_string_lossy())).unwrap_or_default();
    match &e.loaded {
        Ok(l) => {
            let service = l.runbook.service.as_deref().map(|s| format!(" · {}", sanitize_line(s))).unwrap_or_default();
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(sanitize_line(l.runbook.title()), t.title),
                    Span::styled(service, t.text),
                ]),
                Line::styled(
                    format!(
                        "  {name} · {} → {}",
                        sanitize_line(l.runbook.live()),
                        sanitize_line(l.runbook.known_good())
                    ),
                    t.dim,
                ),
            ])
        }
        Err(err) => ListItem::new(vec![
            Line::from(vec![Span::styled("✖ ", t.bad), Span::styled(name, t.text), Span::styled(" (invalid)", t.bad)]),
            Line::styled(format!("  {err}"), t.dim),
        ]),
    }
}
