//! The change plan's questions (docs/domain.md, "Schema changes that keep
//! rollback possible"; issue 23): the phase being shipped against the plan.
//! Which phase and environment: `--phase`/`--env`, else the first one the
//! evidence does not show shipped (`core::changeplan::target`).
//!
//! - *plan-order*: the previous phase reached every one of its
//!   environments, and this phase every environment before this one
//!   (staging before production).
//! - *plan-wait*: the previous phase's `wait` has passed since it reached
//!   its last environment; cleanup needs one.
//! - *plan-compatible*: "if we roll back in 5 minutes, will the old code
//!   still understand the data?" answered yes for this phase.
//! - *risky-hours*: a risky phase (contract, cleanup) in the team's risky
//!   hours is a warning.
//! - *one-change*: a release that ships two phases is a warning.

use chrono::Duration;

use super::{Answered, Grade, ProbeEvidence, Question};
use crate::changeplan::{self, Reached, Target};
use crate::period::Period;
use crate::runbook::{Migration, Runbook};

/// The question's text and its answer.
pub(super) fn answer(q: Question, rb: &Runbook, ev: &ProbeEvidence) -> (String, Answered) {
    let Some(m) = rb.migration.as_ref().filter(|m| !m.phases.is_empty()) else {
        return ("Is there a change plan?".to_owned(), (Grade::Unknown, "no [[migration.phases]]".to_owned()));
    };
    let plan = m.plan();
    let wanted = ev.phase.as_ref().map(|(p, e)| (*p, e.as_deref()));
    let ev = &with_release_probe(m, ev);
    let Some(t) = changeplan::target(m, wanted, &ev.plan) else {
        if let Some((phase, _)) = wanted {
            let listed: Vec<&str> = plan.iter().map(|p| p.phase.key()).collect();
            let why = format!("the plan has no {} phase (it lists {})", phase.key(), listed.join(", "));
            return (format!("Is {} in the change plan?", phase.key()), (Grade::Fail, why));
        }
        return (question(q, None, m), (Grade::Pass, "every phase has reached every environment".to_owned()));
    };
    let decided = match q {
        Question::PlanOrder => order(m, &t, ev, wanted.is_none()),
        Question::PlanWait => wait(m, &t, ev),
        Question::PlanCompatible => compatible(m, &t),
        Question::RiskyHours => risky(m, &t, ev),
        _ => one_change(m, &t),
    };
    (question(q, Some(&t), m), decided)
}

/// `ev` with the release probe (what production runs, measured) as the
/// last environment's probe, when that environment has none of its own.
fn with_release_probe(m: &Migration, ev: &ProbeEvidence) -> ProbeEvidence {
    let mut ev = ev.clone();
    if let (Some(last), Some(live)) = (m.environments().last().cloned(), ev.live.clone())
        && !ev.plan.probes.iter().any(|(e, _)| *e == last)
    {
        ev.plan.probes.push((last, live));
    }
    ev
}

fn question(q: Question, t: Option<&Target>, m: &Migration) -> String {
    let plan = m.plan();
    let Some(t) = t else { return "Has the change plan shipped everywhere?".to_owned() };
    let phase = plan[t.index].phase.key();
    match q {
        Question::PlanOrder => format!("Has everything before {phase} to {} shipped, in order?", t.environment),
        Question::PlanWait => match t.index.checked_sub(1).map(|i| plan[i].phase.key()) {
            Some(prev) => format!("Has the wait after {prev} passed?"),
            None => format!("Is there a wait before {phase}?"),
        },
        Question::PlanCompatible => {
            format!("If {phase} is rolled back in 5 minutes, will the old code still understand the data?")
        }
        Question::RiskyHours => format!("Is {phase} shipped outside the risky hours?"),
        _ => format!("Does {} ship one main change?", plan[t.index].release.trim()),
    }
}

fn order(m: &Migration, t: &Target, ev: &ProbeEvidence, guessed: bool) -> Answered {
    let plan = m.plan();
    let phase = plan[t.index];
    let envs = m.environments_of(phase);
    let Some(pos) = envs.iter().position(|e| *e == t.environment) else {
        let why = format!("{} is not an environment of {} ({})", t.environment, phase.phase.key(), envs.join(", "));
        return (Grade::Fail, why);
    };
    // The previous phase everywhere, then this phase before this environment.
    let mut needed: Vec<(usize, String)> = Vec::new();
    if let Some(prev) = t.index.checked_sub(1) {
        needed.extend(m.environments_of(plan[prev]).into_iter().map(|e| (prev, e)));
    }
    needed.extend(envs[..pos].iter().map(|e| (t.index, e.clone())));
    let (mut yes, mut no, mut unknown) = (Vec::new(), Vec::new(), Vec::new());
    for (i, env) in &needed {
        let what = format!("{} in {env}", plan[*i].phase.key());
        match changeplan::reached(m, *i, env, &ev.plan) {
            Reached::Yes { .. } => yes.push(what),
            Reached::No(why) => no.push(format!("{what}: no, {why}")),
            Reached::Unknown(why) => unknown.push(format!("{what}: {why}")),
        }
    }
    let next = if guessed { " (the next step by the evidence; --phase and --env choose another)" } else { "" };
    if !no.is_empty() {
        return (Grade::Fail, format!("{}{next}", no.join("; ")));
    }
    if !unknown.is_empty() {
        return (Grade::Unknown, format!("{}{next}", unknown.join("; ")));
    }
    let done =
        if yes.is_empty() { "nothing ships before it".to_owned() } else { format!("shipped: {}", yes.join(", ")) };
    (Grade::Pass, format!("{} to {} next; {done}", phase.phase.key(), t.environment))
}

