//! The five timed steps of a rollback, derived from a runbook's facts and
//! the team's decision (docs/design.md, "Inside the core"; docs/domain.md, "The five
//! steps"). Every checklist item carries a typed [`Meaning`] decided here,
//! once, so rules and KPIs read meanings and never indexes.

mod items;

use serde::{Deserialize, Serialize};

use crate::command::{CommandSpec, DEFAULT_TIMEOUT};
use crate::duration::HumanDuration;
use crate::vocab::{Decision, Role};

use crate::runbook::{DoItem, Runbook};
pub use crate::vocab::StepKind;

/// What checking a checklist item means, decided when the plan is derived
/// and recorded with it in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meaning {
    /// Just done: a runbook `do` item, the freeze, a note to read.
    Plain,
    /// Trigger `i` of the runbook was confirmed.
    Trigger(usize),
    /// The live release was named from the ledger (a readiness KPI).
    NameLive,
    /// The known-good release was redeployed (roll back: the recovery).
    Redeploy,
    /// The patch release was shipped (fix forward: the recovery).
    ShipPatch,
    /// Data was restored in a non-production target first.
    RestoreRehearsal,
    /// Production data was restored (restore: the recovery).
    Restore,
    /// A metric or user action from the release note was watched.
    Watch(usize),
    /// Kill switch `i` of the runbook was turned to its safe state.
    Flag(usize),
    /// Check `i` of the runbook passed (or was accepted with a reason).
    Check(usize),
    /// The release probe reported the release production should be on.
    Probe,
    /// A caution to read and keep ("do not patch during the rollback"):
    /// left unchecked, it is no action item.
    Caution,
}

impl Meaning {
    /// True for the item whose check means "users are back on a good
    /// release or good data": the recovery of step 3.
    pub fn is_recovery(self) -> bool {
        matches!(self, Self::Redeploy | Self::ShipPatch | Self::Restore)
    }

    /// True for an item that asks which release it was when checked.
    pub fn names_release(self) -> bool {
        matches!(self, Self::NameLive | Self::Redeploy | Self::ShipPatch)
    }

    /// True for an item verified by a check or the probe: a failed run must
    /// be accepted with a reason before it counts.
    pub fn is_verification(self) -> bool {
        matches!(self, Self::Check(_) | Self::Probe)
    }
}

/// One checklist item: what it says, what it means, and its command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Its id, unique in its step and stable for the session's life
    /// (`name_live`, `check-1`, `plain-0`): events name items by it.
    #[serde(default)]
    pub id: String,
    /// The text shown on screen and in the postmortem.
    pub text: String,
    /// What checking it means.
    pub meaning: Meaning,
    /// The command that does or checks it, if any.
    pub command: Option<CommandSpec>,
}

impl Item {
    fn plain(text: String, meaning: Meaning) -> Self {
        Self { id: String::new(), text, meaning, command: None }
    }
}

impl Meaning {
    /// The id stem of an item of this meaning: `name_live`, `check-1`.
    fn id_stem(self) -> String {
        match self {
            Self::Plain => "plain".to_owned(),
            Self::Trigger(i) => format!("trigger-{i}"),
            Self::NameLive => "name_live".to_owned(),
            Self::Redeploy => "redeploy".to_owned(),
            Self::ShipPatch => "ship_patch".to_owned(),
            Self::RestoreRehearsal => "restore_rehearsal".to_owned(),
            Self::Restore => "restore".to_owned(),
            Self::Watch(i) => format!("watch-{i}"),
            Self::Flag(i) => format!("flag-{i}"),
            Self::Check(i) => format!("check-{i}"),
            Self::Probe => "probe".to_owned(),
            Self::Caution => "caution".to_owned(),
        }
    }
}

/// Gives each item of `items` its id: its meaning's stem, numbered in
/// order where a stem repeats (plain items, cautions).
fn number(items: &mut [Item]) {
    let mut seen: Vec<String> = Vec::new();
    for item in items {
        let stem = item.meaning.id_stem();
        let n = seen.iter().filter(|s| **s == stem).count();
        item.id = if matches!(item.meaning, Meaning::Plain | Meaning::Caution) {
            format!("{stem}-{n}")
        } else {
            stem.clone()
        };
        seen.push(stem);
    }
}

