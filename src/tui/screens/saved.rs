//! The last screen: where the postmortem and journal were written, or why
//! they could not be, with the journal's path so nothing is lost.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::core::sanitize::sanitize_line;
use crate::tui::app::Ctx;
use crate::tui::widgets::hints::render_hints;

/// The saved screen's state.
#[derive(Debug, Clone, Default)]
pub struct SavedScreen {
    paths: Vec<PathBuf>,
    error: Option<String>,
    /// The running journal, which always keeps the session.
    pub journal: Option<PathBuf>,
}

impl SavedScreen {
    /// Shown while the files are written.
    pub fn saving() -> Self {
        Self::default()
    }

    /// Shown while the files are written, knowing the journal.
    pub fn saving_with(journal: Option<PathBuf>) -> Self {
        Self { journal, ..Self::default() }
    }

    /// The files were written to `paths`.
    pub fn saved(paths: Vec<PathBuf>, journal: Option<PathBuf>) -> Self {
        Self { paths, error: None, journal }
    }

    /// Writing failed for `reason`.
    pub fn failed(reason: String, journal: Option<PathBuf>) -> Self {
        Self { paths: Vec::new(), error: Some(reason), journal }
    }

    /// Draws the result.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let [body, foot] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let show = |p: &PathBuf| sanitize_line(&p.display().to_string());
        let mut lines = Vec::new();
        match (&self.error, self.paths.is_empty()) {
            (Some(e), _) => {
                lines.push(Line::from(vec![
                    Span::styled("✖ could not write the postmortem: ", t.bad),
                    Span::raw(sanitize_line(e)),
                ]));
                lines.push(Line::default());
                if let Some(j) = &self.journal {
                    lines.push(Line::from(format!("Nothing is lost: the journal is {}", show(j))));
                    lines.push(Line::from(format!(
                        "Write the postmortem elsewhere with: firedrill report {} --out DIR",
                        show(j)
                    )));
                }
            }
            (None, true) => lines.push(Line::from("writing the postmortem...")),
            (None, false) => {
                lines.push(Line::styled("✓ written", t.good));
                for p in &self.paths {
                    lines.push(Line::from(format!("  {}", show(p))));
                }
            }
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" postmortem ").border_style(t.border))
            .render(body, buf);
        render_hints(ctx, "saved", foot, buf);
    }
}
