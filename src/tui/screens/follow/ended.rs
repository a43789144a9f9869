//! The end of a followed session: its writer saved it. The outcome and
//! figures as the writer's saved screen shows them, where the postmortem
//! is, and `enter` to read it in the pager.

use std::cell::Cell;
use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::tui::context::Ctx;
use crate::tui::live::Live;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;
use crate::tui::screens::saved::recap::Recap;
use crate::tui::widgets::hints::render_hints;

/// The followed session's end.
#[derive(Debug)]
pub struct Ended {
    mode: String,
    title: String,
    recap: Recap,
    /// The files the save wrote, the postmortem first.
    paths: Vec<PathBuf>,
    /// The pager that `enter` runs, by name.
    pager: String,
    /// The last time the pager was asked: closed, or why it showed nothing.
    paged: Option<Result<(), String>>,
    scroll: u16,
    /// The most the body can scroll, as last drawn.
    most: Cell<u16>,
}

impl Ended {
    /// The end of the session `live` followed, saved as `paths`.
    pub fn new(live: &Live, paths: Vec<PathBuf>) -> Self {
        Self {
            mode: live.header.mode.key().to_uppercase(),
            title: live.runbook.title().to_owned(),
            recap: Recap::of_session(&live.runbook, &live.session, live.header.mode),
            paths,
            pager: crate::tui::pager::chosen(),
            paged: None,
            scroll: 0,
            most: Cell::new(u16::MAX),
        }
    }

    /// The postmortem: the save names it first.
    fn postmortem(&self) -> Option<&PathBuf> {
        self.paths.first()
    }

    /// Handles a key: open the postmortem, scroll, help, leave.
    pub fn handle(&mut self, action: Option<Action>) -> Vec<Effect> {
        match action {
            Some(Action::Select) => {
                if let Some(p) = self.postmortem() {
                    return vec![Effect::Cmd(Cmd::Page(p.clone()))];
                }
            }
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1).min(self.most.get()),
            Some(Action::Help) => return vec![Effect::Help],
            Some(Action::Quit) => return vec![Effect::Exit(0)],
            _ => {}
        }
        Vec::new()
    }

    /// The pager closed, or could not show the postmortem.
    pub fn paged(&mut self, result: Result<(), String>) {
        self.paged = Some(result);
    }

    /// Draws the end.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let [head, body, foot] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        Line::from(vec![
            Span::styled(" firedrill · ", t.dim),
            Span::styled(format!("{} ENDED", self.mode), t.active),
            Span::styled(" · ", t.dim),
            Span::styled(sanitize_line(&self.title), t.title),
        ])
        .render(head, buf);
        let inner = Block::bordered().inner(body);
        let mut lines = self.recap.lines(ctx, inner.width);
        let show = |p: &std::path::Path| sanitize_line(&p.display().to_string());
        match self.postmortem() {
            Some(p) => {
                // The folder, then the name: a long path breaks where it reads best.
                let folder = p.parent().map(|d| format!(" in {}/", show(d))).unwrap_or_default();
                lines.push(Line::styled(format!("✓ saved{folder}; the postmortem:"), t.good));
                let name = p.file_name().map_or_else(|| show(p), |n| sanitize_line(&n.to_string_lossy()));
                lines.push(Line::from(format!("  {name}")));
                let others: Vec<String> = self
                    .paths
                    .iter()
                    .filter(|o| *o != p)
                    .filter_map(|o| o.file_name().map(|n| sanitize_line(&n.to_string_lossy())))
                    .collect();
                if !others.is_empty() {
                    lines.push(Line::styled(format!("  beside it: {}", others.join(", ")), t.dim));
                }
                lines.push(Line::default());
                let key = ctx.keymap.first_key(KeyContext::FollowEnd, Action::Select);
                lines.push(match &self.paged {
                    Some(Err(why)) => Line::styled(format!("✖ {}", sanitize_line(why)), t.bad),
                    _ => Line::from(vec![
                        Span::styled(key, t.key),
                        Span::raw(format!(" opens it in {}", sanitize_line(&self.pager))),
                    ]),
                });
            }
            None => lines.push(Line::styled("▲ saved, but the save named no file", t.warn)),
        }
        let text = Paragraph::new(lines).wrap(Wrap { trim: false });
        let most = u16::try_from(text.line_count(inner.width)).unwrap_or(u16::MAX).saturating_sub(inner.height);
        self.most.set(most);
        let scroll = self.scroll.min(most);
        let more = if scroll < most {
            format!(" ▼ more: {} ", ctx.keymap.all_keys(KeyContext::FollowEnd, Action::Down))
        } else {
            String::new()
        };
        text.scroll((scroll, 0))
            .block(
                Block::bordered()
                    .title(" the session ended and was saved ")
                    .title_bottom(Line::styled(more, t.warn).right_aligned())
                    .border_style(t.border),
            )
            .render(body, buf);
        render_hints(ctx, KeyContext::FollowEnd, foot, buf);
    }
}