/// A step as the team runs it: title, target time, owner role and
/// checklist; recorded whole in the journal when derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepPlan {
    /// Which step.
    pub kind: StepKind,
    /// A short label for tables (`revert`, `restore`, `fix fwd`).
    pub label: &'static str,
    /// The title shown on screen.
    pub title: String,
    /// The target duration for this step.
    pub target: HumanDuration,
    /// The role that owns the step.
    pub owner: Role,
    /// The checklist, in order.
    pub items: Vec<Item>,
}

/// Read through [`items::StepRecord`]: the label is text in the journal and
/// one of this build's labels in memory.
impl<'de> Deserialize<'de> for StepPlan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        items::StepRecord::deserialize(d).map(Into::into)
    }
}

impl StepPlan {
    /// The index of the item with `id`, if the step has one.
    pub fn find_id(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|i| i.id == id)
    }

    /// The index of the first item with `meaning`, if the step has one.
    pub fn find(&self, meaning: Meaning) -> Option<usize> {
        self.items.iter().position(|i| i.meaning == meaning)
    }
}

/// Derives the five steps from a runbook and the decision (`None` is a
/// roll back, the default): titles, targets (2m, 2m, 10m, 3m, 8m) and
/// owners (driver, communicator, driver, driver, verifier) as docs/domain.md, "Roles" assigns them,
/// step 3 from the decision (restore takes `[backup] restore_time` as its
/// target), checklist items from the runbook's facts, then the runbook's
/// `[[steps]]` overrides on top (one that names a `decision` only under it).
pub fn derive(runbook: &Runbook, decision: Option<Decision>) -> Vec<StepPlan> {
    StepKind::ALL.into_iter().map(|kind| derive_step(runbook, kind, decision)).collect()
}

/// Derives one step; see [`derive`].
pub fn derive_step(runbook: &Runbook, kind: StepKind, decision: Option<Decision>) -> StepPlan {
    let decision = decision.unwrap_or(Decision::RollBack);
    let (title, minutes, owner) = items::defaults(kind, decision);
    let mut target = HumanDuration::from_secs(minutes * 60);
    if kind == StepKind::Revert
        && decision == Decision::Restore
        && let Some(t) = runbook.backup.as_ref().and_then(|b| b.restore_time)
    {
        target = t;
    }
    let mut step = StepPlan {
        kind,
        label: items::label(kind, decision),
        title: title.to_owned(),
        target,
        owner,
        items: items::derive(runbook, kind, decision),
    };
    // The override naming this decision wins over one for every decision.
    let overrides = || runbook.steps.iter().map(toml::Spanned::get_ref).filter(|o| o.kind == kind);
    let chosen =
        overrides().find(|o| o.decision == Some(decision)).or_else(|| overrides().find(|o| o.decision.is_none()));
    if let Some(o) = chosen {
        if let Some(t) = &o.title {
            t.clone_into(&mut step.title);
        }
        step.target = o.target.unwrap_or(step.target);
        step.owner = o.owner.unwrap_or(step.owner);
        step.items.extend(o.items.iter().map(|item| match item {
            DoItem::Text(text) => Item::plain(text.clone(), Meaning::Plain),
            DoItem::Run(run) => Item {
                id: String::new(),
                text: run.text.clone(),
                meaning: Meaning::Plain,
                command: Some(CommandSpec {
                    argv: run.command.clone(),
                    timeout: run.timeout.unwrap_or(DEFAULT_TIMEOUT),
                    mutates: run.mutates,
                    expect: None,
                }),
            },
        }));
    }
    step.items.extend(items::appended(runbook, kind, decision));
    #[cfg(test)]
    if tests::EXTRA_ITEM.with(std::cell::Cell::get) {
        // A later build's plan: one more item in front of every step.
        step.items.insert(0, Item::plain("An item a later build added".to_owned(), Meaning::Plain));
    }
    number(&mut step.items);
    step
}

#[cfg(test)]
pub(crate) mod tests;
