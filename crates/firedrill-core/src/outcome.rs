//! How a session ended, as one function of its events: the postmortem,
//! the saved screen, review and trends all read this verdict (issue "The
//! record tells the truth"). A drill where nothing was verified is not a
//! success.

use serde::{Deserialize, Serialize};

use crate::plan::Meaning;
use crate::session::{Session, StepStatus};
use crate::timing::recovered_ms;
use crate::vocab::StepKind;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Every step done or skipped, every check passed (measured where its
    /// command could run; or accepted with a
    /// reason: then counted as an accepted failure), every kill switch made
    /// safe restored or waived (and read back as recorded, where it can be
    /// read), and the recovery confirmed.
    Verified,
    /// Every step done or skipped, but something was not verified.
    Unverified,
    /// Finished with steps still open.
    EndedEarly,
    /// Never finished: the journal was left open (a report of it).
    Abandoned,
}

impl Outcome {
    /// The outcome in words, with a symbol so colour never stands alone.
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "✓ verified",
            Self::Unverified => "▲ unverified",
            Self::EndedEarly => "✖ ended early",
            Self::Abandoned => "✖ abandoned",
        }
    }

    /// The outcome's key, as in `review --json`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Unverified => "unverified",
            Self::EndedEarly => "ended early",
            Self::Abandoned => "abandoned",
        }
    }
}

/// One thing that kept a session from being verified: what kind of thing
/// and its name (`identifier` when the name is a release or flag ID).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// What is missing, e.g. "kill switch still off".
    pub what: &'static str,
    /// Its name (a check's title, a flag or release ID, a step).
    pub name: String,
    /// True when `name` is an identifier (shown as code, never escaped).
    pub identifier: bool,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.name.is_empty() { f.write_str(self.what) } else { write!(f, "{}: {}", self.what, self.name) }
    }
}

/// The outcome and, when it is not verified, what was missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// How the session ended.
    pub outcome: Outcome,
    /// What was not verified or not reached, one each.
    pub missing: Vec<Missing>,
    /// Checks that failed and that the verifier accepted with a reason:
    /// a verified session with any is "verified with N accepted failures",
    /// and never a best time.
    pub accepted: Vec<String>,
    /// True for a verified session none of whose verify items was measured
    /// by a command: every check stands on a key press (the runbook gave
    /// no command for it), so the outcome says "claimed" (docs/domain.md,
    /// "Measured vs claimed").
    pub claimed: bool,
}

impl Verdict {
    /// The outcome in words: "verified", "verified with 1 accepted
    /// failure", either followed by ", claimed (no check was measured)"
    /// when [`Verdict::claimed`]; "unverified", "ended early", "abandoned".
    pub fn describe(&self) -> String {
        let said = match (self.outcome, self.accepted.len()) {
            (Outcome::Verified, n) if n > 0 => {
                format!("verified with {}", crate::words::count(n, "accepted failure"))
            }
            (o, _) => o.key().to_owned(),
        };
        if self.claimed { format!("{said}, claimed (no check was measured)") } else { said }
    }

    /// True for a verified session with no accepted failure: the only kind
    /// that may set a best time.
    pub fn is_clean(&self) -> bool {
        self.outcome == Outcome::Verified && self.accepted.is_empty()
    }
}

fn missing(what: &'static str, name: &str, identifier: bool) -> Missing {
    Missing { what, name: name.to_owned(), identifier }
}

/// The verdict on `session`, from its events only.
pub fn verdict(session: &Session) -> Verdict {
    if session.finished_ms.is_none() {
        return Verdict {
            outcome: Outcome::Abandoned,
            missing: vec![missing("the session was never finished", "", false)],
            accepted: Vec::new(),
            claimed: false,
        };
    }
    if !session.steps_finished() {
        let open = session
            .steps
            .iter()
            .filter(|s| matches!(s.status, StepStatus::Pending | StepStatus::Active))
            .map(|s| missing("step not done", s.plan.label, false))
            .collect();
        return Verdict { outcome: Outcome::EndedEarly, missing: open, accepted: Vec::new(), claimed: false };
    }
    let mut gaps = Vec::new();
    let accepted = session.accepted_failures();
    let mut measured_any = false;
    if let Some(verify) = session.step(StepKind::Verify) {
        for (n, item) in verify.plan.items.iter().enumerate() {
            if !item.meaning.is_verification() {
                continue;
            }
            if !verify.checked.get(n).copied().unwrap_or(false) {
                let what =
                    if item.meaning == Meaning::Probe { "release probe not verified" } else { "check not verified" };
                gaps.push(missing(what, &item.text, false));
                continue;
            }
            // The runbook gives a command for this fact and the session
            // could run it: a key press alone claims it, never verifies it
            // (docs/domain.md, "Measured vs claimed"). A format 1 journal
            // ran no command: its checks stand as recorded.
            let could_run =
                !session.recorded_before_commands() && item.command.as_ref().is_some_and(|c| session.runs(c));
            let measured =
                verify.evidence.get(n).and_then(Option::as_ref).is_some_and(crate::evidence::Evidence::is_measured);
            measured_any |= measured;
            if could_run && !measured && !accepted.contains(&item.text) {
                gaps.push(missing("check claimed, its command not run", &item.text, false));
            }
        }
    }
    for name in session.flags_left_off() {
        gaps.push(missing("kill switch not restored", &name, true));
    }
    for f in session.flags.iter().filter(|f| f.read_disagrees()) {
        gaps.push(missing("kill switch reads otherwise than recorded", &f.name, true));
    }
    if recovered_ms(session).is_none() {
        gaps.push(match crate::timing::recovery_meaning(session) {
            Some(Meaning::ShipPatch) => missing("patch release not confirmed live", "", false),
            Some(Meaning::Restore) => missing("data restore not confirmed", "", false),
            _ => missing("not confirmed back on the known-good release", session.runbook_known_good(), true),
        });
    }
    let outcome = if gaps.is_empty() { Outcome::Verified } else { Outcome::Unverified };
    let claimed = outcome == Outcome::Verified && !measured_any;
    Verdict { outcome, missing: gaps, accepted, claimed }
}
