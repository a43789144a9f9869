//! Running the selected item's command from the drill screen: approve the
//! runbook once (its sha256), confirm the exact argv, folder and mode, then
//! stream the output into a pane while the clock and keys keep going.
//! A check's exit code decides it; the verifier may accept a failure with
//! a reason.

use std::collections::VecDeque;

use super::{DrillScreen, PromptKind};
use crate::core::command::{CommandSpec, RunEnd, RunResult};
use crate::core::plan::StepKind;
use crate::core::session::Command;
use crate::store::trust::Trust;
use crate::tui::app::{Cmd, Effect, Now};
use crate::tui::keymap::Action;

/// Lines of output kept for the pane (the journal keeps the last 20).
const PANE_LINES: usize = 2_000;

/// A yes/no question before running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Approve the runbook's commands (new or changed text).
    Approve(usize),
    /// Run this item's command now.
    Run(usize),
}

/// The output pane: what runs (or ran), and its lines.
#[derive(Debug, Clone, Default)]
pub struct Pane {
    /// "argv · running" or "argv · passed (exit 0) in 00:02".
    pub title: String,
    /// The lines, oldest first (at most [`PANE_LINES`]).
    pub lines: VecDeque<String>,
    /// Lines scrolled up from the end.
    pub scroll: usize,
    /// The command still running: its step and item.
    pub running: Option<(StepKind, usize)>,
}

impl DrillScreen {
    fn selected_command(&self) -> Option<(StepKind, CommandSpec)> {
        let i = self.live.session.active()?;
        let step = &self.live.session.steps[i];
        step.plan.commands.get(self.selected).cloned().flatten().map(|c| (step.plan.kind, c))
    }

    /// `r`: ask to approve the runbook (once per text), then to run.
    pub(super) fn ask_run(&mut self) {
        if self.pane.running.is_some() {
            self.flash = Some("a command is still running".to_owned());
            return;
        }
        if self.selected_command().is_none() {
            self.flash = Some("this item has no command".to_owned());
            return;
        }
        self.asking = Some(if self.live.trust == Some(Trust::Approved) {
            Ask::Run(self.selected)
        } else {
            Ask::Approve(self.selected)
        });
    }

    pub(super) fn handle_ask(&mut self, ask: Ask, action: Option<Action>, now: Now) -> Vec<Effect> {
        match (ask, action) {
            (Ask::Approve(item), Some(Action::Yes)) => {
                self.live.trust = Some(Trust::Approved);
                self.asking = Some(Ask::Run(item));
                let (path, sha256) = (self.live.header.runbook_path.clone(), self.live.header.runbook_sha256.clone());
                vec![Effect::Cmd(Cmd::Approve { path, sha256 })]
            }
            (Ask::Run(item), Some(Action::Yes)) => {
                self.asking = None;
                self.start(item, now)
            }
            (_, Some(Action::No)) => {
                self.asking = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn start(&mut self, item: usize, now: Now) -> Vec<Effect> {
        let Some((step, spec)) = self.selected_command() else { return Vec::new() };
        if spec.mutates && !self.live.is_incident() && !self.live.live_commands {
            let result = RunResult { end: RunEnd::NotRunInDrill, duration_ms: 0, tail: Vec::new(), output_bytes: 0 };
            self.flash =
                Some("not run: it changes a system; start the drill with --live-commands to run it".to_owned());
            return self.apply(Command::FinishCommand { step, item, result }, now).unwrap_or_default();
        }
        let Some(mut effects) = self.apply(Command::StartCommand { item }, now) else { return Vec::new() };
        self.pane = Pane {
            title: format!("{} · running", crate::core::command::show_argv(&spec.argv)),
            running: Some((step, item)),
            ..Pane::default()
        };
        let (cwd, redact) = (self.live.cwd.clone(), self.live.runbook.redact.clone());
        effects.push(Effect::Cmd(Cmd::RunCommand { step, item, spec, cwd, redact }));
        effects
    }

    /// Lines from the running command.
    pub fn output_arrived(&mut self, lines: Vec<String>) {
        for line in lines {
            if self.pane.lines.len() == PANE_LINES {
                self.pane.lines.pop_front();
            }
            self.pane.lines.push_back(line);
        }
    }

    /// The command ended: record it; a passing check checks its item.
    pub fn command_done(&mut self, step: StepKind, item: usize, result: RunResult, now: Now) -> Vec<Effect> {
        let plan = self.live.session.steps.iter().find(|s| s.plan.kind == step);
        let expect = plan.and_then(|s| s.plan.commands.get(item)).cloned().flatten().and_then(|c| c.expect);
        let passed = result.passed(expect.as_deref());
        let argv = plan
            .and_then(|s| s.plan.commands.get(item))
            .cloned()
            .flatten()
            .map(|c| crate::core::command::show_argv(&c.argv))
            .unwrap_or_default();
        let ended = if passed || expect.is_none() {
            result.end.label()
        } else {
            "did not report the known-good release".to_owned()
        };
        self.pane.title = format!("{argv} · {ended} in {}", crate::core::duration::clock(result.duration_ms));
        self.pane.running = None;
        let mut effects = self.apply(Command::FinishCommand { step, item, result }, now).unwrap_or_default();
        let active = self.live.session.active().map(|i| &self.live.session.steps[i]);
        let unchecked = active.is_some_and(|s| s.plan.kind == step && s.checked.get(item) == Some(&false));
        if step == StepKind::Verify && passed && unchecked {
            effects.extend(self.apply(Command::ToggleItem(item), now).unwrap_or_default());
        }
        effects
    }

    /// Checking a verify item whose command failed asks the verifier why
    /// it is accepted anyway.
    pub(super) fn needs_override(&self) -> bool {
        let Some(i) = self.live.session.active() else { return false };
        let step = &self.live.session.steps[i];
        step.plan.kind == StepKind::Verify
            && step.checked.get(self.selected) == Some(&false)
            && self
                .live
                .session
                .last_run(step.plan.kind, self.selected)
                .and_then(|r| r.result.as_ref())
                .is_some_and(|r| !r.end.passed())
    }

    /// The verifier's reason was given: record it and check the item.
    pub(super) fn override_check(&mut self, reason: String, now: Now) -> Option<Vec<Effect>> {
        let mut effects = self.apply(Command::OverrideCheck { item: self.selected, reason }, now)?;
        effects.extend(self.apply(Command::ToggleItem(self.selected), now).unwrap_or_default());
        Some(effects)
    }

    /// Opens the override prompt, with the failed run's output in the pane.
    pub(super) fn ask_override(&mut self, now: Now) {
        if let Some(i) = self.live.session.active() {
            let kind = self.live.session.steps[i].plan.kind;
            if let Some(run) = self.live.session.last_run(kind, self.selected)
                && let Some(res) = &run.result
            {
                self.pane = Pane {
                    title: format!("{} · {}", crate::core::command::show_argv(&run.argv), res.end.label()),
                    lines: res.tail.iter().cloned().collect(),
                    ..Pane::default()
                };
            }
        }
        self.open(PromptKind::Override, now);
    }
}
