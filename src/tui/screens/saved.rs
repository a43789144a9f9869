//! The last screen: the outcome the record gives (with what was left
//! unverified), the readiness figures, and where the postmortem and journal
//! were written, or why they could not be. On failure the session stays safe in its journal and
//! `o` asks for another folder to write to. Below, the runbook update the
//! session proposes, which `a` applies after a "(y/n)".

mod proposal;
pub(crate) mod recap;

use recap::Recap;

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::Arc;

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::save::HeldSession;
use crate::tui::context::Ctx;
use crate::tui::messages::Cmd;
use crate::tui::screens::Screen;
use crate::tui::screens::effect::Effect;
use crate::tui::widgets::field::{new_field, paste, text};
use crate::tui::widgets::hints::render_hints_but;

/// The saved screen's state.
#[derive(Debug, Clone, Default)]
pub struct SavedScreen {
    paths: Vec<PathBuf>,
    error: Option<String>,
    /// The running journal, which always keeps the session.
    pub journal: Option<PathBuf>,
    /// The session being written, until it is (kept for another folder).
    pending: Option<Arc<HeldSession>>,
    folder: Option<TextArea<'static>>,
    /// What the record says: the outcome, the figures, what is missing.
    recap: Option<Recap>,
    /// The runbook update the session proposes, once saved.
    proposal: Option<proposal::ProposalPane>,
    /// The running journal is not complete on disk: it is not the record.
    pub journal_behind: bool,
    /// The session could not be opened at all (its journal unreadable):
    /// nothing was written, and nothing can be.
    unopened: bool,
    /// Rows the body is scrolled down (a small terminal cannot show it all).
    scroll: u16,
    /// The most the body could scroll, as last drawn.
    most: Cell<u16>,
}

impl SavedScreen {
    /// The effects that write `session` to `dir` (`None`: the usual output
    /// folder) and show this screen until the result arrives.
    pub fn save(journal: Option<PathBuf>, held: Arc<HeldSession>, dir: Option<PathBuf>) -> Vec<Effect> {
        let recap = Some(Recap::of_session(&held.runbook, &held.session, held.header.mode));
        let screen = Self { journal, pending: Some(Arc::clone(&held)), recap, ..Self::default() };
        vec![Effect::Cmd(Cmd::Save { dir, held }), Effect::Go(Box::new(Screen::Saved(Box::new(screen))))]
    }

    /// The session being written, until it is.
    pub fn held(&self) -> Option<&HeldSession> {
        self.pending.as_deref()
    }

    /// A failure with nothing to retry (the journal could not be read).
    pub fn failed(reason: String, journal: Option<PathBuf>) -> Self {
        Self { error: Some(reason), journal, unopened: true, ..Self::default() }
    }

    /// The files were written, with the session's runbook proposal.
    pub fn written(&mut self, saved: crate::store::save::Saved) {
        self.proposal = Some(proposal::ProposalPane::of(&saved.paths, &saved.proposal));
        self.paths = saved.paths;
        self.error = None;
        // Written: nothing is left to retry, and a large session's memory goes.
        self.pending = None;
    }

    /// The loop applied the proposal (the check's lines), or could not.
    pub fn proposal_applied(&mut self, result: Result<Vec<String>, String>) {
        if let Some(p) = &mut self.proposal {
            p.applied(result);
        }
    }

    /// Writing failed for `reason`; the session can be written elsewhere.
    pub fn write_failed(&mut self, reason: String) {
        self.error = Some(reason);
    }

    /// `prompt` while asking for a folder, `confirm` while asking to
    /// apply the proposal, else `saved`.
    pub fn context(&self) -> KeyContext {
        if self.folder.is_some() {
            KeyContext::Prompt
        } else if self.proposal.as_ref().is_some_and(proposal::ProposalPane::asking) {
            KeyContext::Confirm
        } else {
            KeyContext::Saved
        }
    }

