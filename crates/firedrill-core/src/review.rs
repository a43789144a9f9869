//! Review of saved sessions: one summary per session (what the list, the
//! splits, the trends and `review --json` read), and the statistics over a
//! runbook's history. Pure: summaries come from replayed sessions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::event::{Debrief, EventKind, Header};
use crate::vocab::{Decision, Mode, StepKind};

pub use crate::outcome::Outcome;
use crate::outcome::verdict;

use crate::roles::Roles;
use crate::runbook::Runbook;
pub use crate::runbook::runbook_key;
use crate::session::{Fire, Session};
use crate::timing::Kpis;
pub use rotation::{next_roles, rotation};
pub use trend::{Series, Trend, next_driver, trend};
pub use versus::{LAST_TIMED, Practice, StepVersus, Versus, versus};

/// One step of a saved session: its active time, or that it was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepTime {
    /// Which step.
    pub kind: StepKind,
    /// Active milliseconds, for a step that was done.
    pub actual_ms: Option<u64>,
    /// True when the step was skipped.
    pub skipped: bool,
    /// True when a runbook command measured at least one of the step's
    /// items (a check, a sensor, a switch read back), for a step done; the
    /// counts below say how many of its items were, and were not.
    #[serde(default)]
    pub measured: bool,
    /// How many of the step's items, checked at the end, a command measured.
    #[serde(default)]
    pub items_measured: usize,
    /// How many of the step's items, checked at the end, a key press alone
    /// stands for (claimed, or rehearsed in a dry drill): none measured.
    #[serde(default)]
    pub items_claimed: usize,
}

/// What review needs of one saved session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The session id.
    pub session_id: String,
    /// The runbook key: its file stem (`onboarding-signup`), shared by its versions.
    pub runbook: String,
    /// The runbook title at the time.
    pub title: String,
    /// The runbook text's sha256 (a changed runbook is a new version).
    pub runbook_sha256: String,
    /// Drill or incident.
    pub mode: Mode,
    /// When it started (UTC).
    pub started_at: DateTime<Utc>,
    /// How it ended (one verdict, from the events).
    pub outcome: Outcome,
    /// What was not verified or not reached, when not verified.
    #[serde(default)]
    pub missing: Vec<String>,
    /// The last decision: roll back, fix forward or restore.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Active milliseconds from start to the last step (pauses and gaps out).
    pub total_ms: u64,
    /// The time-box, in milliseconds.
    pub timebox_ms: u64,
    /// Who held the roles at the start.
    pub roles: Roles,
    /// The five steps.
    pub steps: Vec<StepTime>,
    /// Active ms until the live release was named.
    pub name_live_ms: Option<u64>,
    /// Active ms until the harm stopped (a kill switch off, or recovery).
    #[serde(default)]
    pub mitigated_ms: Option<u64>,
    /// Active ms until the known-good release was back (confirmed).
    pub known_good_ms: Option<u64>,
    /// Active ms until the first status update.
    pub first_update_ms: Option<u64>,
    /// The release production ran, as named.
    #[serde(default)]
    pub live_release: String,
    /// The release production moved to in step 3, when recorded.
    #[serde(default)]
    pub moved_to: Option<String>,
    /// The answer to the pressure question, once debriefed.
    #[serde(default)]
    pub pressure: Option<crate::event::PressureAnswer>,
    /// The action items the session proposed (owner, kind, due).
    #[serde(default)]
    pub actions: Vec<crate::actions::ActionItem>,
    /// Action items closed after the session: number (from 1) and how.
    #[serde(default)]
    pub actions_closed: Vec<(usize, String)>,
    /// Action items exported: number (from 1) and the URL.
    #[serde(default)]
    pub actions_exported: Vec<(usize, String)>,
    /// Last time's promises this session answered "done".
    #[serde(default)]
    pub followups_done: Vec<String>,
    /// The prevention step the team committed to.
    pub prevention: Option<String>,
    /// The action items (notes starting `TODO:`).
    pub todos: Vec<String>,
    /// Times the session was interrupted and resumed.
    pub interruptions: usize,
    /// The deck of inject cards given with `--injects`, by its key (its
    /// name, else its file stem); `None` without one. Splits and trends
    /// compare drills of the same runbook and deck only.
    #[serde(default)]
    pub deck: Option<String>,
    /// The inject cards the session showed, in the order shown.
    #[serde(default)]
    pub injects: Vec<Faced>,
    /// For a session that restored data: its restore time against
    /// `[backup] restore_time` (no actual time when never confirmed).
    #[serde(default)]
    pub restore: Option<crate::restore::RestoreTiming>,
    /// A drill's fire: `dry` or `live-fire` (absent for an incident); only
    /// drills of the same fire are compared.
    #[serde(default)]
    pub fire: Option<Fire>,
    /// Checks that failed and were accepted with a reason: a verified
    /// session with any never sets a best time.
    #[serde(default)]
    pub accepted_failures: usize,
    /// The evidence of each figure above, in the order name the live
    /// release, mitigated, back on a good release, first status update:
    /// measured (the command, its end, its time) or claimed (the role).
    #[serde(default)]
    pub evidence: [Option<crate::evidence::Evidence>; 4],
}

