//! The review screen: saved sessions newest first (filter by runbook and
//! deck, and by mode, `/` to search), one session's postmortem, the
//! trends of a runbook drilled with one deck, and an incident beside the
//! team's drills of its runbook.

mod list;
mod rows;
mod trends;
mod versus;
mod window;

use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use crate::core::event::Mode;
use crate::core::preflight::Record;
use crate::core::review::Summary;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::review::Scanned;
use crate::tui::context::Ctx;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::field::{new_field, text};

/// What the review screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The list of sessions.
    List,
    /// One session's postmortem (markdown), scrolled.
    Session {
        /// The postmortem file.
        path: PathBuf,
        /// Its text once read, or why it could not be.
        markdown: Option<Result<String, String>>,
        /// Lines scrolled.
        scroll: u16,
    },
    /// The trends of one runbook, scrolled.
    Trends {
        /// What to show, computed when the view opened.
        view: Box<trends::TrendView>,
        /// Lines scrolled.
        scroll: u16,
    },
    /// An incident beside the team's drills of its runbook, scrolled.
    Versus {
        /// What to show, computed when the view opened.
        view: Box<versus::VersusView>,
        /// Lines scrolled.
        scroll: u16,
    },
}

/// The review screen's state.
#[derive(Debug, Clone)]
pub struct ReviewScreen {
    scanned: Arc<[Scanned]>,
    preflights: Vec<(PathBuf, Record)>,
    dir: PathBuf,
    selected: usize,
    mode: Option<Mode>,
    /// The group shown: a runbook key, with its deck ([`Summary::group`]).
    runbook: Option<String>,
    query: String,
    search: Option<TextArea<'static>>,
    view: View,
    back: Option<Box<crate::tui::screens::home::HomeScreen>>,
    /// Lines a page scroll moves: the text pane's height.
    page: u16,
    /// The most a postmortem can scroll, as last drawn (no blank pages past its end).
    most: std::cell::Cell<u16>,
}

impl ReviewScreen {
    /// Records how far the postmortem on screen can scroll (set as it is drawn).
    pub(super) fn set_most(&self, most: u16) {
        self.most.set(most);
    }

    /// Follows the terminal's height, `rows`: a page is the text pane less its frame.
    pub fn set_height(&mut self, rows: u16) {
        self.page = rows.saturating_sub(5).max(1);
    }

    /// The review of `dir`, holding what scanning it found.
    pub fn new(scanned: Arc<[Scanned]>, dir: PathBuf) -> Self {
        Self {
            scanned,
            preflights: Vec::new(),
            dir,
            selected: 0,
            mode: None,
            runbook: None,
            query: String::new(),
            search: None,
            view: View::List,
            back: None,
            page: 20,
            most: std::cell::Cell::new(u16::MAX),
        }
    }

    /// The folder's pre-release check records too (newest first).
    #[must_use]
    pub fn with_preflights(mut self, preflights: Vec<(PathBuf, Record)>) -> Self {
        self.preflights = preflights;
        self
    }

    /// Where `esc` goes from the list: the home screen it was opened from.
    #[must_use]
    pub fn with_back(mut self, home: Option<Box<crate::tui::screens::home::HomeScreen>>) -> Self {
        self.back = home;
        self
    }

    /// The keymap context.
    pub fn context(&self) -> KeyContext {
        match (&self.view, self.search.is_some()) {
            (_, true) => KeyContext::Prompt,
            (View::List, false) => KeyContext::Review,
            _ => KeyContext::ReviewView,
        }
    }

    /// The summaries that can be read.
    fn summaries(&self) -> impl Iterator<Item = &Summary> {
        self.scanned.iter().filter_map(|s| s.summary.as_ref().ok())
    }

    fn selected_summary(&self) -> Option<(&Scanned, &Summary)> {
        let rows::Row::Session(i) = *self.rows().get(self.selected)? else { return None };
        let s = &self.scanned[i];
        s.summary.as_ref().ok().map(|sum| (s, sum))
    }

    /// The selected pre-release check record, if a record is selected.
    fn selected_preflight(&self) -> Option<&(PathBuf, Record)> {
        let rows::Row::Preflight(i) = *self.rows().get(self.selected)? else { return None };
        self.preflights.get(i)
    }

