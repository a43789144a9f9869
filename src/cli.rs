//! CliCommand-line arguments (clap). Parsing here; `main` dispatches, and
//! the commands that only print (check, completions, man, schema) live
//! beside. Each command's `--help` ends with examples (`examples`).

pub mod actions;
mod args;
pub mod card;
pub mod check;
pub mod docs;
pub mod examples;
pub mod files;
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

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Rehearse a rollback: time-box, targets, pause allowed.
    #[command(after_help = examples::DRILL)]
    Drill {
        /// The runbook and the roles.
        #[command(flatten)]
        session: SessionArgs,
        /// Also run commands marked `mutates = true` (they change a system).
        #[arg(long)]
        live_commands: bool,
        /// A deck of inject cards (`[[injects]]`), kept apart from the runbook.
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        injects: Option<PathBuf>,
    },
    /// Run a live incident from the runbook: wall clock first, no pause, may
    /// run solo; every command runs, mutating ones too (asked first).
    #[command(after_help = examples::INCIDENT)]
    Incident(SessionArgs),
    /// Continue an unfinished session exactly where it stopped; without
    /// JOURNAL, pick one from the unfinished sessions.
    #[command(after_help = examples::RESUME)]
    Resume {
        /// The journal (.jsonl) to continue.
        journal: Option<PathBuf>,
        /// Output folder and config.
        #[command(flatten)]
        common: Common,
    },
    /// Review saved sessions: the list, each postmortem, splits and trends.
    #[command(after_help = examples::REVIEW)]
    Review {
        /// The folder of saved sessions (default: the output folder).
        dir: Option<PathBuf>,
        /// Print one JSON object per session and per pre-release check (JSON Lines, with a "kind") instead of opening the screen.
        #[arg(long)]
        json: bool,
        /// Output folder and config.
        #[command(flatten)]
        common: Common,
    },
    /// Validate runbooks: errors as path:line:col, warnings for practice gaps.
    #[command(after_help = examples::CHECK)]
    Check {
        /// Runbook files to check; `-` reads one from standard input.
        #[arg(required = true, value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
        runbooks: Vec<PathBuf>,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
        /// Print one JSON object per finding (file, line, col, severity, code, message).
        #[arg(long)]
        json: bool,
        /// Also check this deck of inject cards against each runbook.
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        injects: Option<PathBuf>,
    },
    /// Print the one-page drill card (markdown) of a runbook, or write it to a new file.
    #[command(after_help = examples::CARD)]
    Card {
        /// The runbook (TOML).
        #[arg(value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
        runbook: PathBuf,
        /// Write the card to this new file instead of standard output (never overwriting).
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        out: Option<PathBuf>,
    },
    /// The five-minute pre-release check: each question pass, fail or unknown, with its evidence.
    ///
    /// Exit 0 when all pass, 1 when any fails (or a runbook is invalid), 3 when only unknowns remain;
    /// over several runbooks, the worst of them.
    #[command(after_help = examples::PREFLIGHT)]
    Preflight {
        /// The runbooks (TOML), each checked in turn; the exit status is the worst of them.
        #[arg(required = true, value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
        runbooks: Vec<PathBuf>,
        /// Print one JSON object per question (its file, id, text, verdict, evidence and probe time),
        /// and one per invalid runbook (its file, "verdict": "invalid" and its errors).
        #[arg(long)]
        json: bool,
        /// Fail (exit 1) on unknowns too.
        #[arg(long)]
        strict: bool,
        /// Run the runbook's probes even if its commands were never approved on this machine (CI).
        #[arg(long)]
        trust: bool,
        /// How fast the live release must be named.
        #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = preflight::parse_within)]
        within: crate::core::duration::HumanDuration,
        /// Do not record this check in the output folder (it is recorded by default, for review's trends).
        #[arg(long)]
        no_record: bool,
        /// The phase of the change plan being shipped (expand, migrate, contract, cleanup) [default: the next one by the evidence].
        #[arg(long, value_name = "PHASE", value_enum)]
        phase: Option<ship::PlanPhase>,
        /// The environment it ships to [default: the phase's next one by the evidence].
        #[arg(long, value_name = "ENV", requires = "phase")]
        env: Option<String>,
        /// Output folder (where the record goes) and config.
        #[command(flatten)]
        common: Common,
    },
    /// Record that a phase of the runbook's change plan reached an environment, for preflight's order and waits.
    #[command(after_help = examples::SHIP)]
    Ship(ship::ShipArgs),
    /// Put the drill on the calendar: an iCalendar file with the recurrence, the runbook, the next roles by rotation, 20 minutes.
    #[command(after_help = examples::SCHEDULE)]
    Schedule(schedule::ScheduleArgs),
    /// Propose the same-day runbook update from a session: missed targets, items left twice, RUNBOOK: notes.
    #[command(after_help = examples::PROPOSE)]
    Propose {
        /// The session's journal (.jsonl).
        #[arg(value_hint = clap::ValueHint::FilePath)]
        journal: PathBuf,
        /// The previous session on the same runbook, for items left unchecked twice.
        #[arg(long, value_name = "JOURNAL", value_hint = clap::ValueHint::FilePath)]
        previous: Option<PathBuf>,
        /// Edit the runbook as shown (keeping its comments), then check it.
        #[arg(long)]
        apply: bool,
    },
    /// Apply the runbook update a save wrote beside the postmortem (<stem>.runbook.diff), after a (y/n).
    ///
    /// Run it from the folder the session ran in. Exit 0 applied and the runbook passes check, 1 not applied
    /// (declined, or the runbook changed since), 2 when it would ask but standard input is not a terminal.
    #[command(after_help = examples::APPLY_PROPOSAL)]
    ApplyProposal {
        /// The proposal file (`<stem>.runbook.diff`), with its journal (`<stem>.jsonl`) beside it.
        #[arg(value_name = "DIFF", value_hint = clap::ValueHint::FilePath)]
        diff: PathBuf,
        /// Apply without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Write a runbook template to PATH, or a deck of inject cards with --deck (never overwriting).
    #[command(after_help = examples::NEW)]
    New {
        /// Where to write the runbook template.
        #[arg(required_unless_present = "deck")]
        path: Option<PathBuf>,
        /// Where to write a deck of three inject cards (for `drill --injects`).
        #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        deck: Option<PathBuf>,
    },
    /// Watch a session another firedrill runs, live and read-only (on this
    /// machine, a shared folder, or over ssh); without JOURNAL, pick one of
    /// the sessions running here (listed, one a line, when piped).
    #[command(after_help = examples::FOLLOW)]
    Follow {
        /// The journal (.jsonl) of the running session.
        journal: Option<PathBuf>,
        /// Output folder and config.
        #[command(flatten)]
        common: Common,
    },
    /// Regenerate the postmortem from a journal, finished or not.
    #[command(after_help = examples::REPORT)]
    Report {
        /// The journal (.jsonl).
        journal: PathBuf,
        /// Output folder and config.
        #[command(flatten)]
        common: Common,
    },
    /// Show the effective configuration and where each value came from.
    #[command(after_help = examples::CONFIG)]
    Config {
        /// Print the effective config as TOML, each value with its source.
        #[arg(long)]
        print: bool,
        /// Output folder and config.
        #[command(flatten)]
        common: Common,
    },
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
    Practice {
        /// What to do with the range.
        #[command(subcommand)]
        op: crate::practice::PracticeOp,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = examples::COMPLETIONS)]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): firedrill(1), or a command's, such as
    /// firedrill-drill(1); or write every page into a folder.
    #[command(after_help = examples::MAN)]
    Man {
        /// The command whose page to print (`drill`, `actions-export`); firedrill(1) when absent.
        #[arg(value_name = "COMMAND", conflicts_with = "dir")]
        page: Option<String>,
        /// Write every page (firedrill.1, firedrill-drill.1, ...) into this folder, replacing older ones.
        #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
        dir: Option<PathBuf>,
    },
    /// Print the runbook's JSON Schema (draft-07): the rules `check` enforces, for editors and validators.
    #[command(after_help = examples::SCHEMA)]
    Schema,
}
