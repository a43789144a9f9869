//! The sessions running here, the latest active first, each with its runbook, mode,
//! who drives and since when: `enter` follows the one selected.

use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use super::wrap;
use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::sessions::Unfinished;
use crate::tui::context::Ctx;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::hints::render_hints;

/// One running session as the picker lists it, computed once.
#[derive(Debug)]
struct RunningRow {
    session: Unfinished,
    mode: String,
    title: String,
    driver: String,
    since: DateTime<Utc>,
    step: String,
    writer: String,
}

impl RunningRow {
    fn of(session: Unfinished) -> Self {
        let h = &session.header;
        let title = session.title().to_owned();
        let (driver, step) = session
            .progress
            .as_ref()
            .map_or_else(|| (String::new(), String::new()), |s| (s.roles.driver.clone(), s.step("in the debrief")));
        Self {
            mode: h.mode.key().to_uppercase(),
            since: h.started_at,
            writer: writer(&session),
            session,
            title,
            driver,
            step,
        }
    }
}

/// Who writes `session`, as the follower's band names it: `host:pid`.
fn writer(session: &Unfinished) -> String {
    session.holder.as_ref().map_or_else(|| "no running writer".to_owned(), |h| format!("{}:{}", h.host, h.pid))
}

/// The effects that follow `session`: its journal is read afresh (a list
/// holds none of its events), then followed from there.
pub fn follow(session: &Unfinished) -> Vec<Effect> {
    let open = crate::tui::messages::Opening::Follow { writer: writer(session) };
    vec![Effect::Cmd(crate::tui::messages::Cmd::ReadJournal { path: session.path.clone(), then: open })]
}

/// The picker's state.
#[derive(Debug)]
pub struct Picker {
    rows: Vec<RunningRow>,
    selected: usize,
}

impl Picker {
    /// A picker over `running` (the latest active first).
    pub fn new(running: Vec<Unfinished>) -> Self {
        Self { rows: running.into_iter().map(RunningRow::of).collect(), selected: 0 }
    }

    /// Handles a key: move, follow the selected session, help, leave.
    pub fn handle(&mut self, action: Option<Action>) -> Vec<Effect> {
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1)),
            Some(Action::Select) => {
                return self.rows.get(self.selected).map(|r| follow(&r.session)).unwrap_or_default();
            }
            Some(Action::Help) => return vec![Effect::Help],
            Some(Action::Quit) => return vec![Effect::Exit(0)],
            _ => {}
        }
        Vec::new()
    }

    /// Draws the list.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let [head, body, foot] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        Paragraph::new(vec![
            Line::from(vec![Span::styled(" firedrill · FOLLOW · ", t.title), Span::styled("pick a session", t.title)]),
            Line::styled(" read-only: watching never changes the session", t.dim),
        ])
        .render(head, buf);
        let width = body.width.saturating_sub(4);
        let items: Vec<ListItem<'_>> = self
            .rows
            .iter()
            .map(|r| {
                let age = ctx.now.wall.signed_duration_since(r.since).num_minutes().max(0);
                let mut lines: Vec<Line<'_>> = wrap(&format!("{} · {}", r.mode, sanitize_line(&r.title)), width, "  ")
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| Line::styled(l, if i == 0 { t.active } else { t.title }))
                    .collect();
                let detail = format!(
                    "  driven by {} · since {} UTC ({age} min) · {}",
                    sanitize_line(&r.driver),
                    r.since.format("%H:%M"),
                    r.step
                );
                lines.extend(wrap(&detail, width, "  ").into_iter().map(|l| Line::styled(l, t.text)));
                lines.extend(
                    wrap(&format!("  writer {}", sanitize_line(&r.writer)), width, "  ")
                        .into_iter()
                        .map(|l| Line::styled(l, t.dim)),
                );
                ListItem::new(lines)
            })
            .collect();
        let title =
            format!(" {} running here, latest active first ", crate::core::words::count(self.rows.len(), "session"));
        let list = List::new(items)
            .block(Block::bordered().title(title).border_style(t.border))
            .highlight_style(t.selected)
            .highlight_symbol("› ");
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(list, body, buf, &mut state);
        render_hints(ctx, KeyContext::FollowPick, foot, buf);
    }
}
