//! The home screen: the runbooks in ./runbooks with title and service; pick
//! one, then drill or incident.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use crate::core::event::Mode;
use crate::core::sanitize::sanitize_line;
use crate::store::runbook_file::Entry;
use crate::tui::app::{Ctx, Effect, Now};
use crate::tui::keymap::Action;
use crate::tui::screens::{Screen, roles::RolesScreen};
use crate::tui::widgets::hints::render_hints;
use crate::tui::widgets::popup::render_popup;

/// The home screen's state.
#[derive(Debug, Clone)]
pub struct HomeScreen {
    entries: Vec<Entry>,
    dir: PathBuf,
    selected: usize,
    choosing_mode: bool,
}

impl HomeScreen {
    /// A home screen over the runbooks found in `dir`.
    pub fn new(entries: Vec<Entry>, dir: PathBuf) -> Self {
        Self { entries, dir, selected: 0, choosing_mode: false }
    }

    /// `home`, or `mode_menu` while the mode chooser is open.
    pub fn context(&self) -> &'static str {
        if self.choosing_mode { "mode_menu" } else { "home" }
    }

    /// Handles an action.
    pub fn handle(&mut self, action: Option<Action>, _now: Now) -> Vec<Effect> {
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.entries.len().saturating_sub(1)),
            Some(Action::Select) if self.entries.get(self.selected).is_some_and(|e| e.loaded.is_ok()) => {
                self.choosing_mode = true;
            }
            Some(Action::Back) => self.choosing_mode = false,
            Some(a @ (Action::StartDrill | Action::StartIncident)) => {
                let mode = if a == Action::StartDrill { Mode::Drill } else { Mode::Incident };
                if let Some(Ok(loaded)) = self.entries.get(self.selected).map(|e| e.loaded.clone()) {
                    self.choosing_mode = false;
                    let back = Box::new(self.clone());
                    return vec![Effect::Go(Box::new(Screen::Roles(Box::new(
                        RolesScreen::new(loaded, mode).with_back(back),
                    ))))];
                }
            }
            Some(Action::Help) => return vec![Effect::Help],
            Some(Action::Quit) => return vec![Effect::Exit(0)],
            _ => {}
        }
        Vec::new()
    }

    /// Draws the list, the selected runbook's facts and the hint line.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let [head, body, foot] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" firedrill", t.title),
                Span::styled(" · rollback drills and live incidents", t.dim),
            ]),
            Line::styled(format!(" runbooks in {}", sanitize_line(&self.dir.display().to_string())), t.dim),
        ])
        .render(head, buf);
        if self.entries.is_empty() {
            let msg = format!(
                " No runbooks (*.toml) in {}. Write one with: firedrill new runbooks/my-service.toml",
                sanitize_line(&self.dir.display().to_string())
            );
            Paragraph::new(msg).block(Block::bordered().title(" runbooks ")).render(body, buf);
        } else {
            let items: Vec<ListItem<'_>> = self.entries.iter().map(|e| entry_item(ctx, e)).collect();
            let mut state = ListState::default().with_selected(Some(self.selected));
            StatefulWidget::render(
                List::new(items)
                    .block(Block::bordered().title(" runbooks ").border_style(t.border))
                    .highlight_style(t.selected)
                    .highlight_symbol("› "),
                body,
                buf,
                &mut state,
            );
        }
        render_hints(ctx, self.context(), foot, buf);
        if self.choosing_mode {
            let inner = render_popup(ctx, "start as", 46, 6, area, buf);
            let key = |a| Span::styled(ctx.keymap.first_key("mode_menu", a), t.key);
            Paragraph::new(vec![
                Line::from(vec![key(Action::StartDrill), Span::raw("  drill: practice, time-boxed, two people+")]),
                Line::from(vec![key(Action::StartIncident), Span::raw("  incident: live, wall clock, may run solo")]),
                Line::from(vec![key(Action::Back), Span::raw("  back")]),
            ])
            .render(inner, buf);
        }
    }
}

fn entry_item<'a>(ctx: &Ctx<'_>, e: &'a Entry) -> ListItem<'a> {
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
