//! How ready a team is on one runbook, for the home screen's board: when it
//! was last drilled, how that drill ended, how many days ago (overdue past
//! [`OVERDUE_DAYS`]: the practice is monthly, docs/domain.md, "How teams use it"),
//! its total against the time-box, and whether completed drills are getting
//! faster. Pure: the history and the time arrive as data.

use chrono::{DateTime, Utc};

use crate::review::{Summary, drills_of};
use crate::vocab::Mode;

/// Days after the last drill when a runbook is overdue: drills are monthly.
pub const OVERDUE_DAYS: i64 = 31;

/// A change smaller than this share of the previous total reads as steady.
const STEADY_PERCENT: u64 = 5;

/// The direction of the last two completed drills' totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The last drill was faster than the one before.
    Faster,
    /// Within [`STEADY_PERCENT`] of the one before.
    Steady,
    /// The last drill was slower.
    Slower,
}

impl Direction {
    /// An arrow that reads without colour: `▼` faster, `=` steady, `▲` slower.
    pub fn arrow(self) -> &'static str {
        match self {
            Self::Faster => "▼",
            Self::Steady => "=",
            Self::Slower => "▲",
        }
    }
}

/// One runbook's readiness, from its saved drills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    /// When the last drill started.
    pub last_at: DateTime<Utc>,
    /// How it ended, in words (the review's outcome label).
    pub outcome: &'static str,
    /// Whole days since it started (0 on the same day).
    pub days_since: i64,
    /// True past [`OVERDUE_DAYS`].
    pub overdue: bool,
    /// Its total time, in milliseconds.
    pub total_ms: u64,
    /// Its time-box, in milliseconds.
    pub timebox_ms: u64,
    /// The trend of the last two verified drills, when there are two.
    pub trend: Option<Direction>,
}

/// The readiness of the runbook whose key is `runbook` (its file stem) at
/// `now`; `None` when it was never drilled.
pub fn of(history: &[Summary], runbook: &str, now: DateTime<Utc>) -> Option<Readiness> {
    let last = history.iter().filter(|s| s.runbook == runbook && s.mode == Mode::Drill).max_by_key(|s| s.started_at)?;
    let days_since = (now - last.started_at).num_days().max(0);
    let completed = drills_of(history, runbook);
    let trend = match completed.as_slice() {
        [.., before, latest] => {
            let (b, l) = (before.total_ms, latest.total_ms);
            let steady = b.abs_diff(l).saturating_mul(100) <= b.saturating_mul(STEADY_PERCENT);
            Some(if steady {
                Direction::Steady
            } else if l < b {
                Direction::Faster
            } else {
                Direction::Slower
            })
        }
        _ => None,
    };
    Some(Readiness {
        last_at: last.started_at,
        outcome: last.outcome.label(),
        days_since,
        overdue: days_since > OVERDUE_DAYS,
        total_ms: last.total_ms,
        timebox_ms: last.timebox_ms,
        trend,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Outcome;

    fn drill(day: u32, total_min: u64, outcome: Outcome) -> Summary {
        let at = format!("2026-10-{day:02}T14:00:00Z").parse().expect("date");
        Summary::fixture("onboarding", at, outcome, total_min * 60_000)
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("date")
    }

    #[test]
    fn never_drilled_has_no_readiness() {
        assert_eq!(of(&[], "onboarding", at("2026-11-01T00:00:00Z")), None);
        assert_eq!(of(&[drill(1, 20, Outcome::Verified)], "other", at("2026-11-01T00:00:00Z")), None);
    }

    #[test]
    fn overdue_starts_after_31_days() {
        let h = [drill(1, 20, Outcome::Verified)];
        let r = of(&h, "onboarding", at("2026-11-01T14:00:00Z")).expect("drilled");
        assert_eq!((r.days_since, r.overdue), (31, false));
        let r = of(&h, "onboarding", at("2026-11-02T14:00:00Z")).expect("drilled");
        assert_eq!((r.days_since, r.overdue), (32, true));
    }

    #[test]
    fn the_last_drill_counts_whatever_its_outcome_and_the_trend_compares_verified_ones() {
        let h = [drill(1, 24, Outcome::Verified), drill(8, 18, Outcome::Verified), drill(15, 5, Outcome::EndedEarly)];
        let r = of(&h, "onboarding", at("2026-10-16T00:00:00Z")).expect("drilled");
        assert_eq!((r.outcome, r.total_ms), ("✖ ended early", 5 * 60_000));
        assert_eq!(r.trend, Some(Direction::Faster));
        let h = [drill(1, 20, Outcome::Verified), drill(8, 20, Outcome::Verified)];
        assert_eq!(of(&h, "onboarding", at("2026-10-09T00:00:00Z")).and_then(|r| r.trend), Some(Direction::Steady));
        let h = [drill(1, 15, Outcome::Verified), drill(8, 20, Outcome::Verified)];
        assert_eq!(of(&h, "onboarding", at("2026-10-09T00:00:00Z")).and_then(|r| r.trend), Some(Direction::Slower));
        assert_eq!(of(&h[..1], "onboarding", at("2026-10-09T00:00:00Z")).and_then(|r| r.trend), None);
    }
}
