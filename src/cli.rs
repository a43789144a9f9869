//! Command-line arguments (clap). Parsing only; `main` dispatches.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Rehearse production rollbacks and run live incidents from a one-page
/// TOML runbook. With no command, opens the home screen on ./runbooks.
#[derive(Debug, Parser)]
#[command(name = "firedrill", version, about, long_about = None)]
pub struct Cli {
    /// What to do; the home screen when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Folder of runbooks for the home screen.
    #[arg(long, value_name = "DIR", default_value = "runbooks", global = true)]
    pub runbooks: PathBuf,
    /// Output folder for postmortems (else $`FIREDRILL_DIR`, else the data dir).
    #[arg(long, value_name = "DIR", global = true)]
    pub out: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rehearse a rollback: time-box, targets, pause allowed.
    Drill(SessionArgs),
    /// Run a live incident from the runbook: wall clock first, no pause, may run solo.
    Incident(SessionArgs),
    /// Continue an unfinished session exactly where it stopped; without
    /// JOURNAL, pick one from the unfinished sessions.
    Resume {
        /// The journal (.jsonl) to continue.
        journal: Option<PathBuf>,
    },
    /// Review saved sessions: the list, each postmortem, splits and trends.
    Review {
        /// The folder of saved sessions (default: the output folder).
        dir: Option<PathBuf>,
        /// Print one JSON object per session (JSON Lines) instead of opening the screen.
        #[arg(long)]
        json: bool,
    },
    /// Validate runbooks: errors as path:line:col, warnings for practice gaps.
    Check {
        /// Runbook files to check.
        #[arg(required = true, value_name = "RUNBOOK")]
        runbooks: Vec<PathBuf>,
    },
    /// Write a runbook template to PATH (never overwriting).
    New {
        /// Where to write the template.
        path: PathBuf,
    },
    /// Regenerate the postmortem from a journal, finished or not.
    Report {
        /// The journal (.jsonl).
        journal: PathBuf,
    },
}

/// Arguments shared by `drill` and `incident`.
#[derive(Debug, Args)]
pub struct SessionArgs {
    /// The runbook (TOML).
    pub runbook: PathBuf,
    /// Who executes the steps.
    #[arg(long, value_name = "NAME")]
    pub driver: Option<String>,
    /// Who posts status updates.
    #[arg(long, value_name = "NAME")]
    pub communicator: Option<String>,
    /// Who verifies after each action.
    #[arg(long, value_name = "NAME")]
    pub verifier: Option<String>,
    /// In a drill, also run commands marked `mutates = true` (they change a system).
    #[arg(long)]
    pub live_commands: bool,
}
