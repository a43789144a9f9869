//! Clock arithmetic over monotonic milliseconds: paused intervals, the
//! time-box state and the readiness KPIs (DOMAIN.md, "The drill").

use crate::core::session::Session;

/// The paused intervals of a drill clock, as `[start, end)` in monotonic ms;
/// the last one may still be open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pauses {
    intervals: Vec<(u64, Option<u64>)>,
}

impl Pauses {
    /// Opens a pause at `t_ms` (no-op while one is open).
    pub fn open(&mut self, t_ms: u64) {
        if !self.is_open() {
            self.intervals.push((t_ms, None));
        }
    }

    /// Closes the open pause at `t_ms` (no-op when none is open).
    pub fn close(&mut self, t_ms: u64) {
        if let Some(last) = self.intervals.last_mut()
            && last.1.is_none()
        {
            last.1 = Some(t_ms.max(last.0));
        }
    }

    /// True while a pause is open.
    pub fn is_open(&self) -> bool {
        self.intervals.last().is_some_and(|p| p.1.is_none())
    }

    /// The closed and open pauses, as `(start_ms, end_ms or None)`.
    pub fn intervals(&self) -> &[(u64, Option<u64>)] {
        &self.intervals
    }

    /// Milliseconds of `[from, to)` not covered by a pause (an open pause
    /// runs to `to`).
    pub fn active_between(&self, from: u64, to: u64) -> u64 {
        if to <= from {
            return 0;
        }
        let paused: u64 = self
            .intervals
            .iter()
            .map(|&(s, e)| {
                let (s, e) = (s.max(from), e.unwrap_or(to).min(to));
                e.saturating_sub(s)
            })
            .sum();
        (to - from).saturating_sub(paused)
    }

    /// Total paused milliseconds up to `to`.
    pub fn total(&self, to: u64) -> u64 {
        to - self.active_between(0, to).min(to)
    }
}

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

    /// The symbol shown beside the colour, so colour never stands alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Within => "●",
            Self::Warning => "▲",
            Self::Over => "✖",
        }
    }
}

/// The readiness figures, in active milliseconds since the start (pauses
/// excluded): DOMAIN.md's timed test (name the live version, redeploy the
/// last stable build, post one status update) plus the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kpis {
    /// Until the "name the live release" item was checked.
    pub name_live_ms: Option<u64>,
    /// Until the revert step was completed.
    pub known_good_ms: Option<u64>,
    /// Until the first status update was posted.
    pub first_update_ms: Option<u64>,
    /// The whole session so far (or in total once finished).
    pub total_ms: u64,
    /// The time-box.
    pub timebox_ms: u64,
}

impl Kpis {
    /// The KPIs of `session` at monotonic `now_ms` against `timebox_ms`.
    pub fn of(session: &Session, now_ms: u64, timebox_ms: u64) -> Self {
        let active = |t: u64| session.pauses.active_between(0, t);
        let revert = session
            .steps
            .iter()
            .find(|s| {
                s.plan.kind == crate::core::plan::StepKind::Revert && s.status == crate::core::session::StepStatus::Done
            })
            .and_then(|s| s.ended_ms);
        Self {
            name_live_ms: session.named_live_ms.map(active),
            known_good_ms: revert.map(active),
            first_update_ms: session.updates.first().map(|u| active(u.t_ms)),
            total_ms: session.elapsed_ms(now_ms),
            timebox_ms,
        }
    }
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
        assert_eq!(p.total(50_000), 25_000);
        assert!(p.is_open());
    }

    #[test]
    fn timebox_warns_at_eighty_percent_and_is_over_past_it() {
        let tb = 30 * 60_000;
        assert_eq!(TimeboxState::of(tb * 4 / 5 - 1, tb), TimeboxState::Within);
        assert_eq!(TimeboxState::of(tb * 4 / 5, tb), TimeboxState::Warning);
        assert_eq!(TimeboxState::of(tb, tb), TimeboxState::Warning);
        assert_eq!(TimeboxState::of(tb + 1, tb), TimeboxState::Over);
    }
}
