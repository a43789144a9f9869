//! Each question of the pre-release check decided from the runbook and the
//! probes' results (docs/domain.md, "The pre-release check" and "Backups").

use super::{Answer, Answered, Grade, ProbeEvidence, Question};
use crate::command::{RunEnd, RunResult, show_argv};
use crate::duration::HumanDuration;
use crate::period::Period;
use crate::runbook::{MigrationPhase, Runbook};
use crate::sanitize::sanitize_line;

/// A backup stated this far in the future still counts (clock skew).
const SKEW_SECS: i64 = 5 * 60;

/// Answers one question.
pub(super) fn answer(q: Question, rb: &Runbook, ev: &ProbeEvidence) -> Answer {
    let within = target(ev);
    let (text, (verdict, evidence), probe) = match q {
        Question::NameLive => {
            (format!("Can we name the live release in under {within}?"), name_live(rb, ev), ev.live.as_ref())
        }
        Question::KnownGood => (
            "Is the known-good release ready, and different from the live one?".to_owned(),
            known_good(rb, ev),
            ev.known_good.as_ref(),
        ),
        Question::Migration => {
            ("Is the migration backward compatible, and its phase reversible?".to_owned(), migration(rb), None)
        }
        Question::Backup => {
            ("Is there a finished backup from the agreed window?".to_owned(), backup(rb, ev), ev.backup.as_ref())
        }
        Question::RestoreOwner => {
            ("Are an owner and a restore target named for it?".to_owned(), restore_owner(rb), None)
        }
        Question::RestorePractised => {
            ("Was a restore practised recently enough?".to_owned(), restore_practised(rb, ev), None)
        }
        Question::Channel => ("Is there one agreed channel for updates?".to_owned(), channel(rb), None),
        Question::KillSwitch => ("Is there a kill switch for the change?".to_owned(), kill_switch(rb), None),
        Question::BackupAccess => {
            ("Can the backup be reached (account, permissions, keys)?".to_owned(), access(rb, ev), ev.access.as_ref())
        }
        Question::Config => ("Does a code rollback keep the config?".to_owned(), config(rb), None),
        Question::PlanOrder
        | Question::PlanWait
        | Question::PlanCompatible
        | Question::RiskyHours
        | Question::OneChange => {
            let (text, decided) = super::plan::answer(q, rb, ev);
            (text, decided, None)
        }
    };
    Answer { question: q, text, verdict, evidence: sanitize_line(&evidence), probe_ms: probe.map(|r| r.duration_ms) }
}

/// Milliseconds as seconds with one decimal, rounded down: `0.4 s`, `31.0 s`.
fn secs(ms: u128) -> String {
    let tenths = ms / 100;
    format!("{}.{} s", tenths / 10, tenths % 10)
}

/// The time to name the live release in, as runbooks write durations.
fn target(ev: &ProbeEvidence) -> String {
    HumanDuration::from_secs(ev.name_within.as_secs().max(1)).to_string()
}

/// The last line a probe printed, or a note that it printed nothing.
fn last_line(r: &RunResult) -> String {
    r.tail.iter().rev().find(|l| !l.trim().is_empty()).map_or_else(|| "no output".to_owned(), |l| l.trim().to_owned())
}

/// Why a probe that did not exit 0 fails, or `None` when it did.
fn failed(what: &str, r: &RunResult) -> Option<String> {
    match &r.end {
        RunEnd::Exited { code: 0 } => None,
        RunEnd::TimedOut => Some(format!("{what} timed out after {}, killed", secs(u128::from(r.duration_ms)))),
        end => Some(format!("{what} {}: {}", end.label(), last_line(r))),
    }
}

fn not_run(ev: &ProbeEvidence, field: &str) -> Answered {
    let why = ev.not_run.as_deref().unwrap_or("not run");
    (Grade::Unknown, format!("{field} not run: {why}"))
}

