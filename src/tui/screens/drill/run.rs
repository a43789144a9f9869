//! Running the selected item's command from the drill screen: approve the
//! runbook once (its sha256), confirm the exact argv, folder and mode, then
//! stream the output into a pane while the clock and keys keep going.
//! A check's exit code decides it; the verifier may accept a failure with
//! a reason.

use std::collections::VecDeque;

use super::{DrillScreen, Modal, PromptKind};
use crate::core::command::{CommandSpec, RunResult};
use crate::core::event::EventKind;
use crate::core::plan::StepKind;
use crate::core::session::Command;
use crate::keymap::Action;
use crate::store::trust::Trust;
use crate::tui::context::Now;
use crate::tui::messages::Cmd;
use crate::tui::screens::effect::Effect;

/// Lines of output kept for the pane (the journal keeps the last 20).
const PANE_LINES: usize = 2_000;

/// A yes/no question before running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Approve the runbook's commands (new or changed text), then run item `n`.
    Approve(usize),
    /// Approve the runbook's commands at the start: its sensors and kill
    /// switches run on their own once approved.
    ApproveRunbook,
    /// Run this item's command now (it changes a system).
    Run(usize),
    /// Run again this item's command, whose run firedrill's end interrupted.
    Rerun(usize),
}

/// The output pane: what runs (or ran), and its lines.
#[derive(Debug, Clone, Default)]
pub struct Pane {
    /// "argv · running" or "argv · passed (exit 0) in 00:02".
    pub title: String,
    /// The lines, oldest first (at most [`PANE_LINES`]).
    pub lines: VecDeque<String>,
    /// Lines scrolled up from the end; without output (no title), the
    /// notes pane's entries scrolled up from the newest.
    pub scroll: usize,
    /// The command still running: its step and item.
    pub running: Option<(StepKind, usize)>,
}

impl DrillScreen {
    fn selected_command(&self) -> Option<(StepKind, CommandSpec)> {
        let i = self.live.session.active()?;
        let step = &self.live.session.steps[i];
        step.plan.items.get(self.selected).and_then(|i| i.command.clone()).map(|c| (step.plan.kind, c))
    }

    /// `r`: ask to approve the runbook (once per text), then run it: a
    /// command that changes a system asks first, a read-only one just runs.
    pub(super) fn ask_run(&mut self, now: Now) -> Vec<Effect> {
        if self.pane.running.is_some() {
            self.flash = Some("a command is still running".to_owned());
            return Vec::new();
        }
        if self.selected_command().is_none() {
            self.flash = Some("this item has no command".to_owned());
            return Vec::new();
        }
        if self.live.trust != Some(Trust::Approved) {
            self.modal = Modal::Ask(Ask::Approve(self.selected));
            return Vec::new();
        }
        if self.live.session.asks_before_running(self.selected) {
            self.modal = Modal::Ask(Ask::Run(self.selected));
            return Vec::new();
        }
        self.start(self.selected, now)
    }

    /// `R`: runs every read-only command of the step, one after another
    /// (after the runbook's approval, once per text).
    pub(super) fn run_all(&mut self, now: Now) -> Vec<Effect> {
        let items = self.live.session.read_only_items();
        let Some((&first, rest)) = items.split_first() else {
            self.flash = Some("no read-only command in this step".to_owned());
            return Vec::new();
        };
        if self.pane.running.is_some() {
            self.flash = Some("a command is still running".to_owned());
            return Vec::new();
        }
        self.queue = rest.to_vec();
        self.selected = first;
        if self.live.trust != Some(Trust::Approved) {
            self.modal = Modal::Ask(Ask::Approve(first));
            return Vec::new();
        }
        self.start(first, now)
    }

    /// Whether the runbook's commands are approved here arrived: a runbook
    /// that runs commands on its own (sensors, kill switches) asks once,
    /// before anything else, when its text is new or changed here.
    pub fn trust_arrived(&mut self, trust: Trust) {
        self.live.trust = Some(trust);
        let undecided = self.live.session.awaits_decision();
        if trust != Trust::Approved && self.live.runs_on_its_own() && self.live.read_only.is_none() && undecided {
            self.modal = Modal::Ask(Ask::ApproveRunbook);
        }
    }

