//! Clock arithmetic over monotonic milliseconds: paused intervals, the
//! time-box state and the readiness KPIs (DOMAIN.md, "The drill").

use crate::core::session::Session;

/// Why a stretch of time is left out of step and drill times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excluded {
    /// The drill clock was paused on purpose.
    Pause,
    /// The session was interrupted (crash, closed terminal) until resumed.
    Gap,
}

/// The stretches excluded from step and drill times, as `[start, end)` in
/// monotonic ms; the last pause may still be open. Stretches never overlap.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pauses {
    intervals: Vec<(u64, Option<u64>, Excluded)>,
}

impl Pauses {
    /// Opens a pause at `t_ms` (no-op while one is open).
    pub fn open(&mut self, t_ms: u64) {
        if !self.is_open() {
            self.intervals.push((t_ms, None, Excluded::Pause));
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

    /// Records an interruption from `from_ms` to `to_ms`; an open pause is
    /// split around it, so it is neither counted twice nor lost.
    pub fn gap(&mut self, from_ms: u64, to_ms: u64) {
        let was_paused = self.is_open();
        self.close(from_ms);
        self.intervals.push((from_ms, Some(to_ms.max(from_ms)), Excluded::Gap));
        if was_paused {
            self.open(to_ms);
        }
    }

    /// True while a pause is open.
    pub fn is_open(&self) -> bool {
        self.intervals.last().is_some_and(|p| p.1.is_none())
    }

    /// Every stretch, as `(start_ms, end_ms or None, why)`.
    pub fn intervals(&self) -> &[(u64, Option<u64>, Excluded)] {
        &self.intervals
    }

    /// Milliseconds of `[from, to)` not excluded (an open pause runs to `to`).
    pub fn active_between(&self, from: u64, to: u64) -> u64 {
        if to <= from {
            return 0;
        }
        let excluded: u64 =
            self.intervals.iter().map(|&(s, e, _)| e.unwrap_or(to).min(to).saturating_sub(s.max(from))).sum();
        (to - from).saturating_sub(excluded)
    }

    /// Total milliseconds of one kind of stretch up to `to`.
    pub fn total(&self, kind: Excluded, to: u64) -> u64 {
        self.intervals
            .iter()
            .filter(|i| i.2 == kind)
            .map(|&(s, e, _)| e.unwrap_or(to).min(to).saturating_sub(s.min(to)))
            .sum()
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

/// Reads a note written after the fact: `@14:02 text` means it happened at
/// 14:02 UTC on the day of `now` (the day before when that is still to
/// come). Returns the time and the text without the prefix; `None` when
/// the note has no such prefix.
pub fn backdated(note: &str, now: chrono::DateTime<chrono::Utc>) -> Option<(chrono::DateTime<chrono::Utc>, String)> {
    let rest = note.trim_start().strip_prefix('@')?;
    let (time, text) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M").ok()?;
    let mut at = now.date_naive().and_time(time).and_utc();
    if at > now {
        at -= chrono::Duration::days(1);
    }
    Some((at, text.trim().to_owned()))
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
    fn a_note_can_say_when_it_happened() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:10:00Z").map(|d| d.to_utc()).expect("date");
        let (at, text) = backdated("@14:02 checkout errors began", now).expect("backdated");
        assert_eq!((at.to_rfc3339(), text.as_str()), ("2026-11-23T14:02:00+00:00".to_owned(), "checkout errors began"));
        let (at, _) = backdated("@23:50 the job ran", now).expect("yesterday");
        assert_eq!(at.to_rfc3339(), "2026-11-22T23:50:00+00:00");
        assert_eq!(backdated("no prefix", now), None);
        assert_eq!(backdated("@25:99 bad", now), None);
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
