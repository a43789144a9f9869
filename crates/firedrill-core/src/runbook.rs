//! The runbook: a one-page TOML file of facts (releases, triggers, kill
//! switches, checks, backup, migration, redeploy, roles) from which the
//! five drill steps are derived. Schema version 1 (docs/runbook.md); unknown
//! keys are errors.

mod backup;
mod deck;
pub mod hours;
mod inject;
mod key;
mod lint;
mod locate;
mod migration;
mod recover;
mod redeploy;
mod roster;
mod schema;

mod signal;
mod validate;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

pub use crate::vocab::Severity;
pub use backup::{Backup, PRACTICE_EVERY};
pub use deck::Deck;
pub use inject::Inject;
pub use key::runbook_key;
pub use lint::{Warning, warnings, warnings_on};
pub use locate::{Location, RunbookError};
pub use migration::{Migration, MigrationPhase, Phase, PressureQuestion};
pub use redeploy::{Redeploy, is_env_name};
pub use roster::Roster;
pub use schema::json_schema;
pub use signal::Signal;

use crate::duration::HumanDuration;
use crate::vocab::{Role, StepKind};

/// The runbook schema version this build reads.
pub const SCHEMA_VERSION: i64 = 1;

/// A parsed, validated runbook (schema version 1).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Runbook {
    /// Schema version; must be 1.
    #[schemars(with = "i64", range(min = 1, max = 1))]
    pub version: Spanned<i64>,
    /// Human title, e.g. "Checkout sign-up rollback".
    #[schemars(with = "String", pattern(schema::NON_BLANK))]
    pub title: Spanned<String>,
    /// The service the runbook is about.
    pub service: Option<String>,
    /// The owning team.
    pub owner: Option<String>,
    /// The one agreed channel for status updates.
    pub channel: Option<String>,
    /// How bad a live incident of this runbook is by default (`SEV1`,
    /// `SEV2`, `SEV3`); the incident may set or change it as it goes.
    pub severity: Option<Severity>,
    /// The drill time-box: how long the whole drill should take; 30 minutes
    /// when absent.
    #[serde(default = "default_timebox")]
    pub timebox: HumanDuration,
    /// How often the communicator promises a status update; 30 minutes in
    /// an incident and 10 in a drill when absent.
    pub update_every: Option<HumanDuration>,
    /// A program (argv) that receives each posted status update on stdin,
    /// such as a team's chat command line.
    pub notify: Option<Vec<String>>,
    /// Regular expressions for secrets to hide in command output, on top of
    /// the built-in patterns (tokens, `Authorization` headers).
    #[serde(default)]
    #[schemars(extend("items" = { "type": "string", "format": "regex" }))]
    pub redact: Vec<String>,
    /// The release note: what is live and what to revert to.
    pub release: Release,
    /// What forces action; at least one.
    #[schemars(with = "Vec<Trigger>", required, length(min = 1))]
    pub triggers: Option<Spanned<Vec<Trigger>>>,
    /// Kill switches tied to the release.
    #[serde(default)]
    #[schemars(with = "Vec<Flag>")]
    pub flags: Vec<Spanned<Flag>>,
    /// Core flows to verify; at least one.
    #[schemars(with = "Vec<Check>", required, length(min = 1))]
    pub checks: Option<Spanned<Vec<Check>>>,
    /// Restore readiness facts.
    pub backup: Option<Backup>,
    /// Where the release stands in an expand/contract schema change.
    pub migration: Option<Migration>,
    /// Optional overrides of the five derived steps.
    #[serde(default)]
    #[schemars(with = "Vec<StepOverride>")]
    pub steps: Vec<Spanned<StepOverride>>,
    /// A facilitator's inject cards: what goes wrong, and when.
    #[serde(default)]
    pub injects: Vec<Inject>,
    /// The minimum to redeploy from scratch, for the printed card.
    pub redeploy: Option<Redeploy>,
    /// Who may drive, communicate and verify, decided in advance.
    pub roles: Option<Roster>,
}

fn default_timebox() -> HumanDuration {
    HumanDuration::from_secs(30 * 60)
}

/// The five-line release note: what is live, what to go back to, where
/// that is read, what changed, and what to watch.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The release ID production runs now.
    #[schemars(with = "String", pattern(schema::NON_BLANK))]
    pub live: Spanned<String>,
    /// The last release trusted to work: the revert target.
    #[schemars(with = "String", pattern(schema::NON_BLANK))]
    pub known_good: Spanned<String>,
    /// Where "what is live" is read (the source of truth).
    pub ledger: Option<String>,
    /// The change in one sentence.
    pub change: Option<String>,
    /// One or two metrics or user actions to watch.
    #[serde(default)]
    pub watch: Vec<String>,
    /// Who is on point for the release.
    pub owner: Option<String>,
    /// A read-only argv that prints the release production runs; the verify
    /// step runs it and passes when it prints the known-good release.
    pub probe: Option<Vec<String>>,
    /// A read-only argv that exits 0 when the known-good release is ready
    /// to redeploy (its build or image still exists); `preflight` runs it.
    #[schemars(with = "Option<Vec<String>>")]
    pub known_good_probe: Option<Spanned<Vec<String>>>,
    /// The one read-only argv that says users are fine: exit 0 when healthy.
    /// It runs at the start (to confirm the harm), after every mitigation
    /// action, and every `health_every` while the session runs; its first
    /// pass after a failure is when the harm was mitigated.
    pub health: Option<Vec<String>>,
    /// How often `health` runs while the session runs; 15 seconds when absent.
    pub health_every: Option<HumanDuration>,
    /// The config version live now, named apart from the code release
    /// (config is not code: a code rollback must not roll it back).
    pub config: Option<String>,
    /// The config version a redeploy of the known-good release would
    /// bring back, when it is tied to that release.
    pub known_good_config: Option<String>,
}

