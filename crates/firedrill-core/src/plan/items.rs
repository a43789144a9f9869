//! The checklist of each step, derived from the runbook's facts and the
//! decision, each item with its meaning (docs/design.md, "Inside the core").

use super::{Item, Meaning, StepKind};
use crate::command::{CommandSpec, DEFAULT_TIMEOUT};
use crate::vocab::{Decision, Role};

use crate::runbook::{MigrationPhase, Runbook};

/// Default title, target minutes and owner of a step under `decision`.
pub(super) fn defaults(kind: StepKind, decision: Decision) -> (&'static str, u64, Role) {
    match (kind, decision) {
        (StepKind::Trigger, _) => ("Trigger: confirm the signal, name the live release", 2, Role::Driver),
        (StepKind::Freeze, _) => ("Freeze deploys and hotfixes", 2, Role::Communicator),
        (StepKind::Revert, Decision::RollBack) => ("Revert to the known-good release", 10, Role::Driver),
        (StepKind::Revert, Decision::FixForward) => ("Fix forward: ship one patch", 10, Role::Driver),
        (StepKind::Revert, Decision::Restore) => ("Restore data from the backup", 10, Role::Driver),
        (StepKind::DisableFlags, _) => ("Disable the kill switches", 3, Role::Driver),
        (StepKind::Verify, _) => ("Verify core flows", 8, Role::Verifier),
    }
}

/// The short label of a step under `decision` (step 3 says what it does).
pub(super) fn label(kind: StepKind, decision: Decision) -> &'static str {
    match (kind, decision) {
        (StepKind::Revert, Decision::FixForward) => "fix fwd",
        (StepKind::Revert, Decision::Restore) => "restore",
        _ => kind.label(),
    }
}

/// The derived items of one step.
pub(super) fn derive(rb: &Runbook, kind: StepKind, decision: Decision) -> Vec<Item> {
    let channel = rb.channel.as_deref().unwrap_or("the agreed channel");
    match kind {
        StepKind::Trigger => {
            let mut v: Vec<Item> = rb
                .triggers()
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = match &t.threshold {
                        Some(th) => format!("Confirm trigger: {} {th}", t.signal),
                        None => format!("Confirm trigger: {}", t.signal),
                    };
                    Item::plain(text, Meaning::Trigger(i))
                })
                .collect();
            let ledger = rb.release.ledger.as_deref().map(|l| format!(" (ledger: {l})")).unwrap_or_default();
            v.push(Item::plain(format!("Name the live release: {}{ledger}", rb.live()), Meaning::NameLive));
            v
        }
        StepKind::Freeze => vec![
            Item::plain("Pause deploys and hotfixes".to_owned(), Meaning::Plain),
            Item::plain(format!("Post the freeze in {channel}"), Meaning::Plain),
        ],
        StepKind::Revert => step3(rb, decision),
        StepKind::DisableFlags => {
            if rb.flags.is_empty() {
                return vec![Item::plain(
                    "No kill switch in this runbook: confirm none applies".to_owned(),
                    Meaning::Plain,
                )];
            }
            rb.flags
                .iter()
                .map(toml::Spanned::get_ref)
                .enumerate()
                .map(|(i, f)| {
                    let text = match &f.how {
                        Some(how) => format!("Turn {} {}: {how}", f.name, f.safe),
                        None => format!("Turn {} {}", f.name, f.safe),
                    };
                    Item::plain(text, Meaning::Flag(i))
                })
                .collect()
        }
        StepKind::Verify => verify(rb, decision),
    }
}

/// The rule of the revert step under a roll back (docs/domain.md, "The five steps",
/// step 3): the known-good release goes out first, nothing else with it.
pub const ROLLBACK_FIRST: &str = "Do not patch during the rollback: known-good first.";

/// What the revert step says when the live release is in the cleanup phase
/// of a schema change, the one irreversible phase (docs/domain.md, "Schema
/// changes that keep rollback possible").
pub const CLEANUP_IRREVERSIBLE: &str =
    "Cleanup migration: the old column is dropped; a rollback will not bring it back (restore data if needed)";

