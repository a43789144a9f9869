//! Running an item's command for the loop, off the loop: its lines go to
//! the screen as they come and to the journal once a second at most (so a
//! kill keeps what was shown, at most a second of it lost), its process
//! group is remembered until it ends (killed when firedrill exits), and it
//! runs under the guard (exec/guard.rs) that kills the group when
//! firedrill dies without a chance to do so.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::core::command::CommandSpec;
use crate::core::plan::StepKind;
use crate::tui::messages::Msg;

/// Most time a line waits before it is journaled.
pub const KEEP_EVERY: Duration = Duration::from_secs(1);

/// One command to run: what, for which item, where, and how.
pub struct RunRequest {
    /// The step of the item.
    pub step: StepKind,
    /// The item's index.
    pub item: usize,
    /// What to run.
    pub spec: CommandSpec,
    /// The folder to run it in.
    pub cwd: PathBuf,
    /// The runbook's extra secret patterns.
    pub redact: Vec<String>,
    /// The firedrill binary, to run it under a guard (`None`: directly).
    pub guard: Option<PathBuf>,
}

/// Starts `job` in the background: its output (shown at once, kept once a
/// second) and its end come back on `results`; its group is in `groups`
/// while it runs.
pub fn start(job: RunRequest, results: UnboundedSender<Msg>, groups: Arc<Mutex<Vec<u32>>>) {
    tokio::spawn(async move {
        let RunRequest { step, item, spec, cwd, redact, guard } = job;
        // A runbook's bad pattern was refused at start; keep the built-ins anyway.
        let redactor =
            crate::exec::redact::Redactor::new(&redact).unwrap_or_else(|_| crate::exec::redact::Redactor::built_in());
        let unkept: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let keep = || {
            let lines = unkept.lock().map(|mut u| std::mem::take(&mut *u)).unwrap_or_default();
            if !lines.is_empty() {
                let _ = results.send(Msg::OutputKept { step, item, lines });
            }
        };
        let mut group = 0;
        let started = |pgid: u32| {
            group = pgid;
            if let Ok(mut g) = groups.lock() {
                g.push(pgid);
            }
        };
        let shown = |batch: Vec<String>| {
            if let Ok(mut u) = unkept.lock() {
                u.extend(batch.iter().cloned());
            }
            let _ = results.send(Msg::CommandOutput(batch));
        };
        let launch =
            crate::exec::run::Launch { argv: &spec.argv, cwd: &cwd, timeout: spec.timeout.0, guard: guard.as_deref() };
        let mut every = tokio::time::interval(KEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let result = {
            let run = crate::exec::run::launch(launch, &redactor, started, shown);
            tokio::pin!(run);
            loop {
                tokio::select! {
                    r = &mut run => break r,
                    _ = every.tick() => keep(),
                }
            }
        };
        // The rest of the output is journaled before the end is.
        keep();
        // Its group is gone: never signal a number the system may reuse.
        if let Ok(mut g) = groups.lock() {
            g.retain(|p| *p != group);
        }
        let _ = results.send(Msg::CommandDone { step, item, result });
    });
}
