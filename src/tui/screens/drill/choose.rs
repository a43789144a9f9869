//! The one-key choosers over the drill screen: the decision (with the rule
//! of thumb, and the backup facts a restore depends on) and the handoff.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::{Chooser, DrillScreen};
use crate::core::incident::Decision;
use crate::core::roles::Role;
use crate::core::runbook::Severity;
use crate::core::sanitize::sanitize_line;
use crate::core::session::{Command, SessionError};
use crate::tui::context::Ctx;
use crate::tui::widgets::popup::render_popup;

/// Draws `chooser` centred over the screen.
pub fn render(s: &DrillScreen, chooser: Chooser, ctx: &Ctx<'_>, area: Rect, buf: &mut Buffer) {
    let t = ctx.theme;
    // Under 60 columns an option is its key and name alone, so all three
    // and the keys to press fit a 40x12 screen (the rule of thumb is in the
    // help and the runbook).
    let narrow = area.width < 60;
    let mut lines = Vec::new();
    let mut after = Vec::new();
    let title = match chooser {
        Chooser::Decision => {
            let question = match (s.live.session.decision, s.pending_decision) {
                (Some((from, _)), Some(to)) => format!("Change the decision from {from} to {to}? enter confirms"),
                (Some((from, _)), None) => format!("Decided: {from}. Pick another to change it (enter confirms)"),
                _ => "Decide first: what stops the harm fastest and safest?".to_owned(),
            };
            lines.push(Line::styled(question, t.title));
            for (n, d) in Decision::ALL.iter().enumerate() {
                let chosen = s.live.session.decision.is_some_and(|(c, _)| c == *d) || s.pending_decision == Some(*d);
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", n + 1), t.key),
                    Span::styled(format!("{:<13}", d.label()), if chosen { t.active } else { t.title }),
                    Span::styled(if narrow { "" } else { d.when() }, t.text),
                ]));
            }
            // The keys to press come before the backup facts, so a short
            // screen cuts the facts, never the way to answer.
            after.push(Line::default());
            after.extend(backup_facts(s, ctx));
            "decide"
        }
        Chooser::Severity => {
            lines.push(Line::styled("How bad is it? (the postmortem records it; ! changes it later)", t.title));
            for (n, v) in Severity::ALL.iter().enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", n + 1), t.key),
                    Span::styled(format!("{:<6}", v.key()), t.title),
                    Span::styled(v.meaning(), t.text),
                ]));
            }
            "severity"
        }
        Chooser::Handoff => {
            lines.push(Line::styled("Hand which role to someone else?", t.title));
            for (n, role) in Role::ALL.iter().enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", n + 1), t.key),
                    Span::styled(format!("{:<13}", role.key()), t.title),
                    Span::raw(format!("now {}", sanitize_line(s.live.session.roles.holder(*role)))),
                ]));
            }
            "handoff"
        }
    };
    let closing = match chooser {
        Chooser::Decision if s.live.session.decision.is_some() => "press 1, 2 or 3, then enter; esc keeps it",
        Chooser::Decision => "press 1, 2 or 3; esc closes; d changes the decision later",
        Chooser::Handoff => "press 1, 2 or 3, then type the name; esc closes",
        Chooser::Severity => "press 1, 2 or 3; esc leaves it unset",
    };
    lines.push(Line::styled(closing, t.dim));
    lines.extend(after);
    let height = u16::try_from(lines.len()).unwrap_or(12).saturating_add(4);
    let inner = render_popup(ctx, title, 96, height, area, buf);
    Paragraph::new(lines).wrap(Wrap { trim: true }).render(inner, buf);
}

/// What a restore depends on: the runbook's backup facts, warning when the
/// backup was never restored (docs/domain.md, "Backups").
fn backup_facts<'a>(s: &DrillScreen, ctx: &Ctx<'_>) -> Vec<Line<'a>> {
    let t = ctx.theme;
    let Some(b) = &s.live.runbook.backup else {
        return vec![Line::styled("Restore: no [backup] facts in this runbook.", t.warn)];
    };
    let fact = |label: &str, value: Option<String>| {
        Line::from(format!("  {label}: {}", value.map_or_else(|| "not written down".to_owned(), |v| sanitize_line(&v))))
    };
    let mut lines = vec![
        Line::styled("Restore facts from the runbook:", t.title),
        fact("latest backup", b.latest.clone()),
        fact("restore time", b.restore_time.map(|d| d.to_string())),
        fact("tolerated data loss", b.max_data_loss.map(|d| d.to_string())),
        fact("last successful restore", b.restored_last.as_ref().map(|r| r.get_ref().clone())),
    ];
    if b.restored_last.as_ref().is_some_and(|r| r.get_ref().trim() == "never") {
        lines.push(Line::styled("▲ this backup was never restored: it may not work under stress", t.warn));
    }
    lines
}

impl DrillScreen {
    /// One key picks: a first decision is recorded at once (and re-derives
    /// the steps not done), a change of it waits for enter; a handoff asks
    /// who takes over; a severity is recorded at once.
    pub(super) fn handle_chooser(
        &mut self,
        chooser: Chooser,
        action: Option<crate::keymap::Action>,
        now: crate::tui::context::Now,
    ) -> Vec<crate::tui::screens::effect::Effect> {
        use crate::keymap::Action;
        let pick = match action {
            Some(Action::First) => 0,
            Some(Action::Second) => 1,
            Some(Action::Third) => 2,
            // Enter confirms a change of decision picked before it.
            Some(Action::Submit) => match (chooser, self.pending_decision.take()) {
                (Chooser::Decision, Some(to)) => {
                    self.close();
                    self.selected = 0;
                    return self.apply(Command::ChangeDecision(to), now).unwrap_or_default();
                }
                _ => return Vec::new(),
            },
            Some(Action::Back) => {
                self.pending_decision = None;
                if chooser == Chooser::Severity {
                    self.opening_after_severity();
                } else {
                    self.close();
                }
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        match chooser {
            Chooser::Decision => match self.live.apply(Command::Decide(Decision::ALL[pick]), now) {
                Ok(cmd) => {
                    self.close();
                    self.selected = 0;
                    vec![crate::tui::screens::effect::Effect::Cmd(cmd)]
                }
                // A decision taken is changed only on enter: a stray key changes nothing.
                Err(SessionError::DecisionChange { to, .. }) => {
                    self.pending_decision = Some(to);
                    Vec::new()
                }
                Err(_) => {
                    self.pending_decision = None;
                    self.close();
                    Vec::new()
                }
            },
            Chooser::Handoff => {
                self.close();
                self.open(super::PromptKind::Handoff(Role::ALL[pick]), now);
                Vec::new()
            }
            Chooser::Severity => {
                let effects = self.apply(Command::SetSeverity(Severity::ALL[pick]), now).unwrap_or_default();
                self.opening_after_severity();
                effects
            }
        }
    }

    /// After the severity is picked (or left): the decision, if a fresh
    /// session has none yet.
    fn opening_after_severity(&mut self) {
        if self.live.session.decision.is_none() && self.live.session.active() == Some(0) {
            self.modal = super::Modal::Choose(Chooser::Decision);
        } else {
            self.close();
        }
    }
}
