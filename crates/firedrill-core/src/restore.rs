//! A restore against the runbook's `[backup] restore_time` (docs/domain.md,
//! "Backups": a backup counts with a known restore time). One comparison,
//! read by the postmortem, review and its trends, and the same-day
//! proposal; the actual time is [`timing::restore_ms`], defined once
//! (step 3's own span, so the step table and this line agree).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::duration::clock;
pub use crate::review::restores::{PastRestore, history};
use crate::runbook::Runbook;
use crate::session::Session;
use crate::timing::{self, recovery_meaning};

/// How a session's restore went against the stated restore time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreTiming {
    /// `[backup] restore_time` of the runbook the session ran, in milliseconds.
    pub target_ms: Option<u64>,
    /// Active milliseconds the restore took; `None` when it was never
    /// confirmed (then there is no actual time to compare).
    pub actual_ms: Option<u64>,
}

impl RestoreTiming {
    /// The comparison for `session`, which ran `runbook`; `None` when its
    /// step 3 restored no data (a roll back or a fix forward).
    pub fn of(runbook: &Runbook, session: &Session) -> Option<Self> {
        (recovery_meaning(session) == Some(crate::plan::Meaning::Restore)).then(|| Self {
            target_ms: runbook.backup.as_ref().and_then(|b| b.restore_time).map(crate::duration::HumanDuration::as_ms),
            actual_ms: timing::restore_ms(session),
        })
    }

    /// The comparison in a few words, for a narrow row: `14:20 against
    /// 10:00: over by 04:20`, `not confirmed (restore time 10:00)`.
    pub fn short(&self) -> String {
        match (self.actual_ms, self.target_ms) {
            (Some(a), Some(t)) if a > t => format!("{} against {}: over by {}", clock(a), clock(t), clock(a - t)),
            (Some(a), Some(t)) => format!("{} against {}: within by {}", clock(a), clock(t), clock(t - a)),
            (Some(a), None) => format!("{}, no restore time stated", clock(a)),
            (None, Some(t)) => format!("not confirmed (restore time {})", clock(t)),
            (None, None) => "not confirmed, no restore time stated".to_owned(),
        }
    }

    /// Milliseconds over the restore time, when both are known and the
    /// restore took longer.
    pub fn over_ms(&self) -> Option<u64> {
        match (self.actual_ms, self.target_ms) {
            (Some(a), Some(t)) if a > t => Some(a - t),
            _ => None,
        }
    }
}

impl fmt::Display for RestoreTiming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.actual_ms, self.target_ms) {
            (Some(a), Some(t)) if a > t => {
                write!(f, "restore took {} against a restore time of {}: over by {}", clock(a), clock(t), clock(a - t))
            }
            (Some(a), Some(t)) => write!(
                f,
                "restore took {} against a restore time of {}: within it by {}",
                clock(a),
                clock(t),
                clock(t - a)
            ),
            (Some(a), None) => {
                write!(f, "restore took {}; no restore time is stated ([backup] restore_time)", clock(a))
            }
            (None, Some(t)) => {
                write!(f, "restore not confirmed: no actual time to compare with the restore time of {}", clock(t))
            }
            (None, None) => f.write_str("restore not confirmed, and no restore time is stated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::event::Stamp;
    use crate::plan::Meaning;
    use crate::roles::Roles;
    use crate::session::Command;
    use crate::vocab::{Decision, Mode, StepKind};

    const RUNBOOK: &str = "version = 1\ntitle = \"T\"\n[release]\nlive = \"prod-2\"\nknown_good = \"prod-1\"\n\
        [[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n[backup]\nlatest = \"nightly\"\nrestore_time = \"10m\"\n";

    fn at(t_ms: u64) -> Stamp {
        let base = Utc.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).single().expect("valid");
        Stamp { at: base + chrono::Duration::milliseconds(i64::try_from(t_ms).expect("small")), t_ms }
    }

    /// A restore drill whose step 3 starts at 3 s, with a one-minute pause
    /// in it; the restore item is checked at `restored_s` when given.
    fn restore_drill(rb: &Runbook, restored_s: Option<u64>) -> Session {
        let mut s = Session::new(Mode::Drill, rb);
        let done = || Command::CompleteStep { leave_unchecked: true, leave_flags_off: false };
        for (ms, c) in
            [(0, Command::Start(Roles::new("Ana", "Ben", "Cy"))), (1_000, Command::Decide(Decision::Restore))]
        {
            s.apply(c, at(ms)).expect("allowed");
        }
        for (ms, c) in [(2_000, done()), (3_000, done()), (60_000, Command::Pause), (120_000, Command::Resume)] {
            s.apply(c, at(ms)).expect("allowed");
        }
        let item = s.step(StepKind::Revert).and_then(|st| st.plan.find(Meaning::Restore)).expect("restore item");
        if let Some(t) = restored_s {
            s.apply(Command::ToggleItem(item), at(t * 1000)).expect("restored");
        }
        s.apply(done(), at(2_000_000)).expect("step 3 done");
        s
    }

