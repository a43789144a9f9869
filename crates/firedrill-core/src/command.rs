//! Commands a runbook names for a checklist item or a check: an argv
//! (never a shell string), a timeout, and whether it changes a system.

use serde::{Deserialize, Serialize};

use crate::duration::HumanDuration;

/// How long a command may run when the runbook does not say (60 s).
pub const DEFAULT_TIMEOUT: HumanDuration = HumanDuration::from_secs(60);

/// A command to run for one checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandSpec {
    /// The program and its arguments.
    pub argv: Vec<String>,
    /// Killed (with its process group) after this long.
    pub timeout: HumanDuration,
    /// True for commands that change a system: in a drill they are shown
    /// and not run unless the drill was started with `--live-commands`.
    pub mutates: bool,
    /// For the release probe: the text the output must contain to pass.
    pub expect: Option<String>,
}

/// An argv as a person reads it: secrets hidden ([`redact_argv`]), and
/// arguments with spaces or quotes quoted, so `["sh", "-c", "a; b"]` never
/// looks like a shell string. Every place a command line is shown or
/// written (pane title, confirm dialog, postmortem) goes through here.
///
/// [`redact_argv`]: crate::redact::redact_argv
pub fn show_argv(argv: &[String]) -> String {
    crate::redact::redact_argv(argv)
        .iter()
        .map(|a| {
            if a.is_empty() || a.chars().any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | ';' | '|' | '&' | '$')) {
                format!("{a:?}")
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a command run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "ended")]
pub enum RunEnd {
    /// The program exited with this code.
    Exited {
        /// The exit code.
        code: i32,
    },
    /// It ran past its timeout and was killed with its process group.
    TimedOut,
    /// It was killed by a signal.
    Killed,
    /// It could not start.
    NotStarted {
        /// Why.
        reason: String,
    },
    /// A mutating command in a drill without `--live-commands`: not run.
    NotRunInDrill,
    /// firedrill stopped (a crash, a kill) while it ran: how it ended is
    /// not known.
    Interrupted,
}

impl RunEnd {
    /// True when the command succeeded (exit 0).
    pub fn passed(&self) -> bool {
        matches!(self, Self::Exited { code: 0 })
    }

    /// The end in words.
    pub fn label(&self) -> String {
        match self {
            Self::Exited { code: 0 } => "passed (exit 0)".to_owned(),
            Self::Exited { code } => format!("failed (exit {code})"),
            Self::TimedOut => "timed out, killed".to_owned(),
            Self::Killed => "killed by a signal".to_owned(),
            Self::NotStarted { reason } => format!("could not start: {reason}"),
            Self::NotRunInDrill => "not run: changes a system (drill without --live-commands)".to_owned(),
            Self::Interrupted => "interrupted: firedrill stopped while it ran; its end is not known".to_owned(),
        }
    }
}

/// The recorded result of a command run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunResult {
    /// How it ended.
    pub end: RunEnd,
    /// How long it ran, in milliseconds.
    pub duration_ms: u64,
    /// The last lines it printed (sanitized and redacted).
    pub tail: Vec<String>,
    /// Bytes it printed in all (more than were kept when over 1 MiB).
    pub output_bytes: u64,
}

impl RunResult {
    /// True when the run passed, and for the release probe, the output
    /// names the `expect`ed release.
    pub fn passed(&self, expect: Option<&str>) -> bool {
        self.end.passed() && expect.is_none_or(|e| self.tail.iter().any(|l| l.contains(e)))
    }

    /// How the run ended in words, against its `expect`: a run that
    /// exited 0 without the expected words in the last lines kept did not
    /// pass, and says so, never "passed (exit 0)".
    pub fn said(&self, expect: Option<&str>) -> String {
        self.said_with(expect, str::to_owned)
    }

    /// [`RunResult::said`] with the expected words shown by `show` (a
    /// postmortem quotes them as code).
    pub fn said_with(&self, expect: Option<&str>, show: impl Fn(&str) -> String) -> String {
        match expect {
            Some(e) if self.end.passed() && !self.passed(expect) => {
                format!("did not pass: exit 0, but its last lines do not show {}", show(e))
            }
            _ => self.end.label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_line_is_shown_quoted_and_without_its_secrets() {
        let argv: Vec<String> =
            ["psql", "postgres://app:hunter2@db/app", "-c", "select 1", "--password", "pw"].map(str::to_owned).to_vec();
        assert_eq!(show_argv(&argv), r#"psql postgres://app:[redacted]@db/app -c "select 1" --password [redacted]"#);
    }

    #[test]
    fn a_run_that_exits_0_without_the_expected_release_says_it_did_not_pass() {
        let run = |tail: &[&str]| RunResult {
            end: RunEnd::Exited { code: 0 },
            duration_ms: 900,
            tail: tail.iter().map(|l| (*l).to_owned()).collect(),
            output_bytes: 40,
        };
        let wrong = run(&["prod-2026-12-07.1 deployed"]);
        assert!(!wrong.passed(Some("prod-2026-12-01.1")));
        assert_eq!(
            wrong.said(Some("prod-2026-12-01.1")),
            "did not pass: exit 0, but its last lines do not show prod-2026-12-01.1"
        );
        assert_eq!(run(&["prod-2026-12-01.1 deployed"]).said(Some("prod-2026-12-01.1")), "passed (exit 0)");
        assert_eq!(wrong.said(None), "passed (exit 0)", "no expectation: the exit says it");
        let failed = RunResult { end: RunEnd::Exited { code: 1 }, ..wrong };
        assert_eq!(failed.said(Some("prod-2026-12-01.1")), "failed (exit 1)");
    }
}
