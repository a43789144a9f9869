//! The checklist's rules: checking asks for more where an item's meaning
//! says so (a release, a passed check, a kill switch's command), a passed
//! command's tick is undone only with a reason, and an item's command runs
//! (a dry drill holds back the ones that change a system); a failed check
//! is accepted only with the verifier's reason.

use super::errors::{Decided, non_empty};
use super::{Session, SessionError};
use crate::command::{CommandSpec, RunEnd, RunResult};
use crate::event::{EventKind, item_position};
use crate::plan::Meaning;
use crate::vocab::{FlagState, Role, StepKind};

impl Session {
    /// Checking asks for more where the item's meaning says so: the
    /// release it names, a passed check, or (a kill switch with a
    /// `safe_command`) its command run. Unchecking needs a reason when the
    /// item's own command passed and checked it.
    pub(super) fn toggle(&self, item: usize) -> Decided {
        let step = self.active_step()?;
        let kind = step.plan.kind;
        let spec = step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: kind, item })?;
        let checked = step.checked.get(item).copied().unwrap_or(false);
        if checked {
            if self.passed_by_command(kind, item) {
                return Err(SessionError::ReasonToUncheck { item });
            }
        } else {
            if spec.meaning.names_release() {
                return Err(SessionError::ReleaseNeeded(spec.meaning));
            }
            let expect = spec.command.as_ref().and_then(|c| c.expect.as_deref());
            // A drill's held-back command did not fail: a person may verify by hand.
            let failed = self.last_run(kind, item).is_some_and(|r| {
                r.overridden.is_none()
                    && r.result.as_ref().is_some_and(|res| res.end != RunEnd::NotRunInDrill && !res.passed(expect))
            });
            let forced = self.failed_by_card(kind, item).is_some()
                && self.last_run(kind, item).is_none_or(|r| r.overridden.is_none());
            if let Meaning::Flag(f) = spec.meaning
                && self.flags.get(f).is_some_and(|fl| fl.state != FlagState::Safe)
            {
                self.flag_not_stuck(f)?;
                // A switch with its own command: checking it runs the command.
                if self.flags.get(f).is_some_and(|fl| fl.commands[0]) {
                    return self.turn_flag_safe(f);
                }
            }
            if spec.meaning.is_verification() && (failed || forced) {
                return Err(SessionError::CheckFailed { item });
            }
        }
        let id = self.item_id(kind, item).map(std::sync::Arc::from);
        Ok((
            Some(step.plan.owner),
            EventKind::ItemToggled { step: kind, item: item_position(item), id, checked: !checked, reason: None },
        ))
    }

    /// Accepts the active step's item `item` despite its failed check,
    /// with the verifier's reason.
    pub(super) fn override_check(&self, item: usize, reason: String) -> Decided {
        let step = self.active_step()?;
        let kind = step.plan.kind;
        step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: kind, item })?;
        let reason = non_empty(reason, "the reason")?;
        let id = self.item_id(kind, item);
        Ok((
            Some(Role::Verifier),
            EventKind::CheckOverridden { step: kind, item: item_position(item), id, reason: reason.into() },
        ))
    }

    /// Unchecks an item its own passing command checked, with the reason
    /// (the record keeps both the pass and the reason).
    pub(super) fn uncheck(&self, item: usize, reason: String) -> Decided {
        let step = self.active_step()?;
        let kind = step.plan.kind;
        step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: kind, item })?;
        if !step.checked.get(item).copied().unwrap_or(false) {
            return Err(SessionError::NoSuchItem { step: kind, item });
        }
        let reason = non_empty(reason, "the reason")?;
        let id = self.item_id(kind, item).map(std::sync::Arc::from);
        Ok((
            Some(step.plan.owner),
            EventKind::ItemToggled {
                step: kind,
                item: item_position(item),
                id,
                checked: false,
                reason: Some(reason.into()),
            },
        ))
    }

    /// True when item `item` of `kind` is checked because its own command
    /// passed (the evidence is that run).
    pub fn passed_by_command(&self, kind: StepKind, item: usize) -> bool {
        self.step(kind)
            .and_then(|s| s.evidence.get(item))
            .and_then(Option::as_ref)
            .is_some_and(crate::evidence::Evidence::is_measured)
            && self.last_run(kind, item).and_then(|r| r.result.as_ref()).is_some_and(|r| r.end.passed())
    }

    /// The release item `item` of the active step asks for when checked (its
    /// prompt opens on `enter` on it), while it is not checked.
    pub fn release_asked(&self, item: usize) -> Option<Meaning> {
        let step = self.active().map(|i| &self.steps[i])?;
        let spec = step.plan.items.get(item)?;
        (spec.meaning.names_release() && !step.checked.get(item).copied().unwrap_or(true)).then_some(spec.meaning)
    }

    /// The first item of the active step still to do (unchecked, not a
    /// caution to read): where the cursor goes when a step begins and after
    /// a check; `None` when nothing is left.
    pub fn next_to_do(&self) -> Option<usize> {
        let step = self.active().map(|i| &self.steps[i])?;
        step.plan
            .items
            .iter()
            .enumerate()
            .position(|(n, it)| it.meaning != Meaning::Caution && !step.checked.get(n).copied().unwrap_or(false))
    }

    /// True when running item `item`'s command asks "(y/n)" first: only
    /// commands that change a system do; a read-only one just runs.
    pub fn asks_before_running(&self, item: usize) -> bool {
        self.active()
            .and_then(|i| self.steps[i].plan.items.get(item))
            .and_then(|it| it.command.as_ref())
            .is_some_and(|c| c.mutates)
    }

    /// The items of the active step whose command is read-only, in order:
    /// what `R` runs one after another.
    pub fn read_only_items(&self) -> Vec<usize> {
        let Some(i) = self.active() else { return Vec::new() };
        let step = &self.steps[i];
        step.plan
            .items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.command.as_ref().is_some_and(|c| !c.mutates))
            .map(|(n, _)| n)
            .collect()
    }

    /// True when this session runs `command`: a read-only one always, one
    /// that changes a system only in an incident or a live-fire drill (a
    /// dry drill records it as not run).
    pub fn runs(&self, command: &CommandSpec) -> bool {
        !command.mutates || self.live_commands
    }

    /// Records how item `item`'s command ended, as its step's owner.
    pub(super) fn finish_command(
        &self,
        step: StepKind,
        item: usize,
        result: RunResult,
    ) -> (Option<crate::vocab::Role>, EventKind) {
        let owner = self.steps.iter().find(|s| s.plan.kind == step).map(|s| s.plan.owner);
        (
            owner,
            EventKind::CommandFinished {
                step,
                item: item_position(item),
                id: self.item_id(step, item),
                result: Box::new(result),
            },
        )
    }

    /// Starts item `item`'s command; one that changes a system is recorded
    /// as not run in a dry drill.
    pub(super) fn start_command(&self, item: usize, shown_argv: Vec<String>) -> Decided {
        let step = self.active_step()?;
        let kind = step.plan.kind;
        let spec = step.plan.items.get(item).ok_or(SessionError::NoSuchItem { step: kind, item })?;
        let command = spec.command.as_ref().ok_or(SessionError::NoCommand)?;
        if !self.runs(command) {
            let result = RunResult { end: RunEnd::NotRunInDrill, duration_ms: 0, tail: Vec::new(), output_bytes: 0 };
            return Ok((
                Some(step.plan.owner),
                EventKind::CommandFinished {
                    step: kind,
                    item: item_position(item),
                    id: self.item_id(kind, item),
                    result: Box::new(result),
                },
            ));
        }
        let argv = if shown_argv.is_empty() { command.argv.clone() } else { shown_argv };
        Ok((
            Some(step.plan.owner),
            EventKind::CommandStarted {
                step: kind,
                item: item_position(item),
                id: self.item_id(kind, item),
                argv: argv.into(),
            },
        ))
    }
}