fn name_live(rb: &Runbook, ev: &ProbeEvidence) -> Answered {
    let ledger = rb.release.ledger.as_deref().map(|l| format!(" (ledger: {l})")).unwrap_or_default();
    let Some(argv) = &rb.release.probe else {
        return (Grade::Unknown, format!("no release.probe: time naming it by hand{ledger}"));
    };
    let Some(r) = &ev.live else { return not_run(ev, "release.probe") };
    if let Some(why) = failed("release.probe", r) {
        return (Grade::Fail, why);
    }
    let took = secs(u128::from(r.duration_ms));
    if u128::from(r.duration_ms) > ev.name_within.as_millis() {
        return (Grade::Fail, format!("release.probe took {took}, over the {} target", target(ev)));
    }
    let live = rb.live();
    if r.tail.iter().any(|l| l.contains(live)) {
        return (Grade::Pass, format!("production reports {live} in {took} ({})", show_argv(argv)));
    }
    if r.tail.iter().all(|l| l.trim().is_empty()) {
        return (Grade::Fail, format!("release.probe printed no release in {took}"));
    }
    (Grade::Fail, format!("production reports \"{}\", but the runbook's release.live is {live}", last_line(r)))
}

fn known_good(rb: &Runbook, ev: &ProbeEvidence) -> Answered {
    let (live, good) = (rb.live(), rb.known_good());
    if live.trim() == good.trim() {
        return (Grade::Fail, format!("release.known_good equals release.live ({live}): nothing to revert to"));
    }
    if rb.release.known_good_probe.is_none() {
        let ledger = rb
            .release
            .ledger
            .as_deref()
            .map_or_else(|| "no ledger named".to_owned(), |l| format!("check it is redeployable ({l})"));
        return (Grade::Unknown, format!("{good} picked; no known_good_probe: {ledger}"));
    }
    let Some(r) = &ev.known_good else { return not_run(ev, "release.known_good_probe") };
    match failed("known_good_probe", r) {
        Some(why) => (Grade::Fail, why),
        None => (Grade::Pass, format!("{good} is ready: {}", last_line(r))),
    }
}

fn migration(rb: &Runbook) -> Answered {
    let Some(m) = &rb.migration else {
        return (Grade::Unknown, "no [migration]: write phase = \"none\" when the release migrates nothing".to_owned());
    };
    let phase = format!("{:?}", m.phase).to_lowercase();
    match (m.phase, m.backward_compatible) {
        (MigrationPhase::None, _) => (Grade::Pass, "the release migrates nothing".to_owned()),
        (MigrationPhase::Cleanup, _) => (
            Grade::Fail,
            "cleanup phase: irreversible, a rollback will not bring the column back; write the restore path".to_owned(),
        ),
        (_, Some(true)) => (Grade::Pass, format!("{phase} phase, backward compatible")),
        (_, Some(false)) => (Grade::Fail, format!("{phase} phase, not backward compatible: a rollback may lose data")),
        (_, None) => (Grade::Unknown, format!("{phase} phase; migration.backward_compatible not stated")),
    }
}

fn backup(rb: &Runbook, ev: &ProbeEvidence) -> Answered {
    let Some(b) = &rb.backup else { return (Grade::Unknown, "no [backup] in the runbook".to_owned()) };
    if b.probe.is_none() {
        let latest = b.latest.as_deref().unwrap_or("not named");
        return (Grade::Unknown, format!("no backup.probe to show it finished (latest: {latest})"));
    }
    let Some(r) = &ev.backup else { return not_run(ev, "backup.probe") };
    if let Some(why) = failed("backup.probe", r) {
        return (Grade::Fail, why);
    }
    let Some(at) = super::when::latest(&r.tail) else {
        return (Grade::Fail, format!("backup.probe printed no time: {}", last_line(r)));
    };
    let age = ev.now - at;
    let stamp = at.format("%Y-%m-%d %H:%M UTC");
    if age.num_seconds() < -SKEW_SECS {
        return (Grade::Fail, format!("the backup is dated {stamp}, in the future: check the probe and the clocks"));
    }
    let age_secs = u64::try_from(age.num_seconds()).unwrap_or(0);
    let ago = ago(age_secs);
    match b.window {
        None => (Grade::Unknown, format!("finished {stamp} ({ago}); no backup.window to hold it to")),
        Some(w) if age_secs > w.as_secs() => {
            (Grade::Fail, format!("finished {stamp} ({ago}), older than the {w} window"))
        }
        Some(w) => (Grade::Pass, format!("finished {stamp} ({ago}), within the {w} window")),
    }
}

