//! The saved screen's runbook update: what the session proposes (one line
//! each) and where its diff was written; `a` asks "(y/n)" before anything
//! changes, then the loop applies it (`store::proposal`) and the result of
//! the same check as `firedrill check` is shown here.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::core::sanitize::sanitize_line;
use crate::keymap::Action;
use crate::keymap::KeyContext;
use crate::store::proposal::{self, Proposed};
use crate::tui::context::Ctx;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;

/// Where the proposal stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProposalPane {
    /// Nothing to propose: every target held, no `RUNBOOK:` note.
    Nothing,
    /// The proposal could not be worked out here (the runbook unreadable).
    Unknown(String),
    /// Proposed and written to `diff`; `asking` while "(y/n)" is open.
    Offered {
        /// Each proposal in words.
        lines: Vec<String>,
        /// The runbook it edits.
        runbook: String,
        /// The proposal file.
        diff: PathBuf,
        /// True while the confirmation is open.
        asking: bool,
    },
    /// Confirmed: being applied.
    Applying(String),
    /// Applied: the runbook and what the check said.
    Applied {
        /// The runbook edited.
        runbook: String,
        /// The check's lines, as `firedrill check` prints them.
        check: Vec<String>,
    },
    /// Not applied, and why.
    Failed(String),
}

impl ProposalPane {
    /// The pane for a save that wrote `paths` and proposed `proposed`.
    pub fn of(paths: &[PathBuf], proposed: &Result<Option<Proposed>, String>) -> Self {
        let diff = paths.iter().find(|p| p.to_string_lossy().ends_with(&format!(".{}", proposal::EXT)));
        match (proposed, diff) {
            (Ok(Some(p)), Some(diff)) => Self::Offered {
                lines: p.lines.clone(),
                runbook: sanitize_line(&p.runbook),
                diff: diff.clone(),
                asking: false,
            },
            (Err(why), _) => Self::Unknown(sanitize_line(why)),
            _ => Self::Nothing,
        }
    }

    /// True while the "(y/n)" confirmation is open.
    pub fn asking(&self) -> bool {
        matches!(self, Self::Offered { asking: true, .. })
    }

    /// Handles `action`: `a` opens the confirmation; `y` applies, `n` closes it.
    pub fn handle(&mut self, action: Option<Action>) -> Vec<Effect> {
        let Self::Offered { runbook, diff, asking, .. } = self else { return Vec::new() };
        match (action, *asking) {
            (Some(Action::ApplyProposal), false) => *asking = true,
            (Some(Action::Yes), true) => {
                let cmd = Cmd::ApplyProposal(diff.clone());
                *self = Self::Applying(runbook.clone());
                return vec![Effect::Cmd(cmd)];
            }
            (Some(Action::No), true) => *asking = false,
            _ => {}
        }
        Vec::new()
    }

    /// The loop applied the proposal (the check's lines) or could not.
    pub fn applied(&mut self, result: Result<Vec<String>, String>) {
        let runbook = match self {
            Self::Applying(r) => r.clone(),
            _ => return,
        };
        *self = match result {
            Ok(check) => Self::Applied { runbook, check: check.iter().map(|l| sanitize_line(l)).collect() },
            Err(why) => Self::Failed(sanitize_line(&why)),
        };
    }

    /// Rows the pane wants, borders included (0: not shown).
    pub fn height(&self) -> u16 {
        let body = match self {
            Self::Nothing => return 0,
            Self::Unknown(_) | Self::Applying(_) | Self::Failed(_) => 2,
            Self::Offered { lines, .. } => lines.len() + 2,
            Self::Applied { check, .. } => check.len() + 1,
        };
        u16::try_from(body + 2).unwrap_or(u16::MAX)
    }

    /// Draws the pane.
    pub fn render(&self, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let key = |a| Span::styled(ctx.keymap.first_key(KeyContext::Saved, a), t.key);
        let lines: Vec<Line<'_>> = match self {
            Self::Nothing => return,
            Self::Unknown(why) => vec![
                Line::styled("? no runbook update could be worked out here", t.warn),
                Line::from(format!("  {why}")),
            ],
            Self::Offered { lines, runbook, diff, asking } => {
                let mut v: Vec<Line<'_>> = lines.iter().map(|l| Line::from(format!("• {l}"))).collect();
                v.push(Line::styled(format!("  diff: {}", sanitize_line(&diff.display().to_string())), t.dim));
                v.push(if *asking {
                    Line::from(vec![
                        Span::styled(format!("Apply it to {runbook} now? "), t.active),
                        Span::styled(ctx.keymap.yes_no(), t.key),
                    ])
                } else {
                    Line::from(vec![
                        key(Action::ApplyProposal),
                        Span::raw(format!(" applies it to {runbook} (asks first)")),
                    ])
                });
                v
            }
            Self::Applying(runbook) => vec![Line::from(format!("applying to {runbook}...")), Line::default()],
            Self::Applied { runbook, check } => {
                let mut v = vec![Line::styled(format!("✓ applied to {runbook}; firedrill check says:"), t.good)];
                v.extend(check.iter().map(|l| Line::from(format!("  {l}"))));
                v
            }
            Self::Failed(why) => {
                vec![Line::styled("✖ the runbook was not changed", t.bad), Line::from(format!("  {why}"))]
            }
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(" runbook update, proposed the same day ").border_style(t.border))
            .render(area, buf);
    }
}