    /// Handles a key: quit, or ask for another folder and write there.
    pub fn handle(&mut self, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
        if let Some(field) = &mut self.folder {
            match action {
                Some(Action::Submit) => {
                    let dir = text(field);
                    if let (false, Some(session)) = (dir.is_empty(), self.pending.clone()) {
                        return Self::save(self.journal.clone(), session, Some(PathBuf::from(dir)));
                    }
                }
                Some(Action::Cancel) => self.folder = None,
                _ => {
                    crate::tui::widgets::field::input(field, key);
                }
            }
            return Vec::new();
        }
        if let Some(p) = self.proposal.as_mut().filter(|p| p.asking() || action == Some(Action::ApplyProposal)) {
            return p.handle(action);
        }
        match action {
            Some(Action::OtherFolder) if self.error.is_some() && self.pending.is_some() => {
                self.folder = Some(new_field("write to which folder?", "/path/to/folder"));
            }
            Some(Action::Quit) => return vec![Effect::Exit(0)],
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1).min(self.most.get()),
            _ => {}
        }
        Vec::new()
    }

    /// Pastes into the folder field, if open.
    pub fn paste(&mut self, text: &str) {
        if let Some(field) = &mut self.folder {
            paste(field, text, true);
        }
    }

    /// What a failure says: the session could not be opened, or the files
    /// could not be written (and where the session is meanwhile).
    fn failure(&self, ctx: &Ctx<'_>, e: &str) -> Vec<Line<'static>> {
        let t = ctx.theme;
        let show = |p: &PathBuf| sanitize_line(&p.display().to_string());
        let mut lines = Vec::new();
        if self.unopened {
            lines.push(Line::from(vec![
                Span::styled("✖ could not open the session: ", t.bad),
                Span::raw(sanitize_line(e)),
            ]));
            if let Some(j) = &self.journal {
                lines.push(Line::from(format!("journal: {}", show(j))));
            }
            return lines;
        }
        lines.push(Line::from(vec![
            Span::styled("✖ could not write the postmortem: ", t.bad),
            Span::raw(sanitize_line(e)),
        ]));
        lines.push(Line::default());
        match (&self.journal, self.journal_behind) {
            (Some(j), false) => {
                lines.push(Line::from(format!("Nothing is lost: the session is in its journal, {}", show(j))));
                lines.push(Line::from(format!("Later: firedrill report {} --out DIR", show(j))));
            }
            (j, true) => lines.push(Line::styled(
                format!(
                    "The journal{} is incomplete too: write the session to another folder, or the events not written are lost when firedrill ends without a folder to write to.",
                    j.as_ref().map(|j| format!(" at {}", show(j))).unwrap_or_default()
                ),
                t.bad,
            )),
            (None, false) => {}
        }
        if self.pending.is_some() {
            lines.push(Line::default());
            lines.push(Line::from(vec![
                Span::styled(ctx.keymap.first_key(KeyContext::Saved, Action::OtherFolder), t.key),
                Span::raw(" writes it to another folder now"),
            ]));
        }
        lines
    }

    /// Draws the result.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let ask = if self.folder.is_some() { 3 } else { 0 };
        let wanted = self.proposal.as_ref().map_or(0, proposal::ProposalPane::height);
        let [body, pane, input, foot] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(wanted.min(area.height / 2)),
            Constraint::Length(ask),
            Constraint::Length(1),
        ])
        .areas(area);
        let show = |p: &PathBuf| sanitize_line(&p.display().to_string());
        let inner = Rect { height: body.height.saturating_sub(2), width: body.width.saturating_sub(2), ..body };
        let mut lines = self.recap.as_ref().map(|r| r.lines(ctx, inner.width)).unwrap_or_default();
        match (&self.error, self.paths.is_empty()) {
            (Some(e), _) => lines.extend(self.failure(ctx, e)),
            (None, true) => lines.push(Line::from("writing the postmortem...")),
            (None, false) => {
                // One folder, then the file names: a long folder does not
                // push the names off a narrow screen (the exit line repeats
                // the full paths).
                let folder = self.paths.first().and_then(|p| p.parent());
                if let Some(dir) = folder.filter(|d| self.paths.iter().all(|p| p.parent() == Some(*d))) {
                    lines.push(Line::from(vec![
                        Span::styled("✓ written to ", t.good),
                        Span::raw(sanitize_line(&dir.join("").display().to_string())),
                    ]));
                    for p in &self.paths {
                        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        lines.push(Line::from(format!("  {}", sanitize_line(&name))));
                    }
                } else {
                    lines.push(Line::styled("✓ written", t.good));
                    for p in &self.paths {
                        lines.push(Line::from(format!("  {}", show(p))));
                    }
                }
                if let (Some(j), true) = (&self.journal, self.journal_behind) {
                    lines.push(Line::default());
                    lines.push(Line::styled(
                        format!(
                            "The journal copy here holds every event; the running journal {} is incomplete.",
                            show(j)
                        ),
                        t.warn,
                    ));
                }
            }
        }
        let text = Paragraph::new(lines).wrap(Wrap { trim: false });
        // On a small terminal the body scrolls, and says when there is more.
        let most = u16::try_from(text.line_count(inner.width)).unwrap_or(u16::MAX).saturating_sub(inner.height);
        self.most.set(most);
        let scroll = self.scroll.min(most);
        let more = if scroll < most {
            format!(" ▼ more: {} ", ctx.keymap.all_keys(KeyContext::Saved, Action::Down))
        } else {
            String::new()
        };
        text.scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(" postmortem ")
                    .title_bottom(Line::styled(more, t.warn).right_aligned())
                    .border_style(t.border),
            )
            .render(body, buf);
        if let Some(p) = &self.proposal {
            p.render(ctx, pane, buf);
        }
        if let Some(field) = &self.folder {
            field.render(input, buf);
        }
        // Another folder only when it does something: a failed save, its session held.
        let retry = self.error.is_some() && self.pending.is_some();
        let idle: &[Action] = if retry { &[] } else { &[Action::OtherFolder] };
        render_hints_but(ctx, self.context(), idle, foot, buf);
    }
}