fn wait(m: &Migration, t: &Target, ev: &ProbeEvidence) -> Answered {
    let plan = m.plan();
    let phase = plan[t.index];
    let Some(prev_index) = t.index.checked_sub(1) else {
        return (Grade::Pass, format!("{} is the first phase", phase.phase.key()));
    };
    let prev = plan[prev_index];
    let Some(wait) = prev.wait else {
        if phase.phase == crate::runbook::MigrationPhase::Cleanup {
            let why = format!("no wait after {}: watch for days before the one irreversible step", prev.phase.key());
            return (Grade::Fail, why);
        }
        return (Grade::Pass, format!("no wait after {} stated", prev.phase.key()));
    };
    let last = m.environments_of(prev).last().cloned().unwrap_or_default();
    match changeplan::finished_at(m, prev_index, &ev.plan) {
        Err(why) => (Grade::Unknown, format!("the {wait} wait after {} cannot start: {why}", prev.phase.key())),
        Ok(None) => (
            Grade::Unknown,
            format!(
                "{} is in {last}, since when is not known: record it with `firedrill ship --at`, or have the probe print it",
                prev.phase.key()
            ),
        ),
        Ok(Some(at)) => {
            let elapsed = ev.now - at;
            let secs = u64::try_from(elapsed.num_seconds()).unwrap_or(0);
            let since = format!("{} reached {last} {}", prev.phase.key(), at.format("%Y-%m-%d %H:%M UTC"));
            let ago = Period(std::time::Duration::from_secs((secs / 3600).max(1) * 3600));
            if secs >= wait.as_secs() {
                (Grade::Pass, format!("{since}, {ago} ago: more than the {wait} wait"))
            } else {
                let until = at + Duration::seconds(i64::try_from(wait.as_secs()).unwrap_or(i64::MAX / 2));
                let ago = if secs < 3600 { "under an hour".to_owned() } else { ago.to_string() };
                (Grade::Fail, format!("{since}, {ago} ago: wait {wait}, until {}", until.format("%Y-%m-%d %H:%M UTC")))
            }
        }
    }
}

fn compatible(m: &Migration, t: &Target) -> Answered {
    let phase = m.plan()[t.index];
    let revert = phase.revert.as_deref().map(|r| format!("; revert: {r}")).unwrap_or_default();
    match changeplan::compatible(m, phase) {
        Some(true) => (Grade::Pass, format!("yes, answered for {}{revert}", phase.phase.key())),
        Some(false) => (
            Grade::Fail,
            format!(
                "no: rolling {} back may lose data; split it or write the rollback path{revert}",
                phase.phase.key()
            ),
        ),
        None => {
            (Grade::Unknown, format!("not answered for {}: set backward_compatible on the phase", phase.phase.key()))
        }
    }
}

fn risky(m: &Migration, t: &Target, ev: &ProbeEvidence) -> Answered {
    let phase = m.plan()[t.index].phase;
    let local = ev.now.naive_utc() + Duration::seconds(i64::from(ev.utc_offset_secs));
    let when = local.format("%a %H:%M local").to_string();
    if !phase.is_risky() {
        return (Grade::Pass, format!("{} is not a risky phase ({when})", phase.key()));
    }
    match m.risky_hours().into_iter().find(|w| w.contains(local)) {
        Some(w) => (
            Grade::Warn,
            format!("{when} is in the risky hours ({w}): ship {} early in the week and watch it", phase.key()),
        ),
        None => (Grade::Pass, format!("{when}, outside the risky hours")),
    }
}

fn one_change(m: &Migration, t: &Target) -> Answered {
    let plan = m.plan();
    let release = plan[t.index].release.trim();
    let phases: Vec<&str> = plan.iter().filter(|p| p.release.trim() == release).map(|p| p.phase.key()).collect();
    if phases.len() > 1 {
        (
            Grade::Warn,
            format!(
                "{release} ships {}: one main change per release, each revertible on its own",
                phases.join(" and ")
            ),
        )
    } else {
        (Grade::Pass, format!("{release} ships {} alone", phases.join("")))
    }
}