/// An age in words: `3h10m ago`, `2d4h ago`.
fn ago(secs: u64) -> String {
    if secs < 60 {
        return "just now".to_owned();
    }
    let rounded = secs - secs % 60;
    if rounded < 24 * 3600 {
        return format!("{} ago", HumanDuration::from_secs(rounded));
    }
    let hours = rounded - rounded % 3600;
    format!("{} ago", Period(std::time::Duration::from_secs(hours)))
}

fn restore_owner(rb: &Runbook) -> Answered {
    let Some(b) = &rb.backup else { return (Grade::Unknown, "no [backup] in the runbook".to_owned()) };
    match (&b.owner, &b.restore_target) {
        (Some(o), Some(t)) => (Grade::Pass, format!("{o} restores it into {t} first")),
        (None, Some(_)) => (Grade::Fail, "no backup.owner: who can restore it under stress?".to_owned()),
        (Some(_), None) => (Grade::Fail, "no backup.restore_target: restore where, non-production first?".to_owned()),
        (None, None) => (Grade::Fail, "neither backup.owner nor backup.restore_target is named".to_owned()),
    }
}

fn restore_practised(rb: &Runbook, ev: &ProbeEvidence) -> Answered {
    let Some(b) = &rb.backup else { return (Grade::Unknown, "no [backup] in the runbook".to_owned()) };
    let every = b.practice_every();
    if b.restored_last.is_none() {
        return (Grade::Unknown, format!("backup.restored_last not stated (practise every {every})"));
    }
    let Some(day) = b.restored_on() else {
        return (Grade::Fail, format!("never restored: a backup counts once it has been (practise every {every})"));
    };
    let days = (ev.now.date_naive() - day).num_days();
    if u64::try_from(days).is_ok_and(|d| d.saturating_mul(86_400) > every.as_secs()) {
        (Grade::Fail, format!("last restored {day}, {days} days ago: more than every {every}"))
    } else {
        (Grade::Pass, format!("last restored {day}, {} days ago (practise every {every})", days.max(0)))
    }
}

fn channel(rb: &Runbook) -> Answered {
    match rb.channel.as_deref().map(str::trim) {
        Some(c) if !c.is_empty() => (Grade::Pass, format!("updates go to {c}")),
        _ => (Grade::Fail, "no channel in the runbook: agree one place for updates".to_owned()),
    }
}

fn kill_switch(rb: &Runbook) -> Answered {
    let names: Vec<&str> = rb.flags.iter().map(|f| f.get_ref().name.as_str()).collect();
    if names.is_empty() {
        return (Grade::Fail, "no [[flags]]: every big change needs a kill switch".to_owned());
    }
    let with_how = rb.flags.iter().filter(|f| f.get_ref().how.is_some()).count();
    (Grade::Pass, format!("{} ({with_how} of {} with its how)", names.join(", "), names.len()))
}

fn access(rb: &Runbook, ev: &ProbeEvidence) -> Answered {
    let Some(b) = &rb.backup else { return (Grade::Unknown, "no [backup] in the runbook".to_owned()) };
    if b.access_probe.is_none() {
        return (Grade::Unknown, "no backup.access_probe to show the account, permissions and keys work".to_owned());
    }
    let Some(r) = &ev.access else { return not_run(ev, "backup.access_probe") };
    match failed("backup.access_probe", r) {
        Some(why) => (Grade::Fail, why),
        None => (Grade::Pass, format!("access verified: {}", last_line(r))),
    }
}

fn config(rb: &Runbook) -> Answered {
    let r = &rb.release;
    let now = r.config.as_deref().unwrap_or_default();
    match r.known_good_config.as_deref() {
        Some(good) if good.trim() != now.trim() => (
            Grade::Warn,
            format!(
                "rolling back to {} also brings config {good} back (now {now}): secrets and third-party settings may change",
                rb.known_good()
            ),
        ),
        _ => (Grade::Pass, format!("config {now} is named apart from the code: a code rollback keeps it")),
    }
}
