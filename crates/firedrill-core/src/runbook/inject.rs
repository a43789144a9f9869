//! A facilitator's inject card (Google's "Wheel of Misfortune"): what goes
//! wrong during a drill, shown when its time comes or its step starts, and
//! what it does once shown (its effects). The effects name a check, a kill
//! switch or the release probe of the runbook; [`check`] says when one
//! names nothing there.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::{Runbook, RunbookError};
use crate::duration::HumanDuration;
use crate::vocab::StepKind;

/// One inject card of a runbook's or a deck's `[[injects]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inject {
    /// The card's title, e.g. "The known-good build fails its health check".
    #[schemars(with = "String", pattern(super::schema::NON_BLANK))]
    pub title: Spanned<String>,
    /// What the team is told.
    #[serde(default)]
    pub text: String,
    /// Fires this long after the start (active time).
    pub at: Option<HumanDuration>,
    /// Fires when this step starts.
    pub on: Option<StepKind>,
    /// Once shown, this check (by its name) counts as failed: checking it
    /// needs the verifier's reason, as a failed command would.
    #[schemars(with = "Option<String>")]
    pub fail_check: Option<Spanned<String>>,
    /// Once shown, this kill switch (by its name) cannot be turned off (the
    /// flag service is unreachable): turning it off is refused with the
    /// card's title as the reason, for the rest of the session.
    #[schemars(with = "Option<String>")]
    pub stuck_flag: Option<Spanned<String>>,
    /// Once shown, the release probe is taken to report this release: the
    /// probe item needs the verifier's reason to be checked, and its real
    /// output is kept and marked as overruled by the card (simulated).
    #[schemars(with = "Option<String>", pattern(super::schema::ONE_WORD))]
    pub probe_reports: Option<Spanned<String>>,
}

impl Inject {
    /// The card's title.
    pub fn title(&self) -> &str {
        self.title.get_ref()
    }
}

/// Every effect of `injects` (a runbook's, or a deck's, with `text` the
/// file they were read from) that names nothing in `rb`, and every empty
/// title, located at `path:line:col`.
pub fn check(injects: &[Inject], rb: &Runbook, path: &str, text: &str) -> Vec<RunbookError> {
    let mut errors = Vec::new();
    let mut err = |span: std::ops::Range<usize>, field: String, code: &'static str, message: String| {
        errors.push(RunbookError::at(path, text, span.start, Some(&field), message).with_code(code));
    };
    let checks: Vec<&str> = rb.checks().iter().map(|c| c.name.trim()).collect();
    let flags: Vec<&str> = rb.flags.iter().map(|f| f.get_ref().name.trim()).collect();
    for (n, card) in injects.iter().enumerate() {
        let field = |key: &str| format!("injects[{}].{key}", n + 1);
        if card.title().trim().is_empty() {
            err(card.title.span(), field("title"), "empty", "must say what went wrong".to_owned());
        }
        if let Some(name) = &card.fail_check
            && !checks.contains(&name.get_ref().trim())
        {
            let message =
                format!("no check named {:?} in the runbook (its checks: {})", name.get_ref(), listed(&checks));
            err(name.span(), field("fail_check"), "unknown-name", message);
        }
        if let Some(name) = &card.stuck_flag
            && !flags.contains(&name.get_ref().trim())
        {
            let message =
                format!("no kill switch named {:?} in the runbook (its flags: {})", name.get_ref(), listed(&flags));
            err(name.span(), field("stuck_flag"), "unknown-name", message);
        }
        if let Some(release) = &card.probe_reports {
            let value = release.get_ref().trim();
            if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                let message = format!("is {value:?}; write one release ID such as prod-2026-01-14.1");
                err(release.span(), field("probe_reports"), "invalid-value", message);
            } else if rb.release.probe.is_none() {
                let message =
                    "the runbook has no release.probe: there is no probe to report a wrong release".to_owned();
                err(release.span(), field("probe_reports"), "no-probe", message);
            }
        }
    }
    // In file order, as a runbook's errors are.
    errors.sort_by_key(|e| e.location.map(|l| (l.line, l.col)));
    errors
}

fn listed(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(", ")
    }
}
