//! The kill-switch ledger panel (`f`): each runbook flag untouched, made
//! safe (at any step: time to mitigation), restored or left safe with a
//! reason, by whom and when, and how the record knows (its command ran and
//! its state was read back, or a key press). A drill does not finish until
//! every flag it made safe is restored or waived.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use ratatui_textarea::TextArea;

use super::field::{new_field, text};
use super::popup::render_popup;
use crate::core::sanitize::sanitize_line;
use crate::core::session::Command;
use crate::core::switch::FlagState;
use crate::keymap::KeyContext;
use crate::keymap::{Action, Keymap};
use crate::tui::context::{Ctx, Now};
use crate::tui::live::Live;
use crate::tui::screens::effect::Effect;

/// The panel's state: the selected flag, and the reason being typed for a waiver.
#[derive(Debug, Clone, Default)]
pub struct FlagsPanel {
    selected: usize,
    reason: Option<TextArea<'static>>,
    flash: Option<String>,
    /// Opened by a step that could not complete with switches left off:
    /// it completes once none is.
    resume: bool,
}

impl FlagsPanel {
    /// The ledger opened because the step waits on it.
    pub fn resuming() -> Self {
        Self { resume: true, ..Self::default() }
    }

    /// True when the ledger was opened to finish verify: restoring the
    /// last switch completes the step.
    pub fn completes_step(&self) -> bool {
        self.resume
    }

    /// `prompt` while typing a reason, else `flags`.
    pub fn context(&self) -> KeyContext {
        if self.reason.is_some() { KeyContext::Prompt } else { KeyContext::Flags }
    }

