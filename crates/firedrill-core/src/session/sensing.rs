//! The runbook's sensors as the session heard them: the health check and
//! the release probe (each answer an event), when each is due to run
//! again, and the questions the figures ask of their answers. A kill
//! switch's read-back lives in its ledger line (`core::switch`).

use chrono::{DateTime, Utc};

use super::Session;
use crate::command::{RunEnd, RunResult};
use crate::event::{Event, EventKind, SensorReading};
use crate::evidence::{Evidence, Sensor};
use crate::vocab::StepKind;

/// Lines of a sensor's output the journal keeps (its tail): enough to read
/// a release or a state, small enough to run every 15 seconds for a day.
pub const SENSOR_TAIL: usize = 3;

/// One answer of a sensor, by where its event sits in the session's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    t_ms: u64,
    passed: bool,
    event: usize,
}

/// Every answer of one sensor, in order (a few bytes each: the text stays
/// in its event).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SensorLog {
    hits: Vec<Hit>,
    /// Monotonic ms of the last run, whatever came of it (one that could
    /// not start is tried again on the sensor's interval, not at once).
    last_try_ms: Option<u64>,
}

impl SensorLog {
    /// How many times the sensor answered.
    pub fn count(&self) -> usize {
        self.hits.len()
    }
}

/// One answer of a sensor, read from its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadingRef<'a> {
    /// When it answered (UTC).
    pub at: DateTime<Utc>,
    /// Monotonic ms it answered.
    pub t_ms: u64,
    /// True when it exited 0.
    pub passed: bool,
    /// What it read (the probe's release), if anything.
    pub value: Option<&'a str>,
    /// For the probe: when that release was deployed, if it said.
    pub deployed_at: Option<DateTime<Utc>>,
    /// The command as shown.
    pub argv: &'a [String],
    /// How it ended.
    pub end: &'a RunEnd,
}

impl ReadingRef<'_> {
    /// This answer as evidence: measured by its command.
    pub fn evidence(&self) -> Evidence {
        Evidence::Measured { command: self.argv.to_vec(), end: self.end.clone(), at: self.at }
    }
}

impl Session {
    /// Folds a sensor's answer: health and probe answers go to their logs,
    /// a kill switch's state to its ledger line.
    pub(super) fn sensor_read(
        &mut self,
        sensor: &Sensor,
        result: &RunResult,
        value: Option<&str>,
        e: &Event,
        at: usize,
    ) {
        match sensor {
            Sensor::Health => self.health.last_try_ms = Some(e.t_ms),
            Sensor::Probe => self.probe.last_try_ms = Some(e.t_ms),
            Sensor::Switch(_) => {}
        }
        // A sensor that could not start measured nothing: its event stays
        // in the record, and no figure reads it.
        if matches!(result.end, RunEnd::NotStarted { .. }) {
            return;
        }
        let hit = Hit { t_ms: e.t_ms, passed: result.end.passed(), event: at };
        match sensor {
            Sensor::Health => self.health.hits.push(hit),
            Sensor::Probe => {
                self.probe.hits.push(hit);
                self.probe_read(value, e);
            }
            Sensor::Switch(name) => self.switch_read(name, result, value, e),
        }
    }