/// An inject card a session showed, and how long the team took to
/// acknowledge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Faced {
    /// The card's title.
    pub title: String,
    /// True for a card of the deck, false for one of the runbook's own.
    pub from_deck: bool,
    /// Monotonic ms since the start when it was shown.
    pub shown_ms: u64,
    /// Ms from shown to acknowledged; `None` when never acknowledged.
    pub ack_ms: Option<u64>,
}

/// Summarizes a replayed session.
pub fn summarize(header: &Header, runbook: &Runbook, session: &Session) -> Summary {
    let end = session.finished_ms.or_else(|| session.events.last().map(|e| e.t_ms)).unwrap_or(0);
    let kpis = Kpis::of(session, end, runbook.timebox.as_ms());
    let verdict = verdict(session);
    let roles = session
        .events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Started { roles, .. } => Some((**roles).clone()),
            _ => None,
        })
        .unwrap_or_default();
    let steps = steps::step_times(session, end);
    Summary {
        session_id: header.session_id.clone(),
        runbook: runbook_key(&header.runbook_path),
        title: runbook.title().to_owned(),
        runbook_sha256: header.runbook_sha256.clone(),
        mode: header.mode,
        started_at: header.started_at,
        outcome: verdict.outcome,
        missing: verdict.missing.iter().map(ToString::to_string).collect(),
        decision: session.decision.map(|d| d.0),
        total_ms: kpis.total_ms,
        timebox_ms: kpis.timebox_ms,
        roles,
        steps,
        name_live_ms: kpis.name_live_ms,
        mitigated_ms: kpis.mitigated_ms,
        known_good_ms: kpis.known_good_ms,
        first_update_ms: kpis.first_update_ms,
        // The release as named or read from the ledger; the runbook's only when neither happened.
        live_release: session
            .live_named
            .as_ref()
            .map(|(r, _)| r.clone())
            .or_else(|| session.first_probe_release().and_then(|p| p.value.map(str::to_owned)))
            .unwrap_or_else(|| runbook.live().to_owned()),
        moved_to: session.reverted_to.as_ref().map(|(r, _)| r.clone()),
        pressure: session.debrief.as_ref().filter(|d| !d.pressure_unanswered).map(|d| d.pressure),
        actions: crate::actions::proposed(session, header.started_at),
        actions_closed: session.actions_closed.clone(),
        actions_exported: session.actions_exported.clone(),
        followups_done: session.followups.iter().filter(|(_, done)| *done).map(|(t, _)| t.clone()).collect(),
        prevention: session.debrief.as_ref().and_then(Debrief::prevention_step).map(str::to_owned),
        todos: session
            .notes()
            .filter_map(|n| n.text.trim().strip_prefix("TODO:").map(|t| t.trim().to_owned()))
            .collect(),
        interruptions: session.events.iter().filter(|e| matches!(e.kind, EventKind::Reopened { .. })).count(),
        deck: session.deck.clone(),
        injects: faced(session),
        restore: crate::restore::RestoreTiming::of(runbook, session),
        fire: session.fire(),
        accepted_failures: verdict.accepted.len(),
        evidence: kpis.facts.map(|f| f.map(|f| f.evidence)),
    }
}

