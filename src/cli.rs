//! Command-line arguments (clap). Parsing here; `main` dispatches, and
//! the commands that only print (check, completions, man, schema) live
//! beside. Each command's `--help` ends with examples (`examples`).

pub mod actions;
mod args;
pub mod card;
pub mod check;
pub mod commands;
pub mod docs;
pub mod examples;
pub mod files;
pub mod later;
pub mod man;
pub mod preflight;
pub mod propose;
pub mod review;
pub mod schedule;
pub mod settings;
pub mod ship;
pub mod start;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use args::{ActionsOp, Common, SessionArgs};
pub use commands::{
    ApplyProposalArgs, CardArgs, CheckArgs, CompletionsArgs, ConfigArgs, DrillArgs, FollowArgs, ManArgs, NewArgs,
    PracticeArgs, PreflightArgs, ProposeArgs, ReportArgs, ResumeArgs, ReviewArgs,
};
pub use later::Later;

/// Rehearse production rollbacks and run live incidents from a one-page
/// TOML runbook. With no command, opens the home screen on ./runbooks.
#[derive(Debug, Parser)]
#[command(name = "firedrill", version, about, long_about = None, after_help = examples::TOP)]
pub struct Cli {
    /// What to do; the home screen when absent.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
    /// Folder of runbooks for the home screen.
    #[arg(
        long,
        value_name = "DIR",
        value_hint = clap::ValueHint::DirPath,
        help = "Folder of runbooks for the home screen [default: the config's runbooks, else ./runbooks]"
    )]
    pub runbooks: Option<PathBuf>,
    /// Where files go and which config is read.
    #[command(flatten)]
    pub common: Common,
}

/// The subcommands. Each one's arguments are built only when it is the
/// one given ([`Later`]), except for the two with commands of their own
/// (`actions`, `practice`): clap's `help` command copies the tree of
/// commands before a deferred one adds its own, and `actions`' zsh
/// completion is rebuilt from its arguments (`docs::for_completion`).
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Rehearse a rollback: time-box, targets, pause allowed.
    #[command(after_help = examples::DRILL)]
    Drill(Later<DrillArgs>),
    /// Run a live incident from the runbook: wall clock first, no pause, may
    /// run solo; every command runs, mutating ones too (asked first).
    #[command(after_help = examples::INCIDENT)]
    Incident(Later<SessionArgs>),
    /// Continue an unfinished session exactly where it stopped; without
    /// JOURNAL, pick one from the unfinished sessions.
    #[command(after_help = examples::RESUME)]
    Resume(Later<ResumeArgs>),
    /// Review saved sessions: the list, each postmortem, splits and trends.
    #[command(after_help = examples::REVIEW)]
    Review(Later<ReviewArgs>),
    /// Validate runbooks: errors as path:line:col, warnings for practice gaps.
    #[command(after_help = examples::CHECK)]
    Check(Later<CheckArgs>),
    /// Print the one-page drill card (markdown) of a runbook, or write it to a new file.
    #[command(after_help = examples::CARD)]
    Card(Later<CardArgs>),
    /// The five-minute pre-release check: each question pass, fail or unknown, with its evidence.
    ///
    /// Exit 0 when all pass, 1 when any fails (or a runbook is invalid), 3 when only unknowns remain;
    /// over several runbooks, the worst of them.
    #[command(after_help = examples::PREFLIGHT)]
    Preflight(Later<PreflightArgs>),
    /// Record that a phase of the runbook's change plan reached an environment, for preflight's order and waits.
    #[command(after_help = examples::SHIP)]
    Ship(Later<ship::ShipArgs>),
    /// Put the drill on the calendar: an iCalendar file with the recurrence, the runbook, the next roles by rotation, 20 minutes.
    #[command(after_help = examples::SCHEDULE)]
    Schedule(Later<schedule::ScheduleArgs>),
    /// Propose the same-day runbook update from a session: missed targets, items left twice, RUNBOOK: notes.
    #[command(after_help = examples::PROPOSE)]
    Propose(Later<ProposeArgs>),
    /// Apply the runbook update a save wrote beside the postmortem (<stem>.runbook.diff), after a (y/n).
    ///
    /// Run it from the folder the session ran in. Exit 0 applied and the runbook passes check, 1 not applied
    /// (declined, or the runbook changed since), 2 when it would ask but standard input is not a terminal.
    #[command(after_help = examples::APPLY_PROPOSAL)]
    ApplyProposal(Later<ApplyProposalArgs>),
    /// Write a runbook template to PATH, or a deck of inject cards with --deck (never overwriting).
    #[command(after_help = examples::NEW)]
    New(Later<NewArgs>),
    /// Watch a session another firedrill runs, live and read-only (on this
    /// machine, a shared folder, or over ssh); without JOURNAL, pick one of
    /// the sessions running here (listed, one a line, when piped).
    #[command(after_help = examples::FOLLOW)]
    Follow(Later<FollowArgs>),
    /// Regenerate the postmortem from a journal, finished or not.
    #[command(after_help = examples::REPORT)]
    Report(Later<ReportArgs>),
    /// Show the effective configuration and where each value came from.
    #[command(after_help = examples::CONFIG)]
    Config(Later<ConfigArgs>),
    /// Action items across saved sessions: list them, close one, export them.
    #[command(args_conflicts_with_subcommands = true, after_help = examples::ACTIONS)]
    Actions {
        /// What to do with them; lists them when absent.
        #[command(subcommand)]
        op: Option<ActionsOp>,
        /// The folder of saved sessions (default: the output folder).
        dir: Option<PathBuf>,
        /// Print one JSON object per item (JSON Lines).
        #[arg(long)]
        json: bool,
        /// Only the items still open.
        #[arg(long)]
        open: bool,
        /// Output folder and config.
        #[command(flatten)]
        common: Common,
    },
    /// A practice range: a small real service on localhost to break and roll back (runbooks/practice.toml).
    #[command(after_help = examples::PRACTICE)]
    Practice(PracticeArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = examples::COMPLETIONS)]
    Completions(Later<CompletionsArgs>),
    /// Print a man page (roff): firedrill(1), or a command's, such as
    /// firedrill-drill(1); or write every page into a folder.
    #[command(after_help = examples::MAN)]
    Man(Later<ManArgs>),
    /// Print the runbook's JSON Schema (draft-07): the rules `check` enforces, for editors and validators.
    #[command(after_help = examples::SCHEMA)]
    Schema,
}