    fn reading<'a>(&'a self, hit: &Hit) -> Option<ReadingRef<'a>> {
        let event = self.events.get(hit.event)?;
        match &event.kind {
            EventKind::SensorRead(r) => Some(ReadingRef {
                at: event.at,
                t_ms: event.t_ms,
                passed: hit.passed,
                value: r.value.as_deref(),
                deployed_at: r.deployed_at,
                argv: &r.argv,
                end: &r.result.end,
            }),
            _ => None,
        }
    }

    /// Records a sensor's answer: the runbook must give that sensor; what
    /// it read is taken from its output here, and its tail is cut to
    /// [`SENSOR_TAIL`] lines.
    pub(super) fn record_reading(&self, sensor: Sensor, mut result: RunResult) -> super::errors::Decided {
        let argv = self.sensor_argv(&sensor).ok_or(super::SessionError::NoCommand)?.to_vec();
        let (value, deployed_at) = crate::evidence::read(&sensor, &result.end, &result.tail);
        let keep = result.tail.len().saturating_sub(SENSOR_TAIL);
        result.tail.drain(..keep);
        // firedrill runs its sensors on their interval and after actions:
        // no person ran them, so the record names no role.
        Ok((None, EventKind::SensorRead(Box::new(SensorReading { sensor, argv, result, value, deployed_at }))))
    }

    /// The health check's last answer.
    pub fn last_health(&self) -> Option<ReadingRef<'_>> {
        self.health.hits.last().and_then(|h| self.reading(h))
    }

    /// The release probe's last answer.
    pub fn last_probe(&self) -> Option<ReadingRef<'_>> {
        self.probe.hits.last().and_then(|h| self.reading(h))
    }

    /// The release the probe read last, if its last answer read one.
    pub fn probe_release(&self) -> Option<&str> {
        self.last_probe().and_then(|r| r.value)
    }

    /// The first release the probe read in this session: what was live
    /// when it began.
    fn first_probe_value(&self) -> Option<&str> {
        self.probe.hits.iter().filter_map(|h| self.reading(h)).find_map(|r| r.value)
    }

    /// The release production moved to in step 3, measured before claimed:
    /// the release the probe read last since step 3 began, when it read
    /// one other than the broken release it read first; else the release
    /// the team recorded (`reverted_to`). Beside it, the team's record
    /// when the two differ, so the record names the conflict.
    pub fn moved_to(&self) -> Option<(String, Option<&str>)> {
        let claimed = self.reverted_to.as_ref().map(|(r, _)| r.as_str());
        let from = self.step(StepKind::Revert).and_then(|s| s.started_ms);
        let first = self.first_probe_value();
        let measured = from.and_then(|from| {
            self.probe
                .hits
                .iter()
                .rev()
                .filter(|h| h.t_ms >= from)
                .filter_map(|h| self.reading(h))
                .find_map(|r| r.value)
        });
        match measured.filter(|m| Some(*m) != first) {
            Some(m) => Some((m.to_owned(), claimed.filter(|c| c.trim() != m.trim()))),
            None => claimed.map(|c| (c.to_owned(), None)),
        }
    }

    /// The releases a release prompt offers as numbered choices, with
    /// where each comes from: the release probe's last reading first (it
    /// is measured), then `runbook` (the runbook's live release for the
    /// trigger, its known-good for the revert). For the revert the probe's
    /// reading is offered only once it differs both from the release named
    /// live at the trigger and from the first release the probe read in
    /// this session: before the redeploy the probe still reads the broken
    /// release, which is never a revert target, whatever was typed.
    pub fn release_offers(&self, revert: bool, runbook: &str) -> Vec<(String, &'static str)> {
        let named = self.live_named.as_ref().map(|(r, _)| r.as_str());
        let first = self.first_probe_value();
        let probed = self
            .probe_release()
            .filter(|p| !revert || (Some(*p) != named && Some(*p) != first))
            .map(|p| (p.to_owned(), "the release probe read"));
        let mut offers: Vec<(String, &'static str)> = probed.into_iter().collect();
        if offers.iter().all(|(p, _)| p != runbook) {
            let from = if revert { "the runbook's known-good" } else { "the runbook's live release" };
            offers.push((runbook.to_owned(), from));
        }
        offers
    }

    /// The first failing answer of the health check: the harm confirmed.
    pub fn harm_confirmed(&self) -> Option<ReadingRef<'_>> {
        self.health.hits.iter().find(|h| !h.passed).and_then(|h| self.reading(h))
    }

    /// The first passing health answer at or after `from_ms`.
    pub fn health_passes_from(&self, from_ms: u64) -> Option<ReadingRef<'_>> {
        self.health.hits.iter().find(|h| h.passed && h.t_ms >= from_ms).and_then(|h| self.reading(h))
    }

    /// The health answer that says users are fine at monotonic `at_ms`:
    /// the last answer before it, when it passed and was taken after the
    /// last action before it (so it saw the system as it was then); else
    /// the first passing answer after it.
    pub fn health_confirms(&self, at_ms: u64) -> Option<ReadingRef<'_>> {
        let action = self.actions.iter().rev().find(|a| a.t_ms <= at_ms).map_or(0, |a| a.t_ms);
        let before = self.health.hits.iter().rev().find(|h| h.t_ms <= at_ms);
        match before {
            Some(h) if h.passed && h.t_ms >= action => self.reading(h),
            _ => self.health_passes_from(at_ms),
        }
    }

    /// The first probe answer at or after `from_ms` that read `release`.
    pub fn probe_reads_from(&self, release: &str, from_ms: u64) -> Option<ReadingRef<'_>> {
        self.probe
            .hits
            .iter()
            .filter(|h| h.passed && h.t_ms >= from_ms)
            .filter_map(|h| self.reading(h))
            .find(|r| r.value.is_some_and(|v| v.trim() == release.trim()))
    }

    /// The first probe answer that read any release: when the ledger was
    /// first read by a command.
    pub fn first_probe_release(&self) -> Option<ReadingRef<'_>> {
        self.probe.hits.iter().filter(|h| h.passed).filter_map(|h| self.reading(h)).find(|r| r.value.is_some())
    }

    /// The `seq` of every health or probe answer that says what the one
    /// before it said (same pass or fail, same release), in order: no news
    /// for the timeline, which shows the first answer and each change.
    pub fn repeated_readings(&self) -> Vec<u64> {
        let mut out = Vec::new();
        for log in [&self.health, &self.probe] {
            for pair in log.hits.windows(2) {
                let (Some(a), Some(b)) = (self.reading(&pair[0]), self.reading(&pair[1])) else { continue };
                if a.passed == b.passed
                    && a.value == b.value
                    && let Some(e) = self.events.get(pair[1].event)
                {
                    out.push(e.seq);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// True when the runbook gives a health check.
    pub fn has_health(&self) -> bool {
        self.spec.health.is_some()
    }

    /// True when the runbook gives a release probe.
    pub fn has_probe(&self) -> bool {
        self.spec.probe.is_some()
    }

    /// The argv of `sensor` as the runbook gives it, if it does.
    pub fn sensor_argv(&self, sensor: &Sensor) -> Option<&[String]> {
        match sensor {
            Sensor::Health => self.spec.health.as_deref(),
            Sensor::Probe => self.spec.probe.as_deref(),
            Sensor::Switch(name) => {
                let i = self.flags.iter().position(|f| &f.name == name)?;
                self.spec.switch_commands.get(i).and_then(|c| c[2].as_deref())
            }
        }
    }

    /// The sensors due to run at monotonic `t_ms`, while the team works
    /// (not paused, not ended): health and the probe at the start, after
    /// every action that may have changed the system, and every
    /// `health_every`; a kill switch's state at the start and after each
    /// change of it. The shell runs each one not already running.
    pub fn sensors_due(&self, t_ms: u64) -> Vec<Sensor> {
        if self.started_at.is_none() || self.work_end_ms().is_some() || self.is_paused() {
            return Vec::new();
        }
        let due = |log: &SensorLog| match log.last_try_ms {
            None => true,
            Some(last) => {
                t_ms.saturating_sub(last) >= self.spec.health_every_ms
                    || self.last_action_ms().is_some_and(|a| a >= last)
            }
        };
        let mut v = Vec::new();
        if self.has_health() && due(&self.health) {
            v.push(Sensor::Health);
        }
        if self.has_probe() && due(&self.probe) {
            v.push(Sensor::Probe);
        }
        for f in self.flags.iter().filter(|f| f.commands[2]) {
            let stale = match (&f.read, f.at) {
                (None, _) => true,
                (Some(read), Some(changed)) => read.at < changed,
                (Some(_), None) => false,
            };
            if stale && f.running.is_none() {
                v.push(Sensor::Switch(f.name.clone()));
            }
        }
        v
    }
}
