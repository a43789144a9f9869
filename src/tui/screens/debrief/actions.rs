//! The debrief's action items: each proposal listed as kept or dropped,
//! and an editor for one item's text, owner, due date and kind. The core
//! decides what an edit may be (`core::actions::review`) and how reviews
//! apply (`core::actions::reviewed`); this part keeps the team's choices,
//! by proposal, until the debrief is written.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use ratatui_textarea::TextArea;

use crate::core::actions::{ActionItem, replace, review, reviewed};
use crate::core::event::{ActionKind, ActionReview};
use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::theme::Theme;
use crate::tui::widgets::field::{input, new_field, paste, set_focus, text};

const TITLES: [&str; 3] = ["action", "owner", "due (+7d, +2w or 2026-12-01)"];
/// The editor's focus positions: the three text fields, then the kind.
const KIND: usize = 3;

/// The team's decisions so far, the selected row and the open editor.
#[derive(Debug, Default)]
pub(super) struct ActionsPart {
    /// One decision per proposal the team touched (the last one counts).
    pub(super) reviews: Vec<ActionReview>,
    selected: usize,
    editor: Option<Editor>,
}

#[derive(Debug)]
struct Editor {
    /// The item as proposed, before any review: what an edit is compared with.
    proposal: ActionItem,
    keep: bool,
    fields: [TextArea<'static>; 3],
    kind: ActionKind,
    focus: usize,
}

impl Editor {
    /// The review the editor holds now, as the core checks it.
    fn review(&self, start: NaiveDate) -> Result<ActionReview, crate::core::actions::ActionError> {
        let [t, o, d] = &self.fields;
        review(&self.proposal, self.keep, (&text(t), &text(o), &text(d)), self.kind, start)
    }

    /// Draws the three fields and the kind; one line each (a label, then
    /// the text) when the bordered form does not fit.
    fn render(&self, t: &Theme, inner: Rect, buf: &mut Buffer) {
        let compact = inner.height < 3 * 3 + 1;
        let row = if compact { 1 } else { 3 };
        let parts: [Rect; 4] =
            Layout::vertical([Constraint::Length(row); 3].into_iter().chain([Constraint::Length(1)])).areas(inner);
        for (i, f) in self.fields.iter().enumerate() {
            let mut f = f.clone();
            set_focus(&mut f, TITLES[i], self.focus == i, t);
            if compact {
                let [label, rest] = Layout::horizontal([Constraint::Length(9), Constraint::Fill(1)]).areas(parts[i]);
                let mark = if self.focus == i { "› " } else { "  " };
                let name = TITLES[i].split(' ').next().unwrap_or_default();
                Line::styled(format!("{mark}{name}"), if self.focus == i { t.active } else { t.dim })
                    .render(label, buf);
                f.set_block(Block::new());
                f.render(rest, buf);
            } else {
                f.render(parts[i], buf);
            }
        }
        let mark = if self.focus == KIND { "› " } else { "  " };
        if compact {
            // One kind shown, with the keys that change it.
            let style = if self.focus == KIND { t.active } else { t.text };
            Line::from(vec![
                Span::styled(format!("{mark}kind     "), t.dim),
                Span::styled(format!("◂ {} ▸", self.kind.key()), style),
            ])
            .render(parts[KIND], buf);
            return;
        }
        let mut spans = vec![Span::raw(format!(" {mark}kind: "))];
        for k in ActionKind::ALL {
            let chosen = k == self.kind;
            spans.push(Span::styled(
                format!("{}{}  ", if chosen { "(•) " } else { "( ) " }, k.key()),
                if chosen { t.active } else { t.text },
            ));
        }
        Line::from(spans).render(parts[KIND], buf);
    }
}

impl ActionsPart {
    /// True while one item is being edited.
    pub(super) fn editing(&self) -> bool {
        self.editor.is_some()
    }

    /// The proposals as the team's decisions leave them, each with whether
    /// it is kept.
    pub(super) fn rows(&self, candidates: Vec<ActionItem>) -> Vec<(ActionItem, bool)> {
        reviewed(candidates, &self.reviews)
    }

