//! Where a session's commands come from. The journal keeps a redacted copy
//! of the runbook (no secret is saved), so a command is never run from it
//! when it is redacted: a session started here runs the file it read, and a
//! resumed one runs the runbook file only while its sha256 is the one the
//! journal recorded; otherwise commands are refused, saying why.

use crate::core::command::CommandSpec;
use crate::core::plan::{StepKind, derive_step};
use crate::core::runbook::Runbook;
use crate::tui::live::Live;

/// The runbook whose commands run, or why none may.
#[derive(Debug, Clone)]
pub enum Commands {
    /// The runbook as its file says.
    Runbook(Box<Runbook>),
    /// No command runs, with why (shown when one is asked for).
    Refused(String),
}

impl Commands {
    /// The runbook file at `path` when its sha256 is still `sha256`, else
    /// why its commands are refused (the effect of `Cmd::LoadCommands`).
    pub fn read(path: &str, sha256: &str) -> Self {
        match crate::store::runbook_file::unchanged(path, sha256) {
            Ok(r) => Self::Runbook(Box::new(r)),
            Err(why) => Self::Refused(refused(path, &why)),
        }
    }
}

/// Why commands wait at first after a resume of a redacted copy.
pub const READING: &str = "the runbook file is being read: the journal keeps only a redacted copy";

/// Why commands are refused when the runbook file is not the one the
/// session started with (`why` says how it differs).
pub fn refused(path: &str, why: &str) -> String {
    format!(
        "commands are not run: the journal keeps a redacted copy of the runbook, and {path} {why} (run `firedrill check` on it, then start a new session to run its commands)"
    )
}

impl Live {
    /// The runbook whose commands run.
    ///
    /// # Errors
    /// Why no command may run (the journal's copy is redacted and the
    /// runbook file is not the one it was made from).
    pub fn commands_runbook(&self) -> Result<&Runbook, String> {
        match &self.commands {
            Commands::Runbook(r) => Ok(r),
            Commands::Refused(why) => Err(why.clone()),
        }
    }

    /// The command of item `item` of step `step`, as it runs: the session's
    /// own when its runbook text is the file's, else the runbook file's
    /// item whose command, redacted, is the one the session shows.
    ///
    /// # Errors
    /// Why it may not run (see [`Live::commands_runbook`]), or that the
    /// item has no command.
    pub fn command_of(&self, step: StepKind, item: usize) -> Result<CommandSpec, String> {
        let shown = self
            .session
            .step(step)
            .and_then(|s| s.plan.items.get(item))
            .and_then(|i| i.command.clone())
            .ok_or_else(|| "this item has no command".to_owned())?;
        if !self.header.runbook_redacted {
            return Ok(shown);
        }
        let runbook = self.commands_runbook()?;
        let decision = self.session.decision.map(|(d, _)| d);
        [decision, None]
            .into_iter()
            .filter_map(|d| derive_step(runbook, step, d).items.get(item).and_then(|i| i.command.clone()))
            .find(|real| self.redactor.argv(&real.argv) == shown.argv)
            .ok_or_else(|| refused(&self.header.runbook_path, "gives this item another command than the one recorded"))
    }
}
