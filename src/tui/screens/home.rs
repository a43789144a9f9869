//! The home screen: unfinished sessions first (resume them), then the
//! runbooks in ./runbooks (or, when it has none, the practice runbook) as
//! a readiness board (title, service, when last drilled and how it went,
//! read from the review cache after the first frame); pick one, then drill or incident. Enter on an invalid runbook
//! shows why; `c` writes the selected runbook's drill card beside it (to
//! print and keep near releases). `firedrill resume` shows the same screen
//! with sessions only.

mod rows;

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget};

use crate::core::event::Mode;
use crate::core::review::Summary as Drilled;
use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::runbook_file::Entry;
use crate::store::sessions::Unfinished;
use crate::tui::context::Ctx;
use crate::tui::screens::effect::Effect;
use crate::tui::screens::{Screen, roles::RolesScreen};
use crate::tui::widgets::hints::render_hints_but;
use crate::tui::widgets::popup::render_popup;

/// The home screen's state.
#[derive(Debug, Clone)]
pub struct HomeScreen {
    unfinished: Vec<Unfinished>,
    summaries: Vec<rows::UnfinishedSummary>,
    entries: Vec<Entry>,
    dir: Option<PathBuf>,
    selected: usize,
    modal: HomeModal,
    history: Option<Vec<Drilled>>,
}

/// What floats over the list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum HomeModal {
    None,
    /// Drill or incident?
    Mode,
    /// Why the selected runbook is invalid.
    Error,
    /// The drill card: being written, written (path, lines), or why not.
    Card(Option<Result<(PathBuf, usize), String>>),
    /// Why the unfinished session chosen could not be opened.
    Unopened(String),
}

impl HomeScreen {
    /// A home screen over unfinished sessions and the runbooks found in
    /// `dir` (`None`: sessions only, for `firedrill resume`).
    pub fn new(unfinished: Vec<Unfinished>, entries: Vec<Entry>, dir: Option<PathBuf>) -> Self {
        let summaries = unfinished.iter().map(rows::summarize).collect();
        Self { unfinished, summaries, entries, dir, selected: 0, modal: HomeModal::None, history: None }
    }

    /// The saved sessions arrived: the board can say when each runbook was drilled.
    pub fn history_arrived(&mut self, history: Vec<Drilled>) {
        self.history = Some(history);
    }

    /// The drill card was written (its path and lines), or why not.
    pub fn card_written(&mut self, result: Result<(PathBuf, usize), String>) {
        if matches!(self.modal, HomeModal::Card(None)) {
            self.modal = HomeModal::Card(Some(result));
        }
    }

    /// The unfinished session chosen could not be read to open it: why
    /// (its journal gone since the list was made, say), over the list.
    pub fn unopened(&mut self, why: &str) {
        self.modal = HomeModal::Unopened(why.to_owned());
    }

    /// `home`, `mode_menu` while the mode chooser is open, `notice` over an error.
    pub fn context(&self) -> KeyContext {
        match self.modal {
            HomeModal::None => KeyContext::Home,
            HomeModal::Mode => KeyContext::ModeMenu,
            HomeModal::Error | HomeModal::Card(_) | HomeModal::Unopened(_) => KeyContext::Notice,
        }
    }

    fn rows(&self) -> usize {
        self.unfinished.len() + self.entries.len()
    }

    fn runbook(&self) -> Option<&Entry> {
        self.selected.checked_sub(self.unfinished.len()).and_then(|i| self.entries.get(i))
    }

