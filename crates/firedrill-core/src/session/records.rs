//! The records a session keeps besides its events: each step's state, a
//! note or status update, a command run. Built and changed only by the
//! fold, so replay gives them back exactly.

use chrono::{DateTime, Utc};

use crate::command::RunResult;
use crate::evidence::Evidence;
use crate::plan::{Meaning, StepPlan};
use crate::vocab::StepKind;

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepStatus {
    /// Not reached yet.
    Pending,
    /// The step being worked on.
    Active,
    /// Completed.
    Done,
    /// Skipped with a reason.
    Skipped,
}

/// One step's plan and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepState {
    /// The derived plan (title, target, owner, items).
    pub plan: StepPlan,
    /// Where the step stands.
    pub status: StepStatus,
    /// Per item: checked or not.
    pub checked: Vec<bool>,
    /// Per item: monotonic ms it was (last) checked, while it is checked.
    pub checked_ms: Vec<Option<u64>>,
    /// Per item: how the record knows it was done, while it is checked (a
    /// passing command, a sensor's reading, or a key press).
    pub evidence: Vec<Option<Evidence>>,
    /// Monotonic ms when the step became active.
    pub started_ms: Option<u64>,
    /// Monotonic ms when it was completed or skipped.
    pub ended_ms: Option<u64>,
    /// Items left unchecked when completed.
    pub left_unchecked: Vec<usize>,
    /// Why it was skipped.
    pub skip_reason: Option<String>,
}

impl StepState {
    pub(super) fn new(plan: StepPlan) -> Self {
        Self {
            checked: vec![false; plan.items.len()],
            checked_ms: vec![None; plan.items.len()],
            evidence: vec![None; plan.items.len()],
            plan,
            status: StepStatus::Pending,
            started_ms: None,
            ended_ms: None,
            left_unchecked: Vec::new(),
            skip_reason: None,
        }
    }

    /// Monotonic ms the first item with `meaning` was checked, while it is.
    pub fn checked_at(&self, meaning: Meaning) -> Option<u64> {
        self.plan.find(meaning).and_then(|i| self.checked_ms.get(i).copied().flatten())
    }

    /// How the record knows the first item with `meaning` was done, while
    /// it is checked.
    pub fn evidence_of(&self, meaning: Meaning) -> Option<&Evidence> {
        self.plan.find(meaning).and_then(|i| self.evidence.get(i)).and_then(Option::as_ref)
    }
}

/// A status update as posted, with what became of it: 64 bytes, its text
/// held by its event (a session of 100,000 updates keeps 6.4 MB of these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedUpdate {
    /// Wall-clock time.
    pub at: DateTime<Utc>,
    /// Monotonic ms since start.
    pub t_ms: u64,
    /// Where the event that recorded it sits in the session's events: the
    /// text is held once, by that event ([`super::Session::update_text`]).
    pub event: usize,
    /// For a status update: when it promised the next one (UTC).
    pub next_at: Option<DateTime<Utc>>,
    /// The event that recorded it.
    pub seq: u64,
    /// For a status update sent to the runbook's `notify` program: whether
    /// it was delivered, and what the program said (boxed: most updates
    /// have no `notify` program, and the rest keep the size).
    pub delivery: Option<Box<(bool, String)>>,
}

/// One run of an item's command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The step.
    pub step: StepKind,
    /// The item's index.
    pub item: usize,
    /// The program and its arguments, as shown (secrets redacted).
    pub argv: Vec<String>,
    /// How it ended, once it has.
    pub result: Option<RunResult>,
    /// The verifier's reason for accepting a failed check.
    pub overridden: Option<String>,
    /// The words the item's command had to print to pass, as its plan said
    /// when the run ended (a later decision may derive another plan).
    pub expect: Option<String>,
    /// The inject card whose effect overruled this run's result when it
    /// ended (a check it fails, a probe it makes report a wrong release):
    /// the result above is what the command really did.
    pub overruled_by: Option<usize>,
    /// What a kill cannot take: its output as journaled, and when it was
    /// interrupted, if it was.
    pub kept: super::Kept,
}

#[cfg(test)]
mod tests {
    use crate::event::Mode;
    use crate::evidence::Evidence;
    use crate::roles::Roles;
    use crate::runbook::Runbook;
    use crate::session::tests_evidence::at;
    use crate::session::{Command, Session};

    #[test]
    fn a_first_update_the_notify_program_took_is_measured_and_one_it_refused_claimed() {
        let text = "version = 1\ntitle = \"T\"\nnotify = [\"./tell\"]\n[release]\nlive = \"a\"\nknown_good = \"b\"\n[[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n";
        let rb = Runbook::parse("t.toml", text).expect("runbook");
        for delivered in [true, false] {
            let mut s = Session::new(Mode::Drill, &rb);
            s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
            let update = Command::PostStatus("Rolling back. Next update at 14:30 UTC".to_owned());
            let seq = s.apply(update, at(1_000)).expect("posted").seq;
            let said = Command::RecordDelivery { seq, delivered, detail: "chat API said so".to_owned() };
            s.apply(said, at(1_100)).expect("recorded");
            assert_eq!(s.updates[0].delivery.as_deref(), Some(&(delivered, "chat API said so".to_owned())));
            let fact = s.first_update_fact().expect("an update went out");
            assert_eq!(matches!(fact.evidence, Evidence::Measured { .. }), delivered, "{:?}", fact.evidence);
        }
    }

    #[test]
    fn a_posted_update_is_held_in_64_bytes() {
        let size = std::mem::size_of::<super::PostedUpdate>();
        assert!(size <= 64, "{size} bytes");
    }
}
