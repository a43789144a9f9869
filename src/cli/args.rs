//! The argument groups several commands share (the output folder and
//! config, a session's runbook and roles) and `actions`' own operations.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::examples;

/// Options every session-writing command takes.
#[derive(Debug, Clone, Default, Args)]
pub struct Common {
    /// Output folder for postmortems.
    #[arg(
        long,
        value_name = "DIR",
        value_hint = clap::ValueHint::DirPath,
        help = "Output folder for postmortems [default: $FIREDRILL_DIR, else the config's out, else the data folder's drills]"
    )]
    pub out: Option<PathBuf>,
    /// The config file.
    #[arg(
        long,
        value_name = "FILE",
        value_hint = clap::ValueHint::FilePath,
        help = "The config file [default: $FIREDRILL_CONFIG, else config.toml in the config folder: XDG on Linux, Application Support on macOS]"
    )]
    pub config: Option<PathBuf>,
}

impl Common {
    /// These options, each falling back to `outer`'s (given before the command).
    #[must_use]
    pub fn or(self, outer: &Self) -> Self {
        Self { out: self.out.or_else(|| outer.out.clone()), config: self.config.or_else(|| outer.config.clone()) }
    }
}

/// What `firedrill actions` does besides listing.
#[derive(Debug, Subcommand)]
pub enum ActionsOp {
    /// Close the action item ID (`<session id>#<number>`, from the list).
    #[command(after_help = examples::ACTIONS_CLOSE)]
    Close {
        /// The item's ID.
        id: String,
        /// How it was closed.
        #[arg(long, default_value = "closed with firedrill actions close")]
        note: String,
        /// The folder of saved sessions (default: the output folder).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Export the items: csv or json to stdout, or github (one issue per
    /// open item through the gh command line, never twice).
    #[command(after_help = examples::ACTIONS_EXPORT)]
    Export {
        /// csv, json or github.
        #[arg(long, value_enum)]
        format: super::actions::ExportFormat,
        /// The folder of saved sessions (default: the output folder).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// With github: the repository to file the issues in (`OWNER/NAME`;
        /// default: gh's, from the current folder's git remote).
        #[arg(long, value_name = "OWNER/NAME")]
        repo: Option<String>,
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
    /// Solo practice (drills): NAME holds all three roles, recorded as
    /// practice, kept out of the team's rotation and splits.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["driver", "communicator", "verifier"])]
    pub solo: Option<String>,
    /// Output folder and config.
    #[command(flatten)]
    pub common: Common,
}
