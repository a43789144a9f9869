//! Restore readiness facts of a runbook (docs/domain.md, "Backups"): the latest
//! backup, how to prove it finished, who restores it and where, and how
//! often a restore is practised.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use crate::duration::HumanDuration;
use crate::period::Period;

/// Restore readiness: the latest backup, how to prove it finished, who
/// restores it where, and when a restore last succeeded.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// The latest backup, as people name it.
    pub latest: Option<String>,
    /// Known restore time.
    pub restore_time: Option<HumanDuration>,
    /// Agreed tolerance for data loss.
    pub max_data_loss: Option<HumanDuration>,
    /// When a restore last succeeded: a `YYYY-MM-DD` date, or `never`.
    #[schemars(with = "Option<String>", pattern(super::schema::date_or_never()))]
    pub restored_last: Option<Spanned<String>>,
    /// A read-only argv whose output states when the latest backup
    /// finished (an RFC 3339 or `YYYY-MM-DD HH:MM` UTC time); `preflight`
    /// runs it.
    #[schemars(with = "Option<Vec<String>>")]
    pub probe: Option<Spanned<Vec<String>>>,
    /// The agreed window: a backup older than this does not count
    /// before a release (`26h`, `7d`).
    pub window: Option<Period>,
    /// Who can restore it under stress.
    pub owner: Option<String>,
    /// Where a restore goes first (non-production), e.g. `billing-restore`.
    pub restore_target: Option<String>,
    /// How often a restore must be practised to count; 90 days when absent.
    pub practice_every: Option<Period>,
    /// A read-only argv that proves the backup can be reached under stress
    /// (the account, its permissions, the encryption keys); `preflight`
    /// runs it and answers "access verified" on exit 0.
    #[schemars(with = "Option<Vec<String>>")]
    pub access_probe: Option<Spanned<Vec<String>>>,
}

/// How often a restore must be practised when the runbook does not say:
/// 90 days (issue 10, "backups that count only once restored").
pub const PRACTICE_EVERY: Period = Period::days(90);

impl Backup {
    /// How often a restore must be practised: `practice_every`, else
    /// [`PRACTICE_EVERY`].
    pub fn practice_every(&self) -> Period {
        self.practice_every.unwrap_or(PRACTICE_EVERY)
    }

    /// The date a restore last succeeded; `None` when not stated, `never`,
    /// or not a date (validation refuses that).
    pub fn restored_on(&self) -> Option<chrono::NaiveDate> {
        parse_date(self.restored_last.as_ref()?.get_ref())
    }
}

/// The calendar date `text` writes as `YYYY-MM-DD` (white space around it
/// allowed): four, two and two digits, a real day; `None` otherwise (the
/// schema's date pattern says the same).
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let t = text.trim();
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    shaped.then(|| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()).flatten()
}