    #[test]
    fn a_restore_is_timed_from_step_3_to_the_data_back_pauses_excluded() {
        let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
        let s = restore_drill(&rb, Some(923));
        let r = RestoreTiming::of(&rb, &s).expect("a restore drill");
        // 923 s - 3 s, less the 60 s pause: 14:20.
        assert_eq!(r, RestoreTiming { target_ms: Some(600_000), actual_ms: Some(860_000) });
        assert_eq!(r.over_ms(), Some(260_000));
        assert_eq!(r.short(), "14:20 against 10:00: over by 04:20");
        assert_eq!(r.to_string(), "restore took 14:20 against a restore time of 10:00: over by 04:20");
        let quick = RestoreTiming { target_ms: Some(600_000), actual_ms: Some(490_000) };
        assert_eq!(quick.to_string(), "restore took 08:10 against a restore time of 10:00: within it by 01:50");
        assert_eq!(quick.over_ms(), None);
    }

    #[test]
    fn a_restore_never_confirmed_has_no_actual_time() {
        let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
        let s = restore_drill(&rb, None);
        let r = RestoreTiming::of(&rb, &s).expect("a restore drill");
        assert_eq!(r.actual_ms, None, "step 3 was completed, but the restore item never checked");
        assert_eq!(r.to_string(), "restore not confirmed: no actual time to compare with the restore time of 10:00");
        assert_eq!(r.short(), "not confirmed (restore time 10:00)");
        let unstated = RestoreTiming { target_ms: None, actual_ms: Some(60_000) };
        assert_eq!(unstated.to_string(), "restore took 01:00; no restore time is stated ([backup] restore_time)");
    }

    #[test]
    fn the_history_keeps_every_restore_of_the_runbook_oldest_first() {
        use crate::review::{Outcome, Summary};
        let day = |d| Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).single().expect("valid");
        let timing = |a| RestoreTiming { target_ms: Some(600_000), actual_ms: a };
        let mut sessions = vec![
            Summary::fixture("db", day(20), Outcome::Verified, 1),
            Summary::fixture("db", day(3), Outcome::Unverified, 1),
            Summary::fixture("db", day(9), Outcome::Verified, 1),
            Summary::fixture("other", day(4), Outcome::Verified, 1),
        ];
        sessions[0].restore = Some(timing(Some(860_000)));
        sessions[1].restore = Some(timing(None));
        sessions[3].restore = Some(timing(Some(1)));
        let past = history(&sessions, "db");
        let got: Vec<(u32, Option<u64>)> =
            past.iter().map(|r| (chrono::Datelike::day(&r.started_at), r.timing.actual_ms)).collect();
        assert_eq!(got, vec![(3, None), (20, Some(860_000))], "a roll back (the 9th) and another runbook are left out");
    }

    #[test]
    fn with_the_release_probe_a_restore_has_its_time_only_once_probed() {
        use crate::command::{RunEnd, RunResult};
        let rb = Runbook::parse(
            "rb.toml",
            &RUNBOOK.replace("known_good = \"prod-1\"\n", "known_good = \"prod-1\"\nprobe = [\"./p\"]\n"),
        )
        .expect("valid");
        let mut s = restore_drill(&rb, Some(923));
        assert_eq!(RestoreTiming::of(&rb, &s).and_then(|r| r.actual_ms), None, "restored, not yet confirmed");
        let done = || Command::CompleteStep { leave_unchecked: true, leave_flags_off: false };
        s.apply(done(), at(2_010_000)).expect("step 4 done");
        let probe = s.step(StepKind::Verify).and_then(|v| v.plan.find(Meaning::Probe)).expect("probe item");
        s.apply(Command::StartCommand { item: probe, shown_argv: vec![] }, at(2_020_000)).expect("run the probe");
        let result =
            RunResult { end: RunEnd::Exited { code: 0 }, duration_ms: 5, tail: vec!["prod-2".into()], output_bytes: 7 };
        s.apply(Command::FinishCommand { step: StepKind::Verify, item: probe, result }, at(2_030_000)).expect("passed");
        // The restore's own span, not the wait for the probe in step 5.
        assert_eq!(RestoreTiming::of(&rb, &s).and_then(|r| r.actual_ms), Some(860_000));
    }

    #[test]
    fn a_roll_back_is_not_a_restore() {
        let rb = Runbook::parse("rb.toml", RUNBOOK).expect("valid");
        let mut s = Session::new(Mode::Drill, &rb);
        s.apply(Command::Start(Roles::new("Ana", "Ben", "Cy")), at(0)).expect("start");
        assert_eq!(RestoreTiming::of(&rb, &s), None);
        assert_eq!(timing::restore_ms(&s), None);
    }
}
