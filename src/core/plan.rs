//! The five timed steps of a rollback, derived from a runbook's facts
//! (DESIGN.md, "Derived checklist"; DOMAIN.md, "The drill").

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::command::{CommandSpec, DEFAULT_TIMEOUT};
use crate::core::duration::HumanDuration;
use crate::core::roles::Role;
use crate::core::runbook::{DoItem, Runbook};

/// One of the five steps of a rollback, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Agree what forces action and name the live release.
    Trigger,
    /// Pause deploys and hotfixes; assign the roles.
    Freeze,
    /// Roll back to the known-good release with the normal pipeline.
    Revert,
    /// Turn off the kill switches tied to the incident.
    DisableFlags,
    /// Verify the core flows.
    Verify,
}

impl StepKind {
    /// The five steps in the order they run.
    pub const ALL: [Self; 5] = [Self::Trigger, Self::Freeze, Self::Revert, Self::DisableFlags, Self::Verify];

    /// The key used in runbooks and journals (`disable_flags`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Trigger => "trigger",
            Self::Freeze => "freeze",
            Self::Revert => "revert",
            Self::DisableFlags => "disable_flags",
            Self::Verify => "verify",
        }
    }

    /// A short label for tables and the big step banner.
    pub fn label(self) -> &'static str {
        match self {
            Self::Trigger => "trigger",
            Self::Freeze => "freeze",
            Self::Revert => "revert",
            Self::DisableFlags => "disable",
            Self::Verify => "verify",
        }
    }

    fn defaults(self) -> (&'static str, u64, Role) {
        match self {
            Self::Trigger => ("Trigger: confirm the signal, name the live release", 2, Role::Driver),
            Self::Freeze => ("Freeze deploys and hotfixes", 2, Role::Communicator),
            Self::Revert => ("Revert to the known-good release", 10, Role::Driver),
            Self::DisableFlags => ("Disable the kill switches", 3, Role::Driver),
            Self::Verify => ("Verify core flows", 8, Role::Verifier),
        }
    }
}

impl fmt::Display for StepKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A step as the team runs it: title, target time, owner role and checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepPlan {
    /// Which step.
    pub kind: StepKind,
    /// The title shown on screen.
    pub title: String,
    /// The target duration for this step.
    pub target: HumanDuration,
    /// The role that owns the step.
    pub owner: Role,
    /// The checklist items, in order.
    pub items: Vec<String>,
    /// Per item, the command that does or checks it, if any.
    pub commands: Vec<Option<CommandSpec>>,
}

/// Index of the "name the live release" item in the trigger step's
/// checklist: it comes right after the runbook's triggers.
pub fn name_live_item(runbook: &Runbook) -> usize {
    runbook.triggers().len()
}

/// Derives the five steps from a runbook: default titles, targets
/// (2m, 2m, 10m, 3m, 8m) and owners (driver, communicator, driver, driver,
/// verifier) from DESIGN.md, checklist items from the runbook's facts, then
/// the runbook's `[[steps]]` overrides applied on top.
pub fn derive(runbook: &Runbook) -> Vec<StepPlan> {
    StepKind::ALL
        .into_iter()
        .map(|kind| {
            let (title, minutes, owner) = kind.defaults();
            let mut step = StepPlan {
                kind,
                title: title.to_owned(),
                target: HumanDuration::from_secs(minutes * 60),
                owner,
                items: items(runbook, kind),
                commands: Vec::new(),
            };
            step.commands = commands(runbook, kind, step.items.len());
            if kind == StepKind::Verify
                && let Some(probe) = &runbook.release.probe
            {
                step.items.push(format!("Probe: production reports {}", runbook.known_good()));
                step.commands.push(Some(CommandSpec {
                    argv: probe.clone(),
                    timeout: DEFAULT_TIMEOUT,
                    mutates: false,
                    expect: Some(runbook.known_good().to_owned()),
                }));
            }
            if let Some(o) = runbook.steps.iter().map(toml::Spanned::get_ref).find(|s| s.kind == kind) {
                if let Some(t) = &o.title {
                    t.clone_into(&mut step.title);
                }
                step.target = o.target.unwrap_or(step.target);
                step.owner = o.owner.unwrap_or(step.owner);
                for item in &o.items {
                    match item {
                        DoItem::Text(text) => {
                            step.items.push(text.clone());
                            step.commands.push(None);
                        }
                        DoItem::Run(run) => {
                            step.items.push(run.text.clone());
                            step.commands.push(Some(CommandSpec {
                                argv: run.command.clone(),
                                timeout: run.timeout.unwrap_or(DEFAULT_TIMEOUT),
                                mutates: run.mutates,
                                expect: None,
                            }));
                        }
                    }
                }
            }
            step
        })
        .collect()
}

/// The commands of the derived items: the checks' commands in the verify
/// step, none elsewhere (step overrides add their own).
fn commands(rb: &Runbook, kind: StepKind, len: usize) -> Vec<Option<CommandSpec>> {
    if kind != StepKind::Verify {
        return vec![None; len];
    }
    rb.checks()
        .iter()
        .map(|c| {
            c.command.as_ref().map(|argv| CommandSpec {
                argv: argv.clone(),
                timeout: c.timeout.unwrap_or(DEFAULT_TIMEOUT),
                mutates: c.mutates,
                expect: None,
            })
        })
        .collect()
}

fn items(rb: &Runbook, kind: StepKind) -> Vec<String> {
    let channel = rb.channel.as_deref().unwrap_or("the agreed channel");
    match kind {
        StepKind::Trigger => {
            let mut v: Vec<String> = rb
                .triggers()
                .iter()
                .map(|t| match &t.threshold {
                    Some(th) => format!("Confirm trigger: {} {th}", t.signal),
                    None => format!("Confirm trigger: {}", t.signal),
                })
                .collect();
            let ledger = rb.release.ledger.as_deref().map(|l| format!(" (ledger: {l})")).unwrap_or_default();
            v.push(format!("Name the live release: {}{ledger}", rb.live()));
            v
        }
        StepKind::Freeze => vec!["Pause deploys and hotfixes".to_owned(), format!("Post the freeze in {channel}")],
        StepKind::Revert => {
            let mut v = vec![format!("Redeploy {} with the normal pipeline", rb.known_good())];
            if let Some(m) = &rb.migration
                && let Some(note) = &m.note
            {
                v.push(format!("Migration in the {} phase: {note}", format!("{:?}", m.phase).to_lowercase()));
            }
            v.extend(rb.release.watch.iter().map(|w| format!("Watch {w}")));
            v
        }
        StepKind::DisableFlags => {
            if rb.flags.is_empty() {
                return vec!["No kill switch in this runbook: confirm none applies".to_owned()];
            }
            rb.flags
                .iter()
                .map(toml::Spanned::get_ref)
                .map(|f| match &f.how {
                    Some(how) => format!("Turn {} {}: {how}", f.name, f.safe),
                    None => format!("Turn {} {}", f.name, f.safe),
                })
                .collect()
        }
        StepKind::Verify => rb.checks().iter().map(|c| c.name.clone()).collect(),
    }
}