/// Step 3 as decided: redeploy the known-good release, ship one patch, or
/// restore the data (docs/domain.md, "Words" and "Backups").
fn step3(rb: &Runbook, decision: Decision) -> Vec<Item> {
    let mut v = match decision {
        Decision::RollBack => {
            vec![Item::plain(format!("Redeploy {} with the normal pipeline", rb.known_good()), Meaning::Redeploy)]
        }
        Decision::FixForward => vec![
            Item::plain("Do not stack changes: the patch and nothing else".to_owned(), Meaning::Plain),
            Item::plain("Ship the patch release with the normal pipeline".to_owned(), Meaning::ShipPatch),
        ],
        Decision::Restore => {
            let backup = rb.backup.as_ref();
            let latest = backup.and_then(|b| b.latest.as_deref()).unwrap_or("the latest backup");
            let tolerance = backup
                .and_then(|b| b.max_data_loss)
                .map_or_else(|| "the agreed tolerance".to_owned(), |d| format!("at most {d}"));
            vec![
                Item::plain(format!("Restore {latest} to a non-production target first"), Meaning::RestoreRehearsal),
                Item::plain(format!("Restore production data from {latest}"), Meaning::Restore),
                Item::plain(format!("Confirm the data lost is within {tolerance}"), Meaning::Plain),
            ]
        }
    };
    if let Some(m) = &rb.migration
        && let Some(note) = &m.note
    {
        let phase = format!("{:?}", m.phase).to_lowercase();
        v.push(Item::plain(format!("Migration in the {phase} phase: {note}"), Meaning::Plain));
    }
    v.extend(rb.release.watch.iter().enumerate().map(|(i, w)| Item::plain(format!("Watch {w}"), Meaning::Watch(i))));
    v
}

/// The verify step: one item per check, then the release probe (which
/// expects the known-good release after a roll back and the live one after
/// a restore; a patch's ID is not known beforehand, so fix forward has none).
fn verify(rb: &Runbook, decision: Decision) -> Vec<Item> {
    let mut v: Vec<Item> = rb
        .checks()
        .iter()
        .enumerate()
        .map(|(i, c)| Item {
            id: String::new(),
            text: c.name.clone(),
            meaning: Meaning::Check(i),
            command: c.command.as_ref().map(|argv| CommandSpec {
                argv: argv.clone(),
                timeout: c.timeout.unwrap_or(DEFAULT_TIMEOUT),
                mutates: c.mutates,
                expect: None,
            }),
        })
        .collect();
    let expect = match decision {
        Decision::RollBack => Some(rb.known_good()),
        Decision::Restore => Some(rb.live()),
        Decision::FixForward => None,
    };
    if let (Some(probe), Some(expect)) = (&rb.release.probe, expect) {
        v.push(Item {
            id: String::new(),
            text: format!("Probe: production reports {expect}"),
            meaning: Meaning::Probe,
            command: Some(CommandSpec {
                argv: probe.clone(),
                timeout: DEFAULT_TIMEOUT,
                mutates: false,
                expect: Some(expect.to_owned()),
            }),
        });
    }
    v
}

/// Items added to a step after its runbook overrides, so the index of
/// every item a journal written by an earlier build refers to stays the
/// same (journals record item indices; replay derives the plan again):
/// under a roll back, "do not patch"; in a cleanup migration, that a
/// rollback will not bring the column back.
pub(super) fn appended(rb: &Runbook, kind: StepKind, decision: Decision) -> Vec<Item> {
    let mut v = Vec::new();
    if kind != StepKind::Revert {
        return v;
    }
    if decision == Decision::RollBack {
        v.push(Item::plain(ROLLBACK_FIRST.to_owned(), Meaning::Caution));
    }
    if rb.migration.as_ref().is_some_and(|m| m.phase == MigrationPhase::Cleanup) {
        v.push(Item::plain(CLEANUP_IRREVERSIBLE.to_owned(), Meaning::Caution));
    }
    v
}

/// A step plan as a journal holds it: like [`super::StepPlan`], its label
/// as text (read back as one of the labels this build knows; an unknown one
/// reads as the step's own).
#[derive(serde::Deserialize)]
pub(super) struct StepRecord {
    kind: StepKind,
    label: String,
    title: String,
    target: crate::duration::HumanDuration,
    owner: Role,
    items: Vec<Item>,
}

impl From<StepRecord> for super::StepPlan {
    fn from(r: StepRecord) -> Self {
        const KNOWN: [&str; 7] = ["trigger", "freeze", "revert", "disable", "verify", "fix fwd", "restore"];
        let label = KNOWN.into_iter().find(|k| *k == r.label).unwrap_or(r.kind.label());
        Self { kind: r.kind, label, title: r.title, target: r.target, owner: r.owner, items: r.items }
    }
}
