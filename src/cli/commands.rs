//! The arguments of each command that has its own, one struct a command:
//! `cli::CliCommand` names the commands (with their help and examples)
//! and builds each one's arguments only when it is the one given
//! (`cli::later`).

use std::path::PathBuf;

use clap::Args;

use super::{Common, SessionArgs, preflight, ship};

/// `firedrill drill`'s arguments.
#[derive(Debug, Args)]
pub struct DrillArgs {
    /// The runbook and the roles.
    #[command(flatten)]
    pub session: SessionArgs,
    /// Also run commands marked `mutates = true` (they change a system).
    #[arg(long)]
    pub live_commands: bool,
    /// A deck of inject cards (`[[injects]]`), kept apart from the runbook.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub injects: Option<PathBuf>,
}

/// `firedrill resume`'s arguments.
#[derive(Debug, Args)]
pub struct ResumeArgs {
    /// The journal (.jsonl) to continue.
    pub journal: Option<PathBuf>,
    /// Output folder and config.
    #[command(flatten)]
    pub common: Common,
}

/// `firedrill review`'s arguments.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The folder of saved sessions (default: the output folder).
    pub dir: Option<PathBuf>,
    /// Print one JSON object per session and per pre-release check (JSON Lines, with a "kind") instead of opening the screen.
    #[arg(long)]
    pub json: bool,
    /// Output folder and config.
    #[command(flatten)]
    pub common: Common,
}

/// `firedrill check`'s arguments.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Runbook files to check; `-` reads one from standard input.
    #[arg(required = true, value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
    pub runbooks: Vec<PathBuf>,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// Print one JSON object per finding (file, line, col, severity, code, message).
    #[arg(long)]
    pub json: bool,
    /// Also check this deck of inject cards against each runbook.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub injects: Option<PathBuf>,
}

/// `firedrill card`'s arguments.
#[derive(Debug, Args)]
pub struct CardArgs {
    /// The runbook (TOML).
    #[arg(value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
    pub runbook: PathBuf,
    /// Write the card to this new file instead of standard output (never overwriting).
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

/// `firedrill preflight`'s arguments.
#[derive(Debug, Args)]
#[expect(clippy::struct_excessive_bools, reason = "each is a flag of its own: --json, --strict, --trust, --no-record")]
pub struct PreflightArgs {
    /// The runbooks (TOML), each checked in turn; the exit status is the worst of them.
    #[arg(required = true, value_name = "RUNBOOK", value_hint = clap::ValueHint::FilePath)]
    pub runbooks: Vec<PathBuf>,
    /// Print one JSON object per question (its file, id, text, verdict, evidence and probe time),
    /// and one per invalid runbook (its file, "verdict": "invalid" and its errors).
    #[arg(long)]
    pub json: bool,
    /// Fail (exit 1) on unknowns too.
    #[arg(long)]
    pub strict: bool,
    /// Run the runbook's probes even if its commands were never approved on this machine (CI).
    #[arg(long)]
    pub trust: bool,
    /// How fast the live release must be named.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = preflight::parse_within)]
    pub within: crate::core::duration::HumanDuration,
    /// Do not record this check in the output folder (it is recorded by default, for review's trends).
    #[arg(long)]
    pub no_record: bool,
    /// The phase of the change plan being shipped (expand, migrate, contract, cleanup) [default: the next one by the evidence].
    #[arg(long, value_name = "PHASE", value_enum)]
    pub phase: Option<ship::PlanPhase>,
    /// The environment it ships to [default: the phase's next one by the evidence].
    #[arg(long, value_name = "ENV", requires = "phase")]
    pub env: Option<String>,
    /// Output folder (where the record goes) and config.
    #[command(flatten)]
    pub common: Common,
}

/// `firedrill propose`'s arguments.
#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// The session's journal (.jsonl).
    #[arg(value_hint = clap::ValueHint::FilePath)]
    pub journal: PathBuf,
    /// The previous session on the same runbook, for items left unchecked twice.
    #[arg(long, value_name = "JOURNAL", value_hint = clap::ValueHint::FilePath)]
    pub previous: Option<PathBuf>,
    /// Edit the runbook as shown (keeping its comments), then check it.
    #[arg(long)]
    pub apply: bool,
}

/// `firedrill apply-proposal`'s arguments.
#[derive(Debug, Args)]
pub struct ApplyProposalArgs {
    /// The proposal file (`<stem>.runbook.diff`), with its journal (`<stem>.jsonl`) beside it.
    #[arg(value_name = "DIFF", value_hint = clap::ValueHint::FilePath)]
    pub diff: PathBuf,
    /// Apply without asking.
    #[arg(long)]
    pub yes: bool,
}

/// `firedrill new`'s arguments.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write the runbook template.
    #[arg(required_unless_present = "deck")]
    pub path: Option<PathBuf>,
    /// Where to write a deck of three inject cards (for `drill --injects`).
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub deck: Option<PathBuf>,
}

/// `firedrill follow`'s arguments.
#[derive(Debug, Args)]
pub struct FollowArgs {
    /// The journal (.jsonl) of the running session.
    pub journal: Option<PathBuf>,
    /// Output folder and config.
    #[command(flatten)]
    pub common: Common,
}

/// `firedrill report`'s arguments.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The journal (.jsonl).
    pub journal: PathBuf,
    /// Output folder and config.
    #[command(flatten)]
    pub common: Common,
}

/// `firedrill config`'s arguments.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective config as TOML, each value with its source.
    #[arg(long)]
    pub print: bool,
    /// Output folder and config.
    #[command(flatten)]
    pub common: Common,
}

/// `firedrill practice`'s arguments.
#[derive(Debug, Args)]
pub struct PracticeArgs {
    /// What to do with the range.
    #[command(subcommand)]
    pub op: crate::practice::PracticeOp,
}

/// `firedrill completions`'s arguments.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// `firedrill man`'s arguments.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print (`drill`, `actions-export`); firedrill(1) when absent.
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub page: Option<String>,
    /// Write every page (firedrill.1, firedrill-drill.1, ...) into this folder, replacing older ones.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub dir: Option<PathBuf>,
}