    /// Handles a key in the current view.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
        if let Some(field) = &mut self.search {
            if let Some(Action::Submit | Action::Cancel) = action {
                self.search = None;
            } else {
                crate::tui::widgets::field::input(field, key);
                self.query = text(field);
                self.selected = 0;
            }
            return Vec::new();
        }
        match (&mut self.view, action) {
            (View::List, Some(Action::Up)) => self.selected = self.selected.saturating_sub(1),
            (View::List, Some(Action::Down)) => {
                self.selected = (self.selected + 1).min(self.rows().len().saturating_sub(1));
            }
            (View::List, Some(Action::Select)) => {
                if let Some((path, record)) = self.selected_preflight() {
                    let markdown = Some(Ok(record.markdown()));
                    self.view = View::Session { path: path.clone(), markdown, scroll: 0 };
                } else if let Some((s, _)) = self.selected_summary() {
                    let path = s.path.with_extension("md");
                    self.view = View::Session { path: path.clone(), markdown: None, scroll: 0 };
                    return vec![Effect::Cmd(Cmd::ReadFile(path))];
                }
            }
            (View::List, Some(Action::Trends)) => {
                // An incident is shown beside the drills; a drill, its runbook's trends.
                if let Some(view) = self.versus_view() {
                    self.view = View::Versus { view, scroll: 0 };
                } else if let Some(key) = self.selected_runbook() {
                    let deck = self.selected_summary().and_then(|(_, s)| s.deck.clone());
                    let view = Box::new(trends::prepare(self.summaries(), &self.preflights, &key, deck.as_deref()));
                    self.view = View::Trends { view, scroll: 0 };
                }
            }
            (View::List, Some(Action::Search)) => {
                self.search = Some(new_field("search", "title, runbook, person or date"));
            }
            (View::List, Some(Action::FilterMode)) => {
                self.mode = match self.mode {
                    None => Some(Mode::Drill),
                    Some(Mode::Drill) => Some(Mode::Incident),
                    Some(Mode::Incident) => None,
                };
                self.selected = 0;
            }
            (View::List, Some(Action::FilterRunbook)) => {
                // Runbook and deck: a drill with surprises is its own group.
                let mut keys: Vec<String> = self.summaries().map(Summary::group).collect();
                keys.extend(self.preflights.iter().map(|(_, r)| r.runbook.clone()));
                keys.sort();
                keys.dedup();
                let next = self.runbook.as_ref().and_then(|r| keys.iter().position(|k| k == r)).map_or(0, |i| i + 1);
                self.runbook = keys.get(next).cloned();
                self.selected = 0;
            }
            (View::Session { scroll, .. } | View::Versus { scroll, .. }, Some(Action::Down)) => {
                *scroll = scroll.saturating_add(3).min(self.most.get());
            }
            (View::Session { scroll, .. } | View::Versus { scroll, .. }, Some(Action::PageDown)) => {
                *scroll = scroll.saturating_add(self.page).min(self.most.get());
            }
            (View::Trends { scroll, .. }, Some(Action::Down)) => *scroll = scroll.saturating_add(3),
            (
                View::Session { scroll, .. } | View::Trends { scroll, .. } | View::Versus { scroll, .. },
                Some(Action::Up),
            ) => {
                *scroll = scroll.saturating_sub(3);
            }
            (View::Trends { scroll, .. }, Some(Action::PageDown)) => {
                *scroll = scroll.saturating_add(self.page);
            }
            (
                View::Session { scroll, .. } | View::Trends { scroll, .. } | View::Versus { scroll, .. },
                Some(Action::PageUp),
            ) => {
                *scroll = scroll.saturating_sub(self.page);
            }
            (View::Session { .. } | View::Trends { .. } | View::Versus { .. }, Some(Action::Back | Action::Quit)) => {
                self.view = View::List;
            }
            (_, Some(Action::Help)) => return vec![Effect::Help],
            (View::List, Some(Action::Quit | Action::Back)) => {
                return match self.back.take() {
                    Some(home) => vec![Effect::Go(Box::new(crate::tui::screens::Screen::Home(*home)))],
                    None => vec![Effect::Exit(0)],
                };
            }
            _ => {}
        }
        Vec::new()
    }

    /// A file the screen asked for arrived.
    pub fn file_read(&mut self, path: &std::path::Path, result: Result<String, String>) {
        if let View::Session { path: wanted, markdown, .. } = &mut self.view
            && wanted == path
        {
            *markdown = Some(result);
        }
    }

    /// Pastes into the search field.
    pub fn paste(&mut self, pasted: &str) {
        if let Some(field) = &mut self.search {
            crate::tui::widgets::field::paste(field, pasted, true);
            self.query = text(field);
        }
    }

    /// Draws the current view.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        match &self.view {
            View::List => list::render(self, ctx, area, buf),
            View::Session { path, markdown, scroll } => {
                list::render_session(self, ctx, path, markdown.as_ref(), *scroll, area, buf);
            }
            View::Trends { view, scroll } => trends::render(self, ctx, view, *scroll, area, buf),
            View::Versus { view, scroll } => versus::render(self, ctx, view, *scroll, area, buf),
        }
    }
}