/// The cards `session` showed, in the order shown.
fn faced(session: &Session) -> Vec<Faced> {
    let mut v: Vec<Faced> = session
        .injects
        .iter()
        .filter_map(|c| {
            let shown_ms = c.fired_ms?;
            let ack_ms = c.acked_ms.map(|a| a.saturating_sub(shown_ms));
            Some(Faced { title: c.title.clone(), from_deck: c.from_deck, shown_ms, ack_ms })
        })
        .collect();
    v.sort_by_key(|f| f.shown_ms);
    v
}

/// The verified team drills of `runbook` in `history`, oldest first,
/// whatever their deck: the set readiness and the next driver read
/// (incidents and solo practice are not team practice, and a drill that
/// verified nothing, or accepted a failed check, must not set a best time).
pub fn drills_of<'a>(history: &'a [Summary], runbook: &str) -> Vec<&'a Summary> {
    practice_of(history, runbook, None)
}

/// The verified drills of `runbook`, oldest first: the team's when `solo`
/// is `None`, else `solo`'s own solo practice (one person is compared with
/// themselves, never with a team).
pub fn practice_of<'a>(history: &'a [Summary], runbook: &str, solo: Option<&str>) -> Vec<&'a Summary> {
    let mut v: Vec<&Summary> = history
        .iter()
        .filter(|s| {
            s.runbook == runbook && s.mode == Mode::Drill && s.outcome == Outcome::Verified && s.accepted_failures == 0
        })
        .filter(|s| match solo {
            None => !s.roles.solo,
            Some(person) => s.roles.solo && crate::vocab::same_person(&s.roles.driver, person),
        })
        .collect();
    v.sort_by_key(|s| s.started_at);
    v
}

/// The verified drills of `runbook` with the same `deck` (none: without
/// one), when given the same `fire`, and the same practice (the team's, or
/// `solo`'s own), oldest first: the set splits, best times and trends
/// compare against, as a drill with surprises is not timed against one
/// without, a dry drill against a live-fire one, nor one person against a team.
pub fn drills_with_deck<'a>(
    history: &'a [Summary],
    runbook: &str,
    deck: Option<&str>,
    fire: Option<Fire>,
    solo: Option<&str>,
) -> Vec<&'a Summary> {
    practice_of(history, runbook, solo)
        .into_iter()
        .filter(|s| s.deck.as_deref() == deck && fire.is_none_or(|f| s.fire == Some(f)))
        .collect()
}

impl Summary {
    /// What review groups the session under: its runbook key, and its
    /// deck when it had one (`onboarding-signup + Q4 surprises`).
    pub fn group(&self) -> String {
        match &self.deck {
            Some(deck) => format!("{} + {deck}", self.runbook),
            None => self.runbook.clone(),
        }
    }
}

/// A step's time against the previous drill and the team's best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Split {
    /// The step's time in the most recent earlier drill that did it.
    pub previous_ms: Option<u64>,
    /// The best time for the step over the earlier drills.
    pub best_ms: Option<u64>,
}

/// The split of step `kind` over `earlier` drills (oldest first); skipped
/// steps do not count.
pub fn split(earlier: &[&Summary], kind: StepKind) -> Split {
    let times: Vec<u64> =
        earlier.iter().filter_map(|s| s.steps.iter().find(|t| t.kind == kind).and_then(|t| t.actual_ms)).collect();
    Split { previous_ms: times.last().copied(), best_ms: times.iter().min().copied() }
}

/// What the team promised at the end of its previous finished drill of
/// `runbook`, verified or not, to ask "done?" at the start: the prevention
/// step and the `TODO:` notes as the debrief kept them (edited, dropped
/// ones left out).
pub fn promised(history: &[Summary], runbook: &str) -> Vec<String> {
    let Some(last) = history
        .iter()
        .filter(|s| s.runbook == runbook && s.mode == Mode::Drill)
        .filter(|s| matches!(s.outcome, Outcome::Verified | Outcome::Unverified))
        .max_by_key(|s| s.started_at)
    else {
        return Vec::new();
    };
    let promise = |source: &str| source == "prevention" || source.starts_with("note:");
    last.actions.iter().filter(|a| promise(&a.source)).map(|a| a.text.clone()).collect()
}

pub(crate) mod restores;
mod rotation;
mod steps;
mod trend;
mod versus;

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests;
