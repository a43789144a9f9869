//! Clock arithmetic over monotonic milliseconds: paused intervals, the
//! time-box state and the readiness KPIs (docs/domain.md, "The five steps").

use crate::plan::Meaning;
use crate::session::{Fact, Session};
use crate::vocab::StepKind;

pub use crate::pauses::{Excluded, Pauses};

/// How the elapsed time stands against the time-box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeboxState {
    /// Under 80% of the time-box.
    Within,
    /// From 80% of the time-box: speed up or cut.
    Warning,
    /// Past the time-box.
    Over,
}

impl TimeboxState {
    /// The state of `elapsed_ms` against `timebox_ms`: warning from 80%,
    /// over past 100% (issue "Run a whole rollback drill").
    pub fn of(elapsed_ms: u64, timebox_ms: u64) -> Self {
        if elapsed_ms > timebox_ms {
            Self::Over
        } else if elapsed_ms.saturating_mul(5) >= timebox_ms.saturating_mul(4) {
            Self::Warning
        } else {
            Self::Within
        }
    }

    /// True when `total_ms` is past `timebox_ms` (at the time-box itself
    /// is still within): the one rule every screen and figure uses.
    pub fn is_over(total_ms: u64, timebox_ms: u64) -> bool {
        Self::of(total_ms, timebox_ms) == Self::Over
    }

    /// The symbol shown beside the colour, so colour never stands alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Within => "●",
            Self::Warning => "▲",
            Self::Over => "✖",
        }
    }
}

/// The readiness figures, each defined once here and read by the summary,
/// the KPI table, splits, review and trends alike; all in active
/// milliseconds since the start (pauses and interruptions excluded), each
/// with its evidence (docs/domain.md: name the live version, redeploy the
/// last stable build, post one status update; time to mitigation; the
/// total). The figures themselves are the session's facts
/// ([`Session::mitigation`] and the others): measured by the runbook's
/// sensors where it has them, claimed by a key press where not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpis {
    /// Until the live release was named (or the probe read it, confirmed).
    pub name_live_ms: Option<u64>,
    /// Until the harm stopped: the health check's first pass after it
    /// failed, else the first kill switch made safe or the recovery.
    pub mitigated_ms: Option<u64>,
    /// Until users were back on a good release or good data (step 3's
    /// recovery, confirmed by the probe and health where the runbook has
    /// them); `None` is "not confirmed".
    pub known_good_ms: Option<u64>,
    /// Until the first status update was posted.
    pub first_update_ms: Option<u64>,
    /// The whole session so far (or in total once finished).
    pub total_ms: u64,
    /// The time-box.
    pub timebox_ms: u64,
    /// The four figures above with their evidence, in that order.
    pub facts: [Option<Fact>; 4],
}

impl Kpis {
    /// The KPIs of `session` at monotonic `now_ms` against `timebox_ms`.
    pub fn of(session: &Session, now_ms: u64, timebox_ms: u64) -> Self {
        let active = |t: u64| session.pauses.active_between(0, t);
        let facts = [session.name_live_fact(), session.mitigation(), session.recovery(), session.first_update_fact()];
        let ms = |n: usize| facts[n].as_ref().map(|f| active(f.t_ms));
        Self {
            name_live_ms: ms(0),
            mitigated_ms: ms(1),
            known_good_ms: ms(2),
            first_update_ms: ms(3),
            total_ms: session.elapsed_ms(now_ms),
            timebox_ms,
            facts,
        }
    }
}

/// The meaning of step 3's recovery item as the session ran it (redeploy,
/// patch or restore), if the step has one.
pub fn recovery_meaning(session: &Session) -> Option<Meaning> {
    session.step(StepKind::Revert)?.plan.items.iter().map(|i| i.meaning).find(|m| m.is_recovery())
}

/// Monotonic ms users were back on a good release or good data
/// ([`Session::recovery`]).
pub fn recovered_ms(session: &Session) -> Option<u64> {
    session.recovery().map(|f| f.t_ms)
}

/// Active ms a restore took: from the start of step 3 to the restore item
/// checked, for a session whose step 3 restored data ([`recovery_meaning`]
/// is `Restore`), the same span step 3's target (the restore time) is
/// measured against. Only a confirmed restore has a time: `None` until
/// [`recovered_ms`] says the data is back (with the release probe, where
/// the plan has one), so the record never times a restore it calls
/// unconfirmed.
pub fn restore_ms(session: &Session) -> Option<u64> {
    if recovery_meaning(session) != Some(Meaning::Restore) {
        return None;
    }
    recovered_ms(session)?;
    let step3 = session.step(StepKind::Revert)?;
    let (from, to) = (step3.started_ms?, step3.checked_at(Meaning::Restore)?);
    Some(session.pauses.active_between(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_are_excluded_including_an_open_one() {
        let mut p = Pauses::default();
        p.open(10_000);
        p.close(25_000);
        p.open(40_000);
        assert_eq!(p.active_between(0, 50_000), 50_000 - 15_000 - 10_000);
        assert_eq!(p.active_between(20_000, 30_000), 5_000);
        assert_eq!(p.total(Excluded::Pause, 50_000), 25_000);
        assert!(p.is_open());
    }

    #[test]
    fn a_gap_splits_an_open_pause_and_is_excluded_once() {
        let mut p = Pauses::default();
        p.open(10_000);
        p.gap(20_000, 80_000);
        assert!(p.is_open(), "still paused after the resume");
        assert_eq!(p.active_between(0, 100_000), 10_000);
        assert_eq!(p.total(Excluded::Gap, 100_000), 60_000);
        assert_eq!(p.total(Excluded::Pause, 100_000), 10_000 + 20_000);
    }

    #[test]
    fn an_incidents_gap_counts_and_a_drills_is_left_out() {
        for (mode, active) in [(crate::vocab::Mode::Drill, 40_000), (crate::vocab::Mode::Incident, 100_000)] {
            let mut p = Pauses::for_mode(mode);
            p.gap(20_000, 80_000);
            assert_eq!(p.active_between(0, 100_000), active, "{mode:?}");
            assert_eq!(p.total(Excluded::Gap, 100_000), 60_000, "{mode:?}: recorded either way");
            let counted = p.gap_words().starts_with("counted");
            assert_eq!(counted, mode == crate::vocab::Mode::Incident, "the words say which: {}", p.gap_words());
        }
    }

    #[test]
    fn timebox_warns_at_eighty_percent_and_is_over_past_it() {
        let tb = 30 * 60_000;
        assert_eq!(TimeboxState::of(tb * 4 / 5 - 1, tb), TimeboxState::Within);
        assert_eq!(TimeboxState::of(tb * 4 / 5, tb), TimeboxState::Warning);
        assert_eq!(TimeboxState::of(tb, tb), TimeboxState::Warning);
        assert_eq!(TimeboxState::of(tb + 1, tb), TimeboxState::Over);
        assert!(!TimeboxState::is_over(tb, tb) && TimeboxState::is_over(tb + 1, tb));
    }
}
