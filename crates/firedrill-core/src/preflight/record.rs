//! The short record a pre-release check leaves beside the drills, so "how
//! fast can we name the live release" has a history (review lists it and
//! trends it). Only what the check decided: each verdict, its one-line
//! evidence (already sanitized; redacted again here with the runbook's
//! patterns, so a record never keeps a secret) and how long each probe ran.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Answer, Grade, ProbeEvidence, Question, exit_code};
use crate::markdown::{code, heading, inline};
use crate::redact::Redactor;
use crate::runbook::Runbook;

/// The record's format; a reader refuses another.
pub const RECORD_FORMAT: u32 = 1;

/// One answer as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// Which question.
    pub question: Question,
    /// Pass, fail or unknown.
    pub verdict: Grade,
    /// The evidence in one line, redacted.
    pub evidence: String,
    /// How long the question's probe ran, in milliseconds, when one ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe_ms: Option<u64>,
}

/// A pre-release check as saved: `<UTC date>T<HHMM>Z-<slug>.preflight.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// [`RECORD_FORMAT`].
    pub format: u32,
    /// When the check ran (UTC).
    pub at: DateTime<Utc>,
    /// The runbook key (its file stem), as review groups sessions.
    pub runbook: String,
    /// The runbook's title then.
    pub title: String,
    /// The service, when the runbook names one.
    #[serde(default)]
    pub service: Option<String>,
    /// The runbook text's sha256.
    pub runbook_sha256: String,
    /// The exit code the check gave: 0 all pass, 1 a failure, 3 only unknowns.
    pub exit_code: u8,
    /// True when run with `--strict` (unknowns fail).
    pub strict: bool,
    /// How fast the live release had to be named, in milliseconds.
    pub name_within_ms: u64,
    /// Every answer, in the order asked.
    pub answers: Vec<Recorded>,
}

impl Record {
    /// The record of a check of `runbook` (key `key`, text hash `sha256`)
    /// that gave `answers` from `evidence`; `redactor` hides what the
    /// runbook calls secret in the evidence.
    pub fn new(
        runbook: &Runbook,
        key: &str,
        sha256: &str,
        answers: &[Answer],
        evidence: &ProbeEvidence,
        strict: bool,
        redactor: &Redactor,
    ) -> Self {
        Self {
            format: RECORD_FORMAT,
            at: evidence.now,
            runbook: key.to_owned(),
            title: runbook.title().to_owned(),
            service: runbook.service.clone(),
            runbook_sha256: sha256.to_owned(),
            exit_code: exit_code(answers, strict),
            strict,
            name_within_ms: u64::try_from(evidence.name_within.as_millis()).unwrap_or(u64::MAX),
            answers: answers
                .iter()
                .map(|a| Recorded {
                    question: a.question,
                    verdict: a.verdict,
                    evidence: redactor.apply(&a.evidence),
                    probe_ms: a.probe_ms,
                })
                .collect(),
        }
    }

    /// Milliseconds the release probe took to name the live release, when
    /// it did in time (the question passed); a failed or unknown answer
    /// has no time to name it.
    pub fn name_live_ms(&self) -> Option<u64> {
        self.answers
            .iter()
            .find(|a| a.question == Question::NameLive && a.verdict == Grade::Pass)
            .and_then(|a| a.probe_ms)
    }

    /// How many answers have `verdict`.
    pub fn count(&self, verdict: Grade) -> usize {
        self.answers.iter().filter(|a| a.verdict == verdict).count()
    }

    /// The worst verdict: fail, else unknown, else warn, else pass.
    pub fn verdict(&self) -> Grade {
        [Grade::Fail, Grade::Unknown, Grade::Warn].into_iter().find(|v| self.count(*v) > 0).unwrap_or(Grade::Pass)
    }

    /// The record as markdown, for review to show.
    pub fn markdown(&self) -> String {
        let mut out =
            format!("# Pre-release check: {} ({} UTC)\n\n", heading(&self.title), self.at.format("%Y-%m-%d %H:%M"));
        let sha = &self.runbook_sha256[..self.runbook_sha256.len().min(12)];
        let _ = writeln!(out, "- Runbook: {} (sha256 {})", code(&self.runbook), code(sha));
        if let Some(s) = &self.service {
            let _ = writeln!(out, "- Service: {}", inline(s));
        }
        let strict = if self.strict { ", --strict" } else { "" };
        let warn = match self.count(Grade::Warn) {
            0 => String::new(),
            n => format!(", {n} warn"),
        };
        let _ = writeln!(
            out,
            "- Exit {}{strict}: {} pass, {} fail, {} unknown{warn}\n",
            self.exit_code,
            self.count(Grade::Pass),
            self.count(Grade::Fail),
            self.count(Grade::Unknown)
        );
        for a in &self.answers {
            let took = a.probe_ms.map(|ms| format!(" (probe {}.{} s)", ms / 1000, ms % 1000 / 100)).unwrap_or_default();
            let _ = writeln!(out, "- {} {}: {}{took}", a.verdict.label(), a.question.id(), inline(&a.evidence));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::TimeZone;

    use super::*;
    use crate::command::{RunEnd, RunResult};

    const RUNBOOK: &str = "version = 1\ntitle = \"T\"\nservice = \"api\"\nredact = [\"hunter[0-9]+\"]\n\
        [release]\nlive = \"prod-2\"\nknown_good = \"prod-1\"\nprobe = [\"./probe\"]\n\
        [[triggers]]\nsignal = \"s\"\n[[checks]]\nname = \"c\"\n";

    fn evidence(tail: &str, ms: u64) -> ProbeEvidence {
        let live = RunResult {
            end: RunEnd::Exited { code: 0 },
            tail: vec![tail.to_owned()],
            duration_ms: ms,
            output_bytes: 9,
        };
        ProbeEvidence {
            now: Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).single().expect("date"),
            name_within: Duration::from_secs(30),
            live: Some(live),
            ..ProbeEvidence::default()
        }
    }

    #[test]
    fn a_record_keeps_the_verdicts_and_times_never_a_secret() {
        let rb = Runbook::parse("svc.toml", RUNBOOK).expect("valid");
        let redactor = Redactor::new(&rb.redact).expect("patterns");
        let ev = evidence("live: prod-2 (deployed by hunter22)", 400);
        let answers = super::super::answer(&rb, &ev);
        let record = Record::new(&rb, "svc", "abc", &answers, &ev, false, &redactor);
        assert_eq!(record.name_live_ms(), Some(400));
        assert_eq!((record.exit_code, record.verdict()), (super::super::exit_code(&answers, false), Grade::Fail));
        let json = serde_json::to_string(&record).expect("json");
        assert!(!json.contains("hunter22"), "{json}");
        assert_eq!(serde_json::from_str::<Record>(&json).expect("reads back"), record);
        let md = record.markdown();
        assert!(md.contains("- ✓ PASS name-live: "), "{md}");
        assert!(md.contains("(probe 0.4 s)"), "{md}");
    }

    #[test]
    fn a_slow_probe_has_no_time_to_name_the_release() {
        let rb = Runbook::parse("svc.toml", RUNBOOK).expect("valid");
        let ev = evidence("live: prod-2", 31_000);
        let record = Record::new(&rb, "svc", "abc", &super::super::answer(&rb, &ev), &ev, false, &Redactor::built_in());
        assert_eq!(record.answers[0].probe_ms, Some(31_000), "the probe's time is kept");
        assert_eq!(record.name_live_ms(), None, "but it did not name the release in time");
    }
}