/// How often the health check runs when the runbook does not say (15 s).
pub const HEALTH_EVERY: HumanDuration = HumanDuration::from_secs(15);

/// A condition that forces action, e.g. sign-up failures at 5% for 5 minutes.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// The signal watched.
    #[schemars(pattern(schema::NON_BLANK))]
    pub signal: String,
    /// The threshold that forces action.
    pub threshold: Option<String>,
}

/// A kill switch (feature flag) to turn to its safe state.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    /// The flag's name in the flag system.
    #[schemars(pattern(schema::NON_BLANK))]
    pub name: String,
    /// The safe state, `off` unless said otherwise.
    #[serde(default = "default_safe")]
    #[schemars(extend("enum" = ["off", "on"]))]
    pub safe: String,
    /// How to flip it, as a person would read it.
    pub how: Option<String>,
    /// The argv that puts the switch in its safe state (`o` runs it).
    pub safe_command: Option<Vec<String>>,
    /// The argv that puts the switch back as it was (`r` runs it).
    pub restore_command: Option<Vec<String>>,
    /// A read-only argv that prints the switch's current state (`on` or
    /// `off`), read back after each change and compared with `safe`.
    pub state_command: Option<Vec<String>>,
    /// Where the flag lives (the flag service, a config file).
    pub lives_in: Option<String>,
    /// Who may flip it.
    pub who: Option<String>,
    /// How long a flip takes to reach every user.
    pub takes_effect: Option<HumanDuration>,
}

fn default_safe() -> String {
    "off".to_owned()
}

/// A core flow to verify after the revert.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// What is verified, e.g. "Create an account end to end".
    #[schemars(pattern(schema::NON_BLANK))]
    pub name: String,
    /// An optional argv (never a shell string) that performs the check.
    pub command: Option<Vec<String>>,
    /// How long the command may run (default 60s).
    pub timeout: Option<HumanDuration>,
    /// True when the command changes a system (not run in a drill unless
    /// started with `--live-commands`).
    #[serde(default)]
    pub mutates: bool,
    /// The recovery signal the check covers.
    pub signal: Option<Signal>,
}

/// An extra checklist item of a step override: text, or text with a command.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum DoItem {
    /// Just the text of the item.
    Text(String),
    /// The text and the command that does it.
    Run(RunItem),
}

/// A checklist item that carries a command.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunItem {
    /// What the item says.
    pub text: String,
    /// The argv to run (never a shell string).
    pub command: Vec<String>,
    /// How long it may run (default 60s).
    pub timeout: Option<HumanDuration>,
    /// True when it changes a system.
    #[serde(default)]
    pub mutates: bool,
}

/// An override of one derived step.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepOverride {
    /// Which of the five steps this overrides.
    pub kind: StepKind,
    /// Only under this decision (`roll_back`, `fix_forward`, `restore`);
    /// every decision when absent.
    pub decision: Option<crate::vocab::Decision>,
    /// A replacement title.
    pub title: Option<String>,
    /// A replacement target duration.
    pub target: Option<HumanDuration>,
    /// A replacement owner role.
    pub owner: Option<Role>,
    /// Extra checklist items appended to the derived ones.
    #[serde(default, rename = "do")]
    pub items: Vec<DoItem>,
}

impl Runbook {
    /// Parses and validates runbook text; `path` only labels errors.
    ///
    /// # Errors
    /// A list of [`RunbookError`]s, each with `path:line:col` and the field
    /// (TOML syntax, unknown keys with a "did you mean", wrong types, bad
    /// durations, missing required fields, and the schema's own rules);
    /// every error in the file, in file order, not just the first.
    pub fn parse(path: &str, text: &str) -> Result<Self, Vec<RunbookError>> {
        recover::parse_all(path, text)
    }

    /// The triggers, in runbook order.
    pub fn triggers(&self) -> &[Trigger] {
        self.triggers.as_ref().map_or(&[], |t| t.get_ref().as_slice())
    }

    /// The checks, in runbook order.
    pub fn checks(&self) -> &[Check] {
        self.checks.as_ref().map_or(&[], |c| c.get_ref().as_slice())
    }

    /// The status update cadence for `mode`: the runbook's `update_every`,
    /// else 30 minutes for an incident and 10 for a drill (issue "Live
    /// incident mode").
    pub fn update_every(&self, mode: crate::vocab::Mode) -> HumanDuration {
        self.update_every.unwrap_or(match mode {
            crate::vocab::Mode::Incident => HumanDuration::from_secs(30 * 60),
            crate::vocab::Mode::Drill => HumanDuration::from_secs(10 * 60),
        })
    }

    /// The runbook title.
    pub fn title(&self) -> &str {
        self.title.get_ref()
    }

    /// The live release ID.
    pub fn live(&self) -> &str {
        self.release.live.get_ref()
    }

    /// The known-good release ID (the revert target).
    pub fn known_good(&self) -> &str {
        self.release.known_good.get_ref()
    }

    /// How often the health check runs: `health_every`, else [`HEALTH_EVERY`].
    pub fn health_every(&self) -> HumanDuration {
        self.release.health_every.unwrap_or(HEALTH_EVERY)
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_backup;