    pub(super) fn handle_ask(&mut self, ask: Ask, action: Option<Action>, now: Now) -> Vec<Effect> {
        match (ask, action) {
            (Ask::ApproveRunbook, Some(a @ (Action::Yes | Action::No))) => {
                self.opening();
                if a == Action::No {
                    self.flash = Some("not approved: health, probe and kill-switch commands will not run".to_owned());
                    return Vec::new();
                }
                self.live.trust = Some(Trust::Approved);
                let (path, sha256) = (self.live.header.runbook_path.clone(), self.live.header.runbook_sha256.clone());
                vec![Effect::Cmd(Cmd::Approve { path, sha256 })]
            }
            (Ask::Approve(item), Some(Action::Yes)) => {
                self.live.trust = Some(Trust::Approved);
                let (path, sha256) = (self.live.header.runbook_path.clone(), self.live.header.runbook_sha256.clone());
                let mut effects = vec![Effect::Cmd(Cmd::Approve { path, sha256 })];
                if self.live.session.asks_before_running(item) {
                    self.modal = Modal::Ask(Ask::Run(item));
                } else {
                    self.close();
                    effects.extend(self.start(item, now));
                }
                effects
            }
            (Ask::Run(item), Some(Action::Yes)) => {
                self.close();
                self.start(item, now)
            }
            (Ask::Rerun(item), Some(Action::Yes)) if self.live.trust == Some(Trust::Approved) => {
                self.close();
                self.selected = item;
                self.start(item, now)
            }
            (Ask::Rerun(item), Some(Action::Yes)) => {
                self.selected = item;
                self.modal = Modal::Ask(Ask::Approve(item));
                Vec::new()
            }
            (_, Some(Action::No)) => {
                self.queue.clear();
                self.close();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Starts the command; the core records a drill's mutating command as
    /// not run (without `--live-commands`) and the screen only reports it.
    fn start(&mut self, item: usize, now: Now) -> Vec<Effect> {
        let Some((step, _)) = self.selected_command() else { return Vec::new() };
        // What runs is the runbook file's command, never the redacted copy's.
        let spec = match self.live.command_of(step, item) {
            Ok(spec) => spec,
            Err(why) => {
                self.flash = Some(why);
                return Vec::new();
            }
        };
        let redact = self.live.runbook.redact.clone();
        let shown_argv = self.live.redactor.argv(&spec.argv);
        let started = match self.live.apply_event(Command::StartCommand { item, shown_argv: shown_argv.clone() }, now) {
            Ok((kind, cmd)) => (matches!(kind, EventKind::CommandStarted { .. }), vec![Effect::Cmd(cmd)]),
            Err(e) => {
                self.flash = Some(e.to_string());
                return Vec::new();
            }
        };
        let (started, mut effects) = started;
        if !started {
            self.flash =
                Some("not run: it changes a system; start the drill with --live-commands to run it".to_owned());
            return effects;
        }
        self.pane = Pane {
            title: format!("{} · running", crate::core::command::show_argv(&shown_argv)),
            running: Some((step, item)),
            ..Pane::default()
        };
        let cwd = self.live.cwd.clone();
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

    /// The command ended: record it (a passing check ticks its item in
    /// the core).
    pub fn command_done(&mut self, step: StepKind, item: usize, result: RunResult, now: Now) -> Vec<Effect> {
        let spec = self.live.session.step(step).and_then(|s| s.plan.items.get(item)).and_then(|i| i.command.clone());
        let expect = spec.as_ref().and_then(|c| c.expect.clone());
        let argv = spec.map(|c| crate::core::command::show_argv(&self.live.redactor.argv(&c.argv))).unwrap_or_default();
        let ended = result.said(expect.as_deref());
        self.pane.title = format!("{argv} · {ended} in {}", crate::core::duration::clock(result.duration_ms));
        self.pane.running = None;
        let mut effects = self.apply(Command::FinishCommand { step, item, result }, now).unwrap_or_default();
        // `R`: the next read-only command of the step, while the step lasts.
        if !self.queue.is_empty()
            && self.live.session.step(step).is_some_and(|s| s.status == crate::core::session::StepStatus::Active)
        {
            let next = self.queue.remove(0);
            self.selected = next;
            effects.extend(self.start(next, now));
        } else {
            self.queue.clear();
        }
        effects
    }

    /// After a resume: a run of the active step that firedrill's end cut
    /// short is shown with the output it kept, its item selected, and the
    /// screen asks before running it again.
    pub(super) fn offer_rerun(&mut self) {
        let Some(i) = self.live.session.active() else { return };
        let Some(run) = self.live.session.interrupted_run(self.live.session.steps[i].plan.kind) else { return };
        let at = run.kept.interrupted_at.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default();
        self.pane = Pane {
            title: format!("{} · run interrupted at {at} UTC", crate::core::command::show_argv(&run.argv)),
            lines: run.kept.output.iter().cloned().collect(),
            ..Pane::default()
        };
        self.selected = run.item;
        self.modal = Modal::Ask(Ask::Rerun(run.item));
    }

    /// Opens the override prompt for a failed check, with the failed run's
    /// output in the pane.
    pub(super) fn ask_override(&mut self, item: usize, now: Now) {
        if let Some(i) = self.live.session.active() {
            let kind = self.live.session.steps[i].plan.kind;
            if let Some(run) = self.live.session.last_run(kind, item)
                && let Some(res) = &run.result
            {
                self.pane = Pane {
                    title: format!(
                        "{} · {}",
                        crate::core::command::show_argv(&run.argv),
                        res.said(run.expect.as_deref())
                    ),
                    lines: res.tail.iter().cloned().collect(),
                    ..Pane::default()
                };
            }
        }
        self.open(PromptKind::Override(item), now);
    }
}