    /// Handles a key; returns `None` when the panel closes.
    pub fn handle(mut self, keymap: &Keymap, key: KeyEvent, live: &mut Live, now: Now) -> (Option<Self>, Vec<Effect>) {
        let action = keymap.action(self.context(), key);
        if let Some(field) = &mut self.reason {
            match action {
                Some(Action::Submit) => {
                    let reason = text(field);
                    let command = Command::SettleFlag { index: self.selected, waive: Some(reason) };
                    return self.apply(live, command, now);
                }
                Some(Action::Cancel) => self.reason = None,
                _ => {
                    super::field::input(field, key);
                }
            }
            return (Some(self), Vec::new());
        }
        self.flash = None;
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(live.session.flags.len().saturating_sub(1)),
            Some(Action::TurnOff) => {
                let command = Command::TurnFlagOff(self.selected);
                return self.apply(live, command, now);
            }
            Some(Action::Restore) => {
                let command = Command::SettleFlag { index: self.selected, waive: None };
                return self.apply(live, command, now);
            }
            Some(Action::Waive)
                if live.session.flags.get(self.selected).is_some_and(|f| f.state == FlagState::Safe) =>
            {
                self.reason = Some(new_field("why leave it safe?", "e.g. the new flow stays off until the fix ships"));
            }
            Some(Action::Waive) => {
                self.flash = Some("only a kill switch in its safe state can be left there".to_owned());
            }
            Some(Action::Back) => return (None, Vec::new()),
            _ => {}
        }
        (Some(self), Vec::new())
    }

    fn apply(mut self, live: &mut Live, command: Command, now: Now) -> (Option<Self>, Vec<Effect>) {
        match live.apply(command, now) {
            Ok(cmd) if self.resume && live.session.flags_left_off().is_empty() => {
                (None, vec![Effect::Cmd(cmd), Effect::CompleteStep])
            }
            Ok(cmd) => {
                self.reason = None;
                (Some(self), vec![Effect::Cmd(cmd)])
            }
            Err(e) => {
                self.flash = Some(e.to_string());
                (Some(self), Vec::new())
            }
        }
    }

    /// Draws the ledger over the screen.
    pub fn render(&self, ctx: &Ctx<'_>, live: &Live, area: Rect, buf: &mut Buffer) {
        let t = ctx.theme;
        let flags = &live.session.flags;
        // A refusal (a card keeping a flag on) may take two lines.
        let flash = if self.flash.is_some() { 2 } else { 1 };
        let reason_rows = if self.reason.is_some() { 3 } else { 0 };
        let width = POPUP_WIDTH.min(area.width).saturating_sub(2);
        let mut lines: Vec<Line<'_>> = flags
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let style = match f.state {
                    FlagState::Safe => t.warn,
                    FlagState::Restored => t.good,
                    _ => t.text,
                };
                let who = match (f.by, f.at) {
                    (Some(by), Some(at)) => format!(" · {by} {} UTC", at.format("%H:%M")),
                    _ => String::new(),
                };
                // How the record knows: the command, its read-back, or only a key press.
                let how = match (&f.running, &f.failed, &f.evidence) {
                    (Some(_), _, _) => " · ⚙ running its command…".to_owned(),
                    (None, Some((_, end)), _) => format!(" · ✖ its command {}", end.label()),
                    (None, None, Some(ev)) => format!(" · {}", ev.key()),
                    (None, None, None) => String::new(),
                };
                let read = match &f.read {
                    Some(r) if f.read_disagrees() => format!(" · ✖ reads {}", r.state.as_deref().unwrap_or("?")),
                    Some(r) if f.read_confirms() => format!(" · ✓ reads {}", r.state.as_deref().unwrap_or("?")),
                    Some(r) => format!(" · reads {}", r.state.as_deref().unwrap_or("nothing")),
                    None => String::new(),
                };
                // A shown inject card may keep it from going off (t says why when tried).
                let stuck = live.session.flag_stuck_by(i).is_some() && f.state != FlagState::Safe;
                Line::from(vec![
                    Span::styled(if i == self.selected { "› " } else { "  " }, t.key),
                    Span::styled(format!("{:<24}", sanitize_line(&f.name)), t.title),
                    Span::styled(f.label(), style),
                    Span::styled(who, t.dim),
                    Span::styled(how, if f.failed.is_some() { t.bad } else { t.dim }),
                    Span::styled(read, if f.read_disagrees() { t.bad } else { t.dim }),
                    Span::styled(if stuck { " · ◆ stuck (inject card)" } else { "" }, t.bad),
                ])
            })
            .collect();
        if flags.is_empty() {
            lines.push(Line::from("No kill switch in this runbook."));
        }
        // The hint line may have no room for the key that leaves one off.
        let waive = ctx.keymap.first_key(KeyContext::Flags, crate::keymap::Action::Waive);
        // A narrow popup keeps the legend's facts, not its first words cut off.
        let legend = if width < 60 {
            format!("{waive} leaves one safe with a reason. Measured: its command ran; claimed: a key press only.")
        } else {
            format!(
                "A kill switch may be made safe at any step: the harm often stops there first; {waive} leaves one safe with a reason. Measured: its command ran (and its state read back); claimed: a key press only."
            )
        };
        lines.push(Line::styled(legend, t.dim));
        // The box is as tall as its lines once wrapped (a long switch row
        // or the legend takes two or three), so the legend is never cut.
        let text = Paragraph::new(lines).wrap(Wrap { trim: false });
        let rows = u16::try_from(text.line_count(width)).unwrap_or(u16::MAX);
        let height = rows.saturating_add(reason_rows + flash + 2);
        let inner = render_popup(ctx, "kill switches", POPUP_WIDTH, height, area, buf);
        // Its keys are on the screen's hint line below the box.
        let [list, reason, flash] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(reason_rows), Constraint::Length(flash)])
                .areas(inner);
        text.render(list, buf);
        if let Some(field) = &self.reason {
            field.render(reason, buf);
        }
        if let Some(f) = &self.flash {
            Paragraph::new(Line::styled(format!("✖ {}", sanitize_line(f)), t.bad))
                .wrap(Wrap { trim: true })
                .render(flash, buf);
        }
    }
}

/// The kill switch box's width, borders included.
const POPUP_WIDTH: u16 = 76;