    /// Handles an action.
    pub fn handle(&mut self, action: Option<Action>) -> Vec<Effect> {
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(self.rows().saturating_sub(1)),
            Some(Action::Select) => {
                if let Some(u) = self.unfinished.get(self.selected) {
                    let then = crate::tui::messages::Opening::Resume;
                    return vec![Effect::Cmd(crate::tui::messages::Cmd::ReadJournal { path: u.path.clone(), then })];
                }
                match self.runbook().map(|e| e.loaded.is_ok()) {
                    Some(true) => self.modal = HomeModal::Mode,
                    Some(false) => self.modal = HomeModal::Error,
                    None => {}
                }
            }
            Some(Action::Back) => self.modal = HomeModal::None,
            Some(a @ (Action::StartDrill | Action::StartIncident)) => {
                let mode = if a == Action::StartDrill { Mode::Drill } else { Mode::Incident };
                if let Some(Ok(loaded)) = self.runbook().map(|e| e.loaded.clone()) {
                    self.modal = HomeModal::None;
                    let back = Box::new(self.clone());
                    let mut roles = RolesScreen::new(loaded, mode).with_back(Screen::Home(*back));
                    if let Some(history) = &self.history {
                        roles.history_arrived(history);
                    }
                    return vec![Effect::Go(Box::new(Screen::Roles(Box::new(roles))))];
                }
            }
            Some(Action::Card) => match self.runbook().map(|e| (e.loaded.is_ok(), e.path.clone())) {
                Some((true, path)) => {
                    self.modal = HomeModal::Card(None);
                    return vec![Effect::Cmd(crate::tui::messages::Cmd::WriteCard(path))];
                }
                Some((false, _)) => self.modal = HomeModal::Error,
                None => {}
            },
            Some(Action::Review) => return vec![Effect::Cmd(crate::tui::messages::Cmd::OpenReview)],
            Some(Action::Help) => return vec![Effect::Help],
            Some(Action::Quit) => return vec![Effect::Exit(0)],
            _ => {}
        }
        Vec::new()
    }

    /// Draws the list and the hint line.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let [head, body, foot] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        // Runbooks from elsewhere than the folder: the practice runbook, offered for an empty one.
        let offered = |d: &PathBuf| !self.entries.is_empty() && self.entries.iter().all(|e| !e.path.starts_with(d));
        let place = self.dir.as_ref().map_or_else(
            || "unfinished sessions".to_owned(),
            |d| {
                let d_shown = sanitize_line(&d.display().to_string());
                if offered(d) {
                    format!("no runbooks in {d_shown}: the practice runbook (firedrill practice start)")
                } else {
                    format!("runbooks in {d_shown}")
                }
            },
        );
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(" firedrill", t.title),
                Span::styled(" · rollback drills and live incidents", t.dim),
            ]),
            Line::styled(format!(" {place}"), t.dim),
        ])
        .render(head, buf);
        if self.rows() == 0 {
            let msg = match &self.dir {
                // The command names this folder, so it works as typed.
                Some(d) => format!(
                    " No runbooks (*.toml) in {}. Write one with: firedrill new {}",
                    sanitize_line(&d.display().to_string()),
                    sanitize_line(&d.join("my-service.toml").display().to_string())
                ),
                None => " No unfinished sessions.".to_owned(),
            };
            Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }).block(Block::bordered()).render(body, buf);
        } else {
            let mut items: Vec<ListItem<'_>> = self.summaries.iter().map(|s| rows::unfinished(ctx, s)).collect();
            items.extend(self.entries.iter().map(|e| rows::runbook(ctx, e, self.history.as_deref())));
            let mut state = ListState::default().with_selected(Some(self.selected));
            let title = match (self.unfinished.is_empty(), self.entries.is_empty()) {
                (true, _) => " runbooks ",
                (false, true) => " unfinished sessions ",
                (false, false) => " unfinished sessions, then runbooks ",
            };
            let list = List::new(items)
                .block(Block::bordered().title(title).border_style(t.border))
                .highlight_style(t.selected)
                .highlight_symbol("› ");
            StatefulWidget::render(list, body, buf, &mut state);
        }
        // The drill card is a runbook's: not offered on a session's row.
        let idle: &[Action] = if self.runbook().is_some() { &[] } else { &[Action::Card] };
        render_hints_but(ctx, self.context(), idle, foot, buf);
        if self.modal == HomeModal::Error
            && let Some(Err(err)) = self.runbook().map(|e| &e.loaded)
        {
            let inner = render_popup(ctx, "invalid runbook", 72, 9, area, buf);
            Paragraph::new(vec![
                Line::from(vec![Span::styled("✖ ", t.bad), Span::styled(err.to_string(), t.text)]),
                Line::default(),
                Line::styled(
                    format!(
                        "Every error: firedrill check {}",
                        self.runbook().map(|e| sanitize_line(&e.path.display().to_string())).unwrap_or_default()
                    ),
                    t.dim,
                ),
            ])
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(inner, buf);
        }
        if let HomeModal::Card(result) = &self.modal {
            render_card(ctx, result.as_ref(), area, buf);
        }
        if let HomeModal::Unopened(why) = &self.modal {
            let inner = render_popup(ctx, "cannot open the session", 72, 9, area, buf);
            let close = Span::styled(ctx.keymap.first_key(KeyContext::Notice, Action::Back), t.key);
            Paragraph::new(vec![
                Line::from(vec![Span::styled("✖ ", t.bad), Span::raw(sanitize_line(why))]),
                Line::from(vec![close, Span::raw(" close")]),
            ])
            .wrap(ratatui::widgets::Wrap { trim: false })
            .render(inner, buf);
        }
        if self.modal == HomeModal::Mode {
            let inner = render_popup(ctx, "start as", 46, 6, area, buf);
            let key = |a| Span::styled(ctx.keymap.first_key(KeyContext::ModeMenu, a), t.key);
            Paragraph::new(vec![
                Line::from(vec![key(Action::StartDrill), Span::raw("  drill: practice, time-boxed, two people+")]),
                Line::from(vec![key(Action::StartIncident), Span::raw("  incident: live, wall clock, may run solo")]),
                Line::from(vec![key(Action::Back), Span::raw("  back")]),
            ])
            .render(inner, buf);
        }
    }
}

/// The card's notice: where it was written, or why it was not.
fn render_card(ctx: &Ctx<'_>, result: Option<&Result<(PathBuf, usize), String>>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    let inner = render_popup(ctx, "drill card", 72, 7, area, buf);
    let close = Span::styled(ctx.keymap.first_key(KeyContext::Notice, Action::Back), t.key);
    let lines = match result {
        None => vec![Line::from("writing the card...")],
        Some(Ok((path, n))) => vec![
            Line::from(vec![Span::styled("✓ ", t.good), Span::raw(format!("the card ({n} lines) is in"))]),
            Line::styled(sanitize_line(&path.display().to_string()), t.active),
            Line::from("Print it and keep it near releases."),
            Line::from(vec![close, Span::raw(" close")]),
        ],
        Some(Err(why)) => vec![
            Line::from(vec![Span::styled("✖ ", t.bad), Span::raw(sanitize_line(why))]),
            Line::from(vec![close, Span::raw(" close")]),
        ],
    };
    Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }).render(inner, buf);
}
