//! Recovery signals (docs/domain.md, "The five steps", step 5): after a rollback,
//! watch error rate and latency, sign-up/login success, background jobs,
//! database write failures and third-party failures. A check may be tagged
//! with the signal it covers; the verify step and the postmortem name the
//! signals no check covers.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Runbook;

/// A signal that says users are fine again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    /// Error rate.
    Errors,
    /// Latency.
    Latency,
    /// Sign-up and login success.
    Signups,
    /// Background jobs: queues, emails, webhooks.
    Jobs,
    /// Database write failures.
    DbWrites,
    /// Third-party API failures.
    ThirdParty,
}

impl Signal {
    /// Every signal, in the practice's order.
    pub const ALL: [Self; 6] =
        [Self::Errors, Self::Latency, Self::Signups, Self::Jobs, Self::DbWrites, Self::ThirdParty];

    /// The tag as the runbook writes it (`db_writes`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Errors => "errors",
            Self::Latency => "latency",
            Self::Signups => "signups",
            Self::Jobs => "jobs",
            Self::DbWrites => "db_writes",
            Self::ThirdParty => "third_party",
        }
    }

    /// The signal in words, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Errors => "error rate",
            Self::Latency => "latency",
            Self::Signups => "sign-up and login success",
            Self::Jobs => "background jobs",
            Self::DbWrites => "database write failures",
            Self::ThirdParty => "third-party failures",
        }
    }

    /// The signals no check of `runbook` covers, in order.
    pub fn uncovered(runbook: &Runbook) -> Vec<Self> {
        Self::ALL.into_iter().filter(|s| !runbook.checks().iter().any(|c| c.signal == Some(*s))).collect()
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