    /// Handles a key on the list or in the editor; an edit the core refuses
    /// comes back as its reason.
    pub(super) fn handle(
        &mut self,
        action: Option<Action>,
        key: KeyEvent,
        candidates: &[ActionItem],
        start: NaiveDate,
    ) -> Result<(), String> {
        if let Some(ed) = &mut self.editor {
            match action {
                Some(Action::Cancel) => self.editor = None,
                Some(Action::NextField) => ed.focus = (ed.focus + 1) % (KIND + 1),
                Some(Action::PrevField) => ed.focus = (ed.focus + KIND) % (KIND + 1),
                Some(Action::Left | Action::Right) if ed.focus == KIND => {
                    let at = ActionKind::ALL.iter().position(|k| *k == ed.kind).unwrap_or(0);
                    let step = if action == Some(Action::Left) { ActionKind::ALL.len() - 1 } else { 1 };
                    ed.kind = ActionKind::ALL[(at + step) % ActionKind::ALL.len()];
                }
                Some(Action::Submit) => self.submit(start)?,
                _ if ed.focus < KIND => {
                    input(&mut ed.fields[ed.focus], key);
                }
                _ => {}
            }
            return Ok(());
        }
        let rows = self.rows(candidates.to_vec());
        self.selected = self.selected.min(rows.len().saturating_sub(1));
        let (Some((item, keep)), Some(proposal)) = (rows.get(self.selected), candidates.get(self.selected)) else {
            return Ok(());
        };
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(rows.len() - 1),
            Some(Action::ToggleItem) => {
                let values = (item.text.as_str(), item.owner.as_str(), &*item.due.to_string());
                replace(
                    &mut self.reviews,
                    review(proposal, !keep, values, item.kind, start).map_err(|e| e.to_string())?,
                );
            }
            Some(Action::Select) => {
                let fields =
                    [(0, item.text.clone()), (1, item.owner.clone()), (2, item.due.to_string())].map(|(i, value)| {
                        let mut f = new_field(TITLES[i], "");
                        f.insert_str(value);
                        f
                    });
                // Editing keeps an item as kept or dropped as it was.
                self.editor =
                    Some(Editor { proposal: proposal.clone(), keep: *keep, fields, kind: item.kind, focus: 0 });
            }
            _ => {}
        }
        Ok(())
    }

    /// Keeps the open editor's item as edited, if the core accepts it (and
    /// closes the editor); nothing to do without one.
    pub(super) fn submit(&mut self, start: NaiveDate) -> Result<(), String> {
        let Some(ed) = &self.editor else { return Ok(()) };
        replace(&mut self.reviews, ed.review(start).map_err(|e| e.to_string())?);
        self.editor = None;
        Ok(())
    }

    /// The reviews, with the open editor's as well when it would be
    /// accepted (so leaving by any path keeps an edit that was typed).
    pub(super) fn drafted(&self, start: NaiveDate) -> Vec<ActionReview> {
        let mut out = self.reviews.clone();
        if let Some(Ok(r)) = self.editor.as_ref().map(|ed| ed.review(start)) {
            replace(&mut out, r);
        }
        out
    }

    /// Pastes into the editor's focused field, on one line.
    pub(super) fn paste(&mut self, pasted: &str) {
        if let Some(ed) = &mut self.editor
            && ed.focus < KIND
        {
            paste(&mut ed.fields[ed.focus], pasted, true);
        }
    }

    /// Rows the part needs to show `count` items (or the editor).
    pub(super) fn height(&self, count: usize) -> u16 {
        if self.editor.is_some() { 2 + 3 * 3 + 1 } else { 2 + u16::try_from(count.clamp(1, 6)).unwrap_or(6) }
    }

    /// Draws the list (or the editor) into `area`.
    pub(super) fn render(&self, rows: &[(ActionItem, bool)], focused: bool, t: &Theme, area: Rect, buf: &mut Buffer) {
        let title = match (focused, &self.editor) {
            (_, Some(_)) => " › edit the action item: tab moves, enter keeps it, esc leaves it ".to_owned(),
            (true, None) => format!(" › action items ({}): space keep/drop · enter edit ", rows.len()),
            (false, None) => format!("   action items ({}) ", rows.len()),
        };
        let block = Block::bordered().title(title).border_style(if focused { t.active } else { t.border });
        let inner = block.inner(area);
        block.render(area, buf);
        if let Some(ed) = &self.editor {
            ed.render(t, inner, buf);
            return;
        }
        if rows.is_empty() {
            Line::styled(" none proposed", t.dim).render(inner, buf);
            return;
        }
        // Narrow, a row shows little of its text: the selected one is
        // written whole first, wrapped.
        let mut inner = inner;
        if focused && inner.width < 60 && inner.height > 2 {
            let whole = rows.get(self.selected).map(|(item, _)| sanitize_line(&item.text)).unwrap_or_default();
            let [top, rest] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
            Paragraph::new(whole).wrap(ratatui::widgets::Wrap { trim: true }).style(t.active).render(top, buf);
            inner = rest;
        }
        let shown = usize::from(inner.height).max(1);
        let first = self.selected.saturating_sub(shown - 1);
        let lines: Vec<Line<'_>> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(shown)
            .map(|(i, (item, keep))| {
                let cursor = if focused && i == self.selected { "›" } else { " " };
                let mark = if *keep { "[x]" } else { "[ ]" };
                let style = if !keep {
                    t.dim
                } else if focused && i == self.selected {
                    t.selected
                } else {
                    t.text
                };
                // Kind, owner and due first: a long text is cut at the edge, never them.
                Line::from(vec![
                    Span::styled(format!("{cursor}{mark} "), style),
                    Span::styled(format!("{:<9}{} {}  ", item.kind.key(), sanitize_line(&item.owner), item.due), t.dim),
                    Span::styled(sanitize_line(&item.text), style),
                ])
            })
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}
