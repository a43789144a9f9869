//! What the session runs on its own: the runbook's sensors when the core
//! says they are due, and a kill switch's command when the core recorded
//! it started. The shell only runs them (once each at a time, and only a
//! runbook whose commands are approved here) and hands the result back.

use crate::core::command::{DEFAULT_TIMEOUT, RunEnd, RunResult};
use crate::core::evidence::Sensor;
use crate::core::session::{Command, SessionError};
use crate::core::switch::SwitchAction;
use crate::store::trust::Trust;
use crate::tui::context::Now;
use crate::tui::live::Live;
use crate::tui::messages::{Cmd, Job};

impl Live {
    /// The jobs to start now: every sensor due (`Session::sensors_due`)
    /// that is not running, and every switch command the journal says
    /// started and nothing runs. A runbook not approved here runs none; a
    /// switch command it started is recorded as not started, saying why.
    pub fn due_jobs(&mut self, now: Now) -> Vec<Cmd> {
        if self.read_only.is_some() {
            return Vec::new();
        }
        let mut cmds = Vec::new();
        let waiting: Vec<(usize, SwitchAction)> = self
            .session
            .flags
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.running.map(|a| (i, a)))
            .filter(|(i, a)| !self.jobs.contains(&Job::Switch(*i, *a)))
            .collect();
        let refused = self.commands_runbook().err();
        for (index, action) in waiting {
            if self.trust == Some(Trust::Approved) && refused.is_none() {
                cmds.extend(self.start_job(Job::Switch(index, action)));
            } else if self.trust.is_some() {
                let reason = refused.clone().unwrap_or_else(|| {
                    "this runbook's commands are not approved on this machine (r on a command approves them)".to_owned()
                });
                let result =
                    RunResult { end: RunEnd::NotStarted { reason }, duration_ms: 0, tail: Vec::new(), output_bytes: 0 };
                cmds.extend(self.apply(Command::FinishSwitchCommand { index, action, result }, now));
            }
        }
        if self.trust != Some(Trust::Approved) || refused.is_some() {
            return cmds;
        }
        for sensor in self.session.sensors_due(self.t_ms(now)) {
            let job = Job::Sensor(sensor);
            if !self.jobs.contains(&job) {
                cmds.extend(self.start_job(job));
            }
        }
        cmds
    }

    /// The command that runs `job`, with the argv the runbook file gives
    /// (never the journal's redacted copy).
    fn start_job(&mut self, job: Job) -> Option<Cmd> {
        let runbook = self.commands_runbook().ok()?;
        let argv = match &job {
            Job::Sensor(Sensor::Health) => runbook.release.health.clone(),
            Job::Sensor(Sensor::Probe) => runbook.release.probe.clone(),
            Job::Sensor(Sensor::Switch(name)) => {
                runbook.flags.iter().map(toml::Spanned::get_ref).find(|f| &f.name == name)?.state_command.clone()
            }
            Job::Switch(index, action) => {
                let flag = runbook.flags.get(*index)?.get_ref();
                match action {
                    SwitchAction::Safe => flag.safe_command.clone(),
                    SwitchAction::Restore => flag.restore_command.clone(),
                }
            }
        }?;
        self.jobs.push(job.clone());
        Some(Cmd::RunJob {
            job,
            argv,
            timeout: DEFAULT_TIMEOUT.0,
            cwd: self.cwd.clone(),
            redact: self.runbook.redact.clone(),
        })
    }

    /// A job ended: the core records its result.
    ///
    /// # Errors
    /// The [`SessionError`] the core gave (a reading from a sensor the
    /// runbook no longer gives, a switch not running).
    pub fn job_done(&mut self, job: Job, result: RunResult, now: Now) -> Result<Cmd, SessionError> {
        self.jobs.retain(|j| *j != job);
        let command = match job {
            Job::Sensor(sensor) => Command::RecordReading { sensor, result },
            Job::Switch(index, action) => Command::FinishSwitchCommand { index, action, result },
        };
        self.apply(command, now)
    }

    /// True when the runbook has commands firedrill runs on its own: a
    /// health check, a probe, or a kill switch's commands.
    pub fn runs_on_its_own(&self) -> bool {
        let r = &self.runbook;
        r.release.health.is_some()
            || r.release.probe.is_some()
            || r.flags
                .iter()
                .map(toml::Spanned::get_ref)
                .any(|f| f.safe_command.is_some() || f.restore_command.is_some() || f.state_command.is_some())
    }
}
